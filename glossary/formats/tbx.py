"""The glossary as TBX: write TBX v3 (ISO 30042:2019, TBX-Basic, DCA style); read TBX v3 and v2.

The output validates against the TBX core structure schema (``TBXcoreStructV03.rng``) and keeps
to the TBX-Basic data categories: one ``conceptEntry`` per concept (``id`` = concept id, prefixed
with ``_`` only if it would not be an XML name), one ``langSec`` per language (``en``,
``zh-Hans``, ``zh-Hant``, ``kk``, ``ru``) and one ``termSec`` per house form and per variant with
``administrativeStatus`` (TBX-Basic has no *forbidden*: forbidden forms are
``deprecatedTerm-admn-sts``; nor *proposed*, whose four values are preferred, admitted,
deprecated and superseded: a form ``collect`` proposed is ``admittedTerm-admn-sts`` with the note
``silkterm:status: proposed``, and a proposed concept has that note on its entry), ``termType`` (abbreviations, short forms, spellings) and
``partOfSpeech``; the concept note is the English ``definition``; sources are
``<admin type="source">``.

Whatever TBX-Basic has no data category for is kept in ``<note>`` elements whose text starts
with ``silkterm:`` (``silkterm:status: forbidden``, ``silkterm:kind: misspelling``,
``silkterm:valid-from: 2019-03-23``, ``silkterm:spec: {"from": …, "to": …}``…), so that
YAML → TBX → YAML loses nothing a glossary file lists. Variants the transliteration rules
generate and the traditional-script house form are exported too (they help CAT tools flag
deprecated spellings) but marked ``silkterm:rule: NAME`` / ``silkterm:derived: …`` and skipped
on import: loading the glossary derives them again.

Files from other tools (TBX v3 or v2 ``<martif>`` with ``termEntry``/``langSet``/``tig``/``ntig``)
are read too: the first preferred English term is the house form (else the first one that is
not deprecated, else the first deprecated one: the concept is then ``unverified: [en]`` and its
note says that the file deprecates it), other terms of English, Chinese, Kazakh and Russian
become variants (status from ``administrativeStatus``, ``normativeAuthorization`` or
``termStatus``, kind from ``termType``); terms of other languages are left out, and counted in
one warning per file (see :func:`read_tbx`).

``render_tbx2`` writes the same data in TBX v2 (ISO 30042:2008, ``<martif type="TBX-Basic">``,
``termEntry``/``langSet``/``tig``), the dialect OmegaT 3.6 (``GlossaryReaderTBX``, JAXB classes
generated from the v2 core structure) and translate-toolkit's ``tbxfile`` read.

Parsing is safe: no network, no DTD loading, no entity expansion; a document that declares
entities is rejected.

>>> from silkterm.glossary.model import Concept, ConceptType, Kind, Status, Variant
>>> c = Concept(id="khorgos", type=ConceptType.PLACE, en="Khorgos", source=("seeds",),
...             variants=(Variant("Khorgas", status=Status.FORBIDDEN, kind=Kind.MISSPELLING),))
>>> xml = render_tbx([c]).decode()
>>> '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>' in xml
True
>>> '<note>silkterm:status: forbidden</note>' in xml
True
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from silkterm.glossary.errors import GlossaryFormatError
from silkterm.glossary.fields import VARIANT_FIELDS, FieldKind
from silkterm.glossary.formats.common import (
    IdMaker,
    clean_variants,
    glossary_lang,
    make_concept,
)
from silkterm.glossary.model import (
    Article,
    Case,
    Concept,
    ConceptType,
    Kind,
    Spec,
    Status,
    Validity,
    Variant,
)
from silkterm.glossary.textio import open_input, write_bytes_atomic
from silkterm.glossary.version import __version__

if TYPE_CHECKING:
    from lxml import etree

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFIX = "silkterm:"
RNG_URL = "https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng"
SCH_URL = ("https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/"
           "TBX-Basic_DCA.sch")

TBX_LANGS = {"en": "en", "zh": "zh-Hans", "zh-Hant": "zh-Hant", "kk": "kk", "ru": "ru"}
LANG_ORDER = ("en", "zh", "zh-Hant", "kk", "ru")
#: TBX v2 leaves the traditional script out: OmegaT (``GlossaryReaderTBX.readMartif``) matches a
#: ``langSet`` by its language subtag only, so a ``zh-Hant`` one would give a zh-CN project
#: traditional targets.
LANG_ORDER_V2 = ("en", "zh", "kk", "ru")

_ADMIN_STATUS = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
                 "deprecated": "deprecatedTerm-admn-sts", "forbidden": "deprecatedTerm-admn-sts",
                 "proposed": "admittedTerm-admn-sts"}
_TERM_TYPE = {"short-form": "shortForm", "spelling": "variant", "misspelling": "variant",
              "transliteration": "variant", "script": "variant"}
_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9._-]*")
_SILKTERM_NOTE = re.compile(r"silkterm:([a-z-]+):[ ]?(.*)", re.DOTALL)


# ---------------------------------------------------------------------------------------------
# writing


def _term_type(v: Variant) -> str | None:
    if v.kind is None:
        return None
    if v.kind.value == "abbreviation":
        return "acronym" if re.fullmatch(r"[A-Z][A-Z0-9]+", v.form) else "abbreviation"
    return _TERM_TYPE.get(v.kind.value)


#: Variant fields a TBX term holds elsewhere than in ``silkterm:`` notes: the term, its language
#: section, a plain note and ``admin`` sources; the line is in no file, the rule is not read back
#: (loading the glossary derives generated variants again).
_NOT_NOTES = frozenset({"form", "lang", "note", "source", "line"})
#: Lists of phrases: one note per item under the singular key (other lists are one note, the items
#: joined by spaces).
_NOTE_EACH = {"exceptions": "exception"}


def _variant_notes(v: Variant) -> Iterator[tuple[str, str]]:
    """The ``silkterm:`` notes (key, text) of a variant, its fields in their declared order
    (:data:`~silkterm.glossary.fields.VARIANT_FIELDS`): each that differs from its default, and
    the status always."""
    for f in VARIANT_FIELDS:
        value = getattr(v, f.name)
        if f.name in _NOT_NOTES or (value == f.default and f.name != "status"):
            continue
        if f.kind is FieldKind.CHOICE:
            yield f.name, value.value
        elif f.kind is FieldKind.VALIDITY:
            yield from ((f"{f.name}-{end}", day.isoformat()) for end, day in
                        (("from", value.start), ("to", value.end)) if day is not None)
        elif f.kind is FieldKind.TEXTS and f.name in _NOTE_EACH:
            yield from ((_NOTE_EACH[f.name], item) for item in value)
        elif f.kind is FieldKind.TEXTS:
            yield f.name, " ".join(value)
        elif f.kind is FieldKind.FLAG:
            yield f.name, "true" if value else "false"
        else:
            yield f.name, value


def _variant_fields(info: _Info) -> dict[str, Any]:
    """The variant fields the ``silkterm:`` notes of a term give (what :func:`_variant_notes`
    writes); a field without a note keeps its default."""
    fields: dict[str, Any] = {}
    for f in VARIANT_FIELDS:
        if f.name in _NOT_NOTES or f.name == "rule":
            continue
        text = info.one(f.name)
        if f.kind is FieldKind.CHOICE:
            if text:
                assert f.choices is not None
                fields[f.name] = f.choices(text)
        elif f.kind is FieldKind.VALIDITY:
            start, end = (info.one(f"{f.name}-{end}") for end in ("from", "to"))
            if start or end:
                fields[f.name] = Validity(_dt.date.fromisoformat(start) if start else None,
                                          _dt.date.fromisoformat(end) if end else None)
        elif f.kind is FieldKind.TEXTS and f.name in _NOTE_EACH:
            fields[f.name] = tuple(info.silkterm.get(_NOTE_EACH[f.name], []))
        elif f.kind is FieldKind.TEXTS:
            fields[f.name] = tuple((text or "").split())
        elif f.kind is FieldKind.FLAG:
            fields[f.name] = text == "true" if f.default is False else text != "false"
        elif text is not None:
            fields[f.name] = text
    return fields


#: TBX v2 (MARTIF, ISO 30042:2008) names of the v3 elements the writer makes.
_V2_TAGS = {"conceptEntry": "termEntry", "langSec": "langSet", "termSec": "tig",
            "tbxHeader": "martifHeader"}


#: ``silkterm:`` notes TBX v2 leaves out: OmegaT shows every note of an entry in the comment of
#: each of its glossary entries, and these (where the seeds use a form, the specs, the order of
#: variants across languages) are long and say nothing to a translator.
_V2_LEFT_OUT = frozenset({"seen", "spec", "seq"})


class _Writer:
    """Writes TBX v3 (``v2=False``) or the same data in TBX v2 (MARTIF, no namespace, the v2
    element names of :data:`_V2_TAGS`, no ``zh-Hant`` language section)."""

    def __init__(self, *, v2: bool = False) -> None:
        from lxml import etree

        self.etree = etree
        self.v2 = v2

    def el(self, parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
        name = _V2_TAGS.get(tag, tag) if self.v2 else f"{{{TBX_NS}}}{tag}"
        node = self.etree.SubElement(parent, name, attrs)
        if text is not None:
            node.text = text
        return node

    def note(self, parent: Any, key: str, value: str) -> None:
        if self.v2 and key in _V2_LEFT_OUT:
            return
        self.el(parent, "note", f"{PREFIX}{key}: {value}")

    def term_sec(self, lang_sec: Any, form: str, status: str, term_type: str | None = None) -> Any:
        sec = self.el(lang_sec, "termSec")
        self.el(sec, "term", form)
        self.el(sec, "termNote", _ADMIN_STATUS[status], type="administrativeStatus")
        if term_type:
            self.el(sec, "termNote", term_type, type="termType")
        self.el(sec, "termNote", "noun", type="partOfSpeech")
        return sec

    def variant(self, lang_sec: Any, v: Variant, seq: int | None) -> None:
        sec = self.term_sec(lang_sec, v.form, v.status.value, _term_type(v))
        for source in v.source:
            self.el(sec, "admin", source, type="source")
        if v.note is not None:
            self.el(sec, "note", v.note)
        for key, value in _variant_notes(v):
            self.note(sec, key, value)
        if seq is not None:
            self.note(sec, "seq", str(seq))

    def concept(self, body: Any, c: Concept, include_generated: bool) -> None:
        entry = self.el(body, "conceptEntry", id=c.id if _NCNAME.fullmatch(c.id) else f"_{c.id}")
        for source in c.source:
            self.el(entry, "admin", source, type="source")
        self.note(entry, "type", c.type.value)
        if c.status is not None:
            self.note(entry, "status", c.status.value)
        if c.case.value != "shape":
            self.note(entry, "case", c.case.value)
        if c.article.value != "any":
            self.note(entry, "article", c.article.value)
        if not c.verified and not c.unverified:
            self.note(entry, "verified", "false")
        if c.unverified:
            self.note(entry, "unverified", " ".join(c.unverified))
        if c.exclude_rules:
            self.note(entry, "exclude-rules", " ".join(c.exclude_rules))
        for spec in c.specs:
            self.note(entry, "spec", json.dumps({"from": spec.source, "to": spec.expected},
                                                ensure_ascii=False))
        if c.pinyin is not None and c.zh is None:
            self.note(entry, "pinyin", c.pinyin)
        listed = [v for v in c.variants if v.rule is None]
        grouped = sorted(listed, key=lambda v: LANG_ORDER.index(v.lang))
        numbered = grouped != listed
        seq = {id(v): i for i, v in enumerate(listed, 1)}
        variants = [v for v in c.variants if include_generated or v.rule is None]
        for lang in LANG_ORDER_V2 if self.v2 else LANG_ORDER:
            house = c.house_form(lang) if lang != "zh-Hant" else None
            mine = [v for v in variants if v.lang == lang]
            derived = lang == "zh-Hant" and c.zh_hant is not None and c.zh_hant != c.zh
            if house is None and not mine and not derived:
                continue
            sec = self.el(entry, "langSec", **{XML_LANG: TBX_LANGS[lang]})
            if lang == "en" and c.note is not None:
                self.el(sec, "descrip", c.note, type="definition")
            if house is not None:
                term = self.term_sec(sec, house, "preferred")
                if lang == "en" and c.seen:
                    self.note(term, "seen", " ".join(c.seen))
                if lang == "zh" and c.pinyin is not None:
                    self.note(term, "pinyin", c.pinyin)
            if derived:
                assert c.zh_hant is not None
                term = self.term_sec(sec, c.zh_hant, "admitted", "variant")
                self.note(term, "derived", "traditional script of the Chinese house form")
            for v in mine:
                self.variant(sec, v, seq.get(id(v)) if numbered and v.rule is None else None)

    def martif(self, concepts: Iterable[Concept], include_generated: bool) -> bytes:
        """The TBX v2 document: ``<martif type="TBX-Basic" xml:lang="en">`` with a
        ``martifHeader`` and ``text/body/termEntry/langSet/tig/term``."""
        etree = self.etree
        root = etree.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
        header = self.el(root, "tbxHeader")
        file_desc = self.el(header, "fileDesc")
        title = self.el(file_desc, "titleStmt")
        self.el(title, "title", "silkterm glossary")
        source = self.el(file_desc, "sourceDesc")
        self.el(source, "p", f"Exported by silkterm {__version__}.")
        encoding = self.el(header, "encodingDesc")
        self.el(encoding, "p", "TBXBasicXCSV02.xcs", type="XCSURI")
        body = self.el(self.el(root, "text"), "body")
        for c in concepts:
            self.concept(body, c, include_generated)
        etree.indent(root, space="  ")
        data: bytes = etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8",
                                     pretty_print=True)
        return data

    def document(self, concepts: Iterable[Concept], include_generated: bool) -> bytes:
        etree = self.etree
        root = etree.Element(f"{{{TBX_NS}}}tbx", {"type": "TBX-Basic", "style": "dca",
                                                   XML_LANG: "en"}, nsmap={None: TBX_NS})
        header = self.el(root, "tbxHeader")
        file_desc = self.el(header, "fileDesc")
        title = self.el(file_desc, "titleStmt")
        self.el(title, "title", "silkterm glossary")
        source = self.el(file_desc, "sourceDesc")
        self.el(source, "p", f"Exported by silkterm {__version__}.")
        encoding = self.el(header, "encodingDesc")
        self.el(encoding, "p", "TBX-Basic (DCA). Data without a TBX-Basic data category is kept "
                               "in <note> elements whose text starts with 'silkterm:'; terms "
                               "with a 'silkterm:rule' or 'silkterm:derived' note are derived by "
                               "silkterm's transliteration rules.")
        text = self.el(root, "text")
        items = list(concepts)
        if items:
            body = self.el(text, "body")
            for c in items:
                self.concept(body, c, include_generated)
        root.addprevious(etree.PI("xml-model", f'href="{RNG_URL}" type="application/xml" '
                                  'schematypens="http://relaxng.org/ns/structure/1.0"'))
        root.addprevious(etree.PI("xml-model", f'href="{SCH_URL}" type="application/xml" '
                                  'schematypens="http://purl.oclc.org/dsdl/schematron"'))
        etree.indent(root, space="  ")
        data: bytes = etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8",
                                     pretty_print=True)
        return data


def render_tbx(concepts: Iterable[Concept], *, include_generated: bool = True) -> bytes:
    """The TBX v3 (TBX-Basic, DCA) document for ``concepts``, UTF-8 encoded."""
    return _Writer().document(concepts, include_generated)


def write_tbx(concepts: Iterable[Concept], path: str | Path, *,
              include_generated: bool = True) -> int:
    """Write ``concepts`` as TBX v3 to ``path`` (atomically); return their number."""
    items = list(concepts)
    write_bytes_atomic(path, render_tbx(items, include_generated=include_generated))
    return len(items)


def render_tbx2(concepts: Iterable[Concept], *, include_generated: bool = False) -> bytes:
    """The TBX v2 (ISO 30042:2008, MARTIF, TBX-Basic) document for ``concepts``, UTF-8 encoded:
    the data of :func:`render_tbx` in v2 elements, without the traditional-script language
    section, without the ``silkterm:seen``, ``spec`` and ``seq`` notes and (unless
    ``include_generated``) without the variants the rules generate (loading derives them)."""
    return _Writer(v2=True).martif(concepts, include_generated)


def write_tbx2(concepts: Iterable[Concept], path: str | Path, *,
               include_generated: bool = False) -> int:
    """Write ``concepts`` as TBX v2 to ``path`` (atomically); return their number."""
    items = list(concepts)
    write_bytes_atomic(path, render_tbx2(items, include_generated=include_generated))
    return len(items)


# ---------------------------------------------------------------------------------------------
# reading


def _reject_entities(raw: bytes, path: Path) -> None:
    """Refuse a document whose DTD declares entities, before the parser sees it."""
    start = raw.find(b"<!DOCTYPE")
    if start < 0:
        return
    end = raw.find(b"]>", start)
    found = raw.find(b"<!ENTITY", start, end if end >= 0 else len(raw))
    if found >= 0:
        raise GlossaryFormatError("entity declarations are not allowed", path=str(path),
                                  line=raw[:found].count(b"\n") + 1)


def parse_xml(path: str | Path) -> etree._ElementTree:
    """Parse an XML file without network access, DTD loading or entity expansion.

    Raises :class:`~silkterm.glossary.errors.GlossaryFormatError` (with the line) for malformed
    XML and for documents that declare entities (XXE, "billion laughs").
    """
    from lxml import etree

    p = Path(path)
    with open_input(p, error=GlossaryFormatError) as fh:
        raw = fh.read()
    _reject_entities(raw, p)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_pis=True)
    try:
        tree = etree.fromstring(raw, parser).getroottree()
    except etree.XMLSyntaxError as e:
        line = e.position[0] if e.position else getattr(e, "lineno", None)
        message = re.sub(r", line \d+, column \d+$", "", e.msg or "not well-formed")
        raise GlossaryFormatError(f"malformed XML: {message}", path=str(p), line=line) from None
    dtd: Any = tree.docinfo.internalDTD  # lxml's stubs miss DTD.iterentities
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise GlossaryFormatError("entity declarations are not allowed", path=str(p), line=1)
    return tree


def _local(node: Any) -> str:
    tag = node.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _text(node: Any) -> str:
    return "".join(node.itertext())


def _collapse(text: str) -> str:
    return " ".join(text.split())


_ENTRY = {"conceptEntry", "termEntry"}
_LANG = {"langSec", "langSet"}
_TERM = {"termSec", "tig", "ntig"}


def _items(node: Any, stop: set[str]) -> Iterator[tuple[str, str | None, Any]]:
    """(element name, type attribute, element) of the data under ``node``, not descending into
    ``stop`` elements or transaction groups."""
    for child in node:
        name = _local(child)
        if not name or name in stop or name == "transacGrp":
            continue
        if name.endswith("Grp") or name == "ntig":
            yield from _items(child, stop)
        else:
            yield name, child.get("type"), child


class _Info:
    """The notes, sources, definitions and term notes at one level of an entry."""

    def __init__(self, node: Any, stop: set[str], exact: bool) -> None:
        self.silkterm: dict[str, list[str]] = {}
        self.notes: list[str] = []
        self.sources: list[str] = []
        self.definitions: list[str] = []
        self.term_notes: dict[str, str] = {}
        self.term: str | None = None
        for name, kind, el in _items(node, stop):
            text = _text(el) if exact else _collapse(_text(el))
            if name == "note":
                m = _SILKTERM_NOTE.fullmatch(text)
                if m:
                    self.silkterm.setdefault(m.group(1), []).append(m.group(2))
                elif text:
                    self.notes.append(text)
            elif name == "admin" and kind == "source" and text:
                self.sources.append(text)
            elif name == "descrip" and kind == "definition" and text:
                self.definitions.append(text)
            elif name == "termNote" and kind:
                self.term_notes.setdefault(kind, text.strip())
            elif name == "term" and self.term is None:
                self.term = text if exact else _collapse(_text(el))

    def one(self, key: str) -> str | None:
        values = self.silkterm.get(key)
        return values[0] if values else None


def _raw_status(info: _Info) -> str:
    """The status a term note gives as written: ``administrativeStatus``, else the older
    ``normativeAuthorization`` or ``termStatus``; empty if none."""
    return (info.term_notes.get("administrativeStatus") or info.term_notes.get("normativeAuthorization")
            or info.term_notes.get("termStatus") or "")


def _status_of(info: _Info) -> Any:
    raw = _raw_status(info).lower()
    raw = raw.removesuffix("-admn-sts").removesuffix("term")
    return {"preferred": Status.PREFERRED, "admitted": Status.ADMITTED,
            "deprecated": Status.DEPRECATED, "superseded": Status.DEPRECATED,
            "forbidden": Status.FORBIDDEN, "obsolete": Status.DEPRECATED}.get(raw)


class _Reader:
    def __init__(self, path: Path, skipped: list[str] | None, notices: list[str] | None,
                 warnings: list[str] | None = None) -> None:
        self.path = path
        self.ids = IdMaker()
        self.skipped = skipped
        self.notices = notices
        self.warnings = warnings
        self.left_out: dict[str, int] = {}  # language as written (first spelling) → terms
        self.left_out_names: dict[str, str] = {}  # lower case → first spelling

    def fail(self, message: str, node: Any) -> GlossaryFormatError:
        return GlossaryFormatError(message, path=str(self.path),
                                   line=getattr(node, "sourceline", None))

    def read(self) -> list[Concept]:
        root = parse_xml(self.path).getroot()
        if _local(root) not in ("tbx", "martif"):
            raise self.fail(f"not a TBX file (root element <{_local(root)}>, expected <tbx> or "
                            "<martif>)", root)
        out = []
        for e in root.iter():
            if _local(e) in _ENTRY:
                concept = self.entry(e)
                if concept is not None:
                    out.append(concept)
        if self.left_out and self.warnings is not None:
            count = sum(self.left_out.values())
            langs = ", ".join(sorted(self.left_out, key=str.lower))
            terms = f"{count} terms" if count != 1 else "1 term"
            many = "languages" if len(self.left_out) > 1 else "a language"
            self.warnings.append(f"{self.path}: {terms} in {many} silkterm does not keep "
                                 f"({langs}) {'were' if count != 1 else 'was'} left out")
        return out

    def leave_out(self, lang_sec: Any) -> None:
        """Count the terms of a language section in a language silkterm does not keep."""
        code = (lang_sec.get(XML_LANG) or "").strip() or "no language"
        name = self.left_out_names.setdefault(code.lower(), code)
        terms = sum(1 for t in lang_sec if _local(t) in _TERM)
        self.left_out[name] = self.left_out.get(name, 0) + terms

    def entry(self, entry: Any) -> Concept | None:
        top = _Info(entry, _LANG, exact=True)
        ours = "type" in top.silkterm
        if not ours:
            top = _Info(entry, _LANG, exact=False)
        fields: dict[str, Any] = {}
        sources = list(top.sources)
        definitions = list(top.definitions)
        terms: list[tuple[str, Any]] = []  # (glossary lang, termSec)
        for lang_sec in entry:
            if _local(lang_sec) not in _LANG:
                continue
            lang = glossary_lang(lang_sec.get(XML_LANG))
            if lang is None:
                self.leave_out(lang_sec)
                continue
            level = _Info(lang_sec, _TERM, exact=ours)
            if lang == "en":
                definitions[:0] = level.definitions
            sources.extend(s for s in level.sources if s not in sources)
            terms.extend((lang, t) for t in lang_sec if _local(t) in _TERM)
        fields["source"] = tuple(sources) or (f"tbx: {self.path.name}",)
        if definitions:
            fields["note"] = definitions[0]
        try:
            self.concept_fields(top, fields, ours)
            variants = self.terms(terms, fields, ours)
        except (ValueError, KeyError, TypeError) as e:
            raise self.fail(f"bad silkterm data: {e}", entry) from None
        if "en" not in fields:
            if ours or self.skipped is None:
                raise self.fail(f"concept entry {entry.get('id')!r} has no English term", entry)
            self.skipped.append(f"{self.path}:{entry.sourceline}: {entry.get('id')}")
            return None
        given = entry.get("id")
        if ours and given and given.startswith("_"):
            given = given[1:]
        fields["id"] = self.ids(given, fields["en"])
        fields["variants"] = tuple(variants)
        status = fields.pop("en_status", None)
        if status is not None:  # the entry's only English terms are deprecated: keep that known
            remark = (f"The English term is {status} in {self.path.name}, which gives no other "
                      "English term.")
            fields["note"] = f"{fields['note']} {remark}" if fields.get("note") else remark
            fields["unverified"] = ("en",)
            if self.notices is not None:
                self.notices.append(f"{self.path}:{entry.sourceline}: {fields['id']}: the English "
                                    f"house form {fields['en']!r} is {status} in the file")
        return clean_variants(make_concept(**fields))

    def concept_fields(self, top: _Info, fields: dict[str, Any], ours: bool) -> None:
        if not ours:
            return
        fields["type"] = ConceptType(top.one("type"))
        if top.one("case"):
            fields["case"] = Case(top.one("case"))
        if top.one("article"):
            fields["article"] = Article(top.one("article"))
        if top.one("status") == Status.PROPOSED.value:
            fields["status"] = Status.PROPOSED
        if top.one("verified") == "false":
            fields["verified"] = False
        if top.one("unverified"):
            fields["unverified"] = tuple(top.one("unverified").split())  # type: ignore[union-attr]
        if top.one("exclude-rules"):
            fields["exclude_rules"] = tuple(top.one("exclude-rules").split())  # type: ignore[union-attr]
        if top.one("pinyin"):
            fields["pinyin"] = top.one("pinyin")
        specs = []
        for raw in top.silkterm.get("spec", []):
            data = json.loads(raw)
            specs.append(Spec(data["from"], data["to"]))
        fields["specs"] = tuple(specs)

    def terms(self, terms: list[tuple[str, Any]], fields: dict[str, Any], ours: bool) -> list[Variant]:
        infos = [(lang, _Info(t, set(), exact=ours)) for lang, t in terms]
        infos = [(lang, i) for lang, i in infos if i.term]
        house: dict[str, int] = {}
        for n, (lang, info) in enumerate(infos):
            if lang == "zh-Hant" or lang in house:
                continue
            if ours:
                if "status" not in info.silkterm and "rule" not in info.silkterm \
                        and "derived" not in info.silkterm:
                    house[lang] = n
            elif _status_of(info) is Status.PREFERRED:
                house[lang] = n
        if not ours:  # no preferred term: the first one that is not deprecated
            for n, (lang, info) in enumerate(infos):
                if lang not in house and lang != "zh-Hant" and _status_of(info) in (None, Status.ADMITTED):
                    house[lang] = n
            english = [n for n, (lang, _) in enumerate(infos) if lang == "en"]
            if "en" not in house and english:  # only deprecated English terms: the first one
                house["en"] = english[0]
                fields["en_status"] = _raw_status(infos[english[0]][1]) or "deprecated"
        variants: list[tuple[int, Variant]] = []
        for n, (lang, info) in enumerate(infos):
            if house.get(lang) == n:
                fields[lang] = info.term
                if lang == "en" and info.one("seen"):
                    fields["seen"] = tuple(info.one("seen").split())  # type: ignore[union-attr]
                if lang == "zh" and info.one("pinyin"):
                    fields["pinyin"] = info.one("pinyin")
                continue
            if ours and ("rule" in info.silkterm or "derived" in info.silkterm):
                continue  # derived again when the glossary loads
            seq = int(info.one("seq") or 0) if ours else 0
            variants.append((seq, self.variant(lang, info, ours)))
        variants.sort(key=lambda pair: pair[0])  # stable: without seq numbers, file order
        return [v for _, v in variants]

    def variant(self, lang: str, info: _Info, ours: bool) -> Variant:
        assert info.term is not None
        status = _status_of(info)
        note = "\n".join(info.notes) if ours else " ".join(info.notes)
        if not ours:
            term_type = info.term_notes.get("termType", "")
            kind = {"acronym": Kind.ABBREVIATION, "abbreviation": Kind.ABBREVIATION,
                    "initialism": Kind.ABBREVIATION, "shortForm": Kind.SHORT_FORM,
                    "variant": Kind.SPELLING}.get(term_type)
            if kind is None and "superseded" in (info.term_notes.get("administrativeStatus") or ""):
                kind = Kind.FORMER_NAME
            if kind is None and lang == "zh-Hant":
                kind = Kind.SCRIPT
            return Variant(form=info.term, lang=lang, status=status or Status.ADMITTED, kind=kind,
                           note=note or None, source=tuple(info.sources))
        fields = _variant_fields(info)
        fields.setdefault("status", status or Status.ADMITTED)  # no note: the term's status
        return Variant(form=info.term, lang=lang, note=note or None, source=tuple(info.sources),
                       **fields)


def read_tbx(path: str | Path, *, skipped: list[str] | None = None,
             notices: list[str] | None = None,
             warnings: list[str] | None = None) -> list[Concept]:
    """Concepts from a TBX v3 or v2 file (see the module documentation).

    An entry without an English term is an error, unless ``skipped`` is given: then entries
    from other tools that have none are left out and listed there as ``"path:line: id"``.

    An entry from another tool whose English terms are all deprecated (or superseded, or
    forbidden) keeps the first of them as its English house form: the concept is marked
    ``unverified: [en]``, its note says so, and ``notices`` (if given) gets
    ``"path:line: id: the English house form 'X' is deprecatedTerm-admn-sts in the file"``.

    Terms in languages silkterm does not keep (not English, Chinese, Kazakh or Russian: ``de``,
    ``fr``…) are left out; ``warnings`` (if given) gets one line for the file:
    ``"path: 3 terms in languages silkterm does not keep (de, fr) were left out"``.
    """
    return _Reader(Path(path), skipped, notices, warnings).read()

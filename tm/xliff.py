"""XLIFF 1.2 (and 1.1, as ``po2xliff`` writes it) through translate-toolkit.

This is the one module that imports ``translate`` (translate-toolkit's storage classes):
:func:`read_xliff` reads with ``translate.storage.xliff.xlifffile`` and :func:`write_xliff`
writes with it, so what silkterm writes is what translate-toolkit itself reads back.

Reading: each ``<trans-unit>`` with a non-empty ``<source>`` and ``<target>`` becomes a
:class:`~silkterm.tm.model.Unit` (the gettext header unit ``po2xliff`` writes and untranslated
units are skipped, as :func:`~silkterm.tm.po.read_po` skips untranslated entries). The languages
are the ``<file>``'s ``source-language`` and ``target-language`` (else ``source_lang`` and
``target_lang``); the unit id is the ``resname`` (silkterm writes it), else a hash of the text
(``id`` attributes are usually a converter's running numbers). Notes are read as notes.

Writing: one ``<file>`` for the pair, a ``<trans-unit id=… resname=…>`` per unit with its
``<source>``, ``<target>`` (when the unit has one) and its notes as ``<note>``; plain text only.

>>> import tempfile, pathlib
>>> from silkterm.tm.model import Segment, Unit
>>> p = pathlib.Path(tempfile.mkdtemp()) / "m.xlf"
>>> u = Unit("khorgos", (Segment("en", "Khorgos"), Segment("zh-Hans", "霍尔果斯")), notes=("a",))
>>> write_xliff([u], p, source_lang="en", target_lang="zh-Hans")
ExportResult(count=1, warnings=())
>>> list(read_xliff(p)) == [u]
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
from translate.storage.xliff import xlifffile

from .errors import TMFormatError
from .export import ExportResult, PairLosses, open_atomic
from .model import XML_FORBIDDEN, Segment, Unit, make_id, normalize_lang

CHAR_CTYPE = "x-silkterm-char"
"""The ``ctype`` of the ``<ph>`` that stands for a character XML forbids."""
CHAR_NOTE = "x-silkterm-char-refs"
"""The ``from`` of a ``<note>`` whose ``&#xH;`` text stands for characters XML forbids."""
_CHAR_REF = re.compile(r"&#x([0-9A-F]{1,6});")

_SKELETON = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
             b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
             b'<file original="silkterm" source-language="en" datatype="plaintext"><body/></file>'
             b'</xliff>')


def _parse(path: str | Path) -> Any:
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise TMFormatError(f"cannot read: {e.strerror}", path=name) from None
    if b"<!ENTITY" in data[:1 << 20]:
        raise TMFormatError("a DOCTYPE that declares entities is not read", path=name)
    try:
        store: Any = xlifffile(data)
    except etree.XMLSyntaxError as e:
        raise TMFormatError(f"malformed XML: {e.msg}", path=name, line=e.lineno) from None
    except ValueError as e:
        raise TMFormatError(f"not XLIFF 1.x: {e}", path=name) from None
    except StopIteration:
        raise TMFormatError("not XLIFF 1.x (no <file> element)", path=name) from None
    root = store.document.getroot()
    if etree.QName(root).localname != "xliff":
        raise TMFormatError(f"not XLIFF (root element <{etree.QName(root).localname}>)",
                            path=name)
    return store


def read_xliff(path: str | Path, *, source_lang: str | None = None,
               target_lang: str | None = None) -> Iterator[Unit]:
    """The translated units of an XLIFF 1.1/1.2 file (the whole file is checked first, so a
    malformed file yields nothing)."""
    return iter([unit for _, unit in read_xliff_lines(path, source_lang=source_lang,
                                                      target_lang=target_lang)])


def read_xliff_lines(path: str | Path, *, source_lang: str | None = None,
                     target_lang: str | None = None) -> list[tuple[int | None, Unit]]:
    """The translated units of an XLIFF 1.1/1.2 file, each with the line of its
    ``<trans-unit>`` (for messages that point into the file)."""
    name = str(path)
    store = _parse(path)
    sl = store.getsourcelanguage() or source_lang
    tl = store.gettargetlanguage() or target_lang
    units = []
    for tu in store.units:
        if tu.isheader() or tu.xmlelement.get("restype") == "x-gettext-domain-header":
            continue
        source, target = str(tu.source or ""), str(tu.target or "")
        if not source or not target:
            continue
        line: int | None = tu.xmlelement.sourceline
        if not sl or not tl:
            raise TMFormatError("no source-language/target-language: give --source-lang and "
                                "--target-lang", path=name, line=line)
        source = _decoded(_child(store, tu, "source"), source)
        target = _decoded(_child(store, tu, "target"), target)
        resname = tu.xmlelement.get("resname")
        units.append((line, Unit(resname or make_id(source, target),
                                 (Segment.from_text(normalize_lang(sl), source),
                                  Segment.from_text(normalize_lang(tl), target)),
                                 notes=_notes(store, tu))))
    return units


def write_xliff(units: Iterable[Unit], path: str | Path, *, source_lang: str,
                target_lang: str) -> ExportResult:
    """Write the ``source_lang``–``target_lang`` pairs of ``units`` as XLIFF 1.2 (units without
    a source segment are left out): the units written, and a warning for each kind of thing
    the file cannot hold (other languages, inline codes, units without a source)."""
    sl, tl = normalize_lang(source_lang), normalize_lang(target_lang)
    losses = PairLosses("XLIFF", sl, tl)
    store: Any = xlifffile(_SKELETON)
    store.setsourcelanguage(sl)
    store.settargetlanguage(tl)
    count = 0
    for unit in units:
        s = unit.segment(source_lang)
        if s is None:
            losses.count("source", f"{{n}} unit(s) have no {sl} segment: not written")
            continue
        losses.unit(unit)
        t = unit.segment(target_lang)
        t = None if t is s else t
        tu = store.addsourceunit(XML_FORBIDDEN.sub("", s.text), filename="silkterm")
        tu.setid(unit.id)
        tu.xmlelement.set("resname", unit.id)
        _encode(store, _child(store, tu, "source"), s.text)
        if t is not None:
            tu.target = XML_FORBIDDEN.sub("", t.text) or " "
            _encode(store, _child(store, tu, "target"), t.text)
        for note in unit.notes:
            if XML_FORBIDDEN.search(note):
                tu.addnote(_char_refs(note), origin=CHAR_NOTE)
            else:
                tu.addnote(note, origin="translator")
        count += 1
    etree.cleanup_namespaces(store.document.getroot())  # units are made in 1.1's namespace
    with open_atomic(path, "wb") as fh:
        store.serialize(fh)
    return ExportResult(count, losses.warnings())


@dataclass(frozen=True)
class Fill:
    """What :func:`fill_xliff` writes into one untranslated unit: a ``target`` (``None``: none
    found) with its match ``score`` (100: exact), and ``notes`` to add either way."""

    target: str | None
    score: int = 100
    notes: tuple[str, ...] = ()


def fill_xliff(in_path: str | Path, out_path: str | Path, fill: Callable[[str, str], Fill], *,
               target_lang: str | None = None) -> tuple[int, int]:
    """Call ``fill(source, target_lang)`` for every unit of ``in_path`` without a target and
    write the result to ``out_path`` (atomically; ``in_path`` is not changed): ``(units,
    already translated)``. ``target_lang`` defaults to the file's ``target-language``.

    An exact fill is a ``<target state="translated" state-qualifier="exact-match">``; a fuzzy
    one (score < 100) is ``state="needs-review-translation" state-qualifier="fuzzy-match"`` in a
    unit marked ``approved="no"`` (translate-toolkit and CAT tools show it as fuzzy). Notes are
    ``<note from="silkterm">``.
    """
    name = str(in_path)
    store = _parse(in_path)
    lang = target_lang or store.gettargetlanguage()
    if not lang:
        raise TMFormatError("the file names no target-language; give the target language "
                            "(--target-lang)", path=name)
    entries = translated = 0
    for tu in store.units:
        if tu.isheader() or tu.xmlelement.get("restype") == "x-gettext-domain-header":
            continue
        source = _decoded(_child(store, tu, "source"), str(tu.source or ""))
        entries += 1
        if tu.target:
            translated += 1
            continue
        if not source.strip():
            continue
        result = fill(source, normalize_lang(lang))
        had = set(_notes(store, tu))
        for note in result.notes:
            if note not in had:  # a second run adds no note twice
                tu.addnote(note, origin="silkterm")
        if result.target is None:
            continue
        tu.target = XML_FORBIDDEN.sub("", result.target) or " "
        target = _child(store, tu, "target")
        _encode(store, target, result.target)
        if target is None:
            continue
        if result.score >= 100:
            target.set("state", "translated")
            target.set("state-qualifier", "exact-match")
        else:
            tu.xmlelement.set("approved", "no")
            target.set("state", "needs-review-translation")
            target.set("state-qualifier", "fuzzy-match")
    if store.gettargetlanguage() is None:
        store.settargetlanguage(lang)
    etree.cleanup_namespaces(store.document.getroot())
    with open_atomic(out_path, "wb") as fh:
        store.serialize(fh)
    return entries, translated


def _child(store: Any, tu: object, tag: str) -> etree._Element | None:
    """The unit's ``<source>`` or ``<target>`` element."""
    elem: etree._Element = tu.xmlelement  # type: ignore[attr-defined]
    found: etree._Element | None = elem.find(store.namespaced(tag))
    return found


def _encode(store: Any, elem: etree._Element | None, text: str) -> None:
    """Write ``text`` into ``elem``, each character XML forbids as a ``<ph>`` holding its
    character reference as its native code (valid XLIFF 1.2; a CAT tool shows a placeholder)."""
    if elem is None:
        return
    for child in list(elem):
        elem.remove(child)
    parts = XML_FORBIDDEN.split(text)
    chars = XML_FORBIDDEN.findall(text)
    elem.text = parts[0]
    for n, (char, tail) in enumerate(zip(chars, parts[1:], strict=True), 1):
        ph = etree.SubElement(elem, store.namespaced("ph"), id=f"silkterm-char-{n}",
                              ctype=CHAR_CTYPE)
        ph.text = f"&#x{ord(char):X};"
        ph.tail = tail


def _decoded(elem: etree._Element | None, plain: str) -> str:
    """The text of ``elem`` with silkterm's character placeholders turned back into the
    characters; ``plain`` (translate-toolkit's text) when it holds none."""
    if elem is None or not any(ph.get("ctype") == CHAR_CTYPE for ph in elem.iter("{*}ph")):
        return plain
    out = [elem.text or ""]
    for child in elem:
        ref = _CHAR_REF.fullmatch(child.text or "")
        if etree.QName(child).localname == "ph" and child.get("ctype") == CHAR_CTYPE and ref:
            out.append(chr(int(ref.group(1), 16)))
        else:
            out.append("".join(str(t) for t in child.itertext()))
        out.append(child.tail or "")
    return "".join(out)


def _char_refs(text: str) -> str:
    return XML_FORBIDDEN.sub(lambda m: f"&#x{ord(m.group()):X};", text.replace("&", "&#x26;"))


def _notes(store: Any, tu: object) -> tuple[str, ...]:
    elem: etree._Element = tu.xmlelement  # type: ignore[attr-defined]
    notes = []
    for note in elem.iterfind(store.namespaced("note")):
        text = note.text or ""
        if note.get("from") == CHAR_NOTE:
            text = re.sub(r"&#x([0-9A-F]{1,6});", lambda m: chr(int(m.group(1), 16)), text)
        if text:
            notes.append(text)
    return tuple(notes)

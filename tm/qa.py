"""Terminology QA of bilingual files (PO and TMX) against the glossary.

Where a source segment contains a glossary term, the target must contain one of the concept's
admitted forms in the target language; deprecated and forbidden forms found in a target are
reported whatever their language.

- Terms are found in the source with the glossary matcher
  (:func:`silkterm.glossary.find_terms`, without unseen-spelling suggestions); ambiguous forms
  (only suggested by the matcher) never demand a term.
- Admitted forms of a concept in a language: its house form, its traditional-script form for
  Chinese, and its listed variants in that language that are neither deprecated nor forbidden.
- A Chinese (or any CJK) target is searched by substring, so it works without spaces between
  words (``卡车从霍尔果斯口岸通过`` contains 霍尔果斯); other targets by whole words, ignoring
  case unless the form is marked ``case: exact``.
- zh→en works the same way: Chinese terms are found in the source, English forms are required in
  the target.

>>> from silkterm.glossary.model import Concept, ConceptType, Glossary, Status, Variant
>>> g = Glossary((Concept("khorgos", ConceptType.PLACE, "Khorgos", zh="霍尔果斯"),))
>>> check_pair("Trucks crossed at Khorgos", "卡车从霍尔果斯口岸通过", g)
[]
>>> [i.message for i in check_pair("Trucks crossed at Khorgos", "卡车从口岸通过", g)]
["missing-term 'Khorgos' → expected one of 霍尔果斯 [khorgos]"]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from silkterm.glossary.ci import Annotation, Rule
from silkterm.glossary.model import Action, Case, Status

from .errors import TMFormatError
from .files import open_input
from .model import lang_matches
from .tmx import read_tmx

if TYPE_CHECKING:
    from silkterm.glossary.model import Concept, Glossary

__all__ = ["QA_RULES", "Issue", "admitted_forms", "check_file", "check_pair", "iter_issues"]

KINDS = ("missing-term", "forbidden-term", "deprecated-term")
QA_RULES = (
    Rule("missing-term", "A glossary term of the source is not translated by an admitted form",
         "The source segment contains a glossary term; its translation must contain one of the "
         "admitted target-language forms named in the message."),
    Rule("forbidden-term", "A forbidden form in a translation",
         "The translation uses a form the glossary forbids; write the house form instead."),
    Rule("deprecated-term", "A deprecated form in a translation",
         "The translation uses a form the glossary deprecates; prefer the house form."),
)
_KIND_LEVEL = {"missing-term": "warning", "forbidden-term": "error", "deprecated-term": "warning"}
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff]")


@dataclass(frozen=True, slots=True)
class Issue:
    """One terminology problem in one unit of a file."""

    path: str
    line: int | None
    unit_id: str
    kind: str  # "missing-term" | "forbidden-term" | "deprecated-term"
    concept_id: str
    surface: str
    expected: tuple[str, ...]
    message: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        return {"path": self.path, "line": self.line, "unit": self.unit_id, "kind": self.kind,
                "concept": self.concept_id, "surface": self.surface,
                "expected": list(self.expected), "message": self.message}

    def to_annotation(self) -> Annotation:
        """The issue for CI output (rule = its kind); the place is its unit's line."""
        return Annotation(self.path, self.line, None, None, self.kind, _KIND_LEVEL[self.kind],
                          self.message)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


def _primary(lang: str) -> str:
    return lang.lower().replace("_", "-").split("-")[0]


def admitted_forms(concept: Concept, lang: str) -> tuple[str, ...]:
    """The forms of ``concept`` a target in ``lang`` may use: house form first, then the
    traditional script (Chinese), then admitted variants; generated variants are left out.

    >>> from silkterm.glossary.model import Concept, ConceptType, Status, Variant
    >>> c = Concept("astana", ConceptType.PLACE, "Astana", zh="阿斯塔纳", variants=(
    ...     Variant("努尔苏丹", "zh", Status.DEPRECATED), Variant("Astana City", "en", Status.ADMITTED)))
    >>> admitted_forms(c, "zh-Hans"), admitted_forms(c, "en")
    (('阿斯塔纳',), ('Astana', 'Astana City'))
    """
    want = _primary(lang)
    out: list[str] = []
    for v in concept.forms():
        if v.rule is not None or _primary(v.lang) != want:
            continue
        if v.status in (Status.DEPRECATED, Status.FORBIDDEN) or v.form in out:
            continue
        out.append(v.form)
    return tuple(out)


_HANT = ("zh-hant", "zh-tw", "zh-hk", "zh-mo")


def suggested_forms(concept: Concept, lang: str) -> tuple[str, ...]:
    """The admitted forms to suggest for a target in ``lang``: for Chinese only those in the
    target's script (simplified unless ``lang`` is zh-Hant, zh-TW, zh-HK or zh-MO); all admitted
    forms are accepted when checking.

    >>> from silkterm.glossary.model import Concept, ConceptType
    >>> c = Concept("khorgos", ConceptType.PLACE, "Khorgos", zh="霍尔果斯", zh_hant="霍爾果斯")
    >>> suggested_forms(c, "zh"), suggested_forms(c, "zh-TW"), admitted_forms(c, "zh")
    (('霍尔果斯',), ('霍爾果斯',), ('霍尔果斯', '霍爾果斯'))
    """
    forms = admitted_forms(concept, lang)
    if _primary(lang) != "zh":
        return forms
    hant = concept.zh_hant if concept.zh_hant and concept.zh_hant != concept.zh else None
    if lang.lower().replace("_", "-").startswith(_HANT):
        out = tuple(f for f in forms if f != concept.zh or hant is None)
    else:
        out = tuple(f for f in forms if f != hant)
    return out or forms


def _case_exact(concept: Concept, form: str) -> bool:
    for v in concept.forms():
        if v.form == form:
            return v.case is Case.EXACT or (v.case is None and concept.case is Case.EXACT)
    return False


def _contains(target: str, form: str, exact_case: bool) -> bool:
    if _CJK.search(form):
        return form in target
    flags = 0 if exact_case else re.IGNORECASE
    return re.search(rf"(?<!\w){re.escape(form)}(?!\w)", target, flags) is not None


def check_pair(source: str, target: str, glossary: Glossary, *, source_lang: str = "en",
               target_lang: str = "zh", path: str = "", line: int | None = None,
               unit_id: str = "") -> list[Issue]:
    """The terminology issues of one source/target pair (see the module description)."""
    from silkterm.glossary import (
        find_terms,  # heavy (the matcher): only when pairs are checked
    )

    issues: list[Issue] = []
    done: set[str] = set()
    tprimary = _primary(target_lang)
    for f in find_terms(source, glossary, unseen=False):
        if f.action is Action.SUGGEST or f.concept_id in done or f.concept_id not in glossary:
            continue
        if _primary(f.lang) == tprimary:
            continue  # a target-language term left in the source: nothing to demand
        concept = glossary[f.concept_id]
        forms = admitted_forms(concept, target_lang)
        if not forms:
            continue  # the concept has no form in the target language to demand
        done.add(f.concept_id)
        if any(_contains(target, form, _case_exact(concept, form)) for form in forms):
            continue
        shown = suggested_forms(concept, target_lang)
        message = (f"missing-term {f.surface!r} → expected one of {', '.join(shown)} "
                   f"[{f.concept_id}]")
        issues.append(Issue(path, line, unit_id, "missing-term", f.concept_id, f.surface, shown,
                            message))
    reported: set[tuple[str, str]] = set()
    for f in find_terms(target, glossary, unseen=False):
        if f.status not in (Status.DEPRECATED, Status.FORBIDDEN):
            continue
        if (f.concept_id, f.surface) in reported or f.concept_id not in glossary:
            continue
        reported.add((f.concept_id, f.surface))
        kind = "forbidden-term" if f.status is Status.FORBIDDEN else "deprecated-term"
        lang = target_lang if _primary(f.lang) == tprimary else f.lang
        forms = suggested_forms(glossary[f.concept_id], lang) or (glossary[f.concept_id].en,)
        message = f"{kind} {f.surface!r} → use {', '.join(forms)} [{f.concept_id}]"
        issues.append(Issue(path, line, unit_id, kind, f.concept_id, f.surface, forms, message))
    return issues


Pair = tuple[int | None, str, str, str, str | None]  # line, unit id, source, target, its lang


def _po_pairs(path: str) -> Iterator[Pair]:
    from .po import bcp47, iter_po, po_header  # polib: only for PO files

    header = po_header(path).metadata().get("Language", "").strip()
    lang = bcp47(header) if header else None
    for e in iter_po(path):
        if e.obsolete or (e.msgid == "" and e.msgctxt is None):
            continue
        if e.msgid_plural:
            targets = [e.msgstr_plural[n] for n in sorted(e.msgstr_plural) if e.msgstr_plural[n]]
            source = e.msgid + "\n" + e.msgid_plural
        else:
            targets = [e.msgstr] if e.msgstr else []
            source = e.msgid
        if not targets:
            continue  # untranslated: nothing to check
        unit_id = e.msgctxt if e.msgctxt is not None else ""
        yield e.msgid_line, unit_id, source, "\n".join(targets), lang


def _tu_lines(path: str) -> Iterator[int | None]:
    """The line of every ``<tu>`` start tag, in document order (parsed as safely as read_tmx)."""
    from lxml import etree

    with open_input(path) as fh:
        for _, elem in etree.iterparse(fh, events=("end",), tag="tu", resolve_entities=False,
                                       no_network=True, load_dtd=False, huge_tree=False):
            yield elem.sourceline
            elem.clear()  # and drop the units before it: memory stays flat (as in read_tmx)
            parent = elem.getparent()
            while parent is not None and elem.getprevious() is not None:
                del parent[0]


def _tmx_pairs(path: str, source_lang: str, target_lang: str) -> Iterator[Pair]:
    lines = _tu_lines(path)
    for unit in read_tmx(path, source_lang=source_lang):
        line = next(lines, None)
        src = unit.segment(source_lang)
        tgt = unit.segment(target_lang)
        if src is None or tgt is None or not tgt.text:
            continue
        yield line, unit.id, src.text, tgt.text, tgt.lang


def _xliff_pairs(path: str, source_lang: str, target_lang: str) -> Iterator[Pair]:
    from .xliff import read_xliff_lines  # translate-toolkit: only for XLIFF files

    for line, unit in read_xliff_lines(path, source_lang=source_lang, target_lang=target_lang):
        src, tgt = unit.segments
        yield line, unit.id, src.text, tgt.text, tgt.lang


def check_file(path: str | Path, glossary: Glossary, *, source_lang: str = "en",
               target_lang: str | None = None) -> list[Issue]:
    """Every issue of :func:`iter_issues`, as a list."""
    return list(iter_issues(path, glossary, source_lang=source_lang, target_lang=target_lang))


def iter_issues(path: str | Path, glossary: Glossary, *, source_lang: str = "en",
                target_lang: str | None = None) -> Iterator[Issue]:
    """Check every translated unit of a ``.po``, ``.tmx`` or ``.xlf``/``.xliff`` file (see
    :func:`check_pair`).

    ``target_lang`` defaults to a PO file's ``Language`` header, else ``zh``. Forms are
    suggested in the language of the translation itself when it is a more specific one (a
    zh_TW file or a ``zh-TW`` segment gets traditional characters for ``zh``).

    Untranslated and obsolete PO entries are skipped (fuzzy ones are checked); plural entries
    are checked as msgid + msgid_plural against all their msgstr forms. TMX units need a segment
    in both languages (``zh`` finds zh-Hans, zh-CN, …); XLIFF units are read as
    :func:`~silkterm.tm.xliff.read_xliff` reads them (the file's languages). Malformed files raise
    :class:`TMFormatError` with file and line.

    TMX and PO files are read a unit at a time (memory stays flat however long they are); a
    malformed PO file raises when the reading reaches the bad line, after the issues of the
    entries before it.
    """
    name = str(path)
    suffix = Path(name).suffix.lower()
    if suffix in (".po", ".pot"):
        pairs: Iterable[Pair] = _po_pairs(name)
    elif suffix == ".tmx":
        if not Path(name).is_file():
            raise TMFormatError("no such file" if not Path(name).exists() else "not a file",
                                path=name)
        pairs = _tmx_pairs(name, source_lang, target_lang or "zh")
    elif suffix in (".xlf", ".xliff"):
        pairs = _xliff_pairs(name, source_lang, target_lang or "zh")
    else:
        shown = f"'{suffix}'" if suffix else "(no extension)"
        raise TMFormatError(f"cannot check file type {shown}: give a .po, .tmx or .xlf file", path=name)
    for line, unit_id, source, target, lang in pairs:
        wanted = target_lang or lang or "zh"
        if lang and lang_matches(wanted, lang):  # the file's own tag is more specific
            wanted = lang
        yield from check_pair(source, target, glossary, source_lang=source_lang,
                              target_lang=wanted, path=name, line=line, unit_id=unit_id)

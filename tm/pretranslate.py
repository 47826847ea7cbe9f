"""Pre-translating PO and XLIFF files from the translation memory.

Every untranslated entry (not obsolete, ``msgstr`` empty, not a plural entry) is looked up in the
memory with :func:`silkterm.tm.search.search`:

- an exact match (score 100) fills ``msgstr``;
- a fuzzy match (``min_score`` ≤ score < 100) fills ``msgstr``, marks the entry ``#, fuzzy``
  (so gettext ignores it until a translator reviews it), records the matched source as the
  previous msgid (``#| msgid``, which PO editors show as a diff) and adds the translator
  comment ``silkterm: fuzzy match 87 from tuid …``;
- a translated entry is never touched, plural entries are skipped (counted), and the input file
  is never modified: the result is written atomically to another file;
- with a glossary, every entry it fills or leaves untranslated gets the translator comment
  ``silkterm: terms: Horgos (Khorgos) = 霍尔果斯; …``: the glossary terms of the msgid (a variant
  with its house form) and each one's form in the target language and script.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import TMError, TMFormatError
from .model import compatible, normalize_lang
from .po import PREFIX, bcp47, load_po, pot_header, save_po
from .qa import suggested_forms
from .search import search
from .xliff import Fill, fill_xliff

if TYPE_CHECKING:
    from silkterm.glossary.model import Glossary

__all__ = ["PretranslateStats", "compatible", "pretranslate", "search_lang", "term_note"]

_SCRIPT = {"zh-cn": "zh-Hans", "zh-sg": "zh-Hans", "zh-tw": "zh-Hant", "zh-hk": "zh-Hant",
           "zh-mo": "zh-Hant"}


def search_lang(lang: str) -> str:
    """The memory language to look up for a PO ``Language``: Chinese regions become scripts.

    >>> search_lang("zh-CN"), search_lang("zh_TW"), search_lang("kk")
    ('zh-Hans', 'zh-Hant', 'kk')
    """
    tag = normalize_lang(lang)
    return _SCRIPT.get(tag.lower(), tag)


def term_note(text: str, glossary: Glossary, target_lang: str) -> str | None:
    """The comment naming the glossary terms of ``text`` with their ``target_lang`` forms
    (Chinese in the target's script), or ``None`` when there is none with such a form.

    >>> from silkterm.glossary.model import Concept, ConceptType, Glossary, Status, Variant
    >>> g = Glossary((Concept("khorgos", ConceptType.PLACE, "Khorgos", zh="霍尔果斯",
    ...     zh_hant="霍爾果斯", variants=(Variant("Horgos", "en", Status.DEPRECATED),)),))
    >>> term_note("Trucks wait at Horgos and Khorgos.", g, "zh-Hans")
    'silkterm: terms: Horgos (Khorgos) = 霍尔果斯; Khorgos = 霍尔果斯'
    >>> term_note("Trucks wait at Khorgos.", g, "zh-TW")
    'silkterm: terms: Khorgos = 霍爾果斯'
    """
    from silkterm.glossary import (
        find_terms,  # heavy (the matcher): only with a glossary
    )

    items: list[str] = []
    for f in find_terms(text, glossary, unseen=False):
        concept = glossary.get(f.concept_id)
        forms = suggested_forms(concept, target_lang) if concept is not None else ()
        if not forms:
            continue
        name = f.surface if f.surface == f.canonical else f"{f.surface} ({f.canonical})"
        item = f"{name} = {forms[0]}"
        if item not in items:
            items.append(item)
    return "silkterm: terms: " + "; ".join(items) if items else None


@dataclass(frozen=True, slots=True)
class PretranslateStats:
    """What a pre-translation did, in entries (the header and obsolete entries not counted)."""

    entries: int
    translated: int  # already translated, left alone
    exact: int
    fuzzy: int
    unmatched: int
    plurals: int  # untranslated plural entries, skipped

    def summary(self, path: str = "") -> str:
        """One line: ``OUT.po: 2 exact, 1 fuzzy, 3 without match, …``.

        >>> PretranslateStats(7, 1, 2, 1, 3, 0).summary("out.po")
        'out.po: 7 entries: 2 exact, 1 fuzzy, 3 without match, 0 plural skipped, 1 already translated'
        """
        where = f"{path}: " if path else ""
        return (f"{where}{self.entries} entries: {self.exact} exact, {self.fuzzy} fuzzy, "
                f"{self.unmatched} without match, {self.plurals} plural skipped, "
                f"{self.translated} already translated")

    def to_dict(self) -> dict[str, int]:
        """A JSON-ready dict of the counts."""
        return {"entries": self.entries, "translated": self.translated, "exact": self.exact,
                "fuzzy": self.fuzzy, "unmatched": self.unmatched, "plurals": self.plurals}


def _best(memory: Any, query: str, source_lang: str, target_lang: str,
          min_score: int) -> Any | None:
    result = search(memory, query, source_lang=source_lang, target_lang=target_lang, limit=5,
                    min_score=min_score)
    return next((h for h in result.hits
                 if h.target and h.target_lang and compatible(target_lang, h.target_lang)), None)


def _nplurals(rule: str) -> int:
    import re

    m = re.search(r"nplurals\s*=\s*(\d+)", rule)
    return int(m.group(1)) if m else 2


def _fill_plural(entry: Any, memory: Any, source_lang: str, target_lang: str,
                 nplurals: int) -> bool:
    """Fill an untranslated plural entry from an exactly matching plural unit; whether it was."""
    result = search(memory, entry.msgid, source_lang=source_lang, target_lang=target_lang,
                    limit=10, min_score=100)
    for hit in result.hits:
        props = dict(hit.props)
        if (hit.score < 100 or not hit.target or not hit.target_lang
                or not compatible(target_lang, hit.target_lang)
                or props.get(PREFIX + "msgid_plural") != entry.msgid_plural):
            continue
        forms = {0: hit.target}
        for key, value in hit.props:
            index = key[len(PREFIX) + 7:-1]
            if key.startswith(PREFIX + "msgstr[") and index.isdigit():
                forms[int(index)] = value
        entry.msgstr_plural = {n: forms.get(n, hit.target) for n in range(nplurals)}
        if any(n not in forms for n in range(nplurals)) and "fuzzy" not in entry.flags:
            entry.flags.insert(0, "fuzzy")
        return True
    return False


def pretranslate(in_path: str | Path, out_path: str | Path, memory: Any, *, min_score: int = 75,
                 source_lang: str = "en", target_lang: str | None = None,
                 glossary: Glossary | None = None, date: str | None = None) -> PretranslateStats:
    """Fill the untranslated entries of ``in_path`` from ``memory`` and write ``out_path``.

    ``target_lang`` defaults to the PO header's ``Language``; without either,
    :class:`~silkterm.tm.errors.TMFormatError`. With ``glossary``, entries filled or left
    untranslated get a comment naming their terms (see :func:`term_note`). A template (POT)
    gets a PO header for the target language (:func:`~silkterm.tm.po.pot_header`; ``date`` is
    its PO-Revision-Date, now by default), so that ``msgfmt --check`` accepts the result.
    Untranslated plural entries are filled from a plural unit of the memory with the same
    msgid and msgid_plural (an exact match); one with fewer forms than the header's nplurals
    gets its first form copied into the missing ones and is marked fuzzy.

    An ``.xlf``/``.xliff`` input is pre-translated as XLIFF (the same matches; the language
    from its ``target-language``; comments are ``<note from="silkterm">``; see
    :func:`silkterm.tm.xliff.fill_xliff`).
    """
    if not 0 <= min_score <= 100:
        raise TMError(f"min-score must be between 0 and 100, not {min_score}")
    src, dst = Path(in_path), Path(out_path)
    if dst.exists() and src.exists() and dst.resolve() == src.resolve():
        raise TMError("the output must be another file than the input", path=str(out_path))
    if src.suffix.lower() in (".xlf", ".xliff"):
        return _pretranslate_xliff(in_path, out_path, memory, min_score=min_score,
                                   source_lang=source_lang, target_lang=target_lang,
                                   glossary=glossary)
    loaded = load_po(in_path)
    po = loaded.pofile
    lang = target_lang or po.metadata.get("Language", "").strip()
    if not lang:
        raise TMFormatError("the header names no Language; give the target language "
                            "(--target-lang)", path=loaded.path)
    wanted = search_lang(target_lang or bcp47(lang))
    header = pot_header(dict(po.metadata), target_lang or bcp47(lang), date=date)
    if header is not None:  # a template (POT): a PO header for the target language
        po.metadata = header
        po.metadata_is_fuzzy = False
    nplurals = _nplurals(po.metadata.get("Plural-Forms", ""))
    entries = translated = exact = fuzzy = unmatched = plurals = 0
    for entry in po:
        if entry.obsolete:
            continue
        entries += 1
        if entry.msgid_plural:
            if any(entry.msgstr_plural.values()):
                translated += 1
            elif _fill_plural(entry, memory, source_lang, wanted, nplurals):
                exact += 1
            else:
                plurals += 1
            continue
        if entry.msgstr:
            translated += 1
            continue
        if not entry.msgid.strip():
            unmatched += 1
            continue
        if glossary is not None:
            note = term_note(entry.msgid, glossary, wanted)
            if note and note not in entry.tcomment.splitlines():
                entry.tcomment = f"{entry.tcomment}\n{note}" if entry.tcomment else note
        hit = _best(memory, entry.msgid, source_lang, wanted, min_score)
        if hit is None:
            unmatched += 1
            continue
        entry.msgstr = hit.target
        if hit.score >= 100:
            exact += 1
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            continue
        fuzzy += 1
        if "fuzzy" not in entry.flags:
            entry.flags.insert(0, "fuzzy")
        if not entry.previous_msgid:
            entry.previous_msgid = hit.source
        note = f"silkterm: fuzzy match {hit.score} from tuid {hit.tuid}"
        entry.tcomment = f"{entry.tcomment}\n{note}" if entry.tcomment else note
    save_po(po, out_path)
    return PretranslateStats(entries, translated, exact, fuzzy, unmatched, plurals)


def _pretranslate_xliff(in_path: str | Path, out_path: str | Path, memory: Any, *,
                        min_score: int, source_lang: str, target_lang: str | None,
                        glossary: Glossary | None) -> PretranslateStats:
    """:func:`pretranslate` for XLIFF (see :func:`silkterm.tm.xliff.fill_xliff`): the same
    matches and notes as for PO, a fuzzy match marked as XLIFF marks one."""
    counts = {"exact": 0, "fuzzy": 0, "unmatched": 0}

    def fill(source: str, file_lang: str) -> Fill:
        wanted = search_lang(target_lang or file_lang)
        notes = []
        if glossary is not None:
            note = term_note(source, glossary, wanted)
            if note:
                notes.append(note)
        hit = _best(memory, source, source_lang, wanted, min_score)
        if hit is None:
            counts["unmatched"] += 1
            return Fill(None, 0, tuple(notes))
        if hit.score >= 100:
            counts["exact"] += 1
            return Fill(hit.target, 100, tuple(notes))
        counts["fuzzy"] += 1
        notes.append(f"silkterm: fuzzy match {hit.score} from tuid {hit.tuid}")
        return Fill(hit.target, hit.score, tuple(notes))

    entries, translated = fill_xliff(in_path, out_path, fill, target_lang=target_lang)
    unmatched = entries - translated - counts["exact"] - counts["fuzzy"]
    return PretranslateStats(entries, translated, counts["exact"], counts["fuzzy"], unmatched, 0)

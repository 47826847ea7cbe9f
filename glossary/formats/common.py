"""What the glossary's exchange formats share: ids made from English forms, concepts built as
the loader builds them, and the *flags* every format carries for a form.

Every format carries, for each form it holds, what tells two concepts' shared forms apart
(``ambiguous``, ``case``) and what normalising does with it (``action``, validity): the flags of
:func:`variant_flags`. So a glossary exported in any format and imported again passes
``glossary check``.

>>> slug("Xi'an Railway Station")
'xian-railway-station'
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from silkterm.glossary.errors import GlossaryFormatError
from silkterm.glossary.model import (
    Action,
    Case,
    Concept,
    ConceptType,
    Status,
    Validity,
    Variant,
)
from silkterm.glossary.textio import open_input
from silkterm.glossary.translit import name_pinyin, to_traditional

E = TypeVar("E", bound=Enum)

# ---------------------------------------------------------------------------------------------
# ids and concepts

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slug(text: str) -> str:
    """A glossary id (kebab-case ASCII) made from an English form; ``"term"`` if nothing is left.

    >>> slug("Kassym-Jomart Tokayev"), slug("Nur-Sultan (2019)"), slug("新疆")
    ('kassym-jomart-tokayev', 'nur-sultan-2019', 'term')
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’`]", "", ascii_text.lower())
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text)) or "term"


class IdMaker:
    """Hands out unique glossary ids: a given id if it is valid and free, else a slug of the
    English form, numbered ``-2``, ``-3``… on collision."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def __call__(self, given: str | None, en: str) -> str:
        candidate = given.lower() if given else ""
        if not _ID.fullmatch(candidate) or candidate in self.used:
            candidate = slug(en)
        base, n = candidate, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate


def glossary_lang(code: str | None) -> str | None:
    """The glossary language (en, zh, zh-Hant, kk, ru) of a BCP 47 code, or None for others.

    >>> [glossary_lang(c) for c in ("en-US", "zh-Hans", "zh-CN", "zh-TW", "zh-Hant-HK", "kk", "ru-RU", "es")]
    ['en', 'zh', 'zh', 'zh-Hant', 'zh-Hant', 'kk', 'ru', None]
    """
    if not code:
        return None
    parts = code.replace("_", "-").lower().split("-")
    if parts[0] == "zh":
        rest = set(parts[1:])
        return "zh-Hant" if rest & {"hant", "tw", "hk", "mo"} else "zh"
    return parts[0] if parts[0] in ("en", "kk", "ru") else None


def make_concept(**fields: Any) -> Concept:
    """A :class:`Concept` as the loader would build it from the same listed fields: the
    traditional form and (unless given) the pinyin are derived from ``zh``; ``verified`` is false
    when anything is ``unverified``."""
    ctype = fields.get("type") or ConceptType.TERM
    fields["type"] = ConceptType(ctype)
    zh = fields.get("zh")
    if zh:
        fields.setdefault("zh_hant", to_traditional(zh))
        if not fields.get("pinyin"):
            fields["pinyin"] = name_pinyin(zh, fields["type"].value)
    if fields.get("unverified"):
        fields["verified"] = False
    return Concept(**fields)


def clean_variants(concept: Concept) -> Concept:
    """Drop variants whose form is a house form of the concept or repeats an earlier variant
    (the loader rejects both); imported files from other tools may contain them."""
    own = {f for f in (concept.en, concept.zh, concept.kk, concept.ru) if f}
    kept: list[Variant] = []
    for v in concept.variants:
        if v.form in own:
            continue
        own.add(v.form)
        kept.append(v)
    return concept if len(kept) == len(concept.variants) else replace(concept, variants=tuple(kept))


def built_concepts(fields: dict[str, dict[str, Any]], order: Sequence[str]) -> list[Concept]:
    """The concepts a reader collected as ``fields`` (variants in a list), in ``order``."""
    return [clean_variants(make_concept(**{**fields[cid], "variants": tuple(fields[cid]["variants"])}))
            for cid in order]


def listed_variants(concept: Concept) -> tuple[Variant, ...]:
    """The variants a glossary file lists (not those the transliteration rules generate)."""
    return tuple(v for v in concept.variants if v.rule is None)


def one_line(text: str | None) -> str:
    """``text`` on one line, its runs of white space as single spaces ("" for None)."""
    return " ".join((text or "").split())


# ---------------------------------------------------------------------------------------------
# flags: what OmegaT, CSV and PO carry besides forms, statuses and kinds


_FLAG = re.compile(r"ambiguous|proposed|case (?:exact|shape|ignore)|action (?:replace|suggest|note|keep)"
                   r"|(?:from|to) \d{4}-\d{2}-\d{2}")


def variant_flags(v: Variant) -> list[str]:
    """The flags of a variant that decide how it matches and what normalising does with it:
    ``ambiguous``, ``case <case>``, ``action <action>``, ``from <date>``, ``to <date>`` (the
    validity of a former name). They tell apart two concepts' shared forms, so every exchange
    format carries them (OmegaT and PO in the comment, CSV in the ``flags`` column).

    >>> from silkterm.glossary.model import Case, Variant
    >>> variant_flags(Variant("Altai", ambiguous=True, case=Case.EXACT))
    ['ambiguous', 'case exact']
    """
    flags = ["ambiguous"] if v.ambiguous else []
    if v.case is not None:
        flags.append(f"case {v.case.value}")
    if v.action is not None:
        flags.append(f"action {v.action.value}")
    if v.valid is not None:
        flags.extend(f"{name} {day.isoformat()}" for name, day in
                     (("from", v.valid.start), ("to", v.valid.end)) if day is not None)
    return flags


def concept_flags(c: Concept) -> list[str]:
    """The concept's own flags: ``case <case>`` unless it is the default (shape), and
    ``proposed`` for a concept ``collect`` proposed and nobody accepted yet."""
    flags = [] if c.case.value == "shape" else [f"case {c.case.value}"]
    return flags + ["proposed"] if c.proposed else flags


def parse_flags(tokens: Iterable[str]) -> dict[str, Any] | None:
    """The fields (``ambiguous``, ``case``, ``action``, ``valid``) the flag ``tokens`` give, or
    None if one of them is not a flag.

    >>> parse_flags(["ambiguous", "to 1993-01-28"])
    {'ambiguous': True, 'valid': Validity(start=None, end=datetime.date(1993, 1, 28))}
    >>> parse_flags(["ambiguous", "of course"]) is None
    True
    """
    fields: dict[str, Any] = {}
    days: dict[str, _dt.date] = {}
    for token in tokens:
        token = token.strip()
        if not _FLAG.fullmatch(token):
            return None
        name, _, value = token.partition(" ")
        if name == "ambiguous":
            fields["ambiguous"] = True
        elif name == "proposed":  # a concept's flag (concept_flags)
            fields["status"] = Status.PROPOSED
        elif name == "case":
            fields["case"] = Case(value)
        elif name == "action":
            fields["action"] = Action(value)
        else:
            try:
                days[name] = _dt.date.fromisoformat(value)
            except ValueError:
                return None
    if days:
        fields["valid"] = Validity(days.get("from"), days.get("to"))
    return fields


# ---------------------------------------------------------------------------------------------
# reading


def read_utf8(path: Path) -> str:
    """The text of the file ``path``, which must be UTF-8 (a byte-order mark is dropped)."""
    with open_input(path, error=GlossaryFormatError) as fh:
        raw = fh.read()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise GlossaryFormatError("not valid UTF-8", path=str(path), line=line) from None


def parse_enum(enum: type[E], value: str | None, what: str, path: Path, line: int) -> E | None:
    """The member of ``enum`` whose value is ``value`` (in any case), None for None; an error
    naming ``what`` and the allowed values otherwise."""
    if value is None:
        return None
    try:
        return enum(value.lower())
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise GlossaryFormatError(f"{what} {value!r} is not one of: {allowed}", path=str(path),
                                  line=line) from None



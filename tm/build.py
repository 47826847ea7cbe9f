"""The seed memory: one translation unit per glossary concept.

Each unit has the concept id as tuid and the concept's house forms as segments: English (``en``),
Chinese in simplified (``zh-Hans``) and traditional (``zh-Hant``) script, and Kazakh (``kk``) and
Russian (``ru``) where the glossary records them. Properties carry the concept type, the pinyin,
its verification status and every variant (``x-silkterm-variant`` = ``form|lang|status|kind``,
listed and generated ones); the note is the concept's note.

>>> from silkterm.glossary.model import Concept, ConceptType, Glossary, Kind, Status, Variant
>>> c = Concept("khorgos", ConceptType.PLACE, "Khorgos", zh="霍尔果斯", zh_hant="霍爾果斯",
...             pinyin="Huò'ěrguǒsī", note="Border town.",
...             variants=(Variant("Horgos", status=Status.DEPRECATED, kind=Kind.SPELLING),))
>>> [u] = build_seed_units(Glossary((c,)), "2026-11-22")
>>> u.id, [(s.lang, s.content) for s in u.segments]
('khorgos', [('en', 'Khorgos'), ('zh-Hans', '霍尔果斯'), ('zh-Hant', '霍爾果斯')])
>>> u.props
(('x-silkterm-type', 'place'), ('x-silkterm-pinyin', "Huò'ěrguǒsī"), ('x-silkterm-status', 'verified'), ('x-silkterm-variant', 'Horgos|en|deprecated|spelling'))
>>> u.notes, u.created, u.changed
(('Border town.',), '20261122T000000Z', '20261122T000000Z')
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import TMError
from .model import Segment, Unit
from .tmx import write_tmx

if TYPE_CHECKING:
    from silkterm.glossary.model import Concept, Glossary

#: The date the committed seed memory (silkterm/tm/data/seed.tmx) is built with, so that
#: rebuilding it from an unchanged glossary gives the same file.
SEED_DATE = "2026-11-22"

_LANGS = (("en", "en"), ("zh-Hans", "zh"), ("zh-Hant", "zh-Hant"), ("kk", "kk"), ("ru", "ru"))


def tmx_date(date: _dt.date | _dt.datetime | str) -> str:
    """A date (``YYYY-MM-DD``, a ``date`` or a ``datetime``) as a TMX date, ``YYYYMMDDThhmmssZ``.

    >>> tmx_date("2026-11-22"), tmx_date(_dt.datetime(2026, 1, 2, 3, 4, 5))
    ('20261122T000000Z', '20260102T030405Z')
    """
    if isinstance(date, str):
        try:
            date = _dt.date.fromisoformat(date)
        except ValueError:
            raise TMError(f"{date!r} is not a date in the form YYYY-MM-DD") from None
    if isinstance(date, _dt.datetime):
        if date.tzinfo is not None:
            date = date.astimezone(_dt.UTC)
        return date.strftime("%Y%m%dT%H%M%SZ")
    return date.strftime("%Y%m%dT000000Z")


def concept_unit(concept: Concept, date: str) -> Unit:
    """The seed unit of one concept; ``date`` is a TMX date."""
    segments = []
    for lang, key in _LANGS:
        form = concept.house_form(key)
        if form:
            segments.append(Segment.from_text(lang, form))
    props = [("x-silkterm-type", concept.type.value)]
    if concept.pinyin:
        props.append(("x-silkterm-pinyin", concept.pinyin))
    status = "verified" if concept.verified and not concept.unverified else (
        "unverified" + (f": {', '.join(concept.unverified)}" if concept.unverified else ""))
    props.append(("x-silkterm-status", status))
    for v in concept.variants:
        kind = v.kind.value if v.kind else ""
        props.append(("x-silkterm-variant", f"{v.form}|{v.lang}|{v.status.value}|{kind}"))
    notes = (concept.note,) if concept.note else ()
    return Unit(concept.id, tuple(segments), tuple(props), notes, date, date)


def build_seed_units(glossary: Glossary, date: _dt.date | _dt.datetime | str) -> list[Unit]:
    """One unit per concept of ``glossary``, in glossary order, dated ``date``."""
    stamp = tmx_date(date)
    return [concept_unit(c, stamp) for c in glossary]


def write_seed(glossary: Glossary, path: str | Path,
               date: _dt.date | _dt.datetime | str = SEED_DATE) -> int:
    """Write the seed memory of ``glossary`` as TMX to ``path``; returns the number of units."""
    return write_tmx(build_seed_units(glossary, date), path, srclang="en")

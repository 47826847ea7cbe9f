"""What writing an export file takes and gives: the atomic output (errors as
:class:`~silkterm.tm.errors.TMError`), the :class:`ExportResult` a writer returns, the
:class:`PairLosses` a one-pair, plain-text format (PO, CSV) counts for its warnings, and the
:class:`ProjectUnits` of a memory for one CAT-tool project (``tm export --for-project``).

The format modules (:mod:`silkterm.tm.tmx`, :mod:`silkterm.tm.csvio`, :mod:`silkterm.tm.po`)
import this module; the registry (:mod:`silkterm.tm.formats`) imports them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from silkterm.glossary.errors import InputError
from silkterm.glossary.textio import open_atomic as atomic_output

from .errors import TMError
from .model import Segment, Unit, chinese_script, compatible, normalize_lang


@dataclass(frozen=True)
class ExportResult:
    """What a writer wrote: the number of units, and one warning (a sentence, for stderr) for
    each kind of thing the format could not hold and left out or changed. The library never
    prints them; the CLI does."""

    count: int
    warnings: tuple[str, ...] = ()


@contextlib.contextmanager
def open_atomic(path: str | Path, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """:func:`silkterm.glossary.textio.open_atomic` (the one atomic writer), its errors as
    :class:`TMError`: on success the output replaces ``path``, on any error ``path`` is untouched.

    >>> with open_atomic("/no/such/folder/m.tmx") as fh:
    ...     pass
    Traceback (most recent call last):
    silkterm.tm.errors.TMError: /no/such/folder/m.tmx: cannot write: No such file or directory
    """
    try:
        with atomic_output(path, mode, **kwargs) as fh:
            yield fh
    except InputError as e:
        raise TMError(e.message, path=e.path, line=e.line) from None


class PairLosses:
    """Counts what a file of one language pair and plain text (PO, CSV) cannot hold of the units
    written to it, for :attr:`ExportResult.warnings`.

    >>> from silkterm.tm.model import Segment
    >>> losses = PairLosses("CSV", "en", "zh-Hans")
    >>> u = Unit("a", (Segment("en", 'to <ph x="1">&lt;br/&gt;</ph>'), Segment("zh-Hans", "去"),
    ...                Segment("kk", "a"), Segment("ru", "b")))
    >>> losses.unit(u)
    >>> losses.count("plural", "the plural forms of {n} unit(s) are not written (CSV holds one)")
    >>> for w in losses.warnings(): print(w)
    CSV holds one language pair (en, zh-Hans): the kk, ru segments of 1 unit(s) are not written
    CSV holds plain text: the inline codes of 1 segment(s) are not written
    the plural forms of 1 unit(s) are not written (CSV holds one)
    """

    def __init__(self, name: str, source_lang: str, target_lang: str) -> None:
        self.name, self.pair = name, (source_lang, target_lang)
        self.langs: dict[str, None] = {}
        self.units_with_other_langs = 0
        self.markup = 0
        self.other: dict[str, tuple[str, int]] = {}

    def unit(self, unit: Unit) -> None:
        """Count the segments of ``unit`` outside the pair and the inline codes in the pair."""
        kept = [s for s in (unit.segment(self.pair[0]), unit.segment(self.pair[1])) if s]
        other = [s.lang for s in unit.segments if not any(s is k for k in kept)]
        if other:
            self.units_with_other_langs += 1
            self.langs.update(dict.fromkeys(other))
        self.markup += sum(1 for s in {id(k): k for k in kept}.values() if "<" in s.content)

    def count(self, key: str, message: str, n: int = 1) -> None:
        """Count ``n`` more of a loss described by ``message`` (``{n}`` is the total)."""
        total = self.other.get(key, (message, 0))[1] + n
        self.other[key] = (message, total)

    def warnings(self) -> tuple[str, ...]:
        """One sentence for each kind of loss counted, in a fixed order."""
        out = []
        if self.langs:
            out.append(f"{self.name} holds one language pair ({', '.join(self.pair)}): the "
                       f"{', '.join(sorted(self.langs))} segments of "
                       f"{self.units_with_other_langs} unit(s) are not written")
        if self.markup:
            out.append(f"{self.name} holds plain text: the inline codes of {self.markup} "
                       "segment(s) are not written")
        out.extend(message.format(n=n) for message, n in self.other.values())
        return tuple(out)


class ProjectUnits:
    """The units as a CAT-tool project from ``source_lang`` into ``target_lang`` must get them:
    each unit with exactly two segments, its source and its target, tagged exactly
    ``source_lang`` and ``target_lang`` (as the project names its languages, e.g. ``en`` and
    ``zh-CN``); a unit without either is left out. Iterate once, then read :meth:`warnings`.

    Why (OmegaT 3.6, ``TMXReader2.getTuvByLang``, checked by ``tests/tm/test_omegat_tmx.py``):
    OmegaT takes from each ``<tu>`` one ``<tuv>`` whose language subtag is the project's, the
    last one whose second subtag is the project's region (``zh-CN``) if there is one, else the
    last one without a second subtag (``zh``), else the last one with any other (``zh-Hans``,
    ``zh-Hant``: the traditional one in silkterm's own TMX, whatever the project's region); and
    from a ``<tu>`` with no such ``<tuv>`` it takes every other one (a unit with only ``kk`` and
    ``ru`` puts its Russian into a Chinese project).

    The target segment is the one tagged ``target_lang``, else the first in the same language
    and, for Chinese, the same script (:func:`~silkterm.tm.model.chinese_script`: ``zh-CN`` and
    ``zh-SG`` take ``zh-Hans``, ``zh-TW`` and ``zh-HK`` take ``zh-Hant``; a ``zh`` segment,
    whose script is unknown, is never taken for one). The source segment is chosen the same way.
    A Chinese ``target_lang`` that names no script (``zh``) is a :class:`TMError`.

    >>> units = [Unit("khorgos", (Segment("en", "Khorgos"), Segment("zh-Hans", "霍尔果斯"),
    ...                           Segment("zh-Hant", "霍爾果斯"), Segment("kk", "Қорғас"))),
    ...          Unit("almaty", (Segment("en", "Almaty"), Segment("kk", "Алматы")))]
    >>> project = ProjectUnits(units, "en", "zh-TW")
    >>> [[(s.lang, s.content) for s in u.segments] for u in project]
    [[('en', 'Khorgos'), ('zh-TW', '霍爾果斯')]]
    >>> project.warnings()
    ('1 unit(s) without a segment in both en and zh-TW (traditional) are not written',)
    >>> ProjectUnits(units, "en", "zh")
    Traceback (most recent call last):
    silkterm.tm.errors.TMError: target language zh names no Chinese script: give the project's own, e.g. zh-CN or zh-SG (simplified), zh-TW or zh-HK (traditional)
    """

    def __init__(self, units: Iterable[Unit], source_lang: str, target_lang: str) -> None:
        self.source_lang, self.target_lang = normalize_lang(source_lang), normalize_lang(target_lang)
        for lang in (self.source_lang, self.target_lang):
            if lang.split("-")[0] == "zh" and chinese_script(lang) is None:
                raise TMError(f"{'target' if lang is self.target_lang else 'source'} language "
                              f"{lang} names no Chinese script: give the project's own, e.g. "
                              "zh-CN or zh-SG (simplified), zh-TW or zh-HK (traditional)")
        self.units = units
        self.left_out = 0

    def __iter__(self) -> Iterator[Unit]:
        for unit in self.units:
            source = project_segment(unit, self.source_lang)
            target = project_segment(unit, self.target_lang)
            if source is None or target is None or source is target:
                self.left_out += 1
                continue
            yield Unit(unit.id, (_tagged(source, self.source_lang),
                                 _tagged(target, self.target_lang)),
                       unit.props, unit.notes, unit.created, unit.changed, unit.attrs, unit.origin)

    def warnings(self) -> tuple[str, ...]:
        """One sentence for the units left out, if any."""
        if not self.left_out:
            return ()
        script = chinese_script(self.target_lang)
        shown = self.target_lang + (" (simplified)" if script == "Hans" else
                                    " (traditional)" if script == "Hant" else "")
        message = (f"{self.left_out} unit(s) without a segment in both {self.source_lang} and "
                   f"{shown} are not written")
        return (message,)


def project_segment(unit: Unit, lang: str) -> Segment | None:
    """The segment of ``unit`` that a project in ``lang`` takes (see :class:`ProjectUnits`): the
    one tagged ``lang``, else the first in the same language (and Chinese script).

    >>> u = Unit("a", (Segment("zh", "?"), Segment("zh-Hant", "門"), Segment("zh-Hans", "门"),
    ...                Segment("en-US", "gate")))
    >>> [project_segment(u, lang).content for lang in ("zh-CN", "zh-SG", "zh-HK", "zh", "en")]
    ['门', '门', '門', '?', 'gate']
    >>> project_segment(u, "kk") is None
    True
    """
    wanted = lang.lower().replace("_", "-")
    for s in unit.segments:
        if s.lang.lower() == wanted:
            return s
    script = chinese_script(wanted)
    for s in unit.segments:
        if compatible(wanted, s.lang) and chinese_script(s.lang) == script:
            return s
    return None


def _tagged(segment: Segment, lang: str) -> Segment:
    if segment.lang == lang:
        return segment
    return Segment(lang, segment.content, segment.props, segment.notes, segment.attrs)

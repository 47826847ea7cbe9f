"""What writing an export file takes and gives: the atomic output (errors as
:class:`~silkterm.tm.errors.TMError`), the :class:`ExportResult` a writer returns, and the
:class:`PairLosses` a one-pair, plain-text format (PO, CSV) counts for its warnings.

The format modules (:mod:`silkterm.tm.tmx`, :mod:`silkterm.tm.csvio`, :mod:`silkterm.tm.po`)
import this module; the registry (:mod:`silkterm.tm.formats`) imports them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from silkterm.glossary.errors import InputError
from silkterm.glossary.textio import open_atomic as atomic_output

from .errors import TMError
from .model import Unit


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

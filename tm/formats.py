"""The registry of exchange formats the memory can import from and export to.

Each :class:`Format` has a name, the file extensions it claims, and a reader and/or a writer.
silkterm registers ``tmx``, ``csv`` and ``tsv`` here; :mod:`silkterm.tm.po` registers ``po``,
``pot`` and ``mo`` when it is imported, which the registry does lazily the first time a format is
looked up (so polib is imported only by the PO adapter). The registry is a
:class:`silkterm.glossary.registry.Registry`, the type the glossary formats use too.

>>> FORMATS.for_name("tmx").extensions
('tmx',)
>>> FORMATS.for_path("memory.TSV").name
'tsv'
>>> try:
...     FORMATS.for_path("notes.docx")
... except TMFormatError as e:
...     print(e)
notes.docx: unknown file type '.docx'; give --format (one of: csv, ...tmx, tsv)
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from silkterm.glossary.errors import InputError
from silkterm.glossary.registry import Registry, extension, extensions
from silkterm.glossary.textio import open_atomic as atomic_output

from .errors import TMError, TMFormatError
from .model import Unit

Reader = Callable[..., Iterator[Unit]]


@dataclass(frozen=True)
class ExportResult:
    """What a writer wrote: the number of units, and one warning (a sentence, for stderr) for
    each kind of thing the format could not hold and left out or changed. The library never
    prints them; the CLI does."""

    count: int
    warnings: tuple[str, ...] = ()


Writer = Callable[..., ExportResult]

#: What a format can carry through a round trip (see tests/tm/test_roundtrip.py).
CAPABILITIES = frozenset({"id", "text", "notes", "props", "dates", "attrs", "markup", "langs"})


@dataclass(frozen=True)
class Format:
    """An exchange format: ``read(path, *, source_lang=None, target_lang=None) -> Iterator[Unit]``
    and ``write(units, path, *, source_lang, target_lang) -> ExportResult``; either may be
    ``None``. ``keeps`` says what survives a round trip through the format."""

    name: str
    extensions: tuple[str, ...] = ()
    read: Reader | None = None
    write: Writer | None = None
    description: str = ""
    keeps: frozenset[str] = field(default=frozenset({"id", "text", "notes"}))

    def __post_init__(self) -> None:
        object.__setattr__(self, "extensions", extensions(self.extensions))


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




def _read_tmx(path: str | Path, *, source_lang: str | None = None,
              target_lang: str | None = None) -> Iterator[Unit]:
    from .tmx import read_tmx

    return read_tmx(path, source_lang=source_lang)


def _write_tmx(units: Iterable[Unit], path: str | Path, *, source_lang: str | None = None,
               target_lang: str | None = None) -> ExportResult:
    from .tmx import write_tmx

    return ExportResult(write_tmx(units, path, srclang=source_lang or "en"))


def _csv_reader(delimiter: str) -> Reader:
    def read(path: str | Path, *, source_lang: str | None = None,
             target_lang: str | None = None) -> Iterator[Unit]:
        from .csvio import read_csv

        return read_csv(path, source_lang=source_lang, target_lang=target_lang, delimiter=delimiter)

    return read


def _csv_writer(delimiter: str) -> Writer:
    def write(units: Iterable[Unit], path: str | Path, *, source_lang: str = "en",
              target_lang: str = "zh-Hans") -> ExportResult:
        from .csvio import write_csv

        return write_csv(units, path, source_lang=source_lang, target_lang=target_lang,
                         delimiter=delimiter)

    return write


def _unknown_name(name: str, registry: Registry[Format]) -> TMError:
    return TMError(f"unknown format {name!r} (one of: {', '.join(registry.names())})")


def _unknown_path(path: str | Path, registry: Registry[Format]) -> TMFormatError:
    ext = extension(path)
    shown = f"'.{ext}'" if ext else "(no extension)"
    return TMFormatError(f"unknown file type {shown}; give --format (one of: "
                         f"{', '.join(registry.names())})", path=str(path))


#: The memory's formats; :mod:`silkterm.tm.po` registers ``po``, ``pot`` and ``mo`` when the
#: registry is first read.
FORMATS: Registry[Format] = Registry(lazy=("silkterm.tm.po",), unknown_name=_unknown_name,
                                     unknown_path=_unknown_path)
FORMATS.register(Format("tmx", ("tmx",), _read_tmx, _write_tmx,
                        "TMX 1.4b (every language, properties, notes, dates, inline markup)",
                        CAPABILITIES))
FORMATS.register(Format("csv", ("csv",), _csv_reader(","), _csv_writer(","),
                        "CSV: tuid,source_lang,source,target_lang,target,note",
                        frozenset({"id", "text", "notes"})))
FORMATS.register(Format("tsv", ("tsv", "tab"), _csv_reader("\t"), _csv_writer("\t"),
                        "tab-separated, same columns as csv", frozenset({"id", "text", "notes"})))

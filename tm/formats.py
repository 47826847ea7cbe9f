"""The registry of exchange formats the memory can import from and export to.

Each :class:`Format` has a name, the file extensions it claims, and a reader and/or a writer.
silkterm registers ``tmx``, ``csv``, ``tsv``, ``po``, ``pot``, ``mo`` and ``xliff`` here, each format module's
reader and writer (the modules know nothing of the registry). The registry is a
:class:`silkterm.glossary.registry.Registry`, the type the glossary formats use too.

>>> FORMATS.for_name("tmx").extensions
('tmx',)
>>> FORMATS.for_path("memory.TSV").name
'tsv'
>>> try:
...     FORMATS.for_path("notes.docx")
... except TMFormatError as e:
...     print(e)
notes.docx: unknown file type '.docx'; give --format (one of: csv, ...tsv, xliff)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from silkterm.glossary.registry import Registry, extension, extensions

from .csvio import read_csv, write_csv
from .errors import TMError, TMFormatError
from .export import ExportResult
from .model import Unit
from .po import read_mo, read_po, write_po
from .tmx import read_tmx, write_tmx
from .xliff import read_xliff, write_xliff

Reader = Callable[..., Iterator[Unit]]
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


def _read_tmx(path: str | Path, *, source_lang: str | None = None,
              target_lang: str | None = None) -> Iterator[Unit]:
    return read_tmx(path, source_lang=source_lang)


def _write_tmx(units: Iterable[Unit], path: str | Path, *, source_lang: str | None = None,
               target_lang: str | None = None) -> ExportResult:
    return ExportResult(write_tmx(units, path, srclang=source_lang or "en"))


def _csv_reader(delimiter: str) -> Reader:
    def read(path: str | Path, *, source_lang: str | None = None,
             target_lang: str | None = None) -> Iterator[Unit]:
        return read_csv(path, source_lang=source_lang, target_lang=target_lang, delimiter=delimiter)

    return read


def _csv_writer(delimiter: str) -> Writer:
    def write(units: Iterable[Unit], path: str | Path, *, source_lang: str = "en",
              target_lang: str = "zh-Hans") -> ExportResult:
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


def _read_po(path: str | Path, *, source_lang: str | None = None,
             target_lang: str | None = None) -> Iterator[Unit]:
    return read_po(path, source_lang=source_lang or "en", target_lang=target_lang)


def _read_mo(path: str | Path, *, source_lang: str | None = None,
             target_lang: str | None = None) -> Iterator[Unit]:
    return read_mo(path, source_lang=source_lang or "en", target_lang=target_lang)


def _write_po(units: Iterable[Unit], path: str | Path, *, source_lang: str | None = "en",
              target_lang: str | None = "zh-Hans") -> ExportResult:
    return write_po(units, path, source_lang=source_lang, target_lang=target_lang)


def _write_xliff(units: Iterable[Unit], path: str | Path, *, source_lang: str | None = "en",
                 target_lang: str | None = "zh-Hans") -> ExportResult:
    return write_xliff(units, path, source_lang=source_lang or "en",
                       target_lang=target_lang or "zh-Hans")


_PO_KEEPS = frozenset({"id", "text", "notes"})

#: The memory's formats.
FORMATS: Registry[Format] = Registry(unknown_name=_unknown_name, unknown_path=_unknown_path)
FORMATS.register(Format("tmx", ("tmx",), _read_tmx, _write_tmx,
                        "TMX 1.4b (every language, properties, notes, dates, inline markup)",
                        CAPABILITIES))
FORMATS.register(Format("csv", ("csv",), _csv_reader(","), _csv_writer(","),
                        "CSV: tuid,source_lang,source,target_lang,target,note",
                        frozenset({"id", "text", "notes"})))
FORMATS.register(Format("tsv", ("tsv", "tab"), _csv_reader("\t"), _csv_writer("\t"),
                        "tab-separated, same columns as csv", frozenset({"id", "text", "notes"})))
FORMATS.register(Format("po", ("po",), _read_po, _write_po,
                        "GNU gettext PO (msgctxt carries the unit id; notes as comments)", _PO_KEEPS))
FORMATS.register(Format("pot", ("pot",), _read_po, None, "gettext template (source only)", _PO_KEEPS))
FORMATS.register(Format("mo", ("mo",), _read_mo, None, "compiled gettext catalogue (read only)",
                        frozenset({"text"})))
FORMATS.register(Format("xliff", ("xlf", "xliff"), read_xliff, _write_xliff,
                        "XLIFF 1.2 through translate-toolkit (reads 1.1 too; notes kept)",
                        frozenset({"id", "text", "notes"})))

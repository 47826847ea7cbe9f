r"""Glossary exchange: export a glossary as TBX (v3 or v2), OmegaT, CSV or PO; import any of them.

``export_glossary(glossary, path, fmt)`` writes a file (atomically); ``import_glossary(path, fmt)``
reads one into :class:`~silkterm.glossary.model.Concept` values, and ``write_yaml(concepts, path)``
writes those in the glossary file format of the README after checking that ``load_glossary``
loads them. The formats (one module each in :mod:`silkterm.glossary.formats`) live in one
registry, :data:`GLOSSARY_FORMATS`, of the type the memory's formats use too
(:class:`~silkterm.glossary.registry.Registry`); every reader takes the same arguments.

Formats
-------
``tbx``
    TBX v3 (ISO 30042:2019), dialect TBX-Basic, style DCA; see
    :mod:`silkterm.glossary.formats.tbx`. Lossless for everything a glossary file lists. Import
    also reads TBX v2 (``<martif>``).
``tbx2``
    TBX v2 (ISO 30042:2008, MARTIF), dialect TBX-Basic: what OmegaT 3.6 and translate-toolkit
    read; see :func:`silkterm.glossary.formats.tbx.render_tbx2`. No extension of its own (a
    ``.tbx`` file is v3 unless ``tbx2`` is named); read by the ``tbx`` reader.
``omegat``
    OmegaT's tab-separated glossary; see :mod:`silkterm.glossary.formats.omegat`. Extensions
    ``.txt``, ``.utf8``, ``.tab`` (written with a byte-order mark) and ``.tsv``.
``csv``
    RFC 4180 CSV as OmegaT reads it: ``source,target,comment`` rows, no header; see
    :mod:`silkterm.glossary.formats.csvfile`. Reading a ``.csv`` file also reads the full CSV
    (told apart by its header).
``csv-full``
    silkterm's full CSV, header ``id,en,zh,status,kind,note,type,flags``.
``po``
    gettext PO (msgctxt = concept id, msgid = English, msgstr = Chinese; extracted comments
    carry the rest); see :mod:`silkterm.glossary.formats.po`.

>>> format_for("glossary.TAB").name, format_for("g.xml").name
('omegat', 'tbx')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from silkterm.glossary.errors import GlossaryError, GlossaryFormatError
from silkterm.glossary.formats.csvfile import (
    read_full_csv,
    read_glossary_csv,
    write_full_csv,
    write_glossary_csv,
)
from silkterm.glossary.formats.omegat import read_omegat, write_omegat
from silkterm.glossary.formats.po import read_glossary_po, write_glossary_po
from silkterm.glossary.formats.tbx import read_tbx, write_tbx, write_tbx2
from silkterm.glossary.formats.yamlfile import render_glossary_yaml
from silkterm.glossary.loader import check_glossary_text
from silkterm.glossary.model import Concept
from silkterm.glossary.registry import Registry, extensions
from silkterm.glossary.textio import write_bytes_atomic

#: ``read(path, *, skipped, notices, warnings)``: the concepts in a file. ``skipped``,
#: ``notices`` and ``warnings`` (lists, or ``None``) collect what a format leaves out or changes
#: (see :func:`import_glossary`);
#: formats with nothing to report ignore them.
GlossaryReader = Callable[..., list[Concept]]
#: ``write(concepts, path)``: write the concepts to the file; their number.
GlossaryWriter = Callable[[Iterable[Concept], Path], int]


@dataclass(frozen=True, slots=True)
class GlossaryFormat:
    """One exchange format: how to write concepts to a path, and how to read concepts back.
    ``extensions`` are stored without the dot, in lower case."""

    name: str
    extensions: tuple[str, ...]
    write: GlossaryWriter | None
    read: GlossaryReader | None

    def __post_init__(self) -> None:
        object.__setattr__(self, "extensions", extensions(self.extensions))


def _reporting_nothing(read: Callable[[Path], list[Concept]]) -> GlossaryReader:
    """``read`` as a :data:`GlossaryReader` of a format that leaves nothing out."""
    def read_reporting(path: Path, *, skipped: list[str] | None = None,
                       notices: list[str] | None = None,
                       warnings: list[str] | None = None) -> list[Concept]:
        return read(path)

    return read_reporting


def _unknown_name(name: str, registry: Registry[GlossaryFormat]) -> GlossaryError:
    return GlossaryError(f"unknown glossary format {name!r} (known: {', '.join(registry)})")


def _unknown_path(path: str | Path, registry: Registry[GlossaryFormat],
                  able: Callable[[GlossaryFormat], bool] = lambda f: True) -> GlossaryFormatError:
    names = ", ".join(name for name, f in registry.items() if able(f))
    return GlossaryFormatError("cannot tell the glossary format from the file name; give one "
                               f"of: {names}", path=str(path))


#: The glossary's exchange formats (the registry type the memory's formats use too).
GLOSSARY_FORMATS: Registry[GlossaryFormat] = Registry(unknown_name=_unknown_name,
                                                      unknown_path=_unknown_path)
GLOSSARY_FORMATS.register(GlossaryFormat("tbx", ("tbx", "xml"), write_tbx, read_tbx))
GLOSSARY_FORMATS.register(GlossaryFormat("tbx2", (), write_tbx2, read_tbx))
GLOSSARY_FORMATS.register(GlossaryFormat("omegat", ("txt", "utf8", "tab", "tsv"), write_omegat,
                                         _reporting_nothing(read_omegat)))
GLOSSARY_FORMATS.register(GlossaryFormat("csv", ("csv",), write_glossary_csv,
                                         _reporting_nothing(read_glossary_csv)))
GLOSSARY_FORMATS.register(GlossaryFormat("csv-full", (), write_full_csv,
                                         _reporting_nothing(read_full_csv)))
GLOSSARY_FORMATS.register(GlossaryFormat("po", ("po", "pot"), write_glossary_po,
                                         _reporting_nothing(read_glossary_po)))


def format_for(path: str | Path, fmt: str | None = None, *,
               reading: bool = False) -> GlossaryFormat:
    """The format named ``fmt``, or the one the file's extension implies, that can read
    (``reading``) or write."""
    def able(f: GlossaryFormat) -> bool:
        return (f.read if reading else f.write) is not None

    if fmt is None:
        found = GLOSSARY_FORMATS.find(path, able)
        if found is None:
            raise _unknown_path(path, GLOSSARY_FORMATS, able)
        return found
    found = GLOSSARY_FORMATS.get(fmt)
    if found is None:
        raise GlossaryError(_unknown_name(fmt, GLOSSARY_FORMATS).message, path=str(path))
    if not able(found):
        raise GlossaryError(f"the {fmt} format can only be {'written' if reading else 'read'}",
                            path=str(path))
    return found


def export_glossary(glossary: Iterable[Concept], path: str | Path, fmt: str | None = None) -> int:
    """Write ``glossary`` (a Glossary or concepts) to ``path`` in ``fmt`` (default: by the
    extension); return the number of concepts."""
    found = format_for(path, fmt)
    assert found.write is not None
    return found.write(list(glossary), Path(path))


def import_glossary(path: str | Path, fmt: str | None = None, *,
                    skipped: list[str] | None = None,
                    notices: list[str] | None = None,
                    warnings: list[str] | None = None) -> list[Concept]:
    """Read concepts from a TBX (v2 or v3), OmegaT, CSV or PO file; ``fmt`` defaults to the one
    the extension implies. Raises :class:`~silkterm.glossary.errors.GlossaryFormatError` on bad
    input.

    TBX entries from other tools without an English term are errors unless ``skipped`` (a list)
    is given; then they are left out and listed there (``"path:line: entry id"``). TBX entries
    whose only English terms are deprecated are imported with the first of them as the house
    form and listed in ``notices`` (see :func:`silkterm.glossary.formats.tbx.read_tbx`). Terms in
    languages silkterm does not keep (``de``, ``fr``…) are left out with one line per file in
    ``warnings`` (``"path: 3 terms in languages silkterm does not keep (de, fr) were left
    out"``).
    """
    found = format_for(path, fmt, reading=True)
    assert found.read is not None
    return found.read(Path(path), skipped=skipped, notices=notices, warnings=warnings)


def write_yaml(concepts: Iterable[Concept], path: str | Path, *, validate: bool = True) -> int:
    """Write ``concepts`` as a glossary YAML file (atomically) and return their number.

    With ``validate`` the text is first loaded as ``glossary check`` loads it (validated,
    compiled, specs run; errors name ``path`` and the line), so a file that ``load_glossary``
    would reject (a form two concepts share without ``ambiguous`` or a case rule, say) is never
    written.
    """
    items = list(concepts)
    text = render_glossary_yaml(items)
    if validate:
        check_glossary_text(text, path)
    write_bytes_atomic(path, text.encode("utf-8"))
    return len(items)

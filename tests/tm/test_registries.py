"""The memory's and the glossary's exchange formats live in one registry type
(silkterm.glossary.registry.Registry), with extensions stored one way (no dot, lower case)."""

from __future__ import annotations

import dataclasses

import pytest
from silkterm.glossary.errors import GlossaryError, GlossaryFormatError
from silkterm.glossary.exchange import GLOSSARY_FORMATS, import_glossary
from silkterm.glossary.registry import Registry
from silkterm.tm.errors import TMError, TMFormatError
from silkterm.tm.formats import FORMATS


def by_extension(registry: Registry) -> list[tuple[str, str]]:
    """Every registered extension and the format a file with it is found to be (by path)."""
    return [(ext, registry.for_path(f"file.{ext.upper()}").name)
            for fmt in registry.values() for ext in fmt.extensions]


def test_both_registries_are_the_one_registry_type():
    assert isinstance(FORMATS, Registry)
    assert isinstance(GLOSSARY_FORMATS, Registry)


def test_every_memory_extension_is_found_by_path():
    assert by_extension(FORMATS) == [
        ("tmx", "tmx"), ("csv", "csv"), ("tsv", "tsv"), ("tab", "tsv"),
        ("po", "po"), ("pot", "pot"), ("mo", "mo"), ("xlf", "xliff"), ("xliff", "xliff"),
    ]


def test_every_glossary_extension_is_found_by_path():
    assert by_extension(GLOSSARY_FORMATS) == [
        ("tbx", "tbx"), ("xml", "tbx"), ("txt", "omegat"), ("utf8", "omegat"),
        ("tab", "omegat"), ("tsv", "omegat"), ("csv", "csv"), ("po", "po"), ("pot", "po"),
    ]


def test_unknown_names_and_paths_raise_the_owners_errors():
    with pytest.raises(TMError, match=r"^unknown format 'xlsx' \(one of: csv, mo, po, pot, tmx, tsv, xliff\)$"):
        FORMATS.for_name("xlsx")
    with pytest.raises(TMFormatError, match=r"^a\.docx: unknown file type '\.docx'"):
        FORMATS.for_path("a.docx")
    with pytest.raises(GlossaryError, match=r"^unknown glossary format 'xlsx' \(known: tbx, tbx2, omegat, "
                                            r"csv, csv-full, po\)$"):
        GLOSSARY_FORMATS.for_name("xlsx")
    with pytest.raises(GlossaryFormatError, match=r"^a\.docx: cannot tell the glossary format from the "
                                            r"file name; give one of: tbx, tbx2, omegat, csv, "
                                            r"csv-full, po$"):
        GLOSSARY_FORMATS.for_path("a.docx")


def test_every_glossary_reader_takes_the_report_sinks(tmp_path, monkeypatch):
    """No format is a special case of import_glossary: each reader is called the same way."""
    calls = []

    def read(path, *, skipped, notices, warnings):
        calls.append((path.name, skipped, notices, warnings))
        return []

    fmt = dataclasses.replace(GLOSSARY_FORMATS["csv"], read=read)
    monkeypatch.setitem(GLOSSARY_FORMATS, "csv", fmt)
    skipped, notices, warnings = ["s"], ["n"], ["w"]
    assert import_glossary(tmp_path / "g.csv", skipped=skipped, notices=notices,
                           warnings=warnings) == []
    assert calls == [("g.csv", ["s"], ["n"], ["w"])]

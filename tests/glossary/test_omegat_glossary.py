"""The OmegaT tab-separated glossary (``glossary export --format omegat``) as OmegaT 3.6 reads it:
its own ``GlossaryReaderTSV`` (through the Java harness of ``conftest.py``), which reads ``.utf8``
as UTF-8 and detects the charset of ``.txt`` and ``.tab`` files (falling back to the system's).
The tests run Java with a Latin-1 system charset where the extension leaves it to detection."""

from __future__ import annotations

import pytest
from silkterm.glossary.exchange import export_glossary, import_glossary
from silkterm.glossary.formats.common import make_concept, one_line
from silkterm.glossary.formats.omegat import omegat_lines
from silkterm.glossary.model import Kind, Status, Variant

LATIN1 = ("-Dfile.encoding=ISO-8859-1",)  # a system whose charset is not UTF-8


@pytest.mark.parametrize("suffix", [".txt", ".utf8", ".tab"])
def test_omegat_reads_every_row_of_the_tsv_export(glossary, tmp_path, omegat_reader, suffix):
    path = tmp_path / f"glossary{suffix}"
    export_glossary(glossary, path, "omegat")
    expected = [tuple(one_line(f) for f in row) for row in omegat_lines(glossary)]
    assert len(expected) > 300
    assert omegat_reader("tsv", path, java_options=LATIN1) == expected
    by_source = {}
    for source, target, comment in expected:
        by_source.setdefault(source, []).append((target, comment))
    assert by_source["Horgos"] == [("霍尔果斯", "deprecated spelling of Khorgos")]


def test_the_byte_order_mark_of_a_tab_file_is_not_part_of_its_first_term(tmp_path, omegat_reader):
    """``.tab`` is written with a BOM (older OmegaT versions read ``.tab`` in the system's
    charset); 3.6 detects the charset, falling back to the system's, and skips the mark."""
    c = make_concept(id="khorgos", type="place", en="Khorgos", zh="霍尔果斯", source=("tests",))
    path = tmp_path / "g.tab"
    export_glossary([c], path, "omegat")
    assert path.read_bytes() == "\ufeffKhorgos\t霍尔果斯\tHuò'ěrguǒsī\n".encode()
    assert omegat_reader("tsv", path, java_options=LATIN1) == [("Khorgos", "霍尔果斯", "Huò'ěrguǒsī")]


def test_omegat_reads_tabs_and_line_breaks_in_fields_as_one_line(tmp_path, omegat_reader):
    c = make_concept(id="nurly-zhol", en="Nurly Zhol", zh="光明之路",
                     note="Kazakh\t“Bright Path”,\nsince 2014.", source=("tests",),
                     variants=(Variant("Bright Road", status=Status.ADMITTED,
                                       kind=Kind.TRANSLATION),))
    path = tmp_path / "g.txt"
    export_glossary([c], path, "omegat")
    assert omegat_reader("tsv", path) == [
        ("Nurly Zhol", "光明之路", "guāngmíng zhī lù; Kazakh “Bright Path”, since 2014."),
        ("Bright Road", "光明之路", "admitted translation of Nurly Zhol"),
    ]
    assert [(x.en, x.zh, [v.form for v in x.variants]) for x in import_glossary(path)] == [
        ("Nurly Zhol", "光明之路", ["Bright Road"])]

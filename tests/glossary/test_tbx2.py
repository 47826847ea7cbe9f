"""TBX v2 (``glossary export --format tbx2``) and the CSV glossary (``--format csv``) as their
real consumers read them: OmegaT 3.6's own glossary readers (``GlossaryReaderTBX``,
``GlossaryReaderCSV``, called by the Java harness ``tests/data/omegat/GlossaryDump.java``
compiled against Debian's ``/usr/share/omegat/OmegaT.jar``) and translate-toolkit's
``translate.storage.tbx.tbxfile``; and what importing TBX reports about languages silkterm
does not keep.

OmegaT and javac are not optional: ``.ci/run`` installs ``omegat`` (which brings Java), and a
machine without them fails these tests instead of skipping them.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from lxml import etree
from silkterm.glossary.exchange import export_glossary, import_glossary
from silkterm.glossary.formats.common import make_concept, one_line
from silkterm.glossary.formats.csvfile import render_csv
from silkterm.glossary.formats.omegat import omegat_lines
from silkterm.glossary.formats.tbx import render_tbx2
from silkterm.glossary.model import Kind, Status, Variant

# -- TBX v2 --------------------------------------------------------------------------------------


def test_tbx2_is_martif_tbx_basic_with_every_concept(glossary, tmp_path):
    path = tmp_path / "g.tbx"
    assert export_glossary(glossary, path, "tbx2") == len(glossary)
    root = etree.parse(str(path)).getroot()
    assert (root.tag, root.get("type"), root.get("{http://www.w3.org/XML/1998/namespace}lang")) == (
        "martif", "TBX-Basic", "en")
    assert [child.tag for child in root] == ["martifHeader", "text"]
    assert root.findtext("martifHeader/encodingDesc/p[@type='XCSURI']") == "TBXBasicXCSV02.xcs"
    entries = root.findall("text/body/termEntry")
    assert [e.get("id") for e in entries] == [c.id for c in glossary]
    langs = {ls.get("{http://www.w3.org/XML/1998/namespace}lang")
             for ls in root.iter("langSet")}
    assert langs == {"en", "zh-Hans", "kk", "ru"}  # no zh-Hant: see LANG_ORDER_V2
    tig = root.find("text/body/termEntry/langSet/tig")
    assert [child.tag for child in tig][:3] == ["term", "termNote", "termNote"]
    assert {n.get("type") for n in root.iter("termNote")} >= {"administrativeStatus",
                                                              "partOfSpeech"}
    assert root.find(".//descrip[@type='definition']") is not None
    notes = [n.text for n in root.iter("note")]
    assert not [n for n in notes if n.startswith(("silkterm:seen:", "silkterm:spec:",
                                                  "silkterm:seq:", "silkterm:rule:"))]


@pytest.mark.parametrize("target", ["zh", "zh-CN"])
def test_omegat_reads_every_concept_of_the_tbx2_export(glossary, tmp_path, omegat_reader, target):
    path = tmp_path / "g.tbx"
    export_glossary(glossary, path, "tbx2")
    entries = omegat_reader("tbx", path, "en", target)
    targets: dict[str, set[str]] = {}
    for source, tgt, _comment in entries:
        targets.setdefault(source, set()).add(tgt)
    assert {c.en for c in glossary} <= set(targets)  # every concept comes out
    with_zh = [c for c in glossary if c.zh]
    assert len(with_zh) == 169
    for c in with_zh:
        assert c.zh in targets[c.en], c.id
        for v in c.variants:
            if v.lang == "en" and v.rule is None:
                assert c.zh in targets[v.form], (c.id, v.form)
        chinese = {c.zh} | {v.form for v in c.variants if v.lang == "zh"}
        assert targets[c.en] <= chinese, c.id  # no traditional form, no other language
    khorgos = [e for e in entries if e[0] == "Khorgos" and e[1] == "霍尔果斯"]
    assert len(khorgos) == 1
    assert "definition: Border crossing on the China–Kazakhstan border" in khorgos[0][2]
    assert "silkterm:pinyin: Huò'ěrguǒsī" in khorgos[0][2]
    for c in glossary:  # no Chinese house form: the Chinese variants, or an empty target that
        if not c.zh:    # OmegaT keeps for the definition
            assert targets[c.en] == {v.form for v in c.variants if v.lang == "zh"} or {""}, c.id


def test_omegat_reads_the_tbx2_export_into_other_targets_too(glossary, tmp_path, omegat_reader):
    path = tmp_path / "g.tbx"
    export_glossary(glossary, path, "tbx2")
    assert {e[1] for e in omegat_reader("tbx", path, "en", "de")} == {""}
    russian = {e[1] for e in omegat_reader("tbx", path, "en", "ru-RU")}
    assert russian == {c.ru or "" for c in glossary} | {
        v.form for c in glossary for v in c.variants if v.lang == "ru" and v.rule is None}


def test_translate_toolkit_reads_every_concept_of_the_tbx2_export(glossary, tmp_path):
    from translate.storage.tbx import tbxfile

    path = tmp_path / "g.tbx"
    export_glossary(glossary, path, "tbx2")
    store = tbxfile.parsefile(str(path))
    assert len(store.units) == len(glossary)
    for unit, c in zip(store.units, glossary, strict=True):
        assert (unit.getid(), unit.source) == (c.id, c.en)
        english = [t.text for t in unit.get_source_terms()]
        assert english == [c.en] + [v.form for v in c.variants if v.lang == "en" and v.rule is None]
        chinese = unit.get_target_terms("zh-Hans")
        if c.zh:
            assert (chinese[0].text, chinese[0].administrative_status) == (
                c.zh, "preferredTerm-admn-sts")
            assert [t.text for t in chinese[1:]] == [v.form for v in c.variants if v.lang == "zh"]
        else:
            assert [t.text for t in chinese] == [v.form for v in c.variants if v.lang == "zh"]
        if c.ru:
            assert [t.text for t in unit.get_target_terms("ru")][0] == c.ru
    forbidden = [t for u in store.units for t in u.get_source_terms() if t.deprecated]
    assert any(t.text == "Borat Nulgaliyev" for t in forbidden)


def test_tbx2_round_trip_keeps_statuses_kinds_flags_and_notes(small, tmp_path):
    from silkterm.glossary.formats.yamlfile import render_glossary_yaml

    path = tmp_path / "g.tbx"
    path.write_bytes(render_tbx2(small))
    langs = ("en", "zh", "kk", "ru")

    def kept(c):
        variants = sorted((dataclasses.replace(v, seen=()) for v in c.variants
                           if v.lang in langs), key=lambda v: langs.index(v.lang))
        return dataclasses.replace(c, seen=(), specs=(), variants=tuple(variants))

    assert render_glossary_yaml(import_glossary(path)) == render_glossary_yaml(
        [kept(c) for c in small])


# -- languages silkterm does not keep --------------------------------------------------------


MARTIF_DE_FR = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
<termEntry id="c1">
 <langSet xml:lang="en"><tig><term>dry port</term></tig></langSet>
 <langSet xml:lang="zh-CN"><tig><term>无水港</term></tig></langSet>
 <langSet xml:lang="de"><tig><term>Trockenhafen</term></tig><tig><term>Binnenhafen</term></tig></langSet>
 <langSet xml:lang="fr"><tig><term>port sec</term></tig></langSet>
</termEntry>
<termEntry id="c2">
 <langSet xml:lang="en"><tig><term>Khorgos</term></tig></langSet>
 <langSet xml:lang="de-AT"><ntig><termGrp><term>Chorgos</term></termGrp></ntig></langSet>
</termEntry>
</body></text></martif>
"""


def test_import_warns_once_per_file_about_terms_in_languages_it_does_not_keep(tmp_path):
    path = tmp_path / "de-fr.tbx"
    path.write_text(MARTIF_DE_FR, encoding="utf-8")
    warnings: list[str] = []
    concepts = import_glossary(path, warnings=warnings)
    assert [(c.en, c.zh, c.variants) for c in concepts] == [("dry port", "无水港", ()),
                                                          ("Khorgos", None, ())]
    assert warnings == [f"{path}: 4 terms in languages silkterm does not keep (de, de-AT, fr) "
                        "were left out"]
    assert import_glossary(path) == concepts  # without a list: the same concepts, no error


def test_import_of_tbx3_with_other_languages_warns_too(tmp_path):
    path = tmp_path / "v3.tbx"
    path.write_text('<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca">'
                    '<text><body><conceptEntry id="c1">'
                    '<langSec xml:lang="en"><termSec><term>dry port</term></termSec></langSec>'
                    '<langSec xml:lang="es"><termSec><term>puerto seco</term></termSec></langSec>'
                    "</conceptEntry></body></text></tbx>", encoding="utf-8")
    warnings: list[str] = []
    assert [c.en for c in import_glossary(path, warnings=warnings)] == ["dry port"]
    assert warnings == [f"{path}: 1 term in a language silkterm does not keep (es) was left out"]
    kept: list[str] = []
    import_glossary(path.with_name("v3.tbx"), warnings=kept)
    assert kept == warnings


def test_import_cli_prints_the_warning_as_one_line_on_stderr(tmp_path, monkeypatch):
    from click.testing import CliRunner
    from silkterm.cli.main import cli

    monkeypatch.chdir(tmp_path)
    Path("de-fr.tbx").write_text(MARTIF_DE_FR, encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "import", "de-fr.tbx", "-o", "g.yaml"],
                                prog_name="silkterm")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "imported 2 concepts from de-fr.tbx (tbx) to g.yaml\n",
        "de-fr.tbx: 4 terms in languages silkterm does not keep (de, de-AT, fr) were left out\n")


# -- CSV as OmegaT reads it --------------------------------------------------------------------


def test_omegat_reads_the_default_csv_export_right(glossary, tmp_path, omegat_reader):
    path = tmp_path / "g.csv"
    export_glossary(glossary, path, "csv")
    entries = omegat_reader("csv", path)
    expected = []
    for c in glossary:
        if not c.zh:
            continue
        expected.append(c.en)
        expected.extend(v.form for v in c.variants if v.lang == "en" and v.rule is None)
    assert [e[0] for e in entries] == expected  # no header row, every English form
    assert entries == [tuple(one_line(f) for f in row) for row in omegat_lines(glossary)]
    by_source = {}
    for source, target, comment in entries:
        by_source.setdefault(source, []).append((target, comment))
    for c in glossary:
        if c.zh:
            target, comment = by_source[c.en][0]
            assert target == c.zh, c.id
            assert comment.startswith(f"{c.pinyin}; " if c.note else c.pinyin or ""), c.id
    assert by_source["Horgos"] == [("霍尔果斯", "deprecated spelling of Khorgos")]


def test_omegat_reads_a_term_with_commas_and_quotes_from_the_csv(tmp_path, omegat_reader):
    c = make_concept(id="nurly-zhol", en='Nurly Zhol "Bright Road", programme', zh="光明之路",
                     note='Kazakh "Bright Path",\nsince 2014.', source=("tests",),
                     variants=(Variant('"Bright Road"', status=Status.ADMITTED,
                                       kind=Kind.TRANSLATION),))
    path = tmp_path / "q.csv"
    path.write_bytes(render_csv([c]))
    assert omegat_reader("csv", path) == [
        ('Nurly Zhol "Bright Road", programme', "光明之路",
         'guāngmíng zhī lù; Kazakh "Bright Path", since 2014.'),
        ('"Bright Road"', "光明之路",
         'admitted translation of Nurly Zhol "Bright Road", programme'),
    ]
    assert [(x.en, x.zh, [v.form for v in x.variants]) for x in import_glossary(path)] == [
        ('Nurly Zhol "Bright Road", programme', "光明之路", ['"Bright Road"'])]


def test_omegat_would_take_the_full_csv_header_as_an_entry(small, tmp_path, omegat_reader):
    """Why the full CSV is not the default: OmegaT reads its header and its id column."""
    path = tmp_path / "full.csv"
    export_glossary(small, path, "csv-full")
    assert omegat_reader("csv", path)[:2] == [("id", "en", "zh"), ("khorgos", "Khorgos", "霍尔果斯")]
    assert [c.id for c in import_glossary(path)] == [c.id for c in small]  # still imported

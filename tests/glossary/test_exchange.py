"""Glossary exchange formats other than TBX (silkterm.glossary.exchange and the format modules
of silkterm.glossary.formats): OmegaT, CSV, PO, the YAML writer and the export/import registry."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from silkterm.glossary.errors import GlossaryError, GlossaryFormatError, InputError
from silkterm.glossary.exchange import (
    GLOSSARY_FORMATS,
    GlossaryFormat,
    export_glossary,
    format_for,
    import_glossary,
    write_yaml,
)
from silkterm.glossary.formats.common import IdMaker, make_concept
from silkterm.glossary.formats.csvfile import render_csv, render_full_csv
from silkterm.glossary.formats.omegat import render_omegat
from silkterm.glossary.formats.yamlfile import concept_yaml
from silkterm.glossary.formats.yamlfile import render_glossary_yaml as render_yaml
from silkterm.glossary.loader import load_files, load_glossary
from silkterm.glossary.model import Case, Kind, Status, Variant

OMEGAT_THREE = (
    "Khorgos\t霍尔果斯\tHuò'ěrguǒsī; Border crossing between China and Kazakhstan.\n"
    "Horgos\t霍尔果斯\tdeprecated spelling of Khorgos\n"
    "Khorgas\t霍尔果斯\tadmitted spelling of Khorgos [case ignore]\n"
    "COVID-19\t新型冠状病毒感染\txīnxíng guānzhuàng bìngdú gǎnrǎn\n"
    "COVID\t新型冠状病毒感染\tdeprecated short-form of COVID-19\n"
    "new crown\t新型冠状病毒感染\tforbidden mistranslation of COVID-19 [case exact]\n"
    "Shanghai Cooperation Organisation\t上海合作组织\tShànghǎi Hézuò Zǔzhī\n"
    "SCO\t上海合作组织\tadmitted abbreviation of Shanghai Cooperation Organisation [case exact]\n"
    "Shanghai Cooperation Organization\t上海合作组织\tdeprecated spelling of Shanghai Cooperation "
    "Organisation\n"
)

CSV_THREE = (
    "id,en,zh,status,kind,note,type,flags\r\n"
    "khorgos,Khorgos,霍尔果斯,preferred,,Border crossing between China and Kazakhstan.,place,\r\n"
    "khorgos,Horgos,,deprecated,spelling,,,\r\n"
    "khorgos,Khorgas,,admitted,spelling,,,case ignore\r\n"
    "khorgos,,霍果斯,deprecated,misspelling,,,\r\n"
    "covid-19,COVID-19,新型冠状病毒感染,preferred,,,term,\r\n"
    "covid-19,COVID,,deprecated,short-form,,,\r\n"
    "covid-19,new crown,,forbidden,mistranslation,,,case exact\r\n"
    "sco,Shanghai Cooperation Organisation,上海合作组织,preferred,,,organisation,\r\n"
    "sco,SCO,,admitted,abbreviation,,,case exact\r\n"
    "sco,Shanghai Cooperation Organization,,deprecated,spelling,,,\r\n"
)


@pytest.fixture()
def three(small):
    return [small["khorgos"], small["covid-19"], small["sco"]]


# -- OmegaT --------------------------------------------------------------------------------------


def test_omegat_lines_for_three_concepts_are_exactly_so(three):
    assert render_omegat(three).decode("utf-8") == OMEGAT_THREE


def test_omegat_skips_concepts_without_the_target_and_can_target_russian(small):
    assert render_omegat([small["nurly-zhol"]]) == b""
    assert render_omegat([small["khorgos"]], target="ru").decode() == (
        "Khorgos\tХоргос\tBorder crossing between China and Kazakhstan.\n"
        "Horgos\tХоргос\tdeprecated spelling of Khorgos\n"
        "Khorgas\tХоргос\tadmitted spelling of Khorgos [case ignore]\n")


def test_omegat_import_rebuilds_concepts_and_variants(tmp_path):
    path = tmp_path / "glossary.txt"
    path.write_text("# OmegaT glossary\n\n" + OMEGAT_THREE + "Astana\t阿斯塔纳\n"
                    "Astana\t阿斯塔那\tolder form\n", encoding="utf-8")
    concepts = import_glossary(path)
    src = ("omegat: glossary.txt",)
    assert concepts == [
        make_concept(id="khorgos", type="term", en="Khorgos", zh="霍尔果斯", pinyin="Huò'ěrguǒsī",
                     note="Border crossing between China and Kazakhstan.", source=src,
                     variants=(Variant("Horgos", status=Status.DEPRECATED, kind=Kind.SPELLING),
                               Variant("Khorgas", kind=Kind.SPELLING, case=Case.IGNORE))),
        make_concept(id="covid-19", type="term", en="COVID-19", zh="新型冠状病毒感染",
                     pinyin="xīnxíng guānzhuàng bìngdú gǎnrǎn", source=src,
                     variants=(Variant("COVID", status=Status.DEPRECATED, kind=Kind.SHORT_FORM),
                               Variant("new crown", status=Status.FORBIDDEN,
                                       kind=Kind.MISTRANSLATION, case=Case.EXACT))),
        make_concept(id="shanghai-cooperation-organisation", type="term",
                     en="Shanghai Cooperation Organisation", zh="上海合作组织",
                     pinyin="Shànghǎi Hézuò Zǔzhī", source=src,
                     variants=(Variant("SCO", kind=Kind.ABBREVIATION, case=Case.EXACT),
                               Variant("Shanghai Cooperation Organization",
                                       status=Status.DEPRECATED, kind=Kind.SPELLING))),
        make_concept(id="astana", type="term", en="Astana", zh="阿斯塔纳", source=src,
                     variants=(Variant("阿斯塔那", lang="zh", note="older form"),)),
    ]
    write_yaml(concepts, tmp_path / "o.yaml")
    text = (tmp_path / "o.yaml").read_text(encoding="utf-8")
    assert "  pinyin: Huò'ěrguǒsī\n" in text  # differs from the pinyin derived for a term
    assert "  pinyin: Āsītǎnà\n" not in text  # derived: not written


def test_omegat_line_without_a_tab_is_an_error(tmp_path):
    path = tmp_path / "g.txt"
    path.write_text("Khorgos\t霍尔果斯\nAstana\n", encoding="utf-8")
    with pytest.raises(GlossaryFormatError) as e:
        import_glossary(path, "omegat")
    assert str(e.value) == (f"{path}:2: an OmegaT glossary line needs a source and a target term "
                            "separated by a tab")


# -- CSV -----------------------------------------------------------------------------------------


def test_full_csv_rows_for_three_concepts_are_exactly_so(three):
    assert render_full_csv(three).decode("utf-8") == CSV_THREE


def test_csv_rows_are_the_omegat_lines_comma_separated(three):
    assert render_csv(three).decode("utf-8") == (
        "Khorgos,霍尔果斯,Huò'ěrguǒsī; Border crossing between China and Kazakhstan.\r\n"
        "Horgos,霍尔果斯,deprecated spelling of Khorgos\r\n"
        "Khorgas,霍尔果斯,admitted spelling of Khorgos [case ignore]\r\n"
        "COVID-19,新型冠状病毒感染,xīnxíng guānzhuàng bìngdú gǎnrǎn\r\n"
        "COVID,新型冠状病毒感染,deprecated short-form of COVID-19\r\n"
        "new crown,新型冠状病毒感染,forbidden mistranslation of COVID-19 [case exact]\r\n"
        "Shanghai Cooperation Organisation,上海合作组织,Shànghǎi Hézuò Zǔzhī\r\n"
        "SCO,上海合作组织,admitted abbreviation of Shanghai Cooperation Organisation [case exact]\r\n"
        "Shanghai Cooperation Organization,上海合作组织,deprecated spelling of Shanghai "
        "Cooperation Organisation\r\n")


def test_csv_quotes_commas_and_quotes_and_puts_a_field_on_one_line():
    c = make_concept(id="x", en='Nurly Zhol "Bright Road", programme', zh="光明之路",
                     note="A programme,\nannounced in 2014.", source=("tests",))
    assert render_csv([c]).decode() == (
        '"Nurly Zhol ""Bright Road"", programme",光明之路,'
        '"guāngmíng zhī lù; A programme, announced in 2014."\r\n')


def test_csv_import_reads_omegat_rows_like_an_omegat_glossary(three, tmp_path):
    path = tmp_path / "g.csv"
    path.write_bytes(b"# a comment\r\n\r\n" + render_csv(three))
    tab = tmp_path / "g.txt"
    tab.write_bytes(render_omegat(three))
    back, expected = import_glossary(path), import_glossary(tab)
    assert back == [dataclasses.replace(c, source=("csv: g.csv",)) for c in expected]
    assert [c.en for c in back] == ["Khorgos", "COVID-19", "Shanghai Cooperation Organisation"]
    path.write_text("Astana\n", encoding="utf-8")
    with pytest.raises(GlossaryFormatError) as e:
        import_glossary(path)
    assert str(e.value) == f"{path}:1: a CSV glossary row needs a source and a target term"


def test_full_csv_round_trip_keeps_forms_statuses_kinds_and_notes(three, tmp_path):
    path = tmp_path / "g.csv"
    path.write_bytes(render_full_csv(three))
    assert import_glossary(path, "csv-full") == import_glossary(path)
    back = import_glossary(path)
    assert [c.id for c in back] == ["khorgos", "covid-19", "sco"]
    for original, imported in zip(three, back, strict=True):
        assert (imported.en, imported.zh, imported.note, imported.type, imported.case) == (
            original.en, original.zh, original.note, original.type, original.case)
        assert [(v.form, v.lang, v.status, v.kind, v.note, v.case, v.ambiguous, v.action, v.valid)
                for v in imported.variants] == [
            (v.form, v.lang, v.status, v.kind, v.note, v.case, v.ambiguous, v.action, v.valid)
            for v in original.variants if v.rule is None and v.lang in ("en", "zh")]
        assert imported.source == ("csv: g.csv",)


def test_csv_columns_may_be_reordered_and_partial(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("en,zh,extra\ndry port,无水港,x\nDry Port,,\n", encoding="utf-8")
    assert [(c.id, c.en, c.zh) for c in import_glossary(path)] == [
        ("dry-port", "dry port", "无水港"), ("dry-port-2", "Dry Port", None)]


@pytest.mark.parametrize(("text", "message"), [
    ("", "g.csv:1: empty CSV file (expected the header id,en,zh,status,kind,note)"),
    ("id,zh\nx,新疆\n", "g.csv:1: the CSV header needs an 'en' column (expected id,en,zh,status,kind,note)"),
    ("id,en,status\nx,X,preferred\nx,Y,banned\n",
     "g.csv:3: status 'banned' is not one of: preferred, admitted, deprecated, forbidden, "
     "proposed"),
    ("id,en,zh\nx,X,\nx,Y,新\n", ("g.csv:3: a variant row of 'x' needs its form in exactly one of "
                                  "the columns en and zh")),
    ("id,en,zh\nx,,新\n", "g.csv:2: a concept row needs the English form in column 'en'"),
    ("id,en,flags\nx,X,\nx,Y,sometimes\n", ("g.csv:3: flags 'sometimes': expected a comma-separated "
                                             "list of ambiguous, case CASE, action ACTION, from "
                                             "DATE, to DATE")),
    ("id,en,flags\nx,X,ambiguous\n", "g.csv:2: flags 'ambiguous': a concept row takes only 'case CASE' and "
     "'proposed'"),
    ("en,type\nX,planet\n", ("g.csv:2: type 'planet' is not one of: person, place, organisation, "
                             "programme, event, work, term, brand, publication, facility, award")),
])
def test_bad_csv_gives_one_error_with_file_and_line(tmp_path, text, message):
    path = tmp_path / "g.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryFormatError) as e:
        import_glossary(path)
    assert str(e.value) == f"{tmp_path}/{message}"


def test_csv_in_a_wrong_encoding_names_the_line(tmp_path):
    path = tmp_path / "g.csv"
    path.write_bytes(b"id,en\xff\nx,Almaty\n")
    with pytest.raises(GlossaryFormatError, match=r"g\.csv:1: not valid UTF-8$"):
        import_glossary(path)
    path.write_bytes(b"id,en\nx,Almaty\ny,Karaganda \xe9\n")
    with pytest.raises(GlossaryFormatError, match=r"g\.csv:3: not valid UTF-8$"):
        import_glossary(path)


# -- YAML writer ---------------------------------------------------------------------------------


def test_a_concept_is_written_in_the_readme_layout(small):
    assert concept_yaml(small["astana"]) == (
        "- id: astana\n"
        "  type: place\n"
        "  en: Astana\n"
        "  zh: 阿斯塔纳\n"
        "  source: [tests]\n"
        "  variants:\n"
        "  - form: Nur-Sultan\n"
        "    status: deprecated\n"
        "    kind: former-name\n"
        "    valid: {from: 2019-03-23, to: 2022-09-17}\n"
        "  - form: 努尔苏丹\n"
        "    lang: zh\n"
        "    status: deprecated\n"
        "    kind: former-name\n"
        "    valid: {from: 2019-03-23, to: 2022-09-17}\n")
    assert concept_yaml(small["covid-19"]) == (
        "- id: covid-19\n"
        "  type: term\n"
        "  en: COVID-19\n"
        "  zh: 新型冠状病毒感染\n"  # its pinyin is the one derived from zh: not repeated
        "  source: [tests]\n"
        "  variants:\n"
        "  - form: COVID\n"
        "    status: deprecated\n"
        "    kind: short-form\n"
        "  - form: new crown\n"
        "    status: forbidden\n"
        "    kind: mistranslation\n"
        "    case: exact\n"
        "    exceptions: [new crown prince]\n")


def test_the_small_glossary_survives_yaml_writing(small, small_glossary_path, tmp_path):
    write_yaml(small, tmp_path / "again.yaml")
    again = load_glossary([tmp_path / "again.yaml"], include_default=False, use_cache=False)

    def bare(c):
        return dataclasses.replace(
            c, path=None, line=None, variants=tuple(dataclasses.replace(v, line=None)
                                                    for v in c.variants),
            specs=tuple(dataclasses.replace(s, line=None) for s in c.specs))

    assert [bare(c) for c in again] == [bare(c) for c in small]


def test_write_yaml_refuses_what_the_loader_would_reject(tmp_path):
    bad = make_concept(id="x", type="place", en="X", source=("t",),
                       variants=(Variant("not chinese", lang="zh"),))
    out = tmp_path / "out.yaml"
    with pytest.raises(GlossaryFormatError) as e:
        write_yaml([bad], out)
    assert str(e.value) == (f"{out}:7: variant 'not chinese' of 'x' is marked zh but has no "
                            "Chinese characters")
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_an_empty_import_writes_an_empty_glossary(tmp_path):
    assert render_yaml([]) == "concepts: []\n"
    write_yaml([], tmp_path / "e.yaml")
    assert load_files([tmp_path / "e.yaml"]) == []


def test_odd_scalars_are_quoted(tmp_path):
    c = make_concept(id="q", type="term", en="Yes", note="Note: with # hash and 'quotes'",
                     source=("a: b", "[x]"), case=Case.EXACT,
                     variants=(Variant("null", kind=Kind.ALIAS, exceptions=("null, void",)),))
    write_yaml([c], tmp_path / "q.yaml")
    (loaded,) = load_files([tmp_path / "q.yaml"])
    assert dataclasses.replace(loaded, path=None, line=None,
                               variants=tuple(dataclasses.replace(v, line=None)
                                              for v in loaded.variants)) == c


# -- ids, registry -------------------------------------------------------------------------------


def test_ids_are_kept_when_valid_and_made_unique_otherwise():
    ids = IdMaker()
    assert [ids("Khorgos", "Khorgos"), ids("khorgos", "Khorgos"), ids("c 1", "Dry port"),
            ids(None, "Dry port")] == ["khorgos", "khorgos-2", "dry-port", "dry-port-2"]


def test_formats_by_name_and_extension(tmp_path, monkeypatch):
    assert sorted(GLOSSARY_FORMATS) == ["csv", "csv-full", "omegat", "po", "tbx", "tbx2"]
    names = ("a.tbx", "a.CSV", "a.txt", "a.utf8", "a.TAB", "a.tsv", "a.po")
    expected = ["tbx", "csv", "omegat", "omegat", "omegat", "omegat", "po"]
    assert [format_for(p).name for p in names] == expected
    assert [format_for(p, reading=True).name for p in names] == expected
    with pytest.raises(GlossaryFormatError, match=r"^a\.docx: cannot tell the glossary format from the "
                                            r"file name; give one of: tbx, tbx2, omegat, csv, "
                                            r"csv-full, po$"):
        format_for("a.docx")
    with pytest.raises(GlossaryError, match=r"unknown glossary format 'xlsx' \(known: tbx, tbx2, "
                                            r"omegat, csv, csv-full, po\)"):
        export_glossary([], tmp_path / "a.x", "xlsx")
    monkeypatch.setitem(GLOSSARY_FORMATS, "x", GlossaryFormat("x", (".x",), None, lambda p: []))
    with pytest.raises(GlossaryError, match=r"^a\.x: the x format can only be read$"):
        export_glossary([], "a.x", "x")
    with pytest.raises(GlossaryFormatError, match=r"give one of: tbx, tbx2, omegat, csv, csv-full, po$"):
        format_for("a.x")


def test_export_writes_every_format(small, tmp_path):
    for name in ("tbx", "omegat", "csv", "po"):
        path = tmp_path / f"g.{name}"
        assert export_glossary(small, path, name) == len(small)
        assert path.stat().st_size > 0
    assert (tmp_path / "g.omegat").read_bytes() == render_omegat(small)
    assert (tmp_path / "g.csv").read_bytes() == render_csv(small)
    po = (tmp_path / "g.po").read_text(encoding="utf-8")
    assert 'msgctxt "khorgos"\nmsgid "Khorgos"\nmsgstr "霍尔果斯"' in po
    assert [c.id for c in import_glossary(tmp_path / "g.tbx")] == [c.id for c in small]


def test_export_to_an_unwritable_place_leaves_nothing(small, tmp_path):
    with pytest.raises(InputError) as e:
        export_glossary(small, tmp_path / "missing" / "g.csv", "csv")
    assert str(e.value) == f"{tmp_path}/missing/g.csv: cannot write: No such file or directory"
    assert not (tmp_path / "missing").exists()


def test_tbx_import_through_the_registry(small, tmp_path):
    path = tmp_path / "g.tbx"
    export_glossary(small, path)
    assert import_glossary(path) == import_glossary(path, "tbx")


def test_default_language_codes():
    from silkterm.glossary.formats.common import glossary_lang

    assert [glossary_lang(c) for c in ("EN", "zh_CN", "zh-Hant-TW", "kk-KZ", "uk", "")] == \
        ["en", "zh", "zh-Hant", "kk", None, None]


def test_the_module_has_no_click():
    import silkterm.glossary.exchange as io_module
    import silkterm.glossary.formats.tbx as tbx_module

    for module in (io_module, tbx_module):
        assert "click" not in Path(module.__file__).read_text(encoding="utf-8")


# -- PO ------------------------------------------------------------------------------------------

FOREIGN_PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

# checked by the desk
msgid "dry port"
msgstr "无水港"

msgid "dry port"
msgstr "陆港"

#, fuzzy
msgid "Bright Road"
msgstr "光明之路"

#. type: place
#. case: exact
#. variants: Horgos (deprecated spelling, case ignore); 霍果斯 (deprecated misspelling, zh, ambiguous)
msgctxt "khorgos"
msgid "Khorgos"
msgstr "霍尔果斯"

#~ msgid "old"
#~ msgstr "旧"
"""


def test_a_po_glossary_from_another_tool_is_read(tmp_path):
    path = tmp_path / "g.po"
    path.write_text(FOREIGN_PO, encoding="utf-8")
    src = ("po: g.po",)
    assert import_glossary(path) == [
        make_concept(id="dry-port", en="dry port", zh="无水港", note="checked by the desk",
                     source=src, variants=(Variant("陆港", lang="zh"),)),
        make_concept(id="bright-road", en="Bright Road", source=src),  # fuzzy: no Chinese form
        make_concept(id="khorgos", type="place", en="Khorgos", zh="霍尔果斯", case=Case.EXACT,
                     source=src,
                     variants=(Variant("Horgos", status=Status.DEPRECATED, kind=Kind.SPELLING,
                                       case=Case.IGNORE),
                               Variant("霍果斯", lang="zh", status=Status.DEPRECATED,
                                       kind=Kind.MISSPELLING, ambiguous=True))),
    ]


def test_a_po_variant_list_that_cannot_be_read_is_an_error_with_the_line(tmp_path):
    path = tmp_path / "g.po"
    path.write_text('#. variants: Horgos (deprecated spelling); Khorgas\nmsgid "Khorgos"\n'
                    'msgstr ""\n', encoding="utf-8")
    with pytest.raises(GlossaryFormatError) as e:
        import_glossary(path)
    assert str(e.value) == (f"{path}:2: cannot read the variants 'Khorgas' (expected "
                            "'form (status kind[, lang][, flag…])' joined by '; ')")

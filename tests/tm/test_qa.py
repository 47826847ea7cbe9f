"""Terminology QA: required target forms, deprecated/forbidden forms, PO and TMX files."""

from __future__ import annotations

from pathlib import Path

import pytest
from silkterm.tm.errors import TMFormatError
from silkterm.tm.qa import (
    Issue,
    admitted_forms,
    check_file,
    check_pair,
    suggested_forms,
)

DATA = Path(__file__).resolve().parent.parent / "data" / "tm"


def messages(issues):
    return [i.message for i in issues]


# ---------------------------------------------------------------------------------------------
# Chinese targets without spaces (the built-in glossary)


@pytest.mark.parametrize("target", ["卡车从霍尔果斯口岸通过", "卡车从霍尔果斯通过", "卡車從霍爾果斯通過"])
def test_chinese_target_with_the_term_passes(glossary, target):
    assert check_pair("Trucks crossed at Khorgos", target, glossary) == []


def test_chinese_target_without_the_term(glossary):
    [issue] = check_pair("Trucks crossed at Khorgos", "卡车从口岸通过", glossary, path="a.po",
                         line=12, unit_id="u1")
    assert issue == Issue("a.po", 12, "u1", "missing-term", "khorgos", "Khorgos", ("霍尔果斯",),
                          "missing-term 'Khorgos' → expected one of 霍尔果斯 [khorgos]")
    assert str(issue) == "a.po:12: missing-term 'Khorgos' → expected one of 霍尔果斯 [khorgos]"
    assert issue.to_dict() == {
        "path": "a.po", "line": 12, "unit": "u1", "kind": "missing-term", "concept": "khorgos",
        "surface": "Khorgos", "expected": ["霍尔果斯"],
        "message": "missing-term 'Khorgos' → expected one of 霍尔果斯 [khorgos]"}


def test_deprecated_source_form_still_demands_the_term(glossary):
    assert messages(check_pair("Trucks crossed at Horgos", "卡车从口岸通过", glossary)) == [
        "missing-term 'Horgos' → expected one of 霍尔果斯 [khorgos]"]


def test_longer_term_in_target_contains_the_shorter(glossary):
    # the matcher would see 霍尔果斯-东大门 (another concept); substring search still finds 霍尔果斯
    assert check_pair("Trucks crossed at Khorgos", "卡车经霍尔果斯-东大门通过", glossary) == []


# ---------------------------------------------------------------------------------------------
# the small test glossary


def test_admitted_and_suggested_forms(small):
    khorgos = small["khorgos"]
    assert admitted_forms(khorgos, "zh") == ("霍尔果斯", "霍爾果斯")  # 霍果斯 is deprecated
    assert suggested_forms(khorgos, "zh-Hans") == ("霍尔果斯",)
    assert suggested_forms(khorgos, "zh-TW") == ("霍爾果斯",)
    assert admitted_forms(khorgos, "en") == ("Khorgos", "Khorgas")
    assert admitted_forms(khorgos, "kk") == ("Қорғас",)
    assert admitted_forms(small["nurly-zhol"], "zh") == ()


def test_traditional_target_message(small):
    assert messages(check_pair("At Khorgos", "在口岸", small, target_lang="zh-Hant")) == [
        "missing-term 'Khorgos' → expected one of 霍爾果斯 [khorgos]"]


def test_deprecated_chinese_form_in_target(small):
    assert messages(check_pair("At Khorgos", "在霍果斯", small)) == [
        "missing-term 'Khorgos' → expected one of 霍尔果斯 [khorgos]",
        "deprecated-term '霍果斯' → use 霍尔果斯 [khorgos]",
    ]


def test_deprecated_former_name_in_target(small):
    issues = check_pair("Flights to Astana", "飞往努尔苏丹的航班", small)
    assert [(i.kind, i.concept_id, i.surface, i.expected) for i in issues] == [
        ("missing-term", "astana", "Astana", ("阿斯塔纳",)),
        ("deprecated-term", "astana", "努尔苏丹", ("阿斯塔纳",)),
    ]


def test_concept_without_chinese_demands_nothing(small):
    assert check_pair("The Nurly Zhol programme", "光明之路计划", small) == []


def test_ambiguous_source_form_demands_nothing(small):
    assert check_pair("Hiking in the Altai", "在山里徒步", small) == []


def test_each_concept_reported_once_per_unit(small):
    assert messages(check_pair("Khorgos, Khorgos and Horgos", "口岸", small)) == [
        "missing-term 'Khorgos' → expected one of 霍尔果斯 [khorgos]"]


def test_several_concepts(small):
    assert messages(check_pair("From Khorgos to Xi'an via the dry port", "从霍尔果斯到西安", small)) == [
        "missing-term 'dry port' → expected one of 无水港 [dry-port]"]


# zh → en


def test_reverse_direction(small):
    assert check_pair("卡车从霍尔果斯口岸通过", "Trucks crossed at Khorgos", small,
                      source_lang="zh", target_lang="en") == []
    # an admitted English variant is fine, case is ignored unless the form says exact
    assert check_pair("卡车从霍尔果斯口岸通过", "Trucks crossed at KHORGAS", small,
                      source_lang="zh", target_lang="en") == []
    assert messages(check_pair("卡车从霍尔果斯口岸通过", "Trucks crossed at Horgos", small,
                               source_lang="zh", target_lang="en")) == [
        "missing-term '霍尔果斯' → expected one of Khorgos, Khorgas [khorgos]",
        "deprecated-term 'Horgos' → use Khorgos, Khorgas [khorgos]",
    ]


def test_reverse_whole_words_and_exact_case(small):
    # "Khorgosky" does not contain the word Khorgos; "sco" is not the abbreviation SCO
    assert [i.concept_id for i in check_pair("霍尔果斯", "Khorgosky", small, source_lang="zh",
                                             target_lang="en")] == ["khorgos"]
    assert check_pair("上海合作组织", "the SCO", small, source_lang="zh", target_lang="en") == []
    assert [i.concept_id for i in check_pair("上海合作组织", "the sco", small, source_lang="zh",
                                             target_lang="en")] == ["sco"]


def test_forbidden_english_form_in_target(small):
    issues = check_pair("新型冠状病毒感染", "the new crown virus", small, source_lang="zh",
                        target_lang="en")
    assert messages(issues) == [
        "missing-term '新型冠状病毒感染' → expected one of COVID-19 [covid-19]",
        "forbidden-term 'new crown' → use COVID-19 [covid-19]",
    ]
    assert issues[1].kind == "forbidden-term"


# ---------------------------------------------------------------------------------------------
# files


def test_check_po_file(glossary):
    path = str(DATA / "qa.po")
    assert [str(i) for i in check_file(path, glossary)] == [
        f"{path}:15: missing-term 'Khorgos' → expected one of 霍尔果斯 [khorgos]",
        f"{path}:18: missing-term 'Astana' → expected one of 阿斯塔纳 [astana]",
        f"{path}:18: deprecated-term '努尔苏丹' → use 阿斯塔纳 [astana]",
    ]


def test_check_po_entry_lines_with_comments_msgctxt_and_plurals(tmp_path, small):
    p = tmp_path / "lines.po"
    p.write_text('# first entry, no header\n#: a.py:1\nmsgid "At Khorgos"\nmsgstr "在口岸"\n\n'
                 '#, fuzzy\nmsgctxt "ctx"\nmsgid "From Khorgos"\nmsgstr "从口岸"\n\n'
                 'msgid "%d train to Khorgos"\nmsgid_plural "%d trains to Khorgos"\n'
                 'msgstr[0] "%d 列火车开往霍尔果斯"\n\n'
                 'msgid "%d truck at Khorgos"\nmsgid_plural "%d trucks at Khorgos"\n'
                 'msgstr[0] "%d 辆卡车"\n', encoding="utf-8")
    issues = check_file(p, small)
    assert [(i.line, i.unit_id, i.kind) for i in issues] == [
        (3, "", "missing-term"), (8, "ctx", "missing-term"), (15, "", "missing-term")]


def test_check_xliff_made_by_po2xliff_finds_what_the_po_check_finds(tmp_path, glossary):
    import subprocess
    import sys

    xlf = tmp_path / "qa.xlf"
    subprocess.run([sys.executable, "-m", "translate.convert.po2xliff", str(DATA / "qa.po"),
                    str(xlf)], check=True, capture_output=True)
    issues = check_file(xlf, glossary)
    # po2xliff writes the obsolete entry (#~) as an ordinary unit: checked as one
    assert [i.message for i in issues] == [
        *(i.message for i in check_file(DATA / "qa.po", glossary)),
        "missing-term 'Khorgos' → expected one of 霍尔果斯 [khorgos]"]
    # each issue points at its <trans-unit>
    lines = xlf.read_text(encoding="utf-8").splitlines()
    assert all(i.line is not None and "<trans-unit" in lines[i.line - 1] for i in issues)


def test_check_tmx_file(glossary):
    path = str(DATA / "qa.tmx")
    issues = check_file(path, glossary, target_lang="zh-Hans")
    assert [(i.line, i.unit_id, i.message) for i in issues] == [
        (10, "missing", "missing-term 'Khorgos' → expected one of 霍尔果斯 [khorgos]")]
    # "zh" finds the zh-Hans segments too
    assert check_file(path, glossary) == issues


def test_check_tmx_reverse(small):
    path = str(DATA / "qa.tmx")
    assert check_file(path, small, source_lang="zh", target_lang="en") == []


def test_check_rejects_other_files(tmp_path, small):
    p = tmp_path / "notes.txt"
    p.write_text("x", encoding="utf-8")
    with pytest.raises(TMFormatError) as e:
        check_file(p, small)
    assert str(e.value) == f"{p}: cannot check file type '.txt': give a .po, .tmx or .xlf file"
    with pytest.raises(TMFormatError) as e:
        check_file(tmp_path / "gone.tmx", small)
    assert str(e.value) == f"{tmp_path / 'gone.tmx'}: no such file"


def test_check_malformed_po(small):
    with pytest.raises(TMFormatError) as e:
        check_file(DATA / "unterminated.po", small)
    assert str(e.value) == f"{DATA / 'unterminated.po'}:9: unterminated string"


def test_check_malformed_tmx(tmp_path, small):
    p = tmp_path / "bad.tmx"
    p.write_text('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body>\n'
                 '<tu><tuv xml:lang="en"><seg>Khorgos</seg></tuv>\n', encoding="utf-8")
    with pytest.raises(TMFormatError) as e:
        check_file(p, small)
    assert e.value.path == str(p) and e.value.line is not None


def test_forms_are_suggested_in_the_script_of_the_file(tmp_path, glossary):
    po = tmp_path / "tw.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: zh_TW\\n"\n'
                  '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Trucks crossed at Khorgos"\nmsgstr "卡車從口岸通過"\n', encoding="utf-8")
    expected = [f"missing-term 'Khorgos' → expected one of 霍爾果斯 [khorgos]"]
    assert messages(check_file(po, glossary)) == expected
    assert messages(check_file(po, glossary, target_lang="zh")) == expected
    assert messages(check_file(po, glossary, target_lang="zh-CN")) == [
        "missing-term 'Khorgos' → expected one of 霍尔果斯 [khorgos]"]
    tmx = tmp_path / "tw.tmx"
    tmx.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
                   'creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" '
                   'adminlang="en" srclang="en" datatype="plaintext"/><body>\n'
                   '<tu><tuv xml:lang="en"><seg>Trucks crossed at Khorgos</seg></tuv>'
                   '<tuv xml:lang="zh-TW"><seg>卡車從口岸通過</seg></tuv></tu></body></tmx>\n',
                   encoding="utf-8")
    assert messages(check_file(tmx, glossary)) == expected


# ---------------------------------------------------------------------------------------------
# Streaming (issue 9, B5): a TMX file is checked a unit at a time


def _tmx(path: Path, units: int) -> None:
    unit = ('<tu><tuv xml:lang="en"><seg>Trucks crossed at Khorgos</seg></tuv>'
            '<tuv xml:lang="zh"><seg>卡车从霍尔果斯口岸通过</seg></tuv></tu>\n')
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
                    'srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" '
                    'o-tmf="x" creationtool="x" creationtoolversion="1"/><body>\n'
                    + unit * units + "</body></tmx>\n", encoding="utf-8")


def test_checking_a_tmx_file_holds_one_unit_at_a_time(tmp_path, glossary):
    import tracemalloc

    from silkterm.tm.qa import iter_issues

    small, large = tmp_path / "small.tmx", tmp_path / "large.tmx"
    for path, units in ((small, 1000), (large, 4000)):  # an issue in every unit
        _tmx(path, units)
        path.write_text(path.read_text(encoding="utf-8").replace("霍尔果斯", ""), encoding="utf-8")
    assert len(check_file(small, glossary)) == 1000

    def peak(path: Path) -> int:
        tracemalloc.start()
        try:
            for issue in iter_issues(path, glossary):
                del issue
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    assert peak(large) <= 1.3 * peak(small)


def test_issues_come_as_they_are_found(tmp_path, glossary):
    from silkterm.tm.qa import iter_issues

    path = tmp_path / "m.tmx"
    _tmx(path, 3000)  # (the parser reads ahead some kilobytes)
    text = path.read_text(encoding="utf-8").replace("卡车从霍尔果斯口岸通过", "卡车从口岸通过", 1)
    path.write_text(text.replace("</body>", "<tu><tuv></body>"), encoding="utf-8")  # malformed end
    issues = iter_issues(path, glossary)
    assert next(issues).line == 3  # found before the malformed end is read
    with pytest.raises(TMFormatError):
        list(issues)

"""CSV/TSV exchange: the columns written, the layouts read, errors with lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from silkterm.tm.csvio import read_csv, write_csv
from silkterm.tm.errors import TMFormatError
from silkterm.tm.model import Segment, Unit, make_id


def write(tmp_path: Path, data: str | bytes, name: str = "m.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_write_columns_quoting_and_plain_text(tmp_path):
    units = [
        Unit("a", (Segment("en", 'at <ph x="1"/>Khorgos, "dry" &amp; port'),
                   Segment("zh-Hans", "霍尔果斯")), notes=("one", "two")),
        Unit("b", (Segment("kk", "Астана"),)),
        Unit("c", (Segment("en", "Astana"),)),
    ]
    out = tmp_path / "o.csv"
    result = write_csv(units, out, source_lang="en", target_lang="zh-Hans")
    assert result.count == 2
    assert result.warnings == (
        "CSV holds plain text: the inline codes of 1 segment(s) are not written",
        "1 unit(s) have no en segment: not written")
    assert out.read_text(encoding="utf-8") == (
        "tuid,source_lang,source,target_lang,target,note\n"
        'a,en,"at Khorgos, ""dry"" & port",zh-Hans,霍尔果斯,"one\ntwo"\n'
        "c,en,Astana,zh-Hans,,\n")


def test_read_own_output(tmp_path):
    path = write(tmp_path, "tuid,source_lang,source,target_lang,target,note\n"
                           'a,en,"R&D <b>, x",zh-Hans,研发,"multi\nline"\n'
                           ",en,Astana,zh-Hans,阿斯塔纳,\n"
                           "\n"
                           "c,en,Untranslated,zh-Hans,,\n")
    assert list(read_csv(path)) == [
        Unit("a", (Segment("en", "R&amp;D &lt;b&gt;, x"), Segment("zh-Hans", "研发")),
             notes=("multi\nline",)),
        Unit(make_id("Astana", "阿斯塔纳"), (Segment("en", "Astana"), Segment("zh-Hans", "阿斯塔纳"))),
        Unit("c", (Segment("en", "Untranslated"),)),
    ]


def test_header_in_any_order_with_aliases_and_bom(tmp_path):
    path = write(tmp_path, "\ufefftarget,Source,ID,extra\n霍尔果斯,Khorgos,k,zzz\n")
    assert list(read_csv(path, source_lang="en", target_lang="zh-hans")) == [
        Unit("k", (Segment("en", "Khorgos"), Segment("zh-Hans", "霍尔果斯")))]


def test_headerless_needs_languages(tmp_path):
    path = write(tmp_path, "Khorgos\t霍尔果斯\tborder town\n", "m.tsv")
    assert list(read_csv(path, source_lang="en", target_lang="zh-Hans", delimiter="\t")) == [
        Unit(make_id("Khorgos", "霍尔果斯"), (Segment("en", "Khorgos"), Segment("zh-Hans", "霍尔果斯")),
             notes=("border town",))]
    with pytest.raises(TMFormatError) as info:
        list(read_csv(path, delimiter="\t"))
    assert str(info.value) == (f"{path}:1: no header row (tuid,source_lang,source,target_lang,"
                               "target,note): give --source-lang and --target-lang")


@pytest.mark.parametrize("data, message", [
    (b"source,target\nA,B\n\xe9t\xe9,x\n", "3: not valid UTF-8 (byte 0xe9)"),
    ("tuid,source,target\na,A,B\nb,C\n", "3: expected 3 columns, found 2"),
    ('source,target\nA,B\n"unterminated,x\n', "3: malformed CSV: unexpected end of data"),
    ("tuid,source,target,note\na,,B,n\n", "2: empty source"),
    ("tuid,source,target\na,A,B\n", "2: no language: give --source-lang and --target-lang"),
])
def test_errors_name_file_and_line(tmp_path, data, message):
    path = write(tmp_path, data)
    with pytest.raises(TMFormatError) as info:
        list(read_csv(path, source_lang="en" if "no language" not in message else None,
                      target_lang="zh-Hans" if "no language" not in message else None))
    assert str(info.value) == f"{path}:{message}"


def test_line_numbers_count_multiline_cells(tmp_path):
    path = write(tmp_path, 'source,target\n"a\nb\nc",x\nd\n')
    with pytest.raises(TMFormatError) as info:
        list(read_csv(path, source_lang="en", target_lang="zh"))
    assert info.value.line == 5 and info.value.message == "expected 2 columns, found 1"


def test_tsv_round_trip(tmp_path):
    units = [Unit("a", (Segment("en", "tab\tinside"), Segment("zh-Hans", "制表")), notes=("n",))]
    out = tmp_path / "o.tsv"
    write_csv(units, out, source_lang="en", target_lang="zh-Hans", delimiter="\t")
    assert list(read_csv(out, delimiter="\t")) == units


def test_failed_write_keeps_old_file(tmp_path):
    out = write(tmp_path, "old")

    def units():
        yield Unit("a", (Segment("en", "A"),))
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_csv(units(), out, source_lang="en", target_lang="zh-Hans")
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["m.csv"]


def test_nul_is_refused(tmp_path):
    path = write(tmp_path, "source,target\nA\x00,B\n")
    with pytest.raises(TMFormatError) as info:
        list(read_csv(path, source_lang="en", target_lang="zh"))
    assert str(info.value) == f"{path}:2: control character U+0000 is not allowed"


def test_control_characters_round_trip(tmp_path):
    units = [Unit("bel", (Segment("en", "Bell\x07 \x01"), Segment("zh-Hans", "响铃\x07\x0b")),
                  notes=("form\x0cfeed",))]
    out = tmp_path / "c.csv"
    write_csv(units, out, source_lang="en", target_lang="zh-Hans")
    assert list(read_csv(out)) == units


def test_write_says_what_csv_cannot_hold(tmp_path):
    units = [Unit("p", (Segment("en", "%d file"), Segment("zh-Hans", "%d 个文件"),
                        Segment("ru", "%d файл")),
                  props=(("x-po-msgid_plural", "%d files"), ("x-po-msgstr[1]", "%d 个文件们"))),
             Unit("q", (Segment("en", "Astana"), Segment("zh-Hans", "阿斯塔纳")))]
    result = write_csv(units, tmp_path / "o.tsv", source_lang="en", target_lang="zh-Hans",
                       delimiter="\t")
    assert result.count == 2
    assert result.warnings == (
        "TSV holds one language pair (en, zh-Hans): the ru segments of 1 unit(s) are not written",
        "TSV holds one form: the plural forms (msgid_plural, msgstr[1]…) of 1 unit(s) are not "
        "written")

"""XLIFF through translate-toolkit: files made by its own ``po2xliff`` are read, and what silkterm
writes is read back by its ``xlifffile`` (the storage class every translate-toolkit tool uses)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from silkterm.tm.errors import TMFormatError
from silkterm.tm.formats import FORMATS
from silkterm.tm.model import Segment, Unit
from silkterm.tm.xliff import read_xliff, write_xliff
from translate.storage.xliff import xlifffile

PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: zh_CN\\n"

#. a place in Kazakhstan
msgid "Khorgos"
msgstr "霍尔果斯"

msgid "Urumqi"
msgstr "乌鲁木齐"

msgid "Not yet translated"
msgstr ""
"""


def po2xliff(tmp_path: Path) -> Path:
    """A real XLIFF file, made by translate-toolkit's converter from a small PO file."""
    po, xlf = tmp_path / "places.po", tmp_path / "places.xlf"
    po.write_text(PO, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "translate.convert.po2xliff", str(po), str(xlf)],
                   check=True, capture_output=True)
    return xlf


def test_a_po2xliff_file_gives_its_translated_units(tmp_path):
    xlf = po2xliff(tmp_path)
    assert b"<trans-unit" in xlf.read_bytes()
    units = list(read_xliff(xlf))
    assert [(u.segments[0].lang, u.segments[0].text, u.segments[1].lang, u.segments[1].text,
             u.notes) for u in units] == [
        ("en-US", "Khorgos", "zh-CN", "霍尔果斯", ("a place in Kazakhstan",)),
        ("en-US", "Urumqi", "zh-CN", "乌鲁木齐", ()),
    ]
    assert all(u.id.startswith("sk-") for u in units)  # po2xliff's ids are running numbers


def test_the_registry_reads_xlf_and_xliff_by_extension(tmp_path):
    xlf = po2xliff(tmp_path)
    copy = tmp_path / "places.xliff"
    copy.write_bytes(xlf.read_bytes())
    fmt = FORMATS.for_path(copy)
    assert fmt.name == "xliff" and fmt.read is not None
    assert list(fmt.read(copy)) == list(read_xliff(xlf))


UNITS = [
    Unit("khorgos", (Segment("en", "Khorgos"), Segment("zh-Hans", "霍尔果斯")),
         notes=("dry port", "on the border")),
    Unit("controls", (Segment.from_text("en", "Bell\x07, 50% & <b>"), Segment("zh-Hans", "响铃\x07")),
         notes=("form\x0cfeed & more",)),
    Unit("source-only", (Segment("en", "Untranslated"),)),
]


def test_translate_toolkit_reads_back_every_unit_silkterm_writes(tmp_path):
    out = tmp_path / "out.xlf"
    assert write_xliff(UNITS, out, source_lang="en", target_lang="zh-Hans").count == 3
    store = xlifffile.parsefile(str(out))
    assert b'version="1.2"' in out.read_bytes()
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("en", "zh-Hans")
    assert [(u.getid().split("\x04")[-1], u.source, u.target) for u in store.units] == [
        ("khorgos", "Khorgos", "霍尔果斯"),
        # a character XML forbids is an inline placeholder for other tools
        ("controls", "Bell&#x7;, 50% & <b>", "响铃&#x7;"),
        ("source-only", "Untranslated", None),
    ]
    assert store.units[0].getnotes() == "dry port\non the border"


def test_silkterm_reads_back_what_it_writes_with_the_exact_characters(tmp_path):
    out = tmp_path / "out.xlf"
    write_xliff(UNITS, out, source_lang="en", target_lang="zh-Hans")
    assert list(read_xliff(out)) == UNITS[:2]  # the untranslated unit is not imported


def test_writing_warns_about_what_xliff_does_not_hold(tmp_path):
    unit = Unit("x", (Segment("en", "a"), Segment("zh-Hans", "甲"), Segment("kk", "а")))
    result = write_xliff([unit, Unit("y", (Segment("ru", "б"),))], tmp_path / "o.xlf",
                         source_lang="en", target_lang="zh-Hans")
    assert result.count == 1
    assert result.warnings == (
        "XLIFF holds one language pair (en, zh-Hans): the kk segments of 1 unit(s) are not written",
        "1 unit(s) have no en segment: not written",
    )


@pytest.mark.parametrize(("text", "message"), [
    ("<xliff version='1.2'><file><body><trans-unit>", r"^bad\.xlf:1: malformed XML: "),
    ("<!DOCTYPE x [<!ENTITY a 'b'>]><xliff/>",
     r"^bad\.xlf: a DOCTYPE that declares entities is not read$"),
    ("<xliff version='2.0' xmlns='urn:oasis:names:tc:xliff:document:2.0'/>",
     r"^bad\.xlf: not XLIFF 1\.x: .*XLIFF 2\.x"),
    ("<tmx version='1.4'/>", r"^bad\.xlf: not XLIFF"),
])
def test_bad_files_are_one_line_errors(tmp_path, monkeypatch, text, message):
    monkeypatch.chdir(tmp_path)
    Path("bad.xlf").write_text(text, encoding="utf-8")
    with pytest.raises(TMFormatError, match=message):
        list(read_xliff("bad.xlf"))


def test_a_file_without_languages_needs_them_given(tmp_path):
    path = tmp_path / "nolang.xlf"
    path.write_text("<xliff version='1.2' xmlns='urn:oasis:names:tc:xliff:document:1.2'>"
                    "<file original='x' datatype='plaintext'><body>\n<trans-unit id='1'>"
                    "<source>a</source><target>甲</target></trans-unit></body></file></xliff>",
                    encoding="utf-8")
    with pytest.raises(TMFormatError, match=r"nolang\.xlf:2: no source-language"):
        list(read_xliff(path))
    [unit] = read_xliff(path, source_lang="en", target_lang="zh-Hans")
    assert [(s.lang, s.text) for s in unit.segments] == [("en", "a"), ("zh-Hans", "甲")]

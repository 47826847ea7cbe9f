"""The ``pretranslate`` and ``check`` commands: exact output and exit statuses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from silkterm.cli.po_cmd import check, pretranslate
from silkterm.tm.model import Segment, Unit
from silkterm.tm.store import Memory

DATA = Path(__file__).resolve().parent.parent / "data" / "tm"
QA_PO = str(DATA / "qa.po")
QA_TMX = str(DATA / "qa.tmx")
BAD_PO = str(DATA / "unterminated.po")

QA_LINES = (
    f"{QA_PO}:15: missing-term 'Khorgos' → expected one of 霍尔果斯 [khorgos]\n"
    f"{QA_PO}:18: missing-term 'Astana' → expected one of 阿斯塔纳 [astana]\n"
    f"{QA_PO}:18: deprecated-term '努尔苏丹' → use 阿斯塔纳 [astana]\n"
)


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture()
def small_args(small_glossary_path):
    return ["--no-default", "-g", str(small_glossary_path)]


# ---------------------------------------------------------------------------------------------
# check


def test_check_po_findings(runner):
    result = runner.invoke(check, [QA_PO])
    assert (result.exit_code, result.stdout, result.stderr) == (1, QA_LINES, "")


def test_check_several_files(runner):
    result = runner.invoke(check, [QA_PO, QA_TMX])
    assert result.exit_code == 1
    assert result.stdout == QA_LINES + (
        f"{QA_TMX}:10: missing-term 'Khorgos' → expected one of 霍尔果斯 [khorgos]\n")


def test_check_clean_file(runner, tmp_path, small_args):
    p = tmp_path / "clean.po"
    p.write_text('msgid ""\nmsgstr "Language: zh\\n"\n\n'
                 'msgid "Trucks crossed at Khorgos"\nmsgstr "卡车从霍尔果斯通过"\n', encoding="utf-8")
    result = runner.invoke(check, [str(p), *small_args])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_check_json(runner):
    result = runner.invoke(check, [QA_TMX, "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [{"path": QA_TMX, "issues": [{
        "path": QA_TMX, "line": 10, "unit": "missing", "kind": "missing-term",
        "concept": "khorgos", "surface": "Khorgos", "expected": ["霍尔果斯"],
        "message": "missing-term 'Khorgos' → expected one of 霍尔果斯 [khorgos]"}]}]


def test_check_json_clean(runner, small_args):
    result = runner.invoke(check, [QA_TMX, "--format", "json", "--source-lang", "zh",
                                   "--target-lang", "en", *small_args])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [{"path": QA_TMX, "issues": []}]


def test_check_reverse_direction(runner, tmp_path, small_args):
    p = tmp_path / "zh-en.po"
    p.write_text('msgid ""\nmsgstr "Language: en\\n"\n\n'
                 'msgid "卡车从霍尔果斯口岸通过"\nmsgstr "Trucks crossed at Horgos"\n',
                 encoding="utf-8")
    result = runner.invoke(check, [str(p), "--source-lang", "zh", "--target-lang", "en",
                                   *small_args])
    assert result.exit_code == 1
    assert result.stdout == (
        f"{p}:4: missing-term '霍尔果斯' → expected one of Khorgos, Khorgas [khorgos]\n"
        f"{p}:4: deprecated-term 'Horgos' → use Khorgos, Khorgas [khorgos]\n")


def test_check_malformed_po_exit_2(runner):
    result = runner.invoke(check, [BAD_PO, QA_PO])
    assert result.exit_code == 2
    assert result.stdout == ""  # nothing printed before the bad file is found
    assert result.stderr == f"silkterm: error: {BAD_PO}:9: unterminated string\n"


def test_check_bad_inputs_exit_2(runner, tmp_path):
    missing = str(tmp_path / "missing.po")
    result = runner.invoke(check, [missing])
    assert (result.exit_code, result.stderr) == (2, f"silkterm: error: {missing}: no such file\n")
    txt = tmp_path / "a.txt"
    txt.write_text("Khorgos", encoding="utf-8")
    result = runner.invoke(check, [str(txt)])
    assert result.exit_code == 2
    assert result.stderr == (f"silkterm: error: {txt}: cannot check file type '.txt': give a .po, "
                             ".tmx or .xlf file\n")


def test_check_needs_a_file(runner):
    result = runner.invoke(check, [])
    assert result.exit_code == 2
    assert "Missing argument 'FILE...'" in result.stderr


def test_check_no_default_without_glossary(runner):
    result = runner.invoke(check, [QA_PO, "--no-default"])
    assert result.exit_code == 2
    assert "--no-default needs at least one --glossary" in result.stderr


# ---------------------------------------------------------------------------------------------
# pretranslate


@pytest.fixture()
def tm(tmp_path):
    path = tmp_path / "memory.sqlite"
    with Memory(path) as m:
        m.add([Unit("u1", (Segment("en", "Trucks crossed at Khorgos"),
                           Segment("zh-Hans", "卡车从霍尔果斯口岸通过")))])
    return str(path)


def _po(tmp_path: Path) -> Path:
    p = tmp_path / "in.po"
    p.write_text('msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n'
                 '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                 'msgid "Trucks crossed at Khorgos"\nmsgstr ""\n\n'
                 'msgid "Trucks crossed at Khorgos today"\nmsgstr ""\n\n'
                 'msgid "Nothing like it"\nmsgstr ""\n', encoding="utf-8")
    return p


def test_pretranslate_summary(runner, tmp_path, tm):
    src, out = _po(tmp_path), tmp_path / "out.po"
    result = runner.invoke(pretranslate, [str(src), "-o", str(out), "--tm", tm])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (f"{out}: 3 entries: 1 exact, 1 fuzzy, 1 without match, "
                             "0 plural skipped, 0 already translated\n")
    text = out.read_text(encoding="utf-8")
    assert text.startswith('msgid ""\n')  # no stray '#' for the absent header comment
    assert "# silkterm: fuzzy match 80 from tuid u1\n#, fuzzy\n" in text


def test_pretranslate_min_score(runner, tmp_path, tm):
    src, out = _po(tmp_path), tmp_path / "out.po"
    result = runner.invoke(pretranslate, [str(src), "-o", str(out), "--tm", tm,
                                          "--min-score", "100"])
    assert result.exit_code == 0
    assert result.stdout == (f"{out}: 3 entries: 1 exact, 0 fuzzy, 2 without match, "
                             "0 plural skipped, 0 already translated\n")


def test_pretranslate_errors(runner, tmp_path, tm):
    src, out = _po(tmp_path), tmp_path / "out.po"
    missing_tm = str(tmp_path / "none.sqlite")
    result = runner.invoke(pretranslate, [str(src), "-o", str(out), "--tm", missing_tm])
    assert (result.exit_code, result.stderr) == (2, f"silkterm: error: {missing_tm}: no such memory\n")
    result = runner.invoke(pretranslate, [BAD_PO, "-o", str(out), "--tm", tm])
    assert (result.exit_code, result.stderr) == (2, f"silkterm: error: {BAD_PO}:9: unterminated string\n")
    assert not out.exists()
    result = runner.invoke(pretranslate, [str(src), "--tm", tm])
    assert result.exit_code == 2 and "Missing option '--output'" in result.stderr
    result = runner.invoke(pretranslate, [str(src), "-o", str(out), "--tm", tm,
                                          "--min-score", "101"])
    assert result.exit_code == 2 and "--min-score" in result.stderr


def test_pretranslate_default_memory_from_environment(runner, tmp_path, tm, monkeypatch):
    monkeypatch.setenv("SILKTERM_TM", tm)
    src, out = _po(tmp_path), tmp_path / "out.po"
    result = runner.invoke(pretranslate, [str(src), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"{out}: 3 entries: 1 exact, 1 fuzzy")


def test_pretranslate_memory_from_environment_is_never_created(runner, tmp_path, monkeypatch):
    missing = tmp_path / "env.sqlite"
    monkeypatch.setenv("SILKTERM_TM", str(missing))
    src, out = _po(tmp_path), tmp_path / "out.po"
    result = runner.invoke(pretranslate, [str(src), "-o", str(out)])
    assert (result.exit_code, result.stderr) == (2, f"silkterm: error: {missing}: no such memory\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.po"]


def test_pretranslate_leaves_no_wal_or_shm_file(runner, tmp_path, tm):
    src, out = _po(tmp_path), tmp_path / "out.po"
    result = runner.invoke(pretranslate, [str(src), "-o", str(out), "--tm", tm])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.po", "memory.sqlite", "out.po"]


def test_pretranslate_output_passes_msgfmt(runner, tmp_path, tm):
    assert shutil.which("msgfmt"), "GNU gettext's msgfmt is needed (Debian gettext; .ci/run installs it)"
    import subprocess

    src, out = _po(tmp_path), tmp_path / "out.po"
    runner.invoke(pretranslate, [str(src), "-o", str(out), "--tm", tm])
    result = subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(out)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_pretranslate_terms(runner, tmp_path, tm, small_args):
    src, out = _po(tmp_path), tmp_path / "out.po"
    result = runner.invoke(pretranslate, [str(src), "-o", str(out), "--tm", tm, "--terms",
                                          *small_args])
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.count("# silkterm: terms: Khorgos = 霍尔果斯\n") == 2
    assert '# silkterm: terms' not in text.split('msgid "Nothing like it"')[0].rsplit("msgstr", 1)[1]
    result = runner.invoke(pretranslate, [str(src), "-o", str(out), "--tm", tm, *small_args])
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        2, "Error: --glossary and --no-default only apply with --terms")


# ---------------------------------------------------------------------------------------------
# XLIFF, as translate-toolkit's po2xliff makes it


def _po2xliff(po: Path, xlf: Path) -> Path:
    import subprocess
    import sys

    subprocess.run([sys.executable, "-m", "translate.convert.po2xliff", str(po), str(xlf)],
                   check=True, capture_output=True)
    return xlf


def test_check_xliff_findings_and_a_broken_xliff(runner, tmp_path):
    xlf = _po2xliff(DATA / "qa.po", tmp_path / "qa.xlf")
    result = runner.invoke(check, [str(xlf)])
    lines = [line.strip() for line in xlf.read_text(encoding="utf-8").splitlines()]

    def unit_line(source: str) -> int:  # the <trans-unit> line, just before its <source>
        return lines.index(f"<source>{source}</source>")

    at = {"Khorgos yesterday": unit_line("Trucks crossed at Khorgos yesterday"),
          "Astana": unit_line("Tokayev flew back to Astana"),
          "Obsolete": unit_line("Obsolete mention of Khorgos")}
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == (
        f"{xlf}:{at['Khorgos yesterday']}: missing-term 'Khorgos' → expected one of 霍尔果斯 "
        "[khorgos]\n"
        f"{xlf}:{at['Astana']}: missing-term 'Astana' → expected one of 阿斯塔纳 [astana]\n"
        f"{xlf}:{at['Astana']}: deprecated-term '努尔苏丹' → use 阿斯塔纳 [astana]\n"
        f"{xlf}:{at['Obsolete']}: missing-term 'Khorgos' → expected one of 霍尔果斯 "
        "[khorgos]\n")
    bad = tmp_path / "bad.xlf"
    bad.write_text("<xliff version='1.2'>\n<file>", encoding="utf-8")
    result = runner.invoke(check, [str(bad)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"silkterm: error: {bad}:2: malformed XML: ")


def test_pretranslate_xliff(runner, tmp_path, tm):
    from translate.storage.xliff import xlifffile

    src, out = _po2xliff(_po(tmp_path), tmp_path / "in.xlf"), tmp_path / "out.xlf"
    result = runner.invoke(pretranslate, [str(src), "-o", str(out), "--tm", tm])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (f"{out}: 3 entries: 1 exact, 1 fuzzy, 1 without match, "
                             "0 plural skipped, 0 already translated\n")
    units = [u for u in xlifffile.parsefile(str(out)).units if not u.isheader()]
    assert [(u.target, u.isfuzzy(), u.getnotes()) for u in units] == [
        ("卡车从霍尔果斯口岸通过", False, ""),
        ("卡车从霍尔果斯口岸通过", True, "silkterm: fuzzy match 80 from tuid u1"),
        ("", False, ""),
    ]


def test_pretranslate_a_pot_from_xgettext_passes_msgfmt(runner, tmp_path):
    import subprocess

    xgettext, msgfmt = shutil.which("xgettext"), shutil.which("msgfmt")
    assert xgettext and msgfmt, "GNU gettext is needed (Debian gettext; .ci/run installs it)"
    (tmp_path / "app.py").write_text(
        'from gettext import gettext as _, ngettext\n'
        'print(_("Trucks crossed at Khorgos"))\n'
        'print(ngettext("%d train", "%d trains", 2) % 2)\n', encoding="utf-8")
    subprocess.run([xgettext, "-L", "Python", "-o", "app.pot", "app.py"], cwd=tmp_path,
                   check=True)
    tm = str(tmp_path / "m.sqlite")
    with Memory(tm) as m:
        m.add([Unit("k", (Segment("en", "Trucks crossed at Khorgos"),
                          Segment("zh-Hans", "卡车从霍尔果斯通过"))),
               Unit("t", (Segment("en", "%d train"), Segment("zh-Hans", "%d 列火车")),
                    props=(("x-po-msgid_plural", "%d trains"),))])
    out = tmp_path / "zh_CN.po"
    result = runner.invoke(pretranslate, [str(tmp_path / "app.pot"), "-o", str(out), "--tm", tm,
                                          "--target-lang", "zh-CN"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, f"{out}: 2 entries: 2 exact, 0 fuzzy, 0 without match, 0 plural skipped, "
           "0 already translated\n", "")
    text = out.read_text(encoding="utf-8")
    for line in ('"Language: zh_CN\\n"', '"Content-Type: text/plain; charset=UTF-8\\n"',
                 '"Plural-Forms: nplurals=1; plural=0;\\n"', 'msgstr[0] "%d 列火车"'):
        assert line in text
    check = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(out)],
                           capture_output=True, text=True)
    assert (check.returncode, check.stderr) == (0, "")

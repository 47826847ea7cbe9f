"""``silkterm tm export`` prints what the format cannot hold as warnings on stderr."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from silkterm.cli.tm_cmd import tm
from silkterm.tm.model import Segment, Unit
from silkterm.tm.store import Memory
from silkterm.tm.tmx import read_tmx

PLURAL = Unit("files", (Segment("en", "%d file\x07"), Segment("zh-CN", "%d 个文件\x07"),
                        Segment("kk", "%d файл")),
              props=(("x-po-msgid_plural", "%d files"), ("x-po-msgstr[1]", "%d 个文件们"),
                     ("x-po-plural-forms", "nplurals=2; plural=(n != 1);")))


def run(*args: object):
    return CliRunner().invoke(tm, [str(a) for a in args], prog_name="silkterm tm")


def memory(tmp_path: Path) -> Path:
    path = tmp_path / "m.sqlite"
    with Memory(path) as m:
        m.add([PLURAL])
    return path


def test_csv_export_warns_about_plural_forms_and_languages(tmp_path):
    out = tmp_path / "out.csv"
    r = run("--tm", memory(tmp_path), "export", "-o", out)
    assert (r.exit_code, r.stdout) == (0, f"exported 1 units to {out}\n")
    assert r.stderr == (
        f"warning: {out}: CSV holds one language pair (en, zh-Hans): the kk segments of 1 "
        "unit(s) are not written\n"
        f"warning: {out}: CSV holds one form: the plural forms (msgid_plural, msgstr[1]…) of 1 "
        "unit(s) are not written\n")


def test_po_export_keeps_both_forms_and_warns_only_about_the_third_language(tmp_path):
    out = tmp_path / "out.po"
    r = run("--tm", memory(tmp_path), "export", "-o", out, "--target-lang", "zh-CN")
    assert (r.exit_code, r.stdout) == (0, f"exported 1 units to {out}\n")
    assert r.stderr == (f"warning: {out}: PO holds one language pair (en, zh-CN): the kk "
                        "segments of 1 unit(s) are not written\n")
    text = out.read_text(encoding="utf-8")
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in text
    assert 'msgstr[0] "%d 个文件\x07"\nmsgstr[1] "%d 个文件们"\n' in text


def test_tmx_export_of_control_characters_is_silent_and_reads_back(tmp_path):
    out = tmp_path / "out.tmx"
    r = run("--tm", memory(tmp_path), "export", "-o", out)
    assert (r.exit_code, r.stdout, r.stderr) == (0, f"exported 1 units to {out}\n", "")
    [back] = read_tmx(out)
    assert (back.segments, back.props) == (PLURAL.segments, PLURAL.props)


def test_xliff_made_by_po2xliff_imports_and_exports_as_xliff_12_that_translate_toolkit_reads(
        tmp_path):
    import subprocess
    import sys

    from translate.storage.xliff import xlifffile

    po = tmp_path / "places.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: zh_Hans\\n"\n\n'
                  '#. dry port\nmsgid "Khorgos"\nmsgstr "霍尔果斯"\n\n'
                  'msgid "Urumqi"\nmsgstr ""\n', encoding="utf-8")
    xlf = tmp_path / "places.xlf"
    subprocess.run([sys.executable, "-m", "translate.convert.po2xliff", str(po), str(xlf)], check=True, capture_output=True)
    db = tmp_path / "x.sqlite"
    r = run("--tm", db, "import", xlf)
    assert (r.exit_code, r.stdout, r.stderr) == (
        0, f"imported 1 units (1 added, 0 merged, 0 skipped) from {xlf}\n", "")
    out = tmp_path / "out.xliff"
    r = run("--tm", db, "export", "--format", "xliff", "--source-lang", "en-US", "-o", out)
    assert (r.exit_code, r.stdout, r.stderr) == (0, f"exported 1 units to {out}\n", "")
    store = xlifffile.parsefile(str(out))
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("en-US", "zh-Hans")
    assert [(u.source, u.target, u.getnotes()) for u in store.units] == [
        ("Khorgos", "霍尔果斯", "dry port")]
    r = run("--tm", db, "import", out)  # its own export merges into the same unit
    assert (r.exit_code, r.stdout) == (0, f"imported 1 units (0 added, 0 merged, 1 skipped) "
                                          f"from {out}\n")


def test_po_export_default_language_is_a_gettext_locale(tmp_path):
    import shutil
    import subprocess

    from silkterm.tm.po import read_po

    with Memory(tmp_path / "zh.sqlite") as m:
        m.add([Unit("k", (Segment("en", "Khorgos"), Segment("zh-Hans", "霍尔果斯")))])
    out = tmp_path / "out.po"
    r = run("--tm", tmp_path / "zh.sqlite", "export", "--format", "po", "-o", out)
    assert (r.exit_code, r.stdout, r.stderr) == (0, f"exported 1 units to {out}\n", "")
    text = out.read_text(encoding="utf-8")
    assert '"Language: zh_CN\\n"' in text and "zh_Hans" not in text
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is needed (Debian gettext; .ci/run installs it)"
    check = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(out)],
                           capture_output=True, text=True)
    assert (check.returncode, check.stderr) == (0, "")
    [back] = read_po(out)  # silkterm reads its own file back as the script it was written for
    assert back.segment("zh-Hans") is not None and back.segments[1].lang == "zh-Hans"


def test_tmx_export_of_the_seed_memory_is_read_by_xmllint_and_translate_toolkit(tmp_path):
    """The real consumers of ``tm export --format tmx``: ``xmllint --valid`` against the TMX 1.4
    DTD the file's DOCTYPE names, and translate-toolkit's ``tmxfile`` (every unit, its English
    source and its first target)."""
    import shutil
    import subprocess

    from silkterm.tm.store import seed_path
    from translate.storage.tmx import tmxfile

    mem, out = tmp_path / "m.sqlite", tmp_path / "seed.tmx"
    assert run("--tm", mem, "import", seed_path()).exit_code == 0
    r = run("--tm", mem, "export", "--format", "tmx", "-o", out)
    assert (r.exit_code, r.stderr) == (0, "")
    shutil.copy(Path(__file__).resolve().parents[1] / "data" / "standards" / "tmx14.dtd", tmp_path)
    lint = subprocess.run(["xmllint", "--noout", "--valid", str(out)], capture_output=True, text=True)
    assert (lint.returncode, lint.stderr) == (0, "")
    ours = list(read_tmx(out))
    theirs = tmxfile(out.read_bytes()).units
    assert len(theirs) == len(ours) == 199
    assert [(u.getid(), u.source, u.target) for u in theirs] == [
        (u.id, u.segments[0].text, u.segments[1].text if len(u.segments) > 1 else None)
        for u in ours]  # the second language: simplified Chinese where the concept has it
    assert ("khorgos", "Khorgos", "霍尔果斯") in [(u.getid(), u.source, u.target) for u in theirs]

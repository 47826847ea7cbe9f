"""``silkterm tm build/import/export`` through click's CliRunner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from silkterm.cli.tm_cmd import tm
from silkterm.tm.store import Memory
from silkterm.tm.tmx import read_tmx

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLE = DATA / "tm" / "sample.tmx"


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(tm, [str(a) for a in args], prog_name="silkterm tm", env=env)


@pytest.fixture
def mem(tmp_path) -> Path:
    """An empty memory file."""
    path = tmp_path / "m.sqlite"
    Memory(path).close()
    return path


def test_build_output_writes_the_seed_tmx(tmp_path, small_glossary_path):
    out = tmp_path / "seed.tmx"
    r = run("build", "--no-default", "-g", small_glossary_path, "--date", "2026-01-02", "-o", out)
    assert r.exit_code == 0, r.output
    assert r.stdout == f"built 9 units from 9 concepts into {out}\n"
    units = list(read_tmx(out))
    assert [u.id for u in units][:2] == ["khorgos", "astana"]
    assert units[0].created == "20260102T000000Z"


def test_build_into_the_memory(mem, small_glossary_path):
    args = ("--tm", mem, "build", "--no-default", "-g", small_glossary_path, "--date", "2026-01-02")
    r = run(*args)
    assert (r.exit_code, r.stdout) == (0, f"built 9 units (9 added, 0 merged, 0 skipped) into {mem}\n")
    r = run(*args)
    assert r.stdout == f"built 9 units (0 added, 0 merged, 9 skipped) into {mem}\n"
    with Memory(mem) as m:
        assert m["khorgos"].origin == "glossary"


def test_build_rejects_a_bad_date(mem):
    r = run("--tm", mem, "build", "--date", "2026-13-01")
    assert r.exit_code == 2
    assert r.stderr == "silkterm: error: '2026-13-01' is not a date in the form YYYY-MM-DD\n"


def test_import_reports_per_file(mem, tmp_path):
    csv = tmp_path / "extra.csv"
    csv.write_text("tuid,source_lang,source,target_lang,target,note\n"
                   "khorgos-1,en,Trains exit China at Khorgos,zh-Hans,列车从霍尔果斯出境,\n"
                   "new,en,New,zh-Hans,新,\n", encoding="utf-8")
    r = run("--tm", mem, "import", SAMPLE, csv)
    assert r.exit_code == 0, r.output
    assert r.stdout == (f"imported 3 units (3 added, 0 merged, 0 skipped) from {SAMPLE}\n"
                        f"imported 2 units (1 added, 1 merged, 0 skipped) from {csv}\n")
    # the CSV replaced khorgos-1's segments with plain text: the TMX brings the markup back
    r = run("--tm", mem, "import", SAMPLE)
    assert r.stdout == f"imported 3 units (0 added, 1 merged, 2 skipped) from {SAMPLE}\n"
    r = run("--tm", mem, "import", SAMPLE)
    assert r.stdout == f"imported 3 units (0 added, 0 merged, 3 skipped) from {SAMPLE}\n"
    with Memory(mem) as m:
        assert len(m) == 4 and m["new"].origin == "extra.csv"


def test_bad_file_exits_2_and_leaves_the_memory_unchanged(mem, tmp_path):
    bad = tmp_path / "bad.tmx"
    text = SAMPLE.read_text(encoding="utf-8")
    bad.write_text(text[: text.index("<tu>")], encoding="utf-8")
    r = run("--tm", mem, "import", SAMPLE, bad)
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr == f"silkterm: error: {bad}:35: Premature end of data in tag body line 7\n"
    with Memory(mem) as m:
        assert len(m) == 0


def test_ctrl_c_exits_130_and_leaves_the_memory_unchanged(mem, monkeypatch):
    from silkterm.tm import tmx

    real, calls = tmx._unit, []

    def interrupted(*args):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(tmx, "_unit", interrupted)
    r = run("--tm", mem, "import", SAMPLE)
    assert (r.exit_code, r.stdout, r.stderr) == (130, "", "silkterm: interrupted\n")
    with Memory(mem) as m:
        assert len(m) == 0


def test_import_format_option_and_languages(mem, tmp_path):
    txt = tmp_path / "pairs.txt"
    txt.write_text("Astana\t阿斯塔纳\n", encoding="utf-8")
    r = run("--tm", mem, "import", txt)
    assert r.exit_code == 2
    assert r.stderr.startswith(f"silkterm: error: {txt}: unknown file type '.txt'; give --format")
    r = run("--tm", mem, "import", "--format", "tsv", "--source-lang", "en", "--target-lang",
            "zh-Hans", txt)
    assert r.stdout == f"imported 1 units (1 added, 0 merged, 0 skipped) from {txt}\n"


def test_export_tmx_is_valid(mem, tmp_path):
    run("--tm", mem, "import", SAMPLE)
    out = tmp_path / "out.tmx"
    r = run("--tm", mem, "export", "--format", "tmx", "-o", out)
    assert (r.exit_code, r.stdout) == (0, f"exported 3 units to {out}\n")
    dtd = etree.DTD(str(DATA / "standards" / "tmx14.dtd"))
    assert dtd.validate(etree.parse(str(out))), dtd.error_log.filter_from_errors()
    assert [u.id for u in read_tmx(out)] == [u.id for u in read_tmx(SAMPLE)]
    r = run("--tm", mem, "export", "-o", tmp_path / "kk.tmx", "--source-lang", "en",
            "--target-lang", "kk")
    assert r.stdout == f"exported 1 units to {tmp_path / 'kk.tmx'}\n"
    assert [u.langs for u in read_tmx(tmp_path / "kk.tmx")] == [("en", "kk")]


def test_export_csv(mem, tmp_path):
    run("--tm", mem, "import", SAMPLE)
    out = tmp_path / "out.csv"
    r = run("--tm", mem, "export", "--format", "csv", "-o", out)
    assert r.exit_code == 0
    import csv

    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["tuid", "source_lang", "source", "target_lang", "target", "note"]
    assert rows[1][1:] == ["en", "Trains exit China at Khorgos, the dry port.", "zh-Hans",
                           "列车从霍尔果斯出境，这是一个无水港。", "First note.\nSecond note <with brackets>."]
    assert rows[3][0].startswith("sk-")
    assert rows[3][1:] == ["en", "Shanghai Cooperation Organisation", "zh-Hans", "上海合作组织", ""]


def test_export_po(mem, tmp_path):
    from silkterm.tm.formats import FORMATS

    if "po" not in FORMATS:
        pytest.skip("the PO adapter (silkterm.tm.po) is not installed")
    run("--tm", mem, "import", SAMPLE)
    out = tmp_path / "out.po"
    r = run("--tm", mem, "export", "--format", "po", "-o", out)
    assert (r.exit_code, r.stdout) == (0, f"exported 3 units to {out}\n")
    msgfmt = shutil.which("msgfmt")
    if msgfmt:
        import subprocess

        check = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(out)],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stderr


def test_tm_path_from_the_environment(tmp_path):
    path = tmp_path / "env.sqlite"
    r = run("import", SAMPLE, env={"SILKTERM_TM": str(path)})
    assert r.exit_code == 0, r.output
    with Memory(path) as m:  # created from the packaged seed, then the sample added
        assert "khorgos-1" in m and len(m) > 100


def test_export_of_a_missing_memory_creates_it_from_the_seed(tmp_path):
    out = tmp_path / "seed.csv"
    r = run("--tm", tmp_path / "new.sqlite", "export", "-o", out)
    assert r.exit_code == 0
    n = int(r.stdout.split()[1])
    assert n > 100 and (tmp_path / "new.sqlite").exists()


def test_not_a_memory(tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_text("junk" * 100)
    r = run("--tm", junk, "export", "-o", tmp_path / "o.tmx")
    assert r.exit_code == 2
    assert r.stderr == (f"silkterm: error: {junk}: not a silkterm memory "
                        "(file is not a database)\n")
    assert not (tmp_path / "o.tmx").exists()

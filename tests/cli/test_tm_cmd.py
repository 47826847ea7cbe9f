"""``silkterm tm build/import/export`` through click's CliRunner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from silkterm.cli.main import cli
from silkterm.tm.store import Memory
from silkterm.tm.tmx import read_tmx

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLE = DATA / "tm" / "sample.tmx"


def run(*args: str, env: dict[str, str] | None = None):
    """``silkterm tm ARGS`` (with ``tm search`` and ``tm concordance``)."""
    return CliRunner().invoke(cli, ["tm", *[str(a) for a in args]], prog_name="silkterm",
                              env=env)


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
    with Memory(path) as m:  # a memory named explicitly starts empty: only the sample
        assert [u.id for u in m] == [u.id for u in read_tmx(SAMPLE)]


def test_a_named_memory_starts_empty_the_users_memory_holds_the_seed(tmp_path, monkeypatch):
    from silkterm.tm.store import seed_path

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    r = run("--tm", tmp_path / "new.sqlite", "import", SAMPLE)
    assert (r.exit_code, r.stdout) == (0, f"imported 3 units (3 added, 0 merged, 0 skipped) from "
                                          f"{SAMPLE}\n")
    r = run("--tm", tmp_path / "new.sqlite", "export", "-o", tmp_path / "new.csv")
    assert (r.exit_code, r.stdout) == (0, f"exported 3 units to {tmp_path / 'new.csv'}\n")
    r = run("import", SAMPLE)  # the user's memory: the seed memory, then the sample
    assert r.exit_code == 0, r.output
    user = tmp_path / "data" / "silkterm" / "memory.sqlite"
    with Memory(user) as m:
        assert len(m) == len(list(read_tmx(seed_path()))) + 3
    # `tm build` adds the glossary's units to any memory
    r = run("build", "--tm", tmp_path / "new.sqlite", "--date", "2026-01-02")
    assert r.exit_code == 0, r.output
    with Memory(tmp_path / "new.sqlite") as m:
        assert len(m) == len(list(read_tmx(seed_path()))) + 3


def test_reading_a_missing_named_memory_creates_nothing(tmp_path):
    out = tmp_path / "seed.csv"
    missing = tmp_path / "new.sqlite"
    for args in (("export", "-o", out), ("search", "Khorgos"), ("concordance", "Khorgos")):
        r = run("--tm", missing, *args)
        assert (r.exit_code, r.stdout, r.stderr) == (
            2, "", f"silkterm: error: {missing}: no such memory\n"), args
    assert list(tmp_path.iterdir()) == []


def test_not_a_memory(tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_text("junk" * 100)
    r = run("--tm", junk, "export", "-o", tmp_path / "o.tmx")
    assert r.exit_code == 2
    assert r.stderr == (f"silkterm: error: {junk}: not a silkterm memory "
                        "(file is not a database)\n")
    assert not (tmp_path / "o.tmx").exists()


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("content", ["", "<tmx>", "not xml at all"])
def test_a_failed_import_leaves_no_new_memory(tmp_path, monkeypatch, content):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    bad = tmp_path / "bad.tmx"
    bad.write_text(content, encoding="utf-8")
    r = run("--tm", tmp_path / "new.sqlite", "import", bad)
    assert r.exit_code == 2 and r.stderr.startswith(f"silkterm: error: {bad}:")
    r = run("import", SAMPLE, bad)  # the user's memory, which would hold the seed memory
    assert r.exit_code == 2 and r.stderr.startswith(f"silkterm: error: {bad}:")
    assert listing(tmp_path) == ["bad.tmx"]


def test_an_interrupted_import_leaves_no_new_memory(tmp_path, monkeypatch):
    from silkterm.tm import tmx

    real = tmx._unit

    def interrupted(*args):  # while the sample is read (not the packaged seed memory)
        if str(SAMPLE) in map(str, args):
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(tmx, "_unit", interrupted)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for before in (("--tm", tmp_path / "new.sqlite"), ()):
        r = run(*before, "import", SAMPLE)
        assert (r.exit_code, r.stderr) == (130, "silkterm: interrupted\n")
    assert list(tmp_path.iterdir()) == []


def test_no_command_leaves_wal_or_shm_files(tmp_path, small_glossary_path):
    mem = tmp_path / "m.sqlite"
    commands = [
        ("import", SAMPLE),
        ("build", "--no-default", "-g", small_glossary_path),
        ("export", "-o", tmp_path / "out.tmx"),
        ("export", "-o", tmp_path / "out.po"),
        ("search", "Trains exit China at Khorgos, the dry port."),
        ("concordance", "Khorgos"),
    ]
    for args in commands:
        r = run("--tm", mem, *args)
        assert r.exit_code == 0, (args, r.output)
        assert listing(tmp_path) == sorted(
            {"m.sqlite"} | {p.name for p in tmp_path.glob("out.*")}), args


def test_a_failed_export_writes_nothing(tmp_path, monkeypatch):
    run("--tm", tmp_path / "m.sqlite", "import", SAMPLE)
    r = run("--tm", tmp_path / "m.sqlite", "export", "-o", tmp_path / "none" / "out.tmx")
    assert r.exit_code == 2
    r = run("build", "-o", tmp_path / "none" / "seed.tmx")
    assert r.exit_code == 2
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    r = run("export", "-o", tmp_path / "none" / "out.tmx")  # (the user's memory is not made)
    assert (r.exit_code, r.stderr) == (2, f"silkterm: error: {tmp_path / 'none' / 'out.tmx'}: "
                                          "cannot write: No such file or directory\n")
    real = Memory.units

    def interrupted(self, **kwargs):
        yield next(real(self, **kwargs))
        raise KeyboardInterrupt

    monkeypatch.setattr(Memory, "units", interrupted)
    for fmt in ("tmx", "po", "csv"):
        r = run("--tm", tmp_path / "m.sqlite", "export", "-o", tmp_path / f"out.{fmt}")
        assert (r.exit_code, r.stderr) == (130, "silkterm: interrupted\n")
    assert listing(tmp_path) == ["m.sqlite"]


@pytest.mark.parametrize("where", ["after", "both"])
def test_tm_after_the_subcommand(tmp_path, where, small_glossary_path):
    mem = tmp_path / "m.sqlite"
    before = ("--tm", mem) if where == "both" else ()

    def sub(*args):
        return run(*before, args[0], "--tm", mem, *args[1:])

    r = sub("import", SAMPLE)
    assert (r.exit_code, r.stdout) == (0, f"imported 3 units (3 added, 0 merged, 0 skipped) from "
                                          f"{SAMPLE}\n")
    r = sub("build", "--no-default", "-g", small_glossary_path, "--date", "2026-01-02")
    assert (r.exit_code, r.stdout) == (0, f"built 9 units (9 added, 0 merged, 0 skipped) into "
                                          f"{mem}\n")
    r = sub("export", "-o", tmp_path / "out.csv")
    assert (r.exit_code, r.stdout) == (0, f"exported 12 units to {tmp_path / 'out.csv'}\n")
    r = sub("concordance", "Cooperation")
    assert (r.exit_code, r.stdout) == (0, "[sk-7690e9a5008fc039] en: Shanghai [[Cooperation]] "
                                          "Organisation\n[sco] en: Shanghai [[Cooperation]] "
                                          "Organisation\n")
    r = sub("search", "--no-terms", "--limit", "1", "Shanghai Cooperation Organisation")
    assert (r.exit_code, r.stdout) == (0, "100  Shanghai Cooperation Organisation → 上海合作组织  "
                                          "[sk-7690e9a5008fc039]\n")


def test_tm_given_twice(tmp_path):
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    r = run("--tm", a, "import", "--tm", b, SAMPLE)
    assert r.exit_code == 2
    assert r.stderr.endswith(f"Error: --tm is given twice, as {str(a)!r} before 'import' and as "
                             f"{str(b)!r} after it; give it once\n")
    assert list(tmp_path.iterdir()) == []
    # the subcommand's --tm wins over $SILKTERM_TM
    r = run("import", "--tm", b, SAMPLE, env={"SILKTERM_TM": str(a)})
    assert r.exit_code == 0, r.output
    assert listing(tmp_path) == ["b.sqlite"]


def test_origin_is_the_file_name(tmp_path):
    """An export names no local path: the origin of an imported unit is its file's name."""
    po = tmp_path / "git.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n"Content-Type: text/plain; '
                  'charset=UTF-8\\n"\n\nmsgid "Khorgos"\nmsgstr "霍尔果斯"\n', encoding="utf-8")
    mem = tmp_path / "m.sqlite"
    r = run("--tm", mem, "import", po.resolve())
    assert r.exit_code == 0, r.output
    r = run("--tm", mem, "export", "-o", tmp_path / "out.tmx")
    assert r.exit_code == 0, r.output
    text = (tmp_path / "out.tmx").read_text(encoding="utf-8")
    assert '<prop type="x-silkterm-origin">git.po</prop>' in text
    assert str(tmp_path) not in text


def unprivileged(*command: object) -> subprocess.CompletedProcess[str]:
    """Run ``command`` in a process that file permissions apply to. Tests run as root in CI,
    where chmod stops nothing: there the process runs without the capabilities that let root
    ignore permissions (``setpriv`` from util-linux drops them)."""
    words = [str(c) for c in command]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "setpriv (util-linux) is needed to test read-only memories as root"
        words = [setpriv, "--bounding-set", "-dac_override,-dac_read_search,-fowner", *words]
    return subprocess.run(words, capture_output=True, text=True, check=False)


def silkterm(*args: object) -> subprocess.CompletedProcess[str]:
    return unprivileged(sys.executable, "-m", "silkterm.cli", *args)


@pytest.fixture
def read_only(tmp_path):
    """A folder ``ro`` holding the memory ``m.sqlite`` (the sample), made read-only by the
    test; writable again afterwards so that it can be removed."""
    folder = tmp_path / "ro"
    folder.mkdir()
    r = run("--tm", folder / "m.sqlite", "import", SAMPLE)
    assert r.exit_code == 0, r.output
    yield folder
    folder.chmod(0o755)
    (folder / "m.sqlite").chmod(0o644)


@pytest.mark.parametrize("file_mode", [0o444, 0o644], ids=["file-0444", "file-0644"])
def test_a_read_only_memory_or_folder(tmp_path, read_only, file_mode):
    mem = read_only / "m.sqlite"
    before = mem.read_bytes()
    mem.chmod(file_mode)
    read_only.chmod(0o555)
    probe = unprivileged(sys.executable, "-c", f"open({str(read_only / 'x')!r}, 'w')")
    assert "PermissionError" in probe.stderr, (
        f"the test process must not be able to write a read-only folder: {probe.stderr}")
    # search, concordance and export read it
    r = silkterm("tm", "--tm", mem, "export", "-o", tmp_path / "out.tmx")
    assert (r.returncode, r.stdout, r.stderr) == (0, f"exported 3 units to {tmp_path / 'out.tmx'}\n",
                                                  "")
    assert [u.id for u in read_tmx(tmp_path / "out.tmx")] == [u.id for u in read_tmx(SAMPLE)]
    r = silkterm("tm", "concordance", "--tm", mem, "dry port")
    assert (r.returncode, r.stdout) == (0, "[khorgos-1] en: Trains exit China at Khorgos, the "
                                           "[[dry port]].\n")
    r = silkterm("tm", "search", "--tm", mem, "--no-terms", "Shanghai Cooperation Organisation")
    assert (r.returncode, r.stdout) == (0, "100  Shanghai Cooperation Organisation → 上海合作组织  "
                                           "[sk-7690e9a5008fc039]\n")
    # writing it says why it cannot
    r = silkterm("tm", "--tm", mem, "import", SAMPLE)
    reason = ("memory is read-only (no permission to write the file)" if file_mode == 0o444 else
              "memory is in a read-only folder (writing it needs m.sqlite-wal and m.sqlite-shm "
              "beside it)")
    assert (r.returncode, r.stdout, r.stderr) == (2, "", f"silkterm: error: {mem}: {reason}\n")
    r = silkterm("tm", "--tm", read_only / "new.sqlite", "import", SAMPLE)
    assert (r.returncode, r.stderr) == (
        2, f"silkterm: error: {read_only / 'new.sqlite'}: cannot create the memory: its folder is "
           "read-only\n")
    assert listing(read_only) == ["m.sqlite"] and mem.read_bytes() == before

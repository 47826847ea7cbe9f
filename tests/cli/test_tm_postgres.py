"""``silkterm tm … --tm postgresql://…`` and ``SILKTERM_TM=postgresql://…`` through CliRunner: the
same commands and outputs as with a memory file (the private server of tests/pgserver.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from silkterm.cli.main import cli
from silkterm.tm.tmx import read_tmx

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLE = DATA / "tm" / "sample.tmx"


def run(*args: object, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="silkterm", env=env)


@pytest.fixture(params=["sqlite", "postgresql"])
def name(request, tmp_path) -> str:
    """A new memory of each backend: the same commands give the same output."""
    if request.param == "sqlite":
        return str(tmp_path / "m.sqlite")
    return request.getfixturevalue("pg_url")


def test_import_search_concordance_export(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run("tm", "--tm", name, "import", SAMPLE)
    assert (r.exit_code, r.stdout, r.stderr) == (
        0, f"imported 3 units (3 added, 0 merged, 0 skipped) from {SAMPLE}\n", "")
    r = run("tm", "import", "--tm", name, SAMPLE)
    assert r.stdout == f"imported 3 units (0 added, 0 merged, 3 skipped) from {SAMPLE}\n"
    r = run("tm", "search", "--tm", name, "--no-terms", "Trains exit China at Khorgos, the dry port")
    assert (r.exit_code, r.stdout, r.stderr) == (
        0, " 97  Trains exit China at Khorgos, the dry port. → 列车从霍尔果斯出境，这是一个无水港。  "
           "[khorgos-1]\n", "")
    r = run("tm", "--tm", name, "search", "--no-terms", "阿斯塔纳是首都", "--source-lang", "zh-Hans",
            "--target-lang", "en")
    assert r.stdout == "100  阿斯塔纳是首都 → Astana is the capital & largest city  [astana-2]\n"
    r = run("tm", "--tm", name, "search", "--no-terms", "Ulaanbaatar")
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", "")
    r = run("tm", "--tm", name, "concordance", "khorgos")
    assert (r.exit_code, r.stdout) == (
        0, "[khorgos-1] en: Trains exit China at [[Khorgos]], the dry port.\n")
    out = tmp_path / "out.tmx"
    r = run("tm", "--tm", name, "export", "-o", out)
    assert (r.exit_code, r.stdout, r.stderr) == (0, f"exported 3 units to {out}\n", "")
    assert [u.id for u in read_tmx(out)] == [u.id for u in read_tmx(SAMPLE)]
    assert [u.segments for u in read_tmx(out)] == [u.segments for u in read_tmx(SAMPLE)]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["out.tmx"] + (["m.sqlite"] if not name.startswith("postgresql") else []))


def test_silkterm_tm_names_a_postgresql_memory(pg_url, tmp_path):
    env = {"SILKTERM_TM": pg_url}
    r = run("tm", "import", SAMPLE, env=env)
    assert r.stdout == f"imported 3 units (3 added, 0 merged, 0 skipped) from {SAMPLE}\n"
    r = run("tm", "search", "--no-terms", "Shanghai Cooperation Organization", env=env)
    assert r.stdout == " 96  Shanghai Cooperation Organisation → 上海合作组织  [sk-7690e9a5008fc039]\n"
    po = tmp_path / "in.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n"Content-Type: text/plain; '
                  'charset=UTF-8\\n"\n\nmsgid "Shanghai Cooperation Organisation"\nmsgstr ""\n',
                  encoding="utf-8")
    r = run("pretranslate", po, "-o", tmp_path / "out.po", env=env)  # $SILKTERM_TM too
    assert r.exit_code == 0, r.output
    assert 'msgstr "上海合作组织"' in (tmp_path / "out.po").read_text(encoding="utf-8")
    # the same URL before and after the subcommand is fine
    r = run("tm", "--tm", pg_url, "search", "--tm", pg_url, "--no-terms",
            "Astana is the capital & largest city")
    assert (r.exit_code, r.stdout) == (
        0, "100  Astana is the capital & largest city → 阿斯塔纳是首都  [astana-2]\n")


def test_an_unreachable_server_is_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run("tm", "--tm", "postgresql://tm:hunter2@127.0.0.1:1/silk", "import", SAMPLE)
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr == ("silkterm: error: postgresql://tm@127.0.0.1:1/silk: cannot connect to the "
                        "PostgreSQL server at 127.0.0.1:1: Connection refused\n")
    assert list(tmp_path.iterdir()) == []  # never taken for a file


def test_a_missing_driver_is_one_line(pg_url, monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # `import psycopg` fails as if not installed
    r = run("tm", "--tm", pg_url, "search", "Khorgos")
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr == ("silkterm: error: PostgreSQL memory needs psycopg: pip install "
                        "'silkterm[postgres]'\n")


def test_reading_a_database_without_a_memory(pg_url):
    r = run("tm", "--tm", pg_url, "export", "-o", "never.tmx")
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr == (f"silkterm: error: {pg_url}: no silkterm memory in this database (import "
                        f"into it first)\n")

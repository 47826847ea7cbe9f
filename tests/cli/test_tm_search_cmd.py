"""``silkterm tm search`` and ``silkterm tm concordance`` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from silkterm.cli.tm_search_cmd import concordance, search
from silkterm.tm.model import Segment, Unit, escape
from silkterm.tm.store import Memory

ROWS = [
    ("u1", "Trains exit China at Khorgos.", "列车从霍尔果斯出境。"),
    ("u2", "Trains exit China at Horgos.", "列车从霍尔果斯口岸出境。"),
    ("u3", "Trucks enter Kazakhstan at Khorgos.", "卡车从霍尔果斯进入哈萨克斯坦。"),
    ("u4", "Only English here.", None),
]


@click.group()
@click.option("--tm", "tm_path")
@click.pass_context
def tm(ctx: click.Context, tm_path: str | None) -> None:
    """Stands in for the real ``tm`` group: it hands the path over in ctx.obj["tm_path"]."""
    ctx.ensure_object(dict)
    ctx.obj["tm_path"] = tm_path


tm.add_command(search)
tm.add_command(concordance)


@pytest.fixture
def mem(tmp_path) -> Path:
    path = tmp_path / "m.sqlite"
    with Memory(path) as m:
        m.add(Unit(tuid, (Segment("en", escape(en)),)
                   + ((Segment("zh-Hans", escape(zh)),) if zh else ())) for tuid, en, zh in ROWS)
    return path


def run(mem: Path, *args: str):
    return CliRunner().invoke(tm, ["--tm", str(mem), *[str(a) for a in args]],
                              prog_name="silkterm tm")


def test_search_text(mem, small_glossary_path):
    r = run(mem, "search", "Trains exit China at Horgos.", "--no-default", "-g",
            small_glossary_path)
    assert r.exit_code == 0, r.output
    assert r.stdout == ("100  Trains exit China at Horgos. → 列车从霍尔果斯口岸出境。  [u2]\n"
                        " 96  Trains exit China at Khorgos. → 列车从霍尔果斯出境。  [u1]\n"
                        "terms: Horgos → Khorgos (霍尔果斯)\n")


def test_search_options_and_missing_target(mem):
    r = run(mem, "search", "Only English her", "--no-terms", "--min-score", "50",
            "--limit", "1")
    assert r.exit_code == 0, r.output
    assert r.stdout == " 88  Only English here. → ∅  [u4]\n"  # 16 of 18 kept
    r = run(mem, "search", "列车从霍尔果斯出境", "--no-terms", "--source-lang", "zh-Hans",
            "--target-lang", "en")
    assert r.exit_code == 0, r.output
    assert r.stdout == (" 90  列车从霍尔果斯出境。 → Trains exit China at Khorgos.  [u1]\n"
                        " 75  列车从霍尔果斯口岸出境。 → Trains exit China at Horgos.  [u2]\n")


def test_search_json(mem, small_glossary_path):
    r = run(mem, "search", "Trucks enter Kazakhstan at Khorgos.", "--format", "json",
            "--no-default", "-g", small_glossary_path, "--limit", "1")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["hits"] == [{"tuid": "u3", "score": 100, "how": "exact",
                             "source": "Trucks enter Kazakhstan at Khorgos.",
                             "target": "卡车从霍尔果斯进入哈萨克斯坦。", "source_lang": "en",
                             "target_lang": "zh-hans", "props": []}]
    assert [(t["surface"], t["concept"], t["zh"], t["start"]) for t in data["terms"]] == [
        ("Khorgos", "khorgos", "霍尔果斯", 27)]


def test_search_nothing_found_exits_1(mem):
    r = run(mem, "search", "Completely unrelated words", "--no-terms")
    assert (r.exit_code, r.stdout) == (1, "")
    r = run(mem, "search", "Completely unrelated words", "--no-terms", "--format", "json")
    assert r.exit_code == 1
    assert json.loads(r.stdout) == {"query": "Completely unrelated words", "hits": [], "terms": []}


def test_search_usage_errors(mem, tmp_path):
    r = run(mem, "search", "x", "--min-score", "101")
    assert r.exit_code == 2
    r = run(mem, "search", "x", "--no-default")
    assert r.exit_code == 2
    assert "--no-default needs at least one --glossary" in r.output
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database at all, just bytes" * 100)
    r = run(bad, "search", "Trains", "--no-terms")
    assert r.exit_code == 2
    assert r.stderr.startswith(f"silkterm: error: {bad}: not a silkterm memory")


def test_concordance_text_and_json(mem):
    r = run(mem, "concordance", "khorgos")
    assert r.exit_code == 0, r.output
    assert r.stdout == ("[u1] en: Trains exit China at [[Khorgos]].\n"
                        "[u3] en: Trucks enter Kazakhstan at [[Khorgos]].\n")
    r = run(mem, "concordance", "霍尔果斯", "--limit", "1", "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == [{"tuid": "u1", "lang": "zh-hans", "text": "列车从霍尔果斯出境。",
                                     "spans": [[3, 7]],
                                     "others": [{"lang": "en",
                                                 "text": "Trains exit China at Khorgos."}]}]
    r = run(mem, "concordance", "at", "--lang", "en", "--limit", "2")
    assert r.stdout == ("[u1] en: Trains exit China [[at]] Khorgos.\n"
                        "[u2] en: Trains exit China [[at]] Horgos.\n")


def test_concordance_nothing_found_exits_1(mem):
    r = run(mem, "concordance", "Ulaanbaatar")
    assert (r.exit_code, r.stdout) == (1, "")


def test_search_chinese_query_terms_show_the_english_form(mem, small_glossary_path):
    r = run(mem, "search", "列车从霍尔果斯出境", "--source-lang", "zh-Hans", "--target-lang", "en",
            "--no-default", "-g", small_glossary_path, "--limit", "1")
    assert r.exit_code == 0, r.output
    assert r.stdout == (" 90  列车从霍尔果斯出境。 → Trains exit China at Khorgos.  [u1]\n"
                        "terms: 霍尔果斯 (Khorgos)\n")


def test_text_output_keeps_one_hit_per_line(tmp_path):
    path = tmp_path / "m.sqlite"
    with Memory(path) as m:
        m.add([Unit("nl", (Segment("en", "Line one\nline two"), Segment("zh-Hans", "第一行\r\n第二行")))])
    r = run(path, "search", "Line one\nline two", "--no-terms")
    assert (r.exit_code, r.stdout) == (0, "100  Line one⏎line two → 第一行⏎第二行  [nl]\n")
    r = run(path, "concordance", "line two")
    assert (r.exit_code, r.stdout) == (0, "[nl] en: Line one⏎[[line two]]\n")


def test_tm_after_the_command_and_a_read_only_open(mem):
    runner = CliRunner()
    r = runner.invoke(tm, ["search", "--tm", str(mem), "--no-terms", "Only English here."])
    assert (r.exit_code, r.stdout) == (0, "100  Only English here. → ∅  [u4]\n")
    r = runner.invoke(tm, ["concordance", "English", "--tm", str(mem)])
    assert (r.exit_code, r.stdout) == (0, "[u4] en: Only [[English]] here.\n")
    assert [p.name for p in mem.parent.iterdir()] == ["m.sqlite"]  # no -wal/-shm left
    r = runner.invoke(tm, ["--tm", str(mem.parent / "other.sqlite"), "concordance", "English",
                           "--tm", str(mem)])
    assert r.exit_code == 2 and "--tm is given twice" in r.stderr

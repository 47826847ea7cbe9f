"""``--jobs N`` (issue 14): normalize, annotate, check and collect give, in worker processes, exactly
the output, errors and exit status of one process."""

from __future__ import annotations

import functools
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from silkterm.cli.main import cli
from silkterm.glossary.collect import Collector
from silkterm.glossary.errors import WorkerError
from silkterm.glossary.loader import GlossarySpec
from silkterm.glossary.pool import cpu_jobs, map_ordered
from silkterm.glossary.stream import TextFile
from silkterm.tm.errors import TMFormatError
from silkterm.tm.qa import iter_issues

ROOT = Path(__file__).parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
DATA = ROOT / "tests" / "data" / "tm"
MARKDOWN = ("# Horgos\n\nTokajew visited Horgos, `Horgos`.\n\n```\nHorgos\n```\n\n"
            "<!-- Horgos -->\nNur-Sultan and Kassym Jomart Tokayev met the new crown experts.\n\n")
CHINESE = "托卡耶夫总统访问了霍尔果斯。努尔苏丹的代表团抵达阿斯塔纳。\n\n哈萨克斯坦与中国签署协议。\n"


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, prog_name="silkterm")


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The five seeds and three generated texts (the seeds run together and respelt, Markdown,
    Chinese), by their absolute paths."""
    folder = tmp_path_factory.mktemp("jobs")
    for seed in SEEDS:
        shutil.copy(seed, folder / seed.name)
    joined = "\n\n".join(s.read_text(encoding="utf-8") for s in SEEDS)
    (folder / "varied.txt").write_text(joined.replace("Tokayev", "Tokaev").replace("Astana", "Nur-Sultan")
                                       * 3, encoding="utf-8")
    (folder / "doc.md").write_text(MARKDOWN * 5, encoding="utf-8")
    (folder / "zh.txt").write_text(CHINESE * 4, encoding="utf-8")
    return [str(folder / s.name) for s in SEEDS] + [str(folder / n) for n in ("varied.txt", "doc.md", "zh.txt")]


def same(args: list[str], jobs: str = "2") -> tuple[int, str, str]:
    """Run ``args`` with --jobs 1 and with --jobs ``jobs``; the exit status, output and errors
    must be the same; return them."""
    one = run(*args[:1], "--jobs", "1", *args[1:])
    many = run(*args[:1], "--jobs", jobs, *args[1:])
    assert one.exception is None or isinstance(one.exception, SystemExit), one.exception
    assert (many.exit_code, many.stdout, many.stderr) == (one.exit_code, one.stdout, one.stderr)
    return one.exit_code, one.stdout, one.stderr


@pytest.mark.parametrize("options", [[], ["--check"], ["--format", "json"], ["--diff"],
                                     ["--format", "sarif"]], ids=["text", "check", "json", "diff", "sarif"])
def test_normalize_gives_the_same_output_in_workers(texts, options):
    status, out, err = same(["normalize", *options, *texts])
    assert (status, err) == (1 if options in (["--check"], ["--format", "sarif"]) else 0, "")
    if options == ["--check"]:  # every file's findings, in the order of the files
        order = [line.split(":", 1)[0] for line in out.splitlines()]
        assert sorted(set(order), key=order.index) == [t for t in texts if t in order]
        assert any(line.startswith(texts[-3]) for line in out.splitlines())  # the varied text


def test_normalize_in_place_rewrites_the_same_files(tmp_path, texts):
    results = []
    for jobs in ("1", "2"):
        folder = tmp_path / jobs
        folder.mkdir()
        copies = [shutil.copy(t, folder / Path(t).name) for t in texts]
        result = run("normalize", "--in-place", "--jobs", jobs, *map(str, copies))
        assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
        results.append({Path(c).name: Path(c).read_bytes() for c in copies})
    assert results[0] == results[1]
    assert results[0]["varied.txt"] != Path(texts[-3]).read_bytes()  # Tokaev → Tokayev …


@pytest.mark.parametrize("style", ["inline", "json", "html"])
def test_annotate_gives_the_same_output_in_workers(texts, style):
    status, out, err = same(["annotate", "--style", style, *texts])
    assert (status, err) == (0, "")
    if style == "html":  # one page over every file, its sections in the order of the files
        titles = [Path(t).name for t in texts]
        heads = [out.index(f'<h2 id="doc-{i}-h">{t}</h2>') for i, t in enumerate(titles, 1)]
        assert heads == sorted(heads)


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_check_gives_the_same_output_in_workers(fmt):
    files = [str(DATA / n) for n in ("qa.po", "qa.tmx", "basic.po", "qa.po")]
    status, out, err = same(["check", "--format", fmt, *files])
    assert (status, err) == (1, "")
    assert out.count("missing-term") >= 5


def test_collect_gives_the_same_proposals_in_workers(texts):
    # (the JSON holds every proposal whole: its forms, counts, files, contexts and sources)
    status, out, err = same(["collect", "--format", "json", *texts])
    assert (status, err) == (0, "")
    assert json.loads(out)["files"] == texts and len(json.loads(out)["proposals"]) > 20


def test_counting_apart_then_merging_leaves_the_collector_as_adding(texts):
    glossary = GlossarySpec().load()
    added, merged = Collector(glossary), Collector(glossary)
    for name in texts + texts[:2]:  # (a file read twice counts twice, in both)
        added.add(Path(name).read_text(encoding="utf-8").split("\n"), name)
        merged.merge_counts(merged.count(Path(name).read_text(encoding="utf-8").split("\n"), name))
    assert added.result() == merged.result()
    assert added.distinct_forms == merged.distinct_forms > 100


def test_a_bad_file_in_the_middle_fails_as_in_one_process():
    bad = str(DATA / "unterminated.po")
    files = [str(DATA / "qa.po"), bad, str(DATA / "qa.tmx"), str(DATA / "basic.po")]
    status, out, err = same(["check", *files])
    assert (status, out, err) == (2, "", f"silkterm: error: {bad}:9: unterminated string\n")
    status, out, err = same(["check", "--format", "json", *files[1:]])
    assert (status, out, err) == (2, "", f"silkterm: error: {bad}:9: unterminated string\n")


def test_a_file_that_does_not_decode_fails_before_any_output(tmp_path, texts):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Horgos café\n".encode("latin-1"))
    status, out, err = same(["normalize", texts[0], str(bad), texts[1]])
    assert (status, out, err) == (2, "", (f"silkterm: error: {bad}: not valid UTF-8 (byte 0xe9 at "
                                          "offset 10); give --encoding\n"))


def test_the_first_failing_item_in_input_order_is_raised_after_the_results_before_it():
    bad = str(DATA / "unterminated.po")
    glossary = GlossarySpec().load()
    items = [str(DATA / "qa.po"), bad, bad, str(DATA / "qa.tmx")]
    seen = []
    with pytest.raises(TMFormatError) as raised, map_ordered(iter_issues, items, GlossarySpec().load,
                                                             jobs=2, method="spawn") as results:
        for item, issues in zip(items, results, strict=True):
            for issue in issues:
                seen.append((item, issue))
    assert str(raised.value) == f"{bad}:9: unterminated string"
    in_one = []
    with pytest.raises(TMFormatError):
        for item in items:
            in_one += [(item, issue) for issue in iter_issues(item, glossary)]
    assert seen == in_one and seen  # the issues of qa.po, and those of bad.po before its error


def test_results_come_in_input_order_with_little_handed_out_ahead():
    items = list(range(9, -1, -1))
    with map_ordered(itertools.repeat, items, functools.partial(int, 2), jobs=3, ahead=1) as results:
        assert [list(r) for r in results] == [[k, k] for k in items]


def test_workers_are_forked_where_no_other_thread_runs_else_spawned():
    """As from the command line, in a process of its own (a test run may hold other threads)."""
    code = ("import threading, time\n"
            "from silkterm.glossary.pool import start_method\n"
            "alone = start_method()\n"
            "threading.Thread(target=time.sleep, args=(1,), daemon=True).start()\n"
            "print(alone, start_method())\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["fork" if sys.platform == "linux" else "spawn", "spawn"]


def test_jobs_0_uses_every_core_and_standard_input_is_read_here(texts):
    assert cpu_jobs(0) == (os.cpu_count() or 1)
    status, out, _ = same(["normalize", *texts[:3]], jobs="0")
    assert status == 0 and out
    text = Path(texts[0]).read_text(encoding="utf-8")
    assert run("normalize", "-j", "2", input=text).stdout == run("normalize", input=text).stdout != ""


def test_a_negative_jobs_is_a_usage_error(texts):
    for command in ("normalize", "annotate", "check", "collect"):
        result = run(command, "--jobs", "-1", texts[0])
        assert result.exit_code == 2
        assert "Invalid value for '--jobs' / '-j': -1 is not in the range x>=0." in result.stderr
    with pytest.raises(ValueError, match="jobs must be 0"):
        cpu_jobs(-1)


def test_ctrl_c_stops_every_worker_with_status_130_and_one_line(tmp_path):
    silkterm = Path(sys.executable).with_name("silkterm")
    text = "\n\n".join(s.read_text(encoding="utf-8") for s in SEEDS)
    files = []
    for k in range(4):
        path = tmp_path / f"big{k}.txt"
        path.write_text(text.replace("Tokayev", f"Tokayev{k}") * 60, encoding="utf-8")  # ~3 MB
        files.append(str(path))
    spools = tmp_path / "tmp"
    spools.mkdir()
    proc = subprocess.Popen([str(silkterm), "normalize", "--jobs", "2", *files], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True,
                            env=dict(os.environ, TMPDIR=str(spools)))
    assert proc.stdout is not None and proc.stdout.read(1)  # the first file is done: workers run
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
    _, err = proc.communicate(timeout=60)
    assert (proc.returncode, err.decode()) == (130, "silkterm: interrupted\n")
    assert list(spools.iterdir()) == []  # the spool directory is gone


def _die_on(item: TextFile, state: int) -> Iterator[str]:
    if item.path.endswith("b.txt"):
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
    yield item.path


def test_a_killed_worker_is_an_error_naming_its_file_not_a_traceback():
    items = [TextFile(name) for name in ("a.txt", "b.txt", "c.txt")]
    # forked: the work function lives in this test module, which a spawned worker cannot import
    with (pytest.raises(WorkerError) as caught,
          map_ordered(_die_on, items, functools.partial(int, 1), jobs=2, method="fork") as results):
        assert list(next(results)) == ["a.txt"]
        for r in results:
            list(r)
    assert str(caught.value) == ("b.txt: a worker process ended before it had finished (killed "
                                 "from outside, or out of memory?); try fewer --jobs")

"""silkterm archive normalize|annotate|collect: the Dask runs of silkterm.glossary.daskjobs on the
command line, on a local cluster given by its scheduler's address."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from distributed import LocalCluster
from silkterm.cli.main import cli
from silkterm.glossary import annotate

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = {"a1": "Trains exit China at Horgos, near Zharkent.\n",
            "a2": "Prime Minister Alikhan Smailov visited Aqtobe. Smailov met the Aktobe governor.\n"}


@pytest.fixture(scope="module")
def address():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.fixture()
def archive(tmp_path) -> Path:
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in ARTICLES.items()),
                    encoding="utf-8")
    return path


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_archive_normalize_writes_one_json_object_per_article(archive, address, tmp_path):
    out = tmp_path / "out.jsonl"
    result = invoke("archive", "normalize", str(archive), "--scheduler", address, "-o", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["changed"], r["text"]) for r in rows] == [
        ("a1", True, "Trains exit China at Khorgos, near Zharkent.\n"),
        ("a2", False, ARTICLES["a2"])]
    assert [(f["surface"], f["replacement"]) for f in rows[0]["findings"]] == [("Horgos", "Khorgos")]


def test_archive_annotate_prints_to_standard_output(archive, address, glossary):
    result = invoke("archive", "annotate", str(archive), "--scheduler", address)
    assert result.exit_code == 0 and result.stderr == ""
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["annotated"] for r in rows] == [annotate(t, glossary) for t in ARTICLES.values()]
    assert "at Horgos ⟦→ Khorgos · 霍尔果斯 · Huò'ěrguǒsī⟧, near" in rows[0]["annotated"]


def test_archive_collect_prints_what_collect_prints(archive, address, tmp_path):
    result = invoke("archive", "collect", str(archive), "--scheduler", address)
    assert result.exit_code == 0 and result.stderr == ""
    for ident, text in ARTICLES.items():
        (tmp_path / ident).write_text(text, encoding="utf-8")
    plain = invoke("collect", str(tmp_path / "a1"), str(tmp_path / "a2"))
    assert result.stdout == plain.stdout.replace(f"{tmp_path}/", "")
    assert result.stdout.endswith("2 new concepts, 0 known concepts with new variants, from 2 files\n")


def test_archive_errors_are_one_line_with_status_2(tmp_path, address):
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": 1, "body": "Horgos"}\n', encoding="utf-8")
    result = invoke("archive", "normalize", str(path), "--scheduler", address)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (f"silkterm: error: {path}: a line has no 'text' field: "
                             "'{\"id\": 1, \"body\": \"Horgos\"}'; give id_column/text_column\n")
    result = invoke("archive", "collect", str(tmp_path / "none.jsonl"), "--scheduler", address)
    assert (result.exit_code, result.stderr) == (2, f"silkterm: error: {tmp_path / 'none.jsonl'}: no such file or folder\n")
    result = invoke("archive", "normalize", str(path), "--no-default")
    assert result.exit_code == 2 and "--no-default needs at least one --glossary" in result.stderr

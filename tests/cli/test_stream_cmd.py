"""normalize and annotate read, rewrite and write a chunk at a time, with exactly the output of
whole texts (issue 9, B5)."""

from __future__ import annotations

import json
import shutil
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from silkterm.cli.main import cli
from silkterm.glossary import annotate, find_terms, load_glossary, normalize
from silkterm.glossary import stream, textio
from silkterm.glossary.apply import annotate_html

SEEDS = sorted((Path(__file__).parents[2] / "seeds").glob("*.txt"))
MARKDOWN = ("# Horgos\n\nTokajew visited Horgos, `Horgos`.\n\n```\nHorgos\n\nHorgos\n```\n\n"
            "<!-- Horgos\n\n-->\nNur-Sultan and Kassym Jomart Tokayev.\n\n")


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, prog_name="silkterm")


@pytest.fixture
def small_chunks(monkeypatch, tmp_path):
    """Chunks of about 200 code points, read 64 bytes at a time: every text is many chunks."""
    monkeypatch.setattr(stream, "CHUNK_SIZE", 200)
    monkeypatch.setattr(textio, "READ_SIZE", 64)
    monkeypatch.chdir(tmp_path)
    for seed in SEEDS:
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / "doc.md").write_text(MARKDOWN * 4, encoding="utf-8")
    return [seed.name for seed in SEEDS] + ["doc.md"]


@pytest.fixture(scope="module")
def g():
    return load_glossary()


def texts(names):
    return [(n, Path(n).read_text(encoding="utf-8"), "markdown" if n.endswith(".md") else "text")
            for n in names]


def test_normalize_outputs_equal_those_of_whole_texts(small_chunks, g):
    docs = texts(small_chunks)
    result = run("normalize", *small_chunks)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "".join(normalize(t, g, markup=m).text for _, t, m in docs)
    result = run("normalize", "--format", "json", *small_chunks)
    assert result.stdout == json.dumps(
        [{"path": n, "changed": normalize(t, g, markup=m).changed,
          "findings": [f.to_dict() for f in normalize(t, g, markup=m).findings]}
         for n, t, m in docs], ensure_ascii=False, indent=2) + "\n"
    result = run("normalize", "--check", *small_chunks)
    assert result.exit_code == 1
    assert result.stdout == "".join(
        f"{n}:{f.line}:{f.column}: {f.action.value} {f.surface!r}"
        f"{f' → {f.replacement!r}' if f.replacement else f' ({f.canonical})'}"
        f"{f' (without {f.drop_before.strip()!r})' if f.drop_before else ''}: {f.reason} "
        f"[{f.concept_id}]\n" for n, t, m in docs for f in normalize(t, g, markup=m).findings)
    stdin = run("normalize", input=Path(small_chunks[0]).read_bytes())
    assert stdin.stdout == normalize(docs[0][1], g).text


def test_in_place_equals_whole_texts(small_chunks, g):
    docs = texts(small_chunks)
    result = run("normalize", "--in-place", *small_chunks)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    for name, text, markup in docs:
        assert Path(name).read_text(encoding="utf-8") == normalize(text, g, markup=markup).text
    assert not [p for p in Path().iterdir() if p.name.startswith(".")]


def test_in_place_with_a_bad_end_of_the_second_file_changes_nothing(small_chunks):
    first = Path(small_chunks[0])
    before = first.read_bytes()
    Path("bad.txt").write_bytes(Path(small_chunks[1]).read_bytes() + b"Horgos \xff\n")
    result = run("normalize", "--in-place", small_chunks[0], "bad.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith("silkterm: error: bad.txt:")
    assert "not valid UTF-8 (byte 0xff at offset" in result.stderr
    assert first.read_bytes() == before
    assert not [p for p in Path().iterdir() if p.name.startswith(".")]


def test_annotate_outputs_equal_those_of_whole_texts(small_chunks, g):
    docs = texts(small_chunks)
    result = run("annotate", *small_chunks)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "".join(annotate(t, g, markup=m) for _, t, m in docs)
    result = run("annotate", "--style", "json", *small_chunks)
    assert result.stdout == json.dumps(
        [{"path": n, "findings": [f.to_dict() for f in find_terms(t, g, markup=m)]}
         for n, t, m in docs], ensure_ascii=False, indent=2) + "\n"
    result = run("annotate", "--style", "html", *small_chunks)
    assert result.stdout == annotate_html([(n, t) for n, t, _ in docs], g,
                                          markups=[m for _, _, m in docs])


def test_normalize_in_place_memory_does_not_grow_with_the_file(small_chunks, monkeypatch, g):
    monkeypatch.setattr(stream, "CHUNK_SIZE", 4096)
    monkeypatch.setattr(textio, "READ_SIZE", 4096)
    paragraph = "Tokajew met officials at Horgos on Monday.\nThe Nur-Sultan port grew.\n\n"
    run("normalize", "-i", small_chunks[0])

    def peak(n: int) -> int:
        Path("big.txt").write_text(paragraph * n, encoding="utf-8")
        tracemalloc.start()
        try:
            result = run("normalize", "--in-place", "big.txt")
            assert result.exit_code == 0
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    assert peak(8000) <= 1.3 * peak(2000)
    assert Path("big.txt").read_text(encoding="utf-8") == normalize(paragraph, g).text * 2000


def test_in_place_with_the_first_change_in_a_late_chunk(small_chunks, g):
    text = "Khorgos and Astana.\n\n" * 40 + "Horgos at last.\n" + "Khorgos.\n\n" * 20
    Path("late.txt").write_bytes(b"\xef\xbb\xbf" + text.encode())
    result = run("normalize", "-i", "late.txt")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert Path("late.txt").read_bytes() == b"\xef\xbb\xbf" + normalize(text, g).text.encode()
    assert normalize(text, g).text.count("Horgos") == 0
    assert not [p for p in Path().iterdir() if p.name.startswith(".")]

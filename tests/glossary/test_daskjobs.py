"""silkterm.glossary.daskjobs: normalize, annotate and collect over archives on a Dask cluster.

One local cluster of two worker processes serves the module; the functions are given its
scheduler's address, as they would be a real cluster's. Every result is compared with the
single-process library run over the same articles in the same order.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster
from silkterm.glossary import GlossaryError, InputError, annotate, find_terms, normalize
from silkterm.glossary.collect import collect
from silkterm.glossary.daskjobs import (
    Annotated,
    Normalized,
    annotate_archive,
    collect_archive,
    normalize_archive,
    write_jsonl,
)
from silkterm.glossary.loader import GlossarySpec
from silkterm.glossary.markup import detect_markup

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
# Two articles written for these tests: Markdown with a link, an abbreviation and "A and B"; a
# Chinese one. With the seeds, they give every kind of state the collector keeps.
GENERATED = {
    "extra/rail.md": (
        "# Rail news\n\nKazakhstan Temir Zholy (KTZ) said trains via Horgos doubled. Tokaev met\n"
        "Kazatomprom and China General Nuclear Power Group in [Astana](https://x.org/Horgos).\n\n"
        "KTZ and Kazatomprom signed. Prime Minister Alikhan Smailov visited Aqtobe; Smailov met the\n"
        "Aktobe governor, and the new crown was not mentioned.\n"),
    "extra/zh.txt": (
        "托卡耶夫总统访问霍尔果斯。哈萨克斯坦总理斯迈洛夫会见了阿克托别州州长。\n\n"
        "斯迈洛夫表示，经霍尔果斯口岸的中欧班列增加了一倍。\n"),
}


def _articles() -> list[tuple[str, str]]:
    """(id, text) of the archive, in its order: the folder's files sorted by path."""
    found = [(p.name, p.read_text(encoding="utf-8")) for p in SEEDS]
    found += list(GENERATED.items())
    return sorted(found)


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as local:
        yield local


@pytest.fixture(scope="module")
def address(cluster) -> str:
    return cluster.scheduler_address


@pytest.fixture(scope="module")
def archives(tmp_path_factory) -> dict[str, Path]:
    """The same articles as a folder, a Parquet dataset of three files and a JSON-lines file."""
    base = tmp_path_factory.mktemp("archives")
    folder = base / "folder"
    for ident, text in _articles():
        (folder / ident).parent.mkdir(parents=True, exist_ok=True)
        (folder / ident).write_text(text, encoding="utf-8")
    rows = _articles()
    parquet = base / "parquet"
    parquet.mkdir()
    for i in range(3):
        part = rows[i * 3:(i + 1) * 3]
        pq.write_table(pa.table({"id": [r[0] for r in part], "text": [r[1] for r in part],
                                 "source": ["tests"] * len(part)}), parquet / f"part-{i}.parquet")
    jsonl = base / "articles.jsonl"
    jsonl.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                             for i, t in rows), encoding="utf-8")
    return {"folder": folder, "parquet": parquet, "jsonl": jsonl}


def _markup(kind: str, ident: str) -> str:
    return detect_markup(ident) if kind == "folder" else "text"


KINDS = ["folder", "parquet", "jsonl"]


@pytest.fixture(scope="module")
def collected(glossary):
    """What one collector reading every article in order proposes: the folder's files by their
    markup, or (``text``) every article as plain text (the rows of Parquet and JSON lines)."""
    return {markup: collect(((i, [t], detect_markup(i) if markup == "auto" else "text")
                             for i, t in _articles()), glossary) for markup in ("auto", "text")}
# small partitions: several per archive, so that both workers work and tallies are added up
SMALL = {"files_per_partition": 2, "blocksize": 12_000}


def test_the_archives_hold_seven_articles_in_several_partitions(archives):
    assert len(_articles()) == 7
    assert len(list(archives["parquet"].iterdir())) == 3
    assert archives["jsonl"].stat().st_size > 3 * SMALL["blocksize"]


@pytest.mark.parametrize("kind", KINDS)
def test_normalize_archive_equals_normalize_of_each_article(kind, archives, address, glossary):
    got = normalize_archive(archives[kind], scheduler=address, **SMALL)
    want = []
    for ident, text in _articles():
        r = normalize(text, glossary, markup=_markup(kind, ident))
        want.append(Normalized(ident, r.text, r.changed, r.findings))
    assert got == want
    assert [n.id for n in got] == [i for i, _ in _articles()]
    assert sum(n.changed for n in got) >= 3
    rail = next(n for n in got if n.id == "extra/rail.md")
    assert "https://x.org/Horgos" in rail.text and "trains via Khorgos" in rail.text


@pytest.mark.parametrize("kind", KINDS)
def test_annotate_archive_equals_find_terms_and_annotate(kind, archives, address, glossary):
    got = annotate_archive(archives[kind], scheduler=address, **SMALL)
    want = [Annotated(ident, annotate(text, glossary, markup=_markup(kind, ident)),
                      tuple(find_terms(text, glossary, markup=_markup(kind, ident))))
            for ident, text in _articles()]
    assert got == want
    assert all(a.findings for a in got)


@pytest.mark.parametrize("kind", KINDS)
def test_collect_archive_equals_one_collector_reading_every_article(kind, archives, address, collected):
    got = collect_archive(archives[kind], scheduler=address, **SMALL)
    assert got == collected["auto" if kind == "folder" else "text"]
    assert got.files == tuple(i for i, _ in _articles())
    ids = {p.id for p in got.proposals}
    assert {"alikhan-smailov", "aktobe"} <= ids


def test_collect_archive_adds_tallies_up_in_order_whatever_the_partitions(archives, address, collected):
    for files in (1, 3, 7):
        got = collect_archive(archives["folder"], scheduler=address, files_per_partition=files)
        assert got == collected["auto"]


def test_a_glossary_spec_reaches_the_workers(archives, address, small_glossary_path, small):
    spec = GlossarySpec((str(small_glossary_path),), include_default=False)
    got = normalize_archive(archives["jsonl"], glossary=spec, scheduler=address, **SMALL)
    want = [normalize(text, small).text for _, text in _articles()]
    assert [n.text for n in got] == want
    assert {f.concept_id for n in got for f in n.findings} <= {c.id for c in small}


def test_a_client_or_the_default_client_serves_as_scheduler(archives, address, glossary):
    want = [normalize(t, glossary).text for _, t in _articles()]
    with Client(address) as client:  # the default client while it is open
        assert [n.text for n in normalize_archive(archives["jsonl"], scheduler=client)] == want
        assert [n.text for n in normalize_archive(archives["jsonl"])] == want


def test_write_jsonl_writes_one_object_per_article(archives, address, tmp_path):
    got = normalize_archive(archives["parquet"], scheduler=address)
    out = tmp_path / "out.jsonl"
    write_jsonl(got, out)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [n.id for n in got]
    assert rows[0] == {"id": got[0].id, "changed": got[0].changed, "text": got[0].text,
                       "findings": [f.to_dict() for f in got[0].findings]}


def test_write_jsonl_leaves_nothing_behind_on_failure(tmp_path):
    def results():
        yield Normalized("a", "Khorgos", False, ())
        raise InputError("lost", path="a")

    with pytest.raises(InputError):
        write_jsonl(results(), tmp_path / "out.jsonl")
    assert list(tmp_path.iterdir()) == []


# --- errors ---------------------------------------------------------------------------------------

def test_a_missing_parquet_column_names_the_columns(archives, address):
    with pytest.raises(InputError) as e:
        normalize_archive(archives["parquet"], scheduler=address, text_column="body")
    assert str(e.value) == (f"{archives['parquet']}: no column 'body' (the columns: id, text, source); "
                            "give id_column/text_column")


def test_a_json_line_without_the_text_field_is_named(tmp_path, address):
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": 1, "text": "Horgos"}\n{"id": 2, "body": "Horgos"}\n', encoding="utf-8")
    with pytest.raises(InputError) as e:
        normalize_archive(path, scheduler=address)
    assert str(e.value) == (f"{path}: a line has no 'text' field: '{{\"id\": 2, \"body\": \"Horgos\"}}'; "
                            "give id_column/text_column")


def test_a_json_line_that_is_not_json_is_named(tmp_path, address):
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": 1, "text": "Horgos"}\n{"id": 2, "text": \n', encoding="utf-8")
    with pytest.raises(InputError) as e:
        annotate_archive(path, scheduler=address)
    assert str(e.value) == f"{path}: a line is not JSON (Expecting value): '{{\"id\": 2, \"text\":'"


def test_a_json_line_with_text_that_is_not_a_string_is_named(tmp_path, address):
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "x", "text": null}\n', encoding="utf-8")
    with pytest.raises(InputError) as e:
        normalize_archive(path, scheduler=address)
    assert str(e.value) == f"{path}: article x: 'text' is not text but None"


def test_json_lines_that_are_not_utf8_are_named(tmp_path, address):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"id": 1, "text": "Astana \xff"}\n')
    with pytest.raises(InputError) as e:
        collect_archive(path, scheduler=address)
    assert str(e.value) == f"{path}: not valid UTF-8"


def test_an_unreadable_file_in_a_folder_is_named(tmp_path, address):
    (tmp_path / "a.txt").write_text("Horgos\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"Astana \xff\n")
    with pytest.raises(InputError) as e:
        normalize_archive(tmp_path, scheduler=address)
    assert str(e.value) == f"{tmp_path / 'b.txt'}: not valid UTF-8 (byte 0xff at offset 7); give --encoding"


def test_a_file_that_is_not_parquet_is_named(tmp_path, address):
    path = tmp_path / "a.parquet"
    path.write_text("not parquet", encoding="utf-8")
    with pytest.raises(InputError) as e:
        normalize_archive(path, scheduler=address)
    assert str(e.value).startswith(f"{path}: cannot read as Parquet: ")


def test_sources_that_are_no_archive(tmp_path, address):
    with pytest.raises(InputError) as e:
        normalize_archive(tmp_path / "none", scheduler=address)
    assert str(e.value) == f"{tmp_path / 'none'}: no such file or folder"
    (tmp_path / "a.csv").write_text("id,text\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        normalize_archive(tmp_path / "a.csv", scheduler=address)
    assert str(e.value) == (f"{tmp_path / 'a.csv'}: not an archive: give a folder, a Parquet file "
                            "(.parquet, .pq) or a JSON-lines file (.jsonl, .ndjson)")
    with pytest.raises(InputError) as e:
        normalize_archive(tmp_path, scheduler=address)
    assert str(e.value) == (f"{tmp_path}: no articles: no .txt, .text, .md, .markdown, .html, .htm, "
                            ".jsonl, .ndjson or Parquet files in the folder")


def test_an_unreachable_scheduler_is_named(archives):
    with pytest.raises(InputError) as e:
        normalize_archive(archives["jsonl"], scheduler="tcp://127.0.0.1:9", timeout=1)
    assert str(e.value).startswith("tcp://127.0.0.1:9: cannot reach the Dask scheduler: ")


def test_without_dask_the_error_says_what_to_install(archives, monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.bag", None)  # as if it were not installed
    with pytest.raises(GlossaryError) as e:
        normalize_archive(archives["jsonl"])
    assert str(e.value) == "Dask is not installed (dask.bag is missing): pip install 'silkterm[dask]'"


def test_without_a_scheduler_or_default_client_a_local_cluster_serves_the_call(archives, glossary):
    from distributed import default_client

    with pytest.raises(ValueError):
        default_client()  # none is open
    got = annotate_archive(archives["jsonl"])
    assert [a.findings for a in got] == [tuple(find_terms(t, glossary)) for _, t in _articles()]
    with pytest.raises(ValueError):
        default_client()  # … nor left behind

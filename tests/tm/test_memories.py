"""Every memory backend passes the same tests: SQLite (a file) and PostgreSQL (a private server,
tests/pgserver.py), both opened by name through silkterm.tm.memories.open_memory."""

from __future__ import annotations

import random
import threading
from pathlib import Path

import pytest
from silkterm.tm.errors import TMStoreError
from silkterm.tm.formats import FORMATS
from silkterm.tm.memories import BACKENDS, open_memory, scheme_of
from silkterm.tm.model import Segment, Unit, escape, make_id
from silkterm.tm.search import concordance, search
from silkterm.tm.store import ImportStats, Memory
from silkterm.tm.tmx import read_tmx

ROWS = [
    ("u1", "Trains exit China at Khorgos.", "列车从霍尔果斯出境。"),
    ("u2", "trains exit china at khorgos.", "列车从霍尔果斯出境"),
    ("u3", "Trains exit China at Khorgos", "火车从霍尔果斯出境。"),
    ("u4", "Trains exit China at Horgos.", "列车从霍尔果斯口岸出境。"),
    ("u5", "Trucks enter Kazakhstan at Khorgos.", "卡车从霍尔果斯进入哈萨克斯坦。"),
    ("u6", "The Nurly Zhol programme was launched in 2014.", "光明之路计划于2014年启动。"),
    ("u7", "A & B", "甲和乙"),
    ("u8", "Trains exit China at Khorgas.", "列车经霍尔果斯出境。"),
]


def unit(tuid: str, en: str, zh: str | None = None, **kw) -> Unit:
    segs = [Segment("en", escape(en))]
    if zh is not None:
        segs.append(Segment("zh-Hans", escape(zh)))
    return Unit(tuid, tuple(segs), **kw)


def news(tuid: str, en: str, zh: str) -> Unit:
    return unit(tuid, en, zh, props=(("x-domain", "news"),))


@pytest.fixture(params=["sqlite", "postgresql"])
def name(request, tmp_path) -> str:
    """The name of a new, empty memory of each backend: a file path or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "m.sqlite")
    return request.getfixturevalue("pg_url")


def _brief(result):
    return [(h.tuid, h.score, h.how) for h in result.hits]


# --- the dispatcher ---------------------------------------------------------------------------


def test_names_choose_the_backend(name):
    with open_memory(name) as m:
        assert type(m).__name__ == ("PgMemory" if name.startswith("postgresql://") else "Memory")
        assert str(m.path) == name  # (no password in these URLs: shown as given)
        assert len(m) == 0 and m.langs() == []


def test_a_url_is_never_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert scheme_of("postgres://x/y") == "postgres" and scheme_of("./postgres://x") is None
    with pytest.raises(TMStoreError, match=r"^mysql://…: no memory backend for mysql:// \(known: "
                                           r"postgres://, postgresql://; a file path names an "
                                           r"SQLite memory\)$"):
        with open_memory("mysql://db/tm"):
            pass
    with pytest.raises(TMStoreError, match="cannot connect"):
        with open_memory("postgresql://nobody@127.0.0.1:1/tm"):
            pass
    assert list(tmp_path.iterdir()) == []
    assert set(BACKENDS) == {"postgresql", "postgres"}


# --- import and merge -------------------------------------------------------------------------


def test_import_merges_by_tuid(name):
    with open_memory(name) as m:
        assert m.add([Unit("khorgos", (Segment("en", "Khorgos"), Segment("zh-Hans", "霍尔果斯")))]
                     ) == ImportStats(1, 1, 0, 0)
        assert m.add([Unit("khorgos", (Segment("en", "Khorgos"), Segment("kk", "Қорғас")),
                           notes=("border",))]) == ImportStats(1, 0, 1, 0)
        assert m.add([Unit("khorgos", (Segment("en", "Khorgos"),))]) == ImportStats(1, 0, 0, 1)
        u = m["khorgos"]
        assert [(s.lang, s.content) for s in u.segments] == [
            ("en", "Khorgos"), ("zh-Hans", "霍尔果斯"), ("kk", "Қорғас")]
        assert (u.notes, len(m), "khorgos" in m, "astana" in m, 3 in m) == (
            ("border",), 1, True, False, False)
        assert m.langs() == ["en", "kk", "zh-Hans"]
        with pytest.raises(KeyError):
            m["astana"]


def test_duplicates_inside_one_import_and_across_batches(name):
    units = [unit("a", "A1"), unit("b", "B"), unit("a", "A1", "甲"), unit("c", "C"),
             unit("b", "B"), unit("a", "A2")]
    with open_memory(name) as m:
        assert m.add(units, batch_size=2) == ImportStats(6, 3, 2, 1)
        assert [(u.id, [(s.lang, s.text) for s in u.segments]) for u in m.units()] == [
            ("a", [("en", "A2"), ("zh-Hans", "甲")]), ("b", [("en", "B")]), ("c", [("en", "C")])]


def test_a_unit_without_tuid_merges_into_the_unit_with_its_pairs(name):
    with open_memory(name) as m:
        m.add([unit("t1", "Dry port", "无水港")])
        anon = unit(make_id("Dry port", "无水港"), "Dry port", "无水港", notes=("again",))
        assert m.add([anon]) == ImportStats(1, 0, 1, 0)
        other = unit(make_id("Dry port", "旱港"), "Dry port", "旱港")
        assert m.add([other]) == ImportStats(1, 1, 0, 0)
        assert [(u.id, u.notes) for u in m.units()] == [("t1", ("again",)), (other.id, ())]


def test_origin_recorded_and_first_kept(name):
    with open_memory(name) as m:
        m.add([unit("a", "A")], origin="/data/first.tmx")
        m.add([unit("a", "A", "甲")], origin="second.po")
        m.add([unit("b", "B", origin="own.csv")], origin="ignored.tmx")
        assert [(u.id, u.origin) for u in m.units()] == [("a", "first.tmx"), ("b", "own.csv")]


def test_a_failed_import_leaves_the_memory_unchanged(name):
    def units():
        yield unit("new", "New")
        yield unit("a", "changed")
        raise ValueError("bad file")

    with open_memory(name) as m:
        m.add([unit("a", "A")])
        with pytest.raises(ValueError, match="bad file"):
            m.add(units(), batch_size=1)
        with pytest.raises(ValueError):
            with m.transaction():
                m.add([unit("x", "X")])
                m.add(units(), batch_size=1)
        assert [(u.id, u.segments[0].text) for u in m.units()] == [("a", "A")]
        with m.transaction():
            assert m.add([unit("x", "X")]) == ImportStats(1, 1, 0, 0)
            assert m.add([unit("x", "X", "叉")]) == ImportStats(1, 0, 1, 0)
        assert [u.id for u in m.units()] == ["a", "x"]
        assert search(m, "X").hits[0].target == "叉"


def test_units_filtered_by_language_and_paged(name):
    with open_memory(name) as m:
        m.add([unit(f"u{i:04d}", f"text {i}", f"文 {i}" if i % 2 else None) for i in range(2500)])
        assert len(m) == 2500
        everything = list(m.units())
        assert [u.id for u in everything] == [f"u{i:04d}" for i in range(2500)]
        pairs = list(m.units(langs=("en", "zh-Hans")))
        assert len(pairs) == 1250 and pairs[0].id == "u0001"
        assert [s.lang for s in next(m.units(langs=("zh",))).segments] == ["zh-Hans"]


def test_a_read_only_memory(name):
    with open_memory(name) as m:
        m.add([unit("a", "A")])
    with open_memory(name, readonly=True) as m:
        assert [u.id for u in m.units()] == ["a"]
        with pytest.raises(TMStoreError, match="memory is open read-only"):
            m.add([unit("b", "B")])


def test_export_round_trip(name, tmp_path):
    source = tmp_path / "in.tmx"
    units = [Unit("k1", (Segment("en", "Khorgos"), Segment("zh-Hans", "霍尔果斯"),
                         Segment("kk", "Қорғас", props=(("x-script", "Cyrl"),))),
                  props=(("x-type", "place"),), notes=("border",), created="20240101T000000Z",
                  changed="20240202T000000Z"),
             news("k2", "Trains exit <China>.", "列车出境。")]
    FORMATS.for_name("tmx").write(units, str(source), source_lang="en", target_lang="zh-Hans")
    out = tmp_path / "out.tmx"
    with open_memory(name) as m:
        m.add(read_tmx(source), origin=str(source))
    with open_memory(name, readonly=True) as m:
        result = FORMATS.for_name("tmx").write(m.units(), str(out), source_lang="en",
                                               target_lang="zh-Hans")
    assert result.count == 2
    assert [(u.id, u.segments, u.props, u.notes, u.created, u.changed) for u in read_tmx(out)] \
        == [(u.id, u.segments, u.props, u.notes, u.created, u.changed) for u in units]


# --- search and concordance -------------------------------------------------------------------


@pytest.fixture
def filled(name):
    with open_memory(name) as m:
        m.add(news(*row) for row in ROWS)
        yield m


def test_search_hits_and_scores(filled):
    result = search(filled, "Trains exit China at Khorgos.")
    assert _brief(result) == [("u1", 100, "exact"), ("u2", 99, "fuzzy"), ("u8", 96, "fuzzy"),
                              ("u3", 96, "fuzzy"), ("u4", 96, "fuzzy")]
    assert result.hits[0].to_dict() == {
        "tuid": "u1", "score": 100, "source": "Trains exit China at Khorgos.",
        "target": "列车从霍尔果斯出境。", "source_lang": "en", "target_lang": "zh-hans",
        "props": [["x-domain", "news"]], "how": "exact"}
    assert _brief(search(filled, "列车从霍尔果斯出境", source_lang="zh-Hans", target_lang="en")) == [
        ("u2", 100, "exact"), ("u1", 90, "fuzzy"), ("u3", 80, "fuzzy"), ("u8", 80, "fuzzy"),
        ("u4", 75, "fuzzy")]
    assert _brief(search(filled, "A", min_score=0)) == [("u7", 20, "fuzzy")]
    assert _brief(search(filled, "Trucks enter Kazakstan at Khorgos", min_score=90)) == [
        ("u5", 94, "fuzzy")]
    assert search(filled, "Ulaanbaatar").hits == ()


def test_concordance(filled):
    hits = concordance(filled, "khorgos", lang="en")
    assert [(h.tuid, h.spans) for h in hits] == [
        ("u1", ((21, 28),)), ("u2", ((21, 28),)), ("u3", ((21, 28),)), ("u5", ((27, 34),))]
    assert hits[0].others == (("zh-hans", "列车从霍尔果斯出境。"),)
    assert [h.tuid for h in concordance(filled, "霍尔果斯")] == ["u1", "u2", "u3", "u4", "u5", "u8"]
    assert len(concordance(filled, "霍尔果斯", limit=2)) == 2
    assert [(h.tuid, h.spans) for h in concordance(filled, "in", lang="en")][-2:] == [
        ("u6", ((38, 40),)), ("u8", ((3, 5), (14, 16)))]
    assert concordance(filled, "%") == () and concordance(filled, "_") == ()
    assert [h.tuid for h in concordance(filled, "& B")] == ["u7"]


def _sentences(rng: random.Random, n: int) -> list[str]:
    syllables = ["ka", "zakh", "stan", "khor", "gos", "nur", "ly", "zhol", "as", "ta", "na",
                 "al", "ma", "ty", "ur", "um", "qi", "port", "rail", "way", "the", "of", "and",
                 "in", "to", "trade", "bor", "der", "dry", "sil", "k", "ro", "ad", "be", "lt",
                 "霍尔", "果斯", "列车", "出境", "口岸", "中国"]
    return [" ".join("".join(rng.choice(syllables) for _ in range(rng.randint(1, 3)))
                     for _ in range(rng.randint(3, 25))).capitalize() + "."
            for _ in range(n)]


def _edit(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(chars))
        op = rng.choice("sid")
        if op == "s":
            chars[i] = rng.choice("abcdefghijklmnopqrstuvwxyz")
        elif op == "i":
            chars.insert(i, rng.choice("abcdefghijklmnopqrstuvwxyz"))
        else:
            del chars[i]
    return "".join(chars)


def test_postgresql_finds_what_sqlite_finds(pg_url, tmp_path):
    """The same import into both backends: the same trigram sample, the same hits with the same
    scores for edited, exact, short and Chinese queries, the same concordance."""
    rng = random.Random(14)
    texts = _sentences(rng, 600)
    units = [news(f"r{i:03d}", t, f"译文{i}。") for i, t in enumerate(texts)]
    updates = [news(f"r{i:03d}", _edit(rng, texts[i]), f"新译文{i}。") for i in range(0, 600, 7)]
    queries = ([_edit(rng, rng.choice(texts)) for _ in range(150)] + texts[:20]
               + ["ka", "Zh", "qi", "khorgos port", "列车出境", "霍尔果斯口岸", "zzz"])
    with Memory(tmp_path / "ref.sqlite") as ref, open_memory(pg_url) as pg:
        for m in (ref, pg):
            assert m.add(units, batch_size=100) == ImportStats(600, 600, 0, 0)
            assert m.add(updates) == ImportStats(len(updates), 0, len(updates), 0)
        grams = sorted({t.lower()[i:i + 3] for t in texts[:50] for i in range(len(t) - 2)})
        assert pg.trigram_counts().lookup(grams) == ref.trigram_counts().lookup(grams)
        assert [s.id for s in pg.segments_in(["en"])] == [s.id for s in ref.segments_in(["en"])]
        found = 0
        for q in queries:
            for min_score in (70, 40):
                expected = search(ref, q, min_score=min_score, limit=10)
                assert search(pg, q, min_score=min_score, limit=10) == expected, q
                found += bool(expected.hits)
        assert found > 250
        for phrase in ("khor", "Port rail", "ka", "列车", "霍尔果斯口岸", "zhol.", "x"):
            assert concordance(pg, phrase, limit=500) == concordance(ref, phrase, limit=500)


# --- several clients at once ------------------------------------------------------------------


def _client_units(k: int) -> list[Unit]:
    """Importer ``k``'s file: its own units, units every importer has (same content), and units
    without tuid shared with the next importer."""
    own = [news(f"c{k}-{i:03d}", f"Client {k} sentence {i} about Khorgos.", f"客户{k}句子{i}。")
           for i in range(150)]
    shared = [news(f"shared-{i:03d}", f"Shared sentence {i} about Astana.", f"共享句子{i}。")
              for i in range(60)]
    anonymous = []
    for j in (k, (k + 1) % 6):
        en, zh = f"Unnamed pair {j} on the dry port.", f"无名对{j}。"
        anonymous.append(unit(make_id(en, zh), en, zh))
    return own[:75] + shared + anonymous + own[75:]


def _snapshot(memory) -> list[tuple]:
    return sorted((u.id, u.segments, u.props, u.notes, u.origin) for u in memory.units())


def test_six_importers_and_two_searchers_lose_and_duplicate_nothing(pg_url, tmp_path):
    files = [_client_units(k) for k in range(6)]
    with open_memory(pg_url) as m:  # the schema exists before the clients start
        assert len(m) == 0
    errors: list[BaseException] = []
    stats: list[ImportStats] = []
    searches: list[int] = []
    start = threading.Barrier(8)
    done = threading.Event()

    def importer(k: int) -> None:
        try:
            with open_memory(pg_url) as mine:
                start.wait()
                for part in range(0, len(files[k]), 50):  # several imports per client
                    stats.append(mine.add(files[k][part:part + 50], origin="client.tmx"))
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    def searcher() -> None:
        try:
            with open_memory(pg_url, readonly=True) as mine:
                start.wait()
                while not done.is_set():
                    result = search(mine, "Shared sentence 7 about Astana.")
                    assert all(h.tuid.startswith("shared-") for h in result.hits)
                    hits = concordance(mine, "dry port")
                    assert len({h.tuid for h in hits}) == len(hits)
                    searches.append(len(result.hits))
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    importers = [threading.Thread(target=importer, args=(k,)) for k in range(6)]
    searchers = [threading.Thread(target=searcher) for _ in range(2)]
    for t in importers + searchers:
        t.start()
    for t in importers:
        t.join()
    done.set()
    for t in searchers:
        t.join()
    assert errors == []
    assert searches
    assert sum(s.read for s in stats) == 6 * 212
    assert sum(s.added for s in stats) == 6 * 150 + 60 + 6
    with Memory(tmp_path / "sequential.sqlite") as sequential, open_memory(pg_url) as shared:
        for k in range(6):
            sequential.add(files[k], origin="client.tmx")
        assert len(shared) == len(sequential) == 6 * 150 + 60 + 6
        assert _snapshot(shared) == _snapshot(sequential)
        assert search(shared, "Shared sentence 7 about Astana.") == search(
            sequential, "Shared sentence 7 about Astana.")


# --- PostgreSQL specifics ---------------------------------------------------------------------


def test_schema_version_is_checked(pg_url):
    import psycopg

    with open_memory(pg_url) as m:
        m.add([unit("a", "A")])
    with psycopg.connect(pg_url, autocommit=True) as con:
        assert con.execute("SELECT key, value FROM silkterm.meta WHERE key IN "
                           "('schema_version', 'generation') ORDER BY key").fetchall() == [
            ("generation", "1"), ("schema_version", "1")]
        con.execute("UPDATE silkterm.meta SET value = '9' WHERE key = 'schema_version'")
    with pytest.raises(TMStoreError, match=r"unsupported memory schema version 9 \(expected 1\)"):
        with open_memory(pg_url, readonly=True):
            pass


def test_a_database_without_a_memory_is_not_read(pg_url):
    with pytest.raises(TMStoreError) as e:
        with open_memory(pg_url, readonly=True):
            pass
    assert str(e.value) == f"{pg_url}: no silkterm memory in this database (import into it first)"


def test_errors_name_the_server_never_the_password(pg_server):
    url = f"postgresql://someone:s3cret@127.0.0.1:{pg_server.port}/nosuchdb"
    with pytest.raises(TMStoreError) as e:
        with open_memory(url):
            pass
    message = str(e.value)
    assert "s3cret" not in message and "\n" not in message
    assert message.startswith(f"postgresql://someone@127.0.0.1:{pg_server.port}/nosuchdb: cannot "
                              f"connect to the PostgreSQL server at 127.0.0.1:{pg_server.port}: ")


def test_missing_driver_is_one_line(pg_url, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)  # what `import psycopg` finds: ImportError
    with pytest.raises(TMStoreError) as e:
        with open_memory(pg_url):
            pass
    assert str(e.value) == "PostgreSQL memory needs psycopg: pip install 'silkterm[postgres]'"


def test_the_sample_is_kept_by_every_import(pg_url):
    with open_memory(pg_url) as m:
        m.add([unit("a", "Khorgos"), unit("b", "Khorgas")])
        assert m.trigram_counts().counts is None  # read from the stored sample
        assert m.trigram_counts().lookup(["kho", "gos", "zzz"]) == {"kho": 2, "gos": 1}
        with m.transaction():
            m.add([unit("c", "Khorgos port")])
        assert m.trigram_counts().lookup(["kho", "por"]) == {"kho": 3, "por": 1}


def test_postgres_scheme_and_environment(pg_url, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    alias = pg_url.replace("postgresql://", "postgres://", 1)
    with open_memory(alias) as m:
        m.add([unit("a", "A")])
    monkeypatch.setenv("SILKTERM_TM", pg_url)
    with open_memory(readonly=True) as m:
        assert str(m.path) == pg_url and [u.id for u in m.units()] == ["a"]
    assert list(Path(tmp_path).iterdir()) == []

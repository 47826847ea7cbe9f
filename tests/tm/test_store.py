"""The SQLite memory: schema, merging, transactions, concurrent readers, the default memory."""

from __future__ import annotations

import os
import sqlite3

import pytest
from silkterm.tm.errors import TMFormatError, TMStoreError
from silkterm.tm.model import Segment, Unit, make_id
from silkterm.tm.search import _all_trigrams
from silkterm.tm.store import (
    ImportStats,
    Memory,
    _umask,
    default_path,
    merge_units,
    new_memory,
    open_memory,
    seed_path,
)


def unit(tuid: str, en: str, zh: str | None = None, **kw) -> Unit:
    segs = [Segment("en", en)] + ([Segment("zh-Hans", zh)] if zh else [])
    return Unit(tuid, tuple(segs), **kw)


@pytest.fixture
def memory(tmp_path):
    with Memory(tmp_path / "m.sqlite") as m:
        yield m


def test_schema_and_wal(memory):
    con = memory.connection
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    assert {"meta", "units", "segments", "segments_lang_text", "segments_fts"} <= names
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    meta = dict(con.execute("SELECT key, value FROM meta"))
    assert meta["schema_version"] == "2" and meta["tool"].startswith("silkterm ")


def test_add_stores_units_with_lower_case_lang_and_plain_text(memory):
    u = Unit("a", (Segment("en", 'at <ph x="1"/>Khorgos &amp; co'), Segment("zh-Hans", "霍尔果斯")),
             props=(("t", "1"),), notes=("n",), created="20240101T000000Z", attrs=(("x", "y"),))
    assert memory.add([u]) == ImportStats(1, 1, 0, 0)
    rows = memory.connection.execute("SELECT lang, text FROM segments ORDER BY seq").fetchall()
    assert rows == [("en", "at Khorgos & co"), ("zh-hans", "霍尔果斯")]
    assert memory["a"] == u
    assert list(memory) == [u] and len(memory) == 1 and "a" in memory and "b" not in memory
    with pytest.raises(KeyError):
        memory["b"]


def test_fts_index_follows_the_segments(memory):
    memory.add([unit("a", "Trains exit China at Khorgos", "列车从霍尔果斯出境")])
    assert fts_count(memory, "khorgos") == 1 and fts_count(memory, "霍尔果") == 1
    memory.add([unit("a", "Trains exit China at Horgos", "列车从霍尔果斯出境")])
    assert fts_count(memory, "khorgos") == 0 and fts_count(memory, "horgos") == 1


def test_merge_by_tuid(memory):
    memory.add([unit("a", "A", "甲", props=(("p", "1"),), notes=("n1",),
                     created="20200101T000000Z", changed="20200101T000000Z",
                     attrs=(("usagecount", "1"),))])
    stats = memory.add([Unit("a", (Segment("en", "A2"), Segment("kk", "А")),
                             props=(("p", "2"), ("p", "1")), notes=("n2",),
                             created="20190101T000000Z", changed="20210101T000000Z",
                             attrs=(("changeid", "bob"), ("usagecount", "2")))])
    assert stats == ImportStats(1, 0, 1, 0)
    m = memory["a"]
    assert [(s.lang, s.content) for s in m.segments] == [("en", "A2"), ("zh-Hans", "甲"), ("kk", "А")]
    assert m.props == (("p", "1"), ("p", "2"))
    assert m.notes == ("n1", "n2")
    assert (m.created, m.changed) == ("20190101T000000Z", "20210101T000000Z")
    assert m.attrs == (("changeid", "bob"), ("usagecount", "2"))
    assert memory.add([unit("a", "A2")]) == ImportStats(1, 0, 0, 1)


def test_duplicates_inside_one_import_and_across_batches(memory):
    units = [unit(f"u{i % 7}", f"s{i % 7}") for i in range(20)]
    assert memory.add(units, batch_size=3) == ImportStats(20, 7, 0, 13)
    assert len(memory) == 7
    assert memory.add([unit("u1", "s1", notes=("x",)), unit("u1", "s1", notes=("y",))],
                      batch_size=1) == ImportStats(2, 0, 2, 0)
    assert memory["u1"].notes == ("x", "y")


def test_unit_without_tuid_merges_into_the_unit_with_its_pairs(memory):
    memory.add([Unit("khorgos", (Segment("en", "Khorgos"), Segment("zh-Hans", "霍尔果斯"),
                                 Segment("kk", "Қорғас")))])
    anonymous = unit(make_id("Khorgos", "霍尔果斯"), "Khorgos", "霍尔果斯", notes=("from a CAT tool",))
    assert memory.add([anonymous]) == ImportStats(1, 0, 1, 0)
    assert len(memory) == 1 and memory["khorgos"].notes == ("from a CAT tool",)
    other = unit(make_id("Khorgos", "霍果斯"), "Khorgos", "霍果斯")
    assert memory.add([other]) == ImportStats(1, 1, 0, 0)


def test_origin_recorded_and_first_kept(memory):
    memory.add([unit("a", "A")], origin="one.tmx")
    memory.add([unit("a", "A", notes=("n",))], origin="two.tmx")
    assert memory["a"].origin == "one.tmx"
    memory.add([unit("b", "B", origin="own.tmx")], origin="three.tmx")
    assert memory["b"].origin == "own.tmx"
    # duplicates inside one import: the first unit's origin (its own, else the import's)
    memory.add([unit("c", "C"), unit("c", "C", notes=("n",), origin="own.tmx"),
                unit("d", "D", origin="own.tmx"), unit("d", "D", notes=("n",))], origin="four.tmx")
    assert (memory["c"].origin, memory["d"].origin) == ("four.tmx", "own.tmx")
    memory.add([unit("e", "E")])
    assert memory["e"].origin is None


def test_failed_import_leaves_memory_unchanged(memory):
    memory.add([unit("a", "A")])

    def units():
        for i in range(12):
            yield unit(f"n{i}", f"new {i}")
        yield unit("a", "changed")
        raise TMFormatError("bad unit", path="x.tmx", line=9)

    with pytest.raises(TMFormatError, match="x.tmx:9: bad unit"):
        memory.add(units(), batch_size=5)
    assert list(memory) == [unit("a", "A")]
    assert memory.connection.execute("SELECT count(*) FROM segments").fetchone()[0] == 1
    assert not memory.connection.in_transaction


def test_transaction_groups_several_adds(memory):
    with memory.transaction():
        memory.add([unit("a", "A")])
        memory.add([unit("b", "B")])
    assert len(memory) == 2
    with pytest.raises(TMFormatError):
        with memory.transaction():
            memory.add([unit("c", "C")])
            memory.add(iter([unit("d", "D"), (_ for _ in ()).throw(TMFormatError("bad"))]))
    assert [u.id for u in memory] == ["a", "b"]


def test_units_filtered_by_language(memory):
    memory.add([Unit("a", (Segment("en", "A"), Segment("zh-Hans", "甲"), Segment("kk", "А"))),
                unit("b", "B"), Unit("c", (Segment("en", "C"), Segment("zh-CN", "丙")))])
    got = list(memory.units(langs=("en", "zh-Hans")))
    assert [(u.id, u.langs) for u in got] == [("a", ("en", "zh-Hans")), ("c", ("en", "zh-CN"))]
    assert [u.id for u in memory.units(langs=("kk",))] == ["a"]
    assert memory.langs() == ["en", "kk", "zh-CN", "zh-Hans"]


def test_iteration_pages_through_large_memories(memory):
    memory.add(unit(f"u{i}", f"s{i}") for i in range(2500))
    assert [u.id for u in memory] == [f"u{i}" for i in range(2500)]


def test_reader_sees_old_state_while_import_is_open(tmp_path):
    path = tmp_path / "m.sqlite"
    with Memory(path) as writer:
        writer.add([unit("old", "Old")])
        seen = {}

        def units():
            for i in range(50):
                yield unit(f"n{i}", f"new {i}")
            # the first batches are written inside the open transaction: a reader now
            with Memory(path, readonly=True) as reader:
                seen["during"] = [u.id for u in reader]
                seen["count"] = reader.connection.execute("SELECT count(*) FROM segments").fetchone()[0]
            yield unit("last", "Last")

        assert writer.connection.execute("SELECT count(*) FROM units").fetchone()[0] == 1
        writer.add(units(), batch_size=10)
    assert seen == {"during": ["old"], "count": 1}
    with Memory(path, readonly=True) as reader:
        assert len(reader) == 52


def test_second_writer_waits_then_fails_cleanly(tmp_path):
    path = tmp_path / "m.sqlite"
    with Memory(path) as a, Memory(path) as b:
        b.connection.execute("PRAGMA busy_timeout=50")
        with a.transaction():
            a.add([unit("a", "A")])
            with pytest.raises(TMStoreError, match="cannot write: database is locked"):
                b.add([unit("b", "B")])
        assert [u.id for u in b] == ["a"]


def test_readonly_memory(tmp_path):
    with pytest.raises(TMStoreError, match="no such memory"):
        Memory(tmp_path / "none.sqlite", readonly=True)
    Memory(tmp_path / "m.sqlite").close()
    with Memory(tmp_path / "m.sqlite", readonly=True) as m:
        with pytest.raises(TMStoreError, match="read-only"):
            m.add([unit("a", "A")])


def test_not_a_memory(tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(TMStoreError) as info:
        Memory(junk)
    assert str(info.value) == f"{junk}: not a silkterm memory (file is not a database)"
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t(x)")
    con.close()
    with pytest.raises(TMStoreError, match="not a silkterm memory"):
        Memory(other)


def test_default_path(monkeypatch, tmp_path):
    monkeypatch.setenv("SILKTERM_TM", str(tmp_path / "x.sqlite"))
    assert default_path() == tmp_path / "x.sqlite"
    monkeypatch.delenv("SILKTERM_TM")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_path() == tmp_path / "data" / "silkterm" / "memory.sqlite"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_path() == tmp_path / "home" / ".local" / "share" / "silkterm" / "memory.sqlite"


def test_open_memory_seeds_only_the_user_memory(tmp_path, monkeypatch):
    from silkterm.tm.tmx import read_tmx

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("SILKTERM_TM", raising=False)
    seed = list(read_tmx(seed_path()))
    with open_memory() as m:
        assert len(m) == len(seed) > 100
        assert m.path == tmp_path / "data" / "silkterm" / "memory.sqlite"
        first = m[seed[0].id]
        assert first.origin == "seed.tmx" and first.segments == seed[0].segments
    assert sorted(p.name for p in m.path.parent.iterdir()) == ["memory.sqlite"]
    with open_memory(readonly=True) as m:  # opened as it is: not seeded twice
        assert len(m) == len(seed)
    # a memory named explicitly, by argument or by $SILKTERM_TM, starts empty
    with open_memory(tmp_path / "named.sqlite") as m:
        assert len(m) == 0 and m.path == tmp_path / "named.sqlite"
    monkeypatch.setenv("SILKTERM_TM", str(tmp_path / "env.sqlite"))
    with open_memory() as m:
        assert len(m) == 0 and m.path == tmp_path / "env.sqlite"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "env.sqlite", "named.sqlite"]
    # reading a named memory that does not exist creates nothing
    with pytest.raises(TMStoreError) as info, open_memory(tmp_path / "none.sqlite", readonly=True):
        pass
    assert str(info.value) == f"{tmp_path / 'none.sqlite'}: no such memory"
    assert not (tmp_path / "none.sqlite").exists()


@pytest.mark.parametrize("error", [ValueError, KeyboardInterrupt])
def test_a_new_memory_appears_only_if_the_command_succeeds(tmp_path, monkeypatch, error):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("SILKTERM_TM", raising=False)
    for path in (tmp_path / "named.sqlite", None):  # (None: the user's memory, seeded)
        with pytest.raises(error), open_memory(path) as m:
            m.add([unit("a", "A")])
            raise error
    assert list(tmp_path.iterdir()) == []  # no memory, no -wal/-shm, not even the folder
    with open_memory(tmp_path / "named.sqlite") as m:
        m.add([unit("a", "A")])
    assert [p.name for p in tmp_path.iterdir()] == ["named.sqlite"]
    with Memory(tmp_path / "named.sqlite") as m:
        assert list(m) == [unit("a", "A")]
    assert oct((tmp_path / "named.sqlite").stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def test_a_memory_created_meanwhile_is_kept(tmp_path):
    target = tmp_path / "m.sqlite"
    with pytest.raises(TMStoreError) as info, new_memory(target) as m:
        m.add([unit("a", "A")])
        with Memory(target) as other:  # another command made it first
            other.add([unit("b", "B")])
    assert str(info.value) == (f"{target}: the memory was created by another command meanwhile; "
                               "nothing was stored: run the command again")
    with Memory(target) as m:
        assert [u.id for u in m] == ["b"]
    assert [p.name for p in tmp_path.iterdir()] == ["m.sqlite"]


def test_reading_leaves_no_wal_or_shm_file(tmp_path):
    path = tmp_path / "m.sqlite"
    with Memory(path) as m:
        m.add([unit("a", "A")])
    assert [p.name for p in tmp_path.iterdir()] == ["m.sqlite"]
    with Memory(path, readonly=True) as m:
        assert len(m) == 1
        with pytest.raises(TMStoreError, match="read-only"):
            m.add([unit("b", "B")])
    assert [p.name for p in tmp_path.iterdir()] == ["m.sqlite"]


def test_unwritable_memories_are_read_without_writing_beside_them(tmp_path, monkeypatch):
    """(Permissions as a user other than root sees them: see tests/cli/test_tm_cmd.py for the
    real thing.)"""
    path = tmp_path / "m.sqlite"
    with Memory(path) as m:
        m.add([unit("a", "A")])
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode & os.W_OK
                        else real_access(p, mode, **kw))
    with Memory(path, readonly=True) as m:  # immutable: no -shm needed
        assert [u.id for u in m] == ["a"]
    assert [p.name for p in tmp_path.iterdir()] == ["m.sqlite"]
    with pytest.raises(TMStoreError) as info:
        Memory(path)
    assert str(info.value) == f"{path}: memory is read-only (no permission to write the file)"
    with pytest.raises(TMStoreError) as info, new_memory(tmp_path / "new.sqlite"):
        pass
    assert str(info.value) == (f"{tmp_path / 'new.sqlite'}: cannot create the memory: its folder "
                               "is read-only")
    assert [p.name for p in tmp_path.iterdir()] == ["m.sqlite"]


def test_a_wal_with_changes_is_never_ignored(tmp_path, monkeypatch):
    """A memory that cannot be written, whose changes are still in its -wal file and which
    SQLite cannot read through it (no -shm): an error, not an older memory."""
    import shutil

    src, dst = tmp_path / "src", tmp_path / "dst"
    src.mkdir(), dst.mkdir()
    with Memory(src / "m.sqlite") as m:
        m.add([unit("a", "A")])
    writer = sqlite3.connect(src / "m.sqlite")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("INSERT INTO meta VALUES ('x', 'y')")
    writer.commit()
    shutil.copy(src / "m.sqlite", dst / "m.sqlite")
    shutil.copy(src / "m.sqlite-wal", dst / "m.sqlite-wal")  # (and no -shm)
    writer.close()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode & os.W_OK
                        else real_access(p, mode, **kw))
    real_connect = sqlite3.connect

    def connect(database, *args, **kw):  # mode=ro fails as it does in a read-only folder
        if "mode=ro" in str(database) and "immutable" not in str(database):
            raise sqlite3.OperationalError("unable to open database file")
        return real_connect(database, *args, **kw)

    monkeypatch.setattr(sqlite3, "connect", connect)
    with pytest.raises(TMStoreError) as info:
        Memory(dst / "m.sqlite", readonly=True)
    assert str(info.value) == (
        f"{dst / 'm.sqlite'}: read-only memory with changes still in m.sqlite-wal, which cannot "
        "be read without writing beside it: open it once with write access")


def test_origin_is_a_file_name(memory):
    memory.add([unit("a", "A"), unit("b", "B", origin="/home/ana/po/kk/git.po")],
               origin="/usr/share/locale/kk/LC_MESSAGES/git.mo")
    assert [u.origin for u in memory] == ["git.mo", "git.po"]


def test_merge_units_keeps_the_stored_id_and_order():
    a = Unit("a", (Segment("en", "A"), Segment("zh-Hans", "甲")), notes=("x",))
    b = Unit("sk-1", (Segment("zh-hans", "乙"), Segment("ru", "Б")), notes=("x", "y"))
    m = merge_units(a, b)
    assert m.id == "a" and [(s.lang, s.content) for s in m.segments] == [
        ("en", "A"), ("zh-hans", "乙"), ("ru", "Б")]
    assert m.notes == ("x", "y")
    assert merge_units(a, a) == a


def fts_count(memory: Memory, text: str) -> int:
    """Rows whose index entry holds every trigram of ``text`` (the index alone, no content)."""
    return memory.connection.execute(
        "SELECT count(*) FROM segments_fts WHERE segments_fts MATCH ?",
        (_all_trigrams(text),)).fetchone()[0]


def fts_ok(memory: Memory) -> bool:
    con = memory.connection
    con.execute("INSERT INTO segments_fts(segments_fts, rank) VALUES ('integrity-check', 1)")
    triggers = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    return triggers == {"segments_ai", "segments_ad", "segments_au"}


def test_fts_index_stays_exact_through_merges_in_one_import(memory):
    memory.add([unit("a", "alpha khorgos", "甲")])
    units = ([unit(f"u{i}", f"first {i}") for i in range(7)]
             + [unit("u2", "second two"), unit("a", "alpha astana", "甲"), unit("u2", "third two")])
    assert memory.add(units, batch_size=3) == ImportStats(10, 7, 3, 0)
    assert fts_ok(memory)
    assert [fts_count(memory, q) for q in
            ("first", "second", "third", "khorgos", "astana")] == [6, 0, 1, 0, 1]
    def failing():
        yield unit("z", "zzz zulu")
        yield unit("a", "alpha zulu")
        raise TMFormatError("bad")

    with pytest.raises(TMFormatError):
        memory.add(failing(), batch_size=1)
    assert fts_ok(memory)
    assert fts_count(memory, "zulu") == 0


def test_text_index_is_built_after_a_load_into_an_empty_memory(memory):
    """The (lang, text) index is dropped for a bulk load into an empty memory and built at the
    end, or as soon as a unit without tuid needs it (merging inside the same import)."""
    def indexes():
        return {r[0] for r in memory.connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'segments_lang_text'")}

    khorgos = Unit("khorgos", (Segment("en", "Khorgos"), Segment("zh-Hans", "霍尔果斯")))
    anonymous = unit(make_id("Khorgos", "霍尔果斯"), "Khorgos", "霍尔果斯", notes=("later",))
    assert memory.add([khorgos, unit("u2", "s2"), anonymous, unit("u3", "s3")], batch_size=2) == \
        ImportStats(4, 3, 1, 0)
    assert indexes() == {"segments_lang_text"} and memory["khorgos"].notes == ("later",)


def test_a_failed_load_into_an_empty_memory_keeps_the_text_index(tmp_path):
    with Memory(tmp_path / "m.sqlite") as memory:
        with pytest.raises(TMFormatError):
            memory.add(_failing([unit(f"u{i}", f"s{i}") for i in range(5)]), batch_size=2)
        names = {r[0] for r in memory.connection.execute("SELECT name FROM sqlite_master")}
        assert "segments_lang_text" in names and len(memory) == 0


def _failing(units):
    yield from units
    raise TMFormatError("broken", path="x.tmx", line=9)


def test_an_error_while_indexing_rolls_the_import_back(memory, monkeypatch):
    """Batches are indexed on a helper thread; its failure is raised in the caller's thread
    and the whole import is rolled back."""
    from silkterm.tm import store

    memory.add([unit("a", "A")])
    monkeypatch.setattr(store, "INDEX_RANGE", "INSERT INTO no_such_table VALUES (?, ?)")
    with pytest.raises(TMStoreError, match="import failed: no such table: no_such_table"):
        memory.add([unit(f"u{i}", f"s{i}") for i in range(7)], batch_size=2)
    monkeypatch.undo()
    assert list(memory) == [unit("a", "A")] and fts_ok(memory)
    assert memory.add([unit("b", "bravo")]) == ImportStats(1, 1, 0, 0)
    assert fts_count(memory, "bravo") == 1 and fts_ok(memory)


def test_units_are_read_on_the_callers_thread(memory):
    import threading

    seen = set()

    def units():
        for i in range(9):
            seen.add(threading.current_thread())
            yield unit(f"u{i}", f"sentence {i}")

    assert memory.add(units(), batch_size=2) == ImportStats(9, 9, 0, 0)
    assert seen == {threading.current_thread()}
    assert fts_count(memory, "sentence") == 9 and fts_ok(memory)


def test_schema_version_1_memories_still_work(tmp_path):
    """Version 1 kept token positions in the FTS index (detail=full); every query works on it."""
    from silkterm.tm.search import concordance, search

    path = tmp_path / "v1.sqlite"
    with Memory(path) as m:
        m.add([unit("a", "Trains exit China at Khorgos.", "列车从霍尔果斯出境。")])
        con = m.connection
        sql = con.execute("SELECT sql FROM sqlite_master WHERE name = 'segments_fts'").fetchone()[0]
        assert "detail=none" in sql
        con.executescript(
            "BEGIN; DROP TABLE segments_fts;" + sql.replace(", detail=none", "") + ";"
            "INSERT INTO segments_fts(segments_fts) VALUES ('rebuild');"
            "UPDATE meta SET value = '1' WHERE key = 'schema_version'; COMMIT;")
    with Memory(path) as m:
        m.add([unit("b", "Trucks enter Kazakhstan at Khorgos.", "卡车从霍尔果斯进入哈萨克斯坦。")])
        assert fts_ok(m) and fts_count(m, "Khorgos") == 2
        assert [h.tuid for h in concordance(m, "at Khorgos")] == ["a", "b"]
        assert search(m, "Trains exit China at Khorgos").hits[0].tuid == "a"
    with Memory(path, readonly=True) as m:
        assert [h.tuid for h in concordance(m, "霍尔果斯")] == ["a", "b"]
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with pytest.raises(TMStoreError, match="unsupported memory schema version 3 .expected 2."):
        Memory(path)


def test_every_import_stores_the_trigram_sample(memory, monkeypatch):
    from silkterm.tm import store
    from silkterm.tm.store import sample_trigrams, stored_sample

    calls = []
    monkeypatch.setattr(store, "sample_trigrams", lambda con: calls.append(1) or sample_trigrams(con))

    con = memory.connection
    assert not stored_sample(con)  # an empty memory: nothing imported yet
    memory.add([unit("a", "Khorgos gate", "霍尔果斯"), unit("b", "Khorgos")])
    assert stored_sample(con)
    table = dict(con.execute("SELECT gram, n FROM trigram_sample"))
    assert table == sample_trigrams(con)
    assert table["kho"] == 2 and table["霍尔果"] == 1 and "gat" in table
    generation = dict(con.execute("SELECT key, value FROM meta"))["generation"]
    with memory.transaction():
        memory.add([unit("c", "Astana")])
        memory.add([unit("d", "Almaty")])
    meta = dict(con.execute("SELECT key, value FROM meta"))
    assert int(meta["generation"]) == int(generation) + 2 == int(meta["sample_generation"])
    assert len(calls) == 2  # one for the first add, one for the whole transaction
    assert dict(con.execute("SELECT gram, n FROM trigram_sample"))["ast"] == 1
    memory.add([unit("c", "Astana")])  # nothing changes: neither does the sample
    assert dict(con.execute("SELECT key, value FROM meta"))["generation"] == meta["generation"]


def test_sample_of_a_large_memory_reads_evenly_spaced_blocks(memory, monkeypatch):
    from silkterm.tm import store

    monkeypatch.setattr(store, "SAMPLE", 40)
    monkeypatch.setattr(store, "SAMPLE_BLOCKS", 4)
    memory.add([unit(f"u{i:03d}", f"w{i:03d}") for i in range(200)])
    counts = store.sample_trigrams(memory.connection)
    # 4 runs of 10 consecutive segments, the first at the start and the last at the end
    assert sum(n for g, n in counts.items() if g.startswith("w")) == 40
    assert {"w00", "w19"} <= set(counts) and counts["w00"] == 10


def test_an_import_in_a_transaction_of_ones_own_leaves_the_sample_to_the_reader(memory):
    from silkterm.tm.search import search
    from silkterm.tm.store import stored_sample

    memory.add([unit("a", "Trains exit China at Khorgos")])
    con = memory.connection
    con.execute("BEGIN")
    memory.add([unit("b", "Trucks enter Kazakhstan at Khorgos")])
    con.execute("COMMIT")
    assert not stored_sample(con)  # the stored one is of the previous generation: not used
    assert [h.tuid for h in search(memory, "Trucks enter Kazakhstan at Khorgos").hits] == ["b"]

"""The memory: translation units in one SQLite file.

The file is in WAL mode, so readers see a consistent snapshot while an import runs; every
:meth:`Memory.add` is one transaction, so a failed import leaves the memory as it was. Segments
are indexed by ``(lang, text)`` and by an FTS5 trigram index (``segments_fts``) for fuzzy lookup.

Commands open the memory with :func:`open_memory`: a memory that does not exist yet is built in a
temporary file and appears only if the command succeeds (:func:`new_memory`), only the user's
memory starts with the packaged seed memory, and a memory opened read-only is read without
writing anything beside it (so read-only files and folders can be read, and no ``-wal``/``-shm``
file is left behind).

>>> import tempfile, pathlib
>>> from silkterm.tm.model import Segment, Unit
>>> m = Memory(pathlib.Path(tempfile.mkdtemp()) / "m.sqlite")
>>> m.add([Unit("khorgos", (Segment("en", "Khorgos"), Segment("zh-Hans", "霍尔果斯")))])
ImportStats(read=1, added=1, merged=0, skipped=0)
>>> m.add([Unit("khorgos", (Segment("en", "Khorgos"), Segment("kk", "Қорғас")), notes=("border",))])
ImportStats(read=1, added=0, merged=1, skipped=0)
>>> u = m["khorgos"]
>>> [s.lang for s in u.segments], u.notes, len(m), "astana" in m
(['en', 'zh-Hans', 'kk'], ('border',), 1, False)
>>> m.close()
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Self, TypeVar

from silkterm.glossary.version import __version__

from .backend import StoredSegment, UnitInfo
from .errors import TMError, TMStoreError
from .model import Segment, Unit, lang_matches, normalize_lang
from .tmx import read_tmx

SCHEMA_VERSION = "2"
# Version 1 differs only in its FTS index, which keeps token positions (detail=full); every
# query silkterm makes works on both, so version 1 memories are read and written as they are.
READABLE_VERSIONS = ("1", "2")
CACHE_KB = 65536  # page cache of a writing connection
SAMPLE = 10000  # segments sampled to estimate trigram document frequencies (see sample_trigrams)
SAMPLE_BLOCKS = 40  # ... in this many runs of consecutive rows
BATCH_SIZE = 5000
_CHUNK = 900  # host parameters per IN (...) query

TEXT_INDEX = "CREATE INDEX segments_lang_text ON segments(lang, text)"
INSERT_TRIGGER = """CREATE TRIGGER segments_ai AFTER INSERT ON segments BEGIN
  INSERT INTO segments_fts(rowid, text) VALUES (new.id, new.text);
END"""

# Trigram counts over a sample of the segments (sample_trigrams), kept by every import so that a
# lookup in a new process need not sample again: valid while meta 'sample_generation' equals
# 'generation' (which every import increments).
SAMPLE_TABLE = ("CREATE TABLE IF NOT EXISTS trigram_sample(gram TEXT PRIMARY KEY, "
                "n INTEGER NOT NULL) WITHOUT ROWID")

INSERT_UNIT = ("INSERT INTO units (id, tuid, created, changed, origin, attrs, props, notes) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
INSERT_SEGMENT = ("INSERT INTO segments (id, unit, seq, lang, content, text, attrs, props, "
                  "notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
INDEX_RANGE = ("INSERT INTO segments_fts(rowid, text) SELECT id, text FROM segments "
               "WHERE id > ? AND id <= ?")

DELETE_TRIGGER = """CREATE TRIGGER segments_ad AFTER DELETE ON segments BEGIN
  INSERT INTO segments_fts(segments_fts, rowid, text) VALUES ('delete', old.id, old.text);
END"""

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE units(
  id INTEGER PRIMARY KEY, tuid TEXT NOT NULL UNIQUE, created TEXT, changed TEXT, origin TEXT,
  attrs TEXT NOT NULL DEFAULT '[]', props TEXT NOT NULL DEFAULT '[]',
  notes TEXT NOT NULL DEFAULT '[]');
CREATE TABLE segments(
  id INTEGER PRIMARY KEY, unit INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, lang TEXT NOT NULL, content TEXT NOT NULL, text TEXT NOT NULL,
  attrs TEXT NOT NULL DEFAULT '[]', props TEXT NOT NULL DEFAULT '[]',
  notes TEXT NOT NULL DEFAULT '[]',
  UNIQUE(unit, seq));
""" + TEXT_INDEX + """;
-- detail=none: no token positions (queries AND single trigrams), a third smaller and faster
-- to build than detail=full
CREATE VIRTUAL TABLE segments_fts USING fts5(text, content='segments', content_rowid='id',
  tokenize='trigram case_sensitive 0', columnsize=0, detail=none);
INSERT INTO segments_fts(segments_fts, rank) VALUES ('automerge', 8);
""" + SAMPLE_TABLE + """;
""" + INSERT_TRIGGER + """;
""" + DELETE_TRIGGER + """;
CREATE TRIGGER segments_au AFTER UPDATE ON segments BEGIN
  INSERT INTO segments_fts(segments_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO segments_fts(rowid, text) VALUES (new.id, new.text);
END;
"""


def user_path() -> Path:
    """The user's memory: ``$XDG_DATA_HOME/silkterm/memory.sqlite``
    (``~/.local/share/silkterm/memory.sqlite``), the only memory created holding the seed
    memory (see :func:`open_memory`)."""
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "silkterm" / "memory.sqlite"


def default_path() -> Path:
    """Where the memory lives unless ``--tm`` says otherwise: ``$SILKTERM_TM`` if set, else
    :func:`user_path`.

    >>> import os
    >>> os.environ["SILKTERM_TM"] = "/tmp/x.sqlite"; str(default_path())
    '/tmp/x.sqlite'
    >>> del os.environ["SILKTERM_TM"]
    """
    env = os.environ.get("SILKTERM_TM")
    if env:
        return Path(env).expanduser()
    return user_path()


def seed_path() -> Path:
    """The packaged seed memory (TMX) built from the built-in glossary by ``silkterm tm build``."""
    from importlib.resources import files

    return Path(str(files("silkterm.tm.data") / "seed.tmx"))


# --- opening: read-only memories and folders ------------------------------------------------------

_SQLITE_READONLY = 8  # SQLITE_READONLY and its extended codes (READONLY_DIRECTORY, ...)


def _uri(path: Path, query: str) -> str:
    """The ``file:`` URI of ``path`` (percent-encoded: a ``?`` or ``#`` in a name is no query)."""
    from urllib.parse import quote

    return f"file:{quote(path.resolve().as_posix())}?{query}"


def _is_readonly_error(error: sqlite3.Error) -> bool:
    return (getattr(error, "sqlite_errorcode", 0) & 0xFF) == _SQLITE_READONLY


def _folder(path: Path) -> Path:
    return path.resolve().parent


def _readonly_message(path: Path) -> str:
    """Why the memory ``path`` cannot be written, in words: its file or its folder is read-only
    (in WAL mode SQLite writes ``NAME-wal`` and ``NAME-shm`` beside the memory)."""
    if path.exists() and not os.access(path, os.W_OK):
        return "memory is read-only (no permission to write the file)"
    if not os.access(_folder(path), os.W_OK):
        return (f"memory is in a read-only folder (writing it needs {path.name}-wal and "
                f"{path.name}-shm beside it)")
    return "memory is read-only"


def _check_writable(path: Path) -> None:
    """Raise :class:`TMStoreError` if the memory ``path`` (or the new memory there) cannot be
    written, before SQLite tries and reports something vaguer."""
    name = str(path)
    if not path.exists():
        folder = _folder(path)
        if not folder.is_dir():
            raise TMStoreError("cannot create the memory: no such folder", path=name)
        if not os.access(folder, os.W_OK | os.X_OK):
            raise TMStoreError("cannot create the memory: its folder is read-only", path=name)
        return
    if not os.access(path, os.R_OK):
        raise TMStoreError("cannot read the memory: permission denied", path=name)
    wal = Path(f"{path}-wal")
    if not os.access(path, os.W_OK) or (not wal.exists() and
                                        not os.access(_folder(path), os.W_OK | os.X_OK)):
        raise TMStoreError(_readonly_message(path), path=name)


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """A connection that reads the memory ``path`` and leaves no file behind.

    - File and folder writable: an ordinary connection with ``PRAGMA query_only``; closing it,
      SQLite removes the ``-wal`` and ``-shm`` files as usual (a ``mode=ro`` connection would
      create them and leave them there).
    - Otherwise, if a ``-wal`` file exists (another process has the memory open, or left changes
      in it): ``mode=ro``, which reads through it; where that cannot work (no ``-shm`` and a
      read-only folder) an empty ``-wal`` is ignored, but one holding changes is an error
      rather than a silently older memory.
    - Otherwise: ``immutable=1``, which needs no ``-shm`` and locks nothing (so a memory in a
      read-only folder can be read); the memory must not change while it is read.
    """
    name = str(path)
    if not path.exists():
        raise TMStoreError("no such memory", path=name)
    if path.is_dir():
        raise TMStoreError("is a directory", path=name)
    if not os.access(path, os.R_OK):
        raise TMStoreError("cannot read the memory: permission denied", path=name)
    try:
        if os.access(path, os.W_OK) and os.access(_folder(path), os.W_OK | os.X_OK):
            con = sqlite3.connect(_uri(path, "mode=rw"), uri=True, isolation_level=None)
            con.execute("PRAGMA query_only=ON")
            return con
        wal = Path(f"{path}-wal")
        if wal.exists():
            reader: sqlite3.Connection | None = None
            try:
                reader = sqlite3.connect(_uri(path, "mode=ro"), uri=True, isolation_level=None)
                reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
                return reader
            except sqlite3.Error:
                if reader is not None:
                    reader.close()
                if wal.stat().st_size > 0:
                    raise TMStoreError(
                        f"read-only memory with changes still in {wal.name}, which cannot be "
                        "read without writing beside it: open it once with write access",
                        path=name) from None
        return sqlite3.connect(_uri(path, "mode=ro&immutable=1"), uri=True, isolation_level=None)
    except sqlite3.Error as e:
        raise TMStoreError(f"cannot open memory: {e}", path=name) from None


def _write_error(error: sqlite3.Error, path: Path, what: str) -> TMStoreError:
    """The :class:`TMStoreError` for a failed write: a read-only file or folder says so."""
    if _is_readonly_error(error):
        return TMStoreError(_readonly_message(path), path=str(path))
    return TMStoreError(f"{what}: {error}", path=str(path))


@dataclass(frozen=True, slots=True)
class ImportStats:
    """What an import did: units read, added as new, merged into stored ones (changing them),
    and skipped (already stored exactly so)."""

    read: int
    added: int
    merged: int
    skipped: int


def origin_name(origin: str | None) -> str | None:
    """What the memory records as where a unit came from: a file's name without its folder (an
    exported memory names no local path), or a label such as ``glossary``.

    >>> origin_name("/usr/share/locale/kk/LC_MESSAGES/git.mo"), origin_name(r"C:\\po\\x.po")
    ('git.mo', 'x.po')
    >>> origin_name("glossary"), origin_name(None)
    ('glossary', None)
    """
    if origin is None:
        return None
    return re.split(r"[/\\]", origin.rstrip("/\\"))[-1] or origin


def dump_items(items: Sequence[Any]) -> str:
    """A unit's or segment's properties, notes or attributes as stored (a JSON array; ``[]``
    when empty).

    >>> dump_items((("type", "place"),)), dump_items(())
    ('[["type","place"]]', '[]')
    """
    if not items:
        return "[]"
    return json.dumps([list(i) if isinstance(i, tuple) else i for i in items],
                      ensure_ascii=False, separators=(",", ":"))


def load_pairs(raw: str) -> tuple[tuple[str, str], ...]:
    """Stored properties or attributes (:func:`dump_items`) back as ``(type, value)`` pairs."""
    return () if raw == "[]" else tuple((a, b) for a, b in json.loads(raw))


def load_strings(raw: str) -> tuple[str, ...]:
    """Stored notes (:func:`dump_items`) back as strings."""
    return () if raw == "[]" else tuple(json.loads(raw))


def _union(old: tuple[Any, ...], new: tuple[Any, ...]) -> tuple[Any, ...]:
    extra = tuple(x for x in new if x not in old)
    return old + extra if extra else old


def merge_units(old: Unit, new: Unit) -> Unit:
    """``new`` merged into the stored ``old``: segments of the same language replaced (others
    kept, new languages appended), properties and notes united in order, earliest creation and
    latest change date, attributes updated, the first origin kept.

    >>> a = Unit("x", (Segment("en", "A"), Segment("kk", "K")), props=(("t", "1"),),
    ...          created="20200101T000000Z", changed="20200101T000000Z")
    >>> b = Unit("y", (Segment("EN", "B"),), props=(("t", "1"), ("t", "2")),
    ...          created="20240101T000000Z", changed="20240101T000000Z")
    >>> m = merge_units(a, b)
    >>> m.id, [s.content for s in m.segments], m.props, m.created, m.changed
    ('x', ['B', 'K'], (('t', '1'), ('t', '2')), '20200101T000000Z', '20240101T000000Z')
    """
    by_lang = {s.lang.lower(): s for s in reversed(new.segments)}
    segments = []
    for s in old.segments:
        segments.append(by_lang.pop(s.lang.lower(), s))
    segments.extend(s for s in new.segments if by_lang.pop(s.lang.lower(), None) is not None)
    created = min((d for d in (old.created, new.created) if d), default=None)
    changed = max((d for d in (old.changed, new.changed) if d), default=None)
    attrs = tuple(sorted({**dict(old.attrs), **dict(new.attrs)}.items()))
    return Unit(old.id, tuple(segments), _union(old.props, new.props),
                _union(old.notes, new.notes), created, changed, attrs, old.origin or new.origin)


T = TypeVar("T")


def _fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def all_trigrams(text: str) -> str:
    """An FTS5 query for the rows holding every trigram of ``text`` (a superset of the rows
    holding ``text``; phrase queries need positions, which the index does not keep).

    The index folds case itself; the trigrams are not lower-cased here, since that can
    lengthen them (``İ``) into two tokens, which a query without positions cannot hold.

    >>> all_trigrams('Khorgos')
    '"Kho" AND "hor" AND "org" AND "rgo" AND "gos"'
    """
    grams = dict.fromkeys(text[i:i + 3] for i in range(len(text) - 2))
    return " AND ".join(_fts_phrase(g) for g in grams)


class TrigramSample:
    """Estimated document frequencies of trigrams (:func:`sample_trigrams`): read from the
    memory's ``trigram_sample`` table when every import has kept it up to date (``counts`` is
    None), else sampled once (``counts``) and kept by the memory until the database changes."""

    __slots__ = ("con", "counts")

    def __init__(self, con: sqlite3.Connection, counts: dict[str, int] | None) -> None:
        self.con = con
        self.counts = counts  # None: look them up in trigram_sample

    def lookup(self, grams: Sequence[str]) -> dict[str, int]:
        """The estimated frequency of each of ``grams`` (absent: not in the sample)."""
        if self.counts is not None:
            return {g: self.counts[g] for g in grams if g in self.counts}
        found: dict[str, int] = {}
        for i in range(0, len(grams), 500):
            chunk = grams[i:i + 500]
            found.update(self.con.execute(
                f"SELECT gram, n FROM trigram_sample WHERE gram IN ({','.join('?' * len(chunk))})",
                chunk))
        return found


def _lookup_error(e: sqlite3.Error) -> TMStoreError:
    return TMStoreError(f"memory lookup failed: {e}")


_SEGMENT_COLS = "id, unit, lang, text"


class SQLiteBackend:
    """The search side of a SQLite memory (:class:`~silkterm.tm.backend.MemoryBackend`) over a
    connection: every statement search needs, on the ``segments`` table, its ``(lang, text)``
    index and its FTS5 trigram index. :class:`Memory` is one; a bare connection can be wrapped.
    """

    connection: sqlite3.Connection

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self._cache: dict[Hashable, Any] = {}
        self._cache_version: tuple[int, int] | None = None

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[StoredSegment]:
        try:
            return [StoredSegment(*r) for r in self.connection.execute(sql, params)]
        except sqlite3.Error as e:
            raise _lookup_error(e) from None

    def cached(self, key: Hashable, build: Callable[[], T]) -> T:
        """``build()``, kept for ``key`` until this or another connection writes."""
        try:
            version = (self.connection.execute("PRAGMA data_version").fetchone()[0],
                       self.connection.total_changes)
        except sqlite3.Error as e:
            raise _lookup_error(e) from None
        if version != self._cache_version:
            self._cache.clear()
            self._cache_version = version
        if key not in self._cache:
            self._cache[key] = build()
        value: T = self._cache[key]
        return value

    def stored_langs(self) -> list[str]:
        """The distinct (lower-case) languages of the stored segments."""
        try:
            return stored_langs(self.connection)
        except sqlite3.Error as e:
            raise _lookup_error(e) from None

    def trigram_counts(self) -> TrigramSample:
        """The trigram sample of the memory as it is now (see :class:`TrigramSample`)."""
        con = self.connection

        def build() -> TrigramSample:
            try:
                return TrigramSample(con, None if stored_sample(con) else sample_trigrams(con))
            except sqlite3.Error as e:
                raise _lookup_error(e) from None

        return self.cached("trigram_counts", build)

    def has_trigram(self, gram: str) -> bool:
        """Whether the FTS index holds ``gram``."""
        try:
            return self.connection.execute(
                "SELECT rowid FROM segments_fts WHERE segments_fts MATCH ? LIMIT 1",
                (_fts_phrase(gram),)).fetchone() is not None
        except sqlite3.Error as e:
            raise _lookup_error(e) from None

    def trigram_candidates(self, groups: Sequence[Sequence[str]], limit: int
                           ) -> list[StoredSegment]:
        """Segments matching most of the FTS5 queries ``groups`` (each AND-ed), at most
        ``limit``."""
        terms = [" AND ".join(_fts_phrase(g) for g in group) for group in groups]
        union = " UNION ALL ".join(["SELECT rowid FROM segments_fts WHERE segments_fts MATCH ?"]
                                   * len(terms))
        try:
            rowids = [r[0] for r in self.connection.execute(
                f"SELECT rowid FROM ({union}) GROUP BY rowid ORDER BY count(*) DESC, rowid "
                f"LIMIT ?", (*terms, limit))]
        except sqlite3.Error as e:
            raise _lookup_error(e) from None
        return self._rows(f"SELECT {_SEGMENT_COLS} FROM segments WHERE id IN "
                          f"({','.join('?' * len(rowids))})", rowids)

    def prefix_candidates(self, lang: str, prefix: str, limit: int) -> list[StoredSegment]:
        """One range of the ``(lang, text)`` index."""
        return self._rows(f"SELECT {_SEGMENT_COLS} FROM segments WHERE lang = ? AND text >= ? "
                          f"AND text < ? ORDER BY id LIMIT ?",
                          (lang, prefix, prefix + "\U0010ffff", limit))

    def segments_in(self, langs: Sequence[str]) -> list[StoredSegment]:
        """Every segment in ``langs``, in storage order."""
        return self._rows(f"SELECT {_SEGMENT_COLS} FROM segments WHERE lang IN "
                          f"({','.join('?' * len(langs))}) ORDER BY id", langs)

    def phrase_candidates(self, phrase: str) -> Iterator[StoredSegment]:
        """Phrases of three or more characters: every trigram of the phrase in the FTS5
        index (AND-ed: the index keeps no positions); shorter ones: ``LIKE``."""
        if len(phrase) >= 3:
            sql = ("SELECT s.id, s.unit, s.lang, s.text FROM segments_fts f JOIN segments s "
                   "ON s.id = f.rowid WHERE segments_fts MATCH ? ORDER BY f.rowid")
            param = all_trigrams(phrase)
        else:
            escaped = phrase.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            sql = (f"SELECT {_SEGMENT_COLS} FROM segments WHERE text LIKE ? ESCAPE '\\' "
                   f"ORDER BY id")
            param = f"%{escaped}%"
        try:
            for row in self.connection.execute(sql, (param,)):
                yield StoredSegment(*row)
        except sqlite3.Error as e:
            raise _lookup_error(e) from None

    def unit_info(self, units: Sequence[int]) -> dict[int, UnitInfo]:
        """The tuid and properties of each of ``units``."""
        try:
            rows = self.connection.execute(
                f"SELECT id, tuid, props FROM units WHERE id IN ({','.join('?' * len(units))})",
                units).fetchall()
        except sqlite3.Error as e:
            raise _lookup_error(e) from None
        return {rid: UnitInfo(tuid, tuple((str(t), str(v)) for t, v in json.loads(props or "[]")))
                for rid, tuid, props in rows}

    def unit_segments(self, units: Sequence[int]) -> list[StoredSegment]:
        """Every segment of ``units``, by unit and position."""
        return self._rows(f"SELECT {_SEGMENT_COLS} FROM segments WHERE unit IN "
                          f"({','.join('?' * len(units))}) ORDER BY unit, seq", units)


class Memory(SQLiteBackend):
    """A translation memory in one SQLite file: a container of :class:`Unit` keyed by tuid."""

    def __init__(self, path: Path | str, *, readonly: bool = False) -> None:
        """Open the memory ``path``, creating it (in WAL mode) if it does not exist; with
        ``readonly``, open an existing one for reading without writing anything beside it (see
        :func:`_connect_readonly`). A file or folder that cannot be written, or read, gets a
        :class:`TMStoreError` that says so."""
        self.path = Path(path)
        self.readonly = readonly
        self._cache = {}  # see SQLiteBackend.cached
        self._cache_version = None
        self._sample_due = False  # an add() inside transaction() changed the memory
        self.seeded: ImportStats | None = None  # what the seed memory added (new_memory)
        name = str(path)
        if readonly:
            self.connection = _connect_readonly(self.path)
        else:
            _check_writable(self.path)
            try:
                # An import indexes each batch in FTS on a helper thread while the caller's
                # thread reads the next one (see _AddState); the two never use it at once.
                self.connection = sqlite3.connect(name, isolation_level=None,
                                                  check_same_thread=False)
            except sqlite3.Error as e:
                raise TMStoreError(f"cannot open memory: {e}", path=name) from None
        try:
            self._setup()
        except sqlite3.DatabaseError as e:
            self.connection.close()
            if _is_readonly_error(e):
                raise TMStoreError(_readonly_message(self.path), path=name) from None
            raise TMStoreError(f"not a silkterm memory ({e})", path=name) from None
        except TMError:
            self.connection.close()
            raise

    def _setup(self) -> None:
        con = self.connection
        con.execute("PRAGMA foreign_keys=ON")
        con.execute("PRAGMA busy_timeout=10000")
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            if self.readonly:
                raise TMStoreError("not a silkterm memory (empty database)", path=str(self.path))
            con.execute("PRAGMA journal_mode=WAL")
            meta = "".join(f"INSERT INTO meta VALUES ('{k}', '{v}');" for k, v in (
                ("schema_version", SCHEMA_VERSION), ("created", _now()),
                ("tool", f"silkterm {__version__}")))
            try:
                con.executescript("BEGIN IMMEDIATE;" + SCHEMA + meta + "COMMIT;")
            except BaseException:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise
        elif "meta" not in tables or "units" not in tables:
            raise TMStoreError("not a silkterm memory", path=str(self.path))
        row = con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if row is None or row[0] not in READABLE_VERSIONS:
            found = "none" if row is None else row[0]
            raise TMStoreError(f"unsupported memory schema version {found} "
                               f"(expected {SCHEMA_VERSION})", path=str(self.path))
        if not self.readonly:
            if "trigram_sample" not in tables:  # (a memory made before the table existed)
                con.execute(SAMPLE_TABLE)
            con.execute("PRAGMA synchronous=NORMAL")
            # A larger page cache keeps the (lang, text) and FTS index pages of a big import
            # in memory: about 15% faster on a million units, for 64 MB at most.
            con.execute(f"PRAGMA cache_size=-{CACHE_KB}")

    # --- container protocol ---------------------------------------------------------------------

    def __len__(self) -> int:
        return int(self.connection.execute("SELECT count(*) FROM units").fetchone()[0])

    def __contains__(self, tuid: object) -> bool:
        return (isinstance(tuid, str) and self.connection.execute(
            "SELECT 1 FROM units WHERE tuid = ?", (tuid,)).fetchone() is not None)

    def __getitem__(self, tuid: str) -> Unit:
        row = self.connection.execute(f"SELECT {_UNIT_COLS} FROM units WHERE tuid = ?",
                                      (tuid,)).fetchone()
        if row is None:
            raise KeyError(tuid)
        return next(iter(self._build([row])))

    def __iter__(self) -> Iterator[Unit]:
        return self.units()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the database connection."""
        self.connection.close()

    # --- reading --------------------------------------------------------------------------------

    def _build(self, rows: Sequence[tuple[Any, ...]],
               langs: tuple[str, ...] | None = None) -> Iterator[Unit]:
        """Units for ``units`` rows (ordered by id), with their segments."""
        if not rows:
            return
        ids = [r[0] for r in rows]
        query = ("SELECT unit, lang, content, attrs, props, notes FROM segments "
                 "WHERE unit BETWEEN ? AND ? ORDER BY unit, seq")
        yield from build_units(rows, self.connection.execute(query, (min(ids), max(ids))), langs)

    def units(self, *, langs: tuple[str, ...] | None = None) -> Iterator[Unit]:
        """Every unit, in the order it was first stored.

        With ``langs``, only the segments in those languages are kept, and units that lack one
        of them are left out (``("en", "zh-Hans")`` gives the English–Chinese pairs).
        """
        last = 0
        while True:
            rows = self.connection.execute(
                f"SELECT {_UNIT_COLS} FROM units WHERE id > ? ORDER BY id LIMIT 1000",
                (last,)).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield from self._build(rows, langs)

    def langs(self) -> list[str]:
        """The languages of the stored segments (normalised case), sorted."""
        return sorted(normalize_lang(lang) for lang in stored_langs(self.connection))

    # --- writing --------------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Memory]:
        """Group several :meth:`add` calls into one transaction: all of them or none.

        >>> import tempfile, pathlib
        >>> from silkterm.tm.model import Segment, Unit
        >>> m = Memory(pathlib.Path(tempfile.mkdtemp()) / "m.sqlite")
        >>> try:
        ...     with m.transaction():
        ...         _ = m.add([Unit("a", (Segment("en", "A"),))])
        ...         raise ValueError("second file is bad")
        ... except ValueError:
        ...     pass
        >>> len(m)
        0
        """
        if self.readonly:
            raise TMStoreError("memory is open read-only", path=str(self.path))
        con = self.connection
        try:
            con.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise _write_error(e, self.path, "cannot write") from None
        try:
            self._sample_due = False
            yield self
            if self._sample_due:  # once for the whole transaction, not once per add()
                _store_sample(con)
            con.execute("COMMIT")
        except BaseException as e:
            if con.in_transaction:
                con.execute("ROLLBACK")
            if isinstance(e, sqlite3.Error):
                raise _write_error(e, self.path, "import failed") from None
            raise

    def add(self, units: Iterable[Unit], *, origin: str | None = None,
            batch_size: int = BATCH_SIZE) -> ImportStats:
        """Store ``units`` in one transaction, merging duplicates (see :func:`merge_units`).

        A unit whose tuid is stored already is merged into it; a unit with a generated id
        (``sk-…``, i.e. it had no tuid) all of whose ``(lang, text)`` pairs occur in one stored
        unit is merged into that unit. ``origin`` is recorded on units that carry none. Any
        error rolls the whole import back and is re-raised (database errors as
        :class:`TMStoreError`).
        """
        if self.readonly:
            raise TMStoreError("memory is open read-only", path=str(self.path))
        con = self.connection
        nested = con.in_transaction
        try:
            con.execute("SAVEPOINT add_units" if nested else "BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise _write_error(e, self.path, "cannot write") from None
        state: _AddState | None = None
        try:
            state = _AddState(con, origin)
            batch: dict[str, Unit] = {}
            for unit in units:
                state.read += 1
                earlier = batch.get(unit.id)
                if earlier is None:
                    batch[unit.id] = unit  # its origin is filled in when it is written
                else:
                    earlier = state.with_origin(earlier)
                    merged = merge_units(earlier, state.with_origin(unit))
                    if merged == earlier:
                        state.skipped += 1
                    else:
                        state.merged += 1
                        batch[unit.id] = merged
                if len(batch) >= batch_size:
                    state.flush(batch)
                    batch = {}
            state.flush(batch)
            state.finish()
            if state.added or state.merged:  # (an import that changed nothing keeps it)
                con.execute("INSERT INTO meta VALUES ('generation', '1') ON CONFLICT(key) DO "
                            "UPDATE SET value = CAST(value AS INTEGER) + 1")
                if nested:
                    self._sample_due = True  # stored by transaction() (else: sampled when read)
                else:
                    _store_sample(con)
            con.execute("RELEASE add_units" if nested else "COMMIT")
            return ImportStats(state.read, state.added, state.merged, state.skipped)
        except BaseException as e:
            if state is not None:
                state.wait(raise_error=False)  # the helper thread must be done before rolling back
            if nested:
                con.execute("ROLLBACK TO add_units")
                con.execute("RELEASE add_units")
            elif con.in_transaction:
                con.execute("ROLLBACK")
            if isinstance(e, sqlite3.Error):
                raise _write_error(e, self.path, "import failed") from None
            raise


_UNIT_COLS = "id, tuid, created, changed, origin, attrs, props, notes"


def build_units(rows: Sequence[tuple[Any, ...]], segment_rows: Iterable[tuple[Any, ...]],
                langs: tuple[str, ...] | None = None) -> Iterator[Unit]:
    """Units from stored rows, for every backend: ``rows`` are ``units`` rows (id, tuid,
    created, changed, origin, attrs, props, notes; ordered by id), ``segment_rows`` their
    segments (unit, lang, content, attrs, props, notes; by unit, then position). With ``langs``
    see :meth:`Memory.units`."""
    segs: dict[int, list[Segment]] = {}
    for unit, lang, content, attrs, props, notes in segment_rows:
        segs.setdefault(unit, []).append(Segment(normalize_lang(lang), content, load_pairs(props),
                                                 load_strings(notes), load_pairs(attrs)))
    for rid, tuid, created, changed, origin, attrs, props, notes in rows:
        segments = segs.get(rid, [])
        if langs is not None:
            segments = [s for s in segments if any(lang_matches(w, s.lang) for w in langs)]
            if not all(any(lang_matches(w, s.lang) for s in segments) for w in langs):
                continue
        yield Unit(tuid, tuple(segments), load_pairs(props), load_strings(notes), created,
                   changed, load_pairs(attrs), origin)


class _AddState:
    """Counters and id allocation of one :meth:`Memory.add` transaction."""

    def __init__(self, con: sqlite3.Connection, origin: str | None = None) -> None:
        self.con = con
        self.origin = origin_name(origin)
        self.dumped: dict[tuple[Any, ...], str] = {}  # _dump of recurring props, attrs, notes
        self.read = self.added = self.merged = self.skipped = 0
        # Segments get explicit ids above every id stored before this transaction, so the
        # ones still to index in FTS are exactly those with id > indexed_to.
        self.fts_from = int(con.execute("SELECT coalesce(max(id), 0) FROM segments").fetchone()[0])
        self.next_seg = self.fts_from + 1
        self.text_index_dropped = False
        self.bulk = False
        self.indexed_to = self.fts_from  # segments up to this id are indexed (or being)
        self.indexer: threading.Thread | None = None
        self.index_error: BaseException | None = None
        self.next_id = int(con.execute("SELECT coalesce(max(id), 0) FROM units").fetchone()[0]) + 1

    def _stored(self, where: str, keys: Sequence[Any]) -> dict[int, tuple[Any, ...]]:
        rows: dict[int, tuple[Any, ...]] = {}
        for i in range(0, len(keys), _CHUNK):
            chunk = keys[i:i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in self.con.execute(f"SELECT {_UNIT_COLS} FROM units WHERE {where} IN ({marks})",
                                        chunk):
                rows[row[0]] = row
        return rows

    def _by_pairs(self, unit: Unit) -> int | None:
        """The stored unit holding every (lang, text) pair of ``unit``, if any."""
        self._text_index()
        pairs = {(s.lang.lower(), s.text) for s in unit.segments}
        first = next(iter(pairs))
        for (uid,) in self.con.execute("SELECT unit FROM segments WHERE lang = ? AND text = ?",
                                       first).fetchall():
            stored = set(self.con.execute("SELECT lang, text FROM segments WHERE unit = ?", (uid,)))
            if pairs <= stored:
                return int(uid)
        return None

    def with_origin(self, unit: Unit) -> Unit:
        """``unit`` with the import's origin if it carries none, its origin a file name (see
        :func:`origin_name`)."""
        origin = origin_name(unit.origin) or self.origin
        return unit if origin == unit.origin else replace(unit, origin=origin)

    def dump(self, items: tuple[Any, ...]) -> str:
        """:func:`dump_items`, remembered: files repeat the same properties on every unit."""
        if not items:
            return "[]"
        done = self.dumped.get(items)
        if done is None:
            done = dump_items(items)
            if len(self.dumped) < 4096:
                self.dumped[items] = done
        return done

    def wait(self, *, raise_error: bool = True) -> None:
        """Wait for the helper thread indexing the previous batch (see :meth:`_index`)."""
        if self.indexer is not None:
            self.indexer.join()
            self.indexer = None
        error, self.index_error = self.index_error, None
        if error is not None and raise_error:
            raise error

    def _index(self) -> None:
        """Index the segments stored since the last call in FTS with one INSERT … SELECT (several
        times faster than the per-row trigger, which is dropped for the transaction) on a
        helper thread: SQLite releases the GIL, so the caller's thread reads the next batch
        meanwhile (a million-unit import took 139 s before, 81–98 s after). The connection is
        never used by both threads at once: :meth:`flush` and :meth:`finish` :meth:`wait` first.
        (Inserting the rows on the helper thread too was slower: every row takes the GIL back.)
        """
        low, high = self.indexed_to, self.next_seg - 1
        if high <= low:
            return
        self.indexed_to = high
        con = self.con

        def run() -> None:
            try:
                con.execute(INDEX_RANGE, (low, high))
            except Exception as e:  # noqa: BLE001 - re-raised by wait() in the caller's thread
                self.index_error = e

        self.indexer = threading.Thread(target=run, name="silkterm-fts", daemon=True)
        self.indexer.start()

    def flush(self, batch: dict[str, Unit]) -> None:
        if not batch:
            return
        self.wait()
        con = self.con
        rows = self._stored("tuid", list(batch))
        by_tuid = {r[1]: r for r in rows.values()}
        targets: dict[int, list[Unit]] = {}
        new: list[Unit] = []
        for tuid, unit in batch.items():
            row = by_tuid.get(tuid)
            rid = row[0] if row is not None else None
            if rid is None and tuid.startswith("sk-"):
                rid = self._by_pairs(unit)
            if rid is None:
                new.append(unit)
            else:
                targets.setdefault(rid, []).append(unit)
        missing = [rid for rid in targets if rid not in rows]
        if missing:
            rows.update(self._stored("id", missing))
        unit_rows = []
        seg_rows: list[tuple[Any, ...]] = []
        dump = self.dump
        for unit in new:
            rid = self.next_id
            self.next_id += 1
            unit_rows.append((rid, unit.id, unit.created, unit.changed,
                              origin_name(unit.origin) or self.origin,
                              dump(unit.attrs), dump(unit.props), dump(unit.notes)))
            self._segment_rows(rid, unit, seg_rows)
        self.added += len(new)
        updates = []
        for rid, incoming in sorted(targets.items()):
            stored = self._load(rows[rid])
            merged = stored
            for unit in incoming:
                merged = merge_units(merged, self.with_origin(unit))
            if merged == stored:
                self.skipped += len(incoming)
                continue
            self.merged += len(incoming)
            updates.append((merged.created, merged.changed, merged.origin, dump(merged.attrs),
                            dump(merged.props), dump(merged.notes), rid))
            self._delete_segments(rid)
            self._segment_rows(rid, merged, seg_rows)
        if updates:
            con.executemany("UPDATE units SET created = ?, changed = ?, origin = ?, attrs = ?, "
                            "props = ?, notes = ? WHERE id = ?", updates)
        if unit_rows:
            con.executemany(INSERT_UNIT, unit_rows)
        if seg_rows:
            self._bulk_mode()
            con.executemany(INSERT_SEGMENT, seg_rows)
            self._index()

    def _text_index(self) -> None:
        """Make sure the (lang, text) index exists (see :meth:`_bulk_mode`)."""
        if self.text_index_dropped:
            self.con.execute(TEXT_INDEX)
            self.text_index_dropped = False

    def _bulk_mode(self) -> None:
        """Drop the FTS triggers for this transaction: new segments are indexed by
        :meth:`finish`, deletions by :meth:`_delete_segments`. Into an empty memory, the
        (lang, text) index is built after the load too (a sorted build is faster than one entry
        at a time), unless a unit without tuid needs it first (:meth:`_by_pairs`)."""
        if not self.bulk:
            if self.fts_from == 0 and not self.text_index_dropped:
                self.con.execute("DROP INDEX IF EXISTS segments_lang_text")
                self.text_index_dropped = True
            self.con.execute("DROP TRIGGER IF EXISTS segments_ai")
            self.con.execute("DROP TRIGGER IF EXISTS segments_ad")
            # No incremental merging of FTS segments while a bulk load writes them (FTS5's
            # crisis merges still bound their number): index building is about 20% faster,
            # lookups afterwards measured the same.
            self.con.execute("INSERT INTO segments_fts(segments_fts, rank) VALUES ('automerge', 0)")
            self.bulk = True

    def _delete_segments(self, rid: int) -> None:
        self._bulk_mode()
        indexed = self.con.execute("SELECT id, text FROM segments WHERE unit = ? AND id <= ?",
                                   (rid, self.indexed_to)).fetchall()
        if indexed:
            self.con.executemany("INSERT INTO segments_fts(segments_fts, rowid, text) "
                                 "VALUES ('delete', ?, ?)", indexed)
        self.con.execute("DELETE FROM segments WHERE unit = ?", (rid,))

    def finish(self) -> None:
        """Index the segments not indexed yet, wait for the helper thread, and restore the
        triggers and the (lang, text) index."""
        self.wait()
        if self.bulk:
            self._index()
            self.wait()
            self.con.execute("INSERT INTO segments_fts(segments_fts, rank) VALUES ('automerge', 8)")
            self._text_index()
            self.con.execute(INSERT_TRIGGER)
            self.con.execute(DELETE_TRIGGER)
            self.bulk = False

    def _segment_rows(self, rid: int, unit: Unit, out: list[tuple[Any, ...]]) -> None:
        """Append the ``segments`` rows of ``unit`` (stored as ``rid``) to ``out``."""
        seg_id = self.next_seg
        self.next_seg += len(unit.segments)
        dump = self.dump
        for seq, s in enumerate(unit.segments):
            out.append((seg_id + seq, rid, seq, s.lang.lower(), s.content, s.text,
                        dump(s.attrs), dump(s.props), dump(s.notes)))

    def _load(self, row: tuple[Any, ...]) -> Unit:
        segments = tuple(
            Segment(normalize_lang(lang), content, load_pairs(props), load_strings(notes),
                    load_pairs(attrs))
            for lang, content, attrs, props, notes in self.con.execute(
                "SELECT lang, content, attrs, props, notes FROM segments WHERE unit = ? "
                "ORDER BY seq", (row[0],)))
        _, tuid, created, changed, origin, attrs, props, notes = row
        return Unit(tuid, segments, load_pairs(props), load_strings(notes), created, changed,
                    load_pairs(attrs), origin)


def sample_ranges(low: int | None, high: int | None) -> list[tuple[int, int]]:
    """The ``[start, end)`` segment id ranges the trigram sample reads, for segment ids from
    ``low`` to ``high`` (None: no segments): all of them up to :data:`SAMPLE` ids, else
    :data:`SAMPLE_BLOCKS` evenly spaced runs of consecutive ids, :data:`SAMPLE` in all (id
    ranges read fast). Every backend samples the same ids.

    >>> sample_ranges(1, 50), sample_ranges(None, None)
    ([(1, 51)], [])
    >>> r = sample_ranges(1, 1_000_000); len(r), r[0], r[-1]
    (40, (1, 251), (999751, 1000001))
    """
    if low is None or high is None:
        return []
    span = high - low + 1
    if span <= SAMPLE:
        return [(low, low + span)]
    block = max(1, SAMPLE // SAMPLE_BLOCKS)
    starts = [low + (span - block) * k // (SAMPLE_BLOCKS - 1) for k in range(SAMPLE_BLOCKS)]
    return [(start, start + block) for start in starts]


def count_trigrams(texts: Iterable[str]) -> dict[str, int]:
    """In how many of ``texts`` each trigram occurs, texts lower-cased one character to one,
    as FTS5 folds them.

    >>> sorted(count_trigrams(["Khorgos", "khor"]).items())
    [('gos', 1), ('hor', 2), ('kho', 2), ('org', 1), ('rgo', 1)]
    """
    from collections import Counter

    counts: Counter[str] = Counter()
    for text in texts:
        folded = text.lower()
        counts.update({folded[i:i + 3] for i in range(len(folded) - 2)})
    return dict(counts)


def sample_trigrams(con: sqlite3.Connection) -> dict[str, int]:
    """Trigram document frequencies over a sample of the segments (:func:`sample_ranges`,
    :func:`count_trigrams`)."""
    low, high = con.execute("SELECT min(id), max(id) FROM segments").fetchone()

    def texts() -> Iterator[str]:
        for start, end in sample_ranges(low, high):
            for (text,) in con.execute("SELECT text FROM segments WHERE id >= ? AND id < ?",
                                       (start, end)):
                yield text

    return count_trigrams(texts())


def stored_sample(con: sqlite3.Connection) -> bool:
    """Whether the memory's ``trigram_sample`` table is up to date (see :func:`_store_sample`)."""
    try:
        meta = dict(con.execute("SELECT key, value FROM meta WHERE key IN "
                                "('generation', 'sample_generation')"))
    except sqlite3.Error:
        return False
    return meta.get("sample_generation") is not None and \
        meta.get("sample_generation") == meta.get("generation")


def _store_sample(con: sqlite3.Connection) -> None:
    """Store the trigram sample of the memory's current generation (about 0.4 s for a memory of
    10,000 segments or more), in the import's transaction."""
    con.execute("DELETE FROM trigram_sample")
    con.executemany("INSERT INTO trigram_sample VALUES (?, ?)", sample_trigrams(con).items())
    con.execute("INSERT OR REPLACE INTO meta SELECT 'sample_generation', value FROM meta "
                "WHERE key = 'generation'")


def stored_langs(con: sqlite3.Connection) -> list[str]:
    """The distinct (lower-case) languages of the stored segments, one index seek each rather
    than a scan of every segment."""
    langs: list[str] = []
    row = con.execute("SELECT min(lang) FROM segments").fetchone()
    while row is not None and row[0] is not None:
        langs.append(row[0])
        row = con.execute("SELECT min(lang) FROM segments WHERE lang > ?", (row[0],)).fetchone()
    return langs


def _now() -> str:
    import datetime as dt

    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


@contextlib.contextmanager
def new_memory(path: Path | str, *, seed: Path | str | None = None, readonly: bool = False,
               make_folder: bool = False) -> Iterator[Memory]:
    """A memory that does not exist yet, built in a temporary file beside ``path`` which takes
    its name only when the ``with`` block ends without error: a failed or interrupted command
    leaves no new memory (nor ``-wal``/``-shm`` file) behind.

    ``seed`` (a TMX file) is stored first, with origin ``seed.tmx`` (:attr:`Memory.seeded`
    says what it added). With ``readonly`` the block may only read it. ``make_folder`` creates
    the missing folders first (removed again on failure). Should another command create
    ``path`` meanwhile, that memory is kept: a read-only block's memory is dropped, a writing
    block fails with :class:`TMStoreError` and stores nothing.

    >>> import tempfile, pathlib
    >>> from silkterm.tm.model import Segment, Unit
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "new.sqlite"
    >>> try:
    ...     with new_memory(target) as m:
    ...         _ = m.add([Unit("a", (Segment("en", "A"),))])
    ...         raise ValueError("the import failed later")
    ... except ValueError:
    ...     pass
    >>> list(target.parent.iterdir())
    []
    """
    import tempfile

    target = Path(path)
    name = str(target)
    made: list[Path] = []
    if make_folder:
        missing = [p for p in (target.parent, *target.parent.parents) if not p.exists()]
        try:
            for folder in reversed(missing):
                folder.mkdir()
                made.append(folder)
        except OSError as e:
            _remove_folders(made)
            raise TMStoreError(f"cannot create folder: {e.strerror or e}", path=name) from None
    tmp: Path | None = None
    try:
        _check_writable(target)
        try:
            fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                            suffix=".tmp")
        except OSError as e:
            raise TMStoreError(f"cannot create the memory: {e.strerror or e}", path=name) from None
        os.close(fd)
        tmp = Path(tmp_name)
        memory = Memory(tmp)
        try:
            memory.path = target  # (messages name the memory being made)
            if seed is not None:
                memory.seeded = memory.add(read_tmx(seed), origin="seed.tmx")
            memory.readonly = readonly
            yield memory
            # everything into the main file: it is all that is kept
            memory.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            memory.close()
        os.chmod(tmp, 0o666 & ~_umask())
        _publish(tmp, target, keep_existing=readonly)
    except BaseException:
        if tmp is not None:
            for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"),
                             Path(f"{tmp}-journal")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        _remove_folders(made)
        raise


def _publish(tmp: Path, target: Path, *, keep_existing: bool) -> None:
    """Give the finished memory ``tmp`` the name ``target`` unless another command created
    ``target`` meanwhile (a hard link fails rather than replace it)."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        if not keep_existing:
            raise TMStoreError("the memory was created by another command meanwhile; nothing "
                               "was stored: run the command again", path=str(target)) from None
    except OSError:  # a file system without hard links
        os.replace(tmp, target)
        return
    tmp.unlink()


def _remove_folders(folders: list[Path]) -> None:
    for folder in reversed(folders):
        with contextlib.suppress(OSError):
            folder.rmdir()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def open_memory(path: Path | str | None = None, *, readonly: bool = False) -> Iterator[Memory]:
    """The memory a command works on, closed when the ``with`` block ends.

    ``path`` names the memory; without it (and without ``$SILKTERM_TM``) it is the user's
    memory, :func:`user_path`. An existing memory is opened as it is (``readonly``: without
    writing anything, so a read-only file or folder can be read). A memory that does not exist
    yet is made by :func:`new_memory`, so a failed command leaves none behind: the user's memory
    holding the packaged seed memory (the glossary's units; its folder is created too), a
    memory named explicitly empty (``silkterm tm build`` adds the glossary's units to any
    memory). Reading a named memory that does not exist is an error (``no such memory``).
    """
    target = Path(path) if path is not None else default_path()
    seeded = path is None and not os.environ.get("SILKTERM_TM")
    if target.exists() or target.is_symlink():
        with Memory(target, readonly=readonly) as memory:
            yield memory
        return
    if readonly and not seeded:
        raise TMStoreError("no such memory", path=str(target))
    with new_memory(target, seed=seed_path() if seeded else None, readonly=readonly,
                    make_folder=seeded) as memory:
        yield memory

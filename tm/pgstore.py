"""The memory in PostgreSQL: the same units, merging and search as the SQLite memory
(:mod:`silkterm.tm.store`), for a memory several people or machines share.

A memory is named by a URL, ``postgresql://user@host:port/database`` (or ``postgres://``; every
libpq URL parameter works, a password best kept in ``~/.pgpass`` or ``$PGPASSWORD``). Its
tables live in the schema ``silkterm`` of that database, created with the ``pg_trgm``
extension by the first command that writes (``silkterm.meta`` holds the schema version). This
module is the one adapter of the driver, psycopg 3 (``pip install 'silkterm[postgres]'``),
imported only when a PostgreSQL memory is opened, and it owns every PostgreSQL statement.

- **Imports** are one transaction each (:meth:`PgMemory.add`, :meth:`PgMemory.transaction`)
  holding a transaction-level advisory lock, so imports by several clients at once run one
  after the other and lose or duplicate nothing; readers are never blocked. Units are merged
  exactly as in SQLite (:func:`~silkterm.tm.store.merge_units`), segment ids are given out the
  same way, and the same trigram sample is stored, so a search finds the same hits with the
  same scores in both memories.
- **Search** candidates come from a GIN trigram index (``pg_trgm``'s ``gin_trgm_ops``) on the
  segment's ``folded`` text (lower case, white space and punctuation made letters, see
  :data:`FOLD`): each group of rare trigrams chosen by :mod:`silkterm.tm.search` is a
  conjunction of ``LIKE '%gram%'`` tests the index answers, confirmed on ``lower(text)``; rows
  matching most groups are the candidates, as with FTS5. (Weblate ranks rows by ``pg_trgm`` similarity instead, which must
  compare the query with every row sharing a trigram.) Concordance uses the same index.

Errors are one line (:class:`~silkterm.tm.errors.TMStoreError`) naming the memory by its URL
without password: psycopg missing, a server that cannot be reached (host and port), a database
that holds no memory, a failed statement.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Self, TypeVar
from urllib.parse import urlsplit

from silkterm.glossary.version import __version__

from .backend import StoredSegment, UnitInfo
from .errors import TMStoreError
from .model import Unit, normalize_lang
from .store import (
    BATCH_SIZE,
    ImportStats,
    build_units,
    count_trigrams,
    dump_items,
    load_pairs,
    merge_units,
    origin_name,
    sample_ranges,
)

if TYPE_CHECKING:
    import psycopg

__all__ = ["SCHEMA_VERSION", "PgMemory", "PgTrigramSample", "display_name", "open_pg_memory"]

T = TypeVar("T")

SCHEMA_VERSION = "1"
READABLE_VERSIONS = ("1",)
LOCK_KEY = 0x5117_7E4D  # the advisory lock every write of a memory holds (one memory per database)
PAGE = 1000  # rows per page when reading lazily
PREFIX_CHARS = 100  # the (lang, text) index holds this many leading characters of a text
MISSING_DRIVER = "PostgreSQL memory needs psycopg: pip install 'silkterm[postgres]'"

_UNIT_COLS = "id, tuid, created, changed, origin, attrs, props, notes"
_SEGMENT_COLS = "id, unit, lang, text"
_SEGMENT_FIELDS = "id, unit, seq, lang, content, text, attrs, props, notes"

# exact and prefix lookup; a B-tree entry must stay small, so only the leading characters
TEXT_INDEX = (f"CREATE INDEX segments_lang_text ON silkterm.segments "
              f"(lang, (left(text, {PREFIX_CHARS})) COLLATE \"C\")")
# Fuzzy lookup and concordance. pg_trgm indexes the trigrams of words, but search's trigrams are
# any three characters of the lower-cased text, spaces and punctuation included ("s e", ", t"):
# for those, LIKE on the text finds only word-start trigrams in the index ("  e", as common as a
# letter). So the index is on ``folded``, the lower-cased text in which every character that is
# not a letter or digit is a letter (SPACE for white space, JOINER for the rest, so that a typo's
# ",t" is not taken for the common ", t"), a segment one long word; each LIKE on lower(text)
# goes with the same LIKE on ``folded`` (a superset: characters map one to one), which the index
# answers. The column is stored: computed at import, not for every row a lookup rechecks.
SPACE, JOINER = "ǀ", "ǂ"  # (letters: U+01C0, U+01C2)
FOLD = (f"regexp_replace(regexp_replace(lower({{}}), '\\s', '{SPACE}', 'g'), "
        f"'[^[:alnum:]{SPACE}]', '{JOINER}', 'g')")
TRIGRAM_INDEX = "CREATE INDEX segments_trgm ON silkterm.segments USING gin (folded gin_trgm_ops)"
# "folded holds the fragment %s": its LIKE pattern, made by the server
_HOLDS = f"folded LIKE ('%%' || {FOLD.format('%s')} || '%%')"
ANALYZE_SHARE = 10  # refresh the planner's statistics after an import adds 1/10 of the memory or more

SCHEMA = f"""
CREATE SCHEMA IF NOT EXISTS silkterm;
CREATE TABLE silkterm.meta(key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE silkterm.units(
  id bigint PRIMARY KEY, tuid text NOT NULL UNIQUE, created text, changed text, origin text,
  attrs text NOT NULL DEFAULT '[]', props text NOT NULL DEFAULT '[]',
  notes text NOT NULL DEFAULT '[]');
CREATE TABLE silkterm.segments(
  id bigint PRIMARY KEY, unit bigint NOT NULL REFERENCES silkterm.units(id) ON DELETE CASCADE,
  seq integer NOT NULL, lang text NOT NULL, content text NOT NULL, text text NOT NULL,
  attrs text NOT NULL DEFAULT '[]', props text NOT NULL DEFAULT '[]',
  notes text NOT NULL DEFAULT '[]',
  folded text GENERATED ALWAYS AS ({FOLD.format("text")}) STORED,
  UNIQUE(unit, seq));
{TEXT_INDEX};
{TRIGRAM_INDEX};
CREATE TABLE silkterm.trigram_sample(gram text PRIMARY KEY, n integer NOT NULL);
"""


# --- names ------------------------------------------------------------------------------------


def display_name(url: str) -> str:
    """``url`` as messages show it: scheme, user, host, port and database, never a password or
    a query parameter.

    >>> display_name("postgresql://tm:secret@db.example:5433/silk?sslmode=require")
    'postgresql://tm@db.example:5433/silk'
    >>> display_name("postgres:///silk")
    'postgres:///silk'
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        port = f":{parts.port}" if parts.port is not None else ""
        user = f"{parts.username}@" if parts.username else ""
        return f"{parts.scheme}://{user}{host}{port}{parts.path}"
    except ValueError:
        return url.split("://", 1)[0] + "://…"


def _server(url: str) -> str:
    """``host:port`` of ``url`` for messages (libpq's defaults where it names none).

    >>> _server("postgresql://u:pw@10.0.0.5/x"), _server("postgres://[::1]:6000/x")
    ('10.0.0.5:5432', '[::1]:6000')
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname or "localhost"
        port = parts.port or 5432
    except ValueError:
        return "?"
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _driver() -> Any:
    """The psycopg module, imported on first use (the only import of the driver)."""
    try:
        import psycopg
    except ImportError:
        raise TMStoreError(MISSING_DRIVER) from None
    return psycopg


def _reason(error: BaseException) -> str:
    """The first line of a driver error, without libpq's ``connection to server … failed:``
    preamble (the message names the server itself)."""
    text = (str(error).strip().splitlines() or [type(error).__name__])[0]
    return text.rsplit(" failed: ", 1)[-1].strip()


def _like(fragment: str) -> str:
    """A ``LIKE`` pattern (default escape ``\\``) for texts containing ``fragment``.

    >>> _like("50%_a\\\\b")
    '%50\\\\%\\\\_a\\\\\\\\b%'
    """
    escaped = fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _now() -> str:
    import datetime as dt

    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


# --- the memory -------------------------------------------------------------------------------


class PgTrigramSample:
    """The stored trigram sample of a PostgreSQL memory (``counts`` None), or one sampled now."""

    __slots__ = ("counts", "memory")

    def __init__(self, memory: PgMemory, counts: dict[str, int] | None) -> None:
        self.memory = memory
        self.counts = counts

    def lookup(self, grams: Sequence[str]) -> dict[str, int]:
        """The estimated frequency of each of ``grams`` (absent: not in the sample)."""
        if self.counts is not None:
            return {g: self.counts[g] for g in grams if g in self.counts}
        rows = self.memory.query("SELECT gram, n FROM silkterm.trigram_sample "
                                 "WHERE gram = ANY(%s)", (list(grams),))
        return {str(g): int(n) for g, n in rows}


class PgMemory:
    """A translation memory in a PostgreSQL database: the same interface as
    :class:`silkterm.tm.store.Memory` (a container of units keyed by tuid, :meth:`add`,
    :meth:`transaction`, :meth:`units`) and :class:`~silkterm.tm.backend.MemoryBackend`."""

    def __init__(self, url: str, *, readonly: bool = False) -> None:
        """Connect to the memory ``url``; unless ``readonly``, create its schema if the database
        holds none yet. A read-only memory is read in read-only transactions."""
        self.url = url
        self.path = display_name(url)
        self.readonly = readonly
        self.seeded: ImportStats | None = None
        self._cache: dict[Hashable, Any] = {}
        self._cache_version: str | None = None
        self._depth = 0  # open transaction() blocks
        self._sample_due = False
        self._analyze_due = False
        self._pg = _driver()
        try:
            self.connection: psycopg.Connection[Any] = self._pg.connect(
                url, autocommit=True, prepare_threshold=None, connect_timeout=10)
        except self._pg.OperationalError as e:
            raise TMStoreError(f"cannot connect to the PostgreSQL server at {_server(url)}: "
                               f"{_reason(e)}", path=self.path) from None
        except self._pg.Error as e:
            raise TMStoreError(f"cannot open memory: {_reason(e)}", path=self.path) from None
        try:
            if readonly:
                self.connection.execute("SET default_transaction_read_only = on")
            self._setup()
        except BaseException:
            self.connection.close()
            raise

    def _error(self, what: str, error: BaseException) -> TMStoreError:
        return TMStoreError(f"{what}: {_reason(error)}", path=self.path)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """The rows of one statement (a driver error as :class:`TMStoreError`)."""
        try:
            return self.connection.execute(sql, params).fetchall()
        except self._pg.Error as e:
            raise self._error("memory lookup failed", e) from None

    def _setup(self) -> None:
        con = self.connection
        try:
            exists = con.execute("SELECT to_regclass('silkterm.meta')").fetchone()
            if exists is None or exists[0] is None:
                if self.readonly:
                    raise TMStoreError("no silkterm memory in this database (import into it "
                                       "first)", path=self.path)
                with con.transaction():
                    con.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
                    again = con.execute("SELECT to_regclass('silkterm.meta')").fetchone()
                    if again is None or again[0] is None:
                        self._create()
            found = con.execute("SELECT value FROM silkterm.meta "
                                "WHERE key = 'schema_version'").fetchone()
        except self._pg.Error as e:
            raise self._error("cannot open memory", e) from None
        if found is None or found[0] not in READABLE_VERSIONS:
            raise TMStoreError(f"unsupported memory schema version "
                               f"{'none' if found is None else found[0]} "
                               f"(expected {SCHEMA_VERSION})", path=self.path)

    def _create(self) -> None:
        con = self.connection
        try:
            with con.transaction():
                con.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except self._pg.Error as e:
            raise self._error("the memory needs the pg_trgm extension (CREATE EXTENSION "
                              "pg_trgm, as a user allowed to)", e) from None
        con.execute(SCHEMA)  # (several statements: simple protocol, no parameters)
        with con.cursor() as cur:
            cur.executemany("INSERT INTO silkterm.meta VALUES (%s, %s)",
                            [("schema_version", SCHEMA_VERSION), ("created", _now()),
                             ("tool", f"silkterm {__version__}")])

    # --- container protocol -------------------------------------------------------------------

    def __len__(self) -> int:
        return int(self.query("SELECT count(*) FROM silkterm.units")[0][0])

    def __contains__(self, tuid: object) -> bool:
        return isinstance(tuid, str) and bool(
            self.query("SELECT 1 FROM silkterm.units WHERE tuid = %s", (tuid,)))

    def __getitem__(self, tuid: str) -> Unit:
        rows = self.query(f"SELECT {_UNIT_COLS} FROM silkterm.units WHERE tuid = %s", (tuid,))
        if not rows:
            raise KeyError(tuid)
        return next(iter(self._build(rows)))

    def __iter__(self) -> Iterator[Unit]:
        return self.units()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        self.connection.close()

    # --- reading ------------------------------------------------------------------------------

    def _build(self, rows: Sequence[tuple[Any, ...]],
               langs: tuple[str, ...] | None = None) -> Iterator[Unit]:
        if not rows:
            return
        ids = [r[0] for r in rows]
        segments = self.query("SELECT unit, lang, content, attrs, props, notes FROM "
                              "silkterm.segments WHERE unit BETWEEN %s AND %s ORDER BY unit, seq",
                              (min(ids), max(ids)))
        yield from build_units(rows, segments, langs)

    def units(self, *, langs: tuple[str, ...] | None = None) -> Iterator[Unit]:
        """Every unit, in the order it was first stored (see
        :meth:`silkterm.tm.store.Memory.units` for ``langs``)."""
        last = 0
        while True:
            rows = self.query(f"SELECT {_UNIT_COLS} FROM silkterm.units WHERE id > %s "
                              f"ORDER BY id LIMIT {PAGE}", (last,))
            if not rows:
                return
            last = rows[-1][0]
            yield from self._build(rows, langs)

    def langs(self) -> list[str]:
        """The languages of the stored segments (normalised case), sorted."""
        return sorted(normalize_lang(lang) for lang in self.stored_langs())

    # --- MemoryBackend ------------------------------------------------------------------------

    def _segments(self, sql: str, params: Sequence[Any] = ()) -> list[StoredSegment]:
        return [StoredSegment(*r) for r in self.query(sql, params)]

    def cached(self, key: Hashable, build: Callable[[], T]) -> T:
        """``build()``, kept for ``key`` until an import changes the memory."""
        rows = self.query("SELECT value FROM silkterm.meta WHERE key = 'generation'")
        version = rows[0][0] if rows else "0"
        if version != self._cache_version:
            self._cache.clear()
            self._cache_version = version
        if key not in self._cache:
            self._cache[key] = build()
        value: T = self._cache[key]
        return value

    def stored_langs(self) -> list[str]:
        """The distinct languages of the stored segments, one index seek each."""
        rows = self.query("""
            WITH RECURSIVE l(lang) AS (
              SELECT min(lang) FROM silkterm.segments
              UNION ALL
              SELECT (SELECT min(lang) FROM silkterm.segments s WHERE s.lang > l.lang)
              FROM l WHERE l.lang IS NOT NULL)
            SELECT lang FROM l WHERE lang IS NOT NULL""")
        return [str(r[0]) for r in rows]

    def _sample_is_stored(self) -> bool:
        meta = dict(self.query("SELECT key, value FROM silkterm.meta WHERE key IN "
                               "('generation', 'sample_generation')"))
        return meta.get("sample_generation") is not None and \
            meta.get("sample_generation") == meta.get("generation")

    def _sample(self) -> dict[str, int]:
        bounds = self.query("SELECT min(id), max(id) FROM silkterm.segments")[0]
        texts: list[str] = []
        for start, end in sample_ranges(bounds[0], bounds[1]):
            texts += [r[0] for r in self.query("SELECT text FROM silkterm.segments "
                                               "WHERE id >= %s AND id < %s", (start, end))]
        return count_trigrams(texts)

    def trigram_counts(self) -> PgTrigramSample:
        """The trigram sample of the memory as it is now (stored by every import)."""
        return self.cached("trigram_counts", lambda: PgTrigramSample(
            self, None if self._sample_is_stored() else self._sample()))

    def has_trigram(self, gram: str) -> bool:
        """Whether some segment holds ``gram`` (case-insensitive)."""
        return bool(self.query(f"SELECT 1 FROM silkterm.segments WHERE {_HOLDS} "
                               f"AND lower(text) LIKE %s LIMIT 1", (gram, _like(gram))))

    def trigram_candidates(self, groups: Sequence[Sequence[str]], limit: int
                           ) -> list[StoredSegment]:
        """Segments holding every trigram of most of ``groups``, at most ``limit``."""
        selects, params = [], []
        for group in groups:
            selects.append("SELECT id FROM silkterm.segments WHERE "
                           + " AND ".join([f"{_HOLDS} AND lower(text) LIKE %s"] * len(group)))
            for g in group:
                params += [g, _like(g)]
        union = " UNION ALL ".join(selects)
        return self._segments(
            f"SELECT s.id, s.unit, s.lang, s.text FROM silkterm.segments s JOIN "
            f"(SELECT id FROM ({union}) u GROUP BY id ORDER BY count(*) DESC, id LIMIT %s) c "
            f"ON c.id = s.id ORDER BY s.id", (*params, limit))

    def prefix_candidates(self, lang: str, prefix: str, limit: int) -> list[StoredSegment]:
        """The first ``limit`` segments in ``lang`` whose text starts with ``prefix`` (a short
        query: one range of the ``(lang, text)`` index)."""
        key = prefix[:PREFIX_CHARS]
        return self._segments(
            f"SELECT {_SEGMENT_COLS} FROM silkterm.segments WHERE lang = %s "
            f"AND left(text, {PREFIX_CHARS}) COLLATE \"C\" >= %s "
            f"AND left(text, {PREFIX_CHARS}) COLLATE \"C\" < %s "
            f"AND starts_with(text, %s) ORDER BY id LIMIT %s",
            (lang, key, key + "\U0010ffff", prefix, limit))

    def segments_in(self, langs: Sequence[str]) -> list[StoredSegment]:
        """Every segment in ``langs``, in storage order."""
        return self._segments(f"SELECT {_SEGMENT_COLS} FROM silkterm.segments "
                              f"WHERE lang = ANY(%s) ORDER BY id", (list(langs),))

    def phrase_candidates(self, phrase: str) -> Iterator[StoredSegment]:
        """Segments containing ``phrase`` case-insensitively (``lower``, the trigram index), in
        storage order, a page at a time."""
        last = 0
        pattern = _like(phrase)
        while True:
            rows = self._segments(
                f"SELECT {_SEGMENT_COLS} FROM silkterm.segments WHERE {_HOLDS} "
                f"AND lower(text) LIKE lower(%s) AND id > %s ORDER BY id LIMIT {PAGE}",
                (phrase, pattern, last))
            yield from rows
            if len(rows) < PAGE:
                return
            last = rows[-1].id

    def unit_info(self, units: Sequence[int]) -> dict[int, UnitInfo]:
        """The tuid and properties of each of ``units``."""
        rows = self.query("SELECT id, tuid, props FROM silkterm.units WHERE id = ANY(%s)",
                          (list(units),))
        return {rid: UnitInfo(tuid, tuple((str(t), str(v)) for t, v in load_pairs(props)))
                for rid, tuid, props in rows}

    def unit_segments(self, units: Sequence[int]) -> list[StoredSegment]:
        """Every segment of ``units``, by unit and position."""
        return self._segments(f"SELECT {_SEGMENT_COLS} FROM silkterm.segments "
                              f"WHERE unit = ANY(%s) ORDER BY unit, seq", (list(units),))

    # --- writing ------------------------------------------------------------------------------

    def _check_writable(self) -> None:
        if self.readonly:
            raise TMStoreError("memory is open read-only", path=self.path)

    def _lock(self) -> None:
        """Take the memory's write lock until the transaction ends: imports run one at a time."""
        self.connection.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))

    @contextlib.contextmanager
    def transaction(self) -> Iterator[PgMemory]:
        """Group several :meth:`add` calls into one transaction: all of them or none."""
        self._check_writable()
        try:
            with self.connection.transaction():
                self._lock()
                self._depth += 1
                self._sample_due = self._analyze_due = False
                try:
                    yield self
                    if self._sample_due:
                        self._finish_import()
                finally:
                    self._depth -= 1
        except self._pg.Error as e:
            raise self._error("import failed", e) from None

    def add(self, units: Iterable[Unit], *, origin: str | None = None,
            batch_size: int = BATCH_SIZE) -> ImportStats:
        """Store ``units`` in one transaction, merging duplicates exactly as
        :meth:`silkterm.tm.store.Memory.add` does."""
        self._check_writable()
        nested = self._depth > 0
        try:
            with self.connection.transaction():  # (a savepoint inside transaction())
                self._lock()
                if not nested:
                    self._analyze_due = False
                state = _AddState(self, origin)
                batch: dict[str, Unit] = {}
                for unit in units:
                    state.read += 1
                    earlier = batch.get(unit.id)
                    if earlier is None:
                        batch[unit.id] = unit
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
                if state.added or state.merged:
                    self.connection.execute(
                        "INSERT INTO silkterm.meta VALUES ('generation', '1') ON CONFLICT (key) "
                        "DO UPDATE SET value = (silkterm.meta.value::bigint + 1)::text")
                    self._analyze_due = self._analyze_due or \
                        (state.added + state.merged) * ANALYZE_SHARE >= state.stored_before
                    if nested:
                        self._sample_due = True
                    else:
                        self._finish_import()
            return ImportStats(state.read, state.added, state.merged, state.skipped)
        except self._pg.Error as e:
            raise self._error("import failed", e) from None

    def _finish_import(self) -> None:
        """Store the trigram sample of the memory as this transaction leaves it; after a large
        import, refresh the planner's statistics (without them PostgreSQL does not know how
        rare a trigram is, and scans the table rather than the index) and move the new index
        entries into the index proper."""
        self._store_sample()
        if self._analyze_due:
            self.connection.execute("ANALYZE silkterm.units, silkterm.segments")
            # new entries wait in the GIN index's pending list, which every lookup scans whole
            self.connection.execute("SELECT gin_clean_pending_list('silkterm.segments_trgm'"
                                    "::regclass)")
            self._analyze_due = False

    def _store_sample(self) -> None:
        """Store the trigram sample of the memory as this transaction leaves it."""
        con = self.connection
        counts = self._sample()
        con.execute("DELETE FROM silkterm.trigram_sample")
        with con.cursor() as cur, cur.copy("COPY silkterm.trigram_sample (gram, n) FROM STDIN"
                                           ) as copy:
            for row in counts.items():
                copy.write_row(row)
        con.execute("INSERT INTO silkterm.meta SELECT 'sample_generation', value FROM "
                    "silkterm.meta WHERE key = 'generation' ON CONFLICT (key) DO UPDATE "
                    "SET value = excluded.value")


class _AddState:
    """Counters and id allocation of one :meth:`PgMemory.add` (under the memory's lock)."""

    def __init__(self, memory: PgMemory, origin: str | None) -> None:
        self.memory = memory
        self.con = memory.connection
        self.origin = origin_name(origin)
        self.dumped: dict[tuple[Any, ...], str] = {}
        self.read = self.added = self.merged = self.skipped = 0
        row = self.con.execute("SELECT (SELECT coalesce(max(id), 0) FROM silkterm.units), "
                               "(SELECT coalesce(max(id), 0) FROM silkterm.segments)").fetchone()
        assert row is not None
        self.next_id = int(row[0]) + 1
        self.next_seg = int(row[1]) + 1
        self.stored_before = self.next_id - 1  # (units: ids are dense)

    def with_origin(self, unit: Unit) -> Unit:
        """``unit`` with the import's origin if it carries none (see
        :func:`~silkterm.tm.store.origin_name`)."""
        origin = origin_name(unit.origin) or self.origin
        return unit if origin == unit.origin else replace(unit, origin=origin)

    def dump(self, items: tuple[Any, ...]) -> str:
        if not items:
            return "[]"
        done = self.dumped.get(items)
        if done is None:
            done = dump_items(items)
            if len(self.dumped) < 4096:
                self.dumped[items] = done
        return done

    def _stored(self, column: str, keys: Sequence[Any]) -> dict[int, tuple[Any, ...]]:
        rows = self.con.execute(f"SELECT {_UNIT_COLS} FROM silkterm.units "
                                f"WHERE {column} = ANY(%s)", (list(keys),)).fetchall()
        return {int(r[0]): r for r in rows}

    def _by_pairs(self, unit: Unit) -> int | None:
        """The stored unit holding every (lang, text) pair of ``unit``, if any."""
        pairs = {(s.lang.lower(), s.text) for s in unit.segments}
        lang, text = next(iter(pairs))
        for (uid,) in self.con.execute(
                f"SELECT unit FROM silkterm.segments WHERE lang = %s "
                f"AND left(text, {PREFIX_CHARS}) COLLATE \"C\" = left(%s, {PREFIX_CHARS}) "
                f"AND text = %s ORDER BY id", (lang, text, text)).fetchall():
            stored = set(self.con.execute("SELECT lang, text FROM silkterm.segments "
                                          "WHERE unit = %s", (uid,)).fetchall())
            if pairs <= stored:
                return int(uid)
        return None

    def _load(self, rows: dict[int, tuple[Any, ...]], ids: list[int]) -> dict[str, Unit]:
        """The stored units ``ids`` (rows of ``rows``) by tuid."""
        segments = self.con.execute(
            "SELECT unit, lang, content, attrs, props, notes FROM silkterm.segments "
            "WHERE unit = ANY(%s) ORDER BY unit, seq", (ids,)).fetchall()
        return {unit.id: unit for unit in build_units([rows[i] for i in sorted(ids)], segments)} \
            if ids else {}

    def flush(self, batch: dict[str, Unit]) -> None:
        if not batch:
            return
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
        dump = self.dump
        unit_rows = []
        seg_rows: list[tuple[Any, ...]] = []
        for unit in new:
            rid = self.next_id
            self.next_id += 1
            unit_rows.append((rid, unit.id, unit.created, unit.changed,
                              origin_name(unit.origin) or self.origin,
                              dump(unit.attrs), dump(unit.props), dump(unit.notes)))
            self._segment_rows(rid, unit, seg_rows)
        self.added += len(new)
        stored_units = self._load(rows, sorted(targets))
        updates = []
        deleted = []
        for rid, incoming in sorted(targets.items()):
            stored = stored_units[rows[rid][1]]
            merged = stored
            for unit in incoming:
                merged = merge_units(merged, self.with_origin(unit))
            if merged == stored:
                self.skipped += len(incoming)
                continue
            self.merged += len(incoming)
            updates.append((merged.created, merged.changed, merged.origin, dump(merged.attrs),
                            dump(merged.props), dump(merged.notes), rid))
            deleted.append(rid)
            self._segment_rows(rid, merged, seg_rows)
        with self.con.cursor() as cur:
            if updates:
                cur.executemany("UPDATE silkterm.units SET created = %s, changed = %s, "
                                "origin = %s, attrs = %s, props = %s, notes = %s WHERE id = %s",
                                updates)
                cur.execute("DELETE FROM silkterm.segments WHERE unit = ANY(%s)", (deleted,))
            if unit_rows:
                with cur.copy(f"COPY silkterm.units ({_UNIT_COLS}) FROM STDIN") as copy:
                    for r in unit_rows:
                        copy.write_row(r)
            if seg_rows:
                with cur.copy(f"COPY silkterm.segments ({_SEGMENT_FIELDS}) FROM STDIN") as copy:
                    for r in seg_rows:
                        copy.write_row(r)

    def _segment_rows(self, rid: int, unit: Unit, out: list[tuple[Any, ...]]) -> None:
        seg_id = self.next_seg
        self.next_seg += len(unit.segments)
        dump = self.dump
        for seq, s in enumerate(unit.segments):
            out.append((seg_id + seq, rid, seq, s.lang.lower(), s.content, s.text,
                        dump(s.attrs), dump(s.props), dump(s.notes)))


@contextlib.contextmanager
def open_pg_memory(url: str, *, readonly: bool = False) -> Iterator[PgMemory]:
    """The PostgreSQL memory ``url``, closed when the ``with`` block ends (a memory is created
    by the first command that writes; reading a database without one is an error)."""
    with PgMemory(url, readonly=readonly) as memory:
        yield memory


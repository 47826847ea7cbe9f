"""The interface between search and a memory's storage: what :mod:`silkterm.tm.search` asks of
a memory backend.

:class:`silkterm.tm.store.Memory` (SQLite, an FTS5 trigram index) implements it; a second
backend (PostgreSQL, with ``pg_trgm``) implements the same methods and search works unchanged.
Search holds no query language: every statement lives in the backend.

Segments come back as :class:`StoredSegment` rows: the segment's id (storage order), its unit's
id, its language as stored (lower-case) and its plain text. Units are named by their internal
id; :meth:`MemoryBackend.unit_info` gives their tuid and properties.

Every method raises :class:`~silkterm.tm.errors.TMStoreError` when the storage fails.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import NamedTuple, Protocol, TypeVar

__all__ = ["MemoryBackend", "StoredSegment", "TrigramCounts", "UnitInfo"]

T = TypeVar("T")


class StoredSegment(NamedTuple):
    """One stored segment: ``id`` (ascending in storage order), ``unit`` (its unit's id),
    ``lang`` (the stored, lower-case tag) and ``text`` (the plain text)."""

    id: int
    unit: int
    lang: str
    text: str


class UnitInfo(NamedTuple):
    """A unit's ``tuid`` and its ``props`` (``(type, value)`` pairs)."""

    tuid: str
    props: tuple[tuple[str, str], ...]


class TrigramCounts(Protocol):
    """Estimated document frequencies of lower-cased trigrams (from a sample of the memory)."""

    def lookup(self, grams: Sequence[str]) -> dict[str, int]:
        """The estimated frequency of each of ``grams``; a gram absent from the sample is
        absent from the answer."""
        ...


class MemoryBackend(Protocol):
    """What search needs from a memory (see the module docstring)."""

    def stored_langs(self) -> list[str]:
        """The distinct languages of the stored segments (as stored, lower-case)."""
        ...

    def trigram_counts(self) -> TrigramCounts:
        """The trigram document frequencies of the memory as it is now."""
        ...

    def has_trigram(self, gram: str) -> bool:
        """Whether some segment holds ``gram`` (case-insensitive)."""
        ...

    def trigram_candidates(self, groups: Sequence[Sequence[str]], limit: int
                           ) -> list[StoredSegment]:
        """The segments holding every trigram of at least one of ``groups``; at most ``limit``,
        chosen among those matching most groups (ties: storage order); in storage order."""
        ...

    def prefix_candidates(self, lang: str, prefix: str, limit: int) -> list[StoredSegment]:
        """The first ``limit`` segments (storage order) in exactly ``lang`` whose text starts
        with ``prefix``."""
        ...

    def segments_in(self, langs: Sequence[str]) -> list[StoredSegment]:
        """Every segment in one of ``langs`` (exact stored tags), in storage order."""
        ...

    def phrase_candidates(self, phrase: str) -> Iterator[StoredSegment]:
        """Segments that may contain ``phrase`` case-insensitively (a superset: the caller
        confirms), in storage order, lazily."""
        ...

    def unit_info(self, units: Sequence[int]) -> dict[int, UnitInfo]:
        """The tuid and properties of each of ``units``."""
        ...

    def unit_segments(self, units: Sequence[int]) -> list[StoredSegment]:
        """Every segment of ``units``, ordered by unit, then by position in its unit."""
        ...

    def cached(self, key: Hashable, build: Callable[[], T]) -> T:
        """``build()``, kept for ``key`` on this memory until its content changes."""
        ...

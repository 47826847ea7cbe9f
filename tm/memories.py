"""Opening a memory by its name, whatever stores it: a registry of memory backends by URL scheme.

``--tm NAME`` and ``$SILKTERM_TM`` name a memory by a URL whose scheme is registered in
:data:`BACKENDS` — ``postgresql://user@host:port/database`` or ``postgres://…``, the PostgreSQL
memory (:mod:`silkterm.tm.pgstore`) — or else by a file path, the SQLite memory
(:func:`silkterm.tm.store.open_memory`). A name that starts with a scheme and ``://`` is never
taken for a file: an unknown scheme is an error.

>>> scheme_of("postgresql://tm@db:5432/silk"), scheme_of("memory.sqlite"), scheme_of("C:/tm.db")
('postgresql', None, None)
>>> sorted(BACKENDS)
['postgres', 'postgresql']
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from .backend import MemoryBackend
from .errors import TMStoreError
from .model import Unit
from .store import ImportStats

__all__ = ["BACKENDS", "Backend", "StoredMemory", "open_memory", "scheme_of"]

T = TypeVar("T")

_URL = re.compile(r"([A-Za-z][A-Za-z0-9+.-]+)://")


class StoredMemory(MemoryBackend, Protocol):
    """What the commands use of a memory, whichever backend stores it (search needs only
    :class:`~silkterm.tm.backend.MemoryBackend`)."""

    @property
    def path(self) -> Path | str:
        """The memory's name in messages (a URL without its password)."""
        ...

    @property
    def seeded(self) -> ImportStats | None:
        """What the packaged seed memory added when the memory was made, if it was."""
        ...

    def add(self, units: Iterable[Unit], *, origin: str | None = None,
            batch_size: int = ...) -> ImportStats:
        """Store ``units`` in one transaction, merging duplicates."""
        ...

    def transaction(self) -> AbstractContextManager[object]:
        """Group several :meth:`add` calls into one transaction."""
        ...

    def units(self, *, langs: tuple[str, ...] | None = None) -> Iterator[Unit]:
        """Every unit, in the order it was first stored."""
        ...

    def langs(self) -> list[str]:
        """The languages of the stored segments, sorted."""
        ...

    def __len__(self) -> int: ...

    def __contains__(self, tuid: object) -> bool: ...

    def __getitem__(self, tuid: str) -> Unit: ...

    def cached(self, key: Hashable, build: Callable[[], T]) -> T:
        """``build()``, kept for ``key`` until the memory changes."""
        ...


Opener = Callable[[str, bool], AbstractContextManager[StoredMemory]]


@dataclass(frozen=True, slots=True)
class Backend:
    """A memory backend named by URL: its ``name`` and how to open a memory (``open(url,
    readonly)``, a context manager)."""

    name: str
    open: Opener


def _open_postgres(url: str, readonly: bool) -> AbstractContextManager[StoredMemory]:
    from .pgstore import open_pg_memory

    return open_pg_memory(url, readonly=readonly)


_POSTGRES = Backend("PostgreSQL", _open_postgres)
BACKENDS: dict[str, Backend] = {"postgresql": _POSTGRES, "postgres": _POSTGRES}
"""Memory backends by URL scheme (lower case); a name without a scheme is an SQLite file."""


def scheme_of(name: str | Path | None) -> str | None:
    """The URL scheme ``name`` starts with (lower case), or None for a file path."""
    if not isinstance(name, str):
        return None
    found = _URL.match(name)
    return found.group(1).lower() if found else None


@contextlib.contextmanager
def open_memory(name: str | Path | None = None, *, readonly: bool = False
                ) -> Iterator[StoredMemory]:
    """The memory ``name`` (a URL of a registered backend, or a file), else ``$SILKTERM_TM``,
    else the user's memory, closed when the ``with`` block ends (see
    :func:`silkterm.tm.store.open_memory` for files)."""
    if name is None:
        name = os.environ.get("SILKTERM_TM") or None
        if scheme_of(name) is None:
            name = None  # a path in $SILKTERM_TM: store.open_memory reads it (not seeded)
    scheme = scheme_of(name)
    if scheme is None:
        from .store import open_memory as open_file

        with open_file(name, readonly=readonly) as memory:
            yield memory
        return
    backend = BACKENDS.get(scheme)
    if backend is None:
        known = ", ".join(f"{s}://" for s in sorted(BACKENDS))
        raise TMStoreError(f"no memory backend for {scheme}:// (known: {known}; a file path "
                           f"names an SQLite memory)", path=f"{scheme}://…")
    assert isinstance(name, str)
    with backend.open(name, readonly) as memory:
        yield memory

"""The on-disk cache of compiled glossaries: where it is, which files make a glossary, and how a
run knows, without reading those files, which cached glossary is theirs.

A compiled glossary is cached by the content fingerprint of its files
(:func:`~silkterm.glossary.loader.load_glossary` computes it and writes the cache). Hashing every
file at every start would cost more than reading the cache, so the cache directory also records
which fingerprint the files had while their size, times and inode were what they are
(:func:`stamp`): a run whose files still have a recorded stamp knows their fingerprint at once.

Beside each cached glossary lies its lookup table (:class:`~silkterm.glossary.lookuptable.LookupTable`,
in :mod:`marshal` form): ``silkterm lookup`` reads that and nothing else when it can answer from
it (:func:`read_lookup_table`). This module imports no glossary model, pickle or YAML code, so
that such a lookup starts without them.

>>> import tempfile
>>> root = tempfile.mkdtemp()
>>> s = stamp(builtin_files(), 10**20)
>>> record_stamp(root, s, "f" * 64); known_fingerprint(root, s) == "f" * 64
True
>>> known_fingerprint(root, stamp(builtin_files()[:1], 10**20)) is None
True
"""

from __future__ import annotations

import marshal
import os
import sys
import time
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .version import __version__

if TYPE_CHECKING:
    from pathlib import Path

    from .lookuptable import LookupTable

STAMPS = "glossary-stamps"  # the file of the cache directory that maps stamps to fingerprints
MAX_STAMPS = 8  # stamps kept in it, the latest ones
RACY_NS = 2_000_000_000  # an input changed this recently is not stamped (see stamp)

Stamp = tuple[tuple[str, ...], tuple[tuple[int, ...] | None, ...]]


def builtin_files() -> list[str]:
    """The paths of the built-in glossary's YAML files, in name order."""
    root = os.path.join(os.path.dirname(__file__), "data")  # the package silkterm.glossary.data
    return sorted(os.path.join(root, name) for name in os.listdir(root)
                  if name.endswith((".yaml", ".yml")))


def normalised(paths: Iterable[Path | str]) -> list[str]:
    """``paths`` as :class:`pathlib.Path` writes them (``./g.yaml`` is ``g.yaml``).

    >>> normalised(["./g.yaml", "a//b.yaml"])
    ['g.yaml', 'a/b.yaml']
    """
    given = list(paths)
    if not given:
        return []
    from pathlib import Path

    return [str(Path(p)) for p in given]


def check_glossary_files(paths: Iterable[Path | str]) -> None:
    """Raise :class:`~silkterm.glossary.errors.GlossaryFormatError` naming the first of
    ``paths`` that is missing, a directory or unreadable; cheap (nothing is read), so commands
    check before loading anything.
    """
    for raw in paths:
        try:
            if os.path.isdir(raw):
                raise IsADirectoryError(raw)
            os.close(os.open(raw, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)))
        except OSError as e:
            from pathlib import Path

            from .formats.yamlfile import unreadable

            raise unreadable(e, Path(raw)) from None


def cache_dir() -> str | None:
    """The cache directory: ``SILKTERM_CACHE_DIR`` (empty: no cache), else
    ``$XDG_CACHE_HOME/silkterm`` or ``~/.cache/silkterm``."""
    env = os.environ.get("SILKTERM_CACHE_DIR")
    if env == "":
        return None
    if env:
        return env
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "silkterm")


def stamp(files: Sequence[str], now_ns: int) -> Stamp | None:
    """What the file system says of every input of a glossary's fingerprint (the glossary
    modules, the transliteration tables, ``files``): the versions, each input's path, and its
    size, change times, inode and device; None when an input changed less than two seconds
    (:data:`RACY_NS`) before ``now_ns``.

    Any write to a file sets its status change time (ctime) to the current time, and no call
    can set it back (``touch`` and ``os.utime`` set only the modification time); a file replaced
    by another has another inode. So while the stamp stays the same, so does every input, and
    the fingerprint recorded with it still holds. A file changed twice within one tick of the
    file system's clock could keep its times, hence no stamp is made of an input so recent: a
    later change then comes at least two seconds after the stamp's times.
    """
    here = os.path.dirname(__file__)
    own = [*sorted(n for n in os.listdir(here) if n.endswith(".py")),
           *sorted(os.path.join("schemes", n) for n in os.listdir(os.path.join(here, "schemes"))
                   if n.endswith(".yaml"))]  # named within ``here``: a shorter record
    stats: list[tuple[int, ...] | None] = []
    for path in [*(os.path.join(here, n) for n in own), *files]:
        try:
            st = os.stat(path)
        except OSError:
            stats.append(None)
            continue
        if max(st.st_mtime_ns, st.st_ctime_ns) > now_ns - RACY_NS:
            return None
        stats.append((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev))
    return (__version__, sys.version, here, *own, *files), tuple(stats)


def _read_stamps(cache_root: str) -> dict[Stamp, str]:
    """The fingerprints recorded by :func:`record_stamp` (none if the file is missing or bad)."""
    try:
        with open(os.path.join(cache_root, STAMPS), "rb") as fh:
            value = marshal.loads(fh.read())  # (marshal.load reads a file in many small calls)
    except Exception:  # noqa: BLE001 - an unreadable record is simply made again
        return {}
    return value if isinstance(value, dict) else {}


def known_fingerprint(cache_root: str, files_stamp: Stamp) -> str | None:
    """The fingerprint recorded for ``files_stamp``, or None."""
    found = _read_stamps(cache_root).get(files_stamp)
    return found if isinstance(found, str) else None


def record_stamp(cache_root: str, files_stamp: Stamp, fingerprint: str) -> None:
    """Record that inputs with ``files_stamp`` have ``fingerprint``, with the latest other
    records (at most :data:`MAX_STAMPS` in all)."""
    stamps = _read_stamps(cache_root)
    stamps.pop(files_stamp, None)
    stamps[files_stamp] = fingerprint
    write_cache_file(os.path.join(cache_root, STAMPS),
                     marshal.dumps(dict(list(stamps.items())[-MAX_STAMPS:])))


def glossary_file(cache_root: str, fingerprint: str) -> str:
    """The file of the cache directory that holds the glossary with ``fingerprint``."""
    return os.path.join(cache_root, f"glossary-{fingerprint[:32]}.pickle")


def table_file(cache_root: str, fingerprint: str) -> str:
    """The file of the cache directory that holds the lookup table of that glossary."""
    return os.path.join(cache_root, f"glossary-{fingerprint[:32]}.lookup")


def write_cache_file(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; nothing if that fails (a cache is an optimisation:
    a read-only home must not fail the run)."""
    from .errors import InputError
    from .textio import open_atomic

    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open_atomic(path, "wb") as fh:
            fh.write(data)
    except (OSError, InputError):
        pass


def write_lookup_table(cache_root: str, fingerprint: str, table: LookupTable) -> None:
    """Write ``table``, the lookup table of the glossary with ``fingerprint``, to the cache."""
    write_cache_file(table_file(cache_root, fingerprint), table.to_bytes(fingerprint))


def read_lookup_table(paths: Iterable[Path | str] = (), *, include_default: bool = True
                      ) -> LookupTable | None:
    """The lookup table of the glossary :func:`~silkterm.glossary.loader.load_glossary` would
    load from the same arguments, if the cache holds it for those files as they are now; else
    None (no cache, a file changed, or no table written yet: loading the glossary writes it; a
    damaged table is removed, to be written again). Reads no glossary file."""
    cache_root = cache_dir()
    files = (builtin_files() if include_default else []) + normalised(paths)
    if cache_root is None or not files:
        return None
    files_stamp = stamp(files, time.time_ns())
    fingerprint = known_fingerprint(cache_root, files_stamp) if files_stamp else None
    if fingerprint is None:
        return None
    from .lookuptable import LookupTable

    path = table_file(cache_root, fingerprint)
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    table = LookupTable.from_bytes(data, fingerprint)
    if table is None:  # damaged: removed, so that loading the glossary writes it again
        try:
            os.unlink(path)
        except OSError:
            pass
    return table

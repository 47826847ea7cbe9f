"""Run a per-file function in worker processes, results in input order (``--jobs N``).

:func:`map_ordered` maps ``work(item, state)`` over ``items`` in a pool of ``jobs`` worker
processes and gives, for each item in input order, an iterator over what ``work`` yielded for it:
what one process would give, item by item, so that a command's output does not depend on the
number of workers. How it works:

- **Once per worker**, ``setup()`` makes the worker's ``state`` (a command passes
  :meth:`~silkterm.glossary.loader.GlossarySpec.load`: each worker loads the compiled glossary from
  the on-disk cache the parent process has just filled; a glossary is never sent to a worker).
  Workers are forked where that is safe (:func:`start_method`), else spawned: a fresh
  interpreter with the parent's environment and working directory. Either way ``work`` and
  ``setup`` must be picklable (a module-level function, a :func:`functools.partial` of one, or a
  bound method of a picklable object), and ``setup`` makes the state afresh.
- **Bounded work.** At most ``ahead`` items (default twice the workers) are given out beyond the
  one being read, so a slow reader holds back the workers.
- **Bounded memory.** A worker writes what ``work`` yields, one pickled record at a time, to a
  spool file in a temporary directory; the parent reads it back a record at a time and removes
  it; the directory goes when the map ends, however it ends.
- **Errors as in one process.** An exception raised by ``work`` is recorded after the results
  before it and raised again when the parent's reader reaches it; so the first failing item in
  input order fails the run, after the results that precede it, with the same exception (an
  exception that cannot be pickled arrives as a :class:`RuntimeError` naming it). An exception
  from ``setup()`` is raised for every item.
- **A worker killed** from outside (the out-of-memory killer) fails the run with a
  :class:`~silkterm.glossary.errors.WorkerError` naming the item it was on (its ``path``), not
  with the pool's own exception.
- **Interruption.** Workers ignore SIGINT (Ctrl-C reaches every process of the terminal's
  group): the parent alone gets the :class:`KeyboardInterrupt`, and leaving the ``with`` block
  early — on any exception — terminates the workers, so no worker prints a traceback.

>>> import functools
>>> with map_ordered(_repeat, ["a", "b", "c"], functools.partial(int, 2), jobs=2) as results:
...     [list(r) for r in results]
[['a', 'a'], ['b', 'b'], ['c', 'c']]
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import struct
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from .errors import WorkerError

__all__ = ["cpu_jobs", "map_ordered", "start_method"]

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")

_ITEM, _ERROR = 0, 1  # the kinds of record in a spool file
_LENGTH = struct.Struct("<Q")  # … each after its length

# The worker's state, made once by the pool's initializer. (A module global of the worker process
# only: the parent never sets it.)
_worker_state: list[Any] = []


def cpu_jobs(jobs: int) -> int:
    """The number of workers ``--jobs`` names: ``jobs`` itself, or every core for 0.

    >>> cpu_jobs(3), cpu_jobs(0) == (os.cpu_count() or 1)
    (3, True)
    """
    if jobs < 0:
        raise ValueError(f"jobs must be 0 (every core) or more, not {jobs}")
    return jobs or os.cpu_count() or 1


def _repeat(item: str, times: int) -> Iterator[str]:
    """``item``, ``times`` times (the module's example)."""
    for _ in range(times):
        yield item


def _start(setup: Callable[[], Any]) -> None:
    """The pool's initializer: ignore Ctrl-C (the parent handles it) and make the state."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _worker_state.append((_ITEM, setup()))
    except Exception as e:  # noqa: BLE001 - raised again for every item, as in the parent
        _worker_state.append((_ERROR, e))


def _record(kind: int, value: object) -> bytes:
    """One record of a spool file: its length, then the pickle of ``(kind, value)`` (each record
    a pickle of its own: a reader carrying one unpickler's memo over records would misread them).
    """
    try:
        data = pickle.dumps((kind, value), pickle.HIGHEST_PROTOCOL)
    except Exception:
        if kind == _ITEM:
            raise
        # an exception that does not pickle: its type and message still tell what went wrong
        data = pickle.dumps((kind, RuntimeError(f"{type(value).__name__}: {value}")))
    return _LENGTH.pack(len(data)) + data


def _run(work: Callable[[T, Any], Iterable[Any]], item: T, spool: str) -> None:
    """In a worker: run ``work`` on ``item``, writing its results (then its error) to ``spool``."""
    with open(spool, "wb") as fh:
        try:
            kind, state = _worker_state[0]
            if kind == _ERROR:
                raise state
            fh.writelines(_record(_ITEM, result) for result in work(item, state))
        except Exception as e:  # noqa: BLE001 - recorded: the parent raises it in input order
            fh.write(_record(_ERROR, e))


def _read(spool: str) -> Iterator[Any]:
    """The results a worker wrote to ``spool``, one record in memory at a time; the file is
    removed once read."""
    try:
        with open(spool, "rb") as fh:
            while head := fh.read(_LENGTH.size):
                kind, value = pickle.loads(fh.read(_LENGTH.unpack(head)[0]))
                if kind == _ERROR:
                    raise value
                yield value
    finally:
        Path(spool).unlink(missing_ok=True)


def start_method() -> str:
    """How workers start: ``fork`` where the platform has it and this process runs no other
    thread (the command line's case; a worker then imports nothing), else ``spawn`` (forking a
    process that runs threads may copy a lock another thread holds)."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


@contextmanager
def map_ordered(work: Callable[[T, S], Iterable[R]], items: Sequence[T], setup: Callable[[], S], *,
                jobs: int, ahead: int | None = None,
                method: str | None = None) -> Iterator[Iterator[Iterator[R]]]:
    """``work(item, state)`` for each of ``items`` in ``jobs`` worker processes (``state`` made once
    per worker by ``setup()``): yields an iterator that gives, in input order, an iterator over each
    item's results. Read each item's results before asking for the next item's. The workers start,
    and the first items are given out, before the block runs. ``method``: how workers start
    (default :func:`start_method`). See the module description."""
    workers = max(1, min(jobs, len(items)))
    ahead = max(1, ahead if ahead is not None else 2 * workers)
    before = set(multiprocessing.active_children())
    with tempfile.TemporaryDirectory(prefix="silkterm-jobs-") as spools:
        pool = ProcessPoolExecutor(workers, initializer=_start, initargs=(setup,),
                                   mp_context=multiprocessing.get_context(method or start_method()))
        done = False
        try:
            yield _Ordered(pool, work, items, Path(spools), ahead).results()
            done = True
        finally:
            if not done:  # an error or Ctrl-C: stop the workers now, mid-item
                for process in set(multiprocessing.active_children()) - before:
                    process.terminate()
            pool.shutdown(wait=True, cancel_futures=True)


class _Ordered:
    """The items given out to a pool, at most ``ahead`` beyond the one being read."""

    def __init__(self, pool: ProcessPoolExecutor, work: Callable[[T, S], Iterable[R]],
                 items: Sequence[T], spools: Path, ahead: int) -> None:
        self.pool, self.work, self.items, self.spools = pool, work, items, spools
        self.pending: deque[tuple[Future[None], str, Any]] = deque()
        self.given = 0
        while self.given < len(items) and len(self.pending) <= ahead:
            self.give()

    def give(self) -> None:
        spool = str(self.spools / f"{self.given}.pickle")
        item = self.items[self.given]
        self.pending.append((self.pool.submit(_run, self.work, item, spool), spool, item))
        self.given += 1

    def results(self) -> Iterator[Iterator[Any]]:
        while self.pending:
            future, spool, item = self.pending.popleft()
            try:
                future.result()  # the worker is done with it
            except BrokenProcessPool:
                path = getattr(item, "path", None)
                raise WorkerError("a worker process ended before it had finished (killed from "
                                  "outside, or out of memory?); try fewer --jobs",
                                  path=str(path) if path is not None else None) from None
            if self.given < len(self.items):
                self.give()
            yield _read(spool)

"""Normalise, annotate and collect over an archive of articles on a Dask cluster.

An archive is a folder of ``.txt``, ``.md`` and ``.html`` files (an article each; its id is its
path in the folder, its markup judged by its name), a Parquet file or dataset, or a JSON-lines
file (or a folder of them), one article per row or line with an id and a text column
(``id_column``, ``text_column``). The articles are read by the workers, a partition at a time:
a few files of a folder, a row group of Parquet, a block of JSON lines.

Each worker process loads the glossary once (:class:`GlossarySpec` names it; the compiled
glossary comes from the disk cache, see :mod:`~silkterm.glossary.loader`), so no task carries it.
The results equal those of the single-process library, article by article and in the archive's
order: :func:`normalize_archive` gives what :func:`~silkterm.glossary.apply.normalize` gives
each text, :func:`annotate_archive` what :func:`~silkterm.glossary.apply.find_terms` and inline
:func:`~silkterm.glossary.apply.annotate` give, and :func:`collect_archive` what one
:class:`~silkterm.glossary.collect.Collector` reading every article in order proposes: each
partition is tallied where it is read (:class:`~silkterm.glossary.collect.Tally`) and the
tallies are added up in the archive's order.

``scheduler`` says where the work runs: a :class:`distributed.Client`; the address of a running
scheduler (``"tcp://host:8786"``: the archive's files and the glossary files must be readable
by the workers under the same paths); or ``None``: the default client if one is set, else a
local cluster started for the call and closed after it.

This module is the one adapter of Dask (``dask.bag``, ``dask.dataframe``, ``distributed``), all
imported when a function runs: ``pip install 'silkterm[dask]'`` brings them.
"""

from __future__ import annotations

import datetime as _dt
import functools
import importlib
import json
import operator
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from .apply import find_terms, inline_marks, normalize
from .collect import MAX_CONTEXTS, Collector, CollectResult, Tally
from .errors import GlossaryError, InputError
from .findings import Finding
from .loader import GlossarySpec
from .markup import detect_markup
from .model import Glossary
from .textio import open_atomic, read_text
from .translit import ZhTokenizer

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    import distributed

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm")
PARQUET_SUFFIXES = (".parquet", ".pq")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
FILES_PER_PARTITION = 16  # files of a folder read by one task
BLOCKSIZE = 32 << 20  # bytes of JSON lines read by one task
INSTALL_HINT = "pip install 'silkterm[dask]'"


@functools.lru_cache(maxsize=4)
def _loaded(spec: GlossarySpec) -> Glossary:
    return spec.load()  # once per process and glossary: the lru_cache keeps it


@functools.lru_cache(maxsize=4)
def _collector_tools(spec: GlossarySpec) -> ZhTokenizer:
    """The Chinese tokenizer a collector of that glossary builds (seconds of work): once per
    process, as one collector reading the whole archive builds it once."""
    return Collector(_loaded(spec)).tokenizer


def _collector(job: _Job) -> Collector:
    return Collector(_loaded(job.glossary), tokenizer=_collector_tools(job.glossary),
                     max_contexts=job.max_contexts)


@dataclass(frozen=True, slots=True)
class Normalized:
    """One article normalised: its id, the normalised text, and every finding."""

    id: str
    text: str
    changed: bool
    findings: tuple[Finding, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "changed": self.changed, "text": self.text,
                "findings": [f.to_dict() for f in self.findings]}


@dataclass(frozen=True, slots=True)
class Annotated:
    """One article annotated: its id, the text with inline annotations, and every finding."""

    id: str
    annotated: str
    findings: tuple[Finding, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "annotated": self.annotated,
                "findings": [f.to_dict() for f in self.findings]}


@dataclass(frozen=True, slots=True)
class _Job:
    """What every task needs to know: small, so it travels with each task."""

    glossary: GlossarySpec
    date: _dt.date | None
    markup: str
    unseen: bool
    accept_suggestions: int | None
    id_column: str
    text_column: str
    max_contexts: int = MAX_CONTEXTS


@dataclass(frozen=True, slots=True)
class _Archive:
    """An archive: its kind (``folder``, ``parquet``, ``jsonl``), its path, and for a folder its
    article files (for a folder of JSON lines, those files)."""

    kind: str
    path: str
    files: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Run:
    """Where and how a run reads: the scheduler, its timeout, the partitions' sizes."""

    scheduler: distributed.Client | str | None
    timeout: float
    files_per_partition: int
    blocksize: int


_Article = tuple[str, str, str]  # id, text, markup


def _import(name: str) -> Any:
    """The module ``name`` of Dask (typed loosely: Dask's own annotations are partial), or a
    one-line error saying what to install."""
    try:
        return importlib.import_module(name)
    except ImportError as e:
        raise GlossaryError(f"Dask is not installed ({e.name or name} is missing): {INSTALL_HINT}") from None


def _archive(source: str | Path) -> _Archive:
    """What ``source`` is, judged by its name and, for a folder, the files in it; its paths are
    absolute (workers do not share the caller's working directory)."""
    path = Path(source).absolute()
    name = str(source)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file())
        if any(p.suffix.lower() in PARQUET_SUFFIXES for p in files):
            return _Archive("parquet", str(path))
        texts = tuple(str(p) for p in files if p.suffix.lower() in TEXT_SUFFIXES)
        if texts:
            return _Archive("folder", str(path), texts)
        lines = tuple(str(p) for p in files if p.suffix.lower() in JSONL_SUFFIXES)
        if lines:
            return _Archive("jsonl", str(path), lines)
        raise InputError(f"no articles: no {', '.join(TEXT_SUFFIXES + JSONL_SUFFIXES)} or Parquet "
                         "files in the folder", path=name)
    if not path.exists():
        raise InputError("no such file or folder", path=name)
    suffix = path.suffix.lower()
    if suffix in PARQUET_SUFFIXES:
        return _Archive("parquet", str(path))
    if suffix in JSONL_SUFFIXES:
        return _Archive("jsonl", str(path), (str(path),))
    raise InputError(f"not an archive: give a folder, a Parquet file ({', '.join(PARQUET_SUFFIXES)}) "
                     f"or a JSON-lines file ({', '.join(JSONL_SUFFIXES)})", path=name)


def _folder_records(archive: _Archive, job: _Job, run: _Run) -> Any:
    """A folder: a bag of its files' paths, ``files_per_partition`` a partition."""
    return _import("dask.bag").from_sequence(archive.files, partition_size=run.files_per_partition)


def _folder_articles(records: Iterable[str], job: _Job, root: str) -> Iterator[_Article]:
    for path in records:
        markup = detect_markup(path) if job.markup == "auto" else job.markup
        yield PurePath(path).relative_to(root).as_posix(), read_text(path).text, markup


def _jsonl_records(archive: _Archive, job: _Job, run: _Run) -> Any:
    """JSON lines: a bag of ``(line, path)``, ``blocksize`` bytes a partition (undecodable bytes
    kept as surrogates, so that :func:`_jsonl_articles` can name the file)."""
    return _import("dask.bag").read_text(list(archive.files), blocksize=run.blocksize,
                                         errors="surrogateescape", include_path=True)


def _jsonl_articles(records: Iterable[tuple[str, str]], job: _Job, root: str) -> Iterator[_Article]:
    markup = "text" if job.markup == "auto" else job.markup
    for line, path in records:
        line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        shown = repr(line[:60].strip())
        try:
            line.encode("utf-8")
            row = json.loads(line)
        except UnicodeEncodeError:
            raise InputError("not valid UTF-8", path=path) from None
        except json.JSONDecodeError as e:
            raise InputError(f"a line is not JSON ({e.msg}): {shown}", path=path) from None
        if not isinstance(row, dict):
            raise InputError(f"a line is not a JSON object: {shown}", path=path)
        for column in (job.id_column, job.text_column):
            if column not in row:
                raise InputError(f"a line has no {column!r} field: {shown}; give id_column/text_column",
                                 path=path)
        yield *_checked(row[job.id_column], row[job.text_column], job, path), markup


def _parquet_records(archive: _Archive, job: _Job, run: _Run) -> Any:
    """Parquet: a bag of ``(id, text)`` rows, a partition per file (dask.dataframe's default);
    the columns are checked first, from the schema."""
    columns = [job.id_column, job.text_column]
    try:
        frame = _import("dask.dataframe").read_parquet(archive.path)
        have = list(frame.columns)
    except Exception as e:  # noqa: BLE001 - pyarrow's errors: not a Parquet file, unreadable
        message = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise InputError(f"cannot read as Parquet: {message}", path=archive.path) from None
    for column in columns:
        if column not in have:
            raise InputError(f"no column {column!r} (the columns: {', '.join(map(str, have))}); "
                             "give id_column/text_column", path=archive.path)
    return frame[columns].to_bag(index=False, format="tuple")


def _parquet_articles(records: Iterable[tuple[object, object]], job: _Job, root: str) -> Iterator[_Article]:
    markup = "text" if job.markup == "auto" else job.markup
    for ident, text in records:
        yield *_checked(ident, text, job, root), markup


@dataclass(frozen=True, slots=True)
class _Format:
    """How one kind of archive is read: as a bag of records (where the run is planned), and
    the records of a partition as ``(id, text, markup)`` articles (on a worker)."""

    records: Callable[[_Archive, _Job, _Run], Any]
    articles: Callable[[Any, _Job, str], Iterator[_Article]]


FORMATS: dict[str, _Format] = {
    "folder": _Format(_folder_records, _folder_articles),
    "jsonl": _Format(_jsonl_records, _jsonl_articles),
    "parquet": _Format(_parquet_records, _parquet_articles),
}


def _articles(records: Iterable[Any], kind: str, job: _Job, root: str) -> Iterator[_Article]:
    """The articles of one partition of an archive of ``kind``."""
    return FORMATS[kind].articles(records, job, root)


def _checked(ident: object, text: object, job: _Job, path: str) -> tuple[str, str]:
    if not isinstance(text, str):
        raise InputError(f"article {ident!s}: {job.text_column!r} is not text but {text!r}", path=path)
    return str(ident), text


def _normalize_partition(records: Iterable[Any], kind: str, job: _Job, root: str) -> list[Normalized]:
    glossary = _loaded(job.glossary)
    out = []
    for ident, text, markup in _articles(records, kind, job, root):
        r = normalize(text, glossary, date=job.date, markup=markup, unseen=job.unseen,
                      accept_suggestions=job.accept_suggestions)
        out.append(Normalized(ident, r.text, r.changed, r.findings))
    return out


def _annotate_partition(records: Iterable[Any], kind: str, job: _Job, root: str) -> list[Annotated]:
    glossary = _loaded(job.glossary)
    out = []
    for ident, text, markup in _articles(records, kind, job, root):
        found = find_terms(text, glossary, date=job.date, markup=markup, unseen=job.unseen)
        out.append(Annotated(ident, "".join(inline_marks(text, found, glossary)), tuple(found)))
    return out


def _tally_partition(records: Iterable[Any], kind: str, job: _Job, root: str) -> Tally:
    collector = _collector(job)
    for ident, text, markup in _articles(records, kind, job, root):
        collector.add(text, ident, markup)
    return collector.tally()


def _added(tallies: Iterable[Tally]) -> Tally:
    """The tallies of consecutive partitions, added in order."""
    return functools.reduce(operator.add, tallies)


def _proposals(tally: Tally, job: _Job) -> CollectResult:
    collector = _collector(job)
    collector.merge(tally)
    return collector.result()


@contextmanager
def _client(scheduler: distributed.Client | str | None, timeout: float) -> Iterator[distributed.Client]:
    """The client to run on (see the module description); one this call made is closed after."""
    distributed = _import("distributed")
    if isinstance(scheduler, distributed.Client):
        yield scheduler
        return
    if scheduler is None:
        try:
            default = distributed.default_client()
        except ValueError:  # none: a local cluster for this call
            default = None
        if default is not None:
            yield default
            return
        # (":0": its HTTP server on a free port; the default 8787 may be taken, with a warning)
        with distributed.LocalCluster(processes=True, dashboard_address=":0") as cluster, \
                distributed.Client(cluster, set_as_default=False) as client:
            yield client
        return
    try:
        client = distributed.Client(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as e:
        reason = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise InputError(f"cannot reach the Dask scheduler: {reason}", path=str(scheduler)) from None
    with client:
        yield client


def _map(records: Any, task: Callable[..., list[Any]], archive: _Archive, job: _Job) -> Any:
    """Normalize or annotate: ``task`` over each partition, the results in order."""
    return records.map_partitions(task, archive.kind, job, archive.path)


def _map_reduce(records: Any, task: Callable[..., Tally], archive: _Archive, job: _Job) -> Any:
    """Collect: ``task`` tallies each partition, the tallies are added up eight at a time in
    order, and the total gives the proposals."""
    tally = functools.partial(task, kind=archive.kind, job=job, root=archive.path)
    total = records.reduction(tally, _added, split_every=8)
    return _import("dask").delayed(_proposals)(total, job)


def _run(source: str | Path, job: _Job, run: _Run, plan: Callable[..., Any],
         task: Callable[..., Any]) -> Any:
    """Read the archive into a bag, ``plan`` the work over it, compute it on the cluster."""
    dask = _import("dask")
    for needed in ("dask.bag", "dask.dataframe", "distributed", "pyarrow"):  # fail at once if one is missing
        _import(needed)
    _loaded(job.glossary)  # glossary errors show here, and the disk cache is ready for local workers
    archive = _archive(source)
    work = plan(FORMATS[archive.kind].records(archive, job, run), task, archive, job)
    with _client(run.scheduler, run.timeout) as client:
        (result,) = dask.compute(work, scheduler=client)
    return result


def _job(glossary: GlossarySpec | None, date: _dt.date | None, markup: str, unseen: bool,
         accept_suggestions: int | None, id_column: str, text_column: str,
         max_contexts: int = MAX_CONTEXTS) -> _Job:
    if markup not in ("auto", "text", "markdown", "html"):
        raise GlossaryError(f"unknown markup {markup!r}; expected auto, text, markdown or html")
    spec = glossary or GlossarySpec()
    spec = GlossarySpec(tuple(str(Path(f).absolute()) for f in spec.paths), spec.include_default)
    return _Job(spec, date, markup, unseen, accept_suggestions, id_column, text_column, max_contexts)


def normalize_archive(source: str | Path, *, glossary: GlossarySpec | None = None,
                      scheduler: distributed.Client | str | None = None,
                      date: _dt.date | None = None, markup: str = "auto", unseen: bool = True,
                      accept_suggestions: int | None = None, id_column: str = "id",
                      text_column: str = "text", files_per_partition: int = FILES_PER_PARTITION,
                      blocksize: int = BLOCKSIZE, timeout: float = 30) -> list[Normalized]:
    """:func:`~silkterm.glossary.apply.normalize` every article of ``source``, in its order.

    ``markup``: ``auto`` judges a folder's files by their names and reads rows as plain text.
    ``timeout``: seconds to wait for the scheduler at an address. Raises :class:`InputError`
    for an archive or a scheduler that cannot be read or reached, naming it.
    """
    job = _job(glossary, date, markup, unseen, accept_suggestions, id_column, text_column)
    result: list[Normalized] = _run(source, job, _Run(scheduler, timeout, files_per_partition, blocksize),
                                    _map, _normalize_partition)
    return result


def annotate_archive(source: str | Path, *, glossary: GlossarySpec | None = None,
                     scheduler: distributed.Client | str | None = None,
                     date: _dt.date | None = None, markup: str = "auto", unseen: bool = True,
                     id_column: str = "id", text_column: str = "text",
                     files_per_partition: int = FILES_PER_PARTITION, blocksize: int = BLOCKSIZE,
                     timeout: float = 30) -> list[Annotated]:
    """Find the terms of every article of ``source`` (as :func:`~silkterm.glossary.apply.find_terms`)
    and annotate it inline (as :func:`~silkterm.glossary.apply.annotate`), in its order."""
    job = _job(glossary, date, markup, unseen, None, id_column, text_column)
    result: list[Annotated] = _run(source, job, _Run(scheduler, timeout, files_per_partition, blocksize),
                                   _map, _annotate_partition)
    return result


def collect_archive(source: str | Path, *, glossary: GlossarySpec | None = None,
                    scheduler: distributed.Client | str | None = None, markup: str = "auto",
                    id_column: str = "id", text_column: str = "text",
                    max_contexts: int = MAX_CONTEXTS, files_per_partition: int = FILES_PER_PARTITION,
                    blocksize: int = BLOCKSIZE, timeout: float = 30) -> CollectResult:
    """Collect the names of every article of ``source``: what
    :func:`~silkterm.glossary.collect.collect` proposes reading them in order, each named by
    its id."""
    job = _job(glossary, None, markup, True, None, id_column, text_column, max_contexts)
    result: CollectResult = _run(source, job, _Run(scheduler, timeout, files_per_partition, blocksize),
                                 _map_reduce, _tally_partition)
    return result


def write_jsonl(results: Iterable[Normalized | Annotated], path: str | Path) -> None:
    """Write ``results`` to ``path`` as JSON lines (one article a line), atomically: on an
    error nothing is left behind."""
    with open_atomic(path, "w", encoding="utf-8", newline="\n") as fh:
        for r in results:
            fh.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")

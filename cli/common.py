"""What every command shares: exit statuses and the mapping of library errors to one line."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click
from silkterm.cli.plain import fail, guarded

if TYPE_CHECKING:
    from silkterm.glossary.loader import GlossarySpec
    from silkterm.glossary.model import Glossary
    from silkterm.glossary.stream import TextFile
    from silkterm.glossary.textio import TextStream

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")
W = TypeVar("W")


class LazyGroup(click.Group):
    """A command group whose commands defined in other modules are imported when first needed.

    ``lazy`` maps a command name to ``"module:attribute"``. ``silkterm lookup`` then never
    imports the memory, collect or exchange commands (nor the library modules they import at
    their top), which keeps start-up short; help, completion and dispatch see every command.
    """

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command's name, the lazy ones included, sorted."""
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command named ``cmd_name``, importing its module if it is a lazy one."""
        if cmd_name in self.lazy and cmd_name not in self.commands:
            import importlib

            module, attribute = self.lazy[cmd_name].split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)


def handle_errors(func: F) -> F:
    """Turn library errors (glossary and translation memory) into a one-line message and exit
    status 2; a closed pipe (``silkterm normalize big.txt | head``) into status 0; Ctrl-C into
    ``silkterm: interrupted`` and status 130 (:func:`~silkterm.cli.plain.guarded`, which the
    quick ``silkterm lookup`` applies too)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return guarded(lambda: func(*args, **kwargs))

    return wrapper  # type: ignore[return-value]


def _readable_glossaries(ctx: click.Context, param: click.Parameter,
                         value: tuple[str, ...]) -> tuple[str, ...]:
    """Fail at once (one line, status 2) if a ``--glossary`` file is missing or unreadable,
    before any input or the built-in glossary is read."""
    from silkterm.glossary.cache import check_glossary_files
    from silkterm.glossary.errors import GlossaryError

    try:
        check_glossary_files(value)
    except GlossaryError as e:
        fail(str(e))
    return value


def _resolve_color(ctx: click.Context, param: click.Parameter, value: str) -> bool:
    """--color as a yes/no: always and never say it; auto colours a terminal unless the
    NO_COLOR environment variable is set and not empty (https://no-color.org)."""
    if value != "auto":
        return value == "always"
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def color_option(func: F) -> F:
    """``--color auto|always|never`` for a human listing; the parameter ``color`` is a bool."""
    return click.option("--color", "color", type=click.Choice(["auto", "always", "never"]),
                        default="auto", show_default=True, callback=_resolve_color,
                        help="Colour the listing: auto colours a terminal unless NO_COLOR "
                             "is set.")(func)


def quiet_option(func: F) -> F:
    """``--quiet``/``-q``: print nothing but errors; the exit status tells the outcome."""
    return click.option("--quiet", "-q", is_flag=True,
                        help="Print nothing (errors aside): the exit status is the answer.")(func)


LEVEL_COLORS = {"replace": "yellow", "suggest": "cyan", "note": "blue",
                "missing-term": "yellow", "deprecated-term": "yellow", "forbidden-term": "red"}


def finding_line(where: str, kind: str, rest: str, color: bool) -> str:
    """One line of a findings listing, ``where: kind rest``; with ``color``, the place in
    bold and the kind in the colour of :data:`LEVEL_COLORS`."""
    if not color:
        return f"{where}: {kind}{rest}"
    return (click.style(where, bold=True) + ": "
            + click.style(kind, fg=LEVEL_COLORS.get(kind), bold=True) + rest)


def glossary_options(func: F) -> F:
    """``--glossary PATH`` (repeatable, each checked to be a readable file when the command line
    is parsed) and ``--no-default``, as on every command that reads the glossary."""
    func = click.option("--no-default", is_flag=True,
                        help="Do not load the built-in glossary, only --glossary files.")(func)
    func = click.option("--glossary", "-g", "glossaries", multiple=True, metavar="PATH",
                        type=click.Path(), callback=_readable_glossaries,
                        help="A glossary YAML file to add (repeatable).")(func)
    return func


def load_glossaries(glossaries: Sequence[str], no_default: bool) -> Glossary:
    """The glossary the ``glossary_options`` name (the built-in one plus ``--glossary`` files)."""
    from silkterm.glossary.loader import load_glossary

    check_no_default(glossaries, no_default)
    return load_glossary(glossaries, include_default=not no_default)


def check_no_default(glossaries: Sequence[str], no_default: bool) -> None:
    """A usage error if ``--no-default`` leaves no glossary (no ``--glossary`` given)."""
    if no_default and not glossaries:
        raise click.UsageError("--no-default needs at least one --glossary")


def glossary_spec(glossaries: Sequence[str], no_default: bool) -> GlossarySpec:
    """The glossary of :func:`load_glossaries`, as a value worker processes load it from."""
    from silkterm.glossary.loader import GlossarySpec

    return GlossarySpec(tuple(glossaries), not no_default)


def jobs_option(func: F) -> F:
    """``--jobs``/``-j N``: read the files in N worker processes (0: one per core)."""
    return click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
                        metavar="N",
                        help="Read the files in N worker processes, each loading the glossary "
                             "once (0: one per core). The output is the same as with 1.")(func)


@contextmanager
def each_result(items: Sequence[T], here: Callable[[T], Iterable[R]], *, jobs: int,
                work: Callable[[W, S], Iterable[R]], task: Callable[[T], W],
                setup: Callable[[], S]) -> Iterator[Iterator[Iterable[R]]]:
    """The results of each of ``items``, in their order: ``here(item)`` in this process when
    ``jobs`` is 1 or there is one item; else ``work(task(item), state)`` in a pool of ``jobs``
    worker processes (0: one per core), ``state`` made by ``setup()`` once in each
    (:func:`silkterm.glossary.pool.map_ordered`). Leaving the block ends the pool."""
    workers = 1
    if jobs != 1:  # (the default, 1, needs no pool, nor its modules: a sixth of a small start-up)
        from silkterm.glossary.pool import cpu_jobs

        workers = cpu_jobs(jobs)
    if workers < 2 or len(items) < 2:
        yield (here(item) for item in items)
        return
    from silkterm.glossary.pool import map_ordered

    with map_ordered(work, [task(item) for item in items], setup, jobs=workers) as results:
        yield results


@contextmanager
def each_input(inputs: Sequence[Input], here: Callable[[Input], Iterable[R]], *, jobs: int,
               work: Callable[[TextFile, S], Iterable[R]], markup: str,
               setup: Callable[[], S]) -> Iterator[Iterator[tuple[Input, Iterable[R]]]]:
    """:func:`each_result` over text inputs, each paired with its results; a worker reads the
    file as a :class:`~silkterm.glossary.stream.TextFile` (its ``--encoding`` and markup).
    Standard input is read in this process."""
    from silkterm.glossary.stream import TextFile

    numbers = {id(src): doc for doc, src in enumerate(inputs, 1)}

    def task(src: Input) -> TextFile:
        return TextFile(src.path, src.given, markup_for(markup, src.path), numbers[id(src)])

    if any(src.spool is not None for src in inputs):
        jobs = 1
    with each_result(inputs, here, jobs=jobs, work=work, task=task, setup=setup) as results:
        yield zip(inputs, results, strict=True)


TM_HELP = ("The memory: a file (SQLite) or a PostgreSQL URL, postgresql://user@host:port/db. "
           "Default: $SILKTERM_TM, else the user's memory "
           "$XDG_DATA_HOME/silkterm/memory.sqlite (~/.local/share/silkterm/memory.sqlite), "
           "created holding the glossary's units on first use; a memory named here starts empty.")


def tm_option(func: F) -> F:
    """``--tm PATH``: the memory, as on the ``tm`` group, each of its subcommands and
    ``pretranslate`` (see :func:`memory_path`)."""
    return click.option("--tm", "tm_path", metavar="PATH|URL", type=click.Path(dir_okay=False),
                        help=TM_HELP)(func)


def _memory_key(name: str) -> str:
    """What two ``--tm`` values are compared by: a URL (``postgresql://…``) as given, a file by
    its absolute path."""
    return name if "://" in name else os.path.abspath(name)


def memory_path(ctx: click.Context, tm_path: str | None) -> str | None:
    """The memory a ``tm`` subcommand works on: its own ``--tm``, else the group's (``silkterm
    tm --tm PATH …``, or ``$SILKTERM_TM``, which the group hands over in ``ctx.obj``), else
    ``None`` (the default memory). The same ``--tm`` given before and after the subcommand is
    fine; two different ones are a usage error."""
    obj = ctx.obj if isinstance(ctx.obj, dict) else {}
    outer = obj.get("tm_path")
    if tm_path is None:
        return outer
    if (outer is not None and obj.get("tm_path_given", True)
            and _memory_key(outer) != _memory_key(tm_path)):
        raise click.UsageError(f"--tm is given twice, as {outer!r} before {ctx.info_name!r} and "
                               f"as {tm_path!r} after it; give it once", ctx=ctx)
    return tm_path


def json_array(items: Iterable[object], level: int = 0) -> Iterator[str]:
    """``json.dumps(list(items), ensure_ascii=False, indent=2)`` in pieces, nested ``level`` deep
    (its closing bracket indented so); one item in memory at a time.

    >>> import json
    >>> "".join(json_array(iter([{"a": 1}, 2]))) == json.dumps([{"a": 1}, 2], indent=2)
    True
    """
    import json

    pad = "  " * (level + 1)
    first = True
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n" + pad)
        yield ("[\n" if first else ",\n") + pad + text
        first = False
    yield "[]" if first else "\n" + "  " * level + "]"


class Input:
    """One input, checked to decode before anything is written; :meth:`open` reads it again as a
    stream of text pieces (standard input is held in a spooled temporary file)."""

    def __init__(self, name: str, encoding: str | None, spool: IO[bytes] | None = None) -> None:
        from silkterm.glossary.textio import validate

        self.given, self.spool = encoding, spool
        self.path = "<stdin>" if spool is not None else name
        stream = self.open()
        self.encoding, self.bom = stream.encoding, stream.bom
        validate(stream)

    def open(self) -> TextStream:
        """The input from its start, decoded a block at a time."""
        from silkterm.glossary.textio import TextStream

        if self.spool is not None:
            self.spool.seek(0)
        return TextStream.open(self.path, self.given, raw=self.spool)


def open_inputs(files: Sequence[str], encoding: str | None) -> list[Input]:
    """Check that every input decodes before anything is written: a bad file stops the run
    untouched. Memory holds one block of a file at a time."""
    import shutil
    import tempfile

    from silkterm.glossary.textio import check_encoding

    if encoding:
        check_encoding(encoding)
    out = []
    for name in files or ("-",):
        if name == "-":
            spool = tempfile.SpooledTemporaryFile(max_size=1 << 20)  # noqa: SIM115 - lives with the run
            shutil.copyfileobj(sys.stdin.buffer, spool, 1 << 20)
            out.append(Input(name, encoding, spool))
        else:
            out.append(Input(name, encoding))
    return out


def markup_for(choice: str, path: str) -> str:
    from silkterm.glossary.markup import detect_markup

    return detect_markup(None if path == "<stdin>" else path) if choice == "auto" else choice


def reading_options(func: F) -> F:
    """``--markup`` and ``--encoding``: how the input texts are read, on every command reading texts."""
    func = click.option("--encoding", metavar="NAME",
                        help="Encoding of the input files (default UTF-8, BOM accepted).")(func)
    return click.option("--markup", type=click.Choice(["auto", "text", "markdown", "html"]),
                        default="auto", show_default=True,
                        help="What to protect: URLs and e-mails always; code and tags for "
                             "markdown/html. auto decides by file extension.")(func)


def corpus_options(func: F) -> F:
    """``-o/--output``, ``--markup``, ``--encoding`` and the glossary options, as on the commands
    that read a corpus of texts and write one result (``collect``, ``report``)."""
    func = reading_options(glossary_options(func))
    func = click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
                        default="-", help="Write here (atomically) instead of standard output.")(func)
    return func

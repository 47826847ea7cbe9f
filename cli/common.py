"""What every command shares: exit statuses and the mapping of library errors to one line."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from silkterm.glossary.model import Glossary

F = TypeVar("F", bound=Callable[..., Any])


class Exit(IntEnum):
    """Exit statuses of every command."""

    CLEAN = 0
    FINDINGS = 1
    ERROR = 2
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), as shells report it


def fail(message: str) -> None:
    """Print ``silkterm: error: message`` on stderr and exit with status 2."""
    click.echo(f"silkterm: error: {message}", err=True)
    sys.exit(Exit.ERROR)


def handle_errors(func: F) -> F:
    """Turn library errors (glossary and translation memory) into a one-line message and exit
    status 2; Ctrl-C into ``silkterm: interrupted`` and status 130 (outputs are written
    atomically and imports are transactions, so an interrupted command leaves no half-written
    file or memory behind)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from silkterm.glossary.errors import GlossaryError
        from silkterm.tm.errors import TMError

        try:
            return func(*args, **kwargs)
        except (GlossaryError, TMError) as e:
            fail(str(e))
        except BrokenPipeError:  # e.g. `silkterm normalize big.txt | head`
            sys.stderr.close()
            sys.exit(Exit.CLEAN)
        except KeyboardInterrupt:
            click.echo("silkterm: interrupted", err=True)
            sys.exit(Exit.INTERRUPTED)
        return None

    return wrapper  # type: ignore[return-value]


def glossary_options(func: F) -> F:
    """``--glossary PATH`` (repeatable) and ``--no-default``, as on every command that reads the
    glossary."""
    func = click.option("--no-default", is_flag=True,
                        help="Do not load the built-in glossary, only --glossary files.")(func)
    func = click.option("--glossary", "-g", "glossaries", multiple=True, metavar="PATH",
                        type=click.Path(dir_okay=False),
                        help="A glossary YAML file to add (repeatable).")(func)
    return func


def load_glossaries(glossaries: Sequence[str], no_default: bool) -> Glossary:
    """The glossary the ``glossary_options`` name (the built-in one plus ``--glossary`` files)."""
    from silkterm.glossary.loader import load_glossary

    if no_default and not glossaries:
        raise click.UsageError("--no-default needs at least one --glossary")
    return load_glossary(glossaries, include_default=not no_default)


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

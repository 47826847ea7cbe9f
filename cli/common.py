"""What every command shares: exit statuses and the mapping of library errors to one line."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from enum import IntEnum
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


class Exit(IntEnum):
    """Exit statuses of every command."""

    CLEAN = 0
    FINDINGS = 1
    ERROR = 2


def fail(message: str) -> None:
    """Print ``silkterm: error: message`` on stderr and exit with status 2."""
    click.echo(f"silkterm: error: {message}", err=True)
    sys.exit(Exit.ERROR)


def handle_errors(func: F) -> F:
    """Turn library errors (glossary and translation memory) into a one-line message and exit
    status 2."""

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
        return None

    return wrapper  # type: ignore[return-value]

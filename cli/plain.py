"""What the command line does without click: exit statuses, error mapping, and ``silkterm
lookup TERM…`` answered at once.

A lookup is what an editor types while writing, so its start-up counts, and importing click
takes most of it (click imports ``inspect``, ``typing``, ``uuid``…). A command line that is
``lookup`` followed by terms only (no option, nothing that starts with ``-``), printed to a UTF-8
standard output, is therefore answered by the console script (:mod:`silkterm.cli.entry`) with
:func:`lookup`: the same library call (:func:`~silkterm.glossary.quicklookup.look_up`), the same
lines (:func:`lookup_lines`, which the click command prints too), the same exit statuses and
error messages (:func:`guarded`, which ``handle_errors`` applies to every click command).
``tests/cli/test_entry.py`` runs both ways and compares their output byte for byte.

>>> plain_lookup_terms(["lookup", "Horgos", "霍尔果斯"]), plain_lookup_terms(["lookup", "--limit", "2", "x"])
(['Horgos', '霍尔果斯'], None)
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from enum import IntEnum
from typing import IO, TYPE_CHECKING, NoReturn, TypeVar

if TYPE_CHECKING:
    from silkterm.glossary.lookuptable import LookupTable
    from silkterm.glossary.model import Glossary
    from silkterm.glossary.query import LookupResult

R = TypeVar("R")


class Exit(IntEnum):
    """Exit statuses of every command."""

    CLEAN = 0
    FINDINGS = 1
    ERROR = 2
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), as shells report it


def fail(message: str) -> NoReturn:
    """Print ``silkterm: error: message`` on stderr and exit with status 2."""
    _say(sys.stderr, f"silkterm: error: {message}")
    sys.exit(Exit.ERROR)


def guarded(call: Callable[[], R]) -> R:
    """``call()``, with library errors (glossary and translation memory) turned into a one-line
    message and exit status 2, a closed pipe (``silkterm … | head``) into status 0, and Ctrl-C
    into ``silkterm: interrupted`` and status 130 (outputs are written atomically and imports
    are transactions, so an interrupted command leaves no half-written file or memory behind).
    Text the standard output's encoding cannot hold (``PYTHONIOENCODING=latin-1`` and a Chinese
    name) is an error of status 2 too, which says so."""
    from silkterm.glossary.errors import LocatedError

    try:
        return call()
    except LocatedError as e:  # the base of GlossaryError and of silkterm.tm's TMError
        fail(str(e))
    except UnicodeEncodeError as e:
        fail(f"the output's encoding ({e.encoding}) cannot write {e.object[e.start:e.end]!r}: "
             "set PYTHONIOENCODING=utf-8")
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(Exit.CLEAN)
    except KeyboardInterrupt:
        _say(sys.stderr, "silkterm: interrupted")
        sys.exit(Exit.INTERRUPTED)


def _say(stream: IO[str], line: str) -> None:
    stream.write(line + "\n")
    stream.flush()


def lookup_lines(results: Sequence[LookupResult], table: LookupTable,
                 glossary: Glossary | None = None) -> Iterator[str]:
    """The lines ``silkterm lookup`` prints of ``results`` (text format): each match, with how
    it was found, and the description of the best one; with the ``glossary`` (``--explain``),
    where each form comes from."""
    for r in results:
        if not r.matches:
            yield f"{r.query}: no match"
            continue
        for i, m in enumerate(r.matches):
            kind = table.concept_type(m.concept_id)
            if m.score >= 98:
                yield f"{r.query} → {m.canonical} [{m.concept_id}] {kind}: {m.how}"
                if glossary is not None:
                    from silkterm.glossary.query import explain_form

                    yield f"  how: {explain_form(glossary, m.concept_id, m.form)}"
                if i == 0:
                    yield from table.description(m.concept_id)
            else:
                yield f"{r.query} ~ {m.canonical} [{m.concept_id}] {kind}: {m.how}, score {m.score}"


def plain_lookup_terms(argv: Sequence[str]) -> list[str] | None:
    """The terms of a command line (without the program name) that is ``lookup`` and terms
    only, or None: click parses it. A term must not start with ``-`` (an option, ``--``,
    ``-h``), hold an escape character (click strips ANSI codes from what it prints to a pipe)
    or fail to encode as UTF-8 (a command-line byte that is no UTF-8)."""
    if len(argv) < 2 or argv[0] != "lookup":
        return None
    for term in argv[1:]:
        if term.startswith("-") or "\x1b" in term:
            return None
        try:
            term.encode("utf-8")
        except UnicodeEncodeError:
            return None
    return list(argv[1:])


def utf8(stream: IO[str]) -> bool:
    """Whether ``stream`` writes UTF-8 (click would wrap a misconfigured one: leave it to click)."""
    encoding = getattr(stream, "encoding", None) or ""
    return encoding.lower().replace("-", "").replace("_", "") == "utf8"


def lookup(terms: Sequence[str]) -> Exit:
    """``silkterm lookup TERM…`` with the defaults (text, 5 matches a term, the built-in
    glossary): print the lines, and say whether every term matched."""
    from silkterm.glossary.quicklookup import look_up

    results, table = look_up(terms)
    out = sys.stdout
    for line in lookup_lines(results, table):
        out.write(line + "\n")
    out.flush()
    return Exit.FINDINGS if any(not r.matches for r in results) else Exit.CLEAN

"""The ``silkterm`` console script: ``silkterm lookup TERM…`` at once, everything else through
click (see :mod:`silkterm.cli.plain`: a plain lookup imports no click)."""

from __future__ import annotations

import sys

from silkterm.cli.plain import guarded, lookup, plain_lookup_terms, utf8


def main() -> None:
    """Entry point of the ``silkterm`` console script: a plain ``lookup TERM…`` printed to a
    UTF-8 standard output is answered without click; any other command line goes to
    :func:`silkterm.cli.main.main`."""
    terms = plain_lookup_terms(sys.argv[1:])
    if terms is not None and utf8(sys.stdout):
        sys.exit(guarded(lambda: lookup(terms)))
    from silkterm.cli.main import main as click_main

    click_main()

"""``python -m silkterm.cli.placebuild [-o PATH] [--report]``: rebuild the shipped place names.

The command around :func:`silkterm.glossary.placebuild.build` (which needs the ``data`` extra):
it writes the table atomically (or to standard output) and, with ``--report``, prints what was
dropped and which time zones matched no city. A missing extra or an unwritable output is one line
on standard error and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from silkterm.glossary.errors import GlossaryError
from silkterm.glossary.placebuild import build
from silkterm.glossary.textio import write_text_atomic


def main(argv: Sequence[str] | None = None) -> int:
    """Write the table (atomically) and, with ``--report``, what was left out; the exit status."""
    parser = argparse.ArgumentParser(prog="python -m silkterm.cli.placebuild",
                                     description="Rebuild the shipped place names from GeoNames and CLDR.")
    parser.add_argument("-o", "--output", type=Path, help="where to write (default: standard output)")
    parser.add_argument("--report", action="store_true", help="print what was dropped and not matched")
    args = parser.parse_args(argv)
    try:
        text, report = build()
        if args.output is None:
            sys.stdout.write(text)
        else:
            write_text_atomic(args.output, text)
    except ImportError as error:
        print(f"error: {error.name or error} is missing: pip install 'silkterm[data]'", file=sys.stderr)
        return 2
    except GlossaryError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.report:
        for reason, count in sorted(report.dropped.items()):
            print(f"dropped\t{reason}\t{count}")
        print(f"unmatched zones\t{' '.join(report.unmatched_zones)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

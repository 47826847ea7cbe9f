"""``python -m silkterm.cli.zhdictbuild CEDICT_FILE [-o PATH]``: rebuild the shipped Chinese names.

The command around :func:`silkterm.glossary.zhdictbuild.build`: it reads a CC-CEDICT file
(``cedict_ts.u8``, UTF-8) and writes the extract atomically (or to standard output). An unreadable
input or an unwritable output is one line on standard error and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from silkterm.glossary.errors import GlossaryError
from silkterm.glossary.textio import write_text_atomic
from silkterm.glossary.zhdictbuild import build


def main(argv: Sequence[str] | None = None) -> int:
    """Write the extract (atomically); the exit status."""
    parser = argparse.ArgumentParser(prog="python -m silkterm.cli.zhdictbuild",
                                     description="Rebuild the shipped Chinese names from CC-CEDICT.")
    parser.add_argument("cedict", type=Path, help="a CC-CEDICT file (cedict_ts.u8)")
    parser.add_argument("-o", "--output", type=Path, help="where to write (default: standard output)")
    args = parser.parse_args(argv)
    try:
        text = build(args.cedict.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        print(f"error: {args.cedict}: {getattr(error, 'strerror', None) or error}", file=sys.stderr)
        return 2
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_text_atomic(args.output, text)
    except GlossaryError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

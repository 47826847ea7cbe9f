"""Opening input files: every failure is a :class:`~silkterm.tm.errors.TMFormatError` naming the
file, never an ``OSError``.

>>> open_input("/nonexistent.tmx")
Traceback (most recent call last):
...
silkterm.tm.errors.TMFormatError: /nonexistent.tmx: no such file
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from silkterm.glossary.errors import os_error_message

from .errors import TMFormatError


def open_input(path: str | Path) -> BinaryIO:
    """``path`` opened for reading bytes."""
    name = str(path)
    try:
        return open(path, "rb")  # noqa: SIM115 - the caller closes it
    except OSError as e:
        raise TMFormatError(os_error_message(e), path=name) from None

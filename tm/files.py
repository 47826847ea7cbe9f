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

from silkterm.glossary import textio

from .errors import TMFormatError


def open_input(path: str | Path) -> BinaryIO:
    """``path`` opened for reading bytes (:func:`silkterm.glossary.textio.open_input`)."""
    return textio.open_input(path, error=TMFormatError)

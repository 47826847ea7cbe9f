"""The translation-memory library's exception hierarchy.

Every error carries the file and, where known, the line it is about; ``str(error)`` is a one-line
message suitable for a command line (``path:line: message``).

>>> str(TMFormatError("mismatched tag", path="big.tmx", line=12))
'big.tmx:12: mismatched tag'
"""

from __future__ import annotations


class TMError(Exception):
    """Base class of every error the translation-memory library raises on purpose."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return f"{where}{self.message}"


class TMFormatError(TMError):
    """An exchange file (TMX, PO, MO, CSV, TBX) is malformed, truncated, unsafe or not in the
    stated encoding."""


class TMStoreError(TMError):
    """The memory database cannot be opened, is not a silkterm memory, or a write failed."""

"""The translation-memory library's exception hierarchy.

Every error carries the file and, where known, the line it is about; ``str(error)`` is a one-line
message suitable for a command line (``path:line: message``).

>>> str(TMFormatError("mismatched tag", path="big.tmx", line=12))
'big.tmx:12: mismatched tag'
"""

from __future__ import annotations

from silkterm.glossary.errors import LocatedError


class TMError(LocatedError):
    """Base class of every error the translation-memory library raises on purpose."""


class TMFormatError(TMError):
    """An exchange file (TMX, PO, MO, CSV, TBX) is malformed, truncated, unsafe or not in the
    stated encoding."""


class TMStoreError(TMError):
    """The memory database cannot be opened, is not a silkterm memory, or a write failed."""

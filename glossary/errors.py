"""The glossary library's exception hierarchy.

Every error carries the file and, where known, the line it is about; ``str(error)`` is a one-line
message suitable for a command line (``path:line: message``).

>>> str(GlossaryFormatError("unknown key 'colour'", path="g.yaml", line=3))
"g.yaml:3: unknown key 'colour'"
"""

from __future__ import annotations


class LocatedError(Exception):
    """An error about a place in a file: ``message`` with optional ``path`` and ``line``.

    The base of each library's own hierarchy (:class:`GlossaryError` here,
    :class:`silkterm.tm.errors.TMError` for the translation memory).
    """

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


def os_error_message(error: OSError) -> str:
    """The one-line reason a file could not be opened, shared by every reader.

    >>> os_error_message(FileNotFoundError(2, "No such file or directory"))
    'no such file'
    """
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, IsADirectoryError):
        return "is a directory"
    if isinstance(error, PermissionError):
        return "permission denied"
    return f"cannot read: {error.strerror or error}"


class GlossaryError(LocatedError):
    """Base class of every error the glossary library raises on purpose."""


class GlossaryFormatError(GlossaryError):
    """A glossary file is not valid YAML or does not follow the glossary format."""


class GlossaryConflictError(GlossaryError):
    """Two entries clash: a duplicate id, or a surface form claimed by two concepts."""


class SpecFailure(GlossaryError):
    """A concept's ``specs`` example does not produce the expected text."""


class InputError(GlossaryError):
    """A text input cannot be read: missing, a directory, binary, or not in the stated encoding."""


class WorkerError(GlossaryError):
    """A worker process of ``--jobs`` ended before it had finished its file (killed from outside,
    e.g. by the kernel's out-of-memory killer)."""

"""Reading text inputs safely and writing outputs atomically.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> write_text_atomic(p, "Khorgos\\n", encoding="utf-8")
>>> read_text(p).text
'Khorgos\\n'
>>> _ = p.write_bytes(b"Astana \\xff")
>>> try:
...     read_text(p)
... except InputError as e:
...     print(e.message)
not valid UTF-8 (byte 0xff at offset 7); give --encoding
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, BinaryIO

from .errors import InputError, LocatedError, os_error_message

_BINARY_SNIFF = 8192
READ_SIZE = 1 << 20  # bytes read at a time by :class:`TextStream`


@dataclass(frozen=True, slots=True)
class TextFile:
    """A decoded input: its text, the encoding it was read with, and whether it had a BOM."""

    path: str
    text: str
    encoding: str
    bom: bool = False


def check_encoding(encoding: str) -> str:
    """The canonical name of ``encoding``; :class:`InputError` if Python does not know it."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None


def decode(raw: bytes, path: str, encoding: str | None = None) -> TextFile:
    """Decode bytes read from ``path``: UTF-8 (a BOM is accepted) unless ``encoding`` is given."""
    name = check_encoding(encoding) if encoding else "utf-8"
    if encoding is None and raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        name = "utf-16"  # a UTF-16 byte-order mark is unambiguous
    utf16 = name.startswith(("utf-16", "utf-32"))
    if not utf16 and b"\0" in raw[:_BINARY_SNIFF]:
        raise InputError("binary file (contains NUL bytes); give --encoding if it is UTF-16 or "
                         "UTF-32 text", path=path)
    bom = False
    if name == "utf-8" and raw.startswith(codecs.BOM_UTF8):
        raw, bom = raw[len(codecs.BOM_UTF8):], True
    try:
        text = raw.decode(name)
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        hint = "; give --encoding" if encoding is None else ""
        raise InputError(f"not valid {encoding or 'UTF-8'} (byte 0x{raw[e.start]:02x} at offset "
                         f"{e.start}){hint}", path=path, line=line if line > 1 else None) from None
    return TextFile(path, text, name, bom)


def open_input(path: str | Path, *, error: type[LocatedError] = InputError) -> BinaryIO:
    """``path`` opened for reading bytes; a failure is ``error`` (the caller's layer's error)
    naming the file, never an ``OSError``.

    >>> open_input("/nonexistent.tbx")
    Traceback (most recent call last):
    ...
    silkterm.glossary.errors.InputError: /nonexistent.tbx: no such file
    """
    try:
        return open(path, "rb")
    except OSError as e:
        raise error(os_error_message(e), path=str(path)) from None


def read_text(path: str | Path, encoding: str | None = None) -> TextFile:
    """Read and decode a text file; every failure is an :class:`InputError` naming the file."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        raise InputError(os_error_message(e), path=name) from None
    return decode(raw, name, encoding)


@dataclass(slots=True)
class TextStream:
    """A text input decoded a block at a time: iterate for its text in pieces.

    Decoding follows :func:`decode` (UTF-8 with an optional BOM unless ``encoding`` is given; a
    UTF-16 BOM is honoured; NUL bytes in the first 8 KiB mean a binary file) and fails with the
    same :class:`InputError` (byte offset after the BOM, line). ``encoding`` and ``bom`` are known
    once :meth:`open` returns. ``raw`` is a binary file object (standard input, a spooled copy);
    without it the file ``path`` is opened. Memory holds one block, whatever the file's size.

    >>> import io
    >>> s = TextStream.open("<stdin>", raw=io.BytesIO(b"\\xef\\xbb\\xbfKhorgos\\n"), size=3)
    >>> ("".join(s), s.encoding, s.bom)
    ('Khorgos\\n', 'utf-8', True)
    """

    path: str
    encoding: str
    bom: bool
    _raw: IO[bytes]
    _first: bytes
    _size: int
    _own: bool
    _given: str | None = None
    _used: bool = field(default=False)

    @classmethod
    def open(cls, path: str | Path, encoding: str | None = None, *, raw: IO[bytes] | None = None,
             size: int | None = None) -> TextStream:
        """Open ``path`` (or read ``raw``) and sniff its first block for a BOM and NUL bytes;
        then read ``size`` bytes at a time (default ``READ_SIZE``)."""
        name = str(path)
        size = size or READ_SIZE
        own = raw is None
        try:
            fh = open(path, "rb") if raw is None else raw  # noqa: SIM115 - closed by close()
        except OSError as e:
            raise InputError(os_error_message(e), path=name) from None
        try:
            first = fh.read(max(size, _BINARY_SNIFF))
        except OSError as e:
            if own:
                fh.close()
            raise InputError(os_error_message(e), path=name) from None
        codec = check_encoding(encoding) if encoding else "utf-8"
        if encoding is None and first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            codec = "utf-16"
        utf16 = codec.startswith(("utf-16", "utf-32"))
        if not utf16 and b"\0" in first[:_BINARY_SNIFF]:
            if own:
                fh.close()
            raise InputError("binary file (contains NUL bytes); give --encoding if it is UTF-16 or "
                             "UTF-32 text", path=name)
        bom = codec == "utf-8" and first.startswith(codecs.BOM_UTF8)
        if bom:
            first = first[len(codecs.BOM_UTF8):]
        return cls(name, codec, bom, fh, first, size, own, encoding)

    def __iter__(self) -> Iterator[str]:
        if self._used:
            raise ValueError("a TextStream is read once")
        self._used = True
        decoder = codecs.getincrementaldecoder(self.encoding)("strict")
        offset = newlines = 0  # bytes decoded before the current block, and their line breaks
        block = self._first
        try:
            while True:
                final = not block
                pending = decoder.getstate()[0]
                try:
                    text = decoder.decode(block, final=final)
                except UnicodeDecodeError as e:
                    at = e.start - len(pending)  # in this block (negative: in the bytes kept back)
                    before = offset + at
                    seen = (pending + block)[: len(pending) + at]
                    line = newlines - pending.count(b"\n") + seen.count(b"\n") + 1
                    hint = "; give --encoding" if self._given is None else ""
                    raise InputError(f"not valid {self._given or 'UTF-8'} (byte 0x{e.object[e.start]:02x} "
                                     f"at offset {before}){hint}", path=self.path,
                                     line=line if line > 1 else None) from None
                if text:
                    yield text
                if final:
                    return
                offset += len(block)
                newlines += block.count(b"\n")
                try:
                    block = self._raw.read(self._size)
                except OSError as e:
                    raise InputError(os_error_message(e), path=self.path) from None
        finally:
            self.close()

    def close(self) -> None:
        """Close the file if this stream opened it."""
        if self._own:
            self._raw.close()


def validate(stream: TextStream) -> None:
    """Decode all of ``stream`` without keeping it: :class:`InputError` if it is no valid text."""
    for _ in stream:
        pass


class AtomicWriter:
    """Write a file through a temporary file beside it; :meth:`commit` renames it into place,
    :meth:`discard` removes it (all or nothing, as :func:`write_bytes_atomic`).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "b.txt"
    >>> w = AtomicWriter(p)
    >>> w.write(b"Khorgos")
    >>> w.commit()
    >>> p.read_text()
    'Khorgos'
    """

    def __init__(self, path: str | Path) -> None:
        self.target = Path(path)
        try:
            self.mode = self.target.stat().st_mode & 0o7777  # an existing file keeps its bits
        except OSError:
            self.mode = 0o666 & ~_umask()  # a new one gets what open() would give it
        try:
            import tempfile  # only when writing: not needed to start the command line

            fd, self.tmp = tempfile.mkstemp(dir=self.target.parent or Path("."),
                                            prefix=f".{self.target.name}.", suffix=".tmp")
        except OSError as e:
            raise InputError(f"cannot write: {e.strerror or e}", path=str(path)) from None
        self._fh: IO[bytes] | None = os.fdopen(fd, "wb")
        self._done = False

    @property
    def file(self) -> IO[bytes]:
        """The temporary file, open for binary writing (until :meth:`commit` or :meth:`discard`)."""
        assert self._fh is not None, "used after commit or discard"
        return self._fh

    def write(self, data: bytes) -> None:
        """Append ``data`` to the temporary file."""
        assert self._fh is not None, "written after commit or discard"
        try:
            self._fh.write(data)
        except OSError as e:
            self.discard()
            raise InputError(f"cannot write: {e.strerror or e}", path=str(self.target)) from None

    def commit(self) -> None:
        """Flush, sync and rename the temporary file over the target."""
        assert self._fh is not None, "committed twice"
        try:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            self._fh = None
            os.chmod(self.tmp, self.mode)
            os.replace(self.tmp, self.target)
            self._done = True
        except OSError as e:
            self.discard()
            raise InputError(f"cannot write: {e.strerror or e}", path=str(self.target)) from None

    def discard(self) -> None:
        """Remove the temporary file; the target stays as it was (nothing to do after commit)."""
        if self._done:
            return
        self._done = True
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


def encoder(encoding: str = "utf-8", bom: bool = False,
            path: str | None = None) -> Callable[..., bytes]:
    """An incremental :func:`encode`: ``encode(piece)`` for each piece of a text, then
    ``encode("", final=True)``; a BOM is written once, before the first piece.

    >>> enc = encoder("utf-16")
    >>> enc("Kho") + enc("rgos") + enc("", final=True) == "Khorgos".encode("utf-16")
    True
    """
    incremental = codecs.getincrementalencoder(encoding)("strict")
    pending = [codecs.BOM_UTF8] if bom and codecs.lookup(encoding).name == "utf-8" else []

    def encode_piece(text: str, final: bool = False) -> bytes:
        try:
            data = incremental.encode(text, final)
        except UnicodeEncodeError as e:
            raise InputError(f"cannot encode {text[e.start]!r} in {encoding}", path=path) from None
        if pending:
            data = pending.pop() + data
        return data

    return encode_piece


def encode(text: str, encoding: str = "utf-8", bom: bool = False, path: str | None = None) -> bytes:
    """Encode for writing; :class:`InputError` (naming ``path``) if ``encoding`` cannot hold it."""
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as e:
        raise InputError(f"cannot encode {text[e.start]!r} in {encoding}", path=path) from None
    return codecs.BOM_UTF8 + data if bom and encoding == "utf-8" else data


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def open_atomic(path: str | Path, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path`` for streaming output (``mode`` ``"w"`` with
    ``encoding``/``newline`` as :func:`open` takes them, or ``"wb"``); when the block ends it
    replaces ``path`` (an existing file keeps its permission bits), on any error it is removed
    and ``path`` is untouched. The one atomic writer of silkterm (:class:`AtomicWriter` for
    writers that commit later).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with open_atomic(p, encoding="utf-8") as fh:
    ...     _ = fh.write("Khorgos")
    >>> p.read_text(encoding="utf-8")
    'Khorgos'
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"open_atomic writes ('w' or 'wb'), not {mode!r}")
    writer = AtomicWriter(path)
    try:
        raw = writer.file
        if mode == "wb":
            yield raw
        else:
            text = io.TextIOWrapper(raw, **kwargs)
            yield text
            text.flush()
            text.detach()
        writer.commit()
    except OSError as e:
        raise InputError(f"cannot write: {e.strerror or e}", path=str(path)) from None
    finally:
        writer.discard()  # nothing left to do after a commit


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: all or nothing.

    The file keeps its permission bits when it exists already.
    """
    with open_atomic(path, "wb") as fh:
        fh.write(data)


def write_text_atomic(path: str | Path, text: str, encoding: str = "utf-8", bom: bool = False) -> None:
    """Encode ``text`` and write it atomically (see :func:`write_bytes_atomic`)."""
    write_bytes_atomic(path, encode(text, encoding, bom, str(path)))

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
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, os_error_message

_BINARY_SNIFF = 8192


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
    utf16 = name.startswith("utf-16") or name.startswith("utf-32")
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


def read_text(path: str | Path, encoding: str | None = None) -> TextFile:
    """Read and decode a text file; every failure is an :class:`InputError` naming the file."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        raise InputError(os_error_message(e), path=name) from None
    return decode(raw, name, encoding)


def encode(text: str, encoding: str = "utf-8", bom: bool = False, path: str | None = None) -> bytes:
    """Encode for writing; :class:`InputError` (naming ``path``) if ``encoding`` cannot hold it."""
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as e:
        raise InputError(f"cannot encode {text[e.start]!r} in {encoding}", path=path) from None
    return codecs.BOM_UTF8 + data if bom and encoding == "utf-8" else data


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: all or nothing.

    The file keeps its permission bits when it exists already.
    """
    target = Path(path)
    try:
        mode = target.stat().st_mode & 0o7777
    except OSError:
        mode = None
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent or Path("."), prefix=f".{target.name}.",
                                   suffix=".tmp")
    except OSError as e:
        raise InputError(f"cannot write: {e.strerror or e}", path=str(path)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise InputError(f"cannot write: {e.strerror or e}", path=str(path)) from None
        raise


def write_text_atomic(path: str | Path, text: str, encoding: str = "utf-8", bom: bool = False) -> None:
    """Encode ``text`` and write it atomically (see :func:`write_bytes_atomic`)."""
    write_bytes_atomic(path, encode(text, encoding, bom, str(path)))

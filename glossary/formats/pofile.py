r"""GNU gettext PO files through polib: the only module that imports polib.

Both the glossary's PO format (:mod:`silkterm.glossary.formats.po`) and the memory's
(:mod:`silkterm.tm.po`) read and write PO files through this adapter: :func:`load_po` parses a
whole file strictly (polib is lenient; :class:`SyntaxChecker` is not), decoding it in its
header's charset and the C escapes gettext knows (:func:`c_escapes`); :func:`new_entry`,
:func:`header_text` and :func:`render_entry` make the text of a file, :func:`encode_po` the bytes
of a parsed one; :func:`load_mo` reads a compiled catalogue. polib's errors become one-line
errors naming the file and line (:func:`polib_error`).

Every function that can fail takes ``error``, the class of the error it raises (a
:class:`~silkterm.glossary.errors.LocatedError`): the caller's layer's format error,
:class:`~silkterm.glossary.errors.GlossaryFormatError` by default.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "a.po"
>>> _ = p.write_text('msgid "Khorgos"\nmsgstr "霍尔果斯"\n', encoding="utf-8")
>>> [(e.msgid, e.msgstr) for e in load_po(p).pofile]
[('Khorgos', '霍尔果斯')]
>>> _ = p.write_text('msgid "Khorgos\nmsgstr ""\n', encoding="utf-8")
>>> load_po(p)
Traceback (most recent call last):
...
silkterm.glossary.errors.GlossaryFormatError: ...a.po:1: unterminated string
"""

from __future__ import annotations

import bisect
import codecs
import contextlib
import datetime as _dt
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import polib
from silkterm.glossary.errors import GlossaryFormatError, LocatedError
from silkterm.glossary.textio import open_input
from silkterm.glossary.version import __version__

#: The class of error a function raises: the caller's layer's format error.
ErrorType = type[LocatedError]

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr\[\d+\]|msgstr)(?=[\s\"]|$)\s*(.*)$")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_CHARSET = re.compile(rb"charset=([\w.:-]+)")
_POLIB_LINE = re.compile(r"\(line (\d+)\)")
#: What ends a line for gettext (not VT, FF, U+2028).
LINE_BREAK = re.compile(r"\r\n|\r|\n")
_C_ESCAPE_HINT = re.compile(r"\\[a0-7x]")
_C_ESCAPE = re.compile(r"\\(a|[0-7]{1,3}|x[0-9A-Fa-f]{1,2}|.)")
_POLIB_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\v": "\\v", "\b": "\\b",
                  "\f": "\\f", '"': '\\"', "\\": "\\\\"}


def po_codec(head: bytes, path: str, encoding: str | None, *,
             error: ErrorType = GlossaryFormatError) -> tuple[str, str]:
    """The charset of a PO file beginning with ``head`` (its first 64 KiB) as named —
    ``encoding``, else the header's charset, else UTF-8 — and its codec's name; a file with NUL
    bytes (not UTF-16/32) is refused."""
    if encoding is None:
        m = _CHARSET.search(head)
        encoding = m.group(1).decode("ascii") if m else "utf-8"
        if encoding.upper() == "CHARSET":  # the POT template placeholder
            encoding = "utf-8"
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise error(f"unknown charset {encoding!r}", path=path) from None
    if b"\0" in head[:8192] and not name.startswith(("utf-16", "utf-32")):
        raise error("binary file (contains NUL bytes), not a PO file", path=path)
    return encoding, name


def decode_po(raw: bytes, path: str, encoding: str | None, *,
              error: ErrorType = GlossaryFormatError) -> str:
    """The text of a PO file: ``encoding``, else the header's charset, else UTF-8."""
    encoding, name = po_codec(raw[:65536], path, encoding, error=error)
    if name == "utf-8" and raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        return raw.decode(name)
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise error(f"not valid {encoding} (byte 0x{raw[e.start]:02x} at offset "
                    f"{e.start})", path=path, line=line) from None


class SyntaxChecker:
    """Check the PO syntax polib is lenient about, one line at a time.

    Every quoted string must be terminated with its inner quotes escaped, every line must be a
    comment, a keyword line or a string continuation, and every ``msgid`` needs a ``msgstr``.
    With ``keep_lines`` the line of every ``msgid`` keyword is kept in :attr:`msgid_lines`.
    """

    def __init__(self, path: str, *, keep_lines: bool = False,
                 error: ErrorType = GlossaryFormatError) -> None:
        self.path = path
        self.error = error
        self.keep_lines = keep_lines
        self.msgid_lines: list[int] = []
        self.state = ""  # the last keyword seen in the current entry
        self.pending_msgid: int | None = None  # line of a msgid still waiting for its msgstr
        self.n = 0

    def feed(self, raw_line: str) -> None:
        """Check the next line; ``error`` if it is malformed."""
        self.n += 1
        n, path = self.n, self.path
        line = raw_line.strip()
        if not line:
            return
        previous = False
        if line.startswith("#~"):
            line = line[2:].lstrip()
            if line.startswith("|"):
                return  # obsolete previous-msgid: ignored like polib does
            if not line:
                return
        elif line.startswith("#|"):
            line, previous = line[2:].lstrip(), True
            if not line:
                raise self.error("syntax error: '#|' without a keyword", path=path, line=n)
        elif line.startswith("#"):
            return
        m = _KEYWORD.match(line)
        if m:
            keyword, rest = m.group(1), m.group(2).strip()
            if not previous:
                if keyword in ("msgctxt", "msgid") and self.pending_msgid is not None:
                    raise self.error(f"{keyword} follows a msgid that has no msgstr",
                                     path=path, line=n)
                if keyword == "msgid":
                    if self.keep_lines:
                        self.msgid_lines.append(n)
                    self.pending_msgid = n
                elif keyword.startswith("msgstr"):
                    if self.state not in ("msgid", "msgid_plural", "msgstr"):
                        raise self.error(f"{keyword} without a msgid", path=path, line=n)
                    self.pending_msgid = None
                self.state = keyword.split("[")[0]
        elif line.startswith('"'):
            if not self.state:
                raise self.error("string without a keyword", path=path, line=n)
            rest = line
        else:
            word = line.split()[0]
            raise self.error(f"syntax error: unexpected {word[:30]!r}", path=path, line=n)
        if not rest.startswith('"'):
            raise self.error("expected a quoted string", path=path, line=n)
        s = _STRING.match(rest)
        if s is None:
            raise self.error("unterminated string", path=path, line=n)
        if rest[s.end():].strip():
            raise self.error("unescaped double quote or text after the string",
                             path=path, line=n)

    def close(self) -> None:
        """The end of the file: ``error`` if an entry is left without msgstr."""
        if self.pending_msgid is not None:
            raise self.error("truncated entry: msgid without msgstr", path=self.path,
                             line=self.pending_msgid)


def check_syntax(text: str, path: str, *, error: ErrorType = GlossaryFormatError) -> list[int]:
    """Check the syntax of a whole file (:class:`SyntaxChecker`); the line of every
    ``msgid`` keyword."""
    checker = SyntaxChecker(path, keep_lines=True, error=error)
    for raw_line in LINE_BREAK.split(text):
        checker.feed(raw_line)
    checker.close()
    return checker.msgid_lines


class LoadedPO:
    """A parsed PO file and the line of each entry's ``msgid``."""

    def __init__(self, pofile: Any, msgid_lines: list[int], path: str) -> None:
        self.pofile = pofile
        self.msgid_lines = msgid_lines
        self.path = path

    def line_of(self, entry: Any) -> int:
        """The line of the entry's ``msgid`` keyword (1-based)."""
        return entry_line(entry, self.msgid_lines)


def entry_line(entry: Any, msgid_lines: list[int]) -> int:
    """The line of ``entry``'s ``msgid``: the first msgid keyword at or after the entry start."""
    start = entry.linenum or 1
    i = bisect.bisect_left(msgid_lines, start)
    return msgid_lines[i] if i < len(msgid_lines) else start


def load_po(path: str | Path, *, encoding: str | None = None,
            error: ErrorType = GlossaryFormatError) -> LoadedPO:
    """Parse a PO/POT file strictly; ``error`` with file and line if malformed."""
    name = str(path)
    with open_input(path, error=error) as fh:
        raw = fh.read()
    text = decode_po(raw, name, encoding, error=error)
    msgid_lines = check_syntax(text, name, error=error)
    if _C_ESCAPE_HINT.search(text):
        text = "\n".join(c_escapes(line) for line in text.split("\n"))
    # polib splits a str with str.splitlines(), which also breaks lines at VT, FF, U+2028, …
    # (text in a msgstr or a comment); from a file it reads lines as gettext does
    fd, tmp = tempfile.mkstemp(prefix="silkterm-", suffix=".po")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text if text.endswith("\n") else text + "\n")
        pofile = polib.pofile(tmp, encoding="utf-8", wrapwidth=78)
    except (OSError, ValueError, UnicodeError) as e:
        raise polib_error(e, name, tmp, error=error) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    pofile.encoding = codecs.lookup(encoding).name if encoding else _header_charset(pofile)
    return LoadedPO(pofile, msgid_lines, name)



def c_escapes(line: str) -> str:
    r"""A PO line with the C escapes polib does not know (``\a``, octal ``\007``, hex ``\x07``,
    below U+0080) turned into the characters they stand for (as polib's own escape where it
    has one), so that ``msgid "Bell\a"`` is read as ``Bell`` + BEL; comments are left alone.

    >>> c_escapes(r'msgstr "a\a \\a \x0b\012\042"')
    'msgstr "a\x07 \\\\a \\v\\n\\""'
    """
    if line.lstrip().startswith("#") and not line.lstrip().startswith(("#~", "#|")):
        return line

    def char(m: re.Match[str]) -> str:
        code = m.group(1)
        if code == "a":
            return "\x07"
        if code[0] in "01234567":
            value = int(code, 8)
        elif code[0] == "x" and len(code) > 1:
            value = int(code[1:], 16)
        else:
            return m.group()
        if value == 0 or value >= 0x80:
            return m.group()  # NUL, or a byte of a multibyte character: left as it is
        return _POLIB_ESCAPES.get(chr(value), chr(value))

    return _C_ESCAPE.sub(char, line)


def _header_charset(pofile: Any) -> str:
    m = re.search(r"charset=([\w.:-]+)", pofile.metadata.get("Content-Type", ""))
    if m and m.group(1).upper() != "CHARSET":
        try:
            return codecs.lookup(m.group(1)).name
        except LookupError:
            pass
    return "utf-8"


def polib_error(e: Exception, path: str, tmp: str = "", *,
                error: ErrorType = GlossaryFormatError) -> LocatedError:
    message = str(e).replace(f" {tmp} ", " ") if tmp else str(e)
    m = _POLIB_LINE.search(message)
    line = int(m.group(1)) if m else None
    message = re.sub(r"\s*\(line \d+\)", "", message)
    message = message.replace("Syntax error in po file", "syntax error").replace(" :", ":")
    message = re.sub(r"\s+", " ", message).strip() or "malformed PO file"
    return error(message, path=path, line=line)



# --------------------------------------------------------------------------------------------
# Writing


def new_entry(**fields: Any) -> Any:
    """A polib ``POEntry`` with ``fields`` (``msgctxt``, ``msgid``, ``msgstr``, …)."""
    return polib.POEntry(**fields)


def header_fields(language: str, plural_forms: str, *, date: str | None = None,
                  extra: dict[str, str] | None = None) -> dict[str, str]:
    """The header silkterm writes: its version as project and generator, ``date``
    (``YYYY-MM-DD HH:MM+ZZZZ``, now by default) as PO-Revision-Date, UTF-8, ``language`` (a PO
    ``Language`` value, left out if empty) and ``plural_forms``; ``extra`` fields last."""
    meta = {
        "Project-Id-Version": f"silkterm {__version__}",
        "PO-Revision-Date": date or _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M+0000"),
        "Last-Translator": "silkterm",
        "Language-Team": "none",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms,
        "X-Generator": f"silkterm {__version__}",
    }
    meta.update(extra or {})
    return {k: v for k, v in meta.items() if v}


def header_text(meta: dict[str, str], comment: str = "") -> str:
    """The header entry of a PO file with the fields ``meta``, after the comment ``comment``."""
    po = polib.POFile(wrapwidth=78)
    po.metadata = meta
    po.header = comment
    return str(po).rstrip("\n") + "\n"


def render_entry(entry: Any, *, notes: Iterable[str] = (), comments: Iterable[str] = ()) -> str:
    """The text of ``entry`` preceded by translator comments (``notes``) and extracted comments,
    one line each and never re-wrapped (a wrapped note would come back as two)."""
    lines = [f"# {line}".rstrip() for note in notes for line in LINE_BREAK.split(note)
             if line.strip()]
    lines += [f"#. {line}".rstrip() for c in comments for line in LINE_BREAK.split(c)
              if line.strip()]
    body = str(entry).rstrip("\n") + "\n"
    return "".join(line + "\n" for line in lines) + body


def encode_po(pofile: Any, path: str | Path, *, error: ErrorType = GlossaryFormatError) -> bytes:
    """The bytes of a parsed PO file (e.g. after pretranslation) in its own charset; ``error``
    if a character cannot be encoded in it."""
    text = str(pofile)
    if not pofile.header and text.startswith("#\n"):
        text = text[2:]  # polib writes an empty header comment as a lone '#'
    if not text.endswith("\n"):
        text += "\n"
    encoding = getattr(pofile, "encoding", None) or "utf-8"
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as e:
        raise error(f"cannot encode {text[e.start]!r} in the file's charset {encoding}",
                    path=str(path)) from None


# --------------------------------------------------------------------------------------------
# Compiled catalogues


def load_mo(path: str | Path, *, error: ErrorType = GlossaryFormatError) -> Any:
    """A compiled MO file parsed by polib (a ``MOFile``); ``error`` if it is missing or
    malformed."""
    name = str(path)
    if not Path(path).is_file():
        raise error("no such file" if not Path(path).exists() else "not a file", path=name)
    try:
        return polib.mofile(name)
    except (OSError, ValueError, UnicodeError, IndexError, KeyError) as e:
        raise error(f"not a valid MO file: {e}".rstrip(": "), path=name) from None
    except Exception as e:  # struct.error on a truncated file
        if type(e).__module__ == "struct" or type(e).__name__ == "error":
            raise error("truncated MO file", path=name) from None
        raise

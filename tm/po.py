"""GNU gettext PO, POT and MO files as translation-memory units (polib is reached only through
its adapter, :mod:`silkterm.glossary.formats.pofile`).

Reading maps one PO entry to one :class:`~silkterm.tm.model.Unit` with a source and a target
segment:

- ``msgid`` → source segment, ``msgstr`` (``msgstr[0]`` for plural entries) → target segment;
- ``msgctxt`` → property ``x-po-msgctxt``; it is also the unit id when it is unique in the file
  (silkterm writes unit ids there), otherwise the id is :func:`~silkterm.tm.model.make_id` of
  context + msgid and msgstr;
- translator comments (``#``) and extracted comments (``#.``) → notes, one per line;
- references (``#:``) → ``x-po-reference`` props, flags (``#,``) → ``x-po-flag`` props,
  the previous msgid (``#|``) → ``x-po-previous-msgid``;
- plural entries keep ``x-po-msgid_plural`` and ``x-po-msgstr[N]`` (N ≥ 1) props, and a
  translated one the catalogue's ``Plural-Forms`` header as ``x-po-plural-forms``;
- the header's ``Language`` gives the target language (``zh_CN`` → ``zh-CN``), or its
  ``X-Silkterm-Language`` when silkterm wrote the file for a script (``zh-Hans`` → ``zh_CN``).

Obsolete entries (``#~``) and the header are never units; fuzzy entries are skipped unless
``include_fuzzy``; untranslated entries are skipped in PO files unless ``include_untranslated``
(a POT file yields source-only units).

Writing (:func:`write_po`) produces a file that passes ``msgfmt --check``: the unit id goes into
``msgctxt`` (so ids survive a round trip and equal source texts never clash), notes become
translator comments, and every plural form a unit has is written. What a PO file cannot carry:
segment-level props and notes, dates, tu/tuv attributes, inline markup (the plain text is
written), languages other than the pair, and unit props other than the ``x-po-*`` ones above;
the writer returns a warning for the languages, markup, plural forms and units it could not
write (:class:`~silkterm.tm.export.ExportResult`).

Reading streams: :func:`iter_po` reads a PO file a line at a time and yields its entries
(:class:`PORecord`) one at a time, the same entries polib reads from the whole file (the tests
compare them field by field), in the header's charset, lines ending at LF, CR or CR LF only,
C escapes decoded as gettext does (``\\a``, octal and hex too). :func:`read_po` reads the file
twice (checked whole first), ``check`` once; polib parses whole files only for
:func:`load_po` (pretranslation; the glossary's PO import uses the adapter's) and writes.

Malformed input (an unterminated string, a keyword out of place, a truncated entry, bytes that
are not in the declared charset) raises :class:`~silkterm.tm.errors.TMFormatError` naming the
file and line.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> u = Unit("khorgos", (Segment("en", "Khorgos"), Segment("zh-Hans", "霍尔果斯")))
>>> write_po([u], d / "a.po", source_lang="en", target_lang="zh-Hans")
ExportResult(count=1, warnings=())
>>> [(x.id, x.segment("en").text, x.segment("zh").text) for x in read_po(d / "a.po")]
[('khorgos', 'Khorgos', '霍尔果斯')]
"""

from __future__ import annotations

import io
import re
import tempfile
from collections import Counter
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from silkterm.glossary.formats import pofile
from silkterm.glossary.formats.pofile import (
    LoadedPO,
    SyntaxChecker,
    c_escapes,
    render_entry,
)

from .errors import TMError, TMFormatError
from .export import ExportResult, PairLosses, open_atomic
from .files import open_input
from .model import Segment, Unit, escape, make_id, normalize_lang, xml_safe

__all__ = [
    "PORecord",
    "POScan",
    "iter_po",
    "load_po",
    "po_header",
    "po_language",
    "pot_header",
    "read_mo",
    "read_po",
    "save_po",
    "scan_po",
    "write_po",
]

PREFIX = "x-po-"
PLURAL_FORMS = PREFIX + "plural-forms"
"""The prop of a translated plural unit that keeps its catalogue's ``Plural-Forms`` header."""

LANGUAGE_TAG = "X-Silkterm-Language"
"""The header field keeping the BCP 47 tag a PO file was written for when its gettext
``Language`` names a region instead (``zh-Hans`` written as ``zh_CN``): read back as that tag."""

_DEFAULT_PLURAL = "nplurals=2; plural=(n != 1);"
_SCRIPT_REGION = {"hans": "CN", "hant": "TW"}  # the gettext table names Chinese by region


def plural_forms(lang: str) -> str:
    """The ``Plural-Forms`` header value for a language tag, from GNU gettext's table as
    translate-toolkit ships it (``translate.lang.data``); ``nplurals=2; plural=(n != 1);`` for a
    language the table does not know.

    >>> plural_forms("zh-Hans"), plural_forms("zh-TW")
    ('nplurals=1; plural=0;', 'nplurals=1; plural=0;')
    >>> plural_forms("kk"), plural_forms("ru")[:11], plural_forms("xx")
    ('nplurals=2; plural=n != 1;', 'nplurals=3;', 'nplurals=2; plural=(n != 1);')
    """
    from translate.lang import data

    parts = normalize_lang(lang).split("-")
    keys = ["_".join(parts[:2]) if len(parts) > 1 else parts[0]]
    if len(parts) > 1 and parts[1].lower() in _SCRIPT_REGION:
        keys.insert(0, f"{parts[0]}_{_SCRIPT_REGION[parts[1].lower()]}")
    keys.append(parts[0])
    keys.extend(k for k in data.languages if k.split("_")[0] == parts[0])  # zh → zh_CN
    for key in keys:
        known = data.languages.get(key)
        if known:
            return f"nplurals={known[1]}; plural={known[2]};"
    return _DEFAULT_PLURAL


def _nplurals(header: str) -> int:
    m = re.search(r"nplurals\s*=\s*(\d+)", header)
    return int(m.group(1)) if m else 2


def po_language(tag: str) -> str:
    """A BCP 47 tag as a PO ``Language`` value: ``zh-Hans`` → ``zh_Hans``, ``en-US`` → ``en_US``.

    >>> po_language("zh-Hans"), po_language("zh-cn")
    ('zh_Hans', 'zh_CN')
    """
    return normalize_lang(tag).replace("-", "_")


_GETTEXT_ZH = {"zh-hans": "zh_CN", "zh-hant": "zh_TW", "zh": "zh_CN"}


def gettext_locale(tag: str) -> str:
    """A BCP 47 tag as a gettext locale for a PO ``Language``: Chinese scripts become the regions
    gettext and PO editors know (``zh-Hans`` → ``zh_CN``, ``zh-Hant`` → ``zh_TW``).

    >>> gettext_locale("zh-Hans"), gettext_locale("zh-Hant"), gettext_locale("zh-cn")
    ('zh_CN', 'zh_TW', 'zh_CN')
    >>> gettext_locale("zh-Hant-HK"), gettext_locale("sr-Latn"), gettext_locale("kk")
    ('zh_HK', 'sr@latin', 'kk')
    """
    parts = normalize_lang(tag).split("-")
    if parts[0].lower() == "zh" and len(parts) > 2 and parts[1].lower() in _SCRIPT_REGION:
        del parts[1]
    modifier = ""
    if len(parts) > 1 and parts[1].lower() in ("latn", "cyrl"):
        modifier = "@latin" if parts[1].lower() == "latn" else "@cyrillic"
        del parts[1]
    joined = "-".join(parts)
    return _GETTEXT_ZH.get(joined.lower(), joined.replace("-", "_")) + modifier


def cldr_plural_forms(tag: str) -> str:
    """The ``Plural-Forms`` value for a language tag from the CLDR rules babel ships
    (:mod:`babel.messages.plurals`); gettext's table (:func:`plural_forms`) for a locale babel
    does not know.

    >>> cldr_plural_forms("zh-Hans"), cldr_plural_forms("de")
    ('nplurals=1; plural=0;', 'nplurals=2; plural=(n != 1);')
    >>> cldr_plural_forms("ru")[:11], cldr_plural_forms("xx")
    ('nplurals=3;', 'nplurals=2; plural=(n != 1);')
    """
    from babel.core import UnknownLocaleError
    from babel.messages.plurals import get_plural

    try:
        return f"{get_plural(gettext_locale(tag).partition('@')[0]).plural_forms}"
    except (UnknownLocaleError, ValueError):
        return plural_forms(tag)


_TEMPLATE_MARKS = ("CHARSET", "INTEGER", "EXPRESSION")


def pot_header(metadata: dict[str, str], target_lang: str, *,
               date: str | None = None) -> dict[str, str] | None:
    """The header a PO file made from a template (``metadata``) needs for ``target_lang``, or
    ``None`` when ``metadata`` is already a PO header (a Language and no template placeholder).

    The template's project fields are kept; Language becomes a gettext locale
    (:func:`gettext_locale`), Plural-Forms the CLDR rule (:func:`cldr_plural_forms`), the
    charset UTF-8 and PO-Revision-Date ``date`` (now by default).

    >>> h = pot_header({"Project-Id-Version": "demo 1.0", "Language": "",
    ...     "Content-Type": "text/plain; charset=CHARSET",
    ...     "Plural-Forms": "nplurals=INTEGER; plural=EXPRESSION;"}, "zh-CN", date="2026-01-01 00:00+0000")
    >>> h["Project-Id-Version"], h["Language"], h["Content-Type"], h["Plural-Forms"]
    ('demo 1.0', 'zh_CN', 'text/plain; charset=UTF-8', 'nplurals=1; plural=0;')
    >>> pot_header({"Language": "zh_CN", "Content-Type": "text/plain; charset=UTF-8"}, "zh-CN") is None
    True
    """
    values = " ".join(metadata.values())
    if metadata.get("Language", "").strip() and not any(m in values for m in _TEMPLATE_MARKS):
        return None
    meta = pofile.header_fields(gettext_locale(target_lang), cldr_plural_forms(target_lang),
                                date=date)
    for key in ("Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date"):
        value = metadata.get(key, "").strip()
        if value and not any(m in value for m in ("PACKAGE", "VERSION")):
            meta[key] = value
    order = ("Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date")
    return {**{k: meta[k] for k in order if k in meta},
            **{k: v for k, v in meta.items() if k not in order}}


def bcp47(po_lang: str) -> str:
    """A PO ``Language`` value as BCP 47: ``zh_CN`` → ``zh-CN``, ``sr@latin`` → ``sr-Latn``.

    >>> bcp47("zh_CN"), bcp47("sr_RS@latin"), bcp47("kk")
    ('zh-CN', 'sr-Latn-RS', 'kk')
    """
    base, _, modifier = po_lang.strip().partition("@")
    parts = base.replace("_", "-").split("-")
    if modifier.lower() in ("latin", "cyrillic"):
        parts.insert(1, "Latn" if modifier.lower() == "latin" else "Cyrl")
    return normalize_lang("-".join(p for p in parts if p))


# --------------------------------------------------------------------------------------------
# Reading


def load_po(path: str | Path, *, encoding: str | None = None) -> LoadedPO:
    """Parse a PO/POT file strictly (:func:`silkterm.glossary.formats.pofile.load_po`);
    :class:`TMFormatError` with file and line if malformed."""
    return pofile.load_po(path, encoding=encoding, error=TMFormatError)


# --------------------------------------------------------------------------------------------
# Streaming reading: one entry at a time, in bounded memory (the same entries as polib reads
# from the same file after :func:`load_po`'s checks and escape decoding)


@dataclass(frozen=True, slots=True)
class PORecord:
    """One PO entry as :func:`iter_po` reads it (the fields of a polib ``POEntry``).

    ``linenum`` is the line where the entry starts (0 for the first entry of the file, as polib
    counts), ``msgid_line`` the line of its ``msgid`` keyword; ``is_header`` marks the header:
    the first entry that is not obsolete and has an empty msgid and no msgctxt (gettext's rule;
    polib takes the last of several such entries).
    """

    msgid: str = ""
    msgstr: str = ""
    msgid_plural: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    msgctxt: str | None = None
    tcomment: str = ""
    comment: str = ""
    occurrences: tuple[tuple[str, str], ...] = ()
    flags: tuple[str, ...] = ()
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    linenum: int = 0
    msgid_line: int = 0
    is_header: bool = False

    def metadata(self) -> dict[str, str]:
        """The header fields of this (header) entry's msgstr, as polib reads them."""
        meta: dict[str, str] = {}
        key = None
        for msg in self.msgstr.splitlines():
            try:
                key, val = msg.split(":", 1)
                meta[key] = val.strip()
            except (ValueError, KeyError):
                if key is not None:
                    meta[key] += "\n" + msg.strip()
        return meta


_UNESCAPE = re.compile(r'\\(\\|n|t|r|v|b|f|")')
_UNESCAPED = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\",
              '"': '"'}
_QUOTE_INSIDE = re.compile(r'([^\\]|^)"')
_PREVIOUS = {"msgid_plural": "pp", "msgid": "pm", "msgctxt": "pc"}
_KEYWORDS = {"msgctxt": "ct", "msgid": "mi", "msgstr": "ms", "msgid_plural": "mp"}
_ALL = ("st", "he", "gc", "oc", "fl", "ct", "pc", "pm", "pp", "tc", "ms", "mp", "mx", "mi")
_TRANSITIONS: dict[str, frozenset[str]] = {  # symbol → states it may follow (polib's machine)
    "gc": frozenset(_ALL), "oc": frozenset(_ALL), "fl": frozenset(_ALL),
    "pc": frozenset(_ALL), "pm": frozenset(_ALL), "pp": frozenset(_ALL),
    "tc": frozenset(_ALL), "ct": frozenset(("st", "he", "gc", "oc", "fl", "tc", "pc", "pm", "pp",
                                            "ms", "mx")),
    "mi": frozenset(("st", "he", "gc", "oc", "fl", "ct", "tc", "pc", "pm", "pp", "ms", "mx")),
    "mp": frozenset(("tc", "gc", "pc", "pm", "pp", "mi")),
    "ms": frozenset(("mi", "mp", "tc")),
    "mx": frozenset(("mi", "mx", "mp", "tc")),
    "mc": frozenset(("ct", "mi", "mp", "ms", "mx", "pm", "pp", "pc")),
}
_FIELDS = {"pp": "previous_msgid_plural", "pm": "previous_msgid", "pc": "previous_msgctxt",
           "ct": "msgctxt", "mi": "msgid", "mp": "msgid_plural", "ms": "msgstr"}
_STARTS_ENTRY = frozenset(("tc", "gc", "oc", "fl", "pc", "pm", "pp", "ct", "mi"))


def _unescape(text: str) -> str:
    return _UNESCAPE.sub(lambda m: _UNESCAPED[m.group(1)], text) if "\\" in text else text


class _Deferred(Exception):
    """An error polib would raise; reported only if the whole file passes the syntax check."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class _Entry:
    """The entry being read (mutable until it is complete)."""

    __slots__ = ("comment", "flags", "linenum", "msgctxt", "msgid", "msgid_line",
                 "msgid_plural", "msgstr", "msgstr_plural", "obsolete", "occurrences",
                 "previous_msgctxt", "previous_msgid", "previous_msgid_plural", "tcomment")

    def __init__(self, linenum: int) -> None:
        self.linenum = linenum
        self.msgid = self.msgstr = self.msgid_plural = self.tcomment = self.comment = ""
        self.msgstr_plural: dict[int, str] = {}
        self.msgctxt: str | None = None
        self.previous_msgctxt: str | None = None
        self.previous_msgid: str | None = None
        self.previous_msgid_plural: str | None = None
        self.occurrences: list[tuple[str, str]] = []
        self.flags: list[str] = []
        self.obsolete = False
        self.msgid_line = 0

    def record(self, is_header: bool) -> PORecord:
        return PORecord(self.msgid, self.msgstr, self.msgid_plural, self.msgstr_plural,
                        self.msgctxt, self.tcomment, self.comment, tuple(self.occurrences),
                        tuple(self.flags), self.previous_msgctxt, self.previous_msgid,
                        self.previous_msgid_plural, self.obsolete, self.linenum,
                        self.msgid_line, is_header)


class _POParser:
    """polib's state machine over lines that :func:`~silkterm.glossary.formats.pofile.c_escapes`
    has decoded, fed one line at a time; complete entries come out of :meth:`feed` and
    :meth:`close`."""

    def __init__(self) -> None:
        self.line = 0
        self.state = "st"
        self.entry = _Entry(0)
        self.index = 0
        self.header_seen = False
        self.last_tokens: list[str] = []
        # The string being read (its field, and msgstr[N]'s N) in pieces, joined when it is
        # complete: a string of many continuation lines takes linear time.
        self.field: str | None = None
        self.parts: list[str] = []
        # Comment lines, joined when the entry is complete (polib adds a line break before a
        # line once the comment so far is not empty)
        self.comments: dict[str, list[str]] = {"tcomment": [], "comment": []}
        self.nonempty: set[str] = set()

    def _open(self, name: str, value: str) -> None:
        self.field = name
        self.parts = [value]

    def _comment(self, name: str, text: str) -> None:
        lines = self.comments[name]
        if name in self.nonempty:
            lines.append("\n")
        lines.append(text)
        if text:
            self.nonempty.add(name)

    def _seal(self) -> None:
        """Store the string read so far into the entry."""
        e = self.entry
        if self.field == "msgstr_plural":
            e.msgstr_plural[self.index] = "".join(self.parts)
        elif self.field is not None:
            setattr(e, self.field, "".join(self.parts))
        self.field, self.parts = None, []

    def _done(self) -> PORecord:
        self._seal()
        e = self.entry
        for name, lines in self.comments.items():
            if lines:
                setattr(e, name, "".join(lines))
        self.comments = {"tcomment": [], "comment": []}
        self.nonempty = set()
        header = (not self.header_seen and not e.obsolete and e.msgid == ""
                  and e.msgctxt is None)
        self.header_seen = self.header_seen or header
        return e.record(header)

    def feed(self, line: str) -> PORecord | None:
        """Read one line (its number is the next one); the entry it completes, if any."""
        self.line += 1
        line = line.strip()
        if not line:
            return None
        tokens = line.split(None, 2)
        self.last_tokens = tokens
        if tokens[0] == "#~|":
            return None
        obsolete = False
        if tokens[0] == "#~" and len(tokens) > 1:
            line = line[3:].strip()
            tokens = tokens[1:]
            self.last_tokens = tokens
            obsolete = True
        symbol: str
        if tokens[0] in _KEYWORDS and len(tokens) > 1:
            line = line[len(tokens[0]):].lstrip()
            if _QUOTE_INSIDE.search(line[1:-1]):
                raise _Deferred("syntax error: unescaped double quote found", self.line)
            return self._process(_KEYWORDS[tokens[0]], line, obsolete)
        if tokens[0] == "#:":
            if len(tokens) <= 1:
                return None
            symbol = "oc"
        elif line[:1] == '"':
            if _QUOTE_INSIDE.search(line[1:-1]):
                raise _Deferred("syntax error: unescaped double quote found", self.line)
            symbol = "mc"
        elif line[:7] == "msgstr[":
            symbol = "mx"
        elif tokens[0] == "#,":
            if len(tokens) <= 1:
                return None
            symbol = "fl"
        elif tokens[0] == "#" or tokens[0].startswith("##"):
            if line == "#":
                line += " "
            symbol = "tc"
        elif tokens[0] == "#.":
            if len(tokens) <= 1:
                return None
            symbol = "gc"
        elif tokens[0] == "#|":
            if len(tokens) <= 1:
                raise _Deferred("syntax error", self.line)
            line = line[2:].lstrip()
            if tokens[1].startswith('"'):
                return self._process("mc", line, obsolete)
            if len(tokens) == 2:
                raise _Deferred("syntax error: invalid continuation line", self.line)
            if tokens[1] not in _PREVIOUS:
                raise _Deferred(f"syntax error: unknown keyword {tokens[1]}", self.line)
            return self._process(_PREVIOUS[tokens[1]], line[len(tokens[1]):].lstrip(),
                                 obsolete)
        else:
            raise _Deferred("syntax error", self.line)
        return self._process(symbol, line, obsolete)

    def _process(self, symbol: str, token: str, obsolete: bool) -> PORecord | None:
        state = self.state
        if state not in _TRANSITIONS[symbol] or (symbol == "tc" and state in ("st", "he")):
            if symbol == "tc" and state in ("st", "he"):  # the file's header comment
                self.state = "he"
                return None
            raise _Deferred("syntax error", self.line)
        done = None
        if symbol != "mc":
            self._seal()
        if symbol in _STARTS_ENTRY and state in ("ms", "mx"):
            done = self._done()
            self.entry = _Entry(self.line)
        e = self.entry
        try:
            if symbol == "tc":
                text = token.lstrip("#")
                self._comment("tcomment", text.removeprefix(" "))
            elif symbol == "gc":
                self._comment("comment", token[3:])
            elif symbol == "oc":
                for occurrence in token[3:].split():
                    fil, sep, num = occurrence.rpartition(":")
                    if not sep or not num.isdigit():
                        e.occurrences.append((occurrence, ""))
                    else:
                        e.occurrences.append((fil, num))
            elif symbol == "fl":
                e.flags += [c.strip() for c in token[3:].split(",")]
            elif symbol in _FIELDS:
                if symbol == "mi":
                    e.obsolete = obsolete
                    e.msgid_line = self.line
                self._open(_FIELDS[symbol], _unescape(token[1:-1]))
            elif symbol == "mx":
                close = token.find("]")
                self.index = int(token[7:close])
                self._open("msgstr_plural", _unescape(token[token.find('"') + 1:-1]))
            else:  # "mc": a continuation of the string being read; the state stays
                self.parts.append(_unescape(token[1:-1]))
                return done
        except (ValueError, TypeError, KeyError):
            raise _Deferred("syntax error", self.line) from None
        self.state = symbol
        return done

    def close(self) -> PORecord | None:
        """The last entry (unless the file ends with a comment line, as polib reads it)."""
        if self.last_tokens and not self.last_tokens[0].startswith("#"):
            return self._done()
        return None


def _charset(path: str, encoding: str | None) -> str:
    """The codec a PO file is read with: ``encoding``, else the header's charset (sought in the
    first 64 KiB), else UTF-8 (see :func:`~silkterm.glossary.formats.pofile.decode_po`)."""
    with open_input(path) as fh:
        head = fh.read(65536)
    return pofile.po_codec(head, path, encoding, error=TMFormatError)[1]


def _lines(path: str, name: str, encoding: str | None) -> Iterator[str]:
    """The lines of the file decoded, split where gettext splits them (LF, CR, CR LF)."""
    with open_input(path) as fh:
        text = io.TextIOWrapper(fh, encoding="utf-8-sig" if name == "utf-8" else name,
                                errors="strict", newline=None)
        try:
            for line in text:
                yield line.removesuffix("\n")
        except UnicodeDecodeError:
            fh.seek(0)
            pofile.decode_po(fh.read(), path, encoding, error=TMFormatError)  # raises with the line and offset
            raise


def iter_po(path: str | Path, *, encoding: str | None = None) -> Iterator[PORecord]:
    """Every entry of a PO/POT file in order, the header and obsolete entries included, read
    one line at a time (bounded memory): the entries polib reads after :func:`load_po`'s
    checks, with C escapes decoded as gettext does.

    Malformed input raises :class:`TMFormatError` naming the file and line, with the messages of
    :func:`load_po`: entries before a malformed line are yielded first, so a caller that must
    not act on a malformed file reads it through (:func:`scan_po`) before acting.
    """
    name = str(path)
    codec = _charset(name, encoding)
    parser = _POParser()
    checker = SyntaxChecker(name, error=TMFormatError)
    deferred: _Deferred | None = None
    for raw in _lines(name, codec, encoding):
        checker.feed(raw)
        if deferred is not None:
            continue
        line = c_escapes(raw) if "\\" in raw else raw
        try:
            done = parser.feed(line)
        except _Deferred as e:
            deferred = e
            continue
        if done is not None:
            yield done
    checker.close()
    if deferred is not None:
        raise TMFormatError(deferred.message, path=name, line=deferred.line)
    last = parser.close()
    if last is not None:
        yield last


def po_header(path: str | Path, *, encoding: str | None = None) -> PORecord:
    """The header entry of a PO file (an empty one if it has none), read up to the header only:
    at once when the header is the first entry, as gettext writes it."""
    for e in iter_po(path, encoding=encoding):
        if e.is_header:
            return e
    return PORecord(is_header=True)


@dataclass(frozen=True, slots=True)
class POScan:
    """What one pass over a PO file tells before its entries are read again: the header (an
    empty one if the file has none), the msgctxt values used more than once, and whether an
    entry would give a unit with a target (``translated``, fuzzy ones counted apart)."""

    header: PORecord
    repeated_contexts: frozenset[str]
    translated: bool
    translated_fuzzy: bool

    @property
    def metadata(self) -> dict[str, str]:
        """The header fields."""
        return self.header.metadata()


def _target(entry: Any) -> str:
    return (entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr) or ""


def scan_po(path: str | Path, *, encoding: str | None = None) -> POScan:
    """Read a PO file through once (bounded memory: msgctxt values are counted in a temporary
    on-disk SQLite table); :class:`TMFormatError` if it is malformed."""
    import sqlite3

    header = PORecord(is_header=True)
    translated = translated_fuzzy = False
    con = sqlite3.connect("")  # a private temporary database on disk, deleted on close
    try:
        con.execute("CREATE TABLE c (k TEXT)")
        batch: list[tuple[str]] = []
        for e in iter_po(path, encoding=encoding):
            if e.is_header:
                header = e
                continue
            if e.msgctxt is not None:
                batch.append((e.msgctxt,))
                if len(batch) >= 512:
                    con.executemany("INSERT INTO c VALUES (?)", batch)
                    batch.clear()
            if e.obsolete or (e.msgid == "" and e.msgctxt is None) or not _target(e):
                continue
            if "fuzzy" in e.flags:
                translated_fuzzy = True
            else:
                translated = True
        con.executemany("INSERT INTO c VALUES (?)", batch)
        repeated = frozenset(k for (k,) in con.execute(
            "SELECT k FROM c GROUP BY k HAVING count(*) > 1"))
    finally:
        con.close()
    return POScan(header, repeated, translated, translated_fuzzy)


def _target_lang(metadata: dict[str, str], target_lang: str | None) -> str | None:
    if target_lang:
        return normalize_lang(target_lang)
    lang = metadata.get("Language", "").strip()
    tag = metadata.get(LANGUAGE_TAG, "").strip()
    if lang and tag and gettext_locale(tag) == lang:  # silkterm's own: zh_CN was zh-Hans
        return normalize_lang(tag)
    return bcp47(lang) if lang else None


def _split_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()] if text else []


def _entry_to_unit(entry: Any, source_lang: str, target_lang: str | None, tuid: str,
                   origin: str | None, plural_header: str | None = None) -> Unit:
    plural = bool(entry.msgid_plural)
    target = entry.msgstr_plural.get(0, "") if plural else entry.msgstr
    props: list[tuple[str, str]] = []
    if entry.msgctxt is not None:
        props.append((PREFIX + "msgctxt", entry.msgctxt))
    for file, line in entry.occurrences:
        props.append((PREFIX + "reference", f"{file}:{line}" if line else file))
    for flag in entry.flags:
        props.append((PREFIX + "flag", flag))
    if entry.previous_msgid:
        props.append((PREFIX + "previous-msgid", entry.previous_msgid))
    if plural:
        props.append((PREFIX + "msgid_plural", entry.msgid_plural))
        for n in sorted(entry.msgstr_plural):
            if n:
                props.append((PREFIX + f"msgstr[{n}]", entry.msgstr_plural[n]))
        if plural_header and target:
            props.append((PLURAL_FORMS, plural_header))
    notes = tuple(_split_lines(entry.tcomment) + _split_lines(entry.comment))
    segments = [Segment(source_lang, escape(entry.msgid))]
    if target and target_lang:
        segments.append(Segment(target_lang, escape(target)))
    return Unit(tuid, tuple(segments), tuple(props), notes, origin=origin)


def _units(entries: Iterable[Any], path: str, source_lang: str, target_lang: str | None, *,
           include_fuzzy: bool, include_untranslated: bool, repeated: Container[str],
           plural_header: str | None = None) -> Iterator[Unit]:
    """The units of ``entries`` (``repeated``: the msgctxt values used more than once)."""
    plural_header = " ".join(plural_header.split()) if plural_header else None
    for e in entries:
        if getattr(e, "obsolete", False) or (e.msgid == "" and e.msgctxt is None):
            continue
        if "fuzzy" in getattr(e, "flags", ()) and not include_fuzzy:
            continue
        target = e.msgstr_plural.get(0, "") if e.msgid_plural else e.msgstr
        if not target and not include_untranslated:
            continue
        if target and target_lang is None:
            raise TMFormatError("the header names no Language; give the target language "
                                "(--target-lang)", path=path)
        if e.msgctxt is not None and e.msgctxt not in repeated and xml_safe(e.msgctxt):
            tuid = e.msgctxt
        elif e.msgctxt is not None:
            tuid = make_id(f"{e.msgctxt}\x04{e.msgid}", target)
        else:
            tuid = make_id(e.msgid, target)
        yield _entry_to_unit(e, source_lang, target_lang, tuid, path, plural_header)


def read_po(path: str | Path, *, source_lang: str | None = "en", target_lang: str | None = None,
            include_fuzzy: bool = False, include_untranslated: bool | None = None,
            encoding: str | None = None) -> Iterator[Unit]:
    """The units of a PO or POT file (an ``.mo`` path is read with :func:`read_mo`).

    The file is read twice, one entry at a time (bounded memory): the first pass
    (:func:`scan_po`, before this function returns) checks the whole file, so a malformed file
    yields nothing, and finds the header and the repeated msgctxt values; the second yields the
    units. ``include_untranslated`` defaults to true for ``.pot`` files, false otherwise.
    """
    if str(path).lower().endswith(".mo"):
        return read_mo(path, source_lang=source_lang, target_lang=target_lang)
    name = str(path)
    scan = scan_po(name, encoding=encoding)
    if include_untranslated is None:
        include_untranslated = name.lower().endswith(".pot")
    metadata = scan.metadata
    tl = _target_lang(metadata, target_lang)
    if tl is None and (scan.translated or (include_fuzzy and scan.translated_fuzzy)):
        raise TMFormatError("the header names no Language; give the target language "
                            "(--target-lang)", path=name)
    return _units(iter_po(name, encoding=encoding), name, normalize_lang(source_lang or "en"), tl,
                  include_fuzzy=include_fuzzy, include_untranslated=include_untranslated,
                  repeated=scan.repeated_contexts, plural_header=metadata.get("Plural-Forms"))


def read_mo(path: str | Path, *, source_lang: str | None = "en",
            target_lang: str | None = None) -> Iterator[Unit]:
    """The units of a compiled MO file (every entry is a translation; no comments or flags)."""
    name = str(path)
    mo = pofile.load_mo(path, error=TMFormatError)
    tl = _target_lang(mo.metadata, target_lang)
    entries = list(mo)
    contexts = Counter(e.msgctxt for e in entries if e.msgctxt is not None)
    return iter(list(_units(entries, name, normalize_lang(source_lang or "en"), tl,
                            include_fuzzy=True, include_untranslated=False,
                            repeated={k for k, n in contexts.items() if n > 1},
                            plural_header=mo.metadata.get("Plural-Forms"))))


# --------------------------------------------------------------------------------------------
# Writing


def _header(target_lang: str | None, *, date: str | None = None) -> dict[str, str]:
    locale = gettext_locale(target_lang) if target_lang else ""
    extra = ({LANGUAGE_TAG: normalize_lang(target_lang)}
             if target_lang and bcp47(locale) != normalize_lang(target_lang) else None)
    return pofile.header_fields(locale,
                                plural_forms(target_lang or "en"), date=date, extra=extra)


def _split_reference(ref: str) -> tuple[str, str]:
    file, sep, line = ref.rpartition(":")
    if sep and line.isdigit():
        return file, line
    return ref, ""


def _rule(header: str) -> str:
    """A Plural-Forms value for comparison: spaces collapsed, no final ``;``."""
    return " ".join(header.split()).rstrip("; ")


def unit_to_entry(unit: Unit, source_lang: str, target_lang: str, nplurals: int, *,
                  rule: str | None = None, losses: PairLosses | None = None) -> Any | None:
    """The PO entry for ``unit`` (``None`` if it has no non-empty source segment).

    A plural unit gets ``nplurals`` forms. Its forms are the file's if its ``x-po-plural-forms``
    is ``rule`` (or it has none); otherwise, or if forms are missing (the first form is copied
    into them), the entry is marked fuzzy for review; forms beyond ``nplurals`` cannot be
    written. Each case is counted in ``losses``.
    """
    src = unit.segment(source_lang)
    if src is None or not src.text:
        return None
    tgt = unit.segment(target_lang)
    target = tgt.text if tgt is not None else ""
    entry = pofile.new_entry(msgctxt=unit.id, msgid=src.text)
    flags: list[str] = []
    occurrences: list[tuple[str, str]] = []
    msgid_plural = None
    plural_forms_: dict[int, str] = {}
    previous = None
    for t, v in unit.props:
        if t == PREFIX + "flag" and v not in flags:
            flags.append(v)
        elif t == PREFIX + "reference":
            occurrences.append(_split_reference(v))
        elif t == PREFIX + "msgid_plural":
            msgid_plural = v
        elif t == PREFIX + "previous-msgid":
            previous = v
        elif t.startswith(PREFIX + "msgstr[") and t.endswith("]") and t[len(PREFIX) + 7:-1].isdigit():
            plural_forms_[int(t[len(PREFIX) + 7:-1])] = v
    if not target and "fuzzy" in flags:
        flags.remove("fuzzy")  # msgfmt: an untranslated entry cannot be fuzzy
    if msgid_plural:
        entry.msgid_plural = msgid_plural
        forms = {0: target, **plural_forms_}
        review = False
        if target:
            own = unit.prop(PLURAL_FORMS)
            if own and rule and _rule(own) != _rule(rule):
                review = True
                if losses:
                    losses.count("rule", "{n} plural unit(s) translated under another "
                                         f"Plural-Forms than the file's ({_rule(rule)}): marked "
                                         "fuzzy for review")
            extra = sorted(n for n in forms if n >= nplurals)
            if extra and losses:
                losses.count("extra", f"PO with nplurals={nplurals}: the forms beyond "
                                      f"msgstr[{nplurals - 1}] of {{n}} plural unit(s) are "
                                      "not written")
            if any(n not in forms for n in range(nplurals)):
                review = True
                if losses:
                    losses.count("missing", f"{{n}} plural unit(s) have fewer forms than "
                                            f"nplurals={nplurals}: the first form was copied into "
                                            "the missing ones and the entry marked fuzzy")
        if review and "fuzzy" not in flags:
            flags.insert(0, "fuzzy")
        entry.msgstr_plural = {n: forms.get(n, target) for n in range(nplurals)}
    else:
        entry.msgstr = target
    entry.flags = flags
    entry.occurrences = occurrences
    if previous and "fuzzy" in flags:
        entry.previous_msgid = previous
    return entry


def write_po(units: Iterable[Unit], path: str | Path, *, source_lang: str | None = "en",
             target_lang: str | None = "zh-Hans", date: str | None = None) -> ExportResult:
    """Write ``units`` as a PO file (streaming, atomic): the number of entries written, and a
    warning for each kind of thing the file could not hold.

    Units without a source segment in ``source_lang`` (or with an empty one) are skipped, as are
    repeated unit ids; a unit without a target segment becomes an untranslated entry. Plural
    entries keep every form their unit has. ``Plural-Forms`` is the one the translated plural
    units were imported with (``x-po-plural-forms``; the most common one if they differ), else
    the target language's from gettext's table (:func:`plural_forms`); see
    :func:`unit_to_entry` for units that do not fit it. The entries are spooled to a temporary
    file (bounded memory) until the header is known (plural units as units, to be written
    under it). ``date`` (``YYYY-MM-DD HH:MM+ZZZZ``) is the
    header's PO-Revision-Date, now by default.
    """
    import pickle

    source_lang = source_lang or "en"
    target_lang = target_lang or "zh-Hans"
    meta = _header(target_lang, date=date)
    losses = PairLosses("PO", normalize_lang(source_lang), normalize_lang(target_lang))
    rules: Counter[str] = Counter()
    seen: set[str] = set()
    count = 0
    with tempfile.TemporaryFile() as spool:
        for unit in units:
            if unit.id in seen:
                continue
            src = unit.segment(source_lang)
            if src is None or not src.text:
                losses.count("source", f"{{n}} unit(s) have no {losses.pair[0]} segment (or an "
                                       "empty one): not written")
                continue
            seen.add(unit.id)
            losses.unit(unit)
            if unit.prop(PREFIX + "msgid_plural") is None:  # written now: needs no header
                entry = unit_to_entry(unit, source_lang, target_lang, 1, losses=losses)
                pickle.dump("\n" + render_entry(entry, notes=unit.notes), spool, protocol=5)
            else:
                tgt = unit.segment(target_lang)
                own = unit.prop(PLURAL_FORMS)
                if own and tgt is not None and tgt.text:
                    rules[own] += 1
                pickle.dump(unit, spool, protocol=5)
            count += 1
        if rules:
            meta["Plural-Forms"] = rules.most_common(1)[0][0]
        rule = meta["Plural-Forms"]
        nplurals = _nplurals(rule)
        spool.seek(0)
        with open_atomic(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(pofile.header_text(meta, "Translation memory exported by silkterm."))
            for _ in range(count):
                item = pickle.load(spool)
                if isinstance(item, str):
                    fh.write(item)
                    continue
                entry = unit_to_entry(item, source_lang, target_lang, nplurals, rule=rule,
                                      losses=losses)
                fh.write("\n" + render_entry(entry, notes=item.notes))
    return ExportResult(count, losses.warnings())


def save_po(po: Any, path: str | Path) -> None:
    """Write a parsed PO file (e.g. after pretranslation) atomically in its own charset."""
    data = pofile.encode_po(po, path, error=TMError)
    with open_atomic(path, "wb") as fh:
        fh.write(data)

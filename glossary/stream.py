"""Normalise and annotate texts of any size a chunk at a time, in bounded memory.

A text arrives as pieces (blocks read from a file, see :class:`~silkterm.glossary.textio.TextStream`)
and is cut into chunks of about ``size`` code points by :func:`chunks`. A cut falls after a blank
line (a paragraph boundary) when there is one, else after a line break; never inside a span that
markup protects (a Markdown code block, an HTML element, a comment, a URL), nor after an opening
(a fence, ``<!--``, ``<pre>``, a backtick) that text after the cut could close, nor where the
chunks' own spans would differ from the whole text's. No glossary match, no run of names and no
romanisation spans a line break, so each chunk gives what the whole text gives there. Findings
carry offsets, lines and columns of the whole text.

A line longer than a chunk (minified HTML, a paragraph written as one line, a dump) is cut inside:
after a sentence end followed by a space (a lower-case word then ``.``, ``!``, ``?`` or ``…``)
or after ``。！？；：``, or between two tags, where nothing a match, a run of names or a gloss
reads spans; the text after such a cut begins as a line would (a letter, a digit, a Chinese
character or a tag). Only when ``LINE_HOLD`` characters of one line hold no such point (a line
of names without punctuation: hostile input) is it cut at its last space, else between two
Chinese characters: a name written across that one cut may then be found in part or not at
all. A line with no space and no Chinese character at all stays whole.

>>> from silkterm.glossary import load_glossary
>>> g = load_glossary()
>>> text = "Horgos lies east.\\n\\nTokajew went to Horgos.\\n"
>>> [(c.offset, c.line, c.text) for c in chunks([text], size=8)]
[(0, 1, 'Horgos lies east.\\n\\n'), (19, 3, 'Tokajew went to Horgos.\\n')]
>>> parts = list(normalize_stream([text], g, size=8))
>>> "".join(p.text for p in parts) == normalize(text, g).text
True
>>> [(f.start, f.line, f.column, f.surface) for p in parts for f in p.findings][-1]
(35, 3, 17, 'Horgos')
"""

from __future__ import annotations

import datetime as _dt
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from . import compiled
from .apply import Decisions, NormalizeResult, find_terms, inline_marks, normalize
from .findings import Finding
from .htmlpage import (
    Section,
    Tally,
    first_marks,
    html_marks,
    html_page,
    text_lang,
)
from .markup import protected_spans
from .model import Action, Glossary
from .textio import TextStream

CHUNK_SIZE = 1 << 18  # code points per chunk (about; a cut needs a safe line break)
LINE_HOLD = 1 << 16  # characters of one line read before a cut at any space (see above)
_TRIES = 16  # cut positions tried in one buffer before more text is read
# Text appended after a candidate cut to see whether anything before it is left open (an
# unclosed comment, tag, code block or code span) and could close after the cut.
_CLOSERS = {
    "text": "\n-->>",
    "markdown": "\nx ` x `` x ``` x\n-->>\n</script></style></code></pre></kbd></samp></textarea>\n",
    "html": "\n-->>\n</script></style></code></pre></kbd></samp></textarea>\n",
}


@dataclass(frozen=True, slots=True)
class Chunk:
    """A piece of a text: its characters, the code points before it, and the line and column
    (1-based) of its first character."""

    text: str
    offset: int
    line: int
    column: int = 1  # of its first character (1 unless a long line was cut before it)


# A line that ends a sentence: no name goes on past it (names may wrap at any other line break).
_SENTENCE_END = re.compile(r"[.!?;:…。！？；：][\"'”’»)\]」』]*[ \t\r]*\n")
# A sentence end inside a line: a lower-case word (checked by the caller) and a full stop, or a
# Chinese full stop, with the spaces after it; then a word that begins as a line would, or a tag.
# Or the spaces between two tags: no match, run of names or gloss reads across a tag.
_INLINE_END = re.compile(r"(?<![\w.'’\-])(?P<word>[^\W\d_]{2,})[.!?…][\"'”’»)\]]*[ \t]+(?=[^\W_]|<)"
                         r"|[。！？；：][”’」』）]*[ \t]*(?=[^\W_]|<)"
                         r"|(?<=>)[ \t]*(?=<[A-Za-z/!])")  # between two tags (minified HTML)
_ANY_SPACE = re.compile(r"[ \t]+(?=[^\W_])")  # a last resort in a line of names
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_PAIR = re.compile(f"[{_HAN}](?=[{_HAN}])")  # … and in a line of Chinese with no full stop


def _last(pattern: re.Pattern[str], buf: str, lo: int, hi: int) -> int:
    """The end of the last match of ``pattern`` (that ends a sentence, for ``_INLINE_END``) in
    ``buf[lo:hi]``, or 0. The last 4K characters are searched first."""
    end = 0
    for start in sorted({max(lo, hi - 4096), lo}, reverse=True):
        for m in pattern.finditer(buf, start, hi):
            word = m.groupdict().get("word")
            if word is None or word.islower():
                end = m.end()
        if end:
            break
    return end


def _blank_line_end(text: str, lo: int, hi: int, end: int) -> int:
    """Where the last blank line of ``text[lo:lo + end]`` ends, relative to ``lo`` (the text held
    is ``text[lo:hi]``); 3 or less if it holds none."""
    at = text.rfind("\n\n", lo, lo + end)
    para = at - lo + 2 if at != -1 else 1
    if text.find("\r", lo, hi) != -1:  # (a search for several characters reads the whole text)
        at = text.rfind("\n\r\n", lo, lo + end)
        para = max(para, at - lo + 3 if at != -1 else 2)
    return para


def _boundary(buf: str, limit: int, reach: int) -> int:
    """The last cut position at or before ``limit``: after a blank line if there is one, else
    after a sentence end at the end of a line within ``reach`` before ``limit``, or inside the
    last line (followed by a space; or between two tags) within ``LINE_HOLD`` (a name can wrap
    across any other line break), else after a line break; else, ``LINE_HOLD`` characters into
    a line, after its last space within ``reach``, or between two Chinese characters; 0 if
    there is none.

    >>> _boundary("One Belt One\\nRoad.\\nKassym-Jomart\\nTokayev", 40, 100)
    19
    >>> _boundary("Trade grew. Kassym-Jomart Tokayev met Xi Jinping", 40, 100)
    12
    """
    end = max(0, limit)
    para = _blank_line_end(buf, 0, len(buf), end)
    if para > 3:
        return para
    lo = max(0, end - reach)
    last = None
    for last in _SENTENCE_END.finditer(buf, lo, end):
        pass
    line_start = buf.rfind("\n", 0, end) + 1
    inline = _last(_INLINE_END, buf, max(end - max(reach, LINE_HOLD), line_start), end + 1)
    if last is not None or inline:
        return max(last.end() if last is not None else 0, inline)
    if line_start or end < LINE_HOLD:
        return line_start
    lo = max(lo, 1)
    return _last(_ANY_SPACE, buf, lo, end + 1) or _last(_HAN_PAIR, buf, lo - 1, end + 1)


def _safe(buf: str, cut: int, markup: str, spans: list[tuple[int, int]]) -> int | None:
    """``None`` if cutting ``buf`` at ``cut`` changes no protected span, else a position before
    which to look for another cut."""
    for s, e in spans:
        if s < cut < e:
            return s
    head, tail = buf[:cut], buf[cut:]
    opened = [s for s, e in protected_spans(head + _CLOSERS[markup], markup) if s < cut < e]
    if opened:
        return min(opened)
    if protected_spans(head, markup) != [(s, e) for s, e in spans if e <= cut]:
        return cut - 1
    if [(s + cut, e + cut) for s, e in protected_spans(tail, markup)] != [
            (s, e) for s, e in spans if s >= cut]:
        return cut - 1
    return None


def _find_cut(buf: str, markup: str, size: int) -> int | None:
    """A safe cut in ``buf`` that leaves at least ``size`` characters after it to judge it by,
    or ``None``: read more text."""
    limit = len(buf) - size
    spans: list[tuple[int, int]] | None = None
    plain = markup == "text" and "<" not in buf
    for _ in range(_TRIES):
        cut = _boundary(buf, limit, size)
        if cut <= 0:
            return None
        if plain and buf[cut - 1].isspace():
            return cut  # no tag, no comment: no protected span (a URL, an e-mail) holds a space
        if spans is None:
            spans = protected_spans(buf, markup)
        before = _safe(buf, cut, markup, spans)
        if before is None:
            return cut
        limit = before
    return None


def _cut_in(src: str, lo: int, hi: int, markup: str, size: int) -> int | None:
    """``_find_cut(src[lo:hi], markup, size)``, read in place where it is a blank line in a plain
    text (the usual cut: no tag, no comment, a blank line in reach), else in the slice."""
    end = max(0, hi - lo - size)
    if markup == "text" and end and src.find("<", lo, hi) == -1:
        para = _blank_line_end(src, lo, hi, end)  # (what _boundary tries first)
        if para > 3:
            return para  # (after a line feed: a space, as _find_cut asks of a plain text)
    return _find_cut(src[lo:hi], markup, size)


def chunks(pieces: Iterable[str], markup: str = "text", size: int | None = None) -> Iterator[Chunk]:
    """Cut a text that arrives in ``pieces`` into chunks of about ``size`` code points or more
    (see the module description). Memory holds about twice ``size``, or a protected span longer
    than that, or ``LINE_HOLD`` characters of a line with no sentence end, or a line with no
    space. ``size`` defaults to ``CHUNK_SIZE``.

    The pieces are read ``size`` code points at a time. The text held is a span of one piece
    while it lies in one (a long text given whole), and each chunk is sliced from it once, the
    cut found in place where it can be (:func:`_cut_in`): a slice of a str that is partly wider
    than Latin-1 is narrowed or widened character by character, so each copy costs about as much
    as a regular-expression search of it.
    """
    size = size or CHUNK_SIZE
    subs = ((piece, i, min(i + size, len(piece))) for piece in pieces
            for i in range(0, len(piece), size))
    src, lo, hi = "", 0, 0  # the text held: src[lo:hi]
    offset, line, column = 0, 1, 1
    want = 2 * size
    while True:
        eof = False
        held = hi - lo
        spans: list[tuple[str, int, int]] = [(src, lo, hi)] if held else []
        while held < want:
            sub = next(subs, None)
            if sub is None:
                eof = True
                break
            held += sub[2] - sub[1]
            if spans and spans[-1][0] is sub[0] and spans[-1][2] == sub[1]:
                spans[-1] = (sub[0], spans[-1][1], sub[2])  # (the same piece, read on)
            else:
                spans.append(sub)
        if len(spans) == 1:
            src, lo, hi = spans[0]
        else:
            src = "".join([p[a:b] for p, a, b in spans])
            lo, hi = 0, len(src)
        if eof:  # the rest of the text, cut where a safe cut falls after a blank line (so
            # the last chunk of paragraphs, too, is about ``size``: memory does not depend on
            # where the text ends; a cut the main loop would judge from more text is not made)
            buf = src[lo:hi]
            while (len(buf) > size and (cut := _find_cut(buf, markup, size)) is not None
                   and buf.endswith(("\n\n", "\n\r\n"), 0, cut)):
                yield Chunk(buf[:cut], offset, line, column)
                offset, line, column = _after(buf, cut, offset, line, column)
                buf = buf[cut:]
            if buf:
                yield Chunk(buf, offset, line, column)
            return
        cut = _cut_in(src, lo, hi, markup, size)
        if cut is None:  # no safe cut yet: hold more (doubling, so each text is judged O(1) times)
            want = 2 * (hi - lo)
            continue
        piece = src[lo:lo + cut]
        yield Chunk(piece, offset, line, column)
        offset, line, column = _after(piece, cut, offset, line, column)
        lo += cut
        want = 2 * size


def _after(buf: str, cut: int, offset: int, line: int, column: int) -> tuple[int, int, int]:
    """The offset, line and column of ``buf[cut]``, given those of ``buf[0]``."""
    core = compiled.core
    breaks = buf.count("\n", 0, cut) if core is None else core.line_feeds(buf, 0, cut)
    return (offset + cut, line + breaks,
            cut - buf.rfind("\n", 0, cut) if breaks else column + cut)


def normalize_stream(pieces: Iterable[str], glossary: Glossary, *, date: _dt.date | None = None,
                     markup: str = "text", unseen: bool = True,
                     accept_suggestions: int | None = None,
                     size: int | None = None) -> Iterator[NormalizeResult]:
    """:func:`~silkterm.glossary.apply.normalize` a chunk at a time: one result per chunk, whose
    ``source`` and ``text`` are the chunk before and after, and whose findings have offsets,
    lines and columns of the whole text. Joined, the texts are the normalised text."""
    decisions = Decisions(glossary, date)  # (each form planned once for the whole text)
    for chunk in chunks(pieces, markup, size):
        yield normalize(chunk.text, glossary, date=date, markup=markup, unseen=unseen,
                        accept_suggestions=accept_suggestions,
                        at=(chunk.offset, chunk.line, chunk.column), decisions=decisions)


def _terms(pieces: Iterable[str], glossary: Glossary, date: _dt.date | None, markup: str,
           unseen: bool, size: int | None) -> Iterator[tuple[Chunk, list[Finding]]]:
    decisions = Decisions(glossary, date)
    for chunk in chunks(pieces, markup, size):
        yield chunk, find_terms(chunk.text, glossary, date=date, markup=markup, unseen=unseen,
                                decisions=decisions)


def find_terms_stream(pieces: Iterable[str], glossary: Glossary, *, date: _dt.date | None = None,
                      markup: str = "text", unseen: bool = True,
                      size: int | None = None) -> Iterator[Finding]:
    """Every finding of :func:`~silkterm.glossary.apply.find_terms`, a chunk at a time, with
    offsets, lines and columns of the whole text."""
    decisions = Decisions(glossary, date)
    for chunk in chunks(pieces, markup, size):
        yield from find_terms(chunk.text, glossary, date=date, markup=markup, unseen=unseen,
                              at=(chunk.offset, chunk.line, chunk.column), decisions=decisions)


def annotate_stream(pieces: Iterable[str], glossary: Glossary, *, date: _dt.date | None = None,
                    markup: str = "text", unseen: bool = True,
                    size: int | None = None) -> Iterator[str]:
    """The inline annotation of :func:`~silkterm.glossary.apply.annotate`, in pieces."""
    for chunk, found in _terms(pieces, glossary, date, markup, unseen, size):
        yield "".join(inline_marks(chunk.text, found, glossary))


def html_document(path: str, pieces: Iterable[str], glossary: Glossary, *, doc: int = 1,
                  date: _dt.date | None = None, markup: str = "text", unseen: bool = True,
                  size: int | None = None) -> Iterator[str | Section]:
    """Document number ``doc`` of the annotate page: the pieces of its marked text
    (:func:`~silkterm.glossary.htmlpage.html_marks`), then its
    :class:`~silkterm.glossary.htmlpage.Section` (tally, language, first changes)."""
    zh = total = 0
    tally = Tally()
    first: tuple[tuple[Action, str], ...] = ()
    for chunk, found in _terms(pieces, glossary, date, markup, unseen, size):
        zh += sum(f.lang.startswith("zh") for f in found)
        total += len(found)
        tally += Tally.of(found)
        first = first_marks(found, doc, chunk.offset, first)
        yield from html_marks(chunk.text, found, glossary, doc=doc, offset=chunk.offset)
    yield Section(path, tally, text_lang(zh, total), first)


def html_documents_page(documents: Iterable[Iterable[str | Section]]) -> Iterator[str]:
    """The annotate page around documents of :func:`html_document`, in pieces. The counts at
    the top depend on every finding, so the marked texts are held in a temporary file until the
    last document is read."""
    sections: list[Section] = []
    lengths: list[int] = []  # characters of each marked text in the file
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as held:
        for pieces in documents:
            length = 0
            for piece in pieces:
                if isinstance(piece, Section):
                    sections.append(piece)
                else:
                    held.write(piece)
                    length += len(piece)
            lengths.append(length)
        held.seek(0)
        yield from html_page(sections, (_read(held, n) for n in lengths))


def annotate_html_stream(documents: Iterable[tuple[str, Iterable[str], str]], glossary: Glossary, *,
                         date: _dt.date | None = None, unseen: bool = True,
                         size: int | None = None) -> Iterator[str]:
    """The page of :func:`~silkterm.glossary.apply.annotate_html` for ``(path, pieces, markup)``
    documents, in pieces (see :func:`html_documents_page`)."""
    return html_documents_page(
        html_document(path, pieces, glossary, doc=doc, date=date, markup=markup, unseen=unseen,
                      size=size)
        for doc, (path, pieces, markup) in enumerate(documents, 1))


def _read(held: IO[str], length: int) -> Iterator[str]:
    """The next ``length`` characters of ``held``, in blocks."""
    while length > 0:
        block = held.read(min(length, CHUNK_SIZE))
        if not block:
            return
        length -= len(block)
        yield block


# --- one file at a time: what the workers of ``--jobs`` run (:mod:`silkterm.glossary.pool`) -------

@dataclass(frozen=True, slots=True)
class TextFile:
    """A text file to read: its path, its encoding (``None``: UTF-8, or as its BOM says) and
    the markup to protect in it. A value a worker process can be given."""

    path: str
    encoding: str | None = None
    markup: str = "text"
    doc: int = 1  # its number among the files of one run (the annotate page's ids need it)

    def open(self) -> TextStream:
        """The file from its start, decoded a block at a time."""
        return TextStream.open(self.path, self.encoding)


def normalize_file(file: TextFile, glossary: Glossary, *, date: _dt.date | None = None,
                   unseen: bool = True, accept_suggestions: int | None = None,
                   size: int | None = None) -> Iterator[NormalizeResult]:
    """:func:`normalize_stream` of one file."""
    return normalize_stream(file.open(), glossary, date=date, markup=file.markup, unseen=unseen,
                            accept_suggestions=accept_suggestions, size=size)


def normalized_text_file(file: TextFile, glossary: Glossary, *, date: _dt.date | None = None,
                         unseen: bool = True, accept_suggestions: int | None = None,
                         size: int | None = None) -> Iterator[str]:
    """The normalised text of one file, in pieces: :func:`normalize_file` without the findings,
    what printing the text needs (a worker then sends far less back)."""
    for part in normalize_file(file, glossary, date=date, unseen=unseen,
                               accept_suggestions=accept_suggestions, size=size):
        yield part.text


def annotate_file(file: TextFile, glossary: Glossary, *, date: _dt.date | None = None,
                  unseen: bool = True, size: int | None = None) -> Iterator[str]:
    """:func:`annotate_stream` of one file."""
    return annotate_stream(file.open(), glossary, date=date, markup=file.markup, unseen=unseen,
                           size=size)


def find_terms_file(file: TextFile, glossary: Glossary, *, date: _dt.date | None = None,
                    unseen: bool = True, size: int | None = None) -> Iterator[Finding]:
    """:func:`find_terms_stream` of one file."""
    return find_terms_stream(file.open(), glossary, date=date, markup=file.markup, unseen=unseen,
                             size=size)


def html_document_file(file: TextFile, glossary: Glossary, *, date: _dt.date | None = None,
                       unseen: bool = True, size: int | None = None) -> Iterator[str | Section]:
    """:func:`html_document` of one file (its :attr:`TextFile.doc` is its number)."""
    return html_document(file.path, file.open(), glossary, doc=file.doc, date=date,
                         markup=file.markup, unseen=unseen, size=size)

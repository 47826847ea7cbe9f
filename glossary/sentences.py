r"""Sentence splitting for English and Chinese news text, with exact code-point offsets.

:func:`split_sentences` cuts a text into :class:`Sentence` values following the conventions of
``benchmarks/align/README.md``:

- A blank line (a paragraph break) always ends a sentence. A line break after a line that has no
  sentence end (a headline) ends one too, unless the line is a dateline alone
  (``ASTANA, June 3 (Xinhua) --``, ``新华社阿斯塔纳6月3日电``), which stays with the sentence after
  it, or, in English, the next line starts with a lower-case letter (a wrapped line).
- Chinese: a sentence ends at 。！？； and keeps the closing quotes and brackets after it.
- English: a sentence ends at ``.``, ``!`` or ``?`` (closing quotes kept), followed by a space and
  a word that may start a sentence; not after an initial (``A. B. Aliyev``, ``L.N. Gumilyov``), a
  title (``Mr.``), a month or ``No.`` before a number (``Nov. 2``, ``No. 3``), nor before a word in
  lower case (``U.S. dollars``, ``Ltd. will``, ``"…costs?" said Sun``). An abbreviation such as
  ``Co.`` or ``U.S.`` ends a sentence only before a word that usually opens one (``The``, ``It``…).

The splitters are in a registry keyed by language; each pass is a single left-to-right scan, so the
time is linear in the text.

>>> [s.text for s in split_sentences("Trade hits record\n\nASTANA, Nov. 2 (Xinhua) -- Mr. A. B. "
...  "Aliyev of Co., Ltd. said U.S. dollars rose.  It grew!", "en")]
['Trade hits record', 'ASTANA, Nov. 2 (Xinhua) -- Mr. A. B. Aliyev of Co., Ltd. said U.S. dollars rose.', 'It grew!']
>>> [s.text for s in split_sentences("“学中文让我看到了一个更大的世界。”萨德科娃说。他说：“好，”她说。", "zh-Hans")]
['“学中文让我看到了一个更大的世界。”', '萨德科娃说。', '他说：“好，”她说。']
>>> split_sentences("  霍尔果斯口岸\n新华社电 记者获悉。", "zh")
[Sentence(text='霍尔果斯口岸', start=2, end=8), Sentence(text='新华社电 记者获悉。', start=9, end=19)]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: ``text`` is ``input[start:end]`` with each inner whitespace run one space;
    ``start`` and ``end`` are code-point offsets of its first and after its last character."""

    text: str
    start: int
    end: int


_CLOSERS = "\"'”’」』）)]"
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n")

# --- Chinese -----------------------------------------------------------------------------------

_ZH_END = re.compile(f"[。！？；]+[{re.escape(_CLOSERS)}]*")
_ZH_LINE_END = re.compile(f"[。！？；][{re.escape(_CLOSERS)}]*$")
_ZH_DATELINE = re.compile(r"^\S{0,12}?(?:社|报|电台|网)\S{0,16}电(?:（[^）\n]{0,30}）)?$")


def _zh_cuts(text: str, lo: int, hi: int) -> Iterator[int]:
    """Offsets in ``text[lo:hi]`` (one line run) after which a Chinese sentence ends."""
    for m in _ZH_END.finditer(text, lo, hi):
        yield m.end()


def _zh_line_open(line: str, next_line: str) -> bool:
    """Whether a Chinese line without a sentence end runs on into the next line (a dateline)."""
    return bool(_ZH_DATELINE.match(line))


# --- English -----------------------------------------------------------------------------------

_EN_END = re.compile(f"[.!?]+[{re.escape(_CLOSERS)}]*(?=\\s)")
_EN_LINE_END = re.compile(f"[.!?][{re.escape(_CLOSERS)}]*$")
_EN_DATELINE = re.compile(r"^[A-Z][A-Z .'-]*(?:, [A-Z][a-z]+\.? \d{1,2})?(?: \([A-Za-z ]+\))? ?(?:--|—|–)$")
_TOKEN_BEFORE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.&'-]{0,19}$")
_NEXT_WORD = re.compile(r"\s+([\"'“‘(]*)(\S{0,20})")
_INITIALS = re.compile(r"^(?:[A-Z]\.)*[A-Z]$")
# after a quoted question or exclamation: the speaker and a verb of saying ('"Why not?" Zhou said.')
_ATTRIBUTION = re.compile(r"\s+(?:[A-Z][\w'’-]*\s+){1,3}(?:said|says|asked|asks|added|adds|told|noted|recalled|"
                          r"explained|stressed|wrote|laughed|smiled)\b")

_TITLES = frozenset({"mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col",
                     "maj", "capt", "sgt", "rev", "hon", "st", "mt", "pres", "amb", "messrs"})
_BEFORE_NUMBER = frozenset({"no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                            "sept", "oct", "nov", "dec", "vol", "art", "fig", "p", "pp", "ch"})
_ABBREVIATIONS = frozenset({"co", "ltd", "inc", "corp", "bros", "jr", "sr", "etc", "u.s", "u.k",
                            "u.n", "e.u", "a.m", "p.m", "approx", "dept", "est", "govt", "int'l",
                            "e.g", "i.e", "vs", "jan", "feb", "aug", "sept", "oct", "nov", "dec"})
_OPENERS = frozenset({"the", "a", "an", "it", "its", "he", "she", "they", "we", "i", "this",
                      "that", "these", "those", "there", "in", "on", "at", "but", "and", "as",
                      "after", "by", "for", "from", "his", "her", "their", "our", "since",
                      "while", "when", "with", "last", "according", "meanwhile", "however"})


def _en_cuts(text: str, lo: int, hi: int) -> Iterator[int]:
    """Offsets in ``text[lo:hi]`` (one line run) after which an English sentence ends."""
    for m in _EN_END.finditer(text, lo, hi):
        nxt = _NEXT_WORD.match(text, m.end(), hi)
        if nxt is None or not nxt.group(2):
            yield m.end()
            continue
        word = nxt.group(2)
        if word[0].islower():
            continue  # "U.S. dollars", '"...costs?" said Sun'
        if text[m.start()] != ".":
            if text[m.end() - 1] in _CLOSERS and _ATTRIBUTION.match(text, m.end(), hi):
                continue  # '"Why not?" Zhou said.': the quotation and who said it, one sentence
            yield m.end()
            continue
        before = _TOKEN_BEFORE.search(text, max(lo, m.start() - 20), m.start())
        token = before.group() if before else ""
        if token and before is not None and before.start() > lo and text[before.start() - 1].isalnum():
            token = ""  # not a whole token
        key = token.lower()
        if m.end() - m.start() > 1 or not token:  # "..." or a stop after a bracket, a quote
            yield m.end()
        elif key in _BEFORE_NUMBER and word[0].isdigit():
            continue  # "Nov. 2", "No. 3"
        elif key in _ABBREVIATIONS:
            if word.rstrip(",;:").lower() in _OPENERS:
                yield m.end()  # "in the U.S. The talks"
            continue  # "Co., Ltd. Chairman", "U.S. President"
        elif _INITIALS.match(token) or key in _TITLES:
            continue  # "A. B. Aliyev", "L.N. Gumilyov", "Mr. Aliyev"
        elif "." in token and word.rstrip(",;:").lower() not in _OPENERS:
            continue  # "a.m. Beijing time"
        else:
            yield m.end()


def _en_line_open(line: str, next_line: str) -> bool:
    """Whether an English line without a sentence end runs on into the next line: a dateline
    alone, or a wrapped line (the next starts in lower case)."""
    first = next_line.lstrip()[:1]
    return bool(_EN_DATELINE.match(line)) or (first.islower())


@dataclass(frozen=True, slots=True)
class _Splitter:
    line_end: re.Pattern[str]
    line_open: Callable[[str, str], bool]
    cuts: Callable[[str, int, int], Iterator[int]]


SPLITTERS: dict[str, _Splitter] = {
    "en": _Splitter(_EN_LINE_END, _en_line_open, _en_cuts),
    "zh": _Splitter(_ZH_LINE_END, _zh_line_open, _zh_cuts),
}
"""The sentence splitters by language subtag."""


def _splitter(lang: str) -> _Splitter:
    base = lang.replace("_", "-").split("-")[0].lower()
    try:
        return SPLITTERS[base]
    except KeyError:
        raise ValueError(f"no sentence splitter for {lang!r}; known: {', '.join(SPLITTERS)}") from None


def _runs(text: str, splitter: _Splitter) -> Iterator[tuple[int, int]]:
    """Spans of ``text`` whose ends are sentence ends whatever they hold: paragraphs, cut after
    each headline line."""
    pos = 0
    for para in [*_PARAGRAPH.finditer(text), None]:
        end = para.start() if para is not None else len(text)
        lo = pos
        while True:
            nl = text.find("\n", lo, end)
            if nl < 0:
                break
            line = text[lo:nl].strip()
            after = text.find("\n", nl + 1, end)
            following = text[nl + 1:after if after >= 0 else end]
            if line and not splitter.line_end.search(line) and not splitter.line_open(line, following):
                yield pos, nl
                pos = nl
            lo = nl + 1
        yield pos, end
        pos = end


def _sentence(text: str, lo: int, hi: int) -> Sentence | None:
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    if lo == hi:
        return None
    return Sentence(" ".join(text[lo:hi].split()), lo, hi)


def split_sentences(text: str, lang: str) -> list[Sentence]:
    """The sentences of ``text`` in language ``lang`` (``en``, ``zh``; a ``zh-*`` or ``en-*``
    tag is its language), in order; together they hold every non-space character of the text.

    Raises :class:`ValueError` for a language without a splitter.

    >>> [s.text for s in split_sentences('"Who pays?" said Sun. It was in station No. 3. Then', "en")]
    ['"Who pays?" said Sun.', 'It was in station No. 3.', 'Then']
    >>> [s.text for s in split_sentences('"Why not go?" Zhou Lin said. "Yes!" They left.', "en")]
    ['"Why not go?" Zhou Lin said.', '"Yes!"', 'They left.']
    """
    splitter = _splitter(lang)
    out: list[Sentence] = []
    for lo, hi in _runs(text, splitter):
        start = lo
        for cut in splitter.cuts(text, lo, hi):
            s = _sentence(text, start, cut)
            if s is not None:
                out.append(s)
            start = cut
        s = _sentence(text, start, hi)
        if s is not None:
            out.append(s)
    return out

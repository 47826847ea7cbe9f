r"""Text folding: the keys texts and forms are matched by, and the character classes they rest on.

:func:`fold` is lower case with typography unified (same length); :class:`Folded` folds a whole
text and collapses the separator runs that may stand between the parts of a name, with the map
from its offsets back to the text's; :func:`match_key` is the key of one form. The helpers for
case shapes, separators and scripts (:func:`is_cjk`, :func:`is_wordish`) are shared by the
matcher, the indexes and the loader. Of silkterm it imports only the compiled core.

>>> match_key("Khorgos – Eastern\u00a0Gate") == match_key("khorgos-eastern gate")
True
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array
from collections.abc import Iterator
from typing import Any, cast

from . import compiled

_TYPOGRAPHY = {
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u3000": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\ufe63": "-", "\uff0d": "-",
    "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2032": "'", "\uff07": "'",
}
class LazyPattern:
    """A regular expression compiled when first used.

    Compiling a class of wide Unicode ranges (the Han blocks) takes milliseconds; a module that
    holds several would make every command's start-up pay for them, ``silkterm lookup``
    included, which never uses them. The first attribute looked up compiles the pattern and
    keeps that attribute (``search``, ``match`` …) on the instance, so later calls cost what a
    module-level compiled pattern costs.

    >>> p = lazy_pattern("[a-z]+")
    >>> "search" in vars(p), p.search("In Astana").group(), "search" in vars(p)
    (False, 'n', True)
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy, pickle and the like must not compile
            raise AttributeError(name)
        value = getattr(re.compile(*self._source), name)
        self.__dict__[name] = value
        return value


def lazy_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A :class:`LazyPattern`, typed as the compiled pattern it stands for."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))

CJK_CHARACTER = lazy_pattern(r"[\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u3100-\u312f\u3190-\u31ff"
                  r"\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]")


def unify_typography(text: str) -> str:
    """Replace typographic spaces, dashes and apostrophes by their ASCII forms (same length).

    >>> unify_typography("Xi’an\u00a0–\u00a0Astana")
    "Xi'an - Astana"
    """
    if text.isascii():
        return text
    for char, plain in _TYPOGRAPHY.items():
        if char in text:
            text = text.replace(char, plain)
    return text


def fold(text: str) -> str:
    """The matching key of a text: lower case with typographic variants unified, same length.

    >>> fold("Xi’an\u00a0–\u00a0ASTANA"), len(fold("İstanbul")) == len("İstanbul")
    ("xi'an - astana", True)
    """
    if "\u0130" in text:  # İ lower-cases to two code points; i keeps offsets aligned
        text = text.replace("\u0130", "i")
    return unify_typography(text.lower())


_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_SEPARATORS_AT = lazy_pattern(r"[\s\-]+")
_RARE_BREAK = lazy_pattern(r"[\r\x0b\x0c\x1c-\x1e]")
_LINE_BREAK_CHAR = lazy_pattern(r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d")
_SEPARATOR_RUN = lazy_pattern(r"[\s\-\u2010-\u2015\u2212\ufe63\uff0d]+")
_WHITESPACE_RUN = lazy_pattern(r"\s+")
# Whitespace that :func:`fold` leaves and a lone one of which is a space or joining line break
# (U+2029, a paragraph separator, is neither)
# (the characters of U+0080–U+3000 for which str.isspace() holds, but U+2029 and those in
# _TYPOGRAPHY; written out, as scanning for them cost each start-up ~1 ms; a test checks the list)
_OTHER_SPACES = ("\x85", "\u1680", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005",
                 "\u2006", "\u2008", "\u2028", "\u205f")
_ASCII_SPACES = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")


def _separator(char: str) -> bool:
    return char.isspace() or char in _DASHES


def _heading_ends(folded: str) -> list[int]:
    """The offsets of the line breaks that end Markdown headings (lines that start with ``#``)."""
    out: list[int] = []
    at = folded.find("#")
    while at != -1:
        start = at
        while start > 0 and folded[start - 1].isspace() and folded[start - 1] not in _BREAKS:
            start -= 1
        if start == 0 or folded[start - 1] in _BREAKS:
            end = _LINE_BREAK_CHAR.search(folded, at)
            if end is None:
                break
            out.append(end.start())
            at = end.start()
        at = folded.find("#", at + 1)
    return out


def _runs(folded: str, spaced: str, heading_ends: list[int]) -> Iterator[tuple[int, int]]:
    """The separator runs of ``folded`` (folded by :func:`fold`) that need a decision: two or
    more separators, a paragraph separator, or the line break after a heading. ``spaced`` is
    ``folded`` with every lone separator but U+2029 a space already, so the runs are found by
    ``str.find`` (much faster on running text than a regular expression at every space)."""
    seeds: list[int] = []
    at = spaced.find("  ")
    while at != -1:
        seeds.append(at)
        at = spaced.find("  ", _SEPARATORS_AT.match(folded, at).end())  # type: ignore[union-attr]
    if "\u2029" in folded:
        seeds.extend(m.start() for m in re.finditer("\u2029", folded))
    if heading_ends or len(seeds) > 1:
        seeds = sorted(seeds + heading_ends)
    end = 0
    for seed in seeds:
        if seed < end:
            continue
        start = seed
        while start > end and (folded[start - 1] == "-" or folded[start - 1].isspace()):
            start -= 1
        end = _SEPARATORS_AT.match(folded, seed).end()  # type: ignore[union-attr]
        yield start, end


def _line_breaks(run: str) -> int:
    """How many line breaks a run of separators holds (CR LF is one; U+2029 ends a paragraph)."""
    if run.isascii() and _RARE_BREAK.search(run) is None:
        return run.count("\n")  # the usual run: spaces, hyphens and line feeds
    count = sum(run.count(c) for c in _BREAKS if c in run) - run.count("\r\n")
    return count + 1 if "\u2029" in run else count


def _joins(run: str, breaks: int, at: int, heading_ends: list[int]) -> bool:
    """True if the separator run ``run`` (with ``breaks`` line breaks) at ``at`` may stand
    between two parts of a name.

    Spaces, hyphens and dashes do, with at most one line break; a blank line (a paragraph
    break) does not, nor a line break before a dash that starts the next line (a list item), nor
    the line break that ends a Markdown heading (one of ``heading_ends``).
    """
    if breaks == 0:
        return True
    if breaks > 1:
        return False
    last = max(run.rfind(c) for c in _BREAKS)
    if "-" in run[last:]:
        return False
    if heading_ends:
        first = _LINE_BREAK_CHAR.search(run).start()  # type: ignore[union-attr]
        k = bisect.bisect_left(heading_ends, at + first)
        return not (k < len(heading_ends) and heading_ends[k] == at + first)
    return True


class Folded:
    r"""The matching key of a whole text, with the map from its offsets back to the text's.

    Lower case, typography unified (as :func:`fold`), every separator run that joins the parts
    of a name (see :func:`_joins`) one space, every other run with a line break one paragraph
    separator (U+2029, which no form holds). Folding twice changes nothing.

    >>> f = Folded("Kassym-Jomart \u2013\nTOKAYEV")
    >>> f.text, f.original(f.text.index("tokayev")), f.original_end(len(f.text))
    ('kassym jomart tokayev', 16, 23)
    >>> Folded("Khorgos\n\n- Eastern").text
    'khorgos\u2029eastern'
    """

    __slots__ = ("_a", "_b", "_p", "text")

    def __init__(self, text: str) -> None:
        self._p, self._a, self._b = array("q"), array("q"), array("q")  # per collapsed run
        core = compiled.core
        if core is not None:  # the same, compiled (tests/glossary/test_cmatch.py)
            # (the case and the typography there, as fold does them, but for a capital sigma:
            # its lower case depends on the letters around it; the heading ends are the same
            # before folding and after: it changes no space, line break or #)
            lowered = "\u03a3" in text
            if lowered:
                text = (text.replace("\u0130", "i") if "\u0130" in text else text).lower()
            folded: str
            folded, p, a, b = core.collapse(text, _heading_ends(text) if "#" in text else [],
                                            lowered)
            self.text = folded
            self._p.frombytes(p)
            self._a.frombytes(a)
            self._b.frombytes(b)
            return
        folded = fold(text)
        if not (" " in folded or "-" in folded or not folded.isprintable()):
            self.text = folded
            return
        spaced = folded.replace("-", " ").replace("\n", " ").replace("\t", " ")
        for char in _ASCII_SPACES if folded.isascii() else _ASCII_SPACES + _OTHER_SPACES:
            if char in spaced:
                spaced = spaced.replace(char, " ")
        headings = _heading_ends(folded) if "#" in folded else []
        pieces: list[str] = []
        pos = shift = 0
        for a, b in _runs(folded, spaced, headings):
            run = folded[a:b]
            if "\n\n" in run:  # a blank line, the usual run: two line breaks or more
                sep = "\u2029"
            else:
                sep = " " if _joins(run, _line_breaks(run), a, headings) else "\u2029"
            pieces.append(spaced[pos:a])
            pieces.append(sep)
            pos = b
            if b - a > 1:
                self._p.append(a - shift)
                self._a.append(a)
                self._b.append(b)
                shift += b - a - 1
        if pieces:
            pieces.append(spaced[pos:])
            spaced = "".join(pieces)
        self.text = spaced

    def original(self, i: int) -> int:
        """The offset in the original text of the character at folded offset ``i``."""
        k = bisect.bisect_right(self._p, i) - 1
        if k < 0:
            return i
        p = self._p[k]
        return self._a[k] if i == p else i + self._b[k] - p - 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span ``start:end``."""
        runs = self._p
        if not runs:
            return start, end
        k = bisect.bisect_right(runs, start) - 1
        if k >= 0 and runs[k] == start or k + 1 < len(runs) and runs[k + 1] < end:
            return self.original(start), (self.original(end - 1) + 1 if end > 0 else 0)
        shift = self._b[k] - runs[k] - 1 if k >= 0 else 0  # no run inside: one shift for both
        return start + shift, end + shift

    def shifts(self) -> tuple[list[int], list[int]]:
        """The folded offsets of the collapsed runs of two or more separators, and for each, how
        far the folded offsets after it lie behind the original's (for a caller that maps many
        ascending offsets at once, see ``Matcher``).

        >>> Folded("a  b\\n\\nc").shifts()
        ([1, 3], [1, 2])
        """
        return list(self._p), [b - p - 1 for p, b in zip(self._p, self._b)]

    def offset_map(self) -> tuple[array[int], array[int], array[int]]:
        """Per collapsed run of two or more separators: its folded offset, and its start and end
        in the original text (for a compiled caller that maps offsets itself).

        >>> [list(x) for x in Folded("a  b\\n\\nc").offset_map()]
        [[1, 3], [1, 4], [3, 6]]
        """
        return self._p, self._a, self._b

    def original_end(self, i: int) -> int:
        """The original end offset of a folded span ending at ``i`` (exclusive)."""
        return self.original(i - 1) + 1 if i > 0 else 0

    def folded(self, o: int) -> int:
        """The folded offset of the character at original offset ``o`` (a run's one character)."""
        k = bisect.bisect_right(self._a, o) - 1
        if k < 0:
            return o
        if o < self._b[k]:
            return self._p[k]
        return o - (self._b[k] - self._p[k] - 1)

    def folded_end(self, o: int) -> int:
        """The folded end offset of an original span ending at ``o`` (exclusive)."""
        return self.folded(o - 1) + 1 if o > 0 else 0


def match_key(text: str) -> str:
    """The key a form is matched by: :class:`Folded` text (case, typography and separators).

    >>> match_key("Khorgos – Eastern\u00a0Gate") == match_key("khorgos-eastern gate")
    True
    """
    if text and not (_separator(text[0]) or _separator(text[-1])) and \
            _LINE_BREAK_CHAR.search(text) is None:
        return " ".join(fold(text).replace("-", " ").split())  # the same, for a form; faster
    return Folded(text).text


def canonical_separators(text: str) -> str:
    r"""``text`` with typography unified and each separator run one space (case kept).

    >>> canonical_separators("Kassym-Jomart\nTokayev")
    'Kassym Jomart Tokayev'
    """
    if text.isascii() and text.isprintable() and "-" not in text and "  " not in text:
        return text  # the usual surface: nothing to do
    return _SEPARATOR_RUN.sub(" ", unify_typography(text))


def collapse_whitespace(text: str) -> str:
    """``text`` with typography unified and each whitespace run one space (hyphens kept)."""
    if text.isascii() and text.isprintable() and "  " not in text:
        return text  # the usual surface: nothing to do
    return _WHITESPACE_RUN.sub(" ", unify_typography(text))


def is_cjk(ch: str) -> bool:
    """True for Han, kana and hangul characters: scripts written without spaces between words."""
    return CJK_CHARACTER.match(ch) is not None


def is_wordish(ch: str) -> bool:
    """True for a character that continues a Latin/Cyrillic word: a letter, digit or mark, not CJK."""
    if ch.isalnum():
        return ch < "\u2e80" or not is_cjk(ch)
    return ch == "_" or (ch > "\u02ff" and unicodedata.category(ch)[0] == "M")


def case_shapes(form: str) -> frozenset[str]:
    """The case shapes ``shape`` matching accepts: as written, UPPER, Capitalised, Title Case.

    >>> sorted(case_shapes("panda blood"))
    ['PANDA BLOOD', 'Panda Blood', 'Panda blood', 'panda blood']
    """
    folded = unify_typography(form)
    return frozenset({folded, folded.upper(), folded[:1].upper() + folded[1:], title_case(folded)})


_WORD_START = lazy_pattern(r"(^|[\s\-/'(])(\w)")


def title_case(text: str) -> str:
    """Capitalise the first letter of every word, leaving the other letters alone.

    >>> title_case("panda blood"), title_case("rh-negative")
    ('Panda Blood', 'Rh-Negative')
    """
    return _WORD_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)


"""Spans of a text that must never be matched or rewritten: URLs, e-mail addresses, code, markup.

>>> text = "See https://example.com/Horgos or `Horgos` — not Horgos."
>>> [text[s:e] for s, e in protected_spans(text, "markdown")]
['https://example.com/Horgos', '`Horgos`']
>>> plain = "Mail a@b.kz, see <b class='Horgos'>Horgos</b>"
>>> [plain[s:e] for s, e in protected_spans(plain)]
['a@b.kz', "<b class='Horgos'>", '</b>']
>>> html = '<a title="Horgos" href="/Horgos">Horgos</a><code>Horgos</code>'
>>> [html[s:e] for s, e in protected_spans(html, "html")]
['<a title="Horgos" href="/Horgos">', '</a>', '<code>Horgos</code>']
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Sequence
from pathlib import PurePath

from . import compiled

MARKUPS = ("text", "markdown", "html")

_URL = r"(?:\b(?:https?|ftp|file)://|\bwww\.)[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]}»”’]"
_EMAIL = r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"
_MD_FENCE = r"^[ \t]{0,3}(?P<fence>`{3,}|~{3,})[^\n]*\n(?:.*?\n)??[ \t]{0,3}(?P=fence)[ \t]*(?:\n|\Z)"
_MD_FENCE_OPEN = r"^[ \t]{0,3}(?:`{3,}|~{3,})[^\n]*(?:\n.*)?\Z"  # an unclosed fence runs to the end
_MD_INDENTED = r"(?:(?<=\n\n)|\A)(?:(?: {4}|\t)[^\n]*(?:\n|\Z))+"
_MD_INLINE = r"(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)"
_MD_LINK_TARGET = r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"
_MD_REFERENCE = r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*(?:<[^>\n]*>|\S+)"  # [1]: /news/Horgos.html
_HTML_BLOCK = r"<(?P<tag>script|style|code|pre|kbd|samp|textarea)\b[^>]*>.*?</(?P=tag)\s*>"
_HTML_COMMENT = r"<!--.*?-->"
_HTML_TAG = r"</?[A-Za-z][^<>]*>|<![A-Za-z][^<>]*>"
_HTML_ENTITY = r"&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);"

_TEXT_LINE = re.compile(f"{_HTML_TAG}|{_URL}|{_EMAIL}")
_COMMENT = re.compile(_HTML_COMMENT, re.DOTALL)
_TRIGGERS = ("<", "://", "www.", "@")
_LONGEST_TAG = 4096
_PATTERNS = {
    "markdown": re.compile(f"{_MD_FENCE}|{_MD_FENCE_OPEN}|{_MD_INDENTED}|{_HTML_COMMENT}|{_HTML_BLOCK}|"
                           f"{_MD_INLINE}|{_MD_LINK_TARGET}|{_MD_REFERENCE}|{_HTML_TAG}|{_URL}|{_EMAIL}",
                           re.DOTALL | re.MULTILINE | re.IGNORECASE),
    "html": re.compile(f"{_HTML_COMMENT}|{_HTML_BLOCK}|{_HTML_TAG}|{_HTML_ENTITY}|{_URL}|{_EMAIL}",
                       re.DOTALL | re.IGNORECASE),
}
_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".mdown": "markdown",
             ".html": "html", ".htm": "html", ".xhtml": "html"}


def detect_markup(path: str | None) -> str:
    """The markup of a file judged by its name: ``markdown``, ``html`` or ``text``.

    >>> detect_markup("notes.md"), detect_markup("page.HTML"), detect_markup(None)
    ('markdown', 'html', 'text')
    """
    if not path:
        return "text"
    return _SUFFIXES.get(PurePath(path).suffix.lower(), "text")


def _trigger_line(text: str, at: int, trigger: str) -> tuple[int, int]:
    """The line around ``trigger`` at ``at``; for a tag (``<``), every line up to its end."""
    lo = text.rfind("\n", 0, at) + 1
    last = at
    if trigger == "<":  # a tag may run over several lines: take them all
        close = text.find(">", at, at + _LONGEST_TAG)
        if close != -1 and "<" not in text[at + 1:close]:
            last = close
    hi = text.find("\n", last)
    return lo, len(text) if hi == -1 else hi


def _trigger_lines(text: str) -> list[tuple[int, int]]:
    """The lines of ``text`` that hold a character a URL, an e-mail or a tag needs, merged.

    Each trigger is looked for again after the line (or tag) of its last place. The compiled
    core lists the first place of each trigger on each line in one pass (``str.find`` of a
    string of several characters is slow); the lines are then the same
    (tests/glossary/test_cmatch.py)."""
    lines: list[tuple[int, int]] = []
    core = compiled.core
    if core is not None:
        places = array("q")
        places.frombytes(core.triggers(text))
        after = [0] * len(_TRIGGERS)  # per trigger: where it is looked for again
        for k in range(0, len(places), 2):
            at, which = places[k], places[k + 1]
            if at >= after[which]:
                lo, hi = _trigger_line(text, at, _TRIGGERS[which])
                lines.append((lo, hi))
                after[which] = hi
    else:
        for trigger in _TRIGGERS:
            at = text.find(trigger)
            while at != -1:
                lo, hi = _trigger_line(text, at, trigger)
                lines.append((lo, hi))
                at = text.find(trigger, hi)
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(lines):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def _plain_text_spans(text: str) -> list[tuple[int, int]]:
    # Plain text can be large: look only at lines that could hold a URL, an e-mail or a tag.
    spans = [m.span() for m in _COMMENT.finditer(text)] if "<" in text and "<!--" in text else []
    for lo, hi in _trigger_lines(text):
        spans.extend(m.span() for m in _TEXT_LINE.finditer(text, lo, hi))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        elif end > start:
            merged.append((start, end))
    return merged


def overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps one of ``spans`` (sorted, non-overlapping, as
    :func:`protected_spans` gives them): one bisection.

    >>> overlaps([(0, 3), (10, 20)], 3, 10), overlaps([(0, 3), (10, 20)], 5, 11)
    (False, True)
    """
    k = bisect.bisect_right(spans, (start, 1 << 62)) - 1
    if k >= 0 and spans[k][1] > start:
        return True
    return k + 1 < len(spans) and spans[k + 1][0] < end


def protected_spans(text: str, markup: str = "text") -> list[tuple[int, int]]:
    """Sorted, non-overlapping ``(start, end)`` spans that matching must leave alone."""
    if markup == "text":
        return _plain_text_spans(text)
    try:
        pattern = _PATTERNS[markup]
    except KeyError:
        raise ValueError(f"unknown markup {markup!r}; expected one of {', '.join(MARKUPS)}") from None
    return [m.span() for m in pattern.finditer(text) if m.end() > m.start()]

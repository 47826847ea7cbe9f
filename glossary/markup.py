"""Spans of a text that must never be matched or rewritten: URLs, e-mail addresses, code, markup.

>>> text = "See https://example.com/Horgos or `Horgos` — not Horgos."
>>> [text[s:e] for s, e in protected_spans(text, "markdown")]
['https://example.com/Horgos', '`Horgos`']
>>> html = '<a title="Horgos" href="/Horgos">Horgos</a><code>Horgos</code>'
>>> [html[s:e] for s, e in protected_spans(html, "html")]
['<a title="Horgos" href="/Horgos">', '</a>', '<code>Horgos</code>']
"""

from __future__ import annotations

import re
from pathlib import PurePath

MARKUPS = ("text", "markdown", "html")

_URL = r"(?:\b(?:https?|ftp|file)://|\bwww\.)[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]}»”’]"
_EMAIL = r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"
_MD_FENCE = r"^[ \t]{0,3}(?P<fence>`{3,}|~{3,})[^\n]*\n(?:.*?\n)??[ \t]{0,3}(?P=fence)[ \t]*(?:\n|\Z)"
_MD_FENCE_OPEN = r"^[ \t]{0,3}(?:`{3,}|~{3,})[^\n]*(?:\n.*)?\Z"  # an unclosed fence runs to the end
_MD_INDENTED = r"(?:(?<=\n\n)|\A)(?:(?: {4}|\t)[^\n]*(?:\n|\Z))+"
_MD_INLINE = r"(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)"
_MD_LINK_TARGET = r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"
_HTML_BLOCK = r"<(?P<tag>script|style|code|pre|kbd|samp|textarea)\b[^>]*>.*?</(?P=tag)\s*>"
_HTML_COMMENT = r"<!--.*?-->"
_HTML_TAG = r"</?[A-Za-z][^<>]*>|<![A-Za-z][^<>]*>"
_HTML_ENTITY = r"&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);"

_PATTERNS = {
    "text": re.compile("|".join((_HTML_COMMENT, _HTML_TAG, _URL, _EMAIL)), re.S),
    "markdown": re.compile("|".join((_MD_FENCE, _MD_FENCE_OPEN, _MD_INDENTED, _HTML_COMMENT,
                                     _HTML_BLOCK, _MD_INLINE, _MD_LINK_TARGET, _HTML_TAG, _URL,
                                     _EMAIL)), re.S | re.M | re.I),
    "html": re.compile("|".join((_HTML_COMMENT, _HTML_BLOCK, _HTML_TAG, _HTML_ENTITY, _URL,
                                 _EMAIL)), re.S | re.I),
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


def protected_spans(text: str, markup: str = "text") -> list[tuple[int, int]]:
    """Sorted, non-overlapping ``(start, end)`` spans that matching must leave alone."""
    try:
        pattern = _PATTERNS[markup]
    except KeyError:
        raise ValueError(f"unknown markup {markup!r}; expected one of {', '.join(MARKUPS)}") from None
    return [m.span() for m in pattern.finditer(text) if m.end() > m.start()]

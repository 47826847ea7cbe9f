"""Value types of the translation memory: units (``<tu>``) and their segments (``<tuv>``).

A :class:`Segment` keeps the inner XML of its TMX ``<seg>`` verbatim in ``content`` (inline codes
``bpt/ept/ph/it/hi/ut/sub`` included, text XML-escaped), so that a memory exchanges markup with CAT
tools losslessly; ``text`` is the plain text used for matching.

>>> s = Segment("en", 'Trains exit <ph x="1">&lt;br/&gt;</ph>at <hi type="b">Khorgos</hi> &amp; more')
>>> s.text
'Trains exit at Khorgos & more'
>>> u = Unit("khorgos", (Segment("en", "Khorgos"), Segment("zh-Hans", "霍尔果斯")))
>>> u.segment("zh").content, u.segment("ZH-hans").text, u.segment("kk")
('霍尔果斯', '霍尔果斯', None)
>>> escape("a < b & c"), make_id("Khorgos", "霍尔果斯")
('a &lt; b &amp; c', 'sk-...')
>>> normalize_lang("ZH-hant-tw"), normalize_lang("en_us")
('zh-Hant-TW', 'en-US')
"""

from __future__ import annotations

import functools
import hashlib
import html
import re
from dataclasses import dataclass

Prop = tuple[str, str]
"""A ``<prop>``: (type, value). Order is kept and repeats are allowed."""

_CODES = frozenset({"bpt", "ept", "ph", "it", "ut"})  # native codes: dropped from plain text
_TAG = re.compile(r"<(/?)([A-Za-z][\w.-]*)[^>]*?(/?)>")

# Chinese tags that name the same script: a lookup for one finds the other.
_EQUIVALENT = {"zh-hans": ("zh-cn", "zh-sg"), "zh-hant": ("zh-tw", "zh-hk", "zh-mo"),
               "zh-cn": ("zh-hans",), "zh-sg": ("zh-hans",), "zh-tw": ("zh-hant",),
               "zh-hk": ("zh-hant",), "zh-mo": ("zh-hant",)}


@functools.lru_cache(maxsize=512)
def normalize_lang(tag: str) -> str:
    """A BCP 47 tag in its conventional case: language lower, script title, region upper.

    ``_`` is accepted as a separator (``en_US`` → ``en-US``).

    >>> normalize_lang("zh-hans"), normalize_lang("KK"), normalize_lang("sr-latn-rs")
    ('zh-Hans', 'kk', 'sr-Latn-RS')
    """
    parts = tag.strip().replace("_", "-").split("-")
    out = [parts[0].lower()]
    for i, part in enumerate(parts[1:], 1):
        if len(part) == 4 and part.isalpha() and i == 1:
            out.append(part.title())
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def lang_matches(wanted: str, lang: str) -> bool:
    """True if a segment in ``lang`` answers a request for ``wanted`` (case-insensitive).

    A bare language matches every tag that starts with it (``zh`` matches ``zh-Hans`` and
    ``zh-CN``); ``zh-Hans`` and ``zh-CN`` (``zh-Hant`` and ``zh-TW``, …) match each other.

    >>> lang_matches("zh", "zh-CN"), lang_matches("zh-Hans", "zh-cn"), lang_matches("en", "eng")
    (True, True, False)
    """
    w, lang = wanted.lower().replace("_", "-"), lang.lower()
    return (w == lang or lang.startswith(w + "-") or lang in _EQUIVALENT.get(w, ())
            or any(lang.startswith(e + "-") for e in _EQUIVALENT.get(w, ())))


def compatible(wanted: str, got: str) -> bool:
    """Whether a segment in ``got`` can stand for one in ``wanted``: the same language, and for
    Chinese the same script (a zh-TW request is never answered with simplified characters).

    >>> compatible("zh-Hans", "zh-CN"), compatible("zh-Hant", "zh-hans"), compatible("en", "en-US")
    (True, False, True)
    >>> compatible("en-GB", "en-US"), compatible("zh-TW", "zh-HK"), compatible("zh", "zh-Hant")
    (True, True, True)
    """
    w, g = wanted.lower().replace("_", "-").split("-"), got.lower().replace("_", "-").split("-")
    if w[0] != g[0]:
        return False
    if w[0] != "zh":
        return True
    ws, gs = _chinese_script(w[1:]), _chinese_script(g[1:])
    return ws is None or gs is None or ws == gs


_SCRIPT_OF_REGION = {"cn": "hans", "sg": "hans", "my": "hans", "tw": "hant", "hk": "hant",
                     "mo": "hant"}


def chinese_script(tag: str) -> str | None:
    """The script a Chinese tag names, ``Hans`` (simplified) or ``Hant`` (traditional), by its
    script subtag or else its region (CN, SG, MY: simplified; TW, HK, MO: traditional); ``None``
    for a Chinese tag that names neither (``zh``) and for every other language.

    >>> chinese_script("zh-CN"), chinese_script("zh-hant"), chinese_script("zh-Hans-HK")
    ('Hans', 'Hant', 'Hans')
    >>> chinese_script("zh_SG"), chinese_script("zh-HK"), chinese_script("zh"), chinese_script("kk")
    ('Hans', 'Hant', None, None)
    """
    parts = tag.lower().replace("_", "-").split("-")
    if parts[0] != "zh":
        return None
    script = _chinese_script(parts[1:])
    return script.title() if script else None


def _chinese_script(subtags: list[str]) -> str | None:
    """``hans``, ``hant`` or ``None`` (unknown) for the subtags after ``zh``."""
    for sub in subtags:
        if sub in ("hans", "hant"):
            return sub
    for sub in subtags:
        if sub in _SCRIPT_OF_REGION:
            return _SCRIPT_OF_REGION[sub]
    return None


XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""A character XML 1.0 forbids (see :func:`xml_safe`)."""


def xml_safe(text: str) -> bool:
    r"""Whether XML 1.0 can hold ``text`` as it is: no C0 control other than TAB, LF and CR, no
    U+FFFE/U+FFFF, no lone surrogate.

    >>> xml_safe("a\tb\n"), xml_safe("bell\x07"), xml_safe("\uffff")
    (True, False, False)
    """
    return XML_FORBIDDEN.search(text) is None


def escape(text: str) -> str:
    """Plain text as ``<seg>`` content: ``&``, ``<`` and ``>`` escaped, and a carriage return
    as ``&#13;`` (XML would read a literal one as a line feed).

    >>> escape("R&D <b>\\r")
    'R&amp;D &lt;b&gt;&#13;'
    """
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def make_id(source: str, target: str) -> str:
    """A stable unit id for a unit that has none: ``sk-`` and 16 hex digits of a BLAKE2b hash.

    >>> make_id("Khorgos", "霍尔果斯") == make_id("Khorgos", "霍尔果斯") != make_id("Khorgos", "")
    True
    """
    digest = hashlib.blake2b(f"{source}\x00{target}".encode(), digest_size=8).hexdigest()
    return f"sk-{digest}"


def _plain(content: str) -> str:
    """The plain text of ``<seg>`` content: codes dropped, ``hi``/``sub`` text kept, unescaped."""
    if "<" not in content:
        return html.unescape(content) if "&" in content else content
    out: list[str] = []
    depth = 0  # > 0 inside a native code element (bpt/ept/ph/it/ut)
    stack: list[bool] = []  # for every open element: does it drop its text?
    pos = 0
    for m in _TAG.finditer(content):
        if depth == 0:
            out.append(content[pos:m.start()])
        pos = m.end()
        closing, name, empty = m.group(1), m.group(2), m.group(3)
        if closing:
            if stack and stack.pop():
                depth -= 1
        elif not empty:
            drop = name in _CODES or (depth > 0)
            stack.append(drop)
            if drop:
                depth += 1
    if depth == 0:
        out.append(content[pos:])
    return html.unescape("".join(out))


@dataclass(frozen=True, slots=True)
class Segment:
    """One language version of a unit (a TMX ``<tuv>``)."""

    lang: str
    content: str
    props: tuple[Prop, ...] = ()
    notes: tuple[str, ...] = ()
    attrs: tuple[tuple[str, str], ...] = ()

    @property
    def text(self) -> str:
        """The plain text: inline codes removed (``hi``/``sub`` text kept), entities unescaped."""
        return _plain(self.content)

    @classmethod
    def from_text(cls, lang: str, text: str, **kwargs: object) -> Segment:
        """A segment holding plain ``text`` (escaped into ``content``).

        >>> Segment.from_text("en", "a<b").content
        'a&lt;b'
        """
        return cls(lang, escape(text), **kwargs)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Unit:
    """A translation unit (a TMX ``<tu>``): its id and its segments in several languages."""

    id: str
    segments: tuple[Segment, ...]
    props: tuple[Prop, ...] = ()
    notes: tuple[str, ...] = ()
    created: str | None = None
    changed: str | None = None
    attrs: tuple[tuple[str, str], ...] = ()
    origin: str | None = None

    def segment(self, lang: str) -> Segment | None:
        """The first segment in ``lang`` (see :func:`lang_matches`); an exact tag wins."""
        wanted = lang.lower()
        for s in self.segments:
            if s.lang.lower() == wanted:
                return s
        for s in self.segments:
            if lang_matches(wanted, s.lang):
                return s
        return None

    def prop(self, type_: str) -> str | None:
        """The value of the first property of type ``type_``, if any."""
        return next((v for t, v in self.props if t == type_), None)

    @property
    def langs(self) -> tuple[str, ...]:
        """The languages of the segments, in order."""
        return tuple(s.lang for s in self.segments)

    @staticmethod
    def text_of(content: str) -> str:
        """The plain text of ``<seg>`` content (see :attr:`Segment.text`).

        >>> Unit.text_of('<bpt i="1">&lt;b&gt;</bpt>Astana<ept i="1">&lt;/b&gt;</ept>')
        'Astana'
        """
        return _plain(content)

r"""Reading and writing TMX 1.4b, streaming and safely.

:func:`read_tmx` parses with ``lxml.etree.iterparse`` (no network, no DTD loading, no entity
expansion, no huge-tree mode) and clears every ``<tu>`` once it has become a :class:`Unit`, so a
memory of millions of units is read in bounded memory. A document whose DOCTYPE declares
entities is refused before parsing (XXE and entity bombs). :func:`write_tmx` streams units into a
temporary file that replaces the output only when everything is written.

Characters XML 1.0 forbids (C0 controls other than TAB, LF and CR, U+FFFE, U+FFFF and lone
surrogates; gettext catalogues hold U+0007 BEL and U+000B VT) have no escape in TMX 1.4b, so
silkterm writes them in a form that is valid TMX and that :func:`read_tmx` turns back into the
exact character:

- in segment text (``<seg>``, ``<hi>``, ``<sub>``) as an inline code holding the character
  reference as its native code: ``<ph type="x-silkterm-char">&amp;#x7;</ph>`` (a CAT tool shows
  a placeholder; only a ``<ph>`` with exactly this type, no other attribute and a reference to a
  forbidden character as its whole text is read back as the character, any other ``<ph>`` stays
  a code);
- in a ``<prop>`` or ``<note>`` (which hold text only) as ``&#xH;`` references written as text,
  ``&`` itself as ``&#x26;``, the element marked ``o-encoding="x-silkterm-char-refs"`` (only
  values that hold such a character are marked, so every other value is written as it is);
- in an attribute (``tuid``, ``xml:lang``, other ``<tu>``/``<tuv>`` attributes) and inside the
  native text of an inline code they cannot be written: :class:`~silkterm.tm.errors.TMError`
  (no reader of silkterm puts one there; a PO/MO ``msgctxt`` holding one is not used as an id).

>>> unit = Unit("bel", (Segment("en", "Bell\x07!"),), notes=("a\x0bb & c",))
>>> print(tu_xml(unit), end="")
  <tu tuid="bel">
    <note o-encoding="x-silkterm-char-refs">a&amp;#xB;b &amp;#x26; c</note>
    <tuv xml:lang="en">
      <seg>Bell<ph type="x-silkterm-char">&amp;#x7;</ph>!</seg>
    </tuv>
  </tu>

>>> import tempfile, pathlib
>>> from silkterm.tm.model import Segment, Unit
>>> p = pathlib.Path(tempfile.mkdtemp()) / "m.tmx"
>>> unit = Unit("khorgos", (Segment("en", "Khorgos"), Segment("zh-Hans", "霍尔果斯")),
...             props=(("x-silkterm-type", "place"),), created="20260101T000000Z")
>>> write_tmx([unit], p, srclang="en")
1
>>> [back] = read_tmx(p)
>>> back == unit
True
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from silkterm.glossary.version import __version__

from .errors import TMError, TMFormatError
from .export import open_atomic
from .files import open_input
from .model import XML_FORBIDDEN, Segment, Unit, make_id, normalize_lang

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ORIGIN_PROP = "x-silkterm-origin"
O_TMF = "silkterm-sqlite"
CHAR_TYPE = "x-silkterm-char"
"""The ``type`` of the ``<ph>`` that stands for a character XML forbids."""
CHAR_ENCODING = "x-silkterm-char-refs"
"""The ``o-encoding`` of a ``<prop>``/``<note>`` whose ``&#xH;`` text stands for characters."""
_TAG = re.compile(r"<(/?)([A-Za-z][\w.-]*)[^>]*?(/?)>")  # a start, end or empty tag in content
_CHAR_REF = re.compile(r"&#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}));")
_CHAR_PH = re.compile(r'<ph type="x-silkterm-char">&amp;(#(?:x[0-9A-Fa-f]{1,6}|[0-9]{1,7});)</ph>')
_PROLOG_LIMIT = 1 << 20  # bytes searched for the root start tag (and any DOCTYPE before it)
_ROOT = re.compile(r"<(?![!?/])")
_LINE_SUFFIX = re.compile(r",? line \d+, column \d+$")


# --- reading ------------------------------------------------------------------------------------

def _check_prolog(head: bytes, name: str) -> None:
    """Refuse a DOCTYPE that declares entities (or is too long to inspect)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head.decode("utf-16", errors="replace")
    else:
        text = head.decode("latin-1")
    text = re.sub(r"<!--.*?-->", lambda m: "\n" * m.group().count("\n"), text, flags=re.DOTALL)
    root = _ROOT.search(text)
    prolog = text[: root.start()] if root else text
    at = prolog.find("<!ENTITY")
    if at >= 0:
        raise TMFormatError("entity declarations are not allowed", path=name,
                            line=prolog.count("\n", 0, at) + 1)
    if root is None and "<!DOCTYPE" in prolog and len(head) >= _PROLOG_LIMIT:
        raise TMFormatError("DOCTYPE too long (entity declarations are not allowed)", path=name,
                            line=1)


def _syntax_error(e: Any, name: str) -> TMFormatError:
    message = _LINE_SUFFIX.sub("", str(getattr(e, "msg", None) or e)).strip() or "malformed XML"
    if "encoding" in message or "UTF-8" in message:
        message += " (the file is not in the encoding it declares)"
    line = getattr(e, "lineno", None) or (e.position[0] if getattr(e, "position", None) else None)
    return TMFormatError(message, path=name, line=line)


def read_tmx(path: str | Path, *, source_lang: str | None = None) -> Iterator[Unit]:
    """Stream the units of a TMX file (1.1–1.4b).

    A unit without ``tuid`` gets :func:`~silkterm.tm.model.make_id` of its source text (the
    segment in the ``srclang`` of the ``<tu>``, of the header, or ``source_lang``) and its first
    other segment. Every problem is a :class:`TMFormatError` naming the file and line.
    """
    from lxml import etree

    name = str(path)
    fh = open_input(path)
    with fh:
        _check_prolog(fh.read(_PROLOG_LIMIT), name)
        fh.seek(0)
        events = etree.iterparse(fh, events=("end",), tag=("header", "tu"), resolve_entities=False,
                                 no_network=True, load_dtd=False, huge_tree=False,
                                 remove_comments=True, remove_pis=True)
        srclang = source_lang
        checked = False
        try:
            for _, elem in events:
                if not checked:
                    root = elem.getroottree().getroot()
                    if root.tag != "tmx":
                        raise TMFormatError(f"not a TMX file (root element <{root.tag}>)",
                                            path=name, line=root.sourceline)
                    checked = True
                if elem.tag == "header":
                    lang = elem.get("srclang")
                    if lang and lang.lower() != "*all*":
                        srclang = lang
                    continue
                if elem.getparent() is None or elem.getparent().tag != "body":
                    raise TMFormatError("<tu> outside <body>", path=name, line=elem.sourceline)
                unit = _unit(elem, srclang, name)
                elem.clear()
                parent = elem.getparent()
                while elem.getprevious() is not None:
                    del parent[0]
                yield unit
            root = events.root
            if root is None or root.tag != "tmx":
                tag = "none" if root is None else f"<{root.tag}>"
                raise TMFormatError(f"not a TMX file (root element {tag})", path=name,
                                    line=None if root is None else root.sourceline)
        except etree.XMLSyntaxError as e:
            raise _syntax_error(e, name) from None
        except UnicodeError as e:
            raise TMFormatError(f"wrong encoding: {e}", path=name) from None


def _unit(tu: Any, srclang: str | None, name: str) -> Unit:
    attrib = tu.attrib
    tuid = created = changed = None
    attrs: tuple[tuple[str, str], ...] = ()
    if attrib:
        rest = dict(attrib)
        tuid = rest.pop("tuid", None)
        created = rest.pop("creationdate", None)
        changed = rest.pop("changedate", None)
        if rest:
            attrs = tuple(sorted(rest.items()))
    props: list[tuple[str, str]] = []
    notes: list[str] = []
    segments: list[Segment] = []
    for child in tu:
        tag = child.tag
        if tag == "tuv":
            segments.append(_segment(child, name))
        elif tag == "prop":
            props.append(_prop(child, name))
        elif tag == "note":
            notes.append(_pcdata(child))
        elif isinstance(tag, str):
            raise TMFormatError(f"unexpected <{tag}> in <tu>", path=name, line=child.sourceline)
    if not segments:
        raise TMFormatError("<tu> without <tuv>", path=name, line=tu.sourceline)
    origin = None
    for i, (t, v) in enumerate(props):
        if t == ORIGIN_PROP:
            origin = v
            del props[i]
            break
    if not tuid:
        lang = dict(attrs).get("srclang") or srclang
        probe = Unit("", tuple(segments))
        source = probe.segment(lang) if lang and lang.lower() != "*all*" else None
        source = source or segments[0]
        target = next((s for s in segments if s is not source), None)
        tuid = make_id(source.text, target.text if target else "")
    return Unit(tuid, tuple(segments), tuple(props) if props else (),
                tuple(notes) if notes else (), created, changed, attrs, origin)


def _prop(elem: Any, name: str) -> tuple[str, str]:
    kind = elem.get("type")
    if kind is None:
        raise TMFormatError("<prop> without type", path=name, line=elem.sourceline)
    return kind, _pcdata(elem)


def _pcdata(elem: Any) -> str:
    """The text of a ``<prop>`` or ``<note>``, its character references decoded if it is marked
    ``o-encoding="x-silkterm-char-refs"``."""
    text = elem.text or ""
    if elem.get("o-encoding") == CHAR_ENCODING:
        return _CHAR_REF.sub(_ref_char, text)
    return text


def _ref_char(m: re.Match[str]) -> str:
    code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
    return chr(code) if code <= 0x10FFFF else m.group()


def _forbidden_ref(ref: str) -> str | None:
    """The character of ``&#xH;``/``&#N;`` if XML forbids it, else ``None``."""
    m = _CHAR_REF.fullmatch(ref)
    if m is None:
        return None
    char = _ref_char(m)
    return char if len(char) == 1 and XML_FORBIDDEN.match(char) else None


def _chars_back(seg: Any, content: str) -> str:
    """``content`` (serialized from ``seg``) with every ``<ph type="x-silkterm-char">`` that
    stands for a forbidden character in a text position replaced by that character."""
    decisions = [ph.getparent().tag in ("seg", "hi", "sub")
                 and _forbidden_ref(ph.text or "") is not None
                 for ph in seg.iter("ph")
                 if len(ph.attrib) == 1 and ph.get("type") == CHAR_TYPE and not len(ph)
                 and ph.text]
    if not any(decisions):
        return content
    order = iter(decisions)

    def back(m: re.Match[str]) -> str:
        if next(order, False):
            return _forbidden_ref("&" + m.group(1)) or m.group()
        return m.group()

    return _CHAR_PH.sub(back, content)


def _segment(tuv: Any, name: str) -> Segment:
    attrib = tuv.attrib
    attrs: tuple[tuple[str, str], ...] = ()
    if len(attrib) == 1:
        lang = attrib.get(XML_LANG) or attrib.get("lang")
    else:
        rest = dict(attrib)
        lang = rest.pop(XML_LANG, None) or rest.pop("lang", None)
        rest.pop("lang", None)
        attrs = tuple(sorted(rest.items()))
    if not lang:
        raise TMFormatError("<tuv> without xml:lang", path=name, line=tuv.sourceline)
    props: list[tuple[str, str]] = []
    notes: list[str] = []
    content: str | None = None
    for child in tuv:
        tag = child.tag
        if tag == "seg":
            if content is not None:
                raise TMFormatError("<tuv> with two <seg>", path=name, line=child.sourceline)
            content = _escape_text(child.text or "")
            if len(child):
                _foreign_to_codes(child)
                content += "".join(_tostring(c, encoding="unicode", with_tail=True)
                                   for c in child)
                if "x-silkterm-char" in content:
                    content = _chars_back(child, content)
        elif tag == "prop":
            props.append(_prop(child, name))
        elif tag == "note":
            notes.append(_pcdata(child))
        elif isinstance(tag, str):
            raise TMFormatError(f"unexpected <{tag}> in <tuv>", path=name, line=child.sourceline)
    if content is None:
        raise TMFormatError("<tuv> without <seg>", path=name, line=tuv.sourceline)
    return Segment(normalize_lang(lang), content, tuple(props) if props else (),
                   tuple(notes) if notes else (), attrs)


_INLINE = frozenset({"bpt", "ept", "it", "ph", "hi", "ut", "sub"})  # TMX 1.4b inside <seg>
_NATIVE = frozenset({"bpt", "ept", "it", "ph", "ut"})  # their content is the native code


def _foreign_to_codes(seg: Any) -> None:
    """Make the content of ``seg`` valid TMX: an element TMX does not know (``<b0>`` from a
    tool that wrote its own tags) becomes ``<ph>`` codes holding its start and end tags, its
    text staying text; inside a native code (``bpt``, ``ph``, …) it becomes text of the code.

    >>> from lxml import etree
    >>> seg = etree.fromstring('<seg>to <b0 x="1">Almaty</b0>: <ph>&lt;br<x/>&gt;</ph><y/></seg>')
    >>> _foreign_to_codes(seg)
    >>> etree.tostring(seg, encoding="unicode")  # doctest: +NORMALIZE_WHITESPACE
    '<seg>to <ph>&lt;b0 x="1"&gt;</ph>Almaty<ph>&lt;/b0&gt;</ph>:
     <ph>&lt;br&lt;x/&gt;&gt;</ph><ph>&lt;y/&gt;</ph></seg>'
    """
    from lxml import etree

    for el in list(seg.iter()):
        if el is seg or el.tag in _INLINE:
            continue
        holder = el.getparent()  # the nearest <seg>, <sub> (text: codes allowed) or native code
        while holder is not None and holder is not seg and holder.tag not in _NATIVE \
                and holder.tag != "sub":
            holder = holder.getparent()
        if holder is None:  # gone with an element already turned into text
            continue
        parent = el.getparent()
        at = parent.index(el)
        if holder.tag in _NATIVE and holder is not seg:  # inside a native code: code text
            code = etree.tostring(el, encoding="unicode", with_tail=False) + (el.tail or "")
            if at == 0:
                parent.text = (parent.text or "") + code
            else:
                before = parent[at - 1]
                before.tail = (before.tail or "") + code
            parent.remove(el)
            continue
        name = el.tag if isinstance(el.tag, str) else "?"
        start = f"<{name}" + "".join(f' {k}="{v}"' for k, v in el.attrib.items())
        if el.text is None and not len(el):
            codes = [_code(start + "/>", el.tail)]
        else:
            codes = [_code(start + ">", el.text), *el, _code(f"</{name}>", el.tail)]
        parent.remove(el)  # keeps the children in the list above
        for i, node in enumerate(codes):
            parent.insert(at + i, node)


def _code(text: str, tail: str | None) -> Any:
    from lxml import etree

    ph = etree.Element("ph")
    ph.text = text
    ph.tail = tail
    return ph


def _tostring(elem: Any, **kwargs: Any) -> str:
    from lxml import etree

    return str(etree.tostring(elem, **kwargs))


def _escape_text(text: str) -> str:
    if "&" not in text and "<" not in text and ">" not in text and "\r" not in text:
        return text
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


# --- writing ------------------------------------------------------------------------------------

def _attr(value: str) -> str:
    bad = XML_FORBIDDEN.search(value)
    if bad:
        raise TMError(f"character U+{ord(bad.group()):04X} cannot be written in a TMX attribute "
                      f"({value[:40]!r})")
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
            .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))


def _attrs(pairs: Iterable[tuple[str, str]]) -> str:
    return "".join(f' {k}="{_attr(v)}"' for k, v in pairs)


def _props_notes(props: Iterable[tuple[str, str]], notes: Iterable[str], indent: str) -> str:
    out = [f'{indent}<prop type="{_attr(t)}"{_text_data(v)}</prop>\n' for t, v in props]
    out.extend(f"{indent}<note{_text_data(n)}</note>\n" for n in notes)
    return "".join(out)


def _text_data(value: str) -> str:
    """The end of a ``<prop>``/``<note>`` start tag and its text: escaped, or, if ``value`` holds
    a character XML forbids, marked ``o-encoding="x-silkterm-char-refs"`` with that character
    (and ``&``) written as ``&#xH;`` text."""
    if not XML_FORBIDDEN.search(value):
        return ">" + _escape_text(value)
    coded = XML_FORBIDDEN.sub(lambda m: f"&#x{ord(m.group()):X};", value.replace("&", "&#x26;"))
    return f' o-encoding="{CHAR_ENCODING}">' + _escape_text(coded)


def seg_xml(content: str) -> str:
    r"""``<seg>`` content as it is written: a character XML forbids becomes
    ``<ph type="x-silkterm-char">&amp;#xH;</ph>``; :class:`TMError` if one is inside the
    native text of an inline code or inside a tag.

    >>> seg_xml('a\x07<hi type="b">b\x0b</hi>')
    'a<ph type="x-silkterm-char">&amp;#x7;</ph><hi type="b">b<ph type="x-silkterm-char">&amp;#xB;</ph></hi>'
    """
    if not XML_FORBIDDEN.search(content):
        return content
    out: list[str] = []
    in_code = [False]  # for the open elements: is their direct text the native text of a code?
    pos = 0
    for m in _TAG.finditer(content):
        out.append(_text_chars(content[pos:m.start()], in_code[-1]))
        if XML_FORBIDDEN.search(m.group()):
            raise TMError("a character XML forbids inside an inline tag cannot be written in TMX")
        out.append(m.group())
        pos = m.end()
        closing, name, empty = m.group(1), m.group(2), m.group(3)
        if closing:
            if len(in_code) > 1:
                in_code.pop()
        elif not empty:
            in_code.append(True if name in _NATIVE else False if name == "sub" else in_code[-1])
    out.append(_text_chars(content[pos:], in_code[-1]))
    return "".join(out)


def _text_chars(text: str, in_code: bool) -> str:
    if not XML_FORBIDDEN.search(text):
        return text
    if in_code:
        bad = XML_FORBIDDEN.search(text)
        assert bad is not None
        raise TMError(f"character U+{ord(bad.group()):04X} inside an inline code cannot be "
                      "written in TMX")
    return XML_FORBIDDEN.sub(lambda m: f'<ph type="{CHAR_TYPE}">&amp;#x{ord(m.group()):X};</ph>',
                          text)


def tu_xml(unit: Unit) -> str:
    """The ``<tu>`` element of ``unit`` as TMX 1.4b text (indented, ending in a newline).

    >>> print(tu_xml(Unit("a", (Segment("en", "R&amp;D"),), notes=("n",))), end="")
      <tu tuid="a">
        <note>n</note>
        <tuv xml:lang="en">
          <seg>R&amp;D</seg>
        </tuv>
      </tu>
    """
    attrs = dict(unit.attrs)
    if unit.created:
        attrs["creationdate"] = unit.created
    if unit.changed:
        attrs["changedate"] = unit.changed
    props = unit.props + (((ORIGIN_PROP, unit.origin),) if unit.origin else ())
    out = [f'  <tu tuid="{_attr(unit.id)}"{_attrs(sorted(attrs.items()))}>\n',
           _props_notes(props, unit.notes, "    ")]
    for s in unit.segments:
        out.append(f'    <tuv xml:lang="{_attr(s.lang)}"{_attrs(s.attrs)}>\n')
        out.append(_props_notes(s.props, s.notes, "      "))
        out.append(f"      <seg>{seg_xml(s.content)}</seg>\n    </tuv>\n")
    out.append("  </tu>\n")
    return "".join(out)


def header_xml(*, srclang: str, adminlang: str = "en", segtype: str = "sentence",
               datatype: str = "plaintext", creationdate: str | None = None) -> str:
    """The XML declaration, DOCTYPE, ``<tmx>`` and ``<header>`` up to the opening ``<body>``."""
    if segtype not in ("block", "paragraph", "sentence", "phrase"):
        raise TMError(f"segtype must be block, paragraph, sentence or phrase, not {segtype!r}")
    attrs = [("creationtool", "silkterm"), ("creationtoolversion", __version__),
             ("segtype", segtype), ("o-tmf", O_TMF), ("adminlang", adminlang),
             ("srclang", srclang), ("datatype", datatype)]
    if creationdate:
        attrs.append(("creationdate", creationdate))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
            f'<tmx version="1.4">\n<header{_attrs(attrs)}/>\n<body>\n')


def write_tmx(units: Iterable[Unit], path: str | Path, *, srclang: str, adminlang: str = "en",
              segtype: str = "sentence", datatype: str = "plaintext",
              creationdate: str | None = None) -> int:
    """Write ``units`` as a TMX 1.4b file, streaming and atomically; returns the number written."""
    count = 0
    head = header_xml(srclang=srclang, adminlang=adminlang, segtype=segtype, datatype=datatype,
                      creationdate=creationdate)
    with open_atomic(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(head)
        for unit in units:
            fh.write(tu_xml(unit))
            count += 1
        fh.write("</body>\n</tmx>\n")
    return count

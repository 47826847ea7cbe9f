"""The page of ``silkterm annotate --style html``: texts with every glossary term marked.

One self-contained page (no scripts, fonts or style sheets from elsewhere): at the top the counts
of marks (to replace, suggestions, notes, kept) for the page and, with several texts, for each,
a legend, and a "changes only" switch that shows kept names as plain text. Each text follows
under its file's name (files of the same name with their last folders). A mark's class is its action; colour is never the only cue: each action
also has its own border style and symbol (``→`` to replace, ``?`` a suggestion, ``i`` a note).

Each mark is focusable and described by its tooltip (``aria-describedby``, ``role="tooltip"``),
which shows on hover (the pointer can move onto it) and on keyboard focus, as a strip under the
line the width of the text column, so it never leaves the window. The switch works without script (a check box and CSS
``:has()``); a few lines of inline script only take kept marks out of the tab order while it is
on, check it when the address ends in ``#changes``, and let Esc close a tooltip. Printed, the
switch and the tooltips are gone, marks keep their borders and a replaced term is followed by
its house form.

The pieces are shared by :func:`~silkterm.glossary.apply.annotate_html` and the streaming
:func:`~silkterm.glossary.stream.annotate_html_stream`, so both write the same page.

>>> from silkterm.glossary import load_glossary
>>> from silkterm.glossary.apply import find_terms
>>> g = load_glossary()
>>> found = find_terms("Horgos", g)
>>> Tally.of(found)
Tally(replace=1, suggest=0, note=0, keep=0)
>>> print("".join(html_marks("Horgos", found, g, doc=1)))  # doctest: +ELLIPSIS
<mark class="term replace" id="m1-0" tabindex="0" aria-describedby="t1-0" data-concept="khorgos" data-house="Khorgos">Horgos<span class="tip" role="tooltip" id="t1-0">...
"""

from __future__ import annotations

import html as _html
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from .findings import Finding
from .model import Action, Concept, Glossary
from .translit import has_han, name_pinyin


@dataclass(frozen=True, slots=True)
class Look:
    """How the page shows the marks of one action: the count's label, a mark's label in its
    tooltip, the symbol after each mark, its underline, and what the legend says it means."""

    label: str
    one: str
    symbol: str
    underline: str
    meaning: str


# The actions in the order of the counts and the legend.
LOOKS: dict[Action, Look] = {
    Action.REPLACE: Look("to replace", "to replace", "→", "solid red",
                         "normalising rewrites it to the house form, printed after it"),
    Action.SUGGEST: Look("suggestions", "suggestion", "?", "dashed amber",
                         "maybe a variant (ambiguous, not yet reviewed or unseen): check it"),
    Action.NOTE: Look("notes", "note", "i", "dotted violet", "kept, but worth a look (a former name, a gloss)"),
    Action.KEEP: Look("kept", "kept", "", "thin blue", "the house form or an accepted variant"),
}


@dataclass(frozen=True, slots=True)
class Tally:
    """How many marks of each action a text, or a page, has.

    >>> Tally(1, 2, 0, 5) + Tally(keep=1)
    Tally(replace=1, suggest=2, note=0, keep=6)
    >>> Tally(1, 2, 0, 5).total, Tally(1, 2, 0, 5).changes
    (8, 3)
    """

    replace: int = 0
    suggest: int = 0
    note: int = 0
    keep: int = 0

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> Tally:
        """The tally of ``findings``."""
        counts = dict.fromkeys(LOOKS, 0)
        for f in findings:
            counts[f.action] += 1
        return cls(*(counts[a] for a in LOOKS))

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.replace + other.replace, self.suggest + other.suggest,
                     self.note + other.note, self.keep + other.keep)

    def count(self, action: Action) -> int:
        """The number of marks of ``action``."""
        value: int = getattr(self, action.value)
        return value

    @property
    def total(self) -> int:
        return self.replace + self.suggest + self.note + self.keep

    @property
    def changes(self) -> int:
        """Marks that are not kept: what "Changes only" leaves highlighted."""
        return self.total - self.keep


@dataclass(frozen=True, slots=True)
class Section:
    """One text of the page: its path (``<stdin>`` for standard input; the page shows the
    :func:`display_names`), its tally and its language (``zh`` when most of its terms are
    Chinese, else ``en``)."""

    path: str
    tally: Tally
    lang: str = "en"
    first: tuple[tuple[Action, str], ...] = ()  # the id of the first mark of each change


def mark_id(doc: int, start: int) -> str:
    """The id of the mark of a change (not of a kept name) at ``start`` in text ``doc``."""
    return f"m{doc}-{start}"


def first_marks(findings: Iterable[Finding], doc: int, offset: int = 0,
                known: Iterable[tuple[Action, str]] = ()) -> tuple[tuple[Action, str], ...]:
    """``known`` (see :attr:`Section.first`) with the ids of the first marks of ``findings``
    (of text ``doc``, from ``offset``) whose action is not there yet; kept names aside."""
    first = dict(known)
    for f in findings:
        if f.action is not Action.KEEP and f.action not in first:
            first[f.action] = mark_id(doc, offset + f.start)
    return tuple(first.items())


def _pieces(path: str) -> tuple[str, ...]:
    """The folders and name of ``path``, without its root; ``<stdin>`` is one piece."""
    if path.startswith("<") and path.endswith(">"):
        return (path,)
    pure = PurePath(path)
    pieces = pure.parts[1:] if pure.anchor else pure.parts
    return pieces or (path,)


def display_names(paths: Sequence[str]) -> list[str]:
    """The names texts are shown under: each file's name without its folders (a page to share
    names no local folder), standard input (``<stdin>``) as it is; where two files of the same
    name are shown, as many of their last folders as tell them apart.

    >>> display_names(["/home/ann/news/a.txt", "sub/b.md", "<stdin>"])
    ['a.txt', 'b.md', '<stdin>']
    >>> display_names(["/home/ann/news/x.txt", "/srv/old/news/x.txt", "x.txt", "y.txt"])
    ['ann/news/x.txt', 'old/news/x.txt', 'x.txt', 'y.txt']
    """
    parts = [_pieces(p) for p in paths]
    depth = [1] * len(paths)
    while True:
        shown = ["/".join(pieces[-d:]) for pieces, d in zip(parts, depth, strict=True)]
        alike: dict[str, set[str]] = {}
        for name, path in zip(shown, paths, strict=True):
            alike.setdefault(name, set()).add(path)
        longer = [i for i, name in enumerate(shown) if len(alike[name]) > 1 and depth[i] < len(parts[i])]
        if not longer:
            return shown
        for i in longer:
            depth[i] += 1


def text_lang(zh: int, total: int) -> str:
    """``zh`` if most of ``total`` terms (``zh`` of them Chinese) are Chinese, else ``en``."""
    return "zh" if zh * 2 > total else "en"


_LANG_LABELS = (("Chinese", "zh", "zh"), ("traditional", "zh_hant", "zh-Hant"),
                ("pinyin", "pinyin", "zh-Latn-pinyin"), ("Kazakh", "kk", "kk"), ("Russian", "ru", "ru"))


def _tip(f: Finding, concept: Concept) -> str:
    """The tooltip of one mark: the concept, the action and why, the other forms, the note
    (of a name that may stand for several concepts: the action and why, which names them)."""
    esc = _html.escape
    look = LOOKS[f.action]
    action = f'<span class="act">{look.one}</span>'
    if f.candidates:
        return f"<b>{esc(f.surface)}</b> · one of {len(f.candidates)} names<br>{action}: {esc(f.reason)}"
    head = f"<b>{esc(concept.en)}</b> · {esc(concept.type.value)}"
    if f.replacement and f.action in (Action.REPLACE, Action.SUGGEST):
        action += f" {look.symbol} {esc(f.replacement)}"
        if f.drop_before and f.action is Action.REPLACE:
            action += f" (without “{esc(f.drop_before.strip())}”)"
    lines = [head, f"{action}: {esc(f.reason)}"]
    forms = []
    for label, name, lang in _LANG_LABELS:
        value = getattr(concept, name)
        if value and not (name == "zh_hant" and value == concept.zh):
            forms.append(f'{label}: <span lang="{lang}">{esc(value)}</span>')
    if forms:
        lines.append(" · ".join(forms))
    if concept.note:
        lines.append(esc(concept.note))
    return "<br>".join(lines)


def _reading(surface: str, concept: Concept) -> str:
    """The pinyin shown above a Chinese term: the concept's own where the term is written as
    the concept's Chinese form, else the term's (a variant reads otherwise: 努尔苏丹 is not
    Āsītǎnà).

    >>> from silkterm.glossary import load_glossary
    >>> astana = load_glossary()["astana"]
    >>> _reading("阿斯塔纳", astana), _reading("努尔苏丹", astana)
    ('Āsītǎnà', "Nǔ'ěrsūdān")
    """
    if concept.pinyin and surface in (concept.zh, concept.zh_hant):
        return concept.pinyin
    return name_pinyin(surface, concept.type.value)


def html_marks(text: str, findings: Sequence[Finding], glossary: Glossary, *, doc: int,
               offset: int = 0) -> Iterator[str]:
    """``text`` HTML-escaped in pieces, each finding marked up with its tooltip. ``doc`` (the
    text's number on the page) and ``offset`` (of ``text`` in the whole text, when it is a chunk)
    make the tooltips' ids, ``t{doc}-{offset of the term}``, unique on the page."""
    esc = _html.escape
    pos = 0
    readings: dict[tuple[str, str], str] = {}
    for f in findings:
        concept = glossary[f.concept_id]
        yield esc(text[pos:f.start])
        tip_id = f"t{doc}-{offset + f.start}"
        surface = esc(f.surface)
        if f.lang.startswith("zh") and has_han(f.surface):
            key = (f.surface, concept.id)
            if key not in readings:
                readings[key] = _reading(f.surface, concept)
            surface = f"<ruby>{surface}<rt>{esc(readings[key])}</rt></ruby>"
        house = (f' data-house="{esc(f.replacement)}"'
                 if f.replacement and f.action in (Action.REPLACE, Action.SUGGEST) else "")
        target = "" if f.action is Action.KEEP else f' id="{mark_id(doc, offset + f.start)}"'
        yield (f'<mark class="term {f.action.value}"{target} tabindex="0" aria-describedby="{tip_id}"'
               f' data-concept="{esc(concept.id)}"{house}>'
               f'{surface}<span class="tip" role="tooltip" id="{tip_id}">{_tip(f, concept)}</span></mark>')
        pos = f.end
    yield esc(text[pos:])


PAGE_CSS = """\
:root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de;
  --replace: #c5221f; --replace-bg: #fce8e6; --suggest: #b06000; --suggest-bg: #fef3d6;
  --note: #8430ce; --note-bg: #f3e8fd; --keep: #4c8bf5; --keep-bg: #eef3fd; }
* { box-sizing: border-box; }
body { font: 16px/1.65 system-ui, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC",
       "Microsoft YaHei", sans-serif; color: var(--ink); max-width: 48rem; margin: 0 auto;
       padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.5rem; margin: 0 0 .6rem; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; margin: 2rem 0 .3rem; padding-bottom: .2rem; border-bottom: 2px solid var(--line);
     overflow-wrap: anywhere; }
header { border-bottom: 2px solid var(--line); padding-bottom: .8rem; margin-bottom: 1rem; }
ul.counts { list-style: none; display: flex; flex-wrap: wrap; gap: .4rem .6rem; padding: 0; margin: 0 0 .8rem; }
ul.counts li { border: 1px solid var(--line); border-radius: 6px; padding: .15rem .6rem; }
ul.counts strong { font-size: 1.15em; font-variant-numeric: tabular-nums; }
ul.counts.small { font-size: .9rem; margin: .3rem 0 1rem; }
ul.counts.small li { padding: 0 .45rem; }
li.replace { border-left: 4px solid var(--replace) !important; }
li.suggest { border-left: 4px dashed var(--suggest) !important; }
li.note { border-left: 4px dotted var(--note) !important; }
li.keep { border-left: 4px solid var(--keep) !important; }
li.all { color: var(--muted); }
.switch { margin: 0 0 .6rem; font-weight: 600; }
.switch input { width: 1.1em; height: 1.1em; vertical-align: -.15em; margin: 0 .4em 0 0; }
.switch input:focus-visible { outline: 3px solid var(--keep); outline-offset: 2px; }
.hint { color: var(--muted); font-size: .9rem; margin: .2rem 0 0; }
dl.legend { display: grid; grid-template-columns: max-content 1fr; gap: .25rem .8rem; margin: 0;
            font-size: .92rem; }
dl.legend dt { white-space: nowrap; }
dl.legend dd { margin: 0; color: var(--muted); }
table.files { border-collapse: collapse; font-size: .92rem; margin: .4rem 0 .8rem; }
table.files th, table.files td { border: 1px solid var(--line); padding: .15rem .5rem; text-align: left; }
table.files td { text-align: right; font-variant-numeric: tabular-nums; }
pre.silkterm { white-space: pre-wrap; overflow-wrap: break-word; font: inherit; margin: 0;
               position: relative; }
.term { border-bottom: 2px solid; border-radius: 2px; color: inherit; padding: 0 .05em; }
.term.replace { background: var(--replace-bg); border-color: var(--replace); }
.term.suggest { background: var(--suggest-bg); border-bottom-style: dashed; border-color: var(--suggest); }
.term.note { background: var(--note-bg); border-bottom-style: dotted; border-color: var(--note); }
.term.keep { background: var(--keep-bg); border-bottom-width: 1px; border-color: var(--keep); }
.term.replace::after, .term.suggest::after, .term.note::after {
  font-size: .7em; font-weight: 700; vertical-align: super; line-height: 0; margin-left: .1em; }
.term.replace::after { content: "→"; content: "→" / ""; color: var(--replace); }
.term.suggest::after { content: "?"; content: "?" / ""; color: var(--suggest); }
.term.note::after { content: "i"; content: "i" / ""; color: var(--note); font-style: italic; }
mark.term { cursor: help; }
mark.term:focus-visible { outline: 2px solid var(--ink); outline-offset: 1px; }
mark.term:target { outline: 3px solid var(--ink); outline-offset: 2px; }
ul.counts a { color: inherit; }
rt { font-size: 60%; line-height: 1; }
pre.silkterm[lang="zh"] { line-height: 2.4; }  /* room for the pinyin above each line */
mark.term .tip { display: none; position: absolute; left: 0; right: 0; z-index: 2; margin-top: .15em;
  background: #202124; color: #fff; padding: .45em .7em; border-radius: 6px; font-size: 14px;
  line-height: 1.5; white-space: normal; font-style: normal; font-weight: normal;
  box-shadow: 0 2px 8px rgba(0,0,0,.3); }
/* a bridge over the gap between the line and the tooltip: the pointer can move onto it */
mark.term .tip::before { content: ""; position: absolute; left: 0; right: 0; top: -.7em; height: .7em; }
mark.term .tip b { font-weight: 700; }
mark.term .tip .act { text-transform: uppercase; letter-spacing: .04em; font-size: .85em; }
mark.term:hover .tip, mark.term:focus .tip { display: block; }
body.hush mark.term .tip { display: none; }
body:has(#changes-only:checked) mark.term.keep { background: none; border-bottom: 0; cursor: auto; }
body:has(#changes-only:checked) mark.term.keep:hover .tip { display: none; }
body:has(#changes-only:checked) .term.keep:not(mark) { opacity: .45; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .switch, .hint, mark.term .tip { display: none !important; }
  header, h2, table.files { break-after: avoid; }
  section + section { break-before: page; }
  .term { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .term.replace[data-house]::after { content: " [→ " attr(data-house) "]"; vertical-align: baseline;
    font-size: .85em; line-height: inherit; }
  .term.suggest[data-house]::after { content: " [? " attr(data-house) "]"; vertical-align: baseline;
    font-size: .85em; line-height: inherit; }
  a { color: inherit; }
}
"""

# Progressive help only: the page works without it (see the module docs).
PAGE_SCRIPT = """\
(function () {
  var box = document.getElementById("changes-only");
  function sync() {
    var kept = document.querySelectorAll("mark.term.keep");
    for (var i = 0; i < kept.length; i++) kept[i].tabIndex = box.checked ? -1 : 0;
  }
  if (location.hash === "#changes") box.checked = true;
  box.addEventListener("change", sync);
  sync();
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    document.body.classList.add("hush");
    if (document.activeElement && document.activeElement.matches("mark.term")) document.activeElement.blur();
  });
  document.addEventListener("mousemove", function () { document.body.classList.remove("hush"); });
  document.addEventListener("focusin", function () { document.body.classList.remove("hush"); });
})();
"""

_HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="silkterm">
<title>{title}</title>
<style>
{css}</style>
</head>
<body>
"""

_TAIL = """<script>
{script}</script>
</body>
</html>
"""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _counts(tally: Tally, first: Iterable[tuple[Action, str]], small: bool = False) -> str:
    """The counts as a list, each with its action's border style; a count of changes links to
    the first of them."""
    links = dict(first)
    items = []
    for action, look in LOOKS.items():
        n = tally.count(action)
        count = f"<strong>{n}</strong> {look.one if n == 1 else look.label}"
        if action in links:
            count = f'<a href="#{links[action]}">{count}</a>'
        items.append(f'<li class="{action.value}">{count}</li>')
    items.append(f'<li class="all"><strong>{tally.total}</strong> {"mark" if tally.total == 1 else "marks"} '
                 "in all</li>")
    cls = "counts small" if small else "counts"
    return f'<ul class="{cls}" aria-label="Marks">' + "".join(items) + "</ul>\n"


def _legend() -> str:
    rows = []
    for action, look in LOOKS.items():
        cue = ", ".join(filter(None, [look.symbol, look.underline + " underline"]))
        rows.append(f'<dt><span class="term {action.value}">Name</span></dt>'
                    f"<dd><b>{look.label}</b> ({_html.escape(cue)}): {_html.escape(look.meaning)}</dd>")
    return ('<dl class="legend" aria-label="Legend">\n' + "\n".join(rows) + "\n</dl>\n"
            '<p class="hint">Hover over a mark, or reach it with Tab, for its details (Esc closes them); '
            "Chinese terms carry their pinyin above them.</p>\n")


def page_head(sections: Sequence[Section]) -> str:
    """The page up to its first text: title, counts, switch and legend (and, with several
    texts, a table of them with their counts)."""
    esc = _html.escape
    names = display_names([s.path for s in sections])
    title = (names[0] if len(sections) == 1
             else f"silkterm annotation: {_plural(len(sections), 'text')}")
    total = sum((s.tally for s in sections), Tally())
    first: dict[Action, str] = {}  # the first change of each kind on the page
    for s in sections:
        for action, mark in s.first:
            first.setdefault(action, mark)
    parts = [_HEAD.format(title=esc(title), css=PAGE_CSS), "<header>\n", f"<h1>{esc(title)}</h1>\n",
             _counts(total, first.items()),
             ('<p class="switch"><input type="checkbox" id="changes-only">'
              f'<label for="changes-only">Changes only: show the {_plural(total.keep, "kept name")} '
              "as plain text</label></p>\n"), _legend()]
    if len(sections) > 1:
        parts.append('<table class="files">\n<caption hidden>Marks by text</caption>\n<thead><tr>'
                     '<th scope="col">Text</th>'
                     + "".join(f'<th scope="col">{look.label}</th>' for look in LOOKS.values())
                     + "</tr></thead>\n<tbody>\n")
        for i, (s, name) in enumerate(zip(sections, names, strict=True), 1):
            parts.append(f'<tr><th scope="row"><a href="#doc-{i}">{esc(name)}</a></th>'
                         + "".join(f"<td>{s.tally.count(a)}</td>" for a in LOOKS) + "</tr>\n")
        parts.append("</tbody>\n</table>\n")
    parts.append("</header>\n<main>\n")
    return "".join(parts)


def html_page(sections: Sequence[Section], bodies: Iterable[Iterable[str]]) -> Iterator[str]:
    """The page in pieces: :func:`page_head`, then each section with its body (the pieces of
    :func:`html_marks` for its text, in order), then the end of the page."""
    esc = _html.escape
    yield page_head(sections)
    several = len(sections) > 1
    names = display_names([s.path for s in sections])
    for i, (section, name, body) in enumerate(zip(sections, names, bodies, strict=True), 1):
        if several:
            yield (f'<section id="doc-{i}" aria-labelledby="doc-{i}-h">\n'
                   f'<h2 id="doc-{i}-h">{esc(name)}</h2>\n' + _counts(section.tally, section.first, small=True))
        else:
            yield f'<section id="doc-{i}" aria-label="{esc(name)}">\n'
        yield f'<pre class="silkterm" lang="{section.lang}">'
        yield from body
        yield "</pre>\n</section>\n"
    yield "</main>\n" + _TAIL.format(script=PAGE_SCRIPT)


__all__ = [
    "LOOKS",
    "PAGE_CSS",
    "Look",
    "Section",
    "Tally",
    "display_names",
    "html_marks",
    "html_page",
    "page_head",
    "text_lang",
]

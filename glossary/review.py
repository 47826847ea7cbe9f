"""The review page of ``silkterm collect --format html``: the proposals of a
:class:`~silkterm.glossary.collect.CollectResult` as one self-contained HTML page.

New concepts come first, apart from new variants of known concepts (the review workflow of
Weblate and OmegaT: candidates shown apart from confirmed entries). Each proposal shows its forms
(language, count, files, the rule and score that joined it), its contexts with the name
highlighted, its cues and the sources of its forms. The page loads nothing (no scripts, fonts or
style sheets from elsewhere), has headings and real tables, marks Chinese, Kazakh and Russian text
with ``lang`` attributes and prints well. Everything from the texts is escaped.

The page pieces (:func:`page`, :func:`proposal_sections`, :data:`PAGE_CSS`) are shared with the
consistency report (:mod:`~silkterm.glossary.report`).

>>> from silkterm.glossary.collect import CollectResult, Context, Proposal, ProposedForm
>>> p = Proposal("li-qiang", None, "person", 92,
...              (ProposedForm("Li Qiang", "en", 2, ("a.txt",)),
...               ProposedForm("李强", "zh", 1, ("b.txt",), "pinyin Li Qiang", 92)),
...              (Context("a.txt", 1, 7, "Premier Li Qiang & <Smailov> met."),))
>>> html = render_review(CollectResult((p,), ("a.txt", "b.txt")))
>>> "Premier <mark>Li Qiang</mark> &amp; &lt;Smailov&gt; met." in html
True
>>> '<td lang="zh">李强</td>' in html
True
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Iterable, Iterator, Sequence

from .collect import CollectResult, Proposal
from .translit import has_han

# Styles of every page silkterm writes for review and report: local fonts only, print rules.
PAGE_CSS = """\
:root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC",
       "Microsoft YaHei", sans-serif; color: var(--ink); margin: 0 auto; padding: 1.5rem 2rem;
       max-width: 72rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 0 0 .4rem; }
p.summary, p.note { color: var(--muted); margin: .2rem 0 1rem; }
nav ul { margin: .3rem 0; padding-left: 1.2rem; }
article { border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem; margin: 0 0 1rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: .2rem 0 .6rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; margin: .3rem 0 .8rem; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
thead th { background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.empty { color: #b0b7be; text-align: center; }
th.mixed, td.mixed, span.mixed { background: #fff1e5; }
th[scope="row"] { font-weight: 500; }
table.matrix th[scope="row"] { white-space: nowrap; }
table.single td, table.single th { overflow-wrap: anywhere; }
table.forms td:first-child { min-width: 9rem; }
td code { overflow-wrap: anywhere; }
td.status { white-space: nowrap; }
td.cell { text-align: center; }
div.wide { overflow-x: auto; }
table.matrix thead th.file { font-size: .8rem; max-width: 8rem; overflow-wrap: anywhere; }
ol.contexts { margin: .2rem 0; padding-left: 1.4rem; }
ol.contexts li { margin: .15rem 0; }
.where { color: var(--muted); font-size: .85rem; }
mark { background: #ffe066; color: inherit; padding: 0 .1em; border-radius: 2px; }
code { font-size: .9em; }
.swatch { display: inline-block; width: .9em; height: .9em; border-radius: 2px; vertical-align: -.1em;
          margin-right: .3em; border: 1px solid rgba(0,0,0,.25); }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; }
figure { margin: .5rem 0 1.2rem; }
figcaption { color: var(--muted); font-size: .9rem; margin-bottom: .3rem; }
svg { max-width: 100%; height: auto; }
svg text { font-family: inherit; }
@media print {
  body { font-size: 10pt; max-width: none; padding: 0; }
  nav { display: none; }
  div.wide { overflow: visible; }
  article, figure, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{css}</style>
</head>
<body>
{body}</body>
</html>
"""

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def esc(text: object) -> str:
    """``text`` escaped for HTML text and attribute values."""
    return _html.escape(str(text), quote=True)


def page(title: str, body: str, css: str = PAGE_CSS) -> str:
    """A whole HTML page (English, UTF-8) with ``body``; ``title`` is escaped here."""
    return _PAGE.format(title=esc(title), css=css, body=body)


def lang_attr(lang: str) -> str:
    """The ``lang`` attribute (with its leading space) for a form of language ``lang``:
    none for English, the BCP 47 tag of Chinese, Kazakh and Russian forms."""
    if not lang or lang == "en":
        return ""
    return f' lang="{"kk-Latn" if lang.startswith("kk-latin") else esc(lang)}"'


def text_lang(text: str) -> str:
    """``zh`` for text written mostly in Chinese characters, ``ru`` for Cyrillic, else ``en``."""
    han = len(_HAN.findall(text))
    latin = len(_LATIN.findall(text))
    cyrillic = len(_CYRILLIC.findall(text))
    if han and han >= latin and han >= cyrillic:
        return "zh"
    if cyrillic > latin:
        return "ru"
    return "en"


def highlight(text: str, forms: Iterable[str]) -> str:
    """``text`` escaped, every occurrence of one of ``forms`` (longest first; Latin forms only
    as whole words) wrapped in ``<mark>``.

    >>> highlight("Smailov met Alikhan Smailov <here>", ["Smailov", "Alikhan Smailov"])
    '<mark>Smailov</mark> met <mark>Alikhan Smailov</mark> &lt;here&gt;'
    """
    alternatives = []
    for form in sorted({f for f in forms if f}, key=len, reverse=True):
        word = not has_han(form)
        alternatives.append((r"(?<!\w)" if word else "") + re.escape(form) + (r"(?!\w)" if word else ""))
    if not alternatives:
        return esc(text)
    out: list[str] = []
    done = 0
    for m in re.finditer("|".join(alternatives), text):
        out.append(esc(text[done:m.start()]))
        out.append(f"<mark>{esc(m.group())}</mark>")
        done = m.end()
    out.append(esc(text[done:]))
    return "".join(out)


def _files(files: Sequence[str]) -> str:
    return ", ".join(f"<code>{esc(f)}</code>" for f in files)


def _proposal(p: Proposal, level: int) -> Iterator[str]:
    title = esc(p.id) if p.concept is None else f"{esc(p.concept)} <span class=\"where\">(known concept)</span>"
    head = p.forms[0] if p.forms else None
    yield f'<article id="p-{esc(p.id)}">\n'
    yield f"<h{level}>{title}"
    if head is not None and p.concept is None:
        yield f' — <span{lang_attr(head.lang)}>{esc(head.form)}</span>'
    yield f"</h{level}>\n"
    yield '<dl class="facts">\n'
    if p.concept is not None:
        yield f"<dt>Concept</dt><dd><code>{esc(p.concept)}</code> (new spellings of a known concept)</dd>\n"
    yield f"<dt>Type</dt><dd>{esc(p.type or 'unknown')}</dd>\n"
    yield f"<dt>Score</dt><dd>{p.score}</dd>\n"
    files = p.files
    yield (f"<dt>Occurrences</dt><dd>{p.count} in {len(files)} file{'s' if len(files) != 1 else ''}: "
           f"{_files(files)}</dd>\n")
    if p.cues:
        yield f"<dt>Cues</dt><dd>{esc(', '.join(p.cues))}</dd>\n"
    if p.sources:
        yield f"<dt>Sources</dt><dd>{esc('; '.join(p.sources))}</dd>\n"
    yield "</dl>\n"
    yield f'<table class="forms">\n<caption>Forms of {esc(p.id)}</caption>\n<thead><tr>'
    yield ('<th scope="col">Form</th><th scope="col">Language</th><th scope="col" class="num">Count</th>'
           '<th scope="col">Files</th><th scope="col">Joined by</th><th scope="col" class="num">Score</th>'
           '<th scope="col">Suggested status</th></tr></thead>\n<tbody>\n')
    for f in p.forms:
        status = f.status + (f" ({f.kind})" if f.kind else "")
        yield (f"<tr><td{lang_attr(f.lang)}>{esc(f.form)}</td><td>{esc(f.lang)}</td>"
               f'<td class="num">{f.count}</td><td>{_files(f.files)}</td>'
               f"<td>{esc(f.rule) if f.rule else 'head form'}</td>"
               f'<td class="num">{"" if f.score is None else f.score}</td><td>{esc(status)}</td></tr>\n')
    yield "</tbody>\n</table>\n"
    if p.contexts:
        names = [f.form for f in p.forms]
        yield f'<h{level + 1} class="where">Contexts</h{level + 1}>\n' if level < 6 else ""
        yield '<ol class="contexts">\n'
        for c in p.contexts:
            yield (f'<li{lang_attr(text_lang(c.text))}>{highlight(c.text, names)} '
                   f'<span class="where" lang="en">{esc(c.file)}:{c.line}:{c.column}</span></li>\n')
        yield "</ol>\n"
    yield "</article>\n"


def _overview(title: str, group: Sequence[Proposal]) -> str:
    """One row per proposal, linking to its details: the list a reviewer works down."""
    rows = []
    for p in group:
        forms = ", ".join(f"<span{lang_attr(f.lang)}>{esc(f.form)}</span>" for f in p.forms)
        rows.append(f'<tr><th scope="row"><a href="#p-{esc(p.id)}">{esc(p.id)}</a></th>'
                    f"<td>{esc(p.type or 'unknown')}</td><td class=\"num\">{p.score}</td>"
                    f'<td class="num">{p.count}</td><td class="num">{len(p.files)}</td><td>{forms}</td></tr>\n')
    return (f'<table class="overview">\n<caption>{esc(title)} at a glance</caption>\n<thead><tr>'
            '<th scope="col">Proposal</th><th scope="col">Type</th><th scope="col" class="num">Score</th>'
            '<th scope="col" class="num">Count</th><th scope="col" class="num">Files</th>'
            '<th scope="col">Forms</th></tr></thead>\n<tbody>\n' + "".join(rows) + "</tbody>\n</table>\n")


def proposal_sections(result: CollectResult, level: int = 2) -> str:
    """The proposals as two sections (new concepts; new variants of known concepts), their
    headings at ``level``."""
    new = [p for p in result.proposals if p.concept is None]
    known = [p for p in result.proposals if p.concept is not None]
    out: list[str] = []
    for key, title, group, empty in (
            ("new", "New concepts", new, "No new concepts."),
            ("variants", "New variants of known concepts", known, "No new variants of known concepts.")):
        out.append(f'<section id="{key}" aria-labelledby="{key}-h">\n'
                   f'<h{level} id="{key}-h">{title} ({len(group)})</h{level}>\n')
        if not group:
            out.append(f'<p class="note">{empty}</p>\n')
        else:
            out.append(_overview(title, group))
        for p in group:
            out.extend(_proposal(p, level + 1))
        out.append("</section>\n")
    return "".join(out)


def render_review(result: CollectResult, title: str = "silkterm collect: proposals for review") -> str:
    """The review page of ``result`` (see the module docs)."""
    new = sum(p.concept is None for p in result.proposals)
    known = len(result.proposals) - new
    n = len(result.files)
    body = (f"<header>\n<h1>{esc(title)}</h1>\n"
            f'<p class="summary">{new} new concept{"s" if new != 1 else ""} and {known} known '
            f'concept{"s" if known != 1 else ""} with new spellings, from {n} file{"s" if n != 1 else ""}: '
            f"{_files(result.files)}. Nothing here is in the glossary yet.</p>\n"
            '<nav aria-label="Contents"><ul><li><a href="#new">New concepts</a></li>'
            '<li><a href="#variants">New variants of known concepts</a></li></ul></nav>\n'
            "</header>\n<main>\n" + proposal_sections(result) + "</main>\n")
    return page(title, body)

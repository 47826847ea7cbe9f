"""The corpus consistency report of ``silkterm report``: which spellings of each name occur in
which files, files that mix spellings of one name first, and the proposals of ``collect``.

:func:`build_report` reads every text twice, a chunk at a time: once through the glossary matcher
(:func:`~silkterm.glossary.stream.find_terms_stream`, as ``annotate`` finds terms, unseen
spellings included) for the concepts the glossary knows, once through the
:class:`~silkterm.glossary.collect.Collector` for new names. What it keeps grows with the number
of distinct spellings and files, not with the text: per spelling, counts per file.

A file **mixes** the spellings of a name when it writes the name in two or more ways in the same
script (Khorgos and Horgos; 霍尔果斯 and 霍爾果斯; Tokaev and Tokayev). An English and a Chinese form
of one name in a bilingual file do not mix, and neither do an abbreviation (CNPC after China
National Petroleum Corporation) or a form written inside another (Smailov after Alikhan Smailov):
those are the way names are written again. For new names the collector keeps the files of each form but not its count per
file: their matrix cells say where a spelling occurs (the count when the spelling occurs in one
file only).

:meth:`Report.to_dict` is the JSON report, :func:`render_html` the page (inline SVG charts, a
legend, print styles; nothing loaded from elsewhere).

>>> from silkterm.glossary import load_glossary
>>> r = build_report([("a.txt", lambda: ["Horgos and Khorgos. Khorgos again.\\n"], "text")],
...                  load_glossary())
>>> c = r.concepts[0]
>>> c.id, c.mixed, [(s.form, s.status, s.files) for s in c.spellings]
('khorgos', ('a.txt',), [('Khorgos', 'preferred', (('a.txt', 2),)), ('Horgos', 'deprecated', (('a.txt', 1),))])
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .collect import Collector, CollectResult, Proposal
from .findings import Finding
from .model import Glossary
from .placedata import PlaceData
from .review import esc, lang_attr, page, proposal_sections
from .stream import find_terms_stream
from .translit import has_han

# Statuses of a spelling, in the order of the legend, with their colours
STATUSES: dict[str, tuple[str, str]] = {
    "preferred": ("#2e7d32", "house form (preferred)"),
    "admitted": ("#1565c0", "admitted variant"),
    "deprecated": ("#ef6c00", "deprecated: normalize replaces or notes it"),
    "forbidden": ("#c62828", "forbidden: a known mistake"),
    "unseen": ("#6a1b9a", "unseen: no glossary form, close to one (a suggestion)"),
    "proposed": ("#00838f", "proposed by collect: a name the glossary lacks"),
}
MAX_CHART_ROWS = 20  # rows of each chart (the tables list everything)


@dataclass(frozen=True, slots=True)
class Spelling:
    """One way a name is written in the corpus: its status (a glossary status, ``unseen`` or
    ``proposed``), kind, and count per file (``None``: occurs there, count not kept)."""

    form: str
    lang: str
    status: str
    kind: str | None
    count: int
    files: tuple[tuple[str, int | None], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"form": self.form, "lang": self.lang, "status": self.status, "kind": self.kind,
                "count": self.count, "files": dict(self.files)}


@dataclass(frozen=True, slots=True)
class ConceptUsage:
    """The spellings of one name across the corpus: a known concept (``known``; its spellings
    house form first, then Latin before Chinese, most frequent first) or a new name proposed by
    collect (its forms in collect's order, the head form first); ``mixed`` lists the files that
    write it in more than one way."""

    id: str
    canonical: str
    type: str | None
    known: bool
    spellings: tuple[Spelling, ...]
    mixed: tuple[str, ...]

    @property
    def count(self) -> int:
        """Occurrences of all its spellings."""
        return sum(s.count for s in self.spellings)

    @property
    def files(self) -> tuple[str, ...]:
        """The files it occurs in, in reading order of its spellings."""
        return tuple(dict.fromkeys(f for s in self.spellings for f, _ in s.files))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "canonical": self.canonical, "type": self.type, "known": self.known,
                "count": self.count, "mixed_files": list(self.mixed),
                "spellings": [s.to_dict() for s in self.spellings]}


@dataclass(frozen=True, slots=True)
class Report:
    """The consistency report of a corpus: its files, the names it writes (those with files that
    mix spellings first) and the proposals of collect."""

    files: tuple[str, ...]
    concepts: tuple[ConceptUsage, ...]
    proposals: CollectResult

    @property
    def inconsistent_files(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Files that mix spellings, with the names they mix, most names first."""
        by_file: dict[str, list[str]] = {f: [] for f in self.files}
        for c in self.concepts:
            for f in c.mixed:
                by_file.setdefault(f, []).append(c.id)
        ranked = sorted(((f, tuple(ids)) for f, ids in by_file.items() if ids),
                        key=lambda item: -len(item[1]))
        return tuple(ranked)

    def to_dict(self) -> dict[str, Any]:
        """The JSON report."""
        return {"files": list(self.files),
                "inconsistent_files": [{"file": f, "concepts": list(ids)}
                                       for f, ids in self.inconsistent_files],
                "concepts": [c.to_dict() for c in self.concepts],
                "proposals": self.proposals.to_dict()["proposals"]}


# --- building --------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Tally:
    """What is kept of one spelling of a known concept while the texts are read."""

    form: str
    lang: str
    status: str
    kind: str | None
    files: Counter[str] = field(default_factory=Counter)


def _spelling_key(surface: str) -> str:
    return " ".join(surface.split()).casefold()


def _status(f: Finding) -> str:
    return "unseen" if f.score is not None else f.status.value


def _within(short: str, long: str) -> bool:
    """Whether ``short`` is written inside ``long`` (as whole words in Latin script)."""
    short, long = short.casefold(), long.casefold()
    if has_han(short):
        return short in long
    return re.search(r"(?<!\w)" + re.escape(short) + r"(?!\w)", long) is not None


def _mix(a: Spelling, b: Spelling) -> bool:
    """Whether two spellings of a name in one file are two ways of writing it: the same script,
    neither an abbreviation, neither written inside the other (Smailov in Alikhan Smailov)."""
    return (has_han(a.form) == has_han(b.form) and "abbreviation" not in (a.kind, b.kind)
            and not _within(a.form, b.form) and not _within(b.form, a.form))


def _mixed(spellings: Sequence[Spelling]) -> tuple[str, ...]:
    """The files that write the name in two ways (see :func:`_mix`), in the order of the
    spellings' files."""
    in_file: dict[str, list[Spelling]] = {}
    for s in spellings:
        for f, _ in s.files:
            in_file.setdefault(f, []).append(s)
    return tuple(f for f, here in in_file.items()
                 if any(_mix(a, b) for i, a in enumerate(here) for b in here[i + 1:]))


def _usage(cid: str, canonical: str, ctype: str | None, known: bool,
           spellings: list[Spelling]) -> ConceptUsage:
    return ConceptUsage(cid, canonical, ctype, known, tuple(spellings), _mixed(spellings))


def _proposed(p: Proposal) -> ConceptUsage:
    spellings = [Spelling(f.form, f.lang, "proposed", f.kind, f.count,
                          tuple((name, f.count if len(f.files) == 1 else None) for name in f.files))
                 for f in p.forms if f.count]  # (not the open data's forms: the texts do not write them)
    return _usage(p.id, p.forms[0].form if p.forms else p.id, p.type, False, spellings)


def build_report(texts: Iterable[tuple[str, Callable[[], Iterable[str]], str]], glossary: Glossary, *,
                 places: PlaceData | None = None) -> Report:
    """The report of ``texts``: ``(name, open, markup)`` triples, where ``open()`` gives the
    text's pieces from its start (each text is read twice, see the module docs)."""
    tallies: dict[str, dict[str, _Tally]] = {}
    collector = Collector(glossary, places=places)
    files: list[str] = []
    for name, open_text, markup in texts:
        files.append(name)
        for f in find_terms_stream(open_text(), glossary, markup=markup):
            by_form = tallies.setdefault(f.concept_id, {})
            key = _spelling_key(f.surface)
            tally = by_form.get(key)
            if tally is None:
                tally = by_form[key] = _Tally(" ".join(f.surface.split()), f.lang, _status(f),
                                              f.kind.value if f.kind else None)
            tally.files[name] += 1
        collector.add(open_text(), name, markup)
    known = [_usage(cid, glossary[cid].en, glossary[cid].type.value, True, sorted(
                    (Spelling(t.form, t.lang, t.status, t.kind, t.files.total(),
                              tuple((f, t.files[f]) for f in files if f in t.files))
                     for t in by_form.values()),
                    key=lambda s: (s.status != "preferred", has_han(s.form), -s.count, s.form)))
             for cid, by_form in tallies.items()]
    result = collector.result()
    new = [_proposed(p) for p in result.proposals if p.concept is None and p.forms]
    concepts = sorted(known + new, key=lambda c: (-len(c.mixed), -len(c.spellings), -c.count, c.id))
    return Report(tuple(files), tuple(concepts), result)


# --- the page --------------------------------------------------------------------------------------

def _labels(files: Sequence[str]) -> dict[str, str]:
    """Short column labels: the file names, or the paths as given when two names are alike."""
    names = [os.path.basename(f) or f for f in files]
    if len(set(names)) == len(names):
        return dict(zip(files, names, strict=True))
    return {f: f for f in files}


def _swatch(status: str) -> str:
    return f'<span class="swatch" style="background:{STATUSES[status][0]}" aria-hidden="true"></span>'


def _legend() -> str:
    items = "".join(f"<li>{_swatch(s)}{esc(label)}</li>" for s, (_, label) in STATUSES.items())
    return ('<section id="legend" aria-labelledby="legend-h">\n<h2 id="legend-h">Legend</h2>\n'
            f'<ul class="legend">{items}</ul>\n'
            '<p class="note">A cell of a matrix is how often the file writes the spelling '
            '(● where it occurs but collect keeps no count per file, – where it does not). '
            '<span class="mixed">Shaded</span> columns and rows are files that mix spellings of '
            "the name: two or more spellings in one script. An English and a Chinese form in one "
            "file, an abbreviation, and a short form written inside the full one (Smailov after "
            "Alikhan Smailov) do not mix.</p>\n"
            "</section>\n")


def _bar_chart(rows: Sequence[tuple[str, int, str]], title: str, desc: str, unit: str) -> str:
    """A horizontal bar chart: one ``(label, value, tooltip)`` per row."""
    label_w, bar_w, row_h, top = 300, 420, 24, 8
    height = top * 2 + row_h * len(rows)
    most = max((v for _, v, _ in rows), default=1) or 1
    out = [f'<svg role="img" width="{label_w + bar_w + 60}" '
           f'height="{height}" viewBox="0 0 {label_w + bar_w + 60} {height}" aria-labelledby="{title}-t {title}-d">'
           f'<title id="{title}-t">{esc(desc)}</title><desc id="{title}-d">'
           + esc("; ".join(f"{label}: {value} {unit}" for label, value, _ in rows)) + "</desc>"]
    for i, (label, value, tip) in enumerate(rows):
        y = top + i * row_h
        w = max(2, round(bar_w * value / most))
        out.append(f'<g><title>{esc(tip)}</title>'
                   f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" font-size="13" '
                   f'fill="#1b1f24">{esc(_clip(label, 40))}</text>'
                   f'<rect x="{label_w}" y="{y + 4}" width="{w}" height="{row_h - 8}" rx="2" fill="#ef6c00"/>'
                   f'<text x="{label_w + w + 6}" y="{y + 16}" font-size="12" fill="#57606a">{value}</text></g>')
    out.append("</svg>")
    return "".join(out)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _share_chart(concepts: Sequence[ConceptUsage]) -> str:
    """One 100% bar per name: the share of each spelling, coloured by its status."""
    label_w, bar_w, row_h, top = 220, 560, 28, 8
    height = top * 2 + row_h * len(concepts)
    out = [f'<svg role="img" width="{label_w + bar_w + 10}" '
           f'height="{height}" viewBox="0 0 {label_w + bar_w + 10} {height}" aria-labelledby="shares-t shares-d">'
           '<title id="shares-t">Spelling shares per name</title><desc id="shares-d">'
           + esc("; ".join(f"{c.canonical}: " + ", ".join(f"{s.form} {s.count}" for s in c.spellings)
                           for c in concepts)) + "</desc>"]
    for i, c in enumerate(concepts):
        y = top + i * row_h
        total = c.count or 1
        out.append(f'<text x="{label_w - 8}" y="{y + 18}" text-anchor="end" font-size="13" '
                   f'fill="#1b1f24"{lang_attr("zh") if has_han(c.canonical) else ""}>{esc(_clip(c.canonical, 28))}</text>')
        x = float(label_w)
        shade = 0
        for k, s in enumerate(c.spellings):
            w = bar_w * s.count / total
            share = round(100 * s.count / total)
            # successive spellings of one status alternate in shade
            shade = shade + 1 if k and c.spellings[k - 1].status == s.status else 0
            out.append(f'<g><title>{esc(s.form)}: {s.count} of {c.count} ({share}%), {esc(s.status)}</title>'
                       f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" '
                       f'fill="{STATUSES[s.status][0]}" fill-opacity="{1 - 0.3 * (shade % 2):.1f}" '
                       'stroke="#fff" stroke-width="1.5"/>')
            if w >= 7.5 * len(s.form) + 8:
                out.append(f'<text x="{x + 4:.1f}" y="{y + 18}" font-size="12" fill="#fff"'
                           f'{lang_attr("zh") if has_han(s.form) else ""}>{esc(s.form)}</text>')
            out.append("</g>")
            x += w
    out.append("</svg>")
    return "".join(out)


def _matrix(c: ConceptUsage, labels: dict[str, str]) -> Iterator[str]:
    files = c.files
    mixed = set(c.mixed)
    kind = "known concept" if c.known else "proposed by collect"
    yield f'<article id="c-{esc(c.id)}">\n'
    yield (f"<h3><span{lang_attr('zh') if has_han(c.canonical) else ''}>{esc(c.canonical)}</span> "
           f'<span class="where">{esc(c.id)} · {esc(c.type or "name")} · {kind} · {c.count} times in '
           f"{len(files)} file{'s' if len(files) != 1 else ''}"
           + (f" · mixed in {len(mixed)}" if mixed else "") + "</span></h3>\n")
    yield f'<div class="wide"><table class="matrix">\n<caption>Spellings of {esc(c.canonical)} by file</caption>\n<thead><tr>'
    yield '<th scope="col">Spelling</th><th scope="col">Status</th><th scope="col" class="num">Total</th>'
    for f in files:
        cls = "file mixed" if f in mixed else "file"
        yield f'<th scope="col" class="{cls}" title="{esc(f)}">{esc(labels.get(f, f))}</th>'
    yield "</tr></thead>\n<tbody>\n"
    for s in c.spellings:
        counts = dict(s.files)
        status = s.status + (f" ({s.kind})" if s.kind else "")
        yield (f'<tr><th scope="row"{lang_attr(s.lang)}>{esc(s.form)}</th>'
               f'<td class="status">{_swatch(s.status)}{esc(status)}</td><td class="num">{s.count}</td>')
        for f in files:
            cls = "cell mixed" if f in mixed else "cell"
            if f not in counts:
                yield f'<td class="{cls} empty">–</td>'
            else:
                n = counts[f]
                yield f'<td class="{cls}">{"●" if n is None else n}</td>'
        yield "</tr>\n"
    yield "</tbody>\n</table></div>\n</article>\n"


def _single(concepts: Sequence[ConceptUsage], labels: dict[str, str]) -> Iterator[str]:
    yield ('<table class="single">\n<caption>Names written one way</caption>\n<thead><tr>'
           '<th scope="col">Name</th><th scope="col">Spelling</th><th scope="col">Status</th>'
           '<th scope="col" class="num">Count</th><th scope="col">Files</th></tr></thead>\n<tbody>\n')
    for c in concepts:
        for s in c.spellings:
            where = ", ".join(esc(labels.get(f, f)) + ("" if n is None else f" ({n})") for f, n in s.files)
            yield (f'<tr><td><code>{esc(c.id)}</code></td><th scope="row"{lang_attr(s.lang)}>{esc(s.form)}</th>'
                   f'<td class="status">{_swatch(s.status)}{esc(s.status)}</td><td class="num">{s.count}</td>'
                   f"<td>{where}</td></tr>\n")
    yield "</tbody>\n</table>\n"


def render_html(report: Report, title: str = "silkterm report: spelling consistency") -> str:
    """The report as one self-contained page (see the module docs)."""
    labels = _labels(report.files)
    several = [c for c in report.concepts if len(c.spellings) > 1]
    single = [c for c in report.concepts if len(c.spellings) == 1]
    worst = report.inconsistent_files
    mixed = sum(bool(c.mixed) for c in report.concepts)
    n = len(report.files)
    parts = [f"<header>\n<h1>{esc(title)}</h1>\n",
             (f'<p class="summary">{n} file{"s" if n != 1 else ""}, {len(report.concepts)} names '
             f"({sum(c.known for c in report.concepts)} known to the glossary, "
             f"{sum(not c.known for c in report.concepts)} proposed by collect); {len(several)} written "
             f"more than one way, {mixed} with files that mix spellings; {len(worst)} file"
             f'{"s" if len(worst) != 1 else ""} mixing spellings.</p>\n'),
             ('<nav aria-label="Contents"><ul>'
             '<li><a href="#legend">Legend</a></li><li><a href="#charts">Charts</a></li>'
             '<li><a href="#files">Files</a></li><li><a href="#several">Names written more than one way</a></li>'
             '<li><a href="#one">Names written one way</a></li><li><a href="#proposals">Collect proposals</a></li>'
             "</ul></nav>\n</header>\n<main>\n"), _legend(),
             '<section id="charts" aria-labelledby="charts-h">\n<h2 id="charts-h">Charts</h2>\n']
    if worst:
        rows = [(labels.get(f, f), len(ids), f"{f}: mixes {', '.join(ids)}") for f, ids in worst[:MAX_CHART_ROWS]]
        parts.append('<figure>\n<figcaption>Files with most inconsistencies: names the file writes '
                     "in more than one way</figcaption>\n"
                     + _bar_chart(rows, "worst", "Files with most inconsistencies", "names") + "\n</figure>\n")
    else:
        parts.append('<p class="note">No file mixes spellings of a name.</p>\n')
    if several:
        parts.append('<figure>\n<figcaption>Spelling shares per name (names written more than one way; '
                     "colours as in the legend, successive spellings of one status in two shades; hover for the counts)</figcaption>\n"
                     + _share_chart(several[:MAX_CHART_ROWS]) + "\n</figure>\n")
    parts.append("</section>\n")
    parts.append('<section id="files" aria-labelledby="files-h">\n<h2 id="files-h">Files</h2>\n'
                 '<table>\n<caption>Files read, with the names each mixes</caption>\n<thead><tr>'
                 '<th scope="col">File</th><th scope="col" class="num">Names mixed</th>'
                 '<th scope="col">Which</th></tr></thead>\n<tbody>\n')
    mixing = dict(worst)
    for f in sorted(report.files, key=lambda f: -len(mixing.get(f, ()))):
        ids = mixing.get(f, ())
        cls = ' class="mixed"' if ids else ""
        links = ", ".join(f'<a href="#c-{esc(i)}">{esc(i)}</a>' for i in ids)
        parts.append(f'<tr><th scope="row"{cls}><code>{esc(f)}</code></th><td class="num">{len(ids)}</td>'
                     f"<td>{links}</td></tr>\n")
    parts.append("</tbody>\n</table>\n</section>\n")
    parts.append('<section id="several" aria-labelledby="several-h">\n'
                 f'<h2 id="several-h">Names written more than one way ({len(several)})</h2>\n')
    if not several:
        parts.append('<p class="note">Every name is written one way.</p>\n')
    for c in several:
        parts.extend(_matrix(c, labels))
    parts.append("</section>\n")
    parts.append(f'<section id="one" aria-labelledby="one-h">\n<h2 id="one-h">Names written one way ({len(single)})</h2>\n')
    parts.extend(_single(single, labels))
    parts.append("</section>\n")
    parts.append('<section id="proposals" aria-labelledby="proposals-h">\n'
                 '<h2 id="proposals-h">Collect proposals</h2>\n'
                 + proposal_sections(report.proposals, level=3) + "</section>\n</main>\n")
    return page(title, "".join(parts))


__all__ = ["ConceptUsage", "Report", "Spelling", "build_report", "render_html"]

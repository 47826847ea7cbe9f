"""Apply a glossary to text: find terms, normalise to the house form, annotate.

>>> from silkterm.glossary import load_glossary
>>> g = load_glossary()
>>> r = normalize("HORGOS lies near Zharkent. See https://x.org/Horgos", g)
>>> r.text
'KHORGOS lies near Zharkent. See https://x.org/Horgos'
>>> f = r.findings[0]
>>> (f.start, f.end, f.line, f.column, f.surface, f.concept_id, f.canonical, f.action.value)
(0, 6, 1, 1, 'HORGOS', 'khorgos', 'Khorgos', 'replace')
>>> normalize(r.text, g).text == r.text
True
>>> print(annotate("Khorgos", g, style="inline"))
Khorgos ⟦霍尔果斯 · Huò'ěrguǒsī⟧
>>> strip_annotations(annotate("Horgos and Khorgos", g)) == "Horgos and Khorgos"
True
"""

from __future__ import annotations

import bisect
import datetime as _dt
import html as _html
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .markup import protected_spans
from .matcher import Entry, Match, fold, title_case, unify_typography
from .model import Action, Concept, Finding, Glossary, Kind

STYLES = ("inline", "html", "json")
OPEN, CLOSE = "⟦", "⟧"
_ANNOTATION = re.compile(f" {OPEN}[^{CLOSE}]*{CLOSE}")


@dataclass(frozen=True, slots=True)
class NormalizeResult:
    """The normalised text and every finding (replace, suggest, note) that explains it."""

    source: str
    text: str
    findings: tuple[Finding, ...]

    @property
    def changed(self) -> bool:
        return self.text != self.source

    @property
    def replacements(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.action is Action.REPLACE)


class _Lines:
    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def match_case(surface: str, form: str, target: str) -> str:
    """Give ``target`` the case shape of ``surface`` (which matched ``form``).

    >>> match_case("HORGOS", "Horgos", "Khorgos"), match_case("New crown", "new crown", "COVID-19")
    ('KHORGOS', 'COVID-19')
    >>> match_case("Panda blood", "panda blood", "giant panda")
    'Giant panda'
    >>> match_case("Waterless Port", "waterless port", "dry port")
    'Dry Port'
    """
    letters = [c for c in surface if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters) and not form.isupper():
        return target.upper()
    if surface[:1].isupper() and form[:1].islower():
        if " " in surface.strip() and surface == title_case(form) and form != title_case(form):
            return title_case(target)
        return target[:1].upper() + target[1:]
    return target


def _typography(surface: str, target: str) -> str:
    """Carry the surface's NBSPs and curly apostrophes over to the replacement."""
    if "\u00a0" in surface and " " not in surface:
        target = target.replace(" ", "\u00a0")
    if "’" in surface and "'" not in surface:
        target = target.replace("'", "’")
    return target


_Plan = tuple[Action, str, "str | None"]


def _plan(entry: Entry, glossary: Glossary, date: _dt.date | None) -> _Plan:
    """What to do with any hit of ``entry``: action, reason, and the target of a replacement."""
    variant = entry.variant
    concept = glossary[entry.concept_id]
    reason = variant.describe()
    action = variant.default_action()
    if variant.kind is Kind.FORMER_NAME and variant.valid is not None and variant.action is None:
        span = f"{variant.form} was the name {variant.valid}"
        if date is None:
            return Action.NOTE, f"former name of {concept.en} ({span}); give --date to normalise", None
        if variant.valid.contains(date):
            return Action.NOTE, f"former name of {concept.en}, in use on {date} ({span})", None
        action, reason = Action.REPLACE, f"former name ({span})"
    if variant.ambiguous:
        return Action.SUGGEST, f"ambiguous form: {reason}", None
    if action is not Action.REPLACE:
        return action, reason, None
    target = variant.use or concept.house_form(variant.lang)
    if target is None:
        return Action.SUGGEST, f"{reason}; no {variant.lang} house form to replace it with", None
    return Action.REPLACE, reason, target


_SEPARATORS = re.compile(r"[\s\-'.·]+")


def _squash(text: str) -> str:
    return _SEPARATORS.sub("", fold(text))


def _already_there(text: str, start: int, end: int, target: str) -> bool:
    """True if the text around ``start:end`` already spells ``target``, give or take spaces,
    hyphens and apostrophes (the surface ``COVID`` in ``COVID-19s`` or ``COVID 19``, where the
    house form itself did not match): replacing it would grow the house form inside itself."""
    wanted, surface = _squash(target), _squash(text[start:end])
    if len(wanted) <= len(surface) or surface not in wanted:
        return False
    margin = len(target) + 8
    before = _squash(text[max(0, start - margin):start])
    window = before + surface + _squash(text[end:end + margin])
    at = window.find(wanted)
    while at != -1:
        if at <= len(before) and at + len(wanted) >= len(before) + len(surface):
            return True
        at = window.find(wanted, at + 1)
    return False


def _decide(match: Match, glossary: Glossary, date: _dt.date | None,
            plans: dict[int, _Plan], text: str) -> tuple[Action, str, str | None]:
    """The action, reason and replacement for one match (``plans`` caches per entry)."""
    if len(match.entries) > 1:
        names = " or ".join(glossary[e.concept_id].en for e in match.entries)
        return Action.SUGGEST, f"ambiguous: {names}", None
    entry = match.entry
    plan = plans.get(id(entry))
    if plan is None:
        plan = plans[id(entry)] = _plan(entry, glossary, date)
    action, reason, target = plan
    if target is None:
        return action, reason, None
    surface = match.surface
    replacement = _typography(surface, match_case(surface, entry.variant.form, target))
    if (unify_typography(replacement) == unify_typography(surface)
            or _already_there(text, match.start, match.end, target)):
        return Action.KEEP, reason, None  # never replace a form with itself or inside itself
    return Action.REPLACE, reason, replacement


def _findings(text: str, glossary: Glossary, date: _dt.date | None, markup: str,
              keep: bool, unseen: bool = False) -> list[Finding]:
    out: list[Finding] = []
    lines = _Lines(text)
    plans: dict[int, _Plan] = {}
    protected = protected_spans(text, markup)
    taken: list[tuple[int, int]] | None = [] if unseen else None
    for match in glossary.matcher.find(text, protected, actionable=not keep, taken=taken):
        action, reason, replacement = _decide(match, glossary, date, plans, text)
        if action is Action.KEEP and not keep:
            continue
        variant = match.entry.variant
        concept = glossary[match.concept_id]
        line, column = lines.position(match.start)
        out.append(Finding(
            start=match.start, end=match.end, line=line, column=column, surface=match.surface,
            concept_id=concept.id, canonical=concept.house_form(variant.lang) or concept.en,
            action=action, reason=reason, form=variant.form, lang=variant.lang,
            status=variant.status, kind=variant.kind, replacement=replacement,
            candidates=tuple(e.concept_id for e in match.entries) if len(match.entries) > 1 else ()))
    if taken is not None:
        from .recognise import find_unseen

        # Matches, acted on or kept, may be part of a longer unseen name, but only whole
        # (Qytay + Halyq Respublikasy); a suggestion then stands for the matches inside it.
        found = find_unseen(text, glossary, sorted(protected), lines, sorted(taken))
        if found:
            out = _uncovered(out, found)
            out = sorted(out + [_unseen_replacement(f, glossary) for f in found],
                         key=lambda f: f.start)
    return out


def _uncovered(findings: list[Finding], suggestions: list[Finding]) -> list[Finding]:
    """The ``findings`` that lie inside no suggestion (``suggestions`` sorted by start): one
    bisection each, over the running maximum of the suggestions' ends."""
    starts = [s.start for s in suggestions]
    reach: list[int] = []
    for s in suggestions:
        reach.append(max(s.end, reach[-1]) if reach else s.end)
    out = []
    for f in findings:
        k = bisect.bisect_right(starts, f.start) - 1
        if k < 0 or reach[k] < f.end:
            out.append(f)
    return out


def _unseen_replacement(finding: Finding, glossary: Glossary) -> Finding:
    """What accepting a suggestion writes: the known form it fold-matched if that form is kept
    (an admitted short form stays short), else that form's own replacement target."""
    from dataclasses import replace

    if finding.candidates:
        return finding  # several concepts fold-match: nothing to accept
    concept = glossary[finding.concept_id]
    variant = next((v for v in concept.forms() if v.form == finding.form), None)
    target = concept.en
    if variant is not None:
        kept = variant.default_action() is Action.KEEP or variant.kind is Kind.FORMER_NAME
        target = variant.form if kept else (variant.use or concept.en)  # a former name keeps its era
    return replace(finding, replacement=match_case(finding.surface, finding.form, target))


def find_terms(text: str, glossary: Glossary, *, date: _dt.date | None = None,
               markup: str = "text", unseen: bool = True) -> list[Finding]:
    """Every glossary term in ``text`` (kept forms too), with the action normalising would take;
    with ``unseen``, also suggestions for names that fold-match a concept (see ``recognise``)."""
    return _findings(text, glossary, date, markup, keep=True, unseen=unseen)


def normalize(text: str, glossary: Glossary, *, date: _dt.date | None = None,
              markup: str = "text", unseen: bool = True,
              accept_suggestions: int | None = None) -> NormalizeResult:
    """Rewrite deprecated and forbidden forms to the house form; report suggestions and notes.

    Unseen variants (names that fold-match a concept) are reported as suggestions with a score;
    ``accept_suggestions=SCORE`` rewrites those scoring at least SCORE. Idempotent: normalising the
    result again changes nothing.
    """
    findings = _findings(text, glossary, date, markup, keep=False, unseen=unseen)
    if accept_suggestions is not None:
        from dataclasses import replace

        findings = [replace(f, action=Action.REPLACE, reason=f.reason + "; accepted")
                    if f.action is Action.SUGGEST and f.score is not None
                    and f.score >= accept_suggestions and f.replacement else f for f in findings]
    pieces: list[str] = []
    pos = 0
    for f in findings:
        if f.action is Action.REPLACE and f.replacement is not None:
            pieces.append(text[pos:f.start])
            pieces.append(f.replacement)
            pos = f.end
    pieces.append(text[pos:])
    return NormalizeResult(text, "".join(pieces), tuple(findings))


def _details(finding: Finding, concept: Concept) -> list[str]:
    """What an inline annotation shows: the house form (→ when normalising replaces the term,
    = when the term is a kept variant), the other language's form, and pinyin."""
    if finding.action is Action.SUGGEST and finding.candidates:
        return ["? " + finding.reason]
    parts: list[str] = []
    house = concept.house_form(finding.lang) or concept.en
    if finding.replacement is not None:
        parts.append(f"→ {finding.replacement}")
    elif fold(finding.surface) != fold(house):
        parts.append(f"= {house}")
    if finding.lang != "en":
        parts.append(concept.en)
    if concept.zh and not finding.lang.startswith("zh"):
        parts.append(concept.zh)
    if concept.pinyin:
        parts.append(concept.pinyin)
    if finding.action in (Action.NOTE, Action.SUGGEST):
        parts.append(finding.reason)
    if not parts:
        parts.append(concept.type.value)
    return parts


def _inline(text: str, findings: list[Finding], glossary: Glossary) -> Iterator[str]:
    pos = 0
    for f in findings:
        yield text[pos:f.end]
        details = " · ".join(_details(f, glossary[f.concept_id]))
        yield f" {OPEN}{details}{CLOSE}"
        pos = f.end
    yield text[pos:]


_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="generator" content="silkterm">
<title>{title}</title>
<style>
body {{ font: 16px/1.6 system-ui, sans-serif; max-width: 50em; margin: 2em auto; padding: 0 1em; }}
.silkterm {{ white-space: pre-wrap; font: inherit; }}
mark.term {{ background: #e8f0fe; border-bottom: 2px solid #1a73e8; position: relative; cursor: help; }}
mark.term.replace {{ background: #fde8e8; border-color: #d93025; }}
mark.term.suggest, mark.term.note {{ background: #fef7e0; border-color: #f9ab00; }}
mark.term .tip {{ display: none; position: absolute; left: 0; top: 1.7em; z-index: 1; min-width: 16em;
  background: #202124; color: #fff; padding: .4em .6em; border-radius: 4px; font-size: 13px;
  white-space: normal; }}
mark.term:hover .tip, mark.term:focus .tip {{ display: block; }}
rt {{ font-size: 60%; }}
</style>
</head>
<body>
{body}</body>
</html>
"""


def _html_body(text: str, findings: list[Finding], glossary: Glossary) -> Iterator[str]:
    esc = _html.escape
    pos = 0
    for f in findings:
        concept = glossary[f.concept_id]
        yield esc(text[pos:f.start])
        tip = [f"<b>{esc(concept.en)}</b>"]
        for label, value in (("Chinese", concept.zh), ("traditional", concept.zh_hant
                             if concept.zh_hant != concept.zh else None),
                             ("pinyin", concept.pinyin), ("Kazakh", concept.kk), ("Russian", concept.ru)):
            if value:
                tip.append(f"{label}: {esc(value)}")
        tip.append(f"{esc(concept.type.value)} · {esc(f.action.value)}: {esc(f.reason)}")
        if f.replacement:
            tip.append(f"house form: {esc(f.replacement)}")
        if concept.note:
            tip.append(esc(concept.note))
        surface = esc(f.surface)
        if f.lang.startswith("zh") and concept.pinyin:
            surface = f"<ruby>{surface}<rt>{esc(concept.pinyin)}</rt></ruby>"
        yield (f'<mark class="term {f.action.value}" tabindex="0" data-concept="{esc(concept.id)}">'
               f'{surface}<span class="tip">{"<br>".join(tip)}</span></mark>')
        pos = f.end
    yield esc(text[pos:])


def annotate(text: str, glossary: Glossary, *, style: str = "inline", date: _dt.date | None = None,
             markup: str = "text", title: str = "silkterm annotation", unseen: bool = True) -> str:
    """Mark every term in ``text``.

    ``inline`` appends `` ⟦house form · 中文 · pinyin⟧`` after each term (for Chinese terms: the
    English form and pinyin); ``html`` returns a standalone page whose terms show details on hover
    (Chinese terms carry pinyin as ruby); ``json`` returns ``{"findings": [...]}``.
    """
    findings = find_terms(text, glossary, date=date, markup=markup, unseen=unseen)
    if style == "inline":
        return "".join(_inline(text, findings, glossary))
    if style == "html":
        return annotate_html([(title, text)], glossary, date=date, markups=[markup], unseen=unseen)
    if style == "json":
        return json.dumps({"findings": [f.to_dict() for f in findings]}, ensure_ascii=False, indent=2)
    raise ValueError(f"unknown style {style!r}; expected one of {', '.join(STYLES)}")


def annotate_html(documents: Sequence[tuple[str, str]], glossary: Glossary, *,
                  date: _dt.date | None = None, markups: Sequence[str] | None = None,
                  unseen: bool = True) -> str:
    """One standalone HTML page for ``(title, text)`` documents, each under its own heading."""
    sections: list[str] = []
    zh = total = 0
    for i, (title, text) in enumerate(documents):
        markup = markups[i] if markups else "text"
        findings = find_terms(text, glossary, date=date, markup=markup, unseen=unseen)
        zh += sum(f.lang.startswith("zh") for f in findings)
        total += len(findings)
        sections.append(f"<section>\n<h1>{_html.escape(title)}</h1>\n<pre class=\"silkterm\">"
                        + "".join(_html_body(text, findings, glossary)) + "</pre>\n</section>\n")
    page_title = documents[0][0] if len(documents) == 1 else "silkterm annotation"
    return _PAGE.format(lang="zh" if zh * 2 > total else "en", title=_html.escape(page_title),
                        body="".join(sections))


def strip_annotations(text: str) -> str:
    """Remove inline annotations, giving back the annotated input."""
    return _ANNOTATION.sub("", text)

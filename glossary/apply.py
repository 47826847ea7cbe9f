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
import json
import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from . import compiled
from .findings import Finding
from .folding import (
    Folded,
    canonical_separators,
    collapse_whitespace,
    fold,
    match_key,
    title_case,
)
from .htmlpage import (
    Section,
    Tally,
    first_marks,
    html_marks,
    html_page,
    text_lang,
)
from .index import index_of
from .kinship import relink_possessors
from .lines import LineIndex
from .markup import protected_spans
from .matcher import Entry, Match
from .model import Action, Article, Concept, Glossary, Kind, Status
from .recognise import find_unseen

STYLES = ("inline", "html", "json")
# --fail-on: the actions that make ``normalize --check`` report failure, by level
FAIL_ON = {"replace": frozenset({Action.REPLACE}),
           "suggest": frozenset({Action.REPLACE, Action.SUGGEST}),
           "note": frozenset({Action.REPLACE, Action.SUGGEST, Action.NOTE})}
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

    def fails(self, fail_on: str = "replace") -> bool:
        """True if a finding reaches the level ``fail_on`` (a key of :data:`FAIL_ON`): any
        replacement (``replace``), also any suggestion (``suggest``), or anything (``note``).

        >>> from silkterm.glossary import load_glossary
        >>> r = normalize("Nur-Sultan", load_glossary())  # a former name: a note, no date given
        >>> r.fails("replace"), r.fails("suggest"), r.fails("note")
        (False, False, True)
        """
        actions = FAIL_ON[fail_on]
        return any(f.action in actions for f in self.findings)


SHAPED_HELD = 1 << 16  # surfaces whose rewrite Decisions holds (one per form and spelling)


class Decisions:
    """What normalising decides for a glossary form (and its surface) whatever the text around
    it, and how a possessive is re-linked (:func:`~silkterm.glossary.kinship.relink_possessors`),
    for one glossary and date: passed to several calls (the chunks of one text, as
    :func:`~silkterm.glossary.stream.normalize_stream` does), each form is planned once.
    A call with another glossary or date ignores it.

    >>> from silkterm.glossary import load_glossary
    >>> g = load_glossary()
    >>> memo = Decisions(g)
    >>> [normalize(t, g, decisions=memo).text for t in ("Horgos", "in Horgos")]
    ['Khorgos', 'in Khorgos']
    >>> len(memo.plans)
    1
    """

    __slots__ = ("date", "fields", "glossary", "plans", "relinked", "shaped")

    def __init__(self, glossary: Glossary, date: _dt.date | None = None) -> None:
        self.glossary = glossary
        self.date = date
        self.plans: dict[int, _Planned] = {}  # per entry (by id: the glossary's matcher holds it)
        self.shaped: dict[tuple[int, str], _Shaped] = {}  # per entry and surface
        self.fields: dict[int, tuple[str, str, str, str, Status, Kind | None]] = {}  # per entry
        self.relinked: dict[tuple[str, str, str], Finding | None] = {}  # see relink_possessors

    def fits(self, glossary: Glossary, date: _dt.date | None) -> bool:
        """Whether these decisions hold for ``glossary`` and ``date``."""
        return glossary is self.glossary and date == self.date


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
_Planned = tuple[Action, str, "str | None", "str | None"]  # and the concept, if it drops articles


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
    if variant.status is Status.PROPOSED and variant.action is None:
        return Action.SUGGEST, f"{reason}, not yet reviewed", None
    if concept.proposed and action is Action.REPLACE:  # nothing is rewritten to or from it
        return Action.SUGGEST, f"{reason} of a proposed concept, not yet reviewed", None
    if action is not Action.REPLACE:
        return action, reason, None
    target = variant.use or concept.house_form(variant.lang)
    if target is None:
        return Action.SUGGEST, f"{reason}; no {variant.lang} house form to replace it with", None
    return Action.REPLACE, reason, target


_SEPARATORS = re.compile(r"[\s\-'.·]+")


def _squash(text: str) -> str:
    return _SEPARATORS.sub("", fold(text))


def _already_there(text: str, start: int, end: int, target: str,
                   squashed: tuple[str, str] | None = None) -> bool:
    """True if the text around ``start:end`` already spells ``target``, give or take spaces,
    hyphens and apostrophes (the surface ``COVID`` in ``COVID-19s`` or ``COVID 19``, where the
    house form itself did not match): replacing it would grow the house form inside itself.
    (``squashed``: the target and the surface squashed, if known.)"""
    wanted, surface = squashed or (_squash(target), _squash(text[start:end]))
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


_Decision = tuple[Action, str, "str | None", str]
_Shaped = tuple[str, bool, tuple[str, str]]


def _decide(match: Match, glossary: Glossary, date: _dt.date | None,
            plans: dict[int, _Planned], text: str,
            shaped: dict[tuple[int, str], _Shaped], near: _Nearby | None = None) -> _Decision:
    """The action, reason, replacement and dropped article for one match (``plans`` caches
    per entry, ``shaped`` per entry and surface the replacement, whether it only respells the
    surface, and both squashed).

    A replacement keeps the surface's case shape, NBSPs and curly apostrophes, and its line
    breaks where the replacement has a space to put them (:func:`_carry_breaks`). A variant
    written as a gloss of a kept form of its concept (*Nurly Zhol, also known as Bright Road*)
    is kept and noted (:func:`_gloss`). Before a house form that takes no article
    (``article: none``), the article of the variant goes too (:func:`_dropped_article`).
    """
    entries = match.entries
    if len(entries) > 1:
        names = " or ".join(glossary[e.concept_id].en for e in entries)
        return Action.SUGGEST, f"ambiguous: {names}", None, ""
    entry = entries[0]
    plan = plans.get(id(entry))
    if plan is None:
        concept = glossary[entry.concept_id]
        plan = plans[id(entry)] = (*_plan(entry, glossary, date), concept.en if (
            concept.article is Article.NONE and entry.variant.lang == "en") else None)
    action, reason, target, articleless = plan
    if target is None:
        return action, reason, None, ""
    surface = match.surface
    key = (id(entry), surface)
    known = shaped.get(key)  # (the same surface of the same form: the same rewrite)
    if known is None:
        replacement = _carry_breaks(surface, _typography(surface, match_case(
            canonical_separators(surface), canonical_separators(entry.variant.form), target)))
        known = shaped[key] = (replacement,
                               collapse_whitespace(replacement) == collapse_whitespace(surface),
                               (_squash(target), _squash(surface)))
    replacement, itself, squashed = known
    start, end = match.start, match.end
    if itself or _already_there(text, start, end, target, squashed):
        return Action.KEEP, reason, None, ""  # never replace a form with itself or inside itself
    kept = entry.kin  # (the usual case first: no kept form of the concept nearby, see _gloss)
    if kept and (near or _Nearby(text, None)).holds(
            max(0, start - GLOSS_REACH), min(len(text), end + GLOSS_REACH), kept):
        gloss = _gloss(text, match, glossary, near)
        if gloss is not None:
            return Action.NOTE, f"gloss of {gloss!r}, kept ({reason})", None, ""
    if articleless is not None:  # (the concept takes no article: the English form's goes)
        article = _dropped_article(text, start, end)
        if article:
            if article[:1].isupper() and replacement[:1].islower():
                replacement = replacement[:1].upper() + replacement[1:]
            return Action.REPLACE, reason + f"; {articleless} takes no article", replacement, article
    return Action.REPLACE, reason, replacement, ""


_SPACE_RUN = re.compile(r"[\s\-\u2010-\u2015\u2212\ufe63\uff0d]*\s[\s\-\u2010-\u2015\u2212\ufe63\uff0d]*")
_LINE_BREAK = re.compile(r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _carry_breaks(surface: str, replacement: str) -> str:
    r"""Put the line breaks of ``surface`` (a name wrapped across lines) into ``replacement``.

    Breaks go where the replacement has a space between words (a hyphenated name is one
    word): at the same space if both have as many, else at the space nearest the same
    relative place. A replacement of one word loses the break.

    >>> _carry_breaks("Borat\nNulgaliyev", "Bolat Nurgaliyev")
    'Bolat\nNurgaliyev'
    >>> _carry_breaks("One Belt One\nRoad", "Belt and Road Initiative")
    'Belt and Road\nInitiative'
    >>> _carry_breaks("Nur-\nSultan", "Astana"), _carry_breaks("Kasym\nZhomart", "Kassym-Jomart")
    ('Astana', 'Kassym-Jomart')
    """
    if _LINE_BREAK.search(surface) is None:
        return replacement
    gaps = list(_SPACE_RUN.finditer(surface))
    slots = list(_SPACE_RUN.finditer(replacement))
    if not slots:
        return replacement
    chosen: dict[int, str] = {}
    for i, gap in enumerate(gaps):
        brk = _LINE_BREAK.search(gap.group())
        if brk is None:
            continue
        if len(gaps) == len(slots):
            k = i
        else:
            where = gap.start() / len(surface)
            k = min(range(len(slots)), key=lambda j: abs(slots[j].start() / len(replacement) - where))
        dash = slots[k].group().rstrip()
        chosen[k] = dash + gap.group()[brk.start():]
    pieces, pos = [], 0
    for k, slot in enumerate(slots):
        if k in chosen:
            pieces += [replacement[pos:slot.start()], chosen[k]]
            pos = slot.end()
    return "".join(pieces) + replacement[pos:]


GLOSS_REACH = 100  # code points on either side of a variant searched for the form it glosses
_CONNECTOR = r"""(?i:(?:also\s+|otherwise\s+|better\s+|commonly\s+|widely\s+|often\s+|sometimes\s+)?
                     (?:known|referred\s+to)\s+as
                   | a\.?k\.?a\.? | i\.\s?e\. | or | literally | meaning | translated\s+as
                   | formerly | previously | now | renamed(?:\s+(?:as|to))?
                   | (?:also\s+|then\s+|later\s+|first\s+|originally\s+|so-)?
                     (?:called|dubbed|named|nicknamed|styled))"""
_GAP = rf"""
    ["”’»']?                                      # the closing quote of the first name
    (?:\s+[a-z][\w-]*){{0,3}}?                   # a few lower-case words: corridor, programme
    (?: \s*[(\[（]\s*(?:{_CONNECTOR}[\s,:]+)?       # a bracket, maybe with a connecting word
      | (?:\s*[,，:–—]\s*|\s+-\s+|\s+){_CONNECTOR}[\s,:]+  # a connecting word: also known as…
      | (?:\s*[,，:–—]\s*|\s+-\s+)                 # a comma or dash before an article or a
        (?=(?i:the|an?)\s|["“‘«']) )                # quote: apposition (a bare comma: a list)
    (?:(?i:the|an?)\s+)?                          # an article
    ["“‘«']?                                      # an opening quote
"""
_GLOSS_GAP = re.compile(_GAP, re.VERBOSE)
_GLOSS_GAP_BEFORE = re.compile(rf"(?:{_GAP})\Z", re.VERBOSE)
# How a gloss gap ends, right before the second name (a quick test before the search)
_GLOSS_CUE_BEFORE = re.compile(r"""(?:[(\[（,，:–—-]|\b(?i:as|or|a\.?k\.?a\.?|i\.\s?e\.|literally
    |meaning|formerly|previously|now|renamed|to|called|dubbed|named|nicknamed|styled))
    [\s,:]*(?:(?i:the|an?)\s+)?["“‘«']?\Z""", re.VERBOSE)


class _Nearby:
    """The text around a match, folded as :func:`_gloss` reads it: lower case, typography
    unified, hyphens and whitespace runs one space. Sliced from the text the matcher folded
    (``folding``: then the same, but for spaces at the ends of the window, which no key has;
    ``tests/glossary/test_fast_paths.py``), else folded window by window. (A capital sigma
    lower-cases by its neighbours: a text with one is folded window by window.)"""

    __slots__ = ("folding", "text")

    def __init__(self, text: str, folding: Folded | None) -> None:
        self.text = text
        self.folding = folding

    def around(self, lo: int, hi: int) -> str:
        """The folded text of ``text[lo:hi]``."""
        folding = self.folding
        if folding is None:
            return " ".join(fold(self.text[lo:hi]).replace("-", " ").split())
        near = folding.text[folding.folded(lo):folding.folded_end(hi)]
        return near.replace("\u2029", " ") if "\u2029" in near else near

    def holds(self, lo: int, hi: int, keys: tuple[str, ...]) -> bool:
        """Whether ``around(lo, hi)`` holds one of ``keys``: read in place by the compiled core
        where it is built and the text was folded whole (no window is sliced)."""
        folding, core = self.folding, compiled.core
        if folding is not None and core is not None:
            return bool(core.folded_holds(folding.text, *folding.offset_map(), lo, hi, keys))
        nearby = self.around(lo, hi)
        return any(map(nearby.__contains__, keys))


def _gloss(text: str, match: Match, glossary: Glossary, near: _Nearby | None = None) -> str | None:
    """The kept form of its own concept that ``match`` (a variant about to be replaced) glosses
    or is glossed by, right next to it, or None.

    A gloss names both explicitly: in apposition (*Nurly Zhol, the Bright Road programme*), with
    *also known as*, *or*, *formerly*, *called* or *dubbed* (quotes allowed), or in brackets
    (*Bright Road (Nurly Zhol)*), in either order, with up to three lower-case words after the
    first name (*the Nurly Zhol corridor, also known as the Bright Road programme*). A bare
    comma is not enough (*Nurly Zhol, Bright Road and others* is a list).
    """
    lo, hi = max(0, match.start - GLOSS_REACH), min(len(text), match.end + GLOSS_REACH)
    kept = match.entry.kin
    if not (near or _Nearby(text, None)).holds(lo, hi, kept):  # match_key, roughly but fast
        return None  # the usual case: no kept form of the concept nearby
    if _GLOSS_GAP.match(text, match.end, hi) is None and (
            _GLOSS_CUE_BEFORE.search(text, max(lo, match.start - 24), match.start) is None
            or _GLOSS_GAP_BEFORE.search(text, lo, match.start) is None):
        return None  # no gloss wording on either side
    window = text[lo:hi]
    for other in index_of(glossary).matcher.find(window):
        start, end = lo + other.start, lo + other.end
        if end <= match.start:
            gap = text[end:match.start]
        elif start >= match.end:
            gap = text[match.end:start]
        else:
            continue
        if (len(other.entries) == 1 and other.concept_id == match.concept_id
                and match_key(other.surface) in kept and _GLOSS_GAP.fullmatch(gap)):
            return other.surface
    return None


_ARTICLE_BEFORE = re.compile(r"(?<![\w'’\-])(the|an?)([^\S\n]*\n?[^\S\n]*)$", re.IGNORECASE)
_WORD_AFTER = re.compile(r"[^\S\n]*(?:\n[^\S\n]*)?([^\W\d_][\w'’-]*)")
# Words after which a name stands alone: the article before it was the name's own (the new
# crown is spreading → COVID-19 is spreading). Before any other word the name qualifies a
# noun, and the article is that noun's (the new crown virus → the COVID-19 virus).
_STANDS_ALONE_BEFORE = frozenset(["is", "was", "are", "were", "be", "been", "being", "has", "had", "have", "having", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "does", "did", "do", "and", "or", "but", "nor", "in", "of", "on", "at", "to", "for", "from", "with", "by", "as", "than", "that", "which", "who", "whose", "whom", "since", "until", "till", "after", "before", "during", "into", "onto", "through", "throughout", "across", "over", "under", "against", "between", "among", "amid", "within", "without", "about", "around", "near", "via", "per", "also", "still", "not", "itself", "alone", "remains", "remained", "became", "becomes", "spread", "spreads", "spreading", "continues", "continued"])


def _dropped_article(text: str, start: int, end: int) -> str:
    """The article (with the space after it) just before ``start`` that a house form taking no
    article drops, or "": only where the name stands alone, not before a noun it qualifies.

    >>> t = "the outbreak of the new crown. The new crown virus"
    >>> _dropped_article(t, 20, 29), _dropped_article(t, 35, 44)
    ('the ', '')
    """
    found = _ARTICLE_BEFORE.search(text, max(0, start - 12), start)
    if found is None or not found.group(2):
        return ""
    word = _WORD_AFTER.match(text, end)
    if word is not None and word.group(1).lower() not in _STANDS_ALONE_BEFORE:
        return ""
    return found.group()


def _findings(text: str, glossary: Glossary, date: _dt.date | None, markup: str,
              keep: bool, unseen: bool = False,
              at: tuple[int, int, int] = (0, 1, 1),
              decisions: Decisions | None = None) -> list[Finding]:
    """The findings in ``text``, with the offsets, lines and columns of a longer text in which
    ``text`` starts at ``at`` (see :func:`normalize`): each made once, where it belongs."""
    out: list[Finding] = []
    offset = at[0]
    lines = LineIndex(text, at[1], at[2])
    if decisions is None or not decisions.fits(glossary, date):
        decisions = Decisions(glossary, date)
    if len(decisions.shaped) > SHAPED_HELD:  # (surfaces of a long text: held within bounds)
        decisions.shaped.clear()
    if len(decisions.relinked) > SHAPED_HELD:
        decisions.relinked.clear()
    plans, shaped, fields = decisions.plans, decisions.shaped, decisions.fields
    protected = protected_spans(text, markup)
    taken = array("q")  # every match, kept or not, in text order: start, end, start, end…
    taken_starts: array[int] | None = None
    foldings: list[Folded] = []  # (the folded text, read again by _gloss)
    matches = index_of(glossary).matcher.find(text, protected, actionable=not keep, taken=taken,
                                              foldings=foldings)
    near = _Nearby(text, foldings[0] if foldings and "\u03a3" not in text else None)
    make = compiled.maker(Finding)  # (Finding(...), by position, but made in one step)
    for match in matches:
        action, reason, replacement, drop = _decide(match, glossary, date, plans, text, shaped,
                                                    near)
        if action is Action.KEEP and not keep:
            continue
        if drop:  # the article must not reach into the match before it
            if taken_starts is None:
                taken_starts = taken[0::2]
            k = bisect.bisect_left(taken_starts, match.start) - 1  # the match before this one
            if k >= 0 and taken[2 * k + 1] > match.start - len(drop):
                drop = ""
        entry = match.entries[0]
        known = fields.get(id(entry))  # what every finding of the entry says alike
        if known is None:
            variant = entry.variant
            concept = glossary[entry.concept_id]
            known = fields[id(entry)] = (concept.id, concept.house_form(variant.lang) or concept.en,
                                         variant.form, variant.lang, variant.status, variant.kind)
        concept_id, canonical, form, lang, status, kind = known
        line, column = lines.position(match.start)
        out.append(make(
            match.start + offset, match.end + offset, line, column, match.surface, concept_id,
            canonical, action, reason, form, lang, status, kind, replacement,
            tuple(e.concept_id for e in match.entries) if len(match.entries) > 1 else (),
            None, drop))
    out = relink_possessors(text, out, glossary, protected, lines.position,  # "A’s daughter B"
                            offset, decisions.relinked)
    if unseen:
        # Matches, acted on or kept, may be part of a longer unseen name, but only whole
        # (Qytay + Halyq Respublikasy); a suggestion then stands for the matches inside it.
        found = find_unseen(text, glossary, sorted(protected), lines, taken)
        if found and offset:  # (lines and columns are the longer text's already)
            found = [f.moved(offset, f.line, f.column) for f in found]
        if found:
            out = _uncovered(out, found)
            out = sorted(out + [_unseen_replacement(f, glossary) for f in found],
                         key=lambda f: f.start)
    return out


class _Cover:
    """Where sorted suggestions reach: the starts, and the running maximum of their ends, so
    that one bisection tells whether a span lies inside (or reaches into) any of them."""

    def __init__(self, suggestions: list[Finding]) -> None:
        self.starts = [s.start for s in suggestions]
        self.reach: list[int] = []
        for s in suggestions:
            self.reach.append(max(s.end, self.reach[-1]) if self.reach else s.end)

    def covers(self, start: int, end: int) -> bool:
        """Whether a suggestion starting at or before ``start`` ends at or after ``end``."""
        k = bisect.bisect_right(self.starts, start) - 1
        return k >= 0 and self.reach[k] >= end

    def reaches_into(self, start: int, end: int) -> bool:
        """Whether a suggestion starting before ``end`` ends after ``start``."""
        k = bisect.bisect_left(self.starts, end) - 1
        return k >= 0 and self.reach[k] > start


def _uncovered(findings: list[Finding], suggestions: list[Finding]) -> list[Finding]:
    """The ``findings`` that lie inside no suggestion (``suggestions`` sorted by start), and
    whose dropped article (``drop_before``) lies inside none: the suggestion stands for those
    words, so the article is kept. One bisection each."""
    cover = _Cover(suggestions)
    out = []
    for f in findings:
        if cover.covers(f.start, f.end):
            continue
        if f.drop_before and cover.reaches_into(f.start - len(f.drop_before), f.start):
            f = replace(f, drop_before="")
        out.append(f)
    return out


def _unseen_replacement(finding: Finding, glossary: Glossary) -> Finding:
    """What accepting a suggestion writes: the known form it fold-matched if that form is kept
    (an admitted short form stays short), else that form's own replacement target."""

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
               markup: str = "text", unseen: bool = True,
               at: tuple[int, int, int] = (0, 1, 1),
               decisions: Decisions | None = None) -> list[Finding]:
    """Every glossary term in ``text`` (kept forms too), with the action normalising would take;
    with ``unseen``, also suggestions for names that fold-match a concept (see ``recognise``).
    ``at`` places ``text`` in a longer text and ``decisions`` carries what earlier calls
    decided, as for :func:`normalize`.

    >>> from silkterm.glossary import load_glossary
    >>> [(f.start, f.line, f.column) for f in find_terms("in Horgos", load_glossary(), at=(40, 3, 7))]
    [(43, 3, 10)]
    """
    return _findings(text, glossary, date, markup, keep=True, unseen=unseen, at=at,
                     decisions=decisions)


def normalize(text: str, glossary: Glossary, *, date: _dt.date | None = None,
              markup: str = "text", unseen: bool = True,
              accept_suggestions: int | None = None,
              at: tuple[int, int, int] = (0, 1, 1),
              decisions: Decisions | None = None) -> NormalizeResult:
    """Rewrite deprecated and forbidden forms to the house form; report suggestions and notes.

    Unseen variants (names that fold-match a concept) are reported as suggestions with a score;
    ``accept_suggestions=SCORE`` rewrites those scoring at least SCORE. Idempotent: normalising the
    result again changes nothing. ``at`` places ``text`` in a longer text (the code points before
    it, and the line and column of its first character): the findings then carry the offsets,
    lines and columns of the longer text. ``decisions`` carries what earlier calls decided per
    form (see :class:`Decisions`).

    >>> from silkterm.glossary import load_glossary
    >>> [(f.start, f.line, f.column) for f in normalize("Horgos", load_glossary(), at=(40, 3, 7)).findings]
    [(40, 3, 7)]
    """
    offset = at[0]
    findings = _findings(text, glossary, date, markup, keep=False, unseen=unseen, at=at,
                         decisions=decisions)
    if accept_suggestions is not None:

        findings = [replace(f, action=Action.REPLACE, reason=f.reason + "; accepted")
                    if f.action is Action.SUGGEST and f.score is not None
                    and f.score >= accept_suggestions and f.replacement
                    and not glossary[f.concept_id].proposed else f for f in findings]
    core = compiled.core
    if core is not None:  # the same text, made in one copy (tests/glossary/test_fast_paths.py)
        spans, replacements = array("q"), []
        for f in findings:
            if f.action is Action.REPLACE and f.replacement is not None:
                spans.append(f.start - offset - len(f.drop_before))
                spans.append(f.end - offset)
                replacements.append(f.replacement)
        try:
            return NormalizeResult(text, core.splice(text, spans, replacements), tuple(findings))
        except ValueError:  # (replacements out of order or overlapping, which no rule makes:
            pass            # the pieces joined below, as without the core)
    pieces: list[str] = []
    pos = 0
    for f in findings:
        if f.action is Action.REPLACE and f.replacement is not None:
            pieces.append(text[pos:f.start - offset - len(f.drop_before)])
            pieces.append(f.replacement)
            pos = f.end - offset
    pieces.append(text[pos:])
    return NormalizeResult(text, "".join(pieces), tuple(findings))


def _details(finding: Finding, concept: Concept) -> list[str]:
    """What an inline annotation shows: the house form (→ when normalising replaces the term,
    ? with what accepting a suggestion writes, = when the term is a variant that stays), the
    other language's form, and pinyin."""
    if finding.action is Action.SUGGEST and finding.candidates:
        return ["? " + finding.reason]
    parts: list[str] = []
    house = concept.house_form(finding.lang) or concept.en
    if finding.action is Action.REPLACE and finding.replacement is not None:
        dropped = f" (without {finding.drop_before.strip()!r})" if finding.drop_before else ""
        parts.append(f"→ {finding.replacement}{dropped}")
    elif finding.action is Action.SUGGEST and finding.replacement is not None:
        parts.append(f"? {finding.replacement}")
    elif fold(collapse_whitespace(finding.surface)) != fold(collapse_whitespace(house)):
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


def inline_marks(text: str, findings: list[Finding], glossary: Glossary) -> Iterator[str]:
    """``text`` in pieces, each finding followed by its inline annotation (the body of
    ``annotate(style="inline")``; shared with the streaming annotator)."""
    pos = 0
    for f in findings:
        yield text[pos:f.end]
        details = " · ".join(_details(f, glossary[f.concept_id]))
        yield f" {OPEN}{details}{CLOSE}"
        pos = f.end
    yield text[pos:]


def annotate(text: str, glossary: Glossary, *, style: str = "inline", date: _dt.date | None = None,
             markup: str = "text", title: str = "silkterm annotation", unseen: bool = True) -> str:
    """Mark every term in ``text``.

    ``inline`` appends `` ⟦house form · 中文 · pinyin⟧`` after each term (for Chinese terms: the
    English form and pinyin); ``html`` returns a standalone page (see
    :mod:`~silkterm.glossary.htmlpage`: counts, legend, a changes-only switch, tooltips on hover
    and focus; Chinese terms carry pinyin as ruby); ``json`` returns ``{"findings": [...]}``.
    """
    if style == "html":  # (finds the terms itself)
        return annotate_html([(title, text)], glossary, date=date, markups=[markup], unseen=unseen)
    findings = find_terms(text, glossary, date=date, markup=markup, unseen=unseen)
    if style == "inline":
        return "".join(inline_marks(text, findings, glossary))
    if style == "json":
        return json.dumps({"findings": [f.to_dict() for f in findings]}, ensure_ascii=False, indent=2)
    raise ValueError(f"unknown style {style!r}; expected one of {', '.join(STYLES)}")


def annotate_html(documents: Sequence[tuple[str, str]], glossary: Glossary, *,
                  date: _dt.date | None = None, markups: Sequence[str] | None = None,
                  unseen: bool = True) -> str:
    """One standalone HTML page (see :mod:`~silkterm.glossary.htmlpage`) for ``(path, text)``
    documents, each under its file's name."""
    sections: list[Section] = []
    bodies: list[str] = []
    for i, (path, text) in enumerate(documents):
        markup = markups[i] if markups else "text"
        findings = find_terms(text, glossary, date=date, markup=markup, unseen=unseen)
        zh = sum(f.lang.startswith("zh") for f in findings)
        sections.append(Section(path, Tally.of(findings), text_lang(zh, len(findings)),
                                first_marks(findings, i + 1)))
        bodies.append("".join(html_marks(text, findings, glossary, doc=i + 1)))
    return "".join(html_page(sections, ([b] for b in bodies)))


def strip_annotations(text: str) -> str:
    """Remove inline annotations, giving back the annotated input."""
    return _ANNOTATION.sub("", text)

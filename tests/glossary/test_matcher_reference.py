"""The matcher's fast path (leftmost-longest automaton + window fallback) against brute force.

For random small glossaries and texts, ``Matcher.find`` must return exactly the greedy
leftmost-longest selection among *all* valid hits (every key at every position of the folded
text, checked for boundaries, case, exceptions and protected spans, and mapped back to the
text's offsets).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

from hypothesis import given, settings
from hypothesis import strategies as st
from silkterm.glossary import compiled
from silkterm.glossary.folding import Folded, match_key
from silkterm.glossary.index import index_of
from silkterm.glossary.matcher import Matcher, _Scan
from silkterm.glossary.model import (
    Case,
    Concept,
    ConceptType,
    Glossary,
    Status,
    Variant,
)

ALPHABET = "abAB -'中国’\u00a0İ\n–"
forms = st.text(alphabet="abAB -中国", min_size=1, max_size=4).map(str.strip).filter(bool)
names = forms.map(lambda f: f.strip(" -")).filter(bool)  # as names are: no separator at either end


@st.composite
def glossaries(draw, forms=forms):
    concepts = []
    used: set[str] = set()
    for n in range(draw(st.integers(1, 5))):
        house = draw(forms)
        variants = []
        for form in draw(st.lists(forms, max_size=3)):
            if form != house and match_key(form) not in used:
                variants.append(Variant(form, status=draw(st.sampled_from(list(Status))),
                                        case=draw(st.sampled_from([None, *Case]))))
                used.add(match_key(form))
        if match_key(house) in used:
            continue
        used.add(match_key(house))
        concepts.append(Concept(f"c{n}", ConceptType.TERM, house,
                                case=draw(st.sampled_from(list(Case))), variants=tuple(variants)))
    return Glossary(tuple(concepts))


def reference(matcher: Matcher, text: str, protected):
    folding = Folded(text)
    scan = _Scan(matcher, text, folding, protected)
    hits = []
    for index, key in enumerate(matcher._keys):
        start = scan.folded.find(key)
        while start != -1:
            if scan.valid(index, start, start + len(key)):
                hits.append((start, -len(key)))
            start = scan.folded.find(key, start + 1)
    out, pos = [], 0
    for start, negative in sorted(hits):
        if start >= pos:
            out.append((start, start - negative))
            pos = start - negative
    return [(folding.original(s), folding.original_end(e)) for s, e in out]


@settings(max_examples=400, deadline=None)
@given(glossaries(), st.text(alphabet=ALPHABET, max_size=40), st.data())
def test_fast_path_equals_brute_force(glossary, text, data):
    """Both loops: the compiled one (glossary/_cmatch.c) and the Python fallback."""
    matcher = index_of(glossary).matcher
    cut = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=2, unique=True)))
    protected = [tuple(cut)] if len(cut) == 2 and cut[0] < cut[1] else []
    for loop in (nullcontext(), pure_python()):
        with loop:
            got = [(m.start, m.end) for m in matcher.find(text, protected)]
        assert got == reference(matcher, text, protected)


@contextmanager
def pure_python() -> Iterator[None]:
    """The pure-Python loops, as where the compiled core is not built."""
    saved = compiled.core
    compiled.core = None
    try:
        yield
    finally:
        compiled.core = saved


def test_chunked_matching_equals_whole_text(monkeypatch):
    """Long texts are matched in chunks cut after line breaks; the result must not change."""
    from pathlib import Path

    import silkterm.glossary.matcher as matcher_module
    from silkterm.glossary import load_glossary
    from silkterm.glossary.markup import protected_spans

    glossary = load_glossary()
    seeds = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
    text = "\n".join(p.read_text(encoding="utf-8") for p in seeds)
    text += "\nSee https://example.org/Horgos and <b title='Horgos'>HORGOS</b>\n"
    protected = protected_spans(text, "html")
    whole = [(m.start, m.end, m.surface, m.concept_id) for m in index_of(glossary).matcher.find(text, protected)]
    monkeypatch.setattr(matcher_module, "CHUNK", 300)
    chunked = [(m.start, m.end, m.surface, m.concept_id) for m in index_of(glossary).matcher.find(text, protected)]
    assert len(whole) > 500 and chunked == whole


@settings(max_examples=300, deadline=None)
@given(glossaries(names), st.text(alphabet=ALPHABET, max_size=60), st.integers(1, 12), st.data())
def test_matching_in_chunks_equals_the_whole_text(glossary, text, chunk, data):
    """Chunks are cut after line breaks, and names may run across one: each chunk is matched
    with enough of the next one that the result does not depend on where the cuts fall (for
    forms that do not begin with a separator, i.e. names: a chunk begins at a line start)."""
    import silkterm.glossary.matcher as matcher_module

    matcher = index_of(glossary).matcher
    cut = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=2, unique=True)))
    protected = [tuple(cut)] if len(cut) == 2 and cut[0] < cut[1] else []
    whole = [(m.start, m.end, m.entries) for m in matcher.find(text, protected)]
    saved = matcher_module.CHUNK
    matcher_module.CHUNK = chunk
    try:
        chunked = [(m.start, m.end, m.entries) for m in matcher.find(text, protected)]
    finally:
        matcher_module.CHUNK = saved
    assert chunked == whole

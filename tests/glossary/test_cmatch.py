"""The compiled hit loop (``glossary/_cmatch.c``) against the pure-Python one it stands in for.

Both must give the same matches, spans, entries and taken spans for any glossary and text; the
brute-force reference of test_matcher_reference.py runs on both. CI builds the extension from
source (``pip install .`` compiles it), so its absence here is a failure, not a skip.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import silkterm.glossary.matcher as matcher_module
from hypothesis import given, settings
from hypothesis import strategies as st
from silkterm.glossary import load_glossary
from silkterm.glossary.index import index_of
from silkterm.glossary.markup import protected_spans
from silkterm.glossary.model import Glossary

from .test_matcher_reference import ALPHABET, glossaries, reference

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


@contextmanager
def pure_python() -> Iterator[None]:
    """The pure-Python loop, as where the extension is not built."""
    saved = matcher_module._cmatch
    matcher_module._cmatch = None
    try:
        yield
    finally:
        matcher_module._cmatch = saved


def both(glossary: Glossary, text: str, protected=(), actionable: bool = False):
    """What each loop finds: (matches, taken spans)."""
    matcher = index_of(glossary).matcher
    results = []
    for core in ("compiled", "python"):
        taken: list[tuple[int, int]] = []
        if core == "python":
            with pure_python():
                found = matcher.find(text, protected, actionable=actionable, taken=taken)
        else:
            found = matcher.find(text, protected, actionable=actionable, taken=taken)
        results.append(([(m.start, m.end, m.surface, m.entries) for m in found], taken))
    return results


def test_the_compiled_core_is_built_and_used():
    assert matcher_module._cmatch is not None, "glossary/_cmatch.c was not built: pip install ."
    matcher = index_of(load_glossary()).matcher
    assert matcher._trie() is not None and matcher._trie().nodes() > len(matcher)
    with pure_python():
        assert matcher._trie() is None


@pytest.mark.parametrize("actionable", [False, True])
@pytest.mark.parametrize("variant", ["as written", "upper", "wrapped", "dashes", "html"])
def test_the_seeds_give_the_same_matches(variant, actionable):
    text = "\n".join(p.read_text(encoding="utf-8") for p in SEEDS)
    markup = "text"
    if variant == "upper":
        text = text.upper()
    elif variant == "wrapped":
        text = text.replace(" ", "\n")
    elif variant == "dashes":
        text = text.replace("-", "\u2013 ").replace(" ", "\u00a0")
    elif variant == "html":
        text = f"<p title='Horgos'>{text}</p> <a href='https://example.org/Horgos'>HORGOS</a>"
        markup = "html"
    compiled, python = both(load_glossary(), text, protected_spans(text, markup), actionable)
    assert compiled == python
    assert len(compiled[1]) > 500  # (the seeds hold hundreds of names in every variant)


@settings(max_examples=400, deadline=None)
@given(glossaries(), st.text(alphabet=ALPHABET + "\u0301\u3099。a1_", max_size=60), st.booleans(),
       st.data())
def test_any_glossary_and_text_give_the_same_matches(glossary, text, actionable, data):
    cut = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=2, unique=True)))
    protected = [tuple(cut)] if len(cut) == 2 and cut[0] < cut[1] else []
    compiled, python = both(glossary, text, protected, actionable)
    assert compiled == python


@settings(max_examples=300, deadline=None)
@given(glossaries(), st.text(alphabet=ALPHABET, max_size=40), st.data())
def test_the_python_loop_equals_brute_force(glossary, text, data):
    """test_matcher_reference.py checks the loop in use (the compiled one); this, the fallback."""
    matcher = index_of(glossary).matcher
    cut = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=2, unique=True)))
    protected = [tuple(cut)] if len(cut) == 2 and cut[0] < cut[1] else []
    with pure_python():
        got = [(m.start, m.end) for m in matcher.find(text, protected)]
    assert got == reference(matcher, text, protected)


def test_bad_arguments_raise_and_do_not_crash():
    core = matcher_module._cmatch
    with pytest.raises(TypeError):
        core.Trie(["a"], [(0, None, None)])
    with pytest.raises(ValueError):
        core.Trie(["a", "a"], [(0, None, None, ()), (0, None, None, ())])
    trie = core.Trie(["ab"], [(core.SIMPLE, None, None, ())])
    with pytest.raises(TypeError):
        trie.find("ab")
    with pytest.raises(TypeError):
        trie.find("ab", "ab", [], [], [], [], [], 0, 2, 0, False, [], None, None, None, None)

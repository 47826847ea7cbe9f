"""The shortcuts taken for speed (issue 14) against the plain ways they replace."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from silkterm.glossary import compiled
from silkterm.glossary.apply import _Nearby
from silkterm.glossary.findings import Finding
from silkterm.glossary.folding import Folded
from silkterm.glossary.kinship import _KIN, _kin_phrases
from silkterm.glossary.model import Action, Kind, Status
from silkterm.glossary.recognise import FILL, KEPT, _flat, _mask, _within


def test_moved_carries_every_field_as_replace_does() -> None:
    f = Finding(3, 9, 2, 4, "Horgos", "khorgos", "Khorgos", Action.SUGGEST, "why", "Horgos", "en",
                Status.DEPRECATED, kind=Kind.SPELLING, replacement="Khorgos",
                candidates=("a", "b"), score=88, drop_before="the ")
    defaults = Finding(0, 0, 0, 0, "", "", "", Action.KEEP, "", "", "", Status.ADMITTED)
    # every field differs from the other finding's: a field moved() forgot would show
    assert all(getattr(f, x.name) != getattr(defaults, x.name) for x in dataclasses.fields(Finding))
    for finding in (f, defaults):
        moved = finding.moved(100, 7, 11)
        assert moved == dataclasses.replace(finding, start=finding.start + 100,
                                            end=finding.end + 100, line=7, column=11)


def _plain_mask(text: str, spans: list[tuple[int, int]]) -> str:
    """One span at a time: nested spans merged, each one KEPT then FILLs, same length."""
    out = list(text)
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    for s, e in merged:
        for i in range(s, e):
            out[i] = KEPT if i == s else FILL
    return "".join(out)


@st.composite
def texts_and_spans(draw):
    text = draw(st.text(alphabet="ab C\n’", max_size=40))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    spans = sorted(zip(cuts[0::2], cuts[1::2]))
    if draw(st.booleans()) and spans:  # a nested span, as protected spans around matches may be
        s, e = spans[draw(st.integers(0, len(spans) - 1))]
        spans = sorted([*spans, (s, s + (e - s) // 2)])
    return text, spans


@settings(max_examples=300, deadline=None)
@given(texts_and_spans())
def test_mask_equals_one_span_at_a_time(case) -> None:
    text, spans = case
    assert _mask(text, _flat(spans)) == _plain_mask(text, spans)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), max_size=8),
       st.integers(0, 30), st.integers(0, 30))
def test_within_is_every_span_that_can_touch_the_window(gaps, lo, width) -> None:
    spans, at = [], 0
    for gap, length in gaps:  # sorted, not overlapping
        spans.append((at + gap, at + gap + length))
        at += gap + length
    hi = lo + width
    expected = tuple((s - lo, e - lo) for s, e in spans if s < hi and (e > lo or s >= lo))
    assert _within([s for s, _ in spans], [e for _, e in spans], lo, hi) == expected


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["'", "’", "s", "S", "ſ", " ", "\n", "\u00a0", "\u2003", "son",
                                 "daughter", "late ", "x", "A", "in-law", "-", ",", "SON", "Wife",
                                 "ONLY ", "sons", "nephew", "\u212a", "\u0131", "grand", "Eldest\t"]),
                max_size=30).map("".join))
def test_kin_phrases_are_what_the_search_finds(text: str) -> None:
    """With the compiled core's list of places (kin_places) and without."""
    expected = [m.span() for m in _KIN.finditer(text)]
    for core in (compiled.core, None):
        saved, compiled.core = compiled.core, core
        try:
            assert [m.span() for m in _kin_phrases(text)] == expected
        finally:
            compiled.core = saved


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["A", "b", "İ", "ß", "-", "–", " ", "  ", "\n", "\n\n", "\r\n", "\t",
                                 "\u00a0", "\u2029", "\u2028", "# ", "’", "\u4e2d", "x y", " - "]),
                max_size=30).map("".join),
       st.integers(0, 60), st.integers(0, 60))
def test_the_folded_window_of_a_gloss_is_the_window_folded_on_its_own(text, a, b) -> None:
    """_gloss reads the matcher's folded text around a match: the same as folding the window
    alone, but for spaces at its ends (no kept key has them), with the compiled core and without."""
    lo, hi = sorted((min(a, len(text)), min(b, len(text))))
    alone = _Nearby(text, None).around(lo, hi)
    for core in (compiled.core, None):
        saved, compiled.core = compiled.core, core
        try:
            assert _Nearby(text, Folded(text)).around(lo, hi).strip(" ") == alone
        finally:
            compiled.core = saved


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(["A", "b", "İ", "ß", "-", "–", " ", "  ", "\n", "\n\n", "\r\n", "\t",
                                 "\u00a0", "\u2029", "# ", "’", "\u4e2d", "x y", " - "]),
                max_size=30).map("".join),
       st.integers(0, 60), st.integers(0, 60),
       st.lists(st.sampled_from(["a", "b", "ab", "a b", "b a", "b\u4e2d", "ss", "i", "x y", "x",
                                 "y", " ", "'", "-", "", "\u4e2d", "b x y"]), max_size=4).map(tuple))
def test_a_window_holds_a_key_as_its_folded_text_does(text, a, b, keys) -> None:
    """_Nearby.holds, read in place by the compiled core: the same as a search of around()."""
    lo, hi = sorted((min(a, len(text)), min(b, len(text))))
    folding = Folded(text)
    for core in (compiled.core, None):
        saved, compiled.core = compiled.core, core
        try:
            near = _Nearby(text, folding)
            assert near.holds(lo, hi, keys) == any(k in near.around(lo, hi) for k in keys)
        finally:
            compiled.core = saved


@pytest.mark.parametrize("keys", [("x y",), ("z",), ("a " * 40 + "x",), ("b " * 40 + "c",), ("",)])
def test_a_long_window_holds_a_long_key_as_its_folded_text_does(keys) -> None:
    text = "A\u2029 " * 300 + "x Y" + " b" * 300 + "\n\nc"
    folding = Folded(text)
    for lo, hi in ((0, len(text)), (500, 1400), (900, 912)):
        near = _Nearby(text, folding)
        expected = any(k in near.around(lo, hi) for k in keys)
        assert near.holds(lo, hi, keys) == expected
        saved, compiled.core = compiled.core, None
        try:
            assert near.holds(lo, hi, keys) == expected
        finally:
            compiled.core = saved


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Tokayev", "Tokaev", "Kazakh", "Kazakhstan", "President", "Xi",
                                 "Jinping", "Nurly", "Zhol", "Horgos", "Qorgas", "L.", "U.S.",
                                 "Kemelevich", "of", "’s", "'s", "-", "Nur", "Sultan", "Shaanxi",
                                 "Shanxi", "Almaty", "Alma", "Ata", "Xi’an", " ", KEPT + FILL]),
                min_size=1, max_size=4).map("".join).filter(lambda r: r.strip() == r))
def test_a_masked_run_of_one_word_is_read_as_the_general_path_reads_it(run) -> None:
    """_scan_masked's short path for a run of one word without a kept match: the same as
    _joins_kept, then _scan_run."""
    from silkterm.glossary import load_glossary
    from silkterm.glossary.index import index_of
    from silkterm.glossary.recognise import (
        _AROUND_KEPT,
        _joins_kept,
        _scan_masked,
        _scan_run,
    )

    index = index_of(load_glossary()).fold
    general = _AROUND_KEPT if _joins_kept(run, index) else _scan_run(run, index)
    assert _scan_masked(run, index) == general


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="dzhjcsqkgwyinxaeou\x01", max_size=14))
def test_the_letter_folds_in_fewer_passes_are_the_folds_in_order(word) -> None:
    """_fold_word's folds (pairs, one translate, then ng and x): _FOLDS applied one by one."""
    from silkterm.glossary.phonetic import (
        _FOLDS,
        _LAST_FOLDS,
        _LETTER_FOLDS,
        _PAIR_FOLDS,
    )

    expected = word
    for old, new in _FOLDS:
        expected = expected.replace(old, new)
    folded = word
    for old, new in _PAIR_FOLDS:
        folded = folded.replace(old, new)
    folded = folded.translate(_LETTER_FOLDS)
    for old, new in _LAST_FOLDS:
        folded = folded.replace(old, new)
    assert folded == expected

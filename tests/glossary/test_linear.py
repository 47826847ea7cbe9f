"""Work grows linearly with the input, on hostile inputs too (issue 9, B4).

No timing: the work of a call is counted deterministically, as the Python lines executed in
``silkterm.glossary`` (a trace hook) or the peak of memory allocated (``tracemalloc``). Growing
the input 4x may grow the work at most 5x. The timings are in ``benchmarks/linear.py``.
"""

from __future__ import annotations

import random
import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest
from silkterm.glossary import find_terms, load_glossary, normalize
from silkterm.glossary.index import index_of
from silkterm.glossary.phonetic import loose_key

LIMIT = 5.0  # work on 4n / work on n

NAMES = ["Khorgos", "Horgos", "Tokajew", "Kassym", "Jomart", "Tokayev", "Nur", "Sultan", "Astana",
         "Almaty", "Zharkent", "Qorgas", "Urumqi", "Beijing", "Xi", "Jinping", "Nurly", "Zhol",
         "Eastern", "Gate", "Dongdamen", "Alma", "Ata", "Kazakhstan", "Kemelevich", "Toqaev"]
TONED = ["Běijīng", "Xīnhuá", "Shǎnxī", "Shānxī", "Bei3 jing1", "xí jìn píng", "Huò'ěrguǒsī"]


@pytest.fixture(scope="module")
def g() -> Any:
    return load_glossary()


def _fresh(glossary: Any) -> None:
    """Forget what earlier texts taught the caches, so that n and 4n start alike."""
    index = index_of(glossary).fold
    index.runs.clear()
    index.relevance.clear()
    index.reread.clear()
    loose_key.cache_clear()


def words(pool: list[str], n: int, sep: str = " ", seed: int = 1) -> str:
    rng = random.Random(seed)
    return sep.join(rng.choice(pool) for _ in range(n))


def growth(g: Any, make: Callable[[int], str], n: int, run: Callable[[str], object],
           steps: Callable[[Callable[[], object]], int]) -> float:
    _fresh(g)
    small = steps(lambda: run(make(n)))
    _fresh(g)
    large = steps(lambda: run(make(4 * n)))
    return large / small


@pytest.mark.parametrize("kind, make", [
    ("capitalised names, one line", lambda n: words(NAMES, n)),
    ("names joined by hyphens", lambda n: words(["-".join(NAMES[i:i + 3]) for i in range(20)], n)),
    ("romanisations with tones, between commas", lambda n: words(TONED, n, sep=", ")),
    ("romanisations with tones and names, one line", lambda n: words(TONED + NAMES, n)),
    ("lower-case words", lambda n: words(["the", "horgos", "new", "crown", "of", "port"], n)),
    ("Chinese characters", lambda n: words(["霍尔果斯", "口岸", "的", "新冠", "习近平"], n, sep="")),
])
def test_normalize_and_annotate_work_grows_linearly(g, kind, make, steps):
    assert growth(g, make, 1500, lambda t: normalize(t, g), steps) <= LIMIT, kind
    assert growth(g, make, 1500, lambda t: find_terms(t, g), steps) <= LIMIT, kind


def test_many_urls_and_tags_work_grows_linearly(g, steps):
    make = lambda n: words(["https://example.org/Horgos", "<b>", "Horgos", "</b>", "Tokajew",
                            "a@b.kz", "Astana"], n)
    assert growth(g, make, 1500, lambda t: normalize(t, g, markup="html"), steps) <= LIMIT


def _peak(call: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("markup, block", [
    ("markdown", lambda n: "```\n" + "x = 'Horgos'\n" * n + "```\n"),
    ("html", lambda n: "<pre>" + "Horgos Tokajew\n" * n + "</pre>\n"),
])
def test_memory_of_a_huge_protected_block_grows_linearly(g, markup, block):
    """A code block is masked as one placeholder word: its memory must not grow with its square."""
    small, large = (f"Horgos and Tokajew met.\n\n{block(n)}\nTokajew in Horgos.\n" for n in (500, 2000))
    normalize(small, g, markup=markup)  # caches filled
    assert _peak(lambda: normalize(large, g, markup=markup)) / _peak(
        lambda: normalize(small, g, markup=markup)) <= LIMIT

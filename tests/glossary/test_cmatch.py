"""The compiled hit loop (``glossary/_cmatch.c``) against the pure-Python one it stands in for.

Both must give the same matches, spans, entries and taken spans for any glossary and text; the
brute-force reference of test_matcher_reference.py runs on both. CI builds the extension from
source (``pip install .`` compiles it), so its absence here is a failure, not a skip.
"""

from __future__ import annotations

import sys
from array import array
from contextlib import nullcontext
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from silkterm.glossary import compiled, load_glossary
from silkterm.glossary.folding import _TYPOGRAPHY, Folded
from silkterm.glossary.index import index_of
from silkterm.glossary.lines import LineIndex
from silkterm.glossary.markup import _trigger_lines, protected_spans
from silkterm.glossary.model import Case, Glossary
from silkterm.glossary.recognise import (
    _LINK_ORDER,
    _MASKED_NAMES,
    FILL,
    KEPT,
    _flat,
    _mask,
    _name_characters,
    _within,
)

from .test_matcher_reference import ALPHABET, glossaries, pure_python

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def both(glossary: Glossary, text: str, protected=(), actionable: bool = False):
    """What each loop finds: (matches, taken spans). The taken spans are in text order and
    apart, as the unseen search reads them."""
    matcher = index_of(glossary).matcher
    results = []
    for core in ("compiled", "python"):
        taken = array("q")
        if core == "python":
            with pure_python():
                found = matcher.find(text, protected, actionable=actionable, taken=taken)
        else:
            found = matcher.find(text, protected, actionable=actionable, taken=taken)
        spans = list(zip(taken[0::2], taken[1::2]))
        assert len(taken) % 2 == 0 and all(s < e for s, e in spans)
        assert all(e <= s for (_, e), (s, _) in zip(spans, spans[1:]))  # in order, apart
        results.append(([(m.start, m.end, m.surface, m.entries) for m in found], spans))
    return results


def test_the_compiled_core_is_built_and_used():
    assert compiled.core is not None, "glossary/_cmatch.c was not built: pip install ."
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


def test_bad_arguments_raise_and_do_not_crash():
    core = compiled.core
    with pytest.raises(TypeError):
        core.Trie(["a"], [(0, None, None)])
    with pytest.raises(ValueError):
        core.Trie(["a", "a"], [(0, None, None, ()), (0, None, None, ())])
    with pytest.raises(RuntimeError):
        core.Trie.__new__(core.Trie).find(*[None] * 17)
    trie = core.Trie(["ab"], [(core.SIMPLE, None, None, ())])
    with pytest.raises(RuntimeError):
        trie.__init__(["ab"], [(core.SIMPLE, None, None, ())])
    with pytest.raises(TypeError):
        trie.find("ab")
    with pytest.raises(TypeError):
        trie.find("ab", "ab", [], [], [], [], [], 0, 2, 0, False, [], None, None, None, None, {})


SEPARATED = " -\n\r\t\u2029\u2028\x85\u2003\x0b\x1c#\u00a0\u2013\u2019\u3000\u2212ab A中İ"


def folded_both(text: str):
    out = []
    for core in ("compiled", "python"):
        with (pure_python() if core == "python" else nullcontext()):
            f = Folded(text)
            out.append((f.text, [list(x) for x in f.offset_map()]))
    return out


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=SEPARATED, max_size=40))
def test_folding_a_text_gives_the_same_text_and_offsets(text):
    compiled_result, python_result = folded_both(text)
    assert compiled_result == python_result


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="aZq -\n\t\r\x0b\x1f#", max_size=120),
       st.sampled_from(["", "\u00c0", "\u00a0", "\u2013", "\u4e2d", "\U0001f600", "\u2029"]),
       st.integers(0, 120))
def test_folding_long_ascii_runs_gives_the_same_text_and_offsets(text, other, at):
    """ASCII long enough for the compiled fold's blocks of 16 and 8 characters, a separator
    on either side of a block's end among them, in a Latin-1, a two-byte and a four-byte text
    (one character put in), and each result as narrow a str as it can be."""
    text = text[:at] + other + text[at:]
    compiled_result, python_result = folded_both(text)
    assert compiled_result == python_result
    folded = Folded(text).text
    assert hash(folded) == hash(python_result[0])  # (a str as narrow as it can be)
    assert {folded: 1}.get(python_result[0]) == 1


@pytest.mark.parametrize("text", [
    "Kassym-Jomart \u2013\nTOKAYEV", "Khorgos\n\n- Eastern", "# Khorgos\nGate\n", "a\r\nb", "a \u2029 b",
    "  # Heading -\n- item\n\n\n", "x\u2028\u2028y", "a - \n b", "\n\n", "-", "",
    "ΟΔΟΣ ΑΘΗΝΑΣ", "ΣΑΣ İstanbul", "KAZAKHSTAN\u2019S \u00c0 \u0130\u0130",
    "Almaty and \u00c0stana\n\nKhorgos Gateway, the dry port on the border", "THE DRY PORT " * 9,
    "# A heading of some length\nKhorgos Gateway and the dry port\n" * 3,
])
def test_folding_the_usual_and_the_awkward_runs(text):
    compiled_result, python_result = folded_both(text)
    assert compiled_result == python_result


def test_every_character_folds_alike():
    """Lower case, typography (folding._TYPOGRAPHY and the C table) and separators, for each
    character of the Basic Multilingual Plane (the typography among them) between two letters."""
    chars = [chr(c) for c in range(0x10000) if not 0xd800 <= c < 0xe000]
    chars += [chr(c) for c in range(0x10000, 0x20000, 7)] + [chr(c) for c in range(0x10400, 0x10500)]
    text = "".join(f"a{c}b\n" for c in chars)
    compiled_result, python_result = folded_both(text)
    assert compiled_result == python_result
    assert set(_TYPOGRAPHY) <= set(chars)


def test_folding_the_seeds_gives_the_same_text_and_offsets():
    text = "\n".join(p.read_text(encoding="utf-8") for p in SEEDS)
    for variant in (text, text.replace(" ", "\n"), text.replace("\n", "\r\n"), "# " + text):
        compiled_result, python_result = folded_both(variant)
        assert compiled_result == python_result
        assert len(compiled_result[1][0]) > 50


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \u4e2d\U0001f600", max_size=30),
       st.lists(st.tuples(st.integers(0, 30), st.integers(0, 8)), max_size=6))
def test_the_masked_copy_is_the_same(text, raw):
    """Spans as the unseen search gives them: sorted, matches apart, protected spans maybe
    overlapping them or each other (then merged), empty ones too."""
    spans = sorted((min(s, len(text)), min(s + n, len(text))) for s, n in raw)
    compiled_result = _mask(text, _flat(spans))
    with pure_python():
        python_result = _mask(text, _flat(spans))
    assert compiled_result == python_result
    assert hash(compiled_result) == hash(python_result)  # (a string as narrow as it can be)
    assert {compiled_result: 1}.get(python_result) == 1


def test_bad_folding_and_masking_arguments_raise():
    core = compiled.core
    with pytest.raises(TypeError):
        core.collapse("a b")
    with pytest.raises(TypeError):
        core.mask("ab", [(0, 1)], "x", "y")  # spans are array('q')
    with pytest.raises(TypeError):
        core.mask("ab", array("i", [0, 1]), "x", "y")
    with pytest.raises(ValueError):
        core.mask("ab", array("q", [0, 1, 2]), "x", "y")
    with pytest.raises(ValueError):
        core.mask("ab", _flat([(1, 2), (0, 1)]), "x", "y")
    with pytest.raises(ValueError):
        core.mask("ab", _flat([(0, 3)]), "x", "y")
    matcher = index_of(load_glossary()).matcher
    with pytest.raises(TypeError):
        matcher.find("Horgos", taken=array("i"))
    with pytest.raises(TypeError):
        matcher.find("Horgos", taken=[])  # type: ignore[arg-type]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["<", ">", "://", ":/", "www.", "ww", "w.", "@", "a", " ", "\n",
                                 "<!--", "-->", "<b>", "\u4e2d", "\U0001f600", "x@y.kz"]),
                max_size=25).map("".join))
def test_the_places_of_urls_mails_and_tags_are_those_found_one_trigger_at_a_time(text):
    lines, spans = _trigger_lines(text), protected_spans(text)
    with pure_python():
        assert _trigger_lines(text) == lines
        assert protected_spans(text) == spans
    assert all(0 <= lo <= hi <= len(text) for lo, hi in lines)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="a\n\r\u2028\u4e2d\U0001f600", max_size=40))
def test_the_line_starts_are_those_of_the_pattern(text):
    compiled_starts = list(LineIndex(text).starts)
    with pure_python():
        assert LineIndex(text).starts == compiled_starts
    assert compiled_starts[0] == 0 and len(compiled_starts) == text.count("\n") + 1


def test_a_line_of_triggers_is_listed_once_per_trigger():
    """Only the first place of each trigger on a line is listed: a long line of them (hostile
    input, which the chunker holds whole) costs no memory beyond the text."""
    places = array("q")
    places.frombytes(compiled.core.triggers("@" * 100_000 + " www.x :// <" * 1000 + "\n@ @"))
    assert list(zip(places[0::2], places[1::2])) == [(0, 3), (100_001, 2), (100_007, 1),
                                                     (100_011, 0), (112_001, 3)]


def test_the_places_of_triggers_in_the_seeds_and_in_markup():
    seeds = "\n".join(p.read_text(encoding="utf-8") for p in SEEDS)
    text = seeds + "\nMail a@b.kz or see https://www.x.kz/Horgos <b\nclass='x'>Horgos</b> <!-- c -->\n"
    compiled_spans = protected_spans(text)
    with pure_python():
        assert protected_spans(text) == compiled_spans
    assert [text[s:e] for s, e in compiled_spans] == [
        "a@b.kz", "https://www.x.kz/Horgos", "<b\nclass='x'>", "</b>", "<!-- c -->"]


NAME_TOKENS = ["A", "Ab", "L.", "N.", "U.S.", "x", "of", "and", "al", "the", "zhi", "&", "de", " ",
               " ", "\u00a0", ".", "'s", "\u2019s", "-", "_", "1", "\u4e2d", "\u0101", "\u0100ng", "\u0178",
               KEPT, KEPT + FILL, FILL, "Mr", "ul", "for", "an", "th"]


def python_runs(masked: str) -> list[tuple[int, str]]:
    return [(m.start(), m[0]) for m in _MASKED_NAMES.finditer(masked)]


def compiled_runs(masked: str) -> list[tuple[int, str]]:
    found, _ = compiled.core.name_runs(masked, *_name_characters(), _LINK_ORDER, KEPT, FILL, {},
                                       lambda run: None, {}, object(), True)
    return [(start, run) for start, run, _ in found]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(NAME_TOKENS), max_size=25).map("".join))
def test_the_runs_of_names_are_those_of_the_pattern(masked):
    assert compiled_runs(masked) == python_runs(masked)


def test_the_runs_of_names_of_the_masked_seeds():
    text = "\n".join(p.read_text(encoding="utf-8") for p in SEEDS)
    matcher = index_of(load_glossary()).matcher
    taken = array("q")
    matcher.find(text, taken=taken)
    masked = _mask(text, taken)
    runs = python_runs(masked)
    assert len(runs) > 400 and compiled_runs(masked) == runs


WIDTHS = ["", "\u00e9", "\u00c9", "\u4e2d", "\U0001f600"]  # (ASCII, Latin-1, UCS-2, UCS-4)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(NAME_TOKENS + ["Astana", "the word ", "\n", "ab" * 9]),
                max_size=60).map("".join), st.sampled_from(WIDTHS), st.integers(0, 300))
def test_long_texts_of_every_width_give_the_same_places(text, wide, at):
    """Runs of names, triggers, line starts and line feeds in texts long enough for the
    compiled scans' blocks of 16 bytes, in each width of str (one character put in)."""
    text = text[:at] + wide + text[at:]
    assert compiled_runs(text) == python_runs(text)
    for lo, hi in ((0, len(text)), (at // 2, at), (at, len(text) + 5), (3, 2), (1, max(1, len(text) - 1))):
        assert compiled.core.line_feeds(text, lo, hi) == text.count("\n", lo, hi)
    lines, starts = _trigger_lines(text), list(LineIndex(text).starts)
    with pure_python():
        assert _trigger_lines(text) == lines
        assert list(LineIndex(text).starts) == starts


def test_the_seeds_give_the_same_places_in_every_width():
    seeds = "\n".join(p.read_text(encoding="utf-8") for p in SEEDS)
    narrow = seeds.encode("ascii", "ignore").decode()
    for text in (seeds, narrow, narrow + "\u00e9", narrow + "\U0001f600", seeds.upper()):
        matcher = index_of(load_glossary()).matcher
        taken = array("q")
        matcher.find(text, taken=taken)
        masked = _mask(text, taken)
        assert compiled_runs(masked) == python_runs(masked)
        assert compiled_runs(text) == python_runs(text)
        lines, starts = _trigger_lines(text), list(LineIndex(text).starts)
        with pure_python():
            assert _trigger_lines(text) == lines
            assert list(LineIndex(text).starts) == starts


def test_a_run_is_decided_once_and_listed_when_it_may_hold_a_name():
    asked: list[str] = []

    def decide(run: str):
        asked.append(run)
        return {"Astana": [], "Horgos": ["hit"]}.get(run)

    decided: dict[str, object] = {}
    found, toned = compiled.core.name_runs("Astana and Horgos. Horgos, Mr Smith", *_name_characters(),
                                           _LINK_ORDER, KEPT, FILL, decided, decide, {}, object(), True)
    assert found == [(0, "Astana and Horgos", None), (19, "Horgos", ["hit"]),
                     (27, "Mr Smith", None)]
    assert asked == ["Astana and Horgos", "Horgos", "Mr Smith"]
    assert decided == {"Astana and Horgos": None, "Horgos": ["hit"], "Mr Smith": None}
    assert toned is False


@pytest.mark.parametrize("placeholders", [True, False])
def test_a_run_decided_before_is_taken_from_the_cache_as_decide_takes_it(placeholders):
    """A run in `runs` (hits, marked), as decide leaves it: not asked again; its hits as decide
    gives them (None for around_kept, and for hits without placeholders); toned if marked."""
    around = object()
    runs = {"Astana": ([], False), "Horgos": (["hit"], True), "Mr Smith": (around, False)}
    asked: list[str] = []
    found, toned = compiled.core.name_runs(
        "Astana and Horgos. Horgos, Mr Smith. Astana", *_name_characters(), _LINK_ORDER, KEPT,
        FILL, {}, lambda run: asked.append(run) or [], runs, around, placeholders)
    assert asked == ["Astana and Horgos"]
    assert found == [(19, "Horgos", ["hit"] if placeholders else None), (27, "Mr Smith", None)]
    assert toned is True
    found, toned = compiled.core.name_runs("Astana", *_name_characters(), _LINK_ORDER, KEPT, FILL,
                                           {}, lambda run: [], runs, around, placeholders)
    assert (found, toned) == ([], False)


def test_the_compiled_calls_keep_no_references():
    """Reference counts of what the compiled calls are given and return are the same after
    many calls: nothing leaks (run under AddressSanitizer by hand, too: see README)."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in SEEDS)[:20_000] + " Borat Nulgaliyev"
    matcher = index_of(load_glossary()).matcher
    entries = matcher._entries[matcher._keys.index("borat nulgaliyev")]
    shapes = entries[0].shapes

    def counts():
        return sys.getrefcount(text), sys.getrefcount(entries), sys.getrefcount(shapes)

    for _ in range(3):  # (first uses fill caches)
        matcher.find(text, actionable=True, taken=array("q"))
        masked = _mask(text, _flat([(0, 5), (10, 20)]))
        compiled_runs(masked)
    before = counts()
    for _ in range(50):
        found = matcher.find(text, actionable=True, taken=array("q"))
        assert found
        del found
        Folded(text)
        compiled_runs(_mask(text, _flat([(0, 5), (10, 20)])))
    assert counts() == before


def test_every_ascii_character_bounds_a_name_alike():
    """The C tables of word characters and separators against folding's is_wordish and
    str.isspace: names beside each ASCII character (and a few others), matched both ways."""
    from silkterm.glossary.model import Concept, ConceptType, Glossary

    glossary = Glossary((Concept("ab", ConceptType.PLACE, "Ab"),
                         Concept("cd", ConceptType.PLACE, "Cd Ef"),
                         Concept("zh", ConceptType.PLACE, "Gh", zh="中国")))
    others = "\u00a0\u2013\u00e9\u0301\u3099\u4e2d\uff0c\u2029"
    chars = [*map(chr, range(1, 128)), *others]
    text = " ".join(f"{c}Ab{c} x{c}Ab {c}Cd{c}Ef{c} Cd{c}{c}Ef {c}中国{c}Ab" for c in chars)
    compiled_result, python_result = both(glossary, text)
    assert compiled_result == python_result
    assert len(compiled_result[0]) > 200


_FIELD = st.one_of(st.none(), st.integers(), st.text(max_size=5), st.tuples(st.text(max_size=3)))


@settings(max_examples=200, deadline=None)
@given(st.lists(_FIELD, min_size=17, max_size=17), st.lists(_FIELD, min_size=4, max_size=4))
def test_made_findings_and_matches_equal_those_their_classes_make(finding_fields, match_fields):
    from silkterm.glossary.findings import Finding
    from silkterm.glossary.matcher import Match

    for cls, fields in ((Finding, finding_fields), (Match, match_fields)):
        make = compiled.maker(cls)
        assert make is not cls  # (the compiled maker)
        made, init = make(*fields), cls(*fields)
        assert type(made) is cls
        assert made == init and repr(made) == repr(init)
        assert [getattr(made, name) for name in cls.__slots__] == fields
        try:
            hash(init)
        except TypeError:  # (a list among the fields: unhashable alike)
            with pytest.raises(TypeError):
                hash(made)
        else:
            assert hash(made) == hash(init)


def test_a_maker_takes_every_field_by_position_and_nothing_else():
    from dataclasses import FrozenInstanceError

    from silkterm.glossary.matcher import Match

    make = compiled.maker(Match)
    with pytest.raises(TypeError, match="takes 4 positional arguments .3 given."):
        make(1, 2, "x")
    with pytest.raises(TypeError):
        make(1, 2, "x", (), start=3)
    with pytest.raises(TypeError):
        compiled.core.Maker(Match, ("start", "nope"))
    with pytest.raises(TypeError):
        compiled.core.Maker(Match, ["start"])
    made = make(1, 2, "x", ())
    with pytest.raises(FrozenInstanceError):
        made.start = 5  # type: ignore[misc]
    surface = "".join(["Hor", "gos"])  # (a str of its own: its count is ours)
    before = sys.getrefcount(surface)
    copies = [make(1, 2, surface, ()) for _ in range(100)]
    assert sys.getrefcount(surface) == before + 100
    del copies
    assert sys.getrefcount(surface) == before


def test_a_class_whose_init_does_more_is_its_own_maker():
    from dataclasses import dataclass

    @dataclass(frozen=True, slots=True)
    class Checked:
        a: int

        def __post_init__(self) -> None:
            if self.a < 0:
                raise ValueError("negative")

    @dataclass(slots=True)
    class Unfrozen:
        a: int

    @dataclass(frozen=True)
    class NoSlots:
        a: int

    for cls in (Checked, Unfrozen, NoSlots):
        assert compiled.maker(cls) is cls
    with pure_python():
        from silkterm.glossary.findings import Finding

        assert compiled.maker(Finding) is Finding  # (no core: the class itself)


_LONG_FORMS = ["Kazakhstan", "Kazakhstan Temir Zholy", "Kazakh", "Kazan", "the Belt and Road Initiative",
               "the Bright Road", "Belt", "中国铁路", "中国"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_LONG_FORMS, *(f[:-1] + "x" for f in _LONG_FORMS), " ", "i", "s",
                                 "-", "\n", "zh", "the ", "Temir"]),
                max_size=12).map("".join), st.integers(0, 40), st.booleans(),
       st.sampled_from([Case.IGNORE, Case.SHAPE]))
def test_long_keys_sharing_their_heads_give_the_same_matches(text, cut, actionable, case):
    # The compiled walk compares a trie's chains of one-child nodes in one loop: a chain
    # matched whole, in part (to its last character), or cut off by the end of the text,
    # leads to the same matches.
    from silkterm.glossary.model import Concept, ConceptType, Glossary

    # (any case: no case shape to compare the surface with after the walk)
    glossary = Glossary(tuple(Concept(f"c{i}", ConceptType.TERM, form, case=case)
                              for i, form in enumerate(_LONG_FORMS)))
    text = text[:len(text) - cut] if cut < len(text) else text
    compiled_result, python_result = both(glossary, text, (), actionable)
    assert compiled_result == python_result


def test_the_chains_of_the_seeds_glossary_lead_to_its_matches():
    glossary = load_glossary()
    text = " ".join(match.upper() + " " + match[:-2] for match in (
        "Kazakhstan Temir Zholy", "Khorgos Eastern Gate", "Nurly Zhol", "Belt and Road Initiative"))
    compiled_result, python_result = both(glossary, text)
    assert compiled_result == python_result
    assert len(compiled_result[0]) >= 4


def test_every_character_of_the_cjk_blocks_bounds_a_name_alike():
    """Word boundaries beside each character from U+2E80 to U+A000 (CJK: no word character,
    settled in C without asking Python's tables; kana marks and Hangul: word characters)."""
    from silkterm.glossary.model import Concept, ConceptType, Glossary

    glossary = Glossary((Concept("ab", ConceptType.PLACE, "Ab"),
                         Concept("zh", ConceptType.PLACE, "Gh", zh="中国")))
    text = " ".join(f"{chr(c)}Ab{chr(c)}中国{chr(c)}" for c in range(0x2e80, 0xa000))
    compiled_result, python_result = both(glossary, text)
    assert compiled_result == python_result
    assert len(compiled_result[0]) > 20_000


_TOKEN_FORMS = ["Café Nur", "Nur-", "Nur Otan", "O'Neil", "Xi", "Xi Jinping", "the Belt", "U.S.",
                "COVID-19", "A1 road", "_x", "\"Bright Road\"", "Qazaq", "Qazaqstan Temir"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*_TOKEN_FORMS, *(f.lower() for f in _TOKEN_FORMS), " ", "-", "\n",
                                 "é", "s", "stan", "feteria", "'s", "x", "1", "\u4e2d", "\u0301",
                                 "Nurly", "Cafe", "O'", "U.S", "19"]),
                max_size=14).map("".join), st.booleans())
def test_keys_closed_by_any_character_give_the_same_matches(text, actionable):
    # At a word's start the compiled walk looks only where the word's first token (its ASCII
    # word characters) is a key's: keys whose token a space, a hyphen, an apostrophe, a dot, a
    # letter from 128 on or the key's end closes, and keys with no right boundary, lead to the
    # same matches.
    from silkterm.glossary.model import Concept, ConceptType, Glossary

    glossary = Glossary(tuple(Concept(f"c{i}", ConceptType.TERM, form, case=Case.IGNORE)
                              for i, form in enumerate(_TOKEN_FORMS)))
    compiled_result, python_result = both(glossary, text, (), actionable)
    assert compiled_result == python_result


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), max_size=8),
       st.integers(0, 30), st.integers(0, 30))
def test_the_spans_within_a_run_are_those_of_within(gaps, lo, width):
    """find_unseen's spans_within: recognise._within over array('q')."""
    spans, at = [], 0
    for gap, length in gaps:  # sorted, not overlapping
        spans.append((at + gap, at + gap + length))
        at += gap + length
    starts, ends = array("q", [s for s, _ in spans]), array("q", [e for _, e in spans])
    assert compiled.core.spans_within(starts, ends, lo, lo + width) == _within(
        list(starts), list(ends), lo, lo + width)


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet="ab \n\u00e9\u4e2d\U0001f600", max_size=40),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 5),
                          st.text(alphabet="xY\u00e9\u2019\u4e2d\U0001f600", max_size=4)), max_size=5))
def test_a_spliced_text_is_the_pieces_joined(text, edits) -> None:
    """normalize's rewrite by the compiled core (splice): the pieces joined, as narrow a str."""
    spans, pos = [], 0
    for at, length, replacement in sorted(edits):
        start = max(pos, min(at, len(text)))
        pos = min(start + length, len(text))
        spans.append((start, pos, replacement))
    _splices_as_joined(text, spans)


def _splices_as_joined(text: str, edits: list[tuple[int, int, str]]) -> None:
    spans, replacements, pieces, pos = array("q"), [], [], 0
    for start, end, replacement in edits:
        spans.extend((start, end))
        replacements.append(replacement)
        pieces += [text[pos:start], replacement]
        pos = end
    joined = "".join(pieces + [text[pos:]])
    spliced = compiled.core.splice(text, spans, replacements)
    assert spliced == joined and hash(spliced) == hash(joined) and {spliced: 1}.get(joined) == 1


@pytest.mark.parametrize(("text", "edits"), [
    ("M\u00e4skeu State Institute", [(0, 6, "Moscow")]),  # (Latin-1 in, ASCII out)
    ("\u00e9ab \u00e9", [(0, 1, "e"), (4, 5, "E")]),
    ("\u4e2d ab \u4e2d", [(0, 1, "x"), (5, 6, "")]),
    ("\U0001f600 ab", [(0, 1, "\u00e9")]),
    ("ab", []),
    ("", [(0, 0, "x")]),
])
def test_a_splice_that_narrows_the_text_is_the_pieces_joined(text, edits) -> None:
    _splices_as_joined(text, edits)


def test_a_splice_with_spans_out_of_order_raises() -> None:
    with pytest.raises(ValueError):
        compiled.core.splice("abc", array("q", [2, 3, 0, 1]), ["x", "y"])
    with pytest.raises(ValueError):
        compiled.core.splice("abc", array("q", [0, 4]), ["x"])
    with pytest.raises(ValueError):
        compiled.core.splice("abc", array("q", [0, 1]), [])

"""Hypothesis properties of normalize / find_terms / annotate / lookup over both test glossaries.

Texts are built from every surface form of a glossary (in several case shapes) joined by filler:
spaces, punctuation, newlines, Han characters, NBSP, hyphens and dashes, apostrophes, ``İ`` and
random Unicode letters; other properties run on arbitrary Unicode text.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from silkterm.glossary import Action, annotate, find_terms, lookup, normalize, strip_annotations
from silkterm.glossary.markup import protected_spans
from silkterm.glossary.folding import fold, match_key
from silkterm.glossary.index import index_of

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=60, deadline=None, derandomize=True,
               suppress_health_check=[HealthCheck.too_slow])

SEPARATORS = [" ", "", "  ", ", ", ". ", "\n", "\n\n", "\u00a0", "-", "–", "—", "'", "’", "'s ",
              "’s ", "(", ") ", "\"", "“", "的", "在", "中哈", "口岸", "İ", "İİ ", "ı", "é", "x", "7",
              "_", "/", "`", "<", ">", "@"]
FILLER = st.one_of(
    st.sampled_from(SEPARATORS),
    st.text(st.characters(categories=["L", "M"]), max_size=3),
    st.text(max_size=3),
)
DATES = st.sampled_from([None, dt.date(2020, 1, 1), dt.date(2024, 1, 1), dt.date(1990, 6, 1)])
MARKUPS = st.sampled_from(["text", "markdown", "html"])
NO_ANNOTATION_MARKS = st.text().filter(lambda s: "⟦" not in s and "⟧" not in s)


def all_forms(glossary) -> list[str]:
    return sorted({v.form for c in glossary for v in c.forms()})


def shaped(forms: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(forms).flatmap(
        lambda f: st.sampled_from([f, f.upper(), f.lower(), f.title(), f[:1].upper() + f[1:]]))


def mixed_text(forms: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(shaped(forms), shaped(forms), FILLER), max_size=10).map("".join)


@pytest.fixture(scope="module", params=["builtin", "small"])
def any_glossary(request, glossary, small):
    g = glossary if request.param == "builtin" else small
    return g, all_forms(g)


def check_findings(text: str, findings) -> None:
    previous_end = 0
    for f in findings:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start:f.end] == f.surface
        assert f.start >= previous_end, "findings overlap or are not sorted"
        previous_end = f.end
        assert f.line == text.count("\n", 0, f.start) + 1
        assert f.column == f.start - (text.rfind("\n", 0, f.start) + 1) + 1
        if f.score is not None:  # a suggested unseen variant: not a glossary form itself
            assert 0 <= f.score <= 100 and f.action is Action.SUGGEST
        elif "İ" not in f.surface:  # the form, give or take case, typography and separators
            assert match_key(f.surface) in (match_key(f.form), match_key(f.form.replace(",", "")))
        if f.drop_before:  # a dropped article is the text just before the surface
            assert f.action is Action.REPLACE and text[:f.start].endswith(f.drop_before)
            assert f.drop_before.split()[0].lower() in ("the", "a", "an")


# --------------------------------------------------------------------------------------------
# idempotence


@SETTINGS
@given(data=st.data(), date=DATES, markup=MARKUPS)
def test_normalize_is_idempotent_on_glossary_texts(any_glossary, data, date, markup):
    g, forms = any_glossary
    text = data.draw(mixed_text(forms), label="text")
    once = normalize(text, g, date=date, markup=markup).text
    twice = normalize(once, g, date=date, markup=markup)
    assert twice.text == once
    assert not twice.changed


@SETTINGS
@given(data=st.data(), text=st.text())
def test_normalize_is_idempotent_on_any_text(any_glossary, data, text):
    g, _ = any_glossary
    once = normalize(text, g).text
    assert normalize(once, g).text == once


def test_normalize_is_idempotent_when_a_form_holds_another_concepts_name(glossary):
    """Every English form of the built-in glossary that holds another concept's house form
    (Khorgos-Dongdamen holds Khorgos), written with each spelling that normalising replaces by
    that house form (Horgos-Dongdamen): one pass gives what two passes give."""
    house = {c.en: c for c in glossary}
    cases = []
    for concept in glossary:
        for form in {concept.en, *(v.form for v in concept.variants
                                   if v.lang == "en" and v.rule is None)}:
            for name, inner in house.items():
                for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", form):
                    if m.group() == form:
                        continue
                    for v in inner.variants:
                        if v.lang == "en" and v.valid is None and \
                                v.default_action() is Action.REPLACE:
                            cases.append(form[:m.start()] + v.form + form[m.end():])
    assert "Horgos-Dongdamen" in cases and len(cases) > 100
    for written in cases:
        once = normalize(f"On Monday {written} opened.", glossary).text
        assert normalize(once, glossary).text == once, written
    assert normalize("Horgos-Dongdamen", glossary).text == "Khorgos-Eastern Gate"


# --------------------------------------------------------------------------------------------
# spans


@SETTINGS
@given(data=st.data(), date=DATES, markup=MARKUPS)
def test_finding_spans_are_valid_sorted_and_disjoint(any_glossary, data, date, markup):
    g, forms = any_glossary
    text = data.draw(mixed_text(forms), label="text")
    check_findings(text, find_terms(text, g, date=date, markup=markup))
    check_findings(text, normalize(text, g, date=date, markup=markup).findings)


@SETTINGS
@given(data=st.data(), date=DATES, markup=MARKUPS)
def test_normalize_reports_exactly_the_findings_it_does_not_keep(any_glossary, data, date, markup):
    g, forms = any_glossary
    text = data.draw(mixed_text(forms), label="text")
    result = normalize(text, g, date=date, markup=markup)
    expected = tuple(f for f in find_terms(text, g, date=date, markup=markup)
                     if f.action is not Action.KEEP)
    assert result.findings == expected
    rebuilt, pos = [], 0
    for f in expected:
        if f.action is Action.REPLACE:
            assert f.start - len(f.drop_before) >= pos
            rebuilt += [text[pos:f.start - len(f.drop_before)], f.replacement]
            pos = f.end
    assert result.text == "".join(rebuilt) + text[pos:]


@FEW
@given(data=st.data(), text=st.text())
def test_finding_spans_are_valid_on_any_text(any_glossary, data, text):
    g, _ = any_glossary
    check_findings(text, find_terms(text, g))


@SETTINGS
@given(data=st.data())
def test_offsets_are_code_points_after_dotted_capital_i(any_glossary, data):
    """``İ`` lower-cases to two code points; the findings must not shift.

    The same text with every ``İ`` replaced by ``ǂ`` (one code point, also a letter that is in no
    form) has exactly the same findings.
    """
    g, forms = any_glossary
    pieces = data.draw(st.lists(st.one_of(shaped(forms), st.sampled_from(["İ", "İİ ", " İ", "İ\n", " ",
                                                                          "-", "的"])),
                                min_size=1, max_size=8), label="pieces")
    text = "".join(pieces)
    found = find_terms(text, g, unseen=False)  # ǂ is no capital: name detection would differ
    check_findings(text, found)
    plain = text.replace("İ", "ǂ")
    assert [(f.start, f.end, f.line, f.column, f.concept_id, f.action) for f in found] == [
        (f.start, f.end, f.line, f.column, f.concept_id, f.action)
        for f in find_terms(plain, g, unseen=False)]
    assert normalize(text, g, unseen=False).text.replace("İ", "ǂ") == \
        normalize(plain, g, unseen=False).text


# --------------------------------------------------------------------------------------------
# line breaks and separators


_LONE_SPACE = re.compile(r"(?<=[^\s\-\u2010-\u2015\u2212\ufe63\uff0d]) (?=[^\s\-\u2010-\u2015\u2212\ufe63\uff0d#])")


@SETTINGS
@given(data=st.data(), date=DATES)
def test_a_line_break_for_a_space_changes_no_finding(any_glossary, data, date):
    """Wrapping a text (one line break for each lone space) finds the same terms at the same
    places with the same actions, and normalises to the same text but for those breaks."""
    g, forms = any_glossary
    text = data.draw(mixed_text(forms).filter(lambda s: "#" not in s), label="text")
    wrapped = _LONE_SPACE.sub("\n", text)
    key = [(f.start, f.end, f.concept_id, f.action, f.drop_before.replace("\n", " "))
           for f in find_terms(text, g, date=date, unseen=False)]
    assert key == [(f.start, f.end, f.concept_id, f.action, f.drop_before.replace("\n", " "))
                   for f in find_terms(wrapped, g, date=date, unseen=False)]
    once = normalize(wrapped, g, date=date, unseen=False).text
    assert once.replace("\n", " ") == normalize(text, g, date=date, unseen=False).text.replace("\n", " ")
    assert normalize(once, g, date=date, unseen=False).text == once


@SETTINGS
@given(text=st.text(alphabet=st.sampled_from(list("aZ中İ#-–— \t\n\r\u00a0\u2003\u2028\u2029\x85")) | st.characters(),
                    max_size=40))
def test_folding_maps_offsets_back_exactly_and_twice_changes_nothing(text):
    from silkterm.glossary.folding import Folded

    folding = Folded(text)
    plain = fold(text)
    assert Folded(folding.text).text == folding.text
    for i, char in enumerate(folding.text):
        o = folding.original(i)
        assert folding.folded(o) == i
        if char not in " \u2029":  # a letter or mark: itself, at its own place
            assert plain[o] == char
        else:  # a separator run: only separators
            assert all(c.isspace() or c == "-" for c in plain[o:folding.original_end(i + 1)])


@SETTINGS
@given(data=st.data(), separator=st.sampled_from([" ", "-", " - ", " – ", "—", "\u2011", "\n", "  "]))
def test_any_separator_between_the_words_of_a_form_finds_it(any_glossary, data, separator):
    g, forms = any_glossary
    form = data.draw(st.sampled_from([f for f in forms if " " in f and f.isascii()]), label="form")
    written = re.sub(r"[ -]+", separator, form)
    found = find_terms(f"({written})", g, unseen=False)
    assert [(f.start, f.end) for f in found] == [(1, 1 + len(written))]
    assert any(c.id == found[0].concept_id and form in [v.form for v in c.forms()] for c in g)


# --------------------------------------------------------------------------------------------
# annotate


@SETTINGS
@given(data=st.data())
def test_strip_annotations_undoes_inline_annotation_on_glossary_texts(any_glossary, data):
    g, forms = any_glossary
    text = data.draw(mixed_text(forms).filter(lambda s: "⟦" not in s and "⟧" not in s), label="text")
    annotated = annotate(text, g)
    assert strip_annotations(annotated) == text
    assert annotated.count("⟦") == len(find_terms(text, g))


@FEW
@given(data=st.data(), text=NO_ANNOTATION_MARKS)
def test_strip_annotations_undoes_inline_annotation_on_any_text(any_glossary, data, text):
    g, _ = any_glossary
    assert strip_annotations(annotate(text, g)) == text


# --------------------------------------------------------------------------------------------
# robustness


@FEW
@given(data=st.data(), text=st.text(), markup=MARKUPS)
def test_no_crash_on_any_text(any_glossary, data, text, markup):
    g, _ = any_glossary
    assert isinstance(normalize(text, g, markup=markup).text, str)
    for style in ("inline", "html", "json"):
        assert isinstance(annotate(text, g, style=style, markup=markup), str)
    result = lookup(text, g)
    assert result.query == text
    assert all(0 <= m.score <= 100 for m in result.matches)
    assert [m.score for m in result.matches] == sorted((m.score for m in result.matches), reverse=True)


# --------------------------------------------------------------------------------------------
# protected spans


def url_for(form: str, where: str) -> str:
    safe = re.sub(r"[\s<>\"'`]", "_", form)
    if where == "path":
        return f"https://example.org/news/{safe}/index.html"
    if where == "query":
        return f"http://example.org/search?q={safe}&lang=en"
    return f"www.{safe.lower()}.kz/a"


@SETTINGS
@given(data=st.data(), where=st.sampled_from(["path", "query", "host"]))
def test_no_match_inside_urls(any_glossary, data, where):
    g, forms = any_glossary
    form = data.draw(shaped(forms), label="form")
    before = data.draw(mixed_text(forms), label="before") + " "
    after = " " + data.draw(mixed_text(forms), label="after")
    url = url_for(form, where)
    text = before + url + after
    start, end = len(before), len(before) + len(url)
    assert any(s <= start and end <= e for s, e in protected_spans(text))
    for f in find_terms(text, g):
        assert f.end <= start or f.start >= end, (f, url)
    assert url in normalize(text, g).text


@SETTINGS
@given(data=st.data())
def test_no_match_inside_email_addresses(any_glossary, data):
    g, forms = any_glossary
    local = re.sub(r"\W", "", data.draw(shaped(forms), label="local")) or "info"
    domain = re.sub(r"\W", "", data.draw(shaped(forms), label="domain")) or "example"
    before = data.draw(mixed_text(forms), label="before") + " "
    after = " " + data.draw(mixed_text(forms), label="after")
    address = f"{local}@{domain}.kz"
    text = before + address + after
    start, end = len(before), len(before) + len(address)
    assert any(s <= start and end <= e for s, e in protected_spans(text))
    for f in find_terms(text, g):
        assert f.end <= start or f.start >= end, (f, address)


def _pinyin_key_decomposing(text: str) -> str:
    """pinyin_key's general path, the oracle of its ASCII shortcut."""
    import unicodedata

    from silkterm.glossary.translit import _TONE_NUMBERS

    decomposed = unicodedata.normalize("NFD", text.lower().replace("ü", "u").replace("u:", "u"))
    plain = _TONE_NUMBERS.sub("", "".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(c for c in plain if c.isalnum())


@SETTINGS
@given(text=st.one_of(st.text(st.characters(max_codepoint=127)),
                      st.text(st.sampled_from("aUu:v12345 -'xX0ü")), st.text(max_size=8)))
def test_pinyin_key_ascii_shortcut_agrees_with_decomposing(text):
    from silkterm.glossary.translit import pinyin_key

    assert pinyin_key(text) == _pinyin_key_decomposing(text)


# --------------------------------------------------------------------------------------------
# may_match: the cheap test collect runs before a lookup

NAME_PIECES = st.sampled_from(["Q", "q", "kh", "S.", "K.", "Skakovich", "Qanatuly", "ov", "ova", " ", "-", "'",
                               "iy", "ye", "j", "r", "l", "ü", "ş", "ı", "2", "霍", "爾", "Shaan", "Ä"])


def _names(forms: list[str]) -> st.SearchStrategy[str]:
    """Forms of a glossary, changed a little (a letter, a middle name, a fold) or made up of pieces."""
    changed = st.tuples(shaped(forms), st.lists(NAME_PIECES, max_size=3), st.integers(0, 30)).map(
        lambda t: t[0][:t[2]] + "".join(t[1]) + t[0][t[2]:])
    return st.one_of(shaped(forms), changed, st.lists(st.one_of(NAME_PIECES, shaped(forms)), max_size=4).map(" ".join))


@SETTINGS
@given(data=st.data())
def test_may_match_is_false_only_where_lookup_finds_nothing(any_glossary, data):
    from silkterm.glossary.query import may_match

    g, forms = any_glossary
    name = data.draw(_names(forms))
    if not may_match(name, g):
        assert lookup(name, g, min_score=95).matches == ()


def test_may_match_on_the_forms_collect_reads_in_the_evaluation_texts(glossary):
    from pathlib import Path

    from silkterm.glossary.collect import Collector
    from silkterm.glossary.query import may_match

    root = Path(__file__).resolve().parents[2]
    collector = Collector(glossary)
    for path in [*sorted((root / "benchmarks" / "collect").glob("**/corpus/*")), *sorted((root / "seeds").glob("*.txt"))]:
        markup = {".md": "markdown", ".html": "html"}.get(path.suffix, "text")
        collector.add([path.read_text(encoding="utf-8")], path.name, markup)
    forms = [form for _, form in collector._seen]
    assert len(forms) > 500
    for form in forms + [f.lower() for f in forms]:
        assert may_match(form, glossary) or lookup(form, glossary, limit=2, min_score=95).matches == (), form


# --------------------------------------------------------------------------------------------
# loose_key: the fold a word at a time through a cache, and its guarded substitutions

def _loose_key_plain(text: str, *, chinese_path: bool = False, shaanxi: bool = True) -> str:
    """loose_key as first written, every step on every word: the oracle."""
    import unicodedata

    from silkterm.glossary import phonetic as ph

    decomposed = unicodedata.normalize("NFD", text.lower().translate(ph.SPECIAL_LETTERS).replace("&", " and "))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    out = []
    for word in ph.NAME_WORD.findall(plain):
        word = ph._VOWEL_J.sub("y", word)
        if word.endswith("ij"):
            word = word[:-1]
        word = ph._VOWEL_YE.sub("e", word)
        if shaanxi:
            word = word.replace("shaan", "sha\x01n")
        for old, new in ph._FOLDS:
            word = word.replace(old, new)
        if chinese_path:
            word = word.replace("r", "l")
        word = ph._DOUBLE.sub(r"\1", word)
        if word.startswith("ie"):
            word = word[1:]
        out.append(word)
    return "".join(out)


LOOSE_PIECES = st.sampled_from(["a", "e", "i", "j", "y", "ye", "ij", "ie", "kh", "q", "h", "sh", "ch", "zh", "dzh",
                                "shaan", "ng", "r", "l", "rr", "ll", "x", "w", " ", "-", "&", "ı", "ş", "é", "Ä", "J"])


@SETTINGS
@given(text=st.one_of(st.lists(LOOSE_PIECES, max_size=8).map("".join), st.text(max_size=8)),
       chinese_path=st.booleans(), shaanxi=st.booleans())
def test_loose_key_agrees_with_the_fold_of_every_step(text, chinese_path, shaanxi):
    from silkterm.glossary.phonetic import loose_key

    assert loose_key(text, chinese_path=chinese_path, shaanxi=shaanxi) == _loose_key_plain(
        text, chinese_path=chinese_path, shaanxi=shaanxi)


# --------------------------------------------------------------------------------------------
# has_han: a long text is first looked at by the high bytes of its UTF-16 code units

HAN_EDGES = st.sampled_from(["\u3400", "\u4dbf", "\u4e00", "\u9fff", "\uf900", "\ufaff", "\U00020000", "\U0002ebef",
                             "\u33ff", "\u4dc0", "\ua000", "\uf8ff", "\ufb00", "\U0001ffff", "\U0002ebf0", "\ud800",
                             "“", "é", "\u3000", "中", "a"])


@SETTINGS
@given(filler=st.text(max_size=4), edges=st.lists(HAN_EDGES, max_size=3), at=st.integers(0, 5000))
def test_has_han_agrees_with_the_character_class(filler, edges, at):
    from silkterm.glossary.translit import _HAN, has_han

    long = ("Trade “grew” " * 400 + filler)
    for text in (long[:at] + "".join(edges) + long[at:], filler + "".join(edges)):
        assert has_han(text) == (_HAN.search(text) is not None)

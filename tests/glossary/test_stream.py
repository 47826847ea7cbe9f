"""Streaming: chunks cut where nothing changes, findings exact across chunks, memory bounded
(issue 9, B5)."""

from __future__ import annotations

import io
import random
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from silkterm.glossary import InputError, annotate, find_terms, load_glossary, normalize
from silkterm.glossary.apply import annotate_html
from silkterm.glossary import stream
from silkterm.glossary.markup import protected_spans
from silkterm.glossary.stream import (annotate_html_stream, annotate_stream, chunks,
                                      find_terms_stream, normalize_stream)
from silkterm.glossary.textio import TextStream, decode, encoder

SEEDS = sorted((Path(__file__).parents[2] / "seeds").glob("*.txt"))

MARKDOWN = """# Horgos

Tokajew visited Horgos. See `Horgos
code` and [Horgos](https://example.org/Horgos).

```
x = "Horgos"

y = "Tokajew"
```

    indented Horgos

    more Horgos

<!-- a comment on Horgos

over paragraphs -->
<pre>Horgos

Horgos</pre>
The Nur-Sultan and Kassym Jomart Tokayev.

Horgos ~~~
"""

HTML = """<p title="Horgos
Horgos">Horgos</p>

<code>Horgos

Horgos</code>

<!-- Horgos

-->
Tokajew &amp; Horgos <b
class="Horgos">Horgos</b>

Beijing and Bei3 jing1.
"""


@pytest.fixture(scope="module")
def g():
    return load_glossary()


def pieces(text: str, n: int = 97) -> list[str]:
    return [text[i:i + n] for i in range(0, len(text), n)]


def documents():
    for path in SEEDS:
        yield path.name, path.read_text(encoding="utf-8"), "text"
    yield "markdown", MARKDOWN * 3, "markdown"
    yield "html", HTML * 8, "html"
    yield "text with tags", HTML * 8, "text"


@pytest.mark.parametrize("name, text, markup", list(documents()), ids=lambda x: str(x)[:20])
@pytest.mark.parametrize("size", [40, 300])
def test_streamed_findings_and_texts_equal_the_whole_texts(g, name, text, markup, size):
    assert len(list(chunks([text], markup, size))) > 1
    whole = [f.to_dict() for f in find_terms(text, g, markup=markup)]
    assert [f.to_dict() for f in find_terms_stream(pieces(text), g, markup=markup, size=size)] == whole
    parts = list(normalize_stream(pieces(text), g, markup=markup, size=size))
    result = normalize(text, g, markup=markup)
    assert "".join(p.text for p in parts) == result.text
    assert [f.to_dict() for p in parts for f in p.findings] == [f.to_dict() for f in result.findings]
    assert "".join(annotate_stream(pieces(text), g, markup=markup, size=size)) == annotate(
        text, g, markup=markup)


@pytest.mark.parametrize("text, markup", [(MARKDOWN * 3, "markdown"), (HTML * 3, "html")])
def test_no_cut_falls_inside_a_protected_span(text, markup):
    spans = protected_spans(text, markup)
    cuts = [c.offset for c in chunks(pieces(text, 5), markup, 20)][1:]
    assert len(cuts) > 3
    for cut in cuts:
        assert text[cut - 1] == "\n"
        assert not any(s < cut < e for s, e in spans), (cut, text[cut - 20:cut + 20])


def test_cuts_prefer_paragraphs_and_fall_back_to_lines():
    text = "Horgos line\n" * 4 + "\n" + "Horgos line\n" * 20
    assert [c.offset for c in chunks([text], "text", 60)][1:2] == [49]  # after the blank line
    lines = "Horgos line\n" * 40
    assert all(c.offset % 12 == 0 for c in chunks([lines], "text", 60))
    assert len(list(chunks([lines], "text", 60))) > 3


def test_a_long_paragraph_is_cut_after_a_sentence_not_inside_a_wrapped_name(g):
    # no blank line: cuts fall back to line breaks, and names wrap across lines (issue 9, C6)
    text = "".join(f"Report {k} from the border.\nPresident Kassym-Jomart\nTokayev met Borat\n"
                   f"Nulgaliyev at the Khorgos-Eastern\nGate zone.\n" for k in range(40))
    whole = [f.to_dict() for f in find_terms(text, g)]
    assert sum(f["concept"] == "kassym-jomart-tokayev" for f in whole) == 40
    for size in (100, 200, 400):  # a sentence ends every 100 characters
        assert all(text[c.offset - 2:c.offset] == ".\n" for c in chunks([text], "text", size)
                   if c.offset)
        assert [f.to_dict() for f in find_terms_stream(pieces(text), g, size=size)] == whole
        assert "".join(p.text for p in normalize_stream(pieces(text), g, size=size)) == normalize(
            text, g).text


def test_chunks_hold_bounded_memory_whatever_the_text_length():
    text = ("Tokajew met officials at Horgos on Monday.\nThe port grew.\n\n") * 20_000
    sizes = [len(c.text) for c in chunks(iter(pieces(text, 4096)), "text", 2048)]
    assert sum(sizes) == len(text)
    assert max(sizes) <= 2 * 2048


SENTENCES = [
    "Trucks crossed the border at Horgos on Monday, officials in Astana said.",
    "President Kassym-Jomart Tokayev met Xi Jinping in Beijing to discuss the Belt and Road.",
    "The Khorgos Eastern Gate dry port handled a record number of containers.",
    "The outbreak of the new crown slowed traffic on the Nurly Zhol corridor, also known as "
    "the Bright Road programme.",
    "Tokajew und Xi trafen sich in Astana; the talks covered rail, gas and wheat.",
    "Exports from Urumqi to Almaty grew, according to L. N. Gumilev and the U.S. office.",
    "Nur Sultan, formerly Akmola, hosted the Kassym Jomart Tokayev visit!",
    "See https://example.org/news/Horgos-2024 or write to desk@example.kz for details.",
]
ONE_LINE = [  # (name, text without a line break, markup)
    ("sentences", " ".join(SENTENCES * 6), "text"),
    ("Chinese", "".join(["霍尔果斯口岸的货物增长了。", "托卡耶夫和习近平在阿斯塔纳会面！",
                         "新冠疫情影响了一带一路；东大门", "努尔苏丹：霍尔果斯"] * 60), "text"),
    ("markdown", " ".join(s + " Use `Horgos. Tokajew` and [Horgos](https://example.org/Horgos)."
                          for s in SENTENCES * 4), "markdown"),
    ("html", " ".join(f'<p title="Horgos. Tokajew">{s} <code>Horgos. Astana</code> <!-- Tokajew. '
                      f'Horgos --> &amp; <b>Khorgos</b>.</p>' for s in SENTENCES * 4), "html"),
]


@pytest.mark.parametrize("name, text, markup", ONE_LINE, ids=[n for n, _, _ in ONE_LINE])
@pytest.mark.parametrize("size", [60, 400])
def test_a_huge_line_is_cut_after_sentence_ends_and_gives_what_the_whole_line_gives(
        g, name, text, markup, size):
    assert "\n" not in text
    cut = list(chunks(pieces(text), markup, size))
    assert len(cut) > 3
    assert max(len(c.text) for c in cut) <= 2 * size + 400  # (sentences: up to 300 characters)
    spans = protected_spans(text, markup)
    for c in cut[1:]:
        before = text[:c.offset].rstrip(" ")[-1]
        assert before in ".!?…。！？；：" or before == ">" and text[c.offset] == "<", \
            text[c.offset - 30:c.offset + 10]
        assert not any(s < c.offset < e for s, e in spans)
        assert (c.line, c.column) == (1, c.offset + 1)
    whole = [f.to_dict() for f in find_terms(text, g, markup=markup)]
    assert len(whole) > 20
    assert [f.to_dict() for f in find_terms_stream(pieces(text), g, markup=markup, size=size)] == whole
    parts = list(normalize_stream(pieces(text), g, markup=markup, size=size))
    result = normalize(text, g, markup=markup)
    assert "".join(p.text for p in parts) == result.text
    assert [f.to_dict() for p in parts for f in p.findings] == [f.to_dict() for f in result.findings]
    assert "".join(annotate_stream(pieces(text), g, markup=markup, size=size)) == annotate(
        text, g, markup=markup)


def test_columns_count_from_the_start_of_a_line_cut_into_chunks(g):
    text = "Short line.\n" + " ".join(["The port grew. Tokajew went to Horgos."] * 30) + "\nHorgos\n"
    assert len(list(chunks([text], "text", 50))) > 10
    found = list(find_terms_stream(pieces(text), g, size=50))
    assert [f.to_dict() for f in found] == [f.to_dict() for f in find_terms(text, g)]
    assert [(f.line, f.column) for f in found if f.surface == "Tokajew"][-1] == (2, 1 + 39 * 29 + 15)


def test_a_line_without_sentence_ends_is_held_up_to_line_hold_then_cut_at_a_space(monkeypatch):
    text = "Horgos Tokajew " * 5000 + "\n" + "霍尔果斯口岸" * 3000 + "\nTokajew\n"
    sizes = [len(c.text) for c in chunks(pieces(text), "text", 100)]
    assert sum(sizes) == len(text)
    assert sizes[0] >= stream.LINE_HOLD  # no cut at any space before LINE_HOLD characters
    monkeypatch.setattr(stream, "LINE_HOLD", 500)
    cut = list(chunks(pieces(text), "text", 100))
    assert "".join(c.text for c in cut) == text
    assert max(len(c.text) for c in cut) <= 2 * 500 + 2 * 100
    assert all(c.text.endswith((" ", "\n")) or "\u4e00" <= c.text[-1] <= "\u9fff" for c in cut)
    assert sum("\u4e00" <= c.text[-1] <= "\u9fff" for c in cut) > 5  # between Han characters
    no_space = "x" * 3000 + "\nHorgos" * 100  # a line without a space or a Chinese character stays whole
    assert [len(c.text) for c in chunks([no_space], "text", 100)][0] >= 3001


def test_memory_of_normalising_one_line_of_names_does_not_grow_with_it(g, monkeypatch):
    """A line of capitalised names without punctuation (issue 9, B4 and B5): held LINE_HOLD
    characters at a time, and the unseen-name search keeps no tables of the whole line."""
    monkeypatch.setattr(stream, "LINE_HOLD", 2048, raising=False)
    names = ["Khorgos", "Horgos", "Tokajew", "Kassym", "Jomart", "Tokayev", "Nur", "Sultan",
             "Astana", "Almaty", "Zharkent", "Qorgas", "Kemelevich", "Toqaev", "Dongdamen"]
    rng = random.Random(1)
    line = " ".join(rng.choice(names) for _ in range(40_000))
    list(normalize_stream([line[:20_000]], g, size=1024))  # caches filled

    def peak(n: int) -> int:
        parts = pieces(line[:n], 4096)  # (made before tracing starts)
        tracemalloc.start()
        try:
            for part in normalize_stream(iter(parts), g, size=1024):
                del part
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak(60_000), peak(240_000)
    assert large <= 1.3 * small


def test_html_pages_equal(g):
    docs = [("a.md", MARKDOWN, "markdown"), ("b.html", HTML, "html")]
    page = annotate_html([(t, x) for t, x, _ in docs], g, markups=[m for _, _, m in docs])
    streamed = "".join(annotate_html_stream(((t, pieces(x), m) for t, x, m in docs), g, size=30))
    assert streamed == page


@pytest.mark.parametrize("raw, encoding", [
    (b"Astana\nKhorgos \xff\n", None),
    (b"\xef\xbb\xbfAstana\n\nHorgos \xe9t\xe9\n", None),
    (b"ab\ncd\n\xe6\x97", None),  # cut short in the middle of a character
    ("Horgos\n霍尔果斯\n".encode("utf-16"), None),
    ("Horgos\nAstana\n".encode("utf-16-le"), "utf-16-le"),
    (b"Horgos\x00", None),
    (b"Horgos \xa4\n", "latin-1"),
])
@pytest.mark.parametrize("size", [1, 2, 5, 8192])
def test_text_streams_decode_as_whole_files_do(raw, encoding, size):
    try:
        expected: object = decode(raw, "f.txt", encoding)
        expected = (expected.text, expected.encoding, expected.bom)  # type: ignore[union-attr]
    except InputError as e:
        expected = (e.message, e.line)
    try:
        stream = TextStream.open("f.txt", encoding, raw=io.BytesIO(raw), size=size)
        got: object = ("".join(stream), stream.encoding, stream.bom)
    except InputError as e:
        got = (e.message, e.line)
    assert got == expected


def test_encoder_writes_one_bom():
    enc = encoder("utf-8", bom=True)
    assert enc("Kho") + enc("rgos") + enc("", final=True) == "\ufeffKhorgos".encode()


def test_memory_of_normalising_does_not_grow_with_the_text(g):
    paragraph = "Tokajew met officials at Horgos on Monday.\nThe Nur-Sultan port grew.\n\n"
    normalize(paragraph, g)

    def peak(n: int) -> int:
        parts = pieces(paragraph * n, 4096)  # (made before tracing starts)
        tracemalloc.start()
        try:
            for part in normalize_stream(iter(parts), g, size=4096):
                del part
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak(2000), peak(8000)
    assert large <= 1.3 * small


_PIECE_TEXT = st.lists(st.sampled_from(["a", "B ", " ", "\n", "\n\n", ". ", "Horgos", "中文。", "\r\n",
                                        "\U0001f600", "é"]), max_size=120).map("".join)


@settings(max_examples=300, deadline=None)
@given(_PIECE_TEXT, st.lists(st.integers(0, 300), max_size=6), st.sampled_from([4, 9, 30, 100]))
def test_chunks_join_to_the_text_with_its_offsets_lines_and_columns_however_it_arrives(
        text, cuts, size):
    # the held text is a span of one piece while it lies in one, else the pieces joined: the
    # chunks are the text, whatever its pieces (and one piece given twice is read twice)
    bounds = sorted({min(c, len(text)) for c in cuts} | {0, len(text)})
    pieces = [text[a:b] for a, b in zip(bounds, bounds[1:])]
    for given, whole in ((pieces, text), ([text, text], text + text)):
        got = list(chunks(given, "text", size))
        assert "".join(c.text for c in got) == whole
        at = 0
        for c in got:
            assert c.offset == at
            assert c.line == whole.count("\n", 0, at) + 1
            assert c.column == at - (whole.rfind("\n", 0, at) + 1) + 1
            at += len(c.text)


def test_a_text_given_whole_is_cut_as_it_is_in_pieces_of_the_chunk_size():
    text = "".join(path.read_text(encoding="utf-8") for path in SEEDS) * 3
    size = 4096
    whole = [(c.text, c.offset, c.line, c.column) for c in chunks([text], "text", size)]
    assert len(whole) > 10
    assert [(c.text, c.offset, c.line, c.column)
            for c in chunks(pieces(text, size), "text", size)] == whole


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["a", "B ", " ", "\n", "\n\n", "\r\n", "\r\n\r\n", ".", "<b>", "-->",
                                 "x@y.kz ", "\u4e2d", "\U0001f600", "`", "# H\n"]),
                max_size=60).map("".join),
       st.integers(0, 200), st.integers(0, 200), st.sampled_from(["text", "markdown", "html"]),
       st.sampled_from([1, 4, 16, 64]))
def test_a_cut_found_in_place_is_the_cut_found_in_the_slice(text, a, b, markup, size):
    """chunks finds the usual cut (after a blank line, in a plain text) without slicing the text
    it holds: the same cut as _find_cut gives for the slice."""
    lo, hi = sorted((min(a, len(text)), min(b, len(text))))
    assert stream._cut_in(text, lo, hi, markup, size) == stream._find_cut(text[lo:hi], markup, size)

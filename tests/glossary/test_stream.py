"""Streaming: chunks cut where nothing changes, findings exact across chunks, memory bounded
(issue 9, B5)."""

from __future__ import annotations

import io
import tracemalloc
from pathlib import Path

import pytest

from silkterm.glossary import InputError, annotate, find_terms, load_glossary, normalize
from silkterm.glossary.apply import annotate_html
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


def test_a_huge_line_stays_one_chunk():
    text = "Horgos " * 5000 + "\n" + "Tokajew\n"
    assert [len(c.text) for c in chunks(pieces(text), "text", 100)][0] >= 35000


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

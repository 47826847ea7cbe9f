"""Parallel texts: an English article and its Chinese original, aligned sentence by sentence, their
names paired, the pairs fed to ``collect`` and the aligned sentences made memory units (issue 12).

:func:`collect_parallel` is what ``silkterm collect --pair EN ZH`` runs: every text (both sides of
each pair and any other file) is collected as by :func:`silkterm.glossary.collect.collect`; each
pair is also aligned (:func:`silkterm.tm.align.align_texts`: a Gale–Church length model with the
glossary's names, numbers and Latin strings as anchors, and a second pass with the name pairs of
the first), and the English and Chinese names of its aligned sentences are paired
(:class:`silkterm.glossary.namepairs.NamePairer`, one for the run). A pair joins the two
names' clusters (rule ``parallel text``), so a new name's proposal carries its Chinese form, with
the two files as its source and ``verified: false``, and a known name's pair confirms its Chinese
form or proposes a new variant. :meth:`ParallelResult.units` gives the aligned sentences as
translation units (:func:`silkterm.tm.align.alignment_units`).

A pair's two texts are read whole (an article; alignment needs both sides at once); other files
stream as in ``collect``. An HTML text is aligned by its text (:func:`html_text`: tags out, block
elements as paragraph breaks, entities read), so no tag reaches a memory unit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from silkterm.glossary.collect import Collector, CollectResult
from silkterm.glossary.model import Glossary
from silkterm.glossary.namepairs import NamePair, NamePairer
from silkterm.glossary.translit import ZhTokenizer
from silkterm.tm.align import Alignment, align_texts, alignment_units
from silkterm.tm.model import Unit

__all__ = ["PairedText", "ParallelResult", "collect_parallel", "html_text", "sentence_pairs"]


@dataclass(frozen=True, slots=True)
class PairedText:
    """One English text and its Chinese original: their alignment and the names it paired."""

    en_file: str
    zh_file: str
    alignment: Alignment
    names: tuple[NamePair, ...]

    @property
    def source(self) -> str:
        """The two files, as proposals cite them."""
        return f"{self.en_file} + {self.zh_file}"


@dataclass(frozen=True, slots=True)
class ParallelResult:
    """What :func:`collect_parallel` found: the proposals, and per pair its alignment and names."""

    collected: CollectResult
    pairs: tuple[PairedText, ...]

    def units(self, *, min_score: int = 50, keep_low: bool = False) -> list[Unit]:
        """The aligned sentences of every pair as translation units (see
        :func:`silkterm.tm.align.alignment_units`)."""
        return [unit for p in self.pairs
                for unit in alignment_units(p.alignment, en_file=p.en_file, zh_file=p.zh_file,
                                            min_score=min_score, keep_low=keep_low)]

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``collect``, with ``pairs``: every name pair, with the files that paired it."""
        out = self.collected.to_dict()
        out["pairs"] = [{"en": n.en, "zh": n.zh, "score": n.score, "concept": n.concept, "rule": n.rule,
                         "count": n.count, "files": [p.en_file, p.zh_file]}
                        for p in self.pairs for n in p.names]
        return out


_BLOCKS = frozenset([  # elements that end a paragraph
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "table", "td", "th", "title", "tr", "ul"])
_SKIPPED = frozenset({"script", "style", "template", "noscript"})


class _TextOf(HTMLParser):
    """The text of an HTML document: block elements as blank lines, scripts and styles left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(" ".join(data.split("\n")))


def html_text(text: str) -> str:
    """The text of an HTML document as paragraphs, for alignment.

    >>> html_text("<html><head><title>Khorgos</title><style>p{}</style></head>"
    ...           "<body><h1>Dry port</h1><p>Trade grew &amp; grew.<br>Khorgos <b>gained</b>.</p></body></html>")
    'Khorgos\\n\\nDry port\\n\\nTrade grew & grew.\\n\\nKhorgos gained.'
    """
    parser = _TextOf()
    parser.feed(text)
    parser.close()
    paragraphs = (" ".join(p.split()) for p in "".join(parser.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def sentence_pairs(alignment: Alignment) -> list[tuple[str, str]]:
    """The (English, Chinese) text of each link with sentences on both sides (a link's sentences
    joined by a space), in order: what the names are paired within."""
    return [(" ".join(alignment.en[i].text for i in link.en), " ".join(alignment.zh[j].text for j in link.zh))
            for link in alignment.links if link.en and link.zh]


def collect_parallel(pairs: Sequence[tuple[tuple[str, str, str], tuple[str, str, str]]],
                     texts: Iterable[tuple[str, Iterable[str], str]], glossary: Glossary, *,
                     tokenizer: ZhTokenizer | None = None) -> ParallelResult:
    """Collect over ``pairs`` — ``((en_name, en_text, markup), (zh_name, zh_text, markup))`` — and
    the other ``texts`` (``(name, pieces, markup)`` as :func:`silkterm.glossary.collect.collect`
    takes them), aligning each pair and pairing its names (see the module description).
    ``tokenizer``: the Chinese tokenizer (default: the collector's, built from the glossary)."""
    collector = Collector(glossary, tokenizer=tokenizer)
    pairer = NamePairer.of(glossary, collector.tokenizer)  # (what it learns of a form serves every pair)
    done: list[PairedText] = []
    for (en_name, en_text, en_markup), (zh_name, zh_text, zh_markup) in pairs:
        collector.add([en_text], en_name, en_markup)
        collector.add([zh_text], zh_name, zh_markup)
        alignment = align_texts(html_text(en_text) if en_markup == "html" else en_text,
                                html_text(zh_text) if zh_markup == "html" else zh_text,
                                glossary=glossary, pairer=pairer)
        names = tuple(pairer.pair(sentence_pairs(alignment)))
        paired = PairedText(en_name, zh_name, alignment, names)
        collector.add_name_pairs(((n.en, n.zh, f"{n.rule}, {n.score}", n.count) for n in names),
                                 (en_name, zh_name))
        done.append(paired)
    for name, pieces, markup in texts:
        collector.add(pieces, name, markup)
    return ParallelResult(collector.result(), tuple(done))

"""The annotate page: counts, legend, the changes-only switch, tooltips, print styles, names."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import lxml.html
import pytest

from silkterm.glossary.apply import annotate_html, find_terms
from silkterm.glossary.htmlpage import LOOKS, PAGE_CSS, Tally, display_names
from silkterm.glossary.model import Action
from silkterm.glossary.stream import annotate_html_stream

ROOT = Path(__file__).resolve().parent.parent.parent
SEED = ROOT / "seeds" / "000_dfc09a1d2e2031cc.txt"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Nesting(HTMLParser):
    """Every element closed, in order (void elements excepted); the tags seen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.errors: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.open[-1] if self.open else None}> at {self.getpos()}")
        else:
            self.open.pop()


def well_formed(page: str) -> list[str]:
    parser = _Nesting()
    parser.feed(page)
    parser.close()
    return parser.errors + [f"<{t}> never closed" for t in parser.open]


@pytest.fixture(scope="module")
def seed_page(glossary) -> str:
    return annotate_html([(str(SEED), SEED.read_text(encoding="utf-8"))], glossary)


def test_the_seed_counts(glossary, seed_page):
    # 126 of the 129 marks on this article are kept names (issue 13)
    findings = find_terms(SEED.read_text(encoding="utf-8"), glossary)
    assert Tally.of(findings) == Tally(replace=1, suggest=2, note=0, keep=126)
    assert ('<ul class="counts" aria-label="Marks"><li class="replace"><a href="#m1-3666"><strong>1</strong> '
            'to replace</a></li><li class="suggest"><a href="#m1-3919"><strong>2</strong> suggestions</a></li>'
            '<li class="note"><strong>0</strong> '
            'notes</li><li class="keep"><strong>126</strong> kept</li><li class="all"><strong>129</strong> '
            "marks in all</li></ul>") in seed_page
    assert seed_page.count('<mark class="term keep"') == 126
    assert seed_page.count('<mark class="term replace"') == 1
    assert seed_page.count('<mark class="term suggest"') == 2
    assert "Changes only: show the 126 kept names as plain text" in seed_page


def test_the_page_is_well_formed_and_every_description_resolves(seed_page):
    assert well_formed(seed_page) == []
    tree = lxml.html.document_fromstring(seed_page)
    marks = tree.xpath("//mark")
    assert len(marks) == 129
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids))  # ids are unique
    for mark in marks:
        assert mark.get("tabindex") == "0"
        tip = tree.get_element_by_id(mark.get("aria-describedby"))
        assert tip.get("role") == "tooltip" and tip.getparent() is mark
        assert tip.text_content().strip()
    replace = tree.xpath('//mark[contains(@class, "replace")]')[0]
    assert (replace.text, replace.get("data-house")) == ("Bakhitzhan Baikadamov", "Bakhytzhan Baikadamov")
    assert "to replace → Bakhytzhan Baikadamov: deprecated transliteration" in replace[0].text_content()


def test_the_switch_and_the_legend(seed_page):
    tree = lxml.html.document_fromstring(seed_page)
    box = tree.get_element_by_id("changes-only")
    assert (box.tag, box.get("type"), box.get("checked")) == ("input", "checkbox", None)
    assert tree.xpath('//label[@for="changes-only"]')[0].text_content().startswith("Changes only")
    # without script: kept marks lose their highlighting while the box is checked
    assert ("body:has(#changes-only:checked) mark.term.keep { background: none; border-bottom: 0; "
            "cursor: auto; }") in PAGE_CSS
    legend = tree.xpath('//dl[@class="legend"]')[0]
    assert [dt.xpath("span/@class")[0] for dt in legend.xpath("dt")] == [
        "term replace", "term suggest", "term note", "term keep"]
    # colour is never the only cue: each action has its own symbol or underline style
    assert [dd.text_content().split(":")[0] for dd in legend.xpath("dd")] == [
        "to replace (→, solid red underline)", "suggestions (?, dashed amber underline)",
        "notes (i, dotted violet underline)", "kept (thin blue underline)"]
    for action, style in (("suggest", "dashed"), ("note", "dotted")):
        assert re.search(rf"\.term\.{action} {{[^}}]*border-bottom-style: {style}", PAGE_CSS)
    assert [look.symbol for look in LOOKS.values()] == ["→", "?", "i", ""]


def test_print_styles():
    printed = PAGE_CSS.split("@media print {", 1)[1]
    assert ".switch, .hint, mark.term .tip { display: none !important; }" in printed
    assert '.term.replace[data-house]::after { content: " [→ " attr(data-house) "]";' in printed


def test_tooltips_show_on_hover_and_focus_in_the_column():
    assert "mark.term:hover .tip, mark.term:focus .tip { display: block; }" in PAGE_CSS
    # the tooltip spans the text column under the mark's line (left and right 0 of the column)
    assert re.search(r"mark\.term \.tip { display: none; position: absolute; left: 0; right: 0;", PAGE_CSS)
    assert "pre.silkterm { white-space: pre-wrap;" in PAGE_CSS and "position: relative; }" in PAGE_CSS


def test_the_page_loads_nothing_from_elsewhere(seed_page):
    tree = lxml.html.document_fromstring(seed_page)
    assert tree.xpath("//@src | //link | //iframe | //img | //object") == []
    assert [h for h in tree.xpath("//@href") if not h.startswith("#")] == []
    assert "url(" not in seed_page and "@import" not in seed_page and "http" not in PAGE_CSS


def test_file_names_not_paths(glossary):
    docs = [("/home/ann/news/a.txt", "Horgos and Astana.\n"), ("sub/b.md", "霍尔果斯\n"),
            ("<stdin>", "Khorgos\n")]
    page = annotate_html(docs, glossary, markups=["text", "markdown", "text"])
    assert "/home/ann" not in page and "sub/" not in page
    tree = lxml.html.document_fromstring(page)
    assert [h.text_content() for h in tree.xpath("//h2")] == ["a.txt", "b.md", "<stdin>"]
    assert tree.xpath("//title")[0].text == "silkterm annotation: 3 texts"
    rows = [[c.text_content() for c in tr] for tr in tree.xpath('//table[@class="files"]/tbody/tr')]
    assert rows == [["a.txt", "1", "0", "0", "1"], ["b.md", "0", "0", "0", "1"], ["<stdin>", "0", "0", "0", "1"]]
    assert [p.get("lang") for p in tree.xpath("//pre")] == ["en", "zh", "en"]
    assert display_names(["C:/Users/ann/c.txt", "", "/"]) == ["c.txt", "", "/"]


def test_files_of_the_same_name_are_told_apart_by_their_folders(glossary):
    docs = [("/home/ann/2024/a.txt", "Horgos\n"), ("/home/ann/2025/a.txt", "Astana\n"), ("b/a.md", "x\n")]
    page = annotate_html(docs, glossary)
    tree = lxml.html.document_fromstring(page)
    assert [h.text_content() for h in tree.xpath("//h2")] == ["2024/a.txt", "2025/a.txt", "a.md"]
    assert "ann/" not in page and "/home" not in page


def test_each_section_has_its_counts(glossary):
    text = "Horgos, Horgos and Nur-Sultan.\n"
    page = "".join(annotate_html_stream([("x/one.txt", iter([text]), "text"),
                                         ("two.txt", iter(["Astana\n"]), "text")], glossary))
    tree = lxml.html.document_fromstring(page)
    counts = [[li.text_content() for li in ul] for ul in tree.xpath('//ul[contains(@class, "counts")]')]
    assert counts == [
        ["2 to replace", "0 suggestions", "1 note", "1 kept", "4 marks in all"],   # the page
        ["2 to replace", "0 suggestions", "1 note", "0 kept", "3 marks in all"],   # one.txt
        ["0 to replace", "0 suggestions", "0 notes", "1 kept", "1 mark in all"]]   # two.txt
    assert well_formed(page) == []
    # a count of changes links to the first of them, on the page and in its text
    links = [(a.getparent().get("class"), a.get("href")) for a in tree.xpath('//ul[contains(@class, "counts")]//a')]
    assert links == [("replace", "#m1-0"), ("note", "#m1-19"), ("replace", "#m1-0"), ("note", "#m1-19")]
    for cls, href in links:
        assert tree.get_element_by_id(href[1:]).get("class") == f"term {cls}"


def test_chunks_link_the_first_change_of_the_whole_text(glossary):
    text = "Astana.\n\nAstana and Horgos.\n\nHorgos and Nur-Sultan.\n"
    page = "".join(annotate_html_stream([("a.txt", iter([text]), "text")], glossary, size=8))
    assert page == annotate_html([("a.txt", text)], glossary)
    assert '<li class="replace"><a href="#m1-20">' in page and '<li class="note"><a href="#m1-40">' in page


def test_tally():
    assert Tally.of([]) == Tally() and Tally().total == 0
    assert Tally(2, 0, 1, 5).count(Action.NOTE) == 1 and Tally(2, 0, 1, 5).changes == 3

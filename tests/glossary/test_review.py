"""silkterm.glossary.review: the review page of collect's proposals."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from silkterm.glossary.collect import CollectResult, Context, Proposal, ProposedForm
from silkterm.glossary.review import highlight, lang_attr, render_review, text_lang

NEW = Proposal("li-qiang", None, "person", 92,
               (ProposedForm("Li Qiang", "en", 2, ("a.txt",)),
                ProposedForm("李强", "zh", 1, ("b.txt",), "pinyin Li Qiang", 92, "admitted", "transliteration")),
               (Context("a.txt", 1, 9, "Premier Li Qiang met <b>Smailov</b> & aides."),
                Context("b.txt", 3, 5, "国务院总理李强会见。")),
               ("title: Premier",), ("GeoNames (CC BY 4.0)",))
KNOWN = Proposal("kassym-jomart-tokayev", "kassym-jomart-tokayev", "person", 95,
                 (ProposedForm("Tokaev", "en", 1, ("a.txt",), "loose fold with 'Tokayev'", 95),),
                 (Context("a.txt", 2, 7, "Later Tokaev flew to Astana."),))
RESULT = CollectResult((NEW, KNOWN), ("a.txt", "b.txt"))


class _Outline(HTMLParser):
    """Headings, external references and elements with a lang attribute of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self.refs: list[str] = []
        self.langs: list[tuple[str, str]] = []
        self._heading: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.refs += [v or "" for k, v in attrs if k in ("src", "href")]
        if tag in ("link", "script", "img", "iframe", "object"):
            self.refs.append(f"<{tag}>")
        if a.get("lang"):
            self.langs.append((tag, a["lang"] or ""))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._text = tag, ""

    def handle_endtag(self, tag: str) -> None:
        if tag == self._heading:
            self.headings.append((tag, " ".join(self._text.split())))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading:
            self._text += data


def outline(html: str) -> _Outline:
    parser = _Outline()
    parser.feed(html)
    return parser


def test_new_concepts_stand_apart_from_variants_of_known_concepts():
    o = outline(render_review(RESULT))
    assert o.headings == [
        ("h1", "silkterm collect: proposals for review"),
        ("h2", "New concepts (1)"),
        ("h3", "li-qiang — Li Qiang"),
        ("h4", "Contexts"),
        ("h2", "New variants of known concepts (1)"),
        ("h3", "kassym-jomart-tokayev (known concept)"),
        ("h4", "Contexts"),
    ]


def test_every_form_row_holds_language_count_files_rule_score_and_status():
    html = render_review(RESULT)
    assert ('<tr><td lang="zh">李强</td><td>zh</td><td class="num">1</td><td><code>b.txt</code></td>'
            '<td>pinyin Li Qiang</td><td class="num">92</td><td>admitted (transliteration)</td></tr>') in html
    assert ('<tr><td>Li Qiang</td><td>en</td><td class="num">2</td><td><code>a.txt</code></td>'
            '<td>head form</td><td class="num"></td><td>admitted</td></tr>') in html
    assert '<th scope="col">Joined by</th>' in html
    assert "<dt>Sources</dt><dd>GeoNames (CC BY 4.0)</dd>" in html
    assert "<dt>Cues</dt><dd>title: Premier</dd>" in html


def test_contexts_are_escaped_with_the_name_highlighted_and_chinese_marked():
    html = render_review(RESULT)
    assert ("<li>Premier <mark>Li Qiang</mark> met &lt;b&gt;Smailov&lt;/b&gt; &amp; aides. "
            '<span class="where" lang="en">a.txt:1:9</span></li>') in html
    assert '<li lang="zh">国务院总理<mark>李强</mark>会见。 <span class="where" lang="en">b.txt:3:5</span></li>' in html
    assert "<b>Smailov" not in html
    assert ("p", "zh") not in outline(html).langs and ("li", "zh") in outline(html).langs


def test_the_page_is_self_contained_and_has_print_styles():
    html = render_review(RESULT)
    assert outline(html).refs == ["#new", "#variants", "#p-li-qiang", "#p-kassym-jomart-tokayev"]
    assert "@media print" in html and "url(" not in html and "@import" not in html
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"en\">")


def test_hostile_forms_and_ids_are_escaped_everywhere():
    evil = Proposal('x"><script>alert(1)</script>', None, "<i>", 50,
                    (ProposedForm("<img src=x onerror=alert(1)>", "en", 1, ("<f>.txt",)),),
                    (Context("<f>.txt", 1, 1, "a <script>alert(1)</script> b"),))
    html = render_review(CollectResult((evil,), ("<f>.txt",)))
    assert "<script>" not in html and "<img" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_each_group_opens_with_an_overview_linking_to_the_details():
    html = render_review(RESULT)
    assert ('<tr><th scope="row"><a href="#p-li-qiang">li-qiang</a></th><td>person</td><td class="num">92</td>'
            '<td class="num">3</td><td class="num">2</td><td><span>Li Qiang</span>, <span lang="zh">李强</span>'
            "</td></tr>") in html
    assert "<caption>New concepts at a glance</caption>" in html
    assert '<article id="p-li-qiang">' in html


def test_empty_result_says_so():
    html = render_review(CollectResult((), ("a.txt",)))
    assert '<p class="note">No new concepts.</p>' in html
    assert '<p class="note">No new variants of known concepts.</p>' in html


def test_highlight_prefers_the_longest_form_and_whole_words():
    assert highlight("Smailovs and Alikhan Smailov", ["Smailov", "Alikhan Smailov"]) == (
        "Smailovs and <mark>Alikhan Smailov</mark>")
    assert highlight("总理斯迈洛夫说", ["斯迈洛夫"]) == "总理<mark>斯迈洛夫</mark>说"
    assert highlight("a < b", []) == "a &lt; b"


def test_language_attributes():
    assert (lang_attr("en"), lang_attr("zh"), lang_attr("zh-Hant"), lang_attr("kk-latin-2021")) == (
        "", ' lang="zh"', ' lang="zh-Hant"', ' lang="kk-Latn"')
    assert (text_lang("哈萨克斯坦总理别克捷诺夫 said"), text_lang("Astana, 阿斯塔纳"),
            text_lang("Семей")) == ("zh", "en", "ru")

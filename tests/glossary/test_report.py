"""silkterm.glossary.report: the consistency report (spellings per file, files that mix them)."""

from __future__ import annotations

import re

import pytest

from silkterm.glossary.collect import collect
from silkterm.glossary.report import Report, build_report, render_html

TEXTS = {
    "a.txt": "Trains leave Khorgos daily. Horgos is busy.\n"
             "China National Petroleum Corporation (CNPC) said CNPC will grow.\n",
    "b.md": "Khorgos (霍尔果斯) is a port.\n\n霍爾果斯口岸很忙，霍尔果斯也很忙。\n",
    "c.txt": "Tokaev met Tokayev's aides in Astana.\n",
}


def _markup(name: str) -> str:
    return "markdown" if name.endswith(".md") else "text"


def _texts(texts: dict[str, str]):
    return [(name, (lambda t=text: [t]), _markup(name)) for name, text in texts.items()]


@pytest.fixture(scope="module")
def report(glossary) -> Report:
    return build_report(_texts(TEXTS), glossary)


def _spelling(form, lang, status, kind, count, files):
    return {"form": form, "lang": lang, "status": status, "kind": kind, "count": count, "files": files}


def test_json_report_is_pinned(report, glossary):
    data = report.to_dict()
    proposals = data.pop("proposals")
    assert data == {
        "files": ["a.txt", "b.md", "c.txt"],
        "inconsistent_files": [{"file": "a.txt", "concepts": ["khorgos"]},
                               {"file": "b.md", "concepts": ["khorgos"]},
                               {"file": "c.txt", "concepts": ["kassym-jomart-tokayev"]}],
        "concepts": [
            {"id": "khorgos", "canonical": "Khorgos", "type": "place", "known": True, "count": 6,
             "mixed_files": ["a.txt", "b.md"],
             "spellings": [_spelling("Khorgos", "en", "preferred", None, 2, {"a.txt": 1, "b.md": 1}),
                           _spelling("霍尔果斯", "zh", "preferred", None, 2, {"b.md": 2}),
                           _spelling("Horgos", "en", "deprecated", "spelling", 1, {"a.txt": 1}),
                           _spelling("霍爾果斯", "zh-Hant", "admitted", "script", 1, {"b.md": 1})]},
            {"id": "kassym-jomart-tokayev", "canonical": "Kassym-Jomart Tokayev", "type": "person",
             "known": True, "count": 2, "mixed_files": ["c.txt"],
             "spellings": [_spelling("Tokaev", "en", "unseen", None, 1, {"c.txt": 1}),
                           _spelling("Tokayev", "en", "admitted", "short-form", 1, {"c.txt": 1})]},
            {"id": "china-national-petroleum-corporation", "canonical": "China National Petroleum Corporation",
             "type": "organisation", "known": False, "count": 3, "mixed_files": [],
             "spellings": [_spelling("China National Petroleum Corporation", "en", "proposed", None, 1,
                                     {"a.txt": 1}),
                           _spelling("CNPC", "en", "proposed", "abbreviation", 2, {"a.txt": 2})]},
            {"id": "astana", "canonical": "Astana", "type": "place", "known": True, "count": 1,
             "mixed_files": [], "spellings": [_spelling("Astana", "en", "preferred", None, 1, {"c.txt": 1})]},
            {"id": "china", "canonical": "China", "type": "place", "known": True, "count": 1,
             "mixed_files": [], "spellings": [_spelling("China", "en", "preferred", None, 1, {"a.txt": 1})]},
        ],
    }
    # the proposals are exactly those of collect over the same texts
    pieces = [(name, [text], _markup(name)) for name, text in TEXTS.items()]
    assert proposals == collect(pieces, glossary).to_dict()["proposals"]
    assert [p["id"] for p in proposals] == [
        "china-national-petroleum-corporation", "kassym-jomart-tokayev", "khorgos"]
    # the crossing named after Khorgos is a proposed alias of the known place
    khorgos = next(p for p in proposals if p["id"] == "khorgos")
    assert [(f["form"], f["rule"], f["kind"]) for f in khorgos["forms"]] == [
        ("霍爾果斯口岸", "口岸 named after 霍爾果斯", "alias")]


def test_what_mixes(glossary):
    r = build_report(_texts({
        "en-zh.txt": "Khorgos, 霍尔果斯.\n",                     # two scripts: no mix
        "short.txt": "Prime Minister Alikhan Smailov came. Later Smailov spoke.\n",  # short form inside: no mix
        "two.txt": "Prime Minister Alikhan Smailov came. Later Smaiylov spoke.\n",  # two spellings: mix
        "case.txt": "HORGOS and Horgos.\n",                       # case alone: one spelling
    }), glossary)
    assert {c.id: c.mixed for c in r.concepts if c.mixed} == {"alikhan-smailov": ("two.txt",)}
    horgos = next(c for c in r.concepts if c.id == "khorgos")
    assert [(s.form, s.count, s.files) for s in horgos.spellings if s.form.lower() == "horgos"] == [
        ("HORGOS", 2, (("case.txt", 2),))]


def test_counts_per_file_of_proposed_forms_in_several_files_are_not_kept(glossary):
    r = build_report(_texts({"1.txt": "Minister Murat Nurtleu came. Nurtleu spoke.\n",
                             "2.txt": "Minister Murat Nurtleu left.\n"}), glossary)
    c = next(c for c in r.concepts if c.id == "murat-nurtleu")
    assert [(s.form, s.count, s.files) for s in c.spellings] == [
        ("Murat Nurtleu", 2, (("1.txt", None), ("2.txt", None))), ("Nurtleu", 1, (("1.txt", 1),))]
    assert c.to_dict()["spellings"][0]["files"] == {"1.txt": None, "2.txt": None}


def test_names_that_mix_come_first_then_more_spellings_then_more_often(report):
    assert [c.id for c in report.concepts][:3] == [
        "khorgos", "kassym-jomart-tokayev", "china-national-petroleum-corporation"]
    assert report.inconsistent_files[0] == ("a.txt", ("khorgos",))


def test_html_matrix_cells(report):
    html = render_html(report)
    khorgos = html[html.index('<article id="c-khorgos">'):]
    khorgos = khorgos[:khorgos.index("</article>")]
    assert ('<th scope="col" class="file mixed" title="a.txt">a.txt</th>'
            '<th scope="col" class="file mixed" title="b.md">b.md</th>') in khorgos
    assert re.search(r'<tr><th scope="row">Horgos</th><td class="status"><span class="swatch" style="background:#ef6c00" '
                     r'aria-hidden="true"></span>deprecated \(spelling\)</td><td class="num">1</td>'
                     r'<td class="cell mixed">1</td><td class="cell mixed empty">–</td></tr>', khorgos)
    assert '<tr><th scope="row" lang="zh-Hant">霍爾果斯</th>' in khorgos
    assert '<caption>Spellings of Khorgos by file</caption>' in khorgos


def test_html_has_charts_legend_and_no_external_reference(report):
    html = render_html(report)
    assert html.count("<svg role=\"img\"") == 2
    assert '<figcaption>Files with most inconsistencies' in html
    assert '<h2 id="legend-h">Legend</h2>' in html and "@media print" in html
    for ref in re.findall(r'(?:src|href)="([^"]*)"', html):
        assert ref.startswith("#"), ref
    assert "http" not in "".join(re.findall(r"<(?:link|script|img|style)[^>]*>", html))
    assert "url(" not in html and "@import" not in html


def test_html_escapes_file_names_and_forms(glossary):
    r = build_report(_texts({'<x" onload="1>.txt': "Horgos and Khorgos <script>.\n"}), glossary)
    html = render_html(r)
    assert '<x"' not in html and "&lt;x&quot; onload=&quot;1&gt;.txt" in html
    assert "<script" not in html


def test_no_file_mixes(glossary):
    html = render_html(build_report(_texts({"a.txt": "Khorgos.\n"}), glossary))
    assert '<p class="note">No file mixes spellings of a name.</p>' in html
    assert "<svg" not in html

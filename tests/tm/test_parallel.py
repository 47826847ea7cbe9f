"""tm.parallel: collect over an English text and its Chinese original (issue 12, collect --pair)."""

from __future__ import annotations

import pytest
from silkterm.glossary import load_glossary
from silkterm.tm.parallel import collect_parallel, sentence_pairs

EN = ("Daulet Kenzhebayev met Wang Haitao in Kyzylorda Region.\n\n"
      "Kenzhebayev said the Baikonur project would create 300 jobs.\n\n"
      "Officials added that the work starts in May.\n")
ZH = ("达乌列特·肯热巴耶夫在克孜洛尔达州会见了王海涛。\n\n"
      "肯热巴耶夫说，拜科努尔项目将创造300个就业岗位。\n")


@pytest.fixture(scope="module")
def result():
    return collect_parallel([(("a.en.txt", EN, "text"), ("a.zh.txt", ZH, "text"))], [], load_glossary())


def test_the_pair_is_aligned_and_its_names_paired(result) -> None:
    (pair,) = result.pairs
    assert [(link.en, link.zh) for link in pair.alignment.links] == [((0,), (0,)), ((1,), (1,)), ((2,), ())]
    assert sentence_pairs(pair.alignment)[1] == (
        "Kenzhebayev said the Baikonur project would create 300 jobs.", "肯热巴耶夫说，拜科努尔项目将创造300个就业岗位。")
    names = {(n.en, n.zh) for n in pair.names}
    assert {("Wang Haitao", "王海涛"), ("Baikonur", "拜科努尔"), ("Kyzylorda Region", "克孜洛尔达州")} <= names


def test_names_the_pair_joins_are_one_proposal(result) -> None:
    by_form = {f.form: p for p in result.collected.proposals for f in p.forms}
    for name in result.pairs[0].names:
        if name.concept is None:
            assert by_form[name.en] is by_form[name.zh], name


def test_a_new_name_is_proposed_with_its_chinese_form_from_the_translation() -> None:
    from pathlib import Path

    pairs = Path(__file__).resolve().parents[2] / "benchmarks" / "align" / "pairs"
    texts = [(f"08.{lang}", (pairs / f"08_baikonur.{lang}.txt").read_text(encoding="utf-8"), "text")
             for lang in ("en", "zh")]
    result = collect_parallel([(texts[0], texts[1])], [], load_glossary())
    by_form = {f.form: (p, f) for p in result.collected.proposals for f in p.forms}
    name = "Beijing Tianhang Measurement and Control Technology Co., Ltd."  # cut at "and" by the finder
    proposal, zh = by_form["北京天航测控技术有限公司"]
    assert proposal is by_form[name][0] and proposal.concept is None
    assert zh.rule == f"paired with {name} in 08.en + 08.zh (translation, 82)"
    assert (zh.source, zh.verified) == ("08.en + 08.zh", False)


def test_the_json_lists_the_pairs_and_the_units_hold_the_aligned_sentences(result) -> None:
    data = result.to_dict()
    pair = next(p for p in data["pairs"] if p["en"] == "Wang Haitao")
    assert pair["zh"] == "王海涛" and pair["files"] == ["a.en.txt", "a.zh.txt"] and 0 <= pair["score"] <= 100
    assert set(pair) == {"en", "zh", "score", "concept", "rule", "count", "files"}
    units = result.units(min_score=0)
    assert [(u.segment("en").text, u.segment("zh-Hans").text) for u in units] == [
        ("Daulet Kenzhebayev met Wang Haitao in Kyzylorda Region.", "达乌列特·肯热巴耶夫在克孜洛尔达州会见了王海涛。"),
        ("Kenzhebayev said the Baikonur project would create 300 jobs.", "肯热巴耶夫说，拜科努尔项目将创造300个就业岗位。")]


def test_an_html_pair_is_aligned_by_its_text_and_no_tag_reaches_a_unit() -> None:
    en = ("<html><body><h1>Khorgos grows</h1><p>Daulet Kenzhebayev met <b>Wang Haitao</b> in Kyzylorda Region.</p>"
          "<p>Kenzhebayev said the Baikonur project would create 300 jobs &amp; more.</p></body></html>")
    zh = ("<html><body><h1>霍尔果斯发展</h1><p>达乌列特·肯热巴耶夫在克孜洛尔达州会见了<b>王海涛</b>。</p>"
          "<p>肯热巴耶夫说，拜科努尔项目将创造300个以上就业岗位。</p></body></html>")
    result = collect_parallel([(("a.en.html", en, "html"), ("a.zh.html", zh, "html"))], [], load_glossary())
    units = [(u.segment("en").text, u.segment("zh-Hans").text) for u in result.units(min_score=0)]
    assert units == [
        ("Khorgos grows", "霍尔果斯发展"),
        ("Daulet Kenzhebayev met Wang Haitao in Kyzylorda Region.", "达乌列特·肯热巴耶夫在克孜洛尔达州会见了王海涛。"),
        ("Kenzhebayev said the Baikonur project would create 300 jobs & more.", "肯热巴耶夫说，拜科努尔项目将创造300个以上就业岗位。")]
    assert ("Wang Haitao", "王海涛") in {(n.en, n.zh) for n in result.pairs[0].names}

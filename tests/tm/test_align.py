"""tm/align.py: Gale-Church with anchors; link types, anchors, the band, units, the evaluation set."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml
from translate.storage.tmx import tmxfile

from silkterm.glossary import load_glossary
from silkterm.glossary.namepairs import NamePairer
from silkterm.glossary.sentences import Sentence
from silkterm.tm.align import BEADS, LINK_COUNTS, Alignment, Link, align_sentences, align_texts, alignment_units
from silkterm.tm.tmx import read_tmx, write_tmx

ROOT = Path(__file__).resolve().parents[2]
ALIGN = ROOT / "benchmarks" / "align"
TRUTH = yaml.safe_load((ALIGN / "truth.yaml").read_text(encoding="utf-8"))["pairs"]
F1_FLOOR = 0.98  # measured 1.000 overall with the second pass, 0.988 without (README: tm align)


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


def shape(a: Alignment) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(link.en, link.zh) for link in a.links]


def test_one_to_one_with_anchors(glossary):
    a = align_texts("Trains pass Khorgos\n\nIn 2024 trains rose 18.5 percent. CNPC said 3,200 TEUs came.",
                    "火车经过霍尔果斯\n\n2024年班列增长18.5%。中国石油天然气集团公司（CNPC）称有3200标准箱（TEU）。",
                    glossary=glossary)
    assert shape(a) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert a.links[0].anchors == ("(headline)", "Khorgos/霍尔果斯")
    assert a.links[1].anchors == ("18.5", "2024")
    assert a.links[2].anchors == ("3,200/3200", "CNPC", "TEU")
    assert [link.type for link in a.links] == ["1-1", "1-1", "1-1"]
    assert all(0 <= link.score <= 100 for link in a.links)


def test_numbers_dates_and_scales_are_anchors():
    a = align_texts("On June 3, 32,000 square meters cost 21.5 billion yuan and 150 million U.S. dollars.",
                    "6月3日，3.2万平方米耗资215亿元和1.5亿美元。")
    assert a.links[0].anchors == ("150 million/1.5亿", "21.5 billion/215亿", "32,000/3.2万", "June 3/6月3日")


EN = ["Trains from Khorgos rose 20 percent in 2024 to 2,436 in all.",
      "The port handled 126,000 containers, most of them from Lianyungang in Jiangsu.",
      "Khorgos sits on the border of Xinjiang, a place with many hills and long winters.",
      "The zone opened in 2014 and hosts 40 firms from Kazakhstan and China."]
ZH = ["2024年霍尔果斯班列增长20%，共2436列。", "口岸处理集装箱12.6万标准箱。", "大部分来自江苏连云港。",
      "特区于2014年开始运营，目前有来自哈萨克斯坦和中国的40家企业入驻。", "特区总面积约5.7平方公里，位于边境地带。"]


def sentences(texts: list[str]) -> list[Sentence]:
    out, pos = [], 0
    for t in texts:
        out.append(Sentence(t, pos, pos + len(t)))
        pos += len(t) + 1
    return out


def test_each_link_type(glossary):
    a = align_sentences(sentences(EN), sentences(ZH), glossary=glossary)
    assert shape(a) == [((0,), (0,)), ((1,), (1, 2)), ((2,), ()), ((3,), (3,)), ((), (4,))]
    assert [link.type for link in a.links] == ["1-1", "1-2", "1-0", "1-1", "0-1"]
    two = align_sentences(sentences([EN[0], "It was a record."]), sentences([ZH[0]]), glossary=glossary)
    assert [link.type for link in two.links] == ["2-1"]


@pytest.mark.parametrize("pair", [p for p in TRUTH if p["id"] in ("03_pipeline", "07_visa_tourism")],
                         ids=lambda p: p["id"])
def test_added_and_dropped_sentences_on_real_pairs(pair, glossary):
    a = align_texts((ALIGN / pair["en"]).read_text(encoding="utf-8"),
                    (ALIGN / pair["zh"]).read_text(encoding="utf-8"), glossary=glossary)
    assert set(shape(a)) == _truth_links(pair)
    assert {"1-0", "0-1", "1-1"} <= {link.type for link in a.links}


def test_an_added_sentence_naming_its_neighbours_places_stays_one_to_zero(glossary):
    # the translator's gloss names Khorgos, Xinjiang and Kazakhstan as the next sentence does: its
    # names have nothing to meet in a 1-0 link, and in a 2-1 they would be names twice for once
    en = ["Trains from Khorgos rose 20 percent in 2024 to 2,436 in all.",
          "Khorgos sits on the border between China's Xinjiang and Kazakhstan.",
          ("Khorgos faces Altynkol station on the Kazakh side and is one of the most important rail ports "
           "in western China.")]
    zh = ["2024年霍尔果斯班列增长20%，共2436列。", "霍尔果斯口岸与哈萨克斯坦阿腾科里站隔境相望，是中国西部重要的铁路口岸之一。"]
    a = align_sentences(sentences(en), sentences(zh), glossary=glossary)
    assert shape(a) == [((0,), (0,)), ((1,), ()), ((2,), (1,))]
    assert a.links[2].anchors == ("China/中国", "Kazakh/哈萨克斯坦", "Khorgos/霍尔果斯")


def test_a_dropped_and_an_added_sentence_side_by_side_are_two_null_links(glossary):
    # 03_translators' end: the Chinese drops a sentence (Beijing's publishers) where the English adds
    # one (a dictionary); matched to each other they would share no anchor and disagree in length
    en = ["Over the past five years, more than 30 Kazakh literary works have been translated and published in Chinese.",
          '"Literary translation is a bridge between peoples," Huang said.',
          "The organizers plan to hold the second workshop in Almaty next year.",
          ("A Kazakh-Chinese dictionary for literary translators, compiled by the foundation over three years "
           "with the help of teachers and editors, is also due out next year.")]
    zh = ["过去五年已有30余部哈萨克斯坦文学作品被译成中文出版。", "黄涛说：“文学翻译是民心相通的桥梁。”",
          "工作坊期间，学员还将走访北京的多家出版社。", "主办方计划明年在阿拉木图举办第二届工作坊。"]
    a = align_sentences(sentences(en), sentences(zh), glossary=glossary)
    assert shape(a) == [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), (3,)), ((3,), ())]
    assert a.links[3].anchors == ("Almaty/阿拉木图",)


def test_a_country_adjective_is_a_soft_anchor(glossary):
    # "Kazakh" meets 哈萨克斯坦; "Chinese" (the language, 中文 in the Chinese) costs nothing unmatched
    a = align_texts("Kazakh wheat sells well.", "哈萨克斯坦小麦畅销。", glossary=glossary)
    assert a.links[0].anchors == ("Kazakh/哈萨克斯坦",)
    met = align_texts("She studies Chinese.", "她学习中文。", glossary=glossary)
    plain = align_texts("She studies Chinese.", "她学习中文。", glossary=glossary, anchors=False)
    assert met.links[0].anchors == () and met.links[0].score == plain.links[0].score


def test_the_second_pass_uses_a_learnt_name_pair(glossary):
    # 王磊说， has no anchor the first pass knows (its 1-2 link is made by length alone); the first
    # pass's links pair Wang Lei ~ 王磊 (pinyin), and "Wang said" (the surname alone) then meets 王磊
    en = ["Wang Lei heads the terminal.", "The terminal handled 120,000 containers last year.",
          "Trade is growing fast, Wang said.", "He expects more this year."]
    zh = ["王磊是码头负责人。", "去年码头处理集装箱12万个。", "王磊说，", "贸易增长很快。", "他预计今年会更多。"]
    once = align_sentences(sentences(en), sentences(zh), glossary=glossary)
    alone = next(link for link in once.links if 2 in link.zh)
    assert alone.anchors == () and once.names == ()
    twice = align_sentences(sentences(en), sentences(zh), glossary=glossary, pairer=NamePairer.of(glossary))
    assert shape(twice) == [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3,), (4,))]
    assert twice.names == (("Wang Lei", "王磊"),)
    assert twice.links[0].anchors == ("Wang Lei/王磊",) and twice.links[2].anchors == ("Wang/王磊",)
    assert twice.links[2].score > alone.score
    assert twice.cells > once.cells  # both passes counted


def test_link_priors_are_the_shares_of_the_hand_counts():
    total = sum(LINK_COUNTS.values()) + len(LINK_COUNTS)
    assert math.isclose(sum(BEADS.values()), 1.0)
    assert all(math.isclose(BEADS[bead], (count + 1) / total) for bead, count in LINK_COUNTS.items())
    assert BEADS[(1, 0)] == BEADS[(0, 1)] > BEADS[(2, 1)]  # a sentence dropped is likelier than one merged


def test_name_pairs_are_anchors_with_a_surname_alone(glossary):
    en = ["Aruzhan Sadykova won in Astana.", '"Learning Chinese has shown me a much bigger world," Sadykova said.']
    zh = ["阿鲁詹·萨德科娃在阿斯塔纳获胜。", "“学中文让我看到了一个更大的世界。”", "萨德科娃说。"]
    a = align_sentences(sentences(en), sentences(zh), glossary=glossary,
                        names=[("Aruzhan Sadykova", "阿鲁詹·萨德科娃")])
    assert shape(a) == [((0,), (0,)), ((1,), (1, 2))]
    # the full name is one anchor, not three (the parts inside it are not counted again)
    assert a.links[0].anchors == ("Aruzhan Sadykova/阿鲁詹·萨德科娃", "Astana/阿斯塔纳")
    assert a.links[1].anchors == ("Sadykova/萨德科娃",)


def test_links_cover_every_sentence_once_in_order(glossary):
    a = align_sentences(sentences(EN), sentences(ZH), glossary=glossary)
    assert [i for link in a.links for i in link.en] == list(range(len(EN)))
    assert [j for link in a.links for j in link.zh] == list(range(len(ZH)))


def test_empty_sides():
    assert align_texts("", "").links == ()
    a = align_texts("One. Two.", "")
    assert [link.type for link in a.links] == ["1-0", "1-0"]


def test_length_only_model_has_no_anchors():
    a = align_texts("In 2024 it rose.", "2024年增长。", anchors=False)
    assert a.links == (Link((0,), (0,), a.links[0].score, ()),)


def test_the_band_keeps_the_work_linear(glossary):
    pair = TRUTH[0]
    en = (ALIGN / pair["en"]).read_text(encoding="utf-8")
    zh = (ALIGN / pair["zh"]).read_text(encoding="utf-8")
    small = align_texts(en, zh)
    big = align_texts("\n\n".join([en] * 20), "\n\n".join([zh] * 20))
    assert len(big.en) == 20 * len(small.en)
    # cells grow with the number of sentences, not with its square
    assert big.cells <= 20 * len(small.en) * 40
    assert big.cells < len(big.en) * len(big.zh) / 4


def test_the_band_widens_when_the_path_reaches_its_edge():
    # twenty English sentences with no counterpart, twenty pairs, twenty Chinese sentences with
    # none: the path runs twenty sentences off the diagonal, outside the first band
    en = ["See the note below."] * 20
    en += [f"In {2000 + i} trade rose {i + 3}.5 percent to {10 * i + 7},000 tonnes." for i in range(20)]
    zh = [f"{2000 + i}年贸易增长{i + 3}.5%，达{i + 0.7}万吨。" for i in range(20)]
    zh += ["见下注。"] * 20
    a = align_sentences(sentences(en), sentences(zh))
    assert shape(a) == ([((i,), ()) for i in range(20)] + [((20 + i,), (i,)) for i in range(20)]
                        + [((), (20 + i,)) for i in range(20)])
    narrow = 41 * 17  # the most cells one pass of the first band (half-width 8) can visit
    assert a.cells > narrow


def _truth_links(pair: dict) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    out, i, j = set(), 0, 0
    for link in pair["links"]:
        ne, nz = len(link["en"]), len(link["zh"])
        out.add((tuple(range(i, i + ne)), tuple(range(j, j + nz))))
        i, j = i + ne, j + nz
    return out


@pytest.mark.parametrize(("base", "second", "floor"), [
    (ALIGN, False, 0.97), (ALIGN, True, F1_FLOOR), (ALIGN / "heldout", False, 0.92), (ALIGN / "heldout", True, 0.95),
], ids=["one pass", "two passes", "held out, one pass", "held out, two passes"])
def test_evaluation_set_link_f1(glossary, base, second, floor):
    # measured: tuned 0.988 one pass, 1.000 two; held out 0.932 one pass, 0.959 two (README: tm align)
    tp = fp = fn = 0
    per_pair = {}
    pairer = NamePairer.of(glossary) if second else None
    for pair in yaml.safe_load((base / "truth.yaml").read_text(encoding="utf-8"))["pairs"]:
        a = align_texts((base / pair["en"]).read_text(encoding="utf-8"),
                        (base / pair["zh"]).read_text(encoding="utf-8"), glossary=glossary, pairer=pairer)
        truth, got = _truth_links(pair), set(shape(a))
        hit = len(truth & got)
        tp, fp, fn = tp + hit, fp + len(got) - hit, fn + len(truth) - hit
        per_pair[pair["id"]] = round(2 * hit / (len(truth) + len(got)), 3)
    f1 = 2 * tp / (2 * tp + fp + fn)
    print(f"strict link F1 per pair: {per_pair}; overall {f1:.3f}")
    assert f1 >= floor, per_pair


def test_units_carry_source_score_and_type(glossary, tmp_path):
    a = align_sentences(sentences(EN), sentences(ZH), glossary=glossary)
    units = alignment_units(a, en_file="a.en.txt", zh_file="a.zh.txt", min_score=0)
    assert len(units) == 3  # the 1-0 and 0-1 links give no unit
    u = units[1]
    assert u.segment("en").text == EN[1]
    assert u.segment("zh-Hans").text == ZH[1] + ZH[2]
    assert [v for k, v in u.props if k == "x-silkterm-source"] == ["a.en.txt", "a.zh.txt"]
    assert u.prop("x-silkterm-align-type") == "1-2"
    assert u.prop("x-silkterm-align-score") == str(a.links[1].score)
    again = alignment_units(align_sentences(sentences(EN), sentences(ZH), glossary=glossary),
                            en_file="a.en.txt", zh_file="a.zh.txt", min_score=0)
    assert [x.id for x in again] == [x.id for x in units]
    out = tmp_path / "a.tmx"
    assert write_tmx(units, out, srclang="en") == 3
    assert [x.id for x in read_tmx(out)] == [x.id for x in units]
    store = tmxfile(out.read_bytes())
    assert [(x.source, x.target) for x in store.units] == [
        (x.segment("en").text, x.segment("zh-Hans").text) for x in units]


def test_low_links_are_left_out_or_marked():
    a = Alignment(tuple(sentences(["A.", "B."])), tuple(sentences(["甲。", "乙。"])),
                  (Link((0,), (0,), 90), Link((1,), (1,), 20)))
    assert [u.segment("en").text for u in alignment_units(a, en_file="e", zh_file="z")] == ["A."]
    kept = alignment_units(a, en_file="e", zh_file="z", keep_low=True)
    assert [u.prop("x-silkterm-low-confidence") for u in kept] == [None, "yes"]
    assert alignment_units(a, en_file="e", zh_file="z", min_score=10)[1].prop(
        "x-silkterm-low-confidence") is None

"""Chinese candidates, issue 11 (collect), second round: facility stems, transliterations cut by
jieba or by characters outside the tables, places jieba knows, quoted terms, abbreviations, idioms.

The names are those of the evaluation corpora (benchmarks/collect/corpus and heldout/corpus), with
the sources their truth files give: 巴克特, 马坎赤, 乌尔加尔, 阿亚古兹, 迈哈布奇盖, 阿腾科里, 吉木乃,
塔城, 中国石化/中石化, 哈萨克斯坦国家石油天然气公司 (benchmarks/collect/heldout/truth.yaml);
阿克纠宾斯克, 马明, 萨金塔耶夫, 哈国家油气公司 (benchmarks/collect/truth.yaml). The sentences are
written for the tests.
"""

from __future__ import annotations

import pytest

from silkterm.glossary.candidates_zh import find_candidates_zh
from silkterm.glossary.translit import ZhTokenizer

Found = list[tuple[str, str | None, str | None]]


def found(text: str, tokenizer: ZhTokenizer | None = None) -> Found:
    return [(c.form, c.type, c.cue) for c in find_candidates_zh(text, tokenizer=tokenizer)]


# --- 1. facility stems ----------------------------------------------------------------------------

STEMS = [
    ("西与哈萨克斯坦的巴克特口岸隔界相望。",
     [("哈萨克斯坦", "place", "suffix: 斯坦"), ("巴克特口岸", "place", "suffix: 口岸"),
      ("巴克特", "place", "stem of: 巴克特口岸")]),
    ("公路通往乌尔加尔机场和阿亚古兹车站。",
     [("乌尔加尔机场", "facility", "suffix: 机场"), ("乌尔加尔", "place", "stem of: 乌尔加尔机场"),
      ("阿亚古兹车站", "place", "suffix: 车站"), ("阿亚古兹", "place", "stem of: 阿亚古兹车站")]),
    ("霍尔果斯铁路口岸与阿腾科里站相连。",
     [("霍尔果斯铁路口岸", "place", "suffix: 铁路口岸"), ("霍尔果斯", "place", "stem of: 霍尔果斯铁路口岸"),
      ("阿腾科里站", "place", "suffix: 站"), ("阿腾科里", "place", "stem of: 阿腾科里站")]),
    ("对面是迈哈布奇盖口岸。",
     [("迈哈布奇盖口岸", "place", "suffix: 口岸"), ("迈哈布奇盖", "place", "stem of: 迈哈布奇盖口岸")]),
    # a name jieba knows, rare (红其拉甫 nr) or a place (满洲里 ns, 二连浩特 ns: no idiom), before a facility word
    ("货车经红其拉甫口岸和二连浩特铁路口岸出境，抵达满洲里站。",
     [("红其拉甫口岸", "place", "suffix: 口岸"), ("红其拉甫", "place", "stem of: 红其拉甫口岸"),
      ("二连浩特铁路口岸", "place", "suffix: 铁路口岸"), ("二连浩特", "place", "stem of: 二连浩特铁路口岸"),
      ("满洲里站", "place", "suffix: 站"), ("满洲里", "place", "stem of: 满洲里站")]),
    # a launch site is no facility stem: 拜科努尔 of 拜科努尔航天发射场 is found on its own only
    ("拜科努尔航天发射场建于1955年。", [("拜科努尔航天发射场", "facility", "suffix: 发射场")]),
    # common words with a facility word are no names
    ("旅客在车站和火车站等候，本站今日停运。", []),
]


@pytest.mark.parametrize(("text", "expected"), STEMS, ids=[t[:8] for t, _ in STEMS])
def test_a_place_before_a_facility_word_is_a_candidate_of_its_own(text: str, expected: Found) -> None:
    got = find_candidates_zh(text)
    assert [(c.form, c.type, c.cue) for c in got] == expected
    for c in got:
        assert text[c.start:c.end] == c.form


def test_the_stem_has_its_own_offsets_and_a_score_without_the_suffix() -> None:
    text = "从巴克特口岸出境。"
    whole, stem = find_candidates_zh(text)
    assert (whole.form, whole.start, whole.end, whole.score) == ("巴克特口岸", 1, 6, 65)
    assert (stem.form, stem.start, stem.end, stem.score) == ("巴克特", 1, 4, 45)


def test_a_glossary_name_before_a_facility_word_is_a_stem() -> None:
    tok = ZhTokenizer([("吉木乃", "ns")])
    assert found("吉木乃口岸距县城二十四公里。", tok) == [
        ("吉木乃口岸", "place", "suffix: 口岸"), ("吉木乃", "place", "stem of: 吉木乃口岸")]


def test_facility_words_are_a_table() -> None:
    from silkterm.glossary.candidates_zh import FACILITY_STEMS

    assert {"口岸", "铁路口岸", "公路口岸", "机场", "站", "车站", "火车站", "港", "陆港"} <= FACILITY_STEMS
    assert "发射场" not in FACILITY_STEMS


# --- 2. transliterations jieba or the tables cut ----------------------------------------------------

RUNS = [
    # 腾 and 纠 are outside the Xinhua tables (jieba: zg); inside a run they are syllables
    ("这座城市在苏联时期称为阿克纠宾斯克。", [("阿克纠宾斯克", None, "transliteration")]),
    # 赤 (outside the tables) ends the run where punctuation closes it
    ("公路向西经过马坎赤，通往边境。", [("马坎赤", None, "transliteration")]),
    ("马坎赤和乌尔加尔都在边境附近。",
     [("马坎赤", None, "transliteration"), ("乌尔加尔", None, "transliteration")]),
    # but 曾 ("once") after a name is still no syllable of it
    ("其母图拉·莎巴帕耶娃曾任教。", [("图拉·莎巴帕耶娃", "person", "ending: 耶娃")]),
    # a two-character name next to a person: 马明 after 萨金塔耶夫、
    ("此后，萨金塔耶夫、马明等历任哈方总理也多次参加会晤。",
     [("萨金塔耶夫", "person", "ending: 耶夫"), ("马明", "person", "coordinated: 萨金塔耶夫")]),
    # or after a title or role (行长: a bank's governor)
    ("央行行长马明表示，董事长萨金塔耶夫同意。",
     [("马明", "person", "title: 行长"), ("萨金塔耶夫", "person", "title: 董事长")]),
    # with no cue, two characters are no name
    ("马明等人参加了会晤。", []),
    # X方 is "the X side", never a name, even before 总理
    ("中方愿同哈方加强合作，双方签署了协议，哈方总理出席。", []),
    # idioms jieba tags as names (山水相连 ns, 历久弥坚 nr) are idioms
    ("中哈是山水相连的友好邻邦，两国关系历久弥坚。", []),
]


@pytest.mark.parametrize(("text", "expected"), RUNS, ids=[t[:8] for t, _ in RUNS])
def test_transliterations_and_what_is_no_name(text: str, expected: Found) -> None:
    assert found(text) == expected


# --- 3. other misses ----------------------------------------------------------------------------

OTHERS = [
    # places jieba knows (ns): next to another place, or after a word of going or being somewhere
    ("中欧班列在阿腾科里换装，再驶往中亚和欧洲。",
     [("阿腾科里", None, "transliteration"),
      ("中亚", "place", "dictionary: ns"), ("欧洲", "place", "coordinated: 中亚")]),
    # ... but 城市, 河水 and 新鲜 (tagged ns by jieba's dictionary) are not
    ("这座城市的河水很新鲜。", []),
    ("他们在城市里工作，鱼在河水中游，来自城市和农村的代表到城市去。", []),
    ("他在武汉工作，代表团抵达天津。", [("武汉", "place", "dictionary: ns"), ("天津", "place", "dictionary: ns")]),
    # a quoted term of a few characters; a quoted sentence or idiom is none
    ("口岸开通了农产品快速通关“绿色通道”。", [("绿色通道", "term", "quoted")]),
    ("他说“一天比一天热闹”，又说“同舟共济”。", []),
    # organisations: a country and a sector's abbreviation, an abbreviation after its full name,
    # a country's one-character abbreviation before an organisation's words
    ("中国石化与哈方合作。中石化持有三成股权。",
     [("中国石化", "organisation", "abbreviation: 石化"), ("中石化", "organisation", "abbreviation: 中")]),
    ("哈国家油气公司的大部分股份由国家基金持有。", [("哈国家油气公司", "organisation", "suffix: 公司")]),
    # a rare abbreviation starting with a country's, before a company's ending (CNPC International)
    ("中油国际在该州经营多个油气开采项目。", [("中油国际", "organisation", "abbreviation: 中")]),
    ("中方集团和中资公司都参加了。", []),
    # a compound noun that ends in an organisation's or facility's word ends the name (集团公司,
    # 金融中心, 输油管道); 署 (an agency) and 厂 (a plant) end names; 企业 (firms) does not
    ("将继续依托阿斯塔纳国际金融中心等平台。", [("阿斯塔纳国际金融中心", "organisation", "suffix: 中心")]),
    ("哈萨克斯坦原子能署署长表示。", [("哈萨克斯坦原子能署", "organisation", "suffix: 署")]),
    ("下属的乌里宾斯克冶金厂持股。", [("乌里宾斯克冶金厂", "facility", "suffix: 厂")]),
]


def test_a_compound_noun_ending_in_an_organisation_word_ends_the_name_and_firms_are_none() -> None:
    tok = ZhTokenizer([("俄罗斯", "ns"), ("中国", "ns")])  # the glossary's names, as collect gives them
    assert found("首座核电站则由俄罗斯国家原子能集团公司牵头建设。", tok) == [
        ("俄罗斯国家原子能集团公司", "organisation", "suffix: 公司")]
    assert found("中国企业纷纷前往。", tok) == [("中国", "place", "user dictionary")]


@pytest.mark.parametrize(("text", "expected"), OTHERS, ids=[t[:8] for t, _ in OTHERS])
def test_places_terms_and_organisations(text: str, expected: Found) -> None:
    assert found(text) == expected


def test_a_place_jieba_knows_after_a_place_of_the_glossary() -> None:
    tok = ZhTokenizer([("北京", "ns"), ("马西莫夫", "nr")])
    assert found("马西莫夫曾在北京和武汉求学。", tok) == [
        ("马西莫夫", "person", "user dictionary"), ("北京", "place", "user dictionary"),
        ("武汉", "place", "coordinated: 北京")]


def test_a_prefecture_after_a_glossary_name() -> None:
    """塔城地区 is one word of jieba's dictionary (ns); after 新疆 (a glossary name) it was dropped."""
    tok = ZhTokenizer([("新疆", "ns"), ("塔城", "ns")])
    assert found("新疆塔城地区巴克图口岸出入境人员持续增长。", tok) == [
        ("新疆", "place", "user dictionary"), ("塔城地区", "place", "dictionary: ns"),
        ("巴克图口岸", "place", "suffix: 口岸"), ("巴克图", "place", "stem of: 巴克图口岸")]


def test_an_abbreviation_after_its_full_name_carries_it() -> None:
    got = find_candidates_zh("中国石化在阿特劳州建设项目。中石化持有三成股权。")
    short = [c for c in got if c.form == "中石化"]
    assert [(c.kind, c.expansion) for c in short] == [("acronym", "中国石化")]
    text = "萨姆鲁克-卡泽纳国家基金持有股份。萨-卡基金负责人表示支持。"
    assert [(c.form, c.kind, c.expansion) for c in find_candidates_zh(text)] == [
        ("萨姆鲁克-卡泽纳国家基金", "name", None), ("萨-卡基金", "acronym", "萨姆鲁克-卡泽纳国家基金")]
    # no full name before it: a word jieba tags as an abbreviation (j) is no name of its own
    assert find_candidates_zh("中石化持有三成股权。") == []
    assert find_candidates_zh("中小学的学生参观了展览。") == []


def test_cues_found_after_the_words_keep_the_candidate_fields() -> None:
    text = "萨金塔耶夫、马明出席，开通“绿色通道”。"
    assert [(c.form, c.kind, c.abbreviation, c.expansion, c.score, text[c.start:c.end])
            for c in find_candidates_zh(text)] == [
        ("萨金塔耶夫", "name", None, None, 55, "萨金塔耶夫"),
        ("马明", "name", None, None, 30, "马明"),
        ("绿色通道", "coinage", None, None, 50, "绿色通道")]


# --- 4. proposal ids of Chinese names -------------------------------------------------------------

SLUGS = [
    # the examples: syllables of a transliteration joined, the suffix apart
    ("吉木乃口岸", "place", "jimunai-kouan"),
    ("阿特劳州", "place", "atelao-zhou"),
    ("哈萨克斯坦国家石油天然气公司", "organisation", "hasakesitan-guojia-shiyou-gongsi"),  # cut to 4 words
    # a Chinese person: surname, given name; a foreign one: each part one word
    ("李强", "person", "li-qiang"),
    ("王毅", "person", "wang-yi"),
    ("马明", "person", "maming"),
    ("哈斯穆-卓玛尔特·托卡耶夫", "person", "hasimu-zhuomaerte-tuokayefu"),
    # syllables outside the tables (腾, 纠) stay in their name; a place is one word before its suffix
    ("阿腾科里站", None, "atengkeli-zhan"),
    ("阿克纠宾斯克", "place", "akejiubinsike"),
    ("东哈萨克斯坦州", "place", "dong-hasakesitan-zhou"),
    ("巴尔喀什湖", "place", "baerkashi-hu"),
    ("塔城地区", "place", "tacheng-diqu"),
    # words of a name or term apart
    ("霍尔果斯铁路口岸", None, "huoerguosi-tielu-kouan"),
    ("萨姆鲁克-卡泽纳国家基金", "organisation", "samuluke-kazena-guojia-jijin"),
    ("绿色通道", "term", "luse-tongdao"),
]


@pytest.mark.parametrize(("form", "concept_type", "slug"), SLUGS, ids=[s for _, _, s in SLUGS])
def test_chinese_slugs_are_pinyin_words(form: str, concept_type: str | None, slug: str) -> None:
    from silkterm.glossary.candidates_zh import zh_slug

    assert zh_slug(form, concept_type) == slug


def test_slugs_are_ascii_ids() -> None:
    import re

    from silkterm.glossary.candidates_zh import zh_slug

    for form in ("巴克特", "中国石化", "历久弥坚", "托卡耶夫总统", "Astana 阿斯塔纳", "·", ""):
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", zh_slug(form)), form


def test_an_abbreviation_given_in_brackets_after_a_name_is_its_abbreviation() -> None:
    got = [(c.form, c.kind, c.expansion, c.abbreviation)
           for c in find_candidates_zh("据哈萨克斯坦国家原子能工业公司（简称哈原工）消息。")]
    assert got == [("哈萨克斯坦国家原子能工业公司", "name", None, "哈原工"),
                   ("哈原工", "acronym", "哈萨克斯坦国家原子能工业公司", None)]
    # a name in brackets that is no shorter form of the one before is no abbreviation
    assert [(c.form, c.kind) for c in find_candidates_zh("中国石油天然气集团公司（哈萨克斯坦）表示。")] == [
        ("中国石油天然气集团公司", "name"), ("哈萨克斯坦", "name")]


def test_a_rare_one_character_adjective_may_stand_inside_an_organisation_name_a_common_one_not() -> None:
    tok = ZhTokenizer([("中国", "ns")])
    assert found("中广核铀业是中国广核集团（中广核）的平台。", tok) == [
        ("中国广核集团", "organisation", "suffix: 集团"), ("中广核", "organisation", "abbreviation of: 中国广核集团")]
    assert found("中国大公司很多，中国大石油公司也多。", tok) == [
        ("中国", "place", "user dictionary"), ("中国", "place", "user dictionary")]

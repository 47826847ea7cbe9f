"""Chinese name candidates (issue 11 point 1): exact behaviour on news sentences, and properties.

Every name in these sentences is a form Chinese media print (the sentences themselves are written
for the tests). Sources, as found:

* 努尔特列乌 (Murat Nurtleu), 哈萨克斯坦副总理兼外长: 中新网 2024-11-28, as mirrored at
  http://enerteksolarenergy.com/news/guonei/2024-11-28/1513539.html (努爾特列烏)
* 别克捷诺夫 (Olzhas Bektenov): Kazakhstan civil aviation release quoted in a public repository
  ("总理别克捷诺夫与新加坡樟宜机场集团管理层讨论…"); Xinhua writes 奥尔扎斯·别克坚诺夫 and
  叶尔兰·科沙诺夫: http://tp.hkcd.com/hkcdweb/content/2024/02/06/content_8622369.html
* 卡瑟姆若马尔特·克米列维奇·托卡耶夫: 环球时报 via https://zaobao.cn/world/69244.html;
  哈斯穆-卓玛尔特·托卡耶夫 (Kazinform): https://cn.inform.kz/news/shigongwabteccheng-c076c1/
* 阿里汗·斯马伊洛夫 (Alikhan Smailov, Kazinform): http://soso.bot/details/-1001381552274_110434
* 阿克托别州, 巴甫洛达尔州, 卡拉干达州, 克孜勒奥尔达州, 卡普恰盖市, 库纳耶夫市, 阿拉木图州,
  阿克莫拉州, 阿特劳州, 江布尔州, 东哈萨克斯坦州:
  https://www.xinminlan.cn/list/243726/494748.html; 克孜勒奥尔达州, 拜科努尔:
  https://www.baike.com/wikiid/4212331591933436580
* 李强, 米哈伊尔·米舒斯京, 阿德勒别克·哈斯玛利耶夫, 亚历山大·图尔钦, 科基尔·拉苏尔佐达, 欧亚经济联盟:
  https://cn.inform.kz/news/chushangchengguozhenglishihuihui-98a292/
* 王毅 (外交部长): https://hk.on.cc/hk/bkn/cnt/cnnews/20231106/bkn-20231106180102504-1106_00952_001.html
* 马西莫夫, 李克强: http://soairport.com/world/2014-12/15/c_127305989.htm
* 拉夫罗夫: http://tsrus.cn/kuaixun/2017/04/22/657385
* 图拉·莎巴帕耶娃: https://sydneytoday.com/content-101912368777021
* 阿利别克·瑙提耶夫: https://cn.inform.kz/news/jiangyubingxiangguanfa-902ff9/
* 纳扎尔巴耶夫, 托卡耶夫, 阿斯塔纳, 阿拉木图, 霍尔果斯, 阿拉山口, 阿克套, 巴库, 哈萨克斯坦,
  上海合作组织: silkterm's built-in glossary (glossary/data, with its sources).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from silkterm.glossary.candidates_zh import (
    Candidate,
    ZhTokenizer,
    default_tokenizer,
    find_candidates_zh,
    transliteration_chars,
)
from silkterm.glossary.markup import protected_spans


def found(text: str, **kwargs: object) -> list[tuple[str, str | None, str | None]]:
    return [(c.form, c.type, c.cue) for c in find_candidates_zh(text, **kwargs)]  # type: ignore[arg-type]


CASES = [
    # the four jieba failures of the issue, and 哈萨克斯坦 (jieba: nrt, a person) as a place
    ("哈萨克斯坦副总理兼外长努尔特列乌将来华参会。",
     [("哈萨克斯坦", "place", "suffix: 斯坦"), ("努尔特列乌", "person", "title: 外长")]),
    ("总理别克捷诺夫与新加坡樟宜机场集团管理层讨论航空中心的前景。",
     [("别克捷诺夫", "person", "title: 总理"), ("新加坡", "place", "dictionary: ns")]),
    ("托卡耶夫总统在阿斯塔纳会见了中国客人。",
     [("托卡耶夫", "person", "title: 总统"), ("阿斯塔纳", None, "transliteration")]),
    ("阿克托别是哈萨克斯坦西部的重要城市。",
     [("阿克托别", None, "transliteration"), ("哈萨克斯坦", "place", "suffix: 斯坦")]),
    ("阿克托别州、巴甫洛达尔州和卡拉干达州的代表出席了论坛。",
     [("阿克托别州", "place", "suffix: 州"), ("巴甫洛达尔州", "place", "suffix: 州"),
      ("卡拉干达州", "place", "suffix: 州")]),
    # the title before the name, never the country before the title
    ("哈萨克斯坦总统托卡耶夫出席开幕式。",
     [("哈萨克斯坦", "place", "suffix: 斯坦"), ("托卡耶夫", "person", "title: 总统")]),
    ("吉尔吉斯斯坦政府内阁主席阿德勒别克·哈斯玛利耶夫也出席了会议。",
     [("吉尔吉斯斯坦", "place", "suffix: 斯坦"), ("阿德勒别克·哈斯玛利耶夫", "person", "title: 主席")]),
    # middle dots and hyphens join one name; 克米列维奇 and 卓 are outside jieba's words
    ("议会上院议长卡瑟姆若马尔特·克米列维奇·托卡耶夫接任代总统。",
     [("卡瑟姆若马尔特·克米列维奇·托卡耶夫", "person", "title: 议长")]),
    ("哈萨克斯坦总统哈斯穆-卓玛尔特·托卡耶夫在天津峰会上发表讲话。",
     [("哈萨克斯坦", "place", "suffix: 斯坦"), ("哈斯穆-卓玛尔特·托卡耶夫", "person", "title: 总统"),
      ("天津", "place", "dictionary: ns")]),  # 在天津: a place jieba knows after 在
    ("哈执政党提名总统办公厅主任奥尔扎斯·别克坚诺夫为总理候选人。",
     [("奥尔扎斯·别克坚诺夫", "person", "ending: 诺夫")]),
    ("党主席叶尔兰·科沙诺夫代表执政党正式提名。",
     [("叶尔兰·科沙诺夫", "person", "title: 主席")]),
    ("阿里汗·斯马伊洛夫当选为哈萨克斯坦新一任政府总理。",
     [("阿里汗·斯马伊洛夫", "person", "ending: 洛夫"), ("哈萨克斯坦", "place", "suffix: 斯坦")]),
    ("俄罗斯联邦政府总理米哈伊尔·米舒斯京出席了会议。",
     [("俄罗斯联邦政府", "organisation", "dictionary: nt"), ("米哈伊尔·米舒斯京", "person", "title: 总理")]),
    ("参议员阿利别克·瑙提耶夫表示，现行机制无法有效监督。",
     [("阿利别克·瑙提耶夫", "person", "ending: 耶夫")]),
    # 曾 ("once") after a name is not a syllable of it
    ("其母图拉·莎巴帕耶娃曾任教于阿拉木图外国语学院。",
     [("图拉·莎巴帕耶娃", "person", "ending: 耶娃"), ("阿拉木图外国语学院", "organisation", "suffix: 学院")]),
    # Chinese names after a title
    # a name jieba knows is a part of a name joined by a middle dot; the title before it is its
    ("白俄罗斯总理亚历山大·图尔钦出席了会议。",
     [("白俄罗斯", "place", "dictionary: ns"), ("亚历山大·图尔钦", "person", "title: 总理")]),
    ("全国分为14个州，包括阿克莫拉州、阿特劳州、江布尔州和东哈萨克斯坦州。",
     [("阿克莫拉州", "place", "suffix: 州"), ("阿特劳州", "place", "suffix: 州"), ("江布尔州", "place", "suffix: 州"),
      ("东哈萨克斯坦州", "place", "suffix: 州")]),
    ("塔吉克斯坦总理科基尔·拉苏尔佐达出席了会议。",
     [("塔吉克斯坦", "place", "suffix: 斯坦"), ("科基尔·拉苏尔佐达", "person", "title: 总理")]),
    # organisations and places jieba knows (nt, ns) are names too
    ("中国国务院总理李强出席了会议。", [("国务院", "organisation", "dictionary: nt"), ("李强", "person", "title: 总理")]),
    ("中共中央政治局委员、外交部长王毅将于11月30日主持会议。",
     [("中共中央政治局", "organisation", "dictionary: nt"), ("王毅", "person", "title: 外交部长")]),
    ("哈萨克斯坦总理马西莫夫到机场迎接李克强。",
     [("哈萨克斯坦", "place", "suffix: 斯坦"), ("马西莫夫", "person", "title: 总理"),
      ("李克强", None, "dictionary: nr")]),
    ("他在莫斯科同俄罗斯外长拉夫罗夫举行了会谈。",
     [("莫斯科", None, "transliteration"), ("俄罗斯", "place", "dictionary: ns"),
      ("拉夫罗夫", "person", "title: 外长")]),
    ("纳扎尔巴耶夫先生回顾了两国建交的历史。", [("纳扎尔巴耶夫", "person", "title: 先生")]),
    # suffixes: jieba glues 达州 (a city in Sichuan); the name keeps its suffix
    ("克孜勒奥尔达州位于哈萨克斯坦西南部，州首府是克孜勒奥尔达市。",
     [("克孜勒奥尔达州", "place", "suffix: 州"), ("哈萨克斯坦", "place", "suffix: 斯坦"),
      ("克孜勒奥尔达市", "place", "suffix: 市")]),
    ("阿拉木图州卡普恰盖市更名为库纳耶夫市。",
     [("阿拉木图州", "place", "suffix: 州"), ("卡普恰盖市", "place", "suffix: 市"),
      ("库纳耶夫市", "place", "suffix: 市")]),
    ("货物经阿拉山口口岸运往阿克套港，再转运巴库港。",
     [("阿拉山口口岸", "place", "suffix: 口岸"), ("阿拉山口", "place", "stem of: 阿拉山口口岸"),
      ("巴库港", "place", "suffix: 港"), ("巴库", "place", "stem of: 巴库港")]),
    ("欧亚经济联盟等国际组织领导人出席了会议。", [("欧亚经济联盟", "organisation", "suffix: 联盟")]),
    ("哈萨克斯坦外交部发言人表示，古米廖夫欧亚国立大学将与中国公司合作。",
     [("哈萨克斯坦外交部", "organisation", "suffix: 部"), ("古米廖夫欧亚国立大学", "organisation", "suffix: 大学")]),
    ("上海合作组织峰会在阿斯塔纳举行。",
     [("上海合作组织峰会", "event", "suffix: 峰会"), ("阿斯塔纳", None, "transliteration")]),
    ("前苏联著名的拜科努尔航天发射基地也位于该州境内。", [("拜科努尔", None, "transliteration")]),
    ("中欧班列从霍尔果斯出境，三天后抵达阿拉木图。",
     [("霍尔果斯", None, "transliteration"), ("阿拉木图", "place", "dictionary: ns")]),
    # common words, idioms, numbers and dates are not names
    ("我们可以利用这个机会，乘坐巴士前往市中心。", []),
    ("这是一次丰富多采的文化活动，各国代表欢聚一堂。", []),
    ("基本方法特别重要，当然相关内容也很丰富。", []),
    ("2024年7月3日，两国签署了三十多项合作文件，总额达一百万亿元。", []),
    ("他说，这些年来两国关系发展得很好。", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:12] for c in CASES])
def test_news_sentences(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    got = find_candidates_zh(text)
    assert [(c.form, c.type, c.cue) for c in got] == expected
    for c in got:
        assert text[c.start:c.end] == c.form
        assert (c.lang, c.kind, c.abbreviation, c.expansion, c.sentence_initial) == ("zh", "name", None, None, False)


def test_the_measured_jieba_failures() -> None:
    """jieba's own words split these names and tag 哈萨克斯坦 as a person (issue 11 point 1)."""
    cut = default_tokenizer().cut
    assert cut("托卡耶夫") == [("托", "v"), ("卡耶夫", "nr")]
    assert [w for w, _ in cut("努尔特列乌")] == ["努尔", "特", "列", "乌"]
    assert [w for w, _ in cut("别克捷诺夫")] == ["别克", "捷", "诺夫"]
    assert [w for w, _ in cut("阿克托别")] == ["阿克", "托", "别"]
    assert cut("哈萨克斯坦") == [("哈萨克斯坦", "nrt")]


def test_scores_count_the_signals() -> None:
    text = "总统哈斯穆-卓玛尔特·托卡耶夫会见外长努尔特列乌，谈到阿斯塔纳和欧亚经济联盟。"
    assert [(c.form, c.score) for c in find_candidates_zh(text)] == [
        ("哈斯穆-卓玛尔特·托卡耶夫", 95),  # title, transliteration, middle dot, hyphen, ending
        ("努尔特列乌", 65),                 # title, transliteration
        ("阿斯塔纳", 45),                   # transliteration alone
        ("欧亚经济联盟", 60),               # a place jieba knows, and a suffix
    ]


def test_user_dictionary_on_a_private_tokenizer() -> None:
    import jieba

    tok = ZhTokenizer([("阿克套", "ns"), ("阿克托别", "ns"), ("张霄", "nr")])
    assert found("货物运往阿克套港。", tokenizer=tok) == [
        ("阿克套港", "place", "suffix: 港"), ("阿克套", "place", "stem of: 阿克套港")]
    assert found("阿克托别是重要城市。", tokenizer=tok) == [("阿克托别", "place", "user dictionary")]
    assert [(c.form, c.score) for c in find_candidates_zh("张霄介绍了情况。", tokenizer=tok)] == [("张霄", 60)]
    assert found("张霄介绍了情况。") == []  # without the glossary's form, no cue finds it
    # neither jieba's global tokenizer nor the shared default one learnt the words
    assert "阿克套" not in jieba.dt.FREQ and default_tokenizer().user_tag("阿克套") is None
    assert tok.user_tag("阿克套") == "ns" and tok.tag("阿克套") == "ns"


def test_user_words_end_a_run_unless_a_middle_dot_joins_them() -> None:
    tok = ZhTokenizer([("哈萨克斯坦", "ns"), ("托卡耶夫", "nr")])
    assert found("哈萨克斯坦托卡耶夫总统", tokenizer=tok) == [
        ("哈萨克斯坦", "place", "user dictionary"), ("托卡耶夫", "person", "user dictionary")]
    assert found("卡瑟姆若马尔特·托卡耶夫发表讲话", tokenizer=tok) == [
        ("卡瑟姆若马尔特·托卡耶夫", "person", "ending: 耶夫")]
    assert found("米哈伊尔·米舒斯京出席了会议。") == [("米哈伊尔·米舒斯京", "person", "middle dot")]


def test_tokenizer_keeps_stderr_empty(capfd: pytest.CaptureFixture[str]) -> None:
    ZhTokenizer([("努尔特列乌", "nr")]).cut("外长努尔特列乌")
    assert capfd.readouterr().err == ""


def test_line_break_inside_a_name_is_dropped_from_the_form() -> None:
    text = "外长努尔特\n列乌和总统托卡耶夫·\n  卡瑟姆若马尔特"
    got = find_candidates_zh(text)
    assert [(c.form, c.start, c.end) for c in got] == [("努尔特列乌", 2, 8), ("托卡耶夫·卡瑟姆若马尔特", 11, 26)]
    assert text[2:8] == "努尔特\n列乌"


def test_never_across_punctuation_or_into_protected_spans() -> None:
    assert found("阿斯塔纳、阿拉木图") == [("阿斯塔纳", None, "transliteration"), ("阿拉木图", "place", "dictionary: ns")]
    assert found("托卡耶夫。卡瑟姆") == [("托卡耶夫", "person", "ending: 耶夫"), ("卡瑟姆", None, "transliteration")]
    text = "详见<b>努尔特列乌</b>与外长努尔特列乌的会谈"
    spans = protected_spans(text, "html")  # the tags, not the text between them
    assert [(c.form, c.start) for c in find_candidates_zh(text, protected=spans)] == [
        ("努尔特列乌", 5), ("努尔特列乌", 17)]
    assert [(c.form, c.start) for c in find_candidates_zh(text, protected=[(5, 10)])] == [("努尔特列乌", 17)]
    text = "见 https://kz.example/托卡耶夫 和总统托卡耶夫"
    got = find_candidates_zh(text, protected=protected_spans(text))
    assert [(c.form, c.start) for c in got] == [("托卡耶夫", text.rindex("托"))]
    # a protected span inside a name cuts it
    assert found("努尔特列乌", protected=[(2, 3)]) == []


def test_transliteration_characters() -> None:
    from importlib import resources

    data = resources.files("silkterm.glossary.data").joinpath("transliteration_chars.txt").read_text(encoding="utf-8")
    assert "madmansnest/hanzify" in data and "145ca52" in data and "Wikipedia:外语译音表/英语" in data
    assert [line.split("\t")[0] for line in data.splitlines() if not line.startswith("#")] == ["russian", "english"]
    chars = transliteration_chars()
    assert len(chars) == 332
    assert set("阿克托别努尔特列乌别克捷诺夫卡耶斯塔纳") <= chars
    assert not set("的在是了和国") & chars


@st.composite
def _texts(draw: st.DrawFn) -> str:
    pieces = ["托卡耶夫", "努尔特列乌", "阿克托别", "州", "市", "总统", "外长", "先生", "·", "-", "，", "。",
              "\n", " ", "哈萨克斯坦", "可以", "利用", "巴士", "年", "的", "在", "曾", "米", "卓", "a", "1",
              "欧亚", "经济", "联盟", "阿", "尔", "夫", "娃", "斯坦", "口岸", "机场", "铁路", "站", "“", "”"]
    return "".join(draw(st.lists(st.sampled_from(pieces), max_size=25)))


@settings(max_examples=120, deadline=None)
@given(_texts(), st.data())
def test_offsets_are_exact_ordered_and_outside_protected_spans(text: str, data: st.DataObject) -> None:
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=4, unique=True)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if b > a]
    got = find_candidates_zh(text, protected=spans)
    last = 0
    whole = None
    for c in got:
        assert isinstance(c, Candidate)
        assert re.sub(r"\r?\n[ \t]*", "", text[c.start:c.end]) == c.form
        assert not any(a < c.end and c.start < b for a, b in spans)
        assert 0 <= c.score <= 100
        if c.cue and c.cue.startswith("stem of: "):  # the stem of the name before it, inside it
            assert whole is not None and c.cue == f"stem of: {whole.form}"
            assert whole.start == c.start < c.end < whole.end
            continue
        assert last <= c.start < c.end <= len(text)
        last, whole = c.end, c


def test_copies_give_copies_of_the_candidates() -> None:
    # each sentence is judged on its own: 320 copies give 320 times the candidates, at shifted
    # offsets (no timing here: benchmarks/candidates_zh.py measures the speed)
    unit = ("哈萨克斯坦副总理兼外长努尔特列乌在阿斯塔纳会见了阿克托别州和克孜勒奥尔达州的代表，"
            "双方讨论了欧亚经济联盟框架下的合作。我们可以利用这个机会。\n")
    one = find_candidates_zh(unit)
    many = find_candidates_zh(unit * 320)
    assert len(one) >= 5
    assert [(c.form, c.start - c.start // len(unit) * len(unit)) for c in many] == [
        (c.form, c.start) for _ in range(320) for c in one]


def test_user_words_with_middle_dots_and_dashes() -> None:
    """jieba cuts at · and —; the tokenizer matches such user words whole before it cuts."""
    tok = ZhTokenizer([("铁木尔·沙伊梅尔格诺夫", "nr"), ("中国—哈萨克斯坦传统医学中心", "nt")])
    assert found("铁木尔·沙伊梅尔格诺夫参观了中国—哈萨克斯坦传统医学中心。", tokenizer=tok) == [
        ("铁木尔·沙伊梅尔格诺夫", "person", "user dictionary"),
        ("中国—哈萨克斯坦传统医学中心", "organisation", "user dictionary")]
    assert found("铁木尔·沙伊梅尔格诺夫参观了中国—哈萨克斯坦传统医学中心。") == [
        ("铁木尔·沙伊梅尔格诺夫", "person", "ending: 诺夫"),  # 铁木尔 is a name jieba knows (nr)
        ("哈萨克斯坦传统医学中心", "organisation", "suffix: 中心")]


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="托卡耶夫努尔特列乌阿克别州市部斯坦总统先生·-—，。\n 年的在米曾卓可以利用巴士欧亚经济联盟哈萨李强王毅a1<>口岸站“”、",
               max_size=40))
def test_any_text_gives_exact_non_overlapping_candidates(text: str) -> None:
    tok = _USER_TOKENIZER
    for tokenizer in (None, tok):
        last = 0
        for c in find_candidates_zh(text, tokenizer=tokenizer):
            assert re.sub(r"\r?\n[ \t]*", "", text[c.start:c.end]) == c.form
            if c.cue and c.cue.startswith("stem of: "):
                assert c.end < last  # inside the name before it
                continue
            assert last <= c.start < c.end <= len(text)
            last = c.end


_USER_TOKENIZER = ZhTokenizer([("托卡耶夫", "nr"), ("阿克托别", "ns"), ("哈萨克斯坦", "ns"), ("努尔特列乌·托卡耶夫", "nr")])

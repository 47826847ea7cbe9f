"""Fuzzy search and concordance (silkterm.tm.search)."""

from __future__ import annotations

import random
import sqlite3

import pytest
from silkterm.tm.model import Segment, Unit, escape
from silkterm.tm.search import ConcordanceHit, Hit, concordance, score, search
from silkterm.tm.store import Memory

ROWS = [
    ("u1", "Trains exit China at Khorgos.", "列车从霍尔果斯出境。"),
    ("u2", "trains exit china at khorgos.", "列车从霍尔果斯出境"),
    ("u3", "Trains exit China at Khorgos", "火车从霍尔果斯出境。"),
    ("u4", "Trains exit China at Horgos.", "列车从霍尔果斯口岸出境。"),
    ("u5", "Trucks enter Kazakhstan at Khorgos.", "卡车从霍尔果斯进入哈萨克斯坦。"),
    ("u6", "The Nurly Zhol programme was launched in 2014.", "光明之路计划于2014年启动。"),
    ("u7", "A & B", "甲和乙"),
    ("u8", "Trains exit China at Khorgas.", "列车经霍尔果斯出境。"),
]


def _unit(tuid: str, en: str, zh: str, zh_lang: str = "zh-Hans") -> Unit:
    return Unit(tuid, (Segment("en", escape(en)), Segment(zh_lang, escape(zh))),
                props=(("x-domain", "news"),))


@pytest.fixture
def memory(tmp_path):
    m = Memory(tmp_path / "m.sqlite")
    m.add(_unit(*row) for row in ROWS)
    yield m
    m.close()


def _brief(result):
    return [(h.tuid, h.score, h.how) for h in result.hits]


def test_exact_first_then_score_then_length(memory):
    result = search(memory, "Trains exit China at Khorgos.")
    # key 'trains exit china at khorgos.' (29): u8 one substitution (28/29, same length) before
    # u3 and u4, one deletion each (28/29, one shorter), in storage order
    assert _brief(result) == [("u1", 100, "exact"), ("u2", 99, "fuzzy"), ("u8", 96, "fuzzy"),
                              ("u3", 96, "fuzzy"), ("u4", 96, "fuzzy")]
    top = result.hits[0]
    assert top == Hit("u1", 100, "Trains exit China at Khorgos.", "列车从霍尔果斯出境。", "en",
                      "zh-hans", (("x-domain", "news"),), "exact")


def test_scores_pinned():
    # token-aware English: case and spacing never cost, punctuation does
    assert score("Trains exit China.", "Trains exit China.") == 100
    assert score(" Trains exit China. ", "Trains exit China.") == 100
    assert score("Trains exit China.", "trains  exit\tCHINA.") == 99
    assert score("Trains exit China.", "Trains exit China .") == 94  # 18/19 = 94.7
    assert score("Trains exit China.", "Trains exit Chinas.") == 94
    # 'trains exit china.' (18) vs 'trucks exit china.': 3 substitutions -> 100*15/18 = 83.3
    assert score("Trains exit China.", "Trucks exit China.") == 83
    # Chinese: per character, whitespace dropped: 1 deletion in 7 -> 85.7
    assert score("列车驶出中国", "列车驶出中国。") == 85
    assert score("列车 驶出中国。", "列车驶出中国。") == 99


def test_chinese_query(memory):
    result = search(memory, "列车从霍尔果斯出境。", source_lang="zh-Hans", target_lang="en")
    # per character: u3 and u8 one substitution (same length) before u2 one deletion
    assert _brief(result) == [("u1", 100, "exact"), ("u3", 90, "fuzzy"), ("u8", 90, "fuzzy"),
                              ("u2", 90, "fuzzy"), ("u4", 83, "fuzzy")]
    assert result.hits[0].target == "Trains exit China at Khorgos."
    assert result.hits[0].target_lang == "en"


def test_min_score_and_limit(memory):
    assert _brief(search(memory, "Trains exit China at Khorgos.", min_score=97)) == [
        ("u1", 100, "exact"), ("u2", 99, "fuzzy")]
    assert len(search(memory, "Trains exit China at Khorgos.", min_score=96).hits) == 5
    assert _brief(search(memory, "Trains exit China at Khorgos.", limit=2)) == [
        ("u1", 100, "exact"), ("u2", 99, "fuzzy")]
    assert search(memory, "Completely unrelated words here").hits == ()
    with pytest.raises(ValueError):
        search(memory, "x", min_score=101)
    with pytest.raises(ValueError):
        search(memory, "x", limit=0)


def test_short_and_empty_queries(memory):
    # under three characters: the (lang, text) index, exact/prefix
    result = search(memory, "A & B", min_score=0)
    assert _brief(result)[0] == ("u7", 100, "exact")
    assert search(memory, "   ").hits == ()
    assert search(memory, "甲和", source_lang="zh-Hans", min_score=60).hits[0].tuid == "u7"


def test_target_falls_back_to_same_language(tmp_path):
    with Memory(tmp_path / "cn.sqlite") as m:
        m.add([_unit("c1", "Trains exit China at Khorgos.", "列车出境。", zh_lang="zh-CN")])
        hit = search(m, "Trains exit China at Khorgos.").hits[0]
        assert (hit.target, hit.target_lang) == ("列车出境。", "zh-cn")
        assert search(m, "Trains exit China at Khorgos.", target_lang="kk").hits[0].target is None


def test_glossary_terms_in_query(memory):
    from silkterm.glossary import load_glossary

    result = search(memory, "Trains exit China at Horgos.", glossary=load_glossary())
    assert result.hits[0].tuid == "u4"
    marks = [(t.surface, t.concept_id, t.canonical, t.zh, t.start, t.end) for t in result.terms]
    assert ("Horgos", "khorgos", "Khorgos", "霍尔果斯", 21, 27) in marks
    assert result.to_dict()["terms"][marks.index(("Horgos", "khorgos", "Khorgos", "霍尔果斯",
                                                  21, 27))]["zh"] == "霍尔果斯"


def test_to_dict(memory):
    d = search(memory, "Trains exit China at Khorgos.", limit=1).to_dict()
    assert d == {"query": "Trains exit China at Khorgos.", "terms": [], "hits": [{
        "tuid": "u1", "score": 100, "source": "Trains exit China at Khorgos.",
        "target": "列车从霍尔果斯出境。", "source_lang": "en", "target_lang": "zh-hans",
        "props": [["x-domain", "news"]], "how": "exact"}]}


def test_exhaustive_sees_changes(memory):
    assert _brief(search(memory, "Trains exit China at Khorgoss.", exhaustive=True))[0] == (
        "u1", 96, "fuzzy")
    memory.add([_unit("u9", "Trains exit China at Khorgoss.", "列车出境。")])
    assert _brief(search(memory, "Trains exit China at Khorgoss.", exhaustive=True))[0] == (
        "u9", 100, "exact")


def _sentences(rng: random.Random, n: int) -> list[str]:
    syllables = ["ka", "zakh", "stan", "khor", "gos", "nur", "ly", "zhol", "as", "ta", "na",
                 "al", "ma", "ty", "ur", "um", "qi", "port", "rail", "way", "the", "of", "and",
                 "in", "to", "trade", "bor", "der", "dry", "sil", "k", "ro", "ad", "be", "lt"]
    out = []
    for _ in range(n):
        words = ["".join(rng.choice(syllables) for _ in range(rng.randint(1, 3)))
                 for _ in range(rng.randint(5, 30))]
        out.append(" ".join(words).capitalize() + ".")
    return out


def _edit(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(chars))
        op = rng.choice("sid")
        if op == "s":
            chars[i] = rng.choice("abcdefghijklmnopqrstuvwxyz")
        elif op == "i":
            chars.insert(i, rng.choice("abcdefghijklmnopqrstuvwxyz"))
        else:
            del chars[i]
    return "".join(chars)


def test_indexed_agrees_with_exhaustive(tmp_path):
    rng = random.Random(4)
    texts = _sentences(rng, 400)
    with Memory(tmp_path / "r.sqlite") as m:
        m.add(_unit(f"r{i:03d}", t, "译文。") for i, t in enumerate(texts))
        queries = [_edit(rng, rng.choice(texts)) for _ in range(120)]
        for q in queries:
            indexed = search(m, q)
            reference = search(m, q, exhaustive=True)
            assert indexed.hits, q
            assert indexed.hits[0] == reference.hits[0], q
        # and a bare connection works (no cache)
        assert search(m.connection, queries[0]).hits == search(m, queries[0]).hits


def test_concordance_spans(memory):
    hits = concordance(memory, "khorgos", lang="en")
    assert [(h.tuid, h.spans) for h in hits] == [
        ("u1", ((21, 28),)), ("u2", ((21, 28),)), ("u3", ((21, 28),)), ("u5", ((27, 34),))]
    assert hits[0].highlighted() == "Trains exit China at [[Khorgos]]."
    assert hits[0].others == (("zh-hans", "列车从霍尔果斯出境。"),)
    assert hits[0].to_dict() == {"tuid": "u1", "lang": "en",
                                 "text": "Trains exit China at Khorgos.", "spans": [[21, 28]],
                                 "others": [{"lang": "zh-hans", "text": "列车从霍尔果斯出境。"}]}
    # every occurrence, any language, limit
    zh = concordance(memory, "霍尔果斯")
    assert [h.tuid for h in zh] == ["u1", "u2", "u3", "u4", "u5", "u8"]
    assert zh[3].highlighted() == "列车从[[霍尔果斯]]口岸出境。"
    assert len(concordance(memory, "霍尔果斯", limit=2)) == 2
    # under three characters: LIKE; the phrase's own case is irrelevant
    assert [(h.tuid, h.spans) for h in concordance(memory, "Na", lang="en")] == [
        ("u1", ((15, 17),)), ("u2", ((15, 17),)), ("u3", ((15, 17),)), ("u4", ((15, 17),)),
        ("u8", ((15, 17),))]
    assert [(h.tuid, h.spans) for h in concordance(memory, "in", lang="en")] == [
        ("u1", ((3, 5), (14, 16))), ("u2", ((3, 5), (14, 16))), ("u3", ((3, 5), (14, 16))),
        ("u4", ((3, 5), (14, 16))), ("u6", ((38, 40),)), ("u8", ((3, 5), (14, 16)))]
    assert concordance(memory, "出境", lang="zh-Hans")[0].spans == ((7, 9),)
    assert concordance(memory, "%") == ()
    assert concordance(memory, "Ulaanbaatar") == ()
    assert ConcordanceHit("t", "en", "a b a", ((0, 1), (4, 5))).highlighted("<", ">") == "<a> b <a>"


def test_store_errors_are_tm_errors(tmp_path):
    from silkterm.tm.errors import TMStoreError

    con = sqlite3.connect(tmp_path / "bad.sqlite")
    con.execute("CREATE TABLE segments(id INTEGER PRIMARY KEY)")
    with pytest.raises(TMStoreError):
        search(con, "Trains exit China at Khorgos.")
    with pytest.raises(TMStoreError):
        concordance(con, "Khorgos")


def test_target_in_another_chinese_script_is_not_shown(tmp_path):
    with Memory(tmp_path / "m.sqlite") as m:
        m.add([Unit("a", (Segment("en", "Khorgos border crossing"),
                          Segment("zh-Hans", "霍尔果斯口岸"))),
               Unit("b", (Segment("en", "Khorgos border crossings"),
                          Segment("zh-TW", "霍爾果斯口岸")))])

        def targets(lang):
            return [(h.tuid, h.target_lang, h.target)
                    for h in search(m, "Khorgos border crossing", target_lang=lang).hits]

        assert targets("zh-Hant") == [("a", None, None), ("b", "zh-tw", "霍爾果斯口岸")]
        assert targets("zh-CN") == [("a", "zh-hans", "霍尔果斯口岸"), ("b", None, None)]
        assert targets("zh") == [("a", "zh-hans", "霍尔果斯口岸"), ("b", "zh-tw", "霍爾果斯口岸")]


def test_equivalent_and_more_specific_source_tags(tmp_path):
    """A zh-Hans query finds zh-CN segments, an en query en-US ones: indexed, exhaustive and
    short queries alike."""
    with Memory(tmp_path / "m.sqlite") as m:
        m.add([Unit("a", (Segment("en-US", "The Khorgos Gateway dry port opened in 2015."),
                          Segment("zh-CN", "霍尔果斯东门无水港于2015年开通。"))),
               Unit("b", (Segment("en-US", "OK"), Segment("zh-CN", "好")))])
        for exhaustive in (False, True):
            zh = search(m, "霍尔果斯东门无水港于2016年开通", source_lang="zh-Hans", target_lang="en",
                        exhaustive=exhaustive)
            assert [(h.tuid, h.source_lang, h.target_lang) for h in zh.hits] == [
                ("a", "zh-cn", "en-us")]
            en = search(m, "The Khorgos Gateway dry port opened in 2016.", exhaustive=exhaustive)
            assert [(h.tuid, h.target) for h in en.hits] == [("a", "霍尔果斯东门无水港于2015年开通。")]
        assert [h.tuid for h in search(m, "OK").hits] == ["b"]
        assert [h.tuid for h in search(m, "好", source_lang="zh-Hans", target_lang="en").hits] == ["b"]
        assert [h.tuid for h in search(m, "好", source_lang="zh-Hant", target_lang="en").hits] == []
        assert [h.tuid for h in concordance(m, "Gateway", lang="en")] == ["a"]
        assert [h.tuid for h in concordance(m, "无水港", lang="zh-Hans")] == ["a"]
        assert m.langs() == ["en-US", "zh-CN"]


def test_stored_and_sampled_trigram_statistics_give_the_same_hits(memory):
    """A memory whose stored sample is out of date (made by another tool, or by hand) is sampled
    on the first query instead: the same counts, the same hits."""
    from silkterm.tm import search as search_module

    queries = ["Trains exit China at Khorgos", "列车从霍尔果斯出境", "Trucks enter at Horgos"]
    stored = [search(memory, q, source_lang="zh-Hans" if q[0] > "z" else "en") for q in queries]
    rarity = search_module._rarity(memory, memory.connection)
    assert rarity.counts is None  # read from trigram_sample
    memory.connection.execute("DELETE FROM meta WHERE key = 'sample_generation'")
    sampled = search_module._rarity(memory, memory.connection)
    assert sampled.counts is not None and sampled.lookup(["kho", "zzz"]) == rarity.lookup(
        ["kho", "zzz"]) == {"kho": 5}
    assert [search(memory, q, source_lang="zh-Hans" if q[0] > "z" else "en")
            for q in queries] == stored


def test_concordance_of_a_phrase_whose_lower_case_is_longer(tmp_path):
    with Memory(tmp_path / "m.sqlite") as m:
        m.add([Unit("a", (Segment("en", "Flights from İstanbul to Almaty"),
                          Segment("zh-Hans", "从伊斯坦布尔飞往阿拉木图")))])
        assert [h.spans for h in concordance(m, "İstanbul")] == [((13, 21),)]
        assert [h.tuid for h in concordance(m, "İST")] == ["a"]
        assert [h.tuid for h in concordance(m, "ALMATY")] == ["a"]

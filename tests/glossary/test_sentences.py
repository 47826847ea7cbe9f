"""glossary/sentences.py: the sentence conventions of benchmarks/align/README.md, exactly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from silkterm.glossary.sentences import Sentence, split_sentences


def texts(text: str, lang: str) -> list[str]:
    return [s.text for s in split_sentences(text, lang)]


@pytest.mark.parametrize(("text", "expected"), [
    ("“学中文让我看到了一个更大的世界。”萨德科娃说。", ["“学中文让我看到了一个更大的世界。”", "萨德科娃说。"]),
    ("他说：“中欧班列是桥梁。”", ["他说：“中欧班列是桥梁。”"]),
    ("“换汇成本能省下不少，”她说。", ["“换汇成本能省下不少，”她说。"]),
    ("管道投入商业运营；目前年输油能力为2000万吨。", ["管道投入商业运营；", "目前年输油能力为2000万吨。"]),
    ("真的吗？当然！好。", ["真的吗？", "当然！", "好。"]),
    ("他说（见下）。「好。」『是。』", ["他说（见下）。", "「好。」", "『是。』"]),
    ("A.B.阿利耶夫出席。", ["A.B.阿利耶夫出席。"]),
])
def test_chinese_sentence_ends(text, expected):
    assert texts(text, "zh") == expected
    assert texts(text, "zh-Hans") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("ASTANA, Nov. 2 (Xinhua) -- Trade rose. It grew.",
     ["ASTANA, Nov. 2 (Xinhua) -- Trade rose.", "It grew."]),
    ("It opened on Sept. 18 and Aug. 26 in U.S. dollars.", ["It opened on Sept. 18 and Aug. 26 in U.S. dollars."]),
    ("Silkway Payment Co., Ltd. will pay. Co., Ltd., a company, paid.",
     ["Silkway Payment Co., Ltd. will pay.", "Co., Ltd., a company, paid."]),
    ("Mr. A. B. Aliyev spoke. L.N. Gumilyov University hosted it.",
     ["Mr. A. B. Aliyev spoke.", "L.N. Gumilyov University hosted it."]),
    ("It stopped at station No. 3. Then it left.", ["It stopped at station No. 3.", "Then it left."]),
    ('"Who doesn\'t want to save on exchange costs?" said Sun with a smile.',
     ['"Who doesn\'t want to save on exchange costs?" said Sun with a smile.']),
    ('"A train used to wait for two days. Now it takes 20 hours," he said.',
     ['"A train used to wait for two days.', 'Now it takes 20 hours," he said.']),
    ("Prices rose 3.5 percent. The bank agreed! Why? Nobody knows...",
     ["Prices rose 3.5 percent.", "The bank agreed!", "Why?", "Nobody knows..."]),
    ("Trade with the U.S. The talks went on.", ["Trade with the U.S.", "The talks went on."]),
])
def test_english_abbreviations_and_initials(text, expected):
    assert texts(text, "en") == expected
    assert texts(text, "en-GB") == expected


def test_headline_and_dateline_rules():
    en = "Trains hit record high\nURUMQI, May 6 (Xinhua) -- \nA total of 2,436 trains\npassed. Done.\n\nNext"
    assert texts(en, "en") == ["Trains hit record high",
                               "URUMQI, May 6 (Xinhua) -- A total of 2,436 trains passed.", "Done.",
                               "Next"]
    zh = "霍尔果斯口岸中欧班列开行量创新高\n新华社乌鲁木齐5月6日电（记者 张明）\n记者获悉，班列增长\n\n运输货物386.4万吨"
    assert texts(zh, "zh") == ["霍尔果斯口岸中欧班列开行量创新高", "新华社乌鲁木齐5月6日电（记者 张明） 记者获悉，班列增长",
                               "运输货物386.4万吨"]
    assert texts("新华社阿斯塔纳6月3日电 哈萨克斯坦宣布。", "zh") == ["新华社阿斯塔纳6月3日电 哈萨克斯坦宣布。"]


def test_a_blank_line_always_ends_a_sentence():
    assert texts("It rose by Nov.\n\n2 percent", "en") == ["It rose by Nov.", "2 percent"]
    assert texts("增长\n \n达到", "zh") == ["增长", "达到"]


def test_offsets_are_exact_and_whitespace_collapses():
    text = "  Trade  rose\n sharply. It grew.\n"
    got = split_sentences(text, "en")
    assert got == [Sentence("Trade rose sharply.", 2, 23), Sentence("It grew.", 24, 32)]
    assert all(" ".join(text[s.start:s.end].split()) == s.text for s in got)


def test_unknown_language():
    with pytest.raises(ValueError, match="no sentence splitter"):
        split_sentences("x", "kk")


def test_linear_in_the_text():
    text = ("Mr. A. B. Aliyev said U.S. trade rose. " * 20000) + "\n\n" + "增长。" * 20000
    assert len(split_sentences(text, "en")) == 20001
    assert len(split_sentences(text, "zh")) == 20001


ALPHABET = st.sampled_from(list("ab AB.?!\"”。；，Mr No1\n\n\t新华社电（）") + ["Nov.", "U.S.", " -- ", "电\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join), st.sampled_from(["en", "zh"]))
def test_sentences_cover_the_non_space_characters_in_order(text, lang):
    got = split_sentences(text, lang)
    assert "".join("".join(s.text.split()) for s in got) == "".join(text.split())
    last = 0
    for s in got:
        assert last <= s.start < s.end <= len(text)
        assert not text[s.start].isspace() and not text[s.end - 1].isspace()
        assert s.text == " ".join(text[s.start:s.end].split())
        last = s.end


@pytest.mark.parametrize(("text", "expected"), [
    ('"Sometimes I spend days on a single word!" Bekova said with a smile. Then she left.',
     ['"Sometimes I spend days on a single word!" Bekova said with a smile.', "Then she left."]),
    ('"Why not go and have a look?" Zhou Lin said.', ['"Why not go and have a look?" Zhou Lin said.']),
    ('"Why?" The talks ended.', ['"Why?"', "The talks ended."]),
    ('"Why?" Astana Airport Operators Group reported.', ['"Why?"', "Astana Airport Operators Group reported."]),
])
def test_a_quoted_question_or_exclamation_and_its_speaker_are_one_sentence(text, expected):
    assert [s.text for s in split_sentences(text, "en")] == expected

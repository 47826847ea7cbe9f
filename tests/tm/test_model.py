"""The memory's value types: plain text of segment content, ids, language matching."""

from __future__ import annotations

import dataclasses

import pytest
from silkterm.tm.model import (
    Segment,
    Unit,
    escape,
    lang_matches,
    make_id,
    normalize_lang,
)


@pytest.mark.parametrize("content, text", [
    ("Khorgos", "Khorgos"),
    ("R&amp;D &lt;b&gt;", "R&D <b>"),
    ('at <bpt i="1">&lt;b&gt;</bpt>Khorgos<ept i="1">&lt;/b&gt;</ept>.', "at Khorgos."),
    ('<hi type="b">dry <hi x="2">port</hi></hi>!', "dry port!"),
    ('a<ph x="1"/>b', "ab"),
    ('a<ph x="1">&lt;br/&gt;<sub>caption</sub></ph>b', "ab"),
    ('<it pos="begin">&lt;a&gt;</it>Astana', "Astana"),
    ('x<ut>{\\b}</ut>y', "xy"),
    ("霍尔果斯 &amp; 阿斯塔纳", "霍尔果斯 & 阿斯塔纳"),
])
def test_segment_text_drops_codes_and_unescapes(content, text):
    assert Segment("en", content).text == text
    assert Unit.text_of(content) == text


def test_escape_and_from_text_round_trip():
    plain = "a < b && c > d"
    assert escape(plain) == "a &lt; b &amp;&amp; c &gt; d"
    assert Segment.from_text("en", plain).text == plain


def test_make_id_is_stable_and_distinguishes_source_and_target():
    assert make_id("Khorgos", "霍尔果斯") == make_id("Khorgos", "霍尔果斯")
    assert make_id("Khorgos", "霍尔果斯").startswith("sk-")
    assert len(make_id("Khorgos", "霍尔果斯")) == 3 + 16
    assert make_id("ab", "c") != make_id("a", "bc")
    assert make_id("Khorgos", "霍尔果斯") == "sk-" + __import__("hashlib").blake2b(
        "Khorgos\x00霍尔果斯".encode(), digest_size=8).hexdigest()


@pytest.mark.parametrize("tag, expected", [
    ("en", "en"), ("EN-us", "en-US"), ("zh-hans", "zh-Hans"), ("ZH-HANT-tw", "zh-Hant-TW"),
    ("zh_CN", "zh-CN"), ("es-419", "es-419"), ("kk", "kk"),
])
def test_normalize_lang(tag, expected):
    assert normalize_lang(tag) == expected


@pytest.mark.parametrize("wanted, lang, ok", [
    ("zh", "zh-Hans", True), ("zh", "zh-CN", True), ("zh-Hans", "zh-cn", True),
    ("zh-Hant", "zh-TW", True), ("zh-Hans", "zh-Hant", False), ("zh-Hans", "zh", False),
    ("en", "en-GB", True), ("en", "eng", False), ("kk", "kk-Cyrl-KZ", True), ("ru", "kk", False),
])
def test_lang_matches(wanted, lang, ok):
    assert lang_matches(wanted, lang) is ok


def test_unit_segment_prefers_the_exact_tag():
    unit = Unit("u", (Segment("zh-CN", "一"), Segment("zh-Hans", "二"), Segment("en", "one")))
    assert unit.segment("zh-hans").content == "二"
    assert unit.segment("zh").content == "一"
    assert unit.segment("ZH-cn").content == "一"
    assert unit.segment("kk") is None
    assert unit.langs == ("zh-CN", "zh-Hans", "en")


def test_values_are_frozen():
    unit = Unit("u", (Segment("en", "x"),), props=(("t", "v"),))
    with pytest.raises(dataclasses.FrozenInstanceError):
        unit.id = "v"  # type: ignore[misc]
    assert unit.prop("t") == "v" and unit.prop("x") is None

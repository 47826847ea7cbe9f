"""The seed memory built from the glossary, and the copy shipped with the package."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from silkterm.tm.build import SEED_DATE, build_seed_units, write_seed
from silkterm.tm.model import Segment, Unit
from silkterm.tm.store import seed_path
from silkterm.tm.tmx import read_tmx

DTD = Path(__file__).resolve().parent.parent / "data" / "standards" / "tmx14.dtd"


def test_one_unit_per_concept(small):
    units = build_seed_units(small, "2026-01-02")
    assert [u.id for u in units] == [c.id for c in small]
    k = units[0]
    assert k == Unit(
        "khorgos",
        (Segment("en", "Khorgos"), Segment("zh-Hans", "霍尔果斯"), Segment("zh-Hant", "霍爾果斯"),
         Segment("kk", "Қорғас"), Segment("ru", "Хоргос")),
        props=k.props, notes=("Border crossing between China and Kazakhstan.",),
        created="20260102T000000Z", changed="20260102T000000Z")
    assert k.props[:3] == (("x-silkterm-type", "place"), ("x-silkterm-pinyin", small["khorgos"].pinyin),
                           ("x-silkterm-status", "verified"))
    variants = [v for t, v in k.props if t == "x-silkterm-variant"]
    assert variants[:3] == ["Horgos|en|deprecated|spelling", "Khorgas|en|admitted|spelling",
                            "霍果斯|zh|deprecated|misspelling"]
    assert len(variants) == len(small["khorgos"].variants)  # listed and generated ones


def test_concept_without_chinese_has_english_only(small):
    nurly = next(u for u in build_seed_units(small, "2026-01-02") if u.id == "nurly-zhol")
    assert nurly.langs == ("en",)
    assert ("x-silkterm-variant", "Bright Road|en|deprecated|calque") in nurly.props
    assert not any(t == "x-silkterm-pinyin" for t, _ in nurly.props)


def test_traditional_equal_to_simplified_is_kept(small):
    xian = next(u for u in build_seed_units(small, "2026-01-02") if u.id == "xian")
    assert [(s.lang, s.content) for s in xian.segments] == [
        ("en", "Xi'an"), ("zh-Hans", "西安"), ("zh-Hant", "西安")]


def test_seed_file_validates(tmp_path, small):
    out = tmp_path / "seed.tmx"
    assert write_seed(small, out, "2026-01-02") == len(small)
    dtd = etree.DTD(str(DTD))
    assert dtd.validate(etree.parse(str(out))), dtd.error_log.filter_from_errors()
    assert list(read_tmx(out)) == build_seed_units(small, "2026-01-02")


def test_packaged_seed_is_up_to_date(glossary, tmp_path):
    """silkterm/tm/data/seed.tmx is the seed memory of the built-in glossary. If this fails,
    regenerate it: silkterm tm build --date 2026-11-22 --output tm/data/seed.tmx"""
    out = tmp_path / "seed.tmx"
    write_seed(glossary, out, SEED_DATE)
    assert seed_path().read_bytes() == out.read_bytes(), (
        f"tm/data/seed.tmx is stale: run `silkterm tm build --date {SEED_DATE} "
        "--output tm/data/seed.tmx`")

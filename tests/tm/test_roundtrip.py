"""One round-trip contract for every exchange format that can both read and write.

File → memory → export → import → memory → export → import must keep what the format can
carry (``Format.keeps``):

* tmx keeps everything: unit ids, properties (in order, repeats included), notes, creation and
  change dates, other ``<tu>``/``<tuv>`` attributes, segment properties and notes, every
  language, and inline markup (bpt/ept/ph/it/hi with their attributes). It loses header
  properties/notes and the ``xml:lang``/``o-encoding`` attributes of ``<prop>`` and ``<note>``.
* csv/tsv keep the unit id, the plain text of the source and target segments and the notes
  (several notes come back as one, joined by a newline); they lose properties, dates,
  attributes, markup and other languages.
* po keeps what its ``keeps`` declares (the PO adapter's documentation says how).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from silkterm.tm.formats import CAPABILITIES, FORMATS, Format
from silkterm.tm.model import Segment, Unit, lang_matches
from silkterm.tm.store import Memory
from silkterm.tm.tmx import read_tmx

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "tm" / "sample.tmx"
PAIR = ("en", "zh-Hans")

EXTRA = [
    Unit("quotes", (Segment("en", 'He said "Nurly Zhol" \\ it\'s 50% done'),
                    Segment("zh-Hans", "他说“光明之路”已完成50%")), notes=("quotes & backslash",)),
    Unit("lines", (Segment("en", "line one\nline two\twith tab"),
                   Segment("zh-Hans", "第一行\n第二行")),
         created="20250101T000000Z", changed="20250102T000000Z"),
    Unit("escapes", (Segment("en", "a &lt; b &amp;&amp; c &gt; d"), Segment("zh-Hans", "甲&lt;乙"))),
    # characters XML forbids, as gettext catalogues hold them (BEL, VT), in texts and a note
    Unit("controls", (Segment("en", "Bell\x07, tab\x0b, \x1b[1m"), Segment("zh-Hans", "响铃\x07")),
         notes=("form\x0cfeed",)),
]


def sample_units() -> list[Unit]:
    return list(read_tmx(SAMPLE)) + EXTRA


def round_trip_formats() -> list[Format]:
    return [f for f in FORMATS.values() if f.read is not None and f.write is not None]


def project(fmt: Format, units: Iterable[Unit]) -> list[object]:
    """What ``fmt`` promises to keep of ``units``."""
    if fmt.keeps >= CAPABILITIES:
        return list(units)
    out = []
    for u in units:
        source, target = u.segment(PAIR[0]), u.segment(PAIR[1])
        if source is None:
            continue
        out.append((u.id if "id" in fmt.keeps else None,
                    source.content if "markup" in fmt.keeps else source.text,
                    None if target is None else
                    (target.content if "markup" in fmt.keeps else target.text),
                    "\n".join(u.notes) if "notes" in fmt.keeps else None))
    return out


def languages_ok(fmt: Format, units: Iterable[Unit]) -> bool:
    if "langs" in fmt.keeps:
        return True
    return all(any(lang_matches(w, s.lang) for w in PAIR) for u in units for s in u.segments)


def assert_round_trip(fmt: Format, units: list[Unit], tmp_path: Path) -> None:
    """The contract: units survive memory → fmt → memory → fmt → memory as ``fmt.keeps`` says."""
    ext = fmt.extensions[0]
    with Memory(tmp_path / "a.sqlite") as a:
        a.add(units)
        assert fmt.write(a.units(), tmp_path / f"one.{ext}", source_lang=PAIR[0],
                         target_lang=PAIR[1]).count == len(units)
    back = list(fmt.read(tmp_path / f"one.{ext}", source_lang=PAIR[0], target_lang=PAIR[1]))
    assert project(fmt, back) == project(fmt, units)
    assert languages_ok(fmt, back)
    with Memory(tmp_path / "b.sqlite") as b:
        stats = b.add(back)
        assert stats.added == len(units)
        fmt.write(b.units(), tmp_path / f"two.{ext}", source_lang=PAIR[0], target_lang=PAIR[1])
        again = list(fmt.read(tmp_path / f"two.{ext}", source_lang=PAIR[0], target_lang=PAIR[1]))
        assert project(fmt, again) == project(fmt, units)
        # importing the export again changes nothing
        assert b.add(again).skipped == len(units)


def test_the_formats_under_contract():
    names = [f.name for f in round_trip_formats()]
    assert {"tmx", "csv", "tsv", "po"} <= set(names)


@pytest.mark.parametrize("name", [f.name for f in round_trip_formats()])
def test_round_trip(name, tmp_path):
    assert_round_trip(FORMATS.for_name(name), sample_units(), tmp_path)


def test_tmx_round_trip_is_byte_stable(tmp_path):
    fmt = FORMATS.for_name("tmx")
    with Memory(tmp_path / "m.sqlite") as m:
        m.add(sample_units())
        fmt.write(m.units(), tmp_path / "one.tmx", source_lang="en")
    with Memory(tmp_path / "n.sqlite") as n:
        n.add(read_tmx(tmp_path / "one.tmx"))
        fmt.write(n.units(), tmp_path / "two.tmx", source_lang="en")
    assert (tmp_path / "one.tmx").read_bytes() == (tmp_path / "two.tmx").read_bytes()


def test_tmx_keeps_the_origin(tmp_path):
    with Memory(tmp_path / "m.sqlite") as m:
        m.add(read_tmx(SAMPLE), origin="sample.tmx")
        FORMATS.for_name("tmx").write(m.units(), tmp_path / "o.tmx", source_lang="en")
    assert {u.origin for u in read_tmx(tmp_path / "o.tmx")} == {"sample.tmx"}

"""TMX 1.4b reading and writing: the sample memory, the header, errors with lines, hostile input."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from silkterm.tm import tmx
from silkterm.tm.errors import TMError, TMFormatError
from silkterm.tm.model import Segment, Unit, make_id
from silkterm.tm.tmx import read_tmx, write_tmx

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLE = DATA / "tm" / "sample.tmx"
DTD = DATA / "standards" / "tmx14.dtd"

HEADER = ('<header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" '
          'adminlang="en" srclang="en" datatype="plaintext"/>')


def tmx_text(body: str, prolog: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{prolog}<tmx version="1.4">\n{HEADER}\n'
            f"<body>\n{body}\n</body>\n</tmx>\n")


def write(tmp_path: Path, text: str | bytes, name: str = "m.tmx") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


def valid(path: Path) -> bool:
    dtd = etree.DTD(str(DTD))
    ok = dtd.validate(etree.parse(str(path)))
    assert ok, dtd.error_log.filter_from_errors()
    return ok


# --- reading --------------------------------------------------------------------------------

def test_sample_is_valid_tmx():
    assert valid(SAMPLE)


def test_read_sample_keeps_everything():
    units = list(read_tmx(SAMPLE))
    assert [u.id for u in units] == ["khorgos-1", "astana-2",
                                     make_id("Shanghai Cooperation Organisation", "上海合作组织")]
    k = units[0]
    assert k.props == (("x-domain", "border"), ("x-project", "silk & road"), ("x-domain", "rail"))
    assert k.notes == ("First note.", "Second note <with brackets>.")
    assert (k.created, k.changed) == ("20240105T101500Z", "20240206T120000Z")
    assert k.attrs == (("changeid", "bob"), ("creationid", "alice"), ("datatype", "html"),
                       ("srclang", "en"), ("usagecount", "3"))
    en, zh = k.segments
    assert en.lang == "en" and zh.lang == "zh-Hans"
    assert en.attrs == (("creationdate", "20240105T101500Z"), ("creationid", "alice"))
    assert en.props == (("x-quality", "95"),) and en.notes == ("source note",)
    assert en.content == ('Trains exit China at <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>'
                          'Khorgos<ept i="1">&lt;/b&gt;</ept>, the <hi type="italic" x="2">dry '
                          'port</hi>.<ph x="3" type="lb" assoc="p">&lt;br/&gt;</ph>')
    assert en.text == "Trains exit China at Khorgos, the dry port."
    assert zh.text == "列车从霍尔果斯出境，这是一个无水港。"
    a = units[1]
    assert a.segment("en").content.startswith('<it pos="begin" x="4" type="link">&lt;a href='
                                              '"https://example.org/?a=1&amp;b=2"&gt;</it>')
    assert a.segment("kk").text == "Астана – астана"


def test_tuid_generated_from_source_in_header_srclang(tmp_path):
    body = ('<tu><tuv xml:lang="zh-Hans"><seg>霍尔果斯</seg></tuv>'
            '<tuv xml:lang="en"><seg>Khorgos</seg></tuv></tu>')
    [unit] = read_tmx(write(tmp_path, tmx_text(body)))
    assert unit.id == make_id("Khorgos", "霍尔果斯")


def test_legacy_lang_attribute_and_lang_case(tmp_path):
    body = '<tu tuid="a"><tuv lang="ZH-hans"><seg>一</seg></tuv></tu>'
    [unit] = read_tmx(write(tmp_path, tmx_text(body)))
    assert unit.segments == (Segment("zh-Hans", "一"),)


def test_origin_prop_becomes_origin(tmp_path):
    body = ('<tu tuid="a"><prop type="x-silkterm-origin">old.tmx</prop><prop type="t">v</prop>'
            '<tuv xml:lang="en"><seg>A</seg></tuv></tu>')
    [unit] = read_tmx(write(tmp_path, tmx_text(body)))
    assert unit.origin == "old.tmx" and unit.props == (("t", "v"),)


def test_elements_tmx_does_not_know_become_codes(tmp_path):
    """A tool's own tags inside <seg> (OmegaT-style <b0>) are kept as <ph> codes, so the memory
    still exports valid TMX; their text stays text, and inside a code they are code text."""
    body = ('<tu tuid="a"><tuv xml:lang="en"><seg>Trains leave <b0>Xi&apos;an</b0> daily.'
            '<x1/></seg></tuv>'
            '<tuv xml:lang="zh-CN"><seg>列车每天从<b0 k="v">西安</b0>出发。'
            '<bpt i="1">&lt;a <q/>&gt;</bpt>链接<ept i="1">&lt;/a&gt;</ept></seg></tuv></tu>')
    [unit] = read_tmx(write(tmp_path, tmx_text(body)))
    en, zh = unit.segments
    assert en.content == ("Trains leave <ph>&lt;b0&gt;</ph>Xi'an<ph>&lt;/b0&gt;</ph> daily."
                          "<ph>&lt;x1/&gt;</ph>")
    assert (en.text, zh.text) == ("Trains leave Xi'an daily.", "列车每天从西安出发。链接")
    assert zh.content == ('列车每天从<ph>&lt;b0 k="v"&gt;</ph>西安<ph>&lt;/b0&gt;</ph>出发。'
                          '<bpt i="1">&lt;a &lt;q/&gt;&gt;</bpt>链接<ept i="1">&lt;/a&gt;</ept>')
    out = tmp_path / "out.tmx"
    write_tmx([unit], out, srclang="en")
    assert valid(out)
    assert list(read_tmx(out)) == [unit]
    # inside a <sub> (translatable text within a code) they become codes again
    body = ('<tu tuid="b"><tuv xml:lang="en"><seg><ph>&lt;a title="<sub>Go <i1>now</i1></sub>"&gt;'
            '</ph>Link</seg></tuv></tu>')
    [unit] = read_tmx(write(tmp_path, tmx_text(body), "sub.tmx"))
    assert unit.segments[0].content == ('<ph>&lt;a title="<sub>Go <ph>&lt;i1&gt;</ph>now'
                                        '<ph>&lt;/i1&gt;</ph></sub>"&gt;</ph>Link')
    write_tmx([unit], out, srclang="en")
    assert valid(out)


def test_reading_streams_and_clears(tmp_path):
    body = "\n".join(f'<tu tuid="u{i}"><tuv xml:lang="en"><seg>s{i}</seg></tuv></tu>'
                     for i in range(3000))
    units = read_tmx(write(tmp_path, tmx_text(body)))
    first = next(units)
    assert first.id == "u0"
    assert sum(1 for _ in units) == 2999


# --- bad input ------------------------------------------------------------------------------

@pytest.mark.parametrize("body, line, message", [
    ('<tu tuid="a">\n<tuv xml:lang="en"><seg>A</seg></tuv>\n</tu>\n<tu tuid="b">\n</tu>', 8,
     "<tu> without <tuv>"),
    ('<tu tuid="a">\n<tuv><seg>A</seg></tuv></tu>', 6, "<tuv> without xml:lang"),
    ('<tu tuid="a">\n<tuv xml:lang="en"></tuv></tu>', 6, "<tuv> without <seg>"),
    ('<tu tuid="a">\n<prop>x</prop><tuv xml:lang="en"><seg>A</seg></tuv></tu>', 6,
     "<prop> without type"),
    ('<tu tuid="a">\n<foo/><tuv xml:lang="en"><seg>A</seg></tuv></tu>', 6,
     "unexpected <foo> in <tu>"),
])
def test_structural_errors_name_file_and_line(tmp_path, body, line, message):
    path = write(tmp_path, tmx_text(body))
    with pytest.raises(TMFormatError) as info:
        list(read_tmx(path))
    assert str(info.value) == f"{path}:{line}: {message}"


def test_truncated_file_reports_a_line(tmp_path):
    text = tmx_text("\n".join(f'<tu tuid="u{i}"><tuv xml:lang="en"><seg>s{i}</seg></tuv></tu>'
                              for i in range(20)))
    path = write(tmp_path, text[: text.index('<tu tuid="u12">') + 20])
    units = read_tmx(path)
    with pytest.raises(TMFormatError) as info:
        for _ in units:
            pass
    assert info.value.path == str(path)
    assert str(info.value) == f"{path}:17: Couldn't find end of Start Tag tuv"
    cut = write(tmp_path, text[: text.index("</body>")], "cut.tmx")
    with pytest.raises(TMFormatError) as info:
        list(read_tmx(cut))
    assert str(info.value) == f"{cut}:25: Premature end of data in tag body line 4"


def test_wrong_encoding_is_reported(tmp_path):
    text = tmx_text('<tu tuid="a">\n<tuv xml:lang="en"><seg>Café</seg></tuv></tu>')
    path = write(tmp_path, text.encode("latin-1"))
    with pytest.raises(TMFormatError) as info:
        list(read_tmx(path))
    assert str(info.value) == (f"{path}:6: Invalid bytes in character encoding "
                               "(the file is not in the encoding it declares)")


def test_not_tmx(tmp_path):
    path = write(tmp_path, '<?xml version="1.0"?>\n<html><body/></html>\n')
    with pytest.raises(TMFormatError) as info:
        list(read_tmx(path))
    assert str(info.value) == f"{path}:2: not a TMX file (root element <html>)"


def test_missing_file(tmp_path):
    with pytest.raises(TMFormatError) as info:
        list(read_tmx(tmp_path / "none.tmx"))
    assert str(info.value) == f"{tmp_path / 'none.tmx'}: no such file"


# --- hostile input --------------------------------------------------------------------------

XXE = ('<!DOCTYPE tmx [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n')


def bomb_prolog() -> str:
    lines = ['<!ENTITY lol "lol">']
    lines += [f'<!ENTITY lol{i} "{("&lol" + ("" if i == 1 else str(i - 1)) + ";") * 10}">'
              for i in range(1, 10)]
    return "<!DOCTYPE tmx [\n" + "\n".join(lines) + "\n]>\n"


def test_xxe_is_refused_without_reading_the_file(tmp_path):
    path = write(tmp_path, tmx_text('<tu tuid="a"><tuv xml:lang="en"><seg>&xxe;</seg></tuv></tu>',
                                    XXE))
    with pytest.raises(TMFormatError) as info:
        list(read_tmx(path))
    assert str(info.value) == f"{path}:3: entity declarations are not allowed"
    assert "root:" not in str(info.value)


def test_billion_laughs_is_refused(tmp_path):
    path = write(tmp_path, tmx_text('<tu tuid="a"><tuv xml:lang="en"><seg>&lol9;</seg></tuv></tu>',
                                    bomb_prolog()))
    with pytest.raises(TMFormatError, match="entity declarations are not allowed"):
        list(read_tmx(path))


def test_parser_itself_expands_no_entities(tmp_path, monkeypatch):
    """Defence in depth: even without the DOCTYPE check the parser neither reads local files
    nor expands entity bombs."""
    monkeypatch.setattr(tmx, "_check_prolog", lambda head, name: None)
    path = write(tmp_path, tmx_text('<tu tuid="a"><tuv xml:lang="en"><seg>&xxe;</seg></tuv></tu>',
                                    XXE), "xxe.tmx")
    units = list(read_tmx(path))
    passwd = Path("/etc/passwd").read_text(errors="replace")[:20]
    assert passwd and passwd not in units[0].segments[0].content
    assert units[0].segments[0].text == "&xxe;"
    bomb = write(tmp_path, tmx_text('<tu tuid="a"><tuv xml:lang="en"><seg>&lol9;</seg></tuv></tu>',
                                    bomb_prolog()), "bomb.tmx")
    try:
        units = list(read_tmx(bomb))
    except TMFormatError:
        return
    assert len(units[0].segments[0].content) < 100


def test_entity_declarations_after_comments_are_found(tmp_path):
    path = write(tmp_path, tmx_text("", "<!-- <tmx> -->\n" + XXE))
    with pytest.raises(TMFormatError, match=r":4: entity declarations are not allowed"):
        list(read_tmx(path))


def test_doctype_without_entities_is_accepted(tmp_path):
    path = write(tmp_path, tmx_text('<tu tuid="a"><tuv xml:lang="en"><seg>A</seg></tuv></tu>',
                                    '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'))
    assert [u.id for u in read_tmx(path)] == ["a"]


# --- writing --------------------------------------------------------------------------------

def test_written_tmx_validates_and_has_the_header(tmp_path):
    out = tmp_path / "out.tmx"
    assert write_tmx(read_tmx(SAMPLE), out, srclang="en") == 3
    assert valid(out)
    header = etree.parse(str(out)).getroot().find("header")
    from silkterm.glossary import __version__
    assert dict(header.attrib) == {
        "creationtool": "silkterm", "creationtoolversion": __version__, "segtype": "sentence",
        "o-tmf": "silkterm-sqlite", "adminlang": "en", "srclang": "en", "datatype": "plaintext"}
    assert list(read_tmx(out)) == list(read_tmx(SAMPLE))


def test_writer_escapes_attributes_props_and_notes(tmp_path):
    unit = Unit('a"&<b', (Segment("en", "x"),), props=(("t&", 'v<"&>'),), notes=("n & <m>",),
                attrs=(("creationid", 'a "b"\nc'),), origin="o&.tmx")
    out = tmp_path / "o.tmx"
    write_tmx([unit], out, srclang="en")
    assert valid(out)
    assert list(read_tmx(out)) == [unit]


def test_failed_write_leaves_no_file(tmp_path):
    out = tmp_path / "o.tmx"
    out.write_text("old", encoding="utf-8")

    def units():
        yield Unit("a", (Segment("en", "x"),))
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_tmx(units(), out, srclang="en")
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["o.tmx"]


# --- characters XML forbids (gettext catalogues hold BEL, VT, ...) -----------------------------

CONTROL_UNIT = Unit("ctl", (
    Segment("en", 'Bell\x07 <hi type="b">tab\x0b</hi> end\ufffe'),
    Segment("ru", "Звонок\x07", props=(("x-p", "a\x01 & b"),), notes=("n\x1f",))),
    props=(("x-po-msgstr[1]", "\x07%d"),), notes=("form\x0cfeed &#x26;",))


def test_characters_xml_forbids_are_written_as_codes_and_read_back(tmp_path):
    out = tmp_path / "c.tmx"
    write_tmx([CONTROL_UNIT], out, srclang="en")
    text = out.read_text(encoding="utf-8")
    assert ('<seg>Bell<ph type="x-silkterm-char">&amp;#x7;</ph> <hi type="b">tab'
            '<ph type="x-silkterm-char">&amp;#xB;</ph></hi> end'
            '<ph type="x-silkterm-char">&amp;#xFFFE;</ph></seg>') in text
    assert '<seg>Звонок<ph type="x-silkterm-char">&amp;#x7;</ph></seg>' in text
    assert ('<prop type="x-po-msgstr[1]" o-encoding="x-silkterm-char-refs">&amp;#x7;%d</prop>'
            in text)
    assert ('<note o-encoding="x-silkterm-char-refs">form&amp;#xC;feed &amp;#x26;#x26;</note>'
            in text)
    assert '<prop type="x-p" o-encoding="x-silkterm-char-refs">a&amp;#x1; &amp;#x26; b</prop>' \
        in text
    assert valid(out)
    [back] = read_tmx(out)
    assert back == CONTROL_UNIT
    assert back.segments[0].text == "Bell\x07 tab\x0b end\ufffe"
    write_tmx([back], tmp_path / "again.tmx", srclang="en")
    assert (tmp_path / "again.tmx").read_bytes() == out.read_bytes()


def test_values_without_forbidden_characters_are_written_as_before(tmp_path):
    unit = Unit("plain", (Segment("en", "&amp;#x7; stays text"),), props=(("x-p", "&#x7;"),),
                notes=("&#x41;",))
    out = tmp_path / "p.tmx"
    write_tmx([unit], out, srclang="en")
    text = out.read_text(encoding="utf-8")
    assert "o-encoding" not in text and "x-silkterm-char" not in text
    assert '<prop type="x-p">&amp;#x7;</prop>' in text
    assert list(read_tmx(out)) == [unit]


def test_only_the_exact_character_code_is_read_as_a_character(tmp_path):
    seg = ('a<ph type="x-silkterm-char">&amp;#x41;</ph>b<ph type="x-silkterm-char" x="1">&amp;#x7;'
           '</ph>c<ph type="x-other">&amp;#x7;</ph>d<ph type="x-silkterm-char">&amp;#7;</ph>e'
           '<bpt i="1"><ph type="x-silkterm-char">&amp;#x7;</ph></bpt>f<ept i="1">&lt;/b&gt;</ept>')
    path = write(tmp_path, tmx_text(f'<tu tuid="p"><tuv xml:lang="en"><seg>{seg}</seg></tuv></tu>'))
    [unit] = read_tmx(path)
    assert unit.segments[0].content == seg.replace(
        'd<ph type="x-silkterm-char">&amp;#7;</ph>e', "d\x07e")
    assert unit.segments[0].text == "abcd\x07ef"


@pytest.mark.parametrize(("unit", "message"), [
    (Unit("a\x07", (Segment("en", "x"),)),
     "character U+0007 cannot be written in a TMX attribute ('a\\x07')"),
    (Unit("a", (Segment("en", '<bpt i="1">\x1b[1m</bpt>bold<ept i="1">\x1b[0m</ept>'),)),
     "character U+001B inside an inline code cannot be written in TMX"),
])
def test_forbidden_characters_where_tmx_has_no_place_are_an_error(tmp_path, unit, message):
    out = tmp_path / "e.tmx"
    with pytest.raises(TMError) as info:
        write_tmx([unit], out, srclang="en")
    assert str(info.value) == message
    assert list(tmp_path.iterdir()) == []


# --- property: any text survives TMX ----------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# every code point, those XML forbids (C0 controls, U+FFFE/U+FFFF, lone surrogates) included
xml_text = st.text(st.characters(blacklist_categories=())
                   | st.sampled_from("\t\n\r&<>\"'\x00\x07\x0b\ufffe\uffff\ud800"), max_size=30)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(xml_text, xml_text, xml_text), min_size=1, max_size=4))
def test_any_text_round_trips_through_tmx(tmp_path_factory, rows):
    units = [Unit(f"u{i}", (Segment.from_text("en", a), Segment.from_text("zh-Hans", b)),
                  props=(("x-p", c),), notes=(c,)) for i, (a, b, c) in enumerate(rows)]
    out = tmp_path_factory.mktemp("prop") / "p.tmx"
    write_tmx(units, out, srclang="en")
    back = list(read_tmx(out))
    assert back == units
    assert [s.text for u in back for s in u.segments] == [t for a, b, _ in rows for t in (a, b)]

"""The PO/POT/MO adapter: reading entries as units, writing PO that msgfmt accepts, errors."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from silkterm.tm.errors import TMError, TMFormatError
from silkterm.tm.model import Segment, Unit
from silkterm.tm.po import (
    bcp47,
    load_po,
    plural_forms,
    po_language,
    read_mo,
    read_po,
    write_po,
)

DATA = Path(__file__).resolve().parent.parent / "data" / "tm"
BASIC = DATA / "basic.po"
DATE = "2024-05-01 10:00+0000"



def test_msgfmt_is_installed():
    assert shutil.which("msgfmt"), "msgfmt is missing: install Debian's gettext (.ci/run does)"


def msgfmt_check(path: Path, out: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["msgfmt", "--check", "-o", str(out) if out else "/dev/null", str(path)],
                          capture_output=True, text=True, check=False)


def pairs(units):
    return [(u.id, u.segments[0].text, u.segments[1].text if len(u.segments) > 1 else None)
            for u in units]


# ---------------------------------------------------------------------------------------------
# reading


def test_read_po_default_translated_entries_only():
    units = list(read_po(BASIC))
    assert [(u.segments[0].text, u.segments[1].lang, u.segments[1].text) for u in units] == [
        ("Trucks crossed at Khorgos", "zh-CN", "卡车从霍尔果斯口岸通过"),
        ("Open", "zh-CN", "打开"),
        ("%(n)d train", "zh-CN", "%(n)d 列火车"),
        ("A long source text that is wrapped over two lines", "zh-CN", "一段很长的原文分两行"),
    ]


def test_read_po_maps_comments_references_context_and_plurals():
    by_source = {u.segments[0].text: u for u in read_po(BASIC)}
    khorgos = by_source["Trucks crossed at Khorgos"]
    assert khorgos.notes == ("Translator: checked against Xinhua.", "Headline of the border story.")
    assert khorgos.props == (("x-po-reference", "news/border.py:12"),
                             ("x-po-reference", "news/border.py:40"))
    assert khorgos.id.startswith("sk-") and len(khorgos.id) == 19
    assert khorgos.origin == str(BASIC)
    menu = by_source["Open"]
    assert menu.id == "menu"  # a unique msgctxt is the unit id
    assert menu.props == (("x-po-msgctxt", "menu"), ("x-po-reference", "news/menu.py:3"))
    plural = by_source["%(n)d train"]
    assert plural.props == (("x-po-reference", "news/files.py:7"), ("x-po-flag", "python-format"),
                            ("x-po-msgid_plural", "%(n)d trains"),
                            ("x-po-plural-forms", "nplurals=1; plural=0;"))


def test_read_po_fuzzy_and_untranslated_on_request():
    units = list(read_po(BASIC, include_fuzzy=True, include_untranslated=True))
    texts = [u.segments[0].text for u in units]
    assert texts == ["Trucks crossed at Khorgos", "Open", "%(n)d train", "The capital is Astana.",
                     "Not translated yet", "A long source text that is wrapped over two lines"]
    fuzzy = units[3]
    assert fuzzy.props == (("x-po-flag", "fuzzy"),
                           ("x-po-previous-msgid", "The capital is Astana"))
    assert units[4].segments == (Segment("en", "Not translated yet"),)
    assert "Old entry" not in texts  # obsolete entries are never units


def test_read_po_ids_are_stable():
    assert [u.id for u in read_po(BASIC)] == [u.id for u in read_po(BASIC)]


def test_read_po_target_lang_argument_overrides_header():
    assert {u.segments[1].lang for u in read_po(BASIC, target_lang="zh-Hans")} == {"zh-Hans"}


def test_read_po_escapes_markup_characters(tmp_path):
    p = tmp_path / "m.po"
    p.write_text('msgid ""\nmsgstr "Language: zh\\n"\n\nmsgid "R&D <b>"\nmsgstr "研发 <b>"\n',
                 encoding="utf-8")
    [u] = read_po(p)
    assert u.segments[0].content == "R&amp;D &lt;b&gt;"
    assert u.segments[0].text == "R&D <b>"
    assert u.segments[1] == Segment("zh", "研发 &lt;b&gt;")


def test_read_po_repeated_msgctxt_is_not_an_id(tmp_path):
    p = tmp_path / "ctx.po"
    p.write_text('msgid ""\nmsgstr "Language: zh\\n"\n\n'
                 'msgctxt "menu"\nmsgid "Open"\nmsgstr "打开"\n\n'
                 'msgctxt "menu"\nmsgid "Close"\nmsgstr "关闭"\n', encoding="utf-8")
    a, b = read_po(p)
    assert a.id != b.id and a.id.startswith("sk-") and b.id.startswith("sk-")
    assert a.props == b.props == (("x-po-msgctxt", "menu"),)


def test_read_pot_yields_source_only_units(tmp_path):
    p = tmp_path / "t.pot"
    p.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=CHARSET\\n"\n\n'
                 '#: a.py:1\nmsgid "Khorgos"\nmsgstr ""\n', encoding="utf-8")
    [u] = read_po(p)
    assert u.segments == (Segment("en", "Khorgos"),)
    assert u.props == (("x-po-reference", "a.py:1"),)


def test_read_po_without_language_needs_target_lang(tmp_path):
    p = tmp_path / "nolang.po"
    p.write_text('msgid "Khorgos"\nmsgstr "霍尔果斯"\n', encoding="utf-8")
    with pytest.raises(TMFormatError) as e:
        list(read_po(p))
    assert str(e.value) == (f"{p}: the header names no Language; give the target language "
                            "(--target-lang)")
    [u] = read_po(p, target_lang="zh-hans")
    assert u.segments[1] == Segment("zh-Hans", "霍尔果斯")


def test_read_po_declared_charset(tmp_path):
    p = tmp_path / "latin1.po"
    p.write_bytes('msgid ""\nmsgstr ""\n"Language: fr\\n"\n'
                  '"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
                  'msgid "Summer"\nmsgstr "Été"\n'.encode("latin-1"))
    [u] = read_po(p)
    assert u.segments[1].text == "Été" and u.segments[1].lang == "fr"


def test_language_codes():
    assert bcp47("zh_CN") == "zh-CN"
    assert bcp47("zh_Hant") == "zh-Hant"
    assert bcp47("sr@latin") == "sr-Latn"
    assert po_language("zh-hans") == "zh_Hans"
    assert plural_forms("zh-CN") == "nplurals=1; plural=0;"
    assert plural_forms("ru").startswith("nplurals=3;")
    assert plural_forms("en") == "nplurals=2; plural=(n != 1);"


# ---------------------------------------------------------------------------------------------
# malformed input: TMFormatError with file and line


@pytest.mark.parametrize("text,line,message", [
    ('msgid "a"\nmsgstr "b"\n\nmsgid "Tokayev visited Astana\nmsgstr "c"\n', 4,
     "unterminated string"),
    ('msgid "a"\nmsgstr "b"\n\nhello world\n', 4, "syntax error: unexpected 'hello'"),
    ('msgid "a"\nmsgstr "b"\n\nmsgid "c"\n', 4, "truncated entry: msgid without msgstr"),
    ('msgid "a"\n\nmsgid "b"\nmsgstr "c"\n', 3, "msgid follows a msgid that has no msgstr"),
    ('msgid "a"b"\nmsgstr "c"\n', 1, "unescaped double quote or text after the string"),
    ('msgstr "c"\n', 1, "msgstr without a msgid"),
    ('"orphan"\nmsgid "a"\nmsgstr "b"\n', 1, "string without a keyword"),
    ('msgid "a"\nmsgstr "b"\n"unterminated\n', 3, "unterminated string"),
    ('msgid a\nmsgstr "b"\n', 1, "expected a quoted string"),
])
def test_malformed_po(tmp_path, text, line, message):
    p = tmp_path / "bad.po"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(TMFormatError) as e:
        list(read_po(p, target_lang="zh"))
    assert (e.value.path, e.value.line, e.value.message) == (str(p), line, message)
    assert str(e.value) == f"{p}:{line}: {message}"


def test_unterminated_fixture():
    with pytest.raises(TMFormatError) as e:
        load_po(DATA / "unterminated.po")
    assert str(e.value) == f"{DATA / 'unterminated.po'}:9: unterminated string"


def test_unknown_previous_keyword(tmp_path):
    p = tmp_path / "prev.po"
    p.write_text('#| bogus "x"\nmsgid "a"\nmsgstr "b"\n', encoding="utf-8")
    with pytest.raises(TMFormatError) as e:
        load_po(p)
    assert str(e.value) == f"{p}:1: syntax error: unexpected 'bogus'"


def test_wrong_encoding(tmp_path):
    p = tmp_path / "enc.po"
    p.write_bytes(b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  b'msgid "Summer"\nmsgstr "\xc9t\xe9"\n')
    with pytest.raises(TMFormatError) as e:
        load_po(p)
    assert str(e.value) == f"{p}:6: not valid UTF-8 (byte 0xc9 at offset 87)"


def test_unknown_charset_binary_and_missing_files(tmp_path):
    p = tmp_path / "cs.po"
    p.write_bytes(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=NOPE-9\\n"\n')
    with pytest.raises(TMFormatError, match="unknown charset 'NOPE-9'"):
        load_po(p)
    b = tmp_path / "bin.po"
    b.write_bytes(b"\x00\x01binary")
    with pytest.raises(TMFormatError, match="binary file"):
        load_po(b)
    with pytest.raises(TMFormatError) as e:
        load_po(tmp_path / "missing.po")
    assert str(e.value) == f"{tmp_path / 'missing.po'}: no such file"


# ---------------------------------------------------------------------------------------------
# writing

UNITS = [
    Unit("khorgos", (Segment("en", 'Trucks crossed at "Khorgos" &amp; Horgos'),
                     Segment("zh-Hans", "卡车从霍尔果斯口岸通过")),
         notes=("Checked against Xinhua.", "x" * 100)),
    Unit("trains", (Segment("en", "%d train"), Segment("zh-Hans", "%d 列火车")),
         props=(("x-po-msgid_plural", "%d trains"), ("x-po-flag", "c-format"),
                ("x-po-reference", "src/trains.c:12"))),
    Unit("todo", (Segment("en", "Not translated yet"),)),
    Unit("fz", (Segment("en", "The capital is Astana."), Segment("zh-Hans", "首都是阿斯塔纳")),
         props=(("x-po-flag", "fuzzy"), ("x-po-previous-msgid", "The capital is Astana"))),
    Unit("markup", (Segment("en", 'Go to <bpt i="1">&lt;b&gt;</bpt>Astana<ept i="1">&lt;/b&gt;</ept>'),
                    Segment("zh-Hans", "去阿斯塔纳"))),
    Unit("khorgos", (Segment("en", "Duplicate id"), Segment("zh-Hans", "重复"))),
    Unit("no-source", (Segment("zh-Hans", "只有中文"),)),
    Unit("empty", (Segment("en", ""), Segment("zh-Hans", "空"))),
]

EXPECTED = f'''\
# Translation memory exported by silkterm.
msgid ""
msgstr ""
"Project-Id-Version: silkterm {{version}}\\n"
"PO-Revision-Date: {DATE}\\n"
"Last-Translator: silkterm\\n"
"Language-Team: none\\n"
"Language: zh_CN\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"X-Generator: silkterm {{version}}\\n"
"X-Silkterm-Language: zh-Hans\\n"

# Checked against Xinhua.
# {"x" * 100}
msgctxt "khorgos"
msgid "Trucks crossed at \\"Khorgos\\" & Horgos"
msgstr "卡车从霍尔果斯口岸通过"

#: src/trains.c:12
#, c-format
msgctxt "trains"
msgid "%d train"
msgid_plural "%d trains"
msgstr[0] "%d 列火车"

msgctxt "todo"
msgid "Not translated yet"
msgstr ""

#, fuzzy
#| msgid "The capital is Astana"
msgctxt "fz"
msgid "The capital is Astana."
msgstr "首都是阿斯塔纳"

msgctxt "markup"
msgid "Go to Astana"
msgstr "去阿斯塔纳"
'''


def test_write_po_exact_text(tmp_path):
    from silkterm.glossary import __version__

    out = tmp_path / "out.po"
    result = write_po(UNITS, out, source_lang="en", target_lang="zh-Hans", date=DATE)
    assert result.count == 5
    assert result.warnings == (
        "PO holds plain text: the inline codes of 1 segment(s) are not written",
        "2 unit(s) have no en segment (or an empty one): not written")
    assert out.read_text(encoding="utf-8") == EXPECTED.format(version=__version__)


@pytest.mark.parametrize("target", ["zh-Hans", "ru", "kk", "en"])
def test_write_po_passes_msgfmt_check(tmp_path, target):
    out = tmp_path / "out.po"
    write_po(UNITS, out, source_lang="en", target_lang=target)
    result = msgfmt_check(out)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # not even a warning


def test_write_po_missing_plural_forms_copied_and_fuzzy(tmp_path):
    out = tmp_path / "ru.po"
    unit = Unit("t", (Segment("en", "%d train"), Segment("ru", "%d поезд")),
                props=(("x-po-msgid_plural", "%d trains"), ("x-po-msgstr[1]", "%d поезда")))
    full = Unit("u", (Segment("en", "%d car"), Segment("ru", "%d вагон")),
                props=(("x-po-msgid_plural", "%d cars"), ("x-po-msgstr[1]", "%d вагона"),
                       ("x-po-msgstr[2]", "%d вагонов")))
    write_po([unit, full], out, source_lang="en", target_lang="ru", date=DATE)
    text = out.read_text(encoding="utf-8")
    assert ('#, fuzzy\nmsgctxt "t"\nmsgid "%d train"\nmsgid_plural "%d trains"\n'
            'msgstr[0] "%d поезд"\nmsgstr[1] "%d поезда"\nmsgstr[2] "%d поезд"\n') in text
    assert ('\n\nmsgctxt "u"\nmsgid "%d car"\nmsgid_plural "%d cars"\n'
            'msgstr[0] "%d вагон"\nmsgstr[1] "%d вагона"\nmsgstr[2] "%d вагонов"\n') in text


def test_write_then_read_round_trip(tmp_path):
    out = tmp_path / "rt.po"
    write_po(UNITS, out, source_lang="en", target_lang="zh-Hans")
    back = {u.id: u for u in read_po(out, include_fuzzy=True, include_untranslated=True)}
    assert list(back) == ["khorgos", "trains", "todo", "fz", "markup"]
    assert back["khorgos"].notes == UNITS[0].notes
    assert back["khorgos"].segments == UNITS[0].segments
    assert back["trains"].props == (("x-po-msgctxt", "trains"),
                                    ("x-po-reference", "src/trains.c:12"),
                                    ("x-po-flag", "c-format"),
                                    ("x-po-msgid_plural", "%d trains"),
                                    ("x-po-plural-forms", "nplurals=1; plural=0;"))
    assert back["fz"].props[1:] == UNITS[3].props
    assert back["markup"].segments[0].text == "Go to Astana"  # inline codes are not kept


def test_write_po_is_atomic(tmp_path):
    out = tmp_path / "keep.po"
    out.write_text("old content\n", encoding="utf-8")

    def units():
        yield UNITS[0]
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_po(units(), out)
    assert out.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.po"]


def test_write_po_unwritable_directory(tmp_path):
    with pytest.raises(TMError) as e:
        write_po(UNITS, tmp_path / "missing" / "out.po")
    assert str(e.value).startswith(f"{tmp_path / 'missing' / 'out.po'}: cannot write")


# ---------------------------------------------------------------------------------------------
# MO


def test_read_mo(tmp_path):
    mo = tmp_path / "basic.mo"
    result = msgfmt_check(BASIC, mo)
    assert result.returncode == 0, result.stderr
    units = sorted(pairs(read_mo(mo)), key=lambda p: p[1])
    # msgfmt leaves fuzzy and untranslated entries out of the catalogue
    assert [(s, t) for _, s, t in units] == [
        ("%(n)d train", "%(n)d 列火车"),
        ("A long source text that is wrapped over two lines", "一段很长的原文分两行"),
        ("Open", "打开"),
        ("Trucks crossed at Khorgos", "卡车从霍尔果斯口岸通过"),
    ]
    ids = {s: i for i, s, _ in units}
    assert ids["Open"] == "menu"
    assert ids["Trucks crossed at Khorgos"] == next(
        u.id for u in read_po(BASIC) if u.segments[0].text == "Trucks crossed at Khorgos")
    assert all(u.segments[1].lang == "zh-CN" for u in read_mo(mo))
    # read_po hands .mo paths to read_mo
    assert sorted(pairs(read_po(mo)), key=lambda p: p[1]) == units


def test_read_mo_malformed(tmp_path):
    bad = tmp_path / "bad.mo"
    bad.write_bytes(b"not an mo file at all")
    with pytest.raises(TMFormatError) as e:
        list(read_mo(bad))
    assert str(e.value).startswith(f"{bad}: not a valid MO file")
    truncated = tmp_path / "short.mo"
    truncated.write_bytes(b"\xde\x12\x04\x95\x00")
    with pytest.raises(TMFormatError):
        list(read_mo(truncated))


# ---------------------------------------------------------------------------------------------
# registry


def test_formats_registered():
    from silkterm.tm.formats import FORMATS

    assert FORMATS.for_path("a.po").name == "po"
    assert FORMATS.for_path("a.POT").name == "pot"
    assert FORMATS.for_path("a.mo").name == "mo"
    assert FORMATS.for_name("po").write is not None
    assert FORMATS.for_name("mo").write is None


def test_registry_reader_and_writer(tmp_path):
    from silkterm.tm.formats import FORMATS

    out = tmp_path / "r.po"
    fmt = FORMATS.for_name("po")
    assert fmt.write(UNITS[:1], out, source_lang="en", target_lang="zh-Hans").count == 1
    [u] = fmt.read(out)
    assert (u.id, u.segments) == ("khorgos", UNITS[0].segments)


def test_malformed_po_import_leaves_memory_unchanged(tmp_path):
    from silkterm.tm.store import Memory

    with Memory(tmp_path / "m.sqlite") as m:
        m.add(UNITS[:1])
        with pytest.raises(TMFormatError) as e:
            m.add(read_po(DATA / "unterminated.po"))  # the whole file is checked first
        assert e.value.line == 9
        assert [u.id for u in m.units()] == ["khorgos"]


# ---------------------------------------------------------------------------------------------
# plural forms and control characters through MO → memory → PO (catalogues made here)

PO_HEAD = '''msgid ""
msgstr ""
"Project-Id-Version: t 1\\n"
"PO-Revision-Date: 2024-05-01 10:00+0000\\n"
"Last-Translator: t\\n"
"Language-Team: t\\n"
"Language: {lang}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: {rule}\\n"
'''
RU_RULE = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
           "(n%100<10 || n%100>=20) ? 1 : 2);")
CATALOGUES = {
    # zh_CN as git writes it: two forms, where gettext's table has one for Chinese
    "zh_CN": ("nplurals=2; plural=(n != 1);", '''
msgid "%d file changed"
msgid_plural "%d files changed"
msgstr[0] "%d 个文件被修改"
msgstr[1] "%d 个文件被修改\\a"

msgid "Ring the bell\\a"
msgstr "响铃\\a\\v"
'''),
    "ru": (RU_RULE, '''
msgid "%d train"
msgid_plural "%d trains"
msgstr[0] "%d поезд"
msgstr[1] "%d поезда"
msgstr[2] "%d поездов\\a"

msgctxt "bell"
msgid "Bell\\a"
msgstr "Звонок\\a"
'''),
}


def make_mo(tmp_path: Path, lang: str) -> Path:
    rule, body = CATALOGUES[lang]
    po = tmp_path / f"{lang}.po"
    po.write_text(PO_HEAD.format(lang=lang, rule=rule) + body, encoding="utf-8")
    mo = tmp_path / f"{lang}.mo"
    result = msgfmt_check(po, mo)
    assert result.returncode == 0, result.stderr
    return mo


def translations(entries) -> dict[str, tuple[str, ...]]:
    return {e.msgid: (tuple(e.msgstr_plural[n] for n in sorted(e.msgstr_plural))
                      if e.msgid_plural else (e.msgstr,)) for e in entries if e.msgid}


@pytest.mark.parametrize("lang", ["zh_CN", "ru"])
def test_every_plural_form_and_control_character_survives_mo_memory_po(tmp_path, lang):
    import polib
    from silkterm.tm.store import Memory

    mo = make_mo(tmp_path, lang)
    target = bcp47(lang)
    [plural] = [u for u in read_mo(mo) if u.prop("x-po-msgid_plural")]
    assert plural.prop("x-po-plural-forms") == CATALOGUES[lang][0]
    with Memory(tmp_path / "m.sqlite") as m:
        m.add(read_mo(mo))
        result = write_po(m.units(), tmp_path / "out.po", source_lang="en", target_lang=target)
    assert result.warnings == ()
    check = msgfmt_check(tmp_path / "out.po", tmp_path / "out.mo")
    assert (check.returncode, check.stderr) == (0, "")
    exported = polib.pofile(str(tmp_path / "out.po"))
    assert exported.metadata["Plural-Forms"] == CATALOGUES[lang][0]
    assert not any(e.fuzzy for e in exported)
    source = translations(polib.mofile(str(mo)))
    assert translations(polib.mofile(str(tmp_path / "out.mo"))) == source
    assert any("\x07" in form for forms in source.values() for form in forms)


def test_plural_forms_come_from_gettexts_table_without_a_catalogue():
    assert plural_forms("zh-Hant") == "nplurals=1; plural=0;"
    assert plural_forms("ru-RU") == f"nplurals=3; plural={RU_RULE[len('nplurals=3; plural='):]}"
    assert plural_forms("pl").startswith("nplurals=3;")  # a language the old table did not list
    assert plural_forms("ar").startswith("nplurals=6;")


def test_po_export_says_what_it_cannot_hold(tmp_path):
    two = "nplurals=2; plural=(n != 1);"

    def plural(uid: str, rule: str, forms: list[str], *more: Segment) -> Unit:
        props = [("x-po-msgid_plural", "%d files")]
        props += [(f"x-po-msgstr[{n}]", f) for n, f in enumerate(forms[1:], 1)]
        return Unit(uid, (Segment("en", "%d file"), Segment("zh-CN", forms[0]), *more),
                    props=(*props, ("x-po-plural-forms", rule)))

    units = [plural("a", two, ["%d 个文件", "%d 个文件们"]),
             plural("b", two, ["%d 个", "%d 个们"], Segment("kk", "%d файл")),
             plural("c", "nplurals=1; plural=0;", ["%d 份"]),
             plural("d", RU_RULE, ["%d 一", "%d 二", "%d 三"])]
    out = tmp_path / "zh.po"
    result = write_po(units, out, source_lang="en", target_lang="zh-Hans", date=DATE)
    assert result.count == 4
    assert result.warnings == (
        "PO holds one language pair (en, zh-Hans): the kk segments of 1 unit(s) are not written",
        "2 plural unit(s) translated under another Plural-Forms than the file's "
        "(nplurals=2; plural=(n != 1)): marked fuzzy for review",
        "1 plural unit(s) have fewer forms than nplurals=2: the first form was copied "
        "into the missing ones and the entry marked fuzzy",
        "PO with nplurals=2: the forms beyond msgstr[1] of 1 plural unit(s) are not written")
    check = msgfmt_check(out)
    assert (check.returncode, check.stderr) == (0, "")
    text = out.read_text(encoding="utf-8")
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in text
    assert ('#, fuzzy\nmsgctxt "d"\nmsgid "%d file"\nmsgid_plural "%d files"\n'
            'msgstr[0] "%d 一"\nmsgstr[1] "%d 二"\n') in text


def test_po_reader_decodes_the_c_escapes_polib_does_not(tmp_path):
    po = tmp_path / "bell.po"
    po.write_text(PO_HEAD.format(lang="ru", rule=RU_RULE) + '''
msgid "Bell\\a, octal\\007, hex\\x07, not\\\\a"
msgstr "Звонок\\a\\013\\x0b\\042"
''', encoding="utf-8")
    [unit] = read_po(po)
    assert unit.segments[0].text == "Bell\x07, octal\x07, hex\x07, not\\a"
    assert unit.segments[1].text == 'Звонок\x07\x0b\x0b"'


def test_a_msgctxt_xml_cannot_hold_is_not_an_id(tmp_path):
    po = tmp_path / "ctx.po"
    po.write_text(PO_HEAD.format(lang="ru", rule=RU_RULE) + '''
msgctxt "bell\\a"
msgid "Bell"
msgstr "Звонок"
''', encoding="utf-8")
    [unit] = read_po(po)
    assert unit.id.startswith("sk-") and unit.prop("x-po-msgctxt") == "bell\x07"


def test_line_separators_and_form_feeds_are_text_not_line_breaks(tmp_path):
    # str.splitlines() breaks at VT, FF, U+2028 …; gettext (and now the reader) only at LF/CR
    unit = Unit("sep", (Segment("en", "one\u2028two\x0cthree"), Segment("ru", "раз\u2028два\x1e")),
                notes=("page\x0cbreak\u2029end",))
    out = tmp_path / "sep.po"
    write_po([unit], out, source_lang="en", target_lang="ru", date=DATE)
    check = msgfmt_check(out)
    assert (check.returncode, check.stderr) == (0, "")
    [back] = read_po(out)
    assert (back.id, back.segments, back.notes) == (unit.id, unit.segments, unit.notes)


def test_the_glossary_header_has_gettexts_chinese_plural_rule():
    # the glossary layer cannot ask the memory's gettext table; the constant must agree with it
    from silkterm.glossary.formats.po import CHINESE_PLURAL_FORMS

    assert CHINESE_PLURAL_FORMS == plural_forms("zh-Hans")

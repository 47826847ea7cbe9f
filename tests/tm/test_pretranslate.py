"""Pre-translation of PO files from the memory: exact fills, fuzzy marks, nothing overwritten."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from silkterm.tm.errors import TMError, TMFormatError
from silkterm.tm.model import Segment, Unit
from silkterm.tm.po import load_po
from silkterm.tm.pretranslate import PretranslateStats, pretranslate, search_lang
from silkterm.tm.store import Memory

DATA = Path(__file__).resolve().parent.parent / "data" / "tm"

IN_PO = '''\
# Fixture for pretranslate.
msgid ""
msgstr ""
"Project-Id-Version: fixture 1.0\\n"
"PO-Revision-Date: 2024-05-01 10:00+0000\\n"
"Last-Translator: Test <test@example.org>\\n"
"Language-Team: Chinese\\n"
"Language: zh_CN\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

#: news.py:1
msgid "Trains exit China at Khorgos."
msgstr ""

# Reviewer: keep short.
msgid "Trains exit China at Khorgos!"
msgstr ""

msgid "Completely unrelated sentence here."
msgstr ""

msgctxt "human"
msgid "Trains exit China at Khorgos."
msgstr "列车在霍尔果斯出境（人工）"

msgid "%d train"
msgid_plural "%d trains"
msgstr[0] ""

#~ msgid "Trains exit China at Khorgos?"
#~ msgstr ""
'''

OUT_PO = '''\
# Fixture for pretranslate.
msgid ""
msgstr ""
"Project-Id-Version: fixture 1.0\\n"
"PO-Revision-Date: 2024-05-01 10:00+0000\\n"
"Last-Translator: Test <test@example.org>\\n"
"Language-Team: Chinese\\n"
"Language: zh_CN\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

#: news.py:1
msgid "Trains exit China at Khorgos."
msgstr "列车从霍尔果斯驶出中国。"

# Reviewer: keep short.
# silkterm: fuzzy match 96 from tuid u1
#, fuzzy
#| msgid "Trains exit China at Khorgos."
msgid "Trains exit China at Khorgos!"
msgstr "列车从霍尔果斯驶出中国。"

msgid "Completely unrelated sentence here."
msgstr ""

msgctxt "human"
msgid "Trains exit China at Khorgos."
msgstr "列车在霍尔果斯出境（人工）"

msgid "%d train"
msgid_plural "%d trains"
msgstr[0] ""

#~ msgid "Trains exit China at Khorgos?"
#~ msgstr ""
'''


@pytest.fixture()
def memory(tmp_path):
    m = Memory(tmp_path / "memory.sqlite")
    m.add([
        Unit("u1", (Segment("en", "Trains exit China at Khorgos."),
                    Segment("zh-Hans", "列车从霍尔果斯驶出中国。"))),
        Unit("u2", (Segment("en", "%d train"), Segment("zh-Hans", "%d 列火车"))),
        Unit("u3", (Segment("en", "Completely unrelated sentence here."),)),  # no target
    ])
    yield m
    m.close()


@pytest.fixture()
def in_po(tmp_path):
    p = tmp_path / "in.po"
    p.write_text(IN_PO, encoding="utf-8")
    return p


def test_pretranslate_exact_fuzzy_untouched(tmp_path, memory, in_po):
    out = tmp_path / "out.po"
    stats = pretranslate(in_po, out, memory)
    assert stats == PretranslateStats(entries=5, translated=1, exact=1, fuzzy=1, unmatched=1,
                                      plurals=1)
    assert out.read_text(encoding="utf-8") == OUT_PO
    assert in_po.read_text(encoding="utf-8") == IN_PO  # the input is never modified


def test_summary_line(tmp_path, memory, in_po):
    stats = pretranslate(in_po, tmp_path / "out.po", memory)
    assert stats.summary("out.po") == ("out.po: 5 entries: 1 exact, 1 fuzzy, 1 without match, "
                                       "1 plural skipped, 1 already translated")
    assert stats.to_dict() == {"entries": 5, "translated": 1, "exact": 1, "fuzzy": 1,
                               "unmatched": 1, "plurals": 1}


def test_min_score_100_fills_exact_only(tmp_path, memory, in_po):
    out = tmp_path / "out.po"
    stats = pretranslate(in_po, out, memory, min_score=100)
    assert (stats.exact, stats.fuzzy, stats.unmatched) == (1, 0, 2)
    assert "fuzzy" not in out.read_text(encoding="utf-8")


def test_second_run_changes_nothing(tmp_path, memory, in_po):
    first, second = tmp_path / "1.po", tmp_path / "2.po"
    pretranslate(in_po, first, memory)
    stats = pretranslate(first, second, memory)
    assert (stats.exact, stats.fuzzy, stats.translated) == (0, 0, 3)
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


def test_output_passes_msgfmt(tmp_path, memory, in_po):
    assert shutil.which("msgfmt"), "GNU gettext's msgfmt is needed (Debian gettext; .ci/run installs it)"
    out = tmp_path / "out.po"
    pretranslate(in_po, out, memory)
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(out)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_traditional_target_finds_nothing_in_simplified_memory(tmp_path, memory, in_po):
    stats = pretranslate(in_po, tmp_path / "out.po", memory, target_lang="zh-TW")
    assert (stats.exact, stats.fuzzy, stats.unmatched) == (0, 0, 3)


def test_target_lang_needed_without_header(tmp_path, memory):
    p = tmp_path / "nolang.po"
    p.write_text('msgid "Trains exit China at Khorgos."\nmsgstr ""\n', encoding="utf-8")
    with pytest.raises(TMFormatError) as e:
        pretranslate(p, tmp_path / "out.po", memory)
    assert str(e.value) == (f"{p}: the header names no Language; give the target language "
                            "(--target-lang)")
    stats = pretranslate(p, tmp_path / "out.po", memory, target_lang="zh-Hans")
    assert stats.exact == 1
    [entry] = load_po(tmp_path / "out.po").pofile
    assert entry.msgstr == "列车从霍尔果斯驶出中国。"


def test_malformed_input_leaves_output_alone(tmp_path, memory):
    out = tmp_path / "out.po"
    out.write_text("previous\n", encoding="utf-8")
    with pytest.raises(TMFormatError) as e:
        pretranslate(DATA / "unterminated.po", out, memory)
    assert e.value.line == 9
    assert out.read_text(encoding="utf-8") == "previous\n"


def test_output_must_differ_from_input(memory, in_po):
    with pytest.raises(TMError) as e:
        pretranslate(in_po, in_po, memory)
    assert str(e.value) == f"{in_po}: the output must be another file than the input"
    assert in_po.read_text(encoding="utf-8") == IN_PO


def test_latin1_output_that_cannot_hold_the_target(tmp_path, memory):
    p = tmp_path / "l1.po"
    p.write_bytes(b'msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n'
                  b'"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
                  b'msgid "Trains exit China at Khorgos."\nmsgstr ""\n')
    out = tmp_path / "out.po"
    with pytest.raises(TMError) as e:
        pretranslate(p, out, memory)
    assert str(e.value) == f"{out}: cannot encode '列' in the file's charset iso8859-1"
    assert not out.exists()


def test_search_lang():
    assert search_lang("zh_CN") == "zh-Hans"
    assert search_lang("zh-HK") == "zh-Hant"
    assert search_lang("zh-Hans") == "zh-Hans"
    assert search_lang("ru") == "ru"


def _khorgos_glossary():
    from silkterm.glossary.model import Concept, ConceptType, Glossary, Status, Variant

    return Glossary((Concept("khorgos", ConceptType.PLACE, "Khorgos", zh="霍尔果斯",
                             zh_hant="霍爾果斯",
                             variants=(Variant("Horgos", "en", Status.DEPRECATED),)),))


def test_term_notes_with_a_glossary(tmp_path, memory, in_po):
    out = tmp_path / "out.po"
    stats = pretranslate(in_po, out, memory, glossary=_khorgos_glossary())
    assert stats == PretranslateStats(5, 1, 1, 1, 1, 1)
    note = "# silkterm: terms: Khorgos = 霍尔果斯\n"
    expected = (OUT_PO.replace("#: news.py:1\n", note + "#: news.py:1\n")
                .replace("# Reviewer: keep short.\n", "# Reviewer: keep short.\n" + note))
    assert out.read_text(encoding="utf-8") == expected
    # translated, plural and obsolete entries are left alone; a second run changes nothing
    again = tmp_path / "again.po"
    pretranslate(out, again, memory, glossary=_khorgos_glossary())
    assert again.read_text(encoding="utf-8") == expected


def test_term_note_on_an_unmatched_entry_is_written_once(tmp_path, memory):
    src = tmp_path / "in.po"
    src.write_text('msgid ""\nmsgstr ""\n"Language: zh_TW\\n"\n'
                   '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   'msgid "Queues at Horgos again."\nmsgstr ""\n', encoding="utf-8")
    first, second = tmp_path / "1.po", tmp_path / "2.po"
    pretranslate(src, first, memory, glossary=_khorgos_glossary())
    pretranslate(first, second, memory, glossary=_khorgos_glossary())
    text = second.read_text(encoding="utf-8")
    assert text.endswith('# silkterm: terms: Horgos (Khorgos) = 霍爾果斯\n'
                         'msgid "Queues at Horgos again."\nmsgstr ""\n')
    assert text.count("silkterm: terms") == 1


def test_pretranslate_an_xliff_file_made_by_po2xliff(tmp_path, memory):
    import sys

    from translate.storage.xliff import xlifffile

    po = tmp_path / "in.po"
    po.write_text(IN_PO.split("msgid \"%d train\"")[0], encoding="utf-8")
    xlf = tmp_path / "in.xlf"
    subprocess.run([sys.executable, "-m", "translate.convert.po2xliff", str(po), str(xlf)],
                   check=True, capture_output=True)
    before = xlf.read_bytes()
    out = tmp_path / "out.xlf"
    stats = pretranslate(xlf, out, memory, glossary=_khorgos_glossary())
    assert stats == PretranslateStats(entries=4, translated=1, exact=1, fuzzy=1, unmatched=1,
                                      plurals=0)
    assert xlf.read_bytes() == before  # the input is never modified
    store = xlifffile.parsefile(str(out))
    assert store.gettargetlanguage() == "zh_CN"
    terms = "silkterm: terms: Khorgos = 霍尔果斯"
    assert [(u.source, u.target, u.isfuzzy(), u.getnotes("silkterm")) for u in store.units
            if not u.isheader()] == [
        ("Trains exit China at Khorgos.", "列车从霍尔果斯驶出中国。", False, terms),
        ("Trains exit China at Khorgos!", "列车从霍尔果斯驶出中国。", True,
         f"{terms}\nsilkterm: fuzzy match 96 from tuid u1"),
        ("Completely unrelated sentence here.", "", False, ""),
        ("Trains exit China at Khorgos.", "列车在霍尔果斯出境（人工）", False, ""),
    ]
    text = out.read_text(encoding="utf-8")
    assert 'state="needs-review-translation" state-qualifier="fuzzy-match"' in text
    assert 'state="translated" state-qualifier="exact-match"' in text
    # a second run changes nothing
    again = tmp_path / "again.xlf"
    assert pretranslate(out, again, memory, glossary=_khorgos_glossary()).translated == 3
    assert again.read_bytes() == out.read_bytes()

"""Pre-translating a template made by xgettext: a PO header for the target language, plural
entries filled from the memory, and the result accepted by ``msgfmt --check`` and ``msgmerge``."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from silkterm.tm.model import Segment, Unit
from silkterm.tm.po import cldr_plural_forms, gettext_locale, load_po
from silkterm.tm.pretranslate import PretranslateStats, pretranslate
from silkterm.tm.store import Memory

APP = '''\
import gettext

_ = gettext.gettext
print(_("Trains exit China at Khorgos."))
print(gettext.ngettext("%d train", "%d trains", 3) % 3)
print(gettext.ngettext("%d truck", "%d trucks", 3) % 3)
print(_("Nothing in the memory."))
'''


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"GNU gettext's {name} is needed (Debian gettext; .ci/run installs it)"
    return path


@pytest.fixture()
def pot(tmp_path: Path) -> Path:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    subprocess.run([_tool("xgettext"), "-L", "Python", "-o", "app.pot", "app.py"],
                   cwd=tmp_path, check=True)
    return tmp_path / "app.pot"


@pytest.fixture()
def memory(tmp_path: Path):
    m = Memory(tmp_path / "memory.sqlite")
    m.add([
        Unit("u1", (Segment("en", "Trains exit China at Khorgos."),
                    Segment("zh-Hans", "列车从霍尔果斯驶出中国。"))),
        Unit("u2", (Segment("en", "%d train"), Segment("zh-Hans", "%d 列火车")),
             props=(("x-po-msgid_plural", "%d trains"),)),
        Unit("u3", (Segment("en", "%d truck"), Segment("ru", "%d грузовик")),
             props=(("x-po-msgid_plural", "%d trucks"), ("x-po-msgstr[1]", "%d грузовика"),
                    ("x-po-msgstr[2]", "%d грузовиков"))),
    ])
    yield m
    m.close()


def _msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([_tool("msgfmt"), "--check", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True)


def test_the_template_itself_fails_msgfmt(pot: Path) -> None:
    # the failure this feature is about: a copied POT header
    result = _msgfmt_check(pot)
    assert result.returncode != 0
    assert "invalid nplurals value" in result.stderr


def test_pot_to_zh_cn_passes_msgfmt(tmp_path: Path, pot: Path, memory: Memory) -> None:
    out = tmp_path / "zh_CN.po"
    stats = pretranslate(pot, out, memory, target_lang="zh-CN", date="2026-12-07 06:00+0000")
    assert stats == PretranslateStats(entries=4, translated=0, exact=2, fuzzy=0, unmatched=1,
                                      plurals=1)
    result = _msgfmt_check(out)
    assert (result.returncode, result.stderr) == (0, "")
    po = load_po(out).pofile
    meta = po.metadata
    assert meta["Language"] == "zh_CN"
    assert meta["Plural-Forms"] == "nplurals=1; plural=0;"
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"
    assert meta["PO-Revision-Date"] == "2026-12-07 06:00+0000"
    assert meta["POT-Creation-Date"]  # the template's, kept
    assert not po.metadata_is_fuzzy
    text = out.read_text(encoding="utf-8")
    assert "CHARSET" not in text and "INTEGER" not in text
    plural = po.find("%d train")
    assert plural.msgstr_plural == {0: "%d 列火车"}
    assert "fuzzy" not in plural.flags
    # the truck unit is Russian: left untranslated, with the template's two empty forms
    assert po.find("%d truck").msgstr_plural == {0: "", 1: ""}
    # msgfmt compiles it, and the MO answers ngettext in Chinese
    mo = tmp_path / "app.mo"
    subprocess.run([_tool("msgfmt"), "-o", str(mo), str(out)], check=True)
    import gettext

    with mo.open("rb") as fh:
        catalog = gettext.GNUTranslations(fh)
    assert catalog.ngettext("%d train", "%d trains", 5) == "%d 列火车"
    assert catalog.gettext("Trains exit China at Khorgos.") == "列车从霍尔果斯驶出中国。"


def test_pot_to_ru_has_three_forms(tmp_path: Path, pot: Path, memory: Memory) -> None:
    out = tmp_path / "ru.po"
    stats = pretranslate(pot, out, memory, target_lang="ru")
    assert (stats.exact, stats.plurals) == (1, 1)
    result = _msgfmt_check(out)
    assert (result.returncode, result.stderr) == (0, "")
    po = load_po(out).pofile
    assert po.metadata["Language"] == "ru"
    assert po.metadata["Plural-Forms"] == cldr_plural_forms("ru")
    assert po.metadata["Plural-Forms"].startswith("nplurals=3;")
    entry = po.find("%d truck")
    assert entry.msgstr_plural == {0: "%d грузовик", 1: "%d грузовика", 2: "%d грузовиков"}
    assert "fuzzy" not in entry.flags


def test_plural_unit_with_fewer_forms_is_fuzzy(tmp_path: Path, pot: Path) -> None:
    m = Memory(tmp_path / "m.sqlite")
    m.add([Unit("t", (Segment("en", "%d truck"), Segment("ru", "%d грузовик")),
                props=(("x-po-msgid_plural", "%d trucks"),))])
    out = tmp_path / "ru.po"
    pretranslate(pot, out, m, target_lang="ru")
    m.close()
    entry = load_po(out).pofile.find("%d truck")
    assert entry.msgstr_plural == {0: "%d грузовик", 1: "%d грузовик", 2: "%d грузовик"}
    assert entry.flags[0] == "fuzzy"
    assert _msgfmt_check(out).returncode == 0


def test_msgmerge_keeps_the_pretranslation(tmp_path: Path, pot: Path, memory: Memory) -> None:
    out = tmp_path / "zh_CN.po"
    pretranslate(pot, out, memory, target_lang="zh-CN")
    merged = tmp_path / "merged.po"
    subprocess.run([_tool("msgmerge"), "--quiet", "-o", str(merged), str(out), str(pot)],
                   check=True)
    po = load_po(merged).pofile
    assert po.metadata["Language"] == "zh_CN"
    assert po.find("Trains exit China at Khorgos.").msgstr == "列车从霍尔果斯驶出中国。"
    assert (_msgfmt_check(merged).returncode, _msgfmt_check(merged).stderr) == (0, "")


def test_a_po_header_is_left_alone(tmp_path: Path, pot: Path, memory: Memory) -> None:
    first, second = tmp_path / "a.po", tmp_path / "b.po"
    pretranslate(pot, first, memory, target_lang="zh-CN", date="2026-12-07 06:00+0000")
    pretranslate(first, second, memory)  # Language from the header
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


@pytest.mark.parametrize(("tag", "locale"), [
    ("zh-Hans", "zh_CN"), ("zh-Hant", "zh_TW"), ("zh-CN", "zh_CN"), ("zh-TW", "zh_TW"),
    ("zh-Hant-HK", "zh_HK"), ("zh", "zh_CN"), ("pt-BR", "pt_BR"), ("sr-Latn", "sr@latin"),
])
def test_gettext_locale(tag: str, locale: str) -> None:
    assert gettext_locale(tag) == locale

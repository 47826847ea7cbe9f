"""Every gettext catalogue this machine has for zh_CN, zh_TW, kk and ru survives the memory.

For each ``/usr/share/locale/{zh_CN,zh_TW,kk,ru}/LC_MESSAGES/*.mo``: MO → new memory → TMX →
new memory → TMX gives the same bytes, the TMX is valid against the TMX 1.4 DTD, and the PO
exported from the memory passes ``msgfmt --check`` with every entry and every plural form of the
catalogue (and its Plural-Forms header) kept, and no warning. CI installs gettext and Debian
packages that bring such catalogues (.ci/run); with none on the machine the test fails.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
from lxml import etree
from silkterm.tm.model import xml_safe
from silkterm.tm.po import bcp47, read_mo, write_po
from silkterm.tm.store import Memory
from silkterm.tm.tmx import read_tmx, write_tmx

LOCALE = Path("/usr/share/locale")
LANGS = ("zh_CN", "zh_TW", "kk", "ru")
DTD = Path(__file__).resolve().parent.parent / "data" / "standards" / "tmx14.dtd"


def catalogues() -> list[Path]:
    return sorted(p for lang in LANGS for p in (LOCALE / lang / "LC_MESSAGES").glob("*.mo"))


def translations(entries: list[polib.MOEntry | polib.POEntry]) -> set[tuple[object, ...]]:
    """What a catalogue translates: msgid, msgid_plural and every form of msgstr."""
    out: set[tuple[object, ...]] = set()
    for e in entries:
        if e.msgid == "" and e.msgctxt is None:
            continue  # the header
        forms = tuple(e.msgstr_plural[n] for n in sorted(e.msgstr_plural)) if e.msgid_plural \
            else (e.msgstr,)
        if forms[0]:
            out.add((e.msgid, e.msgid_plural or None, forms))
    return out


def plural_rule(metadata: dict[str, str]) -> str:
    return " ".join(metadata.get("Plural-Forms", "").split()).rstrip("; ")


def round_trip(mo: Path, work: Path) -> tuple[list[str], polib.MOFile]:
    """The problems of one catalogue (empty if none), and the catalogue."""
    lang = bcp47(mo.parent.parent.name)
    problems: list[str] = []
    with Memory(work / "a.sqlite") as a:
        a.add(read_mo(mo, target_lang=lang))
        write_tmx(a.units(), work / "one.tmx", srclang="en")
    dtd = etree.DTD(str(DTD))
    if not dtd.validate(etree.parse(str(work / "one.tmx"))):
        problems.append(f"TMX not valid: {dtd.error_log.filter_from_errors()[:1]}")
    with Memory(work / "b.sqlite") as b:
        b.add(read_tmx(work / "one.tmx"))
        write_tmx(b.units(), work / "two.tmx", srclang="en")
        result = write_po(b.units(), work / "out.po", source_lang="en", target_lang=lang)
    if (work / "one.tmx").read_bytes() != (work / "two.tmx").read_bytes():
        problems.append("TMX bytes differ after a second round")
    if result.warnings:
        problems.append(f"PO export warned: {result.warnings}")
    check = subprocess.run(["msgfmt", "--check", "-o", str(work / "out.mo"), str(work / "out.po")],
                           capture_output=True, text=True)
    if check.returncode != 0:
        problems.append(f"msgfmt --check: {check.stderr.strip()[:300]}")
        return problems, polib.mofile(str(mo))
    source = polib.mofile(str(mo))
    exported = polib.mofile(str(work / "out.mo"))  # what msgfmt compiled: no fuzzy entry
    missing = translations(list(source)) - translations(list(exported))
    if missing:
        problems.append(f"{len(missing)} translations lost or changed in PO, e.g. "
                        f"{sorted(missing, key=repr)[0]!r}"[:300])
    if any(e.msgid_plural for e in source) and \
            plural_rule(exported.metadata) != plural_rule(source.metadata):
        problems.append(f"Plural-Forms {exported.metadata.get('Plural-Forms')!r} is not the "
                        f"catalogue's {source.metadata.get('Plural-Forms')!r}")
    for name in ("a.sqlite", "b.sqlite", "one.tmx", "two.tmx", "out.po", "out.mo"):
        (work / name).unlink()
    return problems, source


def test_every_catalogue_on_the_machine_round_trips(tmp_path):
    found = catalogues()
    assert found, (f"no .mo under {LOCALE}/{{{','.join(LANGS)}}}/LC_MESSAGES: install gettext "
                   "and the Debian packages that .ci/run names")
    assert shutil.which("msgfmt"), "msgfmt is missing: install Debian's gettext"
    problems = {}
    forbidden = 0
    rules: set[str] = set()
    for mo in found:
        trouble, catalogue = round_trip(mo, tmp_path)
        if trouble:
            problems[str(mo)] = trouble
        forbidden += sum(not xml_safe(e.msgstr + "".join(e.msgstr_plural.values()))
                         for e in catalogue)
        if any(e.msgid_plural for e in catalogue):
            rules.add(plural_rule(catalogue.metadata)[:11])
    assert problems == {}
    # the catalogues exercise what this test is about: forbidden characters, 2 and 3 forms
    assert forbidden > 0
    assert {"nplurals=2;", "nplurals=3;"} <= rules

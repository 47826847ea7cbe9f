"""Every gettext catalogue this machine has for zh_CN, zh_TW, kk and ru survives the memory.

For each ``/usr/share/locale/{zh_CN,zh_TW,kk,ru}/LC_MESSAGES/*.mo``: MO → new memory → TMX →
new memory → TMX gives the same bytes, the TMX is valid against the TMX 1.4 DTD, and the PO
exported from the memory passes ``msgfmt --check`` with every entry and every plural form of the
catalogue (and its Plural-Forms header) kept, and no warning. CI installs gettext and Debian
packages that bring such catalogues (.ci/run); with none on the machine the test fails. The
catalogues are shared among (at most) two worker processes that run this file as a script.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

from lxml import etree
from silkterm.tm.po import bcp47, read_mo, write_po
from silkterm.tm.store import Memory
from silkterm.tm.tmx import read_tmx, write_tmx

LOCALE = Path("/usr/share/locale")
LANGS = ("zh_CN", "zh_TW", "kk", "ru")
XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
DTD = Path(__file__).resolve().parent.parent / "data" / "standards" / "tmx14.dtd"


def catalogues() -> list[Path]:
    return sorted(p for lang in LANGS for p in (LOCALE / lang / "LC_MESSAGES").glob("*.mo"))


class Catalogue:
    """A compiled catalogue as GNU gettext reads it (the MO format: a table of original and
    translated strings, ``context \\x04 msgid \\0 msgid_plural`` and ``form \\0 form …``)."""

    def __init__(self, path: Path) -> None:
        data = path.read_bytes()
        order = "<" if data[:4] == b"\xde\x12\x04\x95" else ">"
        count, originals, translations = struct.unpack(order + "3I", data[8:20])
        pairs = []
        for i in range(count):
            olen, opos = struct.unpack(order + "2I", data[originals + 8 * i:originals + 8 * i + 8])
            tlen, tpos = struct.unpack(order + "2I",
                                       data[translations + 8 * i:translations + 8 * i + 8])
            pairs.append((data[opos:opos + olen], data[tpos:tpos + tlen]))
        header = next((t for o, t in pairs if o == b""), b"").decode("ascii", "replace")
        self.metadata = dict(line.split(": ", 1) for line in header.splitlines() if ": " in line)
        m = re.search(r"charset=([\w.:-]+)", self.metadata.get("Content-Type", ""))
        charset = m.group(1) if m and m.group(1).upper() != "CHARSET" else "utf-8"
        #: (msgid, msgid_plural or None, every form) of each translated entry; the context is
        #: left out (silkterm writes the unit id there)
        self.translations: set[tuple[str, str | None, tuple[str, ...]]] = set()
        for original, translated in pairs:
            forms = tuple(translated.decode(charset).split("\0"))
            if original and forms[0]:
                ids = original.decode(charset).split("\x04")[-1].split("\0")
                self.translations.add((ids[0], ids[1] if len(ids) > 1 else None, forms))

    @property
    def rule(self) -> str:
        return " ".join(self.metadata.get("Plural-Forms", "").split()).rstrip("; ")


def round_trip(mo: Path, work: Path) -> tuple[list[str], Catalogue]:
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
        return problems, Catalogue(mo)
    source = Catalogue(mo)
    exported = Catalogue(work / "out.mo")  # what msgfmt compiled: no fuzzy entry
    missing = source.translations - exported.translations
    if missing:
        problems.append(f"{len(missing)} translations lost or changed in PO, e.g. "
                        f"{sorted(missing, key=repr)[0]!r}"[:300])
    plural = any(plural_id for _, plural_id, _ in source.translations)
    if plural and exported.rule != source.rule:
        problems.append(f"Plural-Forms {exported.rule!r} is not the catalogue's {source.rule!r}")
    shutil.rmtree(work)
    return problems, source


def check(paths: list[Path], work: Path) -> dict[str, object]:
    """Round-trip ``paths`` in ``work``: the problems by catalogue, how many translations hold
    a character XML forbids, and the ``nplurals`` of the plural catalogues."""
    problems: dict[str, list[str]] = {}
    forbidden = 0
    rules: set[str] = set()
    for i, mo in enumerate(paths):
        (work / str(i)).mkdir(parents=True)
        trouble, catalogue = round_trip(mo, work / str(i))
        if trouble:
            problems[str(mo)] = trouble
        forbidden += sum(bool(XML_FORBIDDEN.search("".join(forms)))
                         for _, _, forms in catalogue.translations)
        if any(plural_id for _, plural_id, _ in catalogue.translations):
            rules.add(catalogue.rule[:11])
    return {"problems": problems, "forbidden": forbidden, "rules": sorted(rules)}


def test_every_catalogue_on_the_machine_round_trips(tmp_path):
    found = catalogues()
    assert found, (f"no .mo under {LOCALE}/{{{','.join(LANGS)}}}/LC_MESSAGES: install gettext "
                   "and the Debian packages that .ci/run names")
    assert shutil.which("msgfmt"), "msgfmt is missing: install Debian's gettext"
    # one worker process per core (at most 2), each with every n-th catalogue, largest first
    found.sort(key=lambda p: -p.stat().st_size)
    n = max(1, min(2, os.cpu_count() or 1))
    workers = [subprocess.Popen([sys.executable, __file__, str(tmp_path / f"w{i}"),
                                 *map(str, found[i::n])], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for i in range(n)]
    results = []
    for w in workers:
        out, err = w.communicate()
        assert w.returncode == 0, err[-2000:]
        results.append(json.loads(out))
    problems = {k: v for r in results for k, v in r["problems"].items()}
    assert problems == {}
    # the catalogues exercise what this test is about: forbidden characters, 2 and 3 forms
    assert sum(r["forbidden"] for r in results) > 0
    assert {"nplurals=2;", "nplurals=3;"} <= {rule for r in results for rule in r["rules"]}


if __name__ == "__main__":  # a worker of the test above: WORKDIR MO...
    json.dump(check([Path(p) for p in sys.argv[2:]], Path(sys.argv[1])), sys.stdout)

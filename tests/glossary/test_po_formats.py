"""The glossary as PO (silkterm.glossary.formats.po) and the polib adapter both PO formats use
(silkterm.glossary.formats.pofile)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from silkterm.glossary.formats.po import write_glossary_po
from silkterm.glossary.formats.pofile import polib_error as _polib_error

DATE = "2024-05-01 10:00+0000"


def msgfmt_check(path: Path, out: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["msgfmt", "--check", "-o", str(out) if out else "/dev/null", str(path)],
                          capture_output=True, text=True, check=False)


# ---------------------------------------------------------------------------------------------
# glossary as PO


def test_write_glossary_po(tmp_path, small):
    out = tmp_path / "glossary.po"
    assert write_glossary_po(small, out, date=DATE) == len(small)
    text = out.read_text(encoding="utf-8")
    assert ('#. type: place\n'
            '#. zh-Hant: 霍爾果斯\n'
            "#. pinyin: Huò'ěrguǒsī\n"
            '#. kk: Қорғас\n'
            '#. ru: Хоргос\n'
            '#. variants: Horgos (deprecated spelling); Khorgas (admitted spelling, case ignore); '
            '霍果斯 (deprecated misspelling, zh)\n'
            '#. note: Border crossing between China and Kazakhstan.\n'
            'msgctxt "khorgos"\n'
            'msgid "Khorgos"\n'
            'msgstr "霍尔果斯"\n') in text
    assert 'msgctxt "nurly-zhol"\nmsgid "Nurly Zhol"\nmsgstr ""\n' in text
    from silkterm.glossary.formats.pofile import load_po as load

    entries = {e.msgctxt: e for e in load(out).pofile}
    assert list(entries) == [c.id for c in small]
    assert entries["sco"].msgid == "Shanghai Cooperation Organisation"


def test_glossary_po_passes_msgfmt(tmp_path, glossary):
    out = tmp_path / "glossary.po"
    write_glossary_po(glossary, out)
    result = msgfmt_check(out)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


# ---------------------------------------------------------------------------------------------
# the adapter


def test_polib_error_keeps_the_line():
    e = _polib_error(OSError("Syntax error in po file (line 7): unescaped double quote found"),
                     "x.po")
    assert (e.path, e.line, e.message) == ("x.po", 7, "syntax error: unescaped double quote found")
    e = _polib_error(OSError("Syntax error in po file /tmp/a.po(line 3)"), "a.po")
    assert str(e) == "a.po:3: syntax error /tmp/a.po"



def test_polib_is_imported_by_the_adapter_only():
    import ast

    root = Path(__file__).resolve().parents[2]
    importers = []
    for folder in ("glossary", "tm", "cli"):
        for path in sorted((root / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import)
                     for a in n.names}
            names |= {(n.module or "").split(".")[0] for n in ast.walk(tree)
                      if isinstance(n, ast.ImportFrom) and not n.level}
            if "polib" in names:
                importers.append(path.relative_to(root).as_posix())
    assert importers == ["glossary/formats/pofile.py"]


def test_the_adapter_raises_the_callers_error(tmp_path):
    from silkterm.glossary.errors import GlossaryFormatError
    from silkterm.glossary.formats.pofile import load_po
    from silkterm.tm.errors import TMFormatError

    path = tmp_path / "bad.po"
    path.write_text('msgid "a"\nmsgstr "b"\n\nmsgid "c"\n', encoding="utf-8")
    for error in (GlossaryFormatError, TMFormatError):
        with pytest.raises(error) as e:
            load_po(path, error=error)
        assert str(e.value) == f"{path}:4: truncated entry: msgid without msgstr"

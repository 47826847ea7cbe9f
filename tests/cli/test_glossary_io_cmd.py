"""``silkterm glossary export`` and ``silkterm glossary import``: exit statuses and exact output.

The commands are tested inside ``silkterm glossary`` as cli/main.py wires them; until it does,
inside an equivalent group.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from lxml import etree
from silkterm.cli.glossary_io_cmd import glossary_export, glossary_import
from silkterm.glossary.loader import load_glossary

RNG = Path(__file__).resolve().parents[1] / "data" / "standards" / "tbx" / "TBXcoreStructV03.rng"
SMALL = ("--no-default", "-g", "small.yaml")


def _cli() -> click.Group:
    from silkterm.cli.main import cli

    group = cli.commands.get("glossary")
    if isinstance(group, click.Group) and {"export", "import"} <= set(group.commands):
        return cli

    @click.group()
    def silkterm() -> None:
        pass

    @silkterm.group("glossary")
    def glossary() -> None:
        pass

    glossary.add_command(glossary_export)
    glossary.add_command(glossary_import)
    return silkterm


@pytest.fixture()
def run(tmp_path, small_glossary_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(small_glossary_path, tmp_path / "small.yaml")
    group = _cli()

    def invoke(*args: str):
        return CliRunner().invoke(group, ["glossary", *args], prog_name="silkterm")

    return invoke


def test_export_tbx_writes_a_valid_file(run, tmp_path):
    result = run("export", *SMALL, "-o", "g.tbx")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "exported 9 concepts to g.tbx (tbx)\n", "")
    rng = etree.RelaxNG(etree.parse(str(RNG)))
    assert rng.validate(etree.parse(str(tmp_path / "g.tbx")))


@pytest.mark.parametrize(("fmt", "name", "first"), [
    ("omegat", "g.txt", "Khorgos\t霍尔果斯\tHuò'ěrguǒsī; Border crossing between China and Kazakhstan."),
    ("csv", "g.csv", "id,en,zh,status,kind,note"),
    ("po", "g.po", None),
])
def test_export_other_formats(run, tmp_path, fmt, name, first):
    result = run("export", "--format", fmt, *SMALL, "-o", name)
    assert (result.exit_code, result.stdout) == (0, f"exported 9 concepts to {name} ({fmt})\n")
    text = (tmp_path / name).read_text(encoding="utf-8")
    if first is not None:
        assert text.splitlines()[0] == first
    else:
        assert 'msgctxt "khorgos"' in text


def test_export_of_the_built_in_glossary(run, glossary):
    result = run("export", "-o", "all.csv")
    assert (result.exit_code, result.stdout) == (0, f"exported {len(glossary)} concepts to all.csv (csv)\n")


def test_export_needs_a_known_extension_or_a_format(run, tmp_path):
    result = run("export", *SMALL, "-o", "g.xlsx")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("silkterm: error: g.xlsx: cannot tell the glossary format from the file "
                             "name; give one of: tbx, omegat, csv, po\n")
    assert not (tmp_path / "g.xlsx").exists()


def test_export_no_default_needs_a_glossary(run):
    result = run("export", "--no-default", "-o", "g.tbx")
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: --no-default needs at least one --glossary\n")


def test_export_needs_an_output(run):
    result = run("export", *SMALL)
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: Missing option '--output' / '-o'.\n")


def test_import_tbx_writes_a_glossary_that_loads(run, tmp_path):
    assert run("export", *SMALL, "-o", "g.tbx").exit_code == 0
    result = run("import", "g.tbx", "-o", "back.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "imported 9 concepts from g.tbx (tbx) to back.yaml\n", "")
    again = load_glossary([tmp_path / "back.yaml"], include_default=False, use_cache=False)
    assert [c.id for c in again] == ["khorgos", "astana", "covid-19", "sco", "xian", "dry-port",
                                     "nurly-zhol", "altai-mountains", "altay-prefecture"]


def test_import_csv_and_omegat(run, tmp_path):
    (tmp_path / "g.csv").write_text("id,en,zh\nkhorgos,Khorgos,霍尔果斯\nkhorgos,Horgos,\n",
                                    encoding="utf-8")
    result = run("import", "g.csv", "-o", "c.yaml")
    assert (result.exit_code, result.stdout) == (0, "imported 1 concepts from g.csv (csv) to c.yaml\n")
    assert (tmp_path / "c.yaml").read_text(encoding="utf-8") == (
        "concepts:\n- id: khorgos\n  type: term\n  en: Khorgos\n  zh: 霍尔果斯\n"
        "  source: ['csv: g.csv']\n  variants:\n  - form: Horgos\n")
    (tmp_path / "g.tab").write_text("dry port\t无水港\n", encoding="utf-8")
    result = run("import", "--format", "omegat", "g.tab", "-o", "o.yaml")
    assert (result.exit_code, result.stdout) == (0, "imported 1 concepts from g.tab (omegat) to o.yaml\n")


def test_import_reports_skipped_entries_on_stderr(run, tmp_path):
    (tmp_path / "f.tbx").write_text(
        '<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body>\n'
        '<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>dry port</term></termSec>'
        '</langSec></conceptEntry>\n'
        '<conceptEntry id="c2"><langSec xml:lang="fr"><termSec><term>port sec</term></termSec>'
        "</langSec></conceptEntry>\n</body></text></tbx>\n", encoding="utf-8")
    result = run("import", "f.tbx", "-o", "f.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "imported 1 concepts from f.tbx (tbx) to f.yaml\n",
        "skipped (no English term): f.tbx:3: c2\n")


@pytest.mark.parametrize(("content", "error"), [
    (None, "silkterm: error: none.tbx: no such file\n"),
    ("<tbx><text>\n<body>\n</tbx>",
     "silkterm: error: none.tbx:3: malformed XML: Opening and ending tag mismatch: body line 2 and tbx\n"),
    ('<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]><tbx>&x;</tbx>',
     "silkterm: error: none.tbx:2: entity declarations are not allowed\n"),
])
def test_import_of_bad_input_fails_with_one_line_and_writes_nothing(run, tmp_path, content, error):
    if content is not None:
        (tmp_path / "none.tbx").write_text(content, encoding="utf-8")
    result = run("import", "none.tbx", "-o", "out.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", error)
    assert not (tmp_path / "out.yaml").exists()


def test_import_of_data_the_loader_rejects_names_the_output(run, tmp_path):
    (tmp_path / "g.csv").write_text("id,en,zh\nx,X,not chinese\n", encoding="utf-8")
    result = run("import", "g.csv", "-o", "out.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("silkterm: error: out.yaml:5: 'zh' of concept 'x' is marked zh but has "
                             "no Chinese characters\n")
    assert not (tmp_path / "out.yaml").exists()

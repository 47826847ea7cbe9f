"""``silkterm glossary export`` and ``silkterm glossary import``: exit statuses and exact output.

The commands are tested inside ``silkterm glossary`` as cli/main.py wires them.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from silkterm.cli.main import cli
from silkterm.glossary.loader import load_glossary

RNG = Path(__file__).resolve().parents[1] / "data" / "standards" / "tbx" / "TBXcoreStructV03.rng"
SMALL = ("--no-default", "-g", "small.yaml")


@pytest.fixture()
def run(tmp_path, small_glossary_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(small_glossary_path, tmp_path / "small.yaml")

    def invoke(*args: str):
        return CliRunner().invoke(cli, ["glossary", *args], prog_name="silkterm")

    return invoke


def test_export_tbx_writes_a_valid_file(run, tmp_path):
    result = run("export", *SMALL, "-o", "g.tbx")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "exported 9 concepts to g.tbx (tbx)\n", "")
    rng = etree.RelaxNG(etree.parse(str(RNG)))
    assert rng.validate(etree.parse(str(tmp_path / "g.tbx")))


@pytest.mark.parametrize(("fmt", "name", "first"), [
    ("omegat", "g.txt", "Khorgos\t霍尔果斯\tHuò'ěrguǒsī; Border crossing between China and Kazakhstan."),
    ("csv", "g.csv", "Khorgos,霍尔果斯,Huò'ěrguǒsī; Border crossing between China and Kazakhstan."),
    ("csv-full", "g.csv", "id,en,zh,status,kind,note,type,flags"),
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
                             "name; give one of: tbx, tbx2, omegat, csv, csv-full, po\n")
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
        "skipped (no English term): f.tbx:3: c2\n"
        "f.tbx: 1 term in a language silkterm does not keep (fr) was left out\n")


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


# -- round trips of the built-in glossary through every format --------------------------------


def _flags_by_form(concepts):
    """{(English house form, form, lang): flags} of every listed variant, and {en: case}."""
    from silkterm.glossary.formats.common import variant_flags

    variants = {(c.en, v.form, v.lang): variant_flags(v)
                for c in concepts for v in c.variants if v.rule is None}
    return variants, {c.en: c.case for c in concepts}


@pytest.mark.parametrize("name", ["g.tbx", "g.utf8", "g.tab", "g.csv", "g.po", "tbx2:g2.tbx",
                                  "csv-full:f.csv"])
def test_every_format_round_trips_the_built_in_glossary_into_one_that_passes_check(
        run, tmp_path, glossary, name):
    from silkterm.cli.main import cli
    from silkterm.glossary.formats.yamlfile import render_glossary_yaml as render_yaml

    fmt, _, name = name.rpartition(":")  # a format without an extension of its own: named
    exported = run("export", "-o", name, *(("--format", fmt) if fmt else ()))
    assert (exported.exit_code, exported.stderr) == (0, "")
    imported = run("import", name, "-o", "back.yaml")
    assert (imported.exit_code, imported.stderr) == (0, "")
    check = CliRunner().invoke(cli, ["glossary", "check", "--no-default", "-g", "back.yaml"],
                               prog_name="silkterm")
    assert (check.exit_code, check.stderr) == (0, "")
    assert check.stdout.startswith("ok: ")
    back = load_glossary([tmp_path / "back.yaml"], include_default=False, use_cache=False)
    if name == "g.tbx":  # lossless
        assert (tmp_path / "back.yaml").read_text(encoding="utf-8") == render_yaml(glossary)
        return
    if fmt == "tbx2":  # all but where the seeds use a form, the specs, the traditional script's
        # listed variants, and the order of variants across languages (grouped by language)
        langs = ("en", "zh", "kk", "ru")

        def kept(c):
            variants = sorted((dataclasses.replace(v, seen=()) for v in c.variants
                               if v.lang in langs), key=lambda v: langs.index(v.lang))
            return dataclasses.replace(c, seen=(), specs=(), variants=tuple(variants))

        assert (tmp_path / "back.yaml").read_text(encoding="utf-8") == render_yaml(
            [kept(c) for c in glossary])
        return
    # what tells shared forms apart (ambiguous, case) and the action and validity survive
    original_variants, original_case = _flags_by_form(glossary)
    back_variants, back_case = _flags_by_form(back)
    assert back_variants and back_variants.items() <= original_variants.items()
    assert back_case.items() <= original_case.items()
    assert ("Amangeldy Imanov", "Amangeldy", "en") in back_variants or name.endswith(
        (".utf8", ".tab", "g.csv"))
    assert back_variants[("Amangeldy (symphonic poem)", "Amangeldy", "en")] == ["ambiguous"]


def test_an_omegat_tab_file_starts_with_a_byte_order_mark(run, tmp_path):
    assert run("export", *SMALL, "-o", "g.tab").exit_code == 0
    assert run("export", *SMALL, "-o", "g.utf8").exit_code == 0
    tab, utf8 = (tmp_path / "g.tab").read_bytes(), (tmp_path / "g.utf8").read_bytes()
    assert tab == b"\xef\xbb\xbf" + utf8
    assert utf8.startswith("Khorgos\t霍尔果斯\t".encode())
    result = run("import", "g.tab", "-o", "o.yaml")
    assert (result.exit_code, result.stdout) == (0, "imported 8 concepts from g.tab (omegat) to o.yaml\n")


def test_import_po_glossary(run, tmp_path):
    assert run("export", *SMALL, "-o", "g.po").exit_code == 0
    result = run("import", "g.po", "-o", "back.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "imported 9 concepts from g.po (po) to back.yaml\n", "")
    text = (tmp_path / "back.yaml").read_text(encoding="utf-8")
    assert text.startswith(
        "concepts:\n- id: khorgos\n  type: place\n  en: Khorgos\n  zh: 霍尔果斯\n  kk: Қорғас\n"
        "  ru: Хоргос\n  note: Border crossing between China and Kazakhstan.\n"
        "  source: ['po: g.po']\n  variants:\n  - form: Horgos\n    status: deprecated\n"
        "    kind: spelling\n  - form: Khorgas\n    kind: spelling\n    case: ignore\n"
        "  - form: 霍果斯\n    lang: zh\n    status: deprecated\n    kind: misspelling\n")
    assert ("- id: altay-prefecture\n  type: place\n  en: Altay Prefecture\n  zh: 阿勒泰地区\n"
            "  source: ['po: g.po']\n  variants:\n  - form: Altai\n    status: deprecated\n"
            "    kind: spelling\n    ambiguous: true\n") in text


def test_import_of_a_deprecated_english_term_keeps_the_entry_and_says_so(run, tmp_path):
    (tmp_path / "f.tbx").write_text(
        '<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body>\n'
        '<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>Alma-Ata</term>'
        '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>'
        "</langSec></conceptEntry>\n</body></text></tbx>\n", encoding="utf-8")
    result = run("import", "f.tbx", "-o", "f.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "imported 1 concepts from f.tbx (tbx) to f.yaml\n",
        "note: f.tbx:2: c1: the English house form 'Alma-Ata' is deprecatedTerm-admn-sts in the "
        "file\n")
    assert (tmp_path / "f.yaml").read_text(encoding="utf-8") == (
        "concepts:\n- id: c1\n  type: term\n  en: Alma-Ata\n"
        "  note: The English term is deprecatedTerm-admn-sts in f.tbx, which gives no other "
        "English term.\n  source: ['tbx: f.tbx']\n  unverified: [en]\n")


def test_import_never_writes_a_glossary_that_check_rejects(run, tmp_path):
    (tmp_path / "g.csv").write_text("id,en,flags\na,Altai Mountains,\na,Altai,\n"
                                    "b,Altay Prefecture,\nb,Altai,\n", encoding="utf-8")
    result = run("import", "g.csv", "-o", "out.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("silkterm: error: out.yaml:13: form 'Altai' of 'b' is also a form of "
                             "'a' (out.yaml:7); mark both 'ambiguous: true' or tell them apart by "
                             "case\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.csv", "small.yaml"]
    (tmp_path / "g.csv").write_text("id,en,flags\na,Altai Mountains,\na,Altai,ambiguous\n"
                                    "b,Altay Prefecture,\nb,Altai,ambiguous\n", encoding="utf-8")
    result = run("import", "g.csv", "-o", "out.yaml")
    assert (result.exit_code, result.stdout) == (0, "imported 2 concepts from g.csv (csv) to out.yaml\n")


def test_import_into_a_missing_folder_is_one_line(run, tmp_path):
    (tmp_path / "g.csv").write_text("en\ndry port\n", encoding="utf-8")
    result = run("import", "g.csv", "-o", "nodir/out.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "silkterm: error: nodir/out.yaml: cannot write: No such file or directory\n")
    assert not (tmp_path / "nodir").exists()


# --- glossary merge: collect --format yaml -> glossary check -> merge -> collect, normalize ------

CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "collect" / "corpus"


def _silkterm(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, prog_name="silkterm")


@pytest.fixture(scope="module")
def proposals_dir(tmp_path_factory) -> Path:
    """The evaluation corpus (copied, so sources read corpus/NAME:LINE) and collect's proposals
    for it as a glossary file, written by the CLI."""
    root = tmp_path_factory.mktemp("merge")
    shutil.copytree(CORPUS, root / "corpus")
    cwd = Path.cwd()
    os.chdir(root)
    try:
        files = sorted(f"corpus/{p.name}" for p in CORPUS.iterdir())
        result = _silkterm("collect", *files, "--format", "yaml", "-o", "props.yaml")
        assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    finally:
        os.chdir(cwd)
    return root


@pytest.fixture()
def in_corpus(proposals_dir, tmp_path, monkeypatch) -> list[str]:
    """A fresh directory with the corpus and the proposals file; the corpus file names."""
    shutil.copytree(proposals_dir / "corpus", tmp_path / "corpus")
    shutil.copy(proposals_dir / "props.yaml", tmp_path / "props.yaml")
    monkeypatch.chdir(tmp_path)
    return sorted(f"corpus/{p.name}" for p in CORPUS.iterdir())


def test_collect_yaml_is_a_glossary_that_checks_alone_and_with_the_built_in_one(in_corpus):
    text = Path("props.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == ("# silkterm collect: 86 new concepts, 3 known concepts with "
                                    "new spellings, from 10 files.")
    assert ("- id: aktobe\n  type: place\n  status: proposed\n  en: Aktobe\n  zh: 阿克托别\n"
            "  kk: Ақтөбе\n  ru: Актобе\n") in text
    assert "  - form: Aqtobe\n    status: proposed\n    kind: transliteration\n" in text
    assert "\nextend:\n- id: kassym-jomart-tokayev\n" in text
    alone = _silkterm("glossary", "check", "--no-default", "-g", "props.yaml")
    assert (alone.exit_code, alone.stdout) == (0, "ok: 86 concepts, 354 forms, 0 specs passed (1 files)\n")
    full = _silkterm("glossary", "check", "-g", "props.yaml")
    assert full.exit_code == 0 and full.stdout.startswith("ok: 285 concepts, ")


def test_after_merge_all_collect_proposes_nothing_for_the_merged_names(in_corpus):
    merged = _silkterm("glossary", "merge", "props.yaml", "--into", "my.yaml", "--all")
    assert (merged.exit_code, merged.stdout, merged.stderr) == (
        0, "merged 86 new concepts and new spellings of 3 known concepts (58 variants in all) "
           "into my.yaml\n", "")
    accepted = re.findall(r"^- id: (\S+)", Path("props.yaml").read_text(encoding="utf-8"), re.M)
    again = _silkterm("collect", *in_corpus, "-g", "my.yaml", "--format", "json")
    assert again.exit_code == 0
    left = json.loads(again.stdout)["proposals"]
    assert not {p["id"] for p in left} & set(accepted)
    assert not {p["concept"] for p in left} & set(accepted)
    # what is left are the Chinese-only names, which have no English form to propose
    assert all(re.search(r"[\u4e00-\u9fff]", f["form"]) for p in left for f in p["forms"])


def test_merged_names_are_used_by_normalize_annotate_and_lookup(in_corpus):
    merged = _silkterm("glossary", "merge", "props.yaml", "--into", "my.yaml", "--accept", "aktobe",
                       "--accept", "kassym-jomart-tokayev", "--accept", "li-qiang",
                       "--status", "deprecated")
    assert (merged.exit_code, merged.stdout) == (
        0, "merged 2 new concepts and new spellings of 1 known concept (6 variants in all) into "
           "my.yaml\n")
    text = "Aqtobe and Tokaev met Li Qiang.\n"
    normalized = _silkterm("normalize", "-g", "my.yaml", input=text)
    assert (normalized.exit_code, normalized.stdout) == (
        0, "Aktobe and Kassym-Jomart Tokayev met Li Qiang.\n")
    annotated = _silkterm("annotate", "-g", "my.yaml", input=text)
    assert annotated.stdout == (
        "Aqtobe ⟦→ Aktobe · 阿克托别 · Ākètuōbié⟧ and Tokaev ⟦→ Kassym-Jomart Tokayev · 托卡耶夫 · "
        "Tuōkǎyēfū⟧ met Li Qiang ⟦李强 · Lǐ Qiáng⟧.\n")
    found = _silkterm("lookup", "-g", "my.yaml", "李强")
    assert found.exit_code == 0 and found.stdout.startswith("李强 → Li Qiang [li-qiang] person")
    unknown = _silkterm("lookup", "李强")
    assert unknown.exit_code == 1


def test_merge_needs_accept_or_all(in_corpus):
    result = _silkterm("glossary", "merge", "props.yaml", "--into", "my.yaml")
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: give --accept ID (one or more) or --all\n")
    assert not Path("my.yaml").exists()


def test_a_failed_merge_is_one_line_and_leaves_the_target_as_it_was(in_corpus):
    mine = "# mine\nconcepts:\n- id: my-aqtobe\n  type: place\n  en: Aqtobe\n  source: [me]\n"
    Path("my.yaml").write_text(mine, encoding="utf-8")
    result = _silkterm("glossary", "merge", "props.yaml", "--into", "my.yaml", "--accept",
                       "aqtobe-2")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("silkterm: error: props.yaml: no proposal with the id "
                                    "'aqtobe-2' (the file proposes: ")
    assert result.stderr.count("\n") == 1
    clash = _silkterm("glossary", "merge", "props.yaml", "--into", "my.yaml", "--accept", "aktobe")
    assert (clash.exit_code, clash.stdout, clash.stderr) == (
        2, "", "silkterm: error: cannot merge into my.yaml: line 22 of the merged file: form "
               "'Aqtobe' of 'aktobe' is also a form of 'my-aqtobe' (my.yaml:3); mark both "
               "'ambiguous: true' or tell them apart by case\n")
    assert Path("my.yaml").read_text(encoding="utf-8") == mine


def test_collect_yaml_output_exactly():
    text = "Prime Minister Olzhas Bektenov arrived. Bektenov spoke.\nLater Tokaev flew to Aqtobe and Aktobe.\n"
    result = _silkterm("collect", "--format", "yaml", input=text)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == """\
# silkterm collect: 2 new concepts, 1 known concept with new spellings, from 1 file.
# Review, then: silkterm glossary merge THIS-FILE --into MY.yaml --accept ID... (or --all)
concepts:
- id: olzhas-bektenov
  type: person
  status: proposed
  en: Olzhas Bektenov
  note: 'collect: score 92, 2 times in 1 file'
  source: ['collect <stdin>:1']
  verified: false
  variants:
  - form: Bektenov
    status: proposed
    kind: short-form
    note: 'collect: short form of Olzhas Bektenov (score 85); suggested status admitted'
    source: ['collect <stdin>:1']
    verified: false
- id: aktobe
  type: place
  status: proposed
  en: Aktobe
  zh: 阿克托别
  kk: Ақтөбе
  ru: Актобе
  note: 'collect: score 52, 2 times in 1 file'
  source: ['collect <stdin>:2', 'geonames:610611', CLDR 49 (babel 2.19.0)]
  verified: false
  variants:
  - form: Aqtobe
    status: proposed
    kind: transliteration
    note: 'collect: loose fold with Aktobe (score 95); suggested status admitted'
    source: ['collect <stdin>:2']
    verified: false
  - form: 阿克托比
    lang: zh
    status: proposed
    note: 'collect: open data'
    source: ['geonames:610611']
    verified: false
extend:
- id: kassym-jomart-tokayev
  variants:
  - form: Tokaev
    status: proposed
    kind: spelling
    note: 'collect: loose fold with ''Tokayev'' (score 95); suggested status admitted'
    source: ['collect <stdin>:2']
    verified: false
"""

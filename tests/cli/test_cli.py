"""The ``silkterm`` command line: every command, every error path, exact output and exit status.

Exact texts use the small test glossary (``--no-default -g small.yaml``, copied into the working
directory); a few end-to-end checks use the built-in glossary.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from silkterm.cli.main import cli
from silkterm.glossary import __version__

SMALL = ("--no-default", "-g", "small.yaml")
OLD = 1_000_000_000  # a file time far in the past, in seconds

HORGOS_TEXT = "At Horgos.\nNur-Sultan and COVID.\n"
HORGOS_NORMALIZED = "At Khorgos.\nNur-Sultan and COVID-19.\n"
NOTE = ("former name of Astana (Nur-Sultan was the name 2019-03-23 – 2022-09-17); "
        "give --date to normalise")
HORGOS_CHECK = (
    "a.txt:1:4: replace 'Horgos' → 'Khorgos': deprecated spelling [khorgos]\n"
    f"a.txt:2:1: note 'Nur-Sultan' (Astana): {NOTE} [astana]\n"
    "a.txt:2:16: replace 'COVID' → 'COVID-19': deprecated short-form [covid-19]\n"
)
KHORGOS_LOOKUP = (
    "Horgos → Khorgos [khorgos] place: variant (deprecated spelling)\n"
    "  zh: 霍尔果斯 (霍爾果斯)   pinyin: Huò'ěrguǒsī\n"
    "  kk: Қорғас\n"
    "  ru: Хоргос\n"
    "  variants: Horgos (deprecated spelling); Khorgas (admitted spelling); 霍果斯 (deprecated misspelling)\n"
    "  generated: Qorğas (kk-latin-2021); Qorǵas (kk-latin-2018); "
    "Qorg'as (kk-latin-2017); Qorghas (kk-bgn-pcgn-1979); Chorgos (ru-de-duden); Horgosz (ru-hu)\n"
    "  note: Border crossing between China and Kazakhstan.\n"
)
KHORGOS_DETAILS = KHORGOS_LOOKUP.split("\n", 1)[1]


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, prog_name="silkterm")


def ok(result, stdout: str) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == stdout


def fails(result, message: str) -> None:
    """Exit 2, nothing on stdout, exactly one line on stderr, no traceback."""
    assert isinstance(result.exception, SystemExit), result.exception
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"silkterm: error: {message}\n"


def usage_error(result, command: str, message: str) -> None:
    """Exit 2, nothing on stdout, click's usage line and the error on stderr."""
    arguments = " [FILES]..." if command in ("normalize", "annotate") else ""
    assert isinstance(result.exception, SystemExit), result.exception
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"Usage: silkterm {command} [OPTIONS]{arguments}\n"
                             f"Try 'silkterm {command} --help' for help.\n\nError: {message}\n")


@pytest.fixture
def work(tmp_path, monkeypatch, small_glossary_path) -> Path:
    """A working directory holding small.yaml, a.txt (changes) and b.txt (already clean)."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(small_glossary_path, tmp_path / "small.yaml")
    (tmp_path / "a.txt").write_text(HORGOS_TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Khorgos\n", encoding="utf-8")
    return tmp_path


def stamp(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def age(*paths: Path) -> None:
    for path in paths:
        os.utime(path, (OLD, OLD))


# --------------------------------------------------------------------------------------------
# normalize: outputs


def test_normalize_files_to_stdout(work):
    ok(run("normalize", *SMALL, "a.txt", "b.txt"), HORGOS_NORMALIZED + "Khorgos\n")


def test_normalize_reads_stdin_without_arguments(work):
    ok(run("normalize", *SMALL, input="Horgos and 霍果斯\n"), "Khorgos and 霍尔果斯\n")


def test_normalize_reads_stdin_for_dash(work):
    ok(run("normalize", *SMALL, "-", input="HORGOS"), "KHORGOS")


def test_normalize_stdin_between_files(work):
    ok(run("normalize", *SMALL, "b.txt", "-", "b.txt", input="Horgos\n"), "Khorgos\n" * 3)


def test_normalize_check_lists_findings_and_exits_1(work):
    result = run("normalize", *SMALL, "--check", "a.txt", "b.txt")
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == HORGOS_CHECK


def test_normalize_check_clean_file_exits_0(work):
    ok(run("normalize", *SMALL, "--check", "b.txt"), "")


def test_normalize_check_notes_alone_exit_0(work):
    (work / "n.txt").write_text("Nur-Sultan and Altai\n", encoding="utf-8")
    ok(run("normalize", *SMALL, "--check", "n.txt"),
       f"n.txt:1:1: note 'Nur-Sultan' (Astana): {NOTE} [astana]\n"
       "n.txt:1:16: suggest 'Altai' (Altai Mountains): ambiguous: Altai Mountains or Altay Prefecture "
       "[altai-mountains]\n")


@pytest.mark.parametrize("text, fail_on, status", [
    ("Nur-Sultan and Altai\n", None, 0),          # a note and a suggestion
    ("Nur-Sultan and Altai\n", "replace", 0),
    ("Nur-Sultan and Altai\n", "suggest", 1),
    ("Nur-Sultan and Altai\n", "note", 1),
    ("Nur-Sultan\n", "suggest", 0),               # a note alone
    ("Nur-Sultan\n", "note", 1),
    ("Khorgos\n", "note", 0),                     # nothing but a kept house form
    ("At Horgos\n", "replace", 1),
])
def test_normalize_check_fail_on(work, text, fail_on, status):
    (work / "n.txt").write_text(text, encoding="utf-8")
    option = ("--fail-on", fail_on) if fail_on else ()
    result = run("normalize", *SMALL, "--check", *option, "n.txt")
    assert (result.exit_code, result.stderr) == (status, "")
    assert result.stdout == run("normalize", *SMALL, "--check", "n.txt").stdout


def test_normalize_fail_on_needs_check(work):
    usage_error(run("normalize", *SMALL, "--fail-on", "note", "a.txt"), "normalize",
                "--fail-on needs --check")
    result = run("normalize", *SMALL, "--check", "--fail-on", "all", "a.txt")
    assert result.exit_code == 2 and "'all' is not one of 'replace', 'suggest', 'note'" in result.stderr


def test_normalize_check_names_a_dropped_article(work):
    result = run("normalize", "--check", input="the outbreak of the new crown\n")
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == ("<stdin>:1:21: replace 'new crown' → 'COVID-19' (without 'the'): "
                             "forbidden mistranslation; COVID-19 takes no article [covid-19]\n")


def test_normalize_check_stdin(work):
    result = run("normalize", *SMALL, "--check", input="x\n  霍果斯")
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == ("<stdin>:2:3: replace '霍果斯' → '霍尔果斯': deprecated misspelling "
                             "[khorgos]\n")


def test_normalize_diff(work):
    ok(run("normalize", *SMALL, "--diff", "a.txt", "b.txt"),
       "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n"
       "-At Horgos.\n-Nur-Sultan and COVID.\n+At Khorgos.\n+Nur-Sultan and COVID-19.\n")


def test_normalize_diff_absolute_path_and_stdin(work):
    path = str(work / "a.txt")
    ok(run("normalize", *SMALL, "--diff", path),
       f"--- {path}\n+++ {path}\n@@ -1,2 +1,2 @@\n"
       "-At Horgos.\n-Nur-Sultan and COVID.\n+At Khorgos.\n+Nur-Sultan and COVID-19.\n")
    ok(run("normalize", *SMALL, "--diff", input="one\nHorgos\n"),
       "--- <stdin>\n+++ <stdin>\n@@ -1,2 +1,2 @@\n one\n-Horgos\n+Khorgos\n")


def test_normalize_diff_of_clean_input_is_empty(work):
    ok(run("normalize", *SMALL, "--diff", "b.txt"), "")


def test_normalize_diff_without_final_newline(work):
    (work / "n.txt").write_text("x\nHorgos", encoding="utf-8")
    ok(run("normalize", *SMALL, "--diff", "n.txt", "a.txt"),
       "--- a/n.txt\n+++ b/n.txt\n@@ -1,2 +1,2 @@\n x\n-Horgos\n\\ No newline at end of file\n"
       "+Khorgos\n\\ No newline at end of file\n"
       "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n"
       "-At Horgos.\n-Nur-Sultan and COVID.\n+At Khorgos.\n+Nur-Sultan and COVID-19.\n")


def test_normalize_format_json(work):
    result = run("normalize", *SMALL, "--format", "json", "a.txt", "b.txt")
    ok(result, result.stdout)
    data = json.loads(result.stdout)
    assert [(d["path"], d["changed"], len(d["findings"])) for d in data] == [
        ("a.txt", True, 3), ("b.txt", False, 0)]
    assert data[0]["findings"][0] == {
        "start": 3, "end": 9, "line": 1, "column": 4, "surface": "Horgos", "concept": "khorgos",
        "canonical": "Khorgos", "action": "replace", "reason": "deprecated spelling",
        "form": "Horgos", "lang": "en", "status": "deprecated", "kind": "spelling",
        "replacement": "Khorgos", "candidates": [], "score": None, "drop_before": ""}
    assert [(f["start"], f["end"], f["line"], f["column"], f["surface"], f["concept"], f["canonical"],
             f["action"], f["reason"]) for f in data[0]["findings"][1:]] == [
        (11, 21, 2, 1, "Nur-Sultan", "astana", "Astana", "note", NOTE),
        (26, 31, 2, 16, "COVID", "covid-19", "COVID-19", "replace", "deprecated short-form")]


def test_normalize_format_json_ambiguous_candidates(work):
    result = run("normalize", *SMALL, "--format", "json", input="Altai")
    ok(result, result.stdout)
    (doc,) = json.loads(result.stdout)
    assert doc["path"] == "<stdin>" and doc["changed"] is False
    (finding,) = doc["findings"]
    assert (finding["action"], finding["candidates"], finding["replacement"]) == (
        "suggest", ["altai-mountains", "altay-prefecture"], None)


# --------------------------------------------------------------------------------------------
# normalize: --in-place


def test_in_place_rewrites_changed_files_only(work):
    a, b = work / "a.txt", work / "b.txt"
    age(a, b)
    before_b = stamp(b)
    ok(run("normalize", *SMALL, "--in-place", "a.txt", "b.txt"), "")
    assert a.read_text(encoding="utf-8") == HORGOS_NORMALIZED
    assert a.stat().st_mtime_ns != OLD * 10**9
    assert stamp(b) == before_b


def test_in_place_short_option_keeps_permissions(work):
    a = work / "a.txt"
    a.chmod(0o640)
    ok(run("normalize", *SMALL, "-i", "a.txt"), "")
    assert a.read_text(encoding="utf-8") == HORGOS_NORMALIZED
    assert a.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("second, message", [
    ("missing.txt", "missing.txt: no such file"),
    ("bin.txt", "bin.txt: binary file (contains NUL bytes); give --encoding if it is UTF-16 or UTF-32 text"),
    ("latin.txt", "latin.txt: not valid UTF-8 (byte 0xe9 at offset 3); give --encoding"),
])
def test_in_place_with_a_bad_second_file_changes_nothing(work, second, message):
    (work / "bin.txt").write_bytes(b"Horgos\0")
    (work / "latin.txt").write_bytes("Caf\u00e9 Horgos".encode("latin-1"))
    a = work / "a.txt"
    age(a)
    before = stamp(a)
    fails(run("normalize", *SMALL, "--in-place", "a.txt", second), message)
    assert stamp(a) == before
    assert sorted(p.name for p in work.iterdir()) == ["a.txt", "b.txt", "bin.txt", "latin.txt",
                                                       "small.yaml"]


def test_in_place_keeps_a_utf8_bom(work):
    path = work / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfHorgos\r\n")
    ok(run("normalize", *SMALL, "-i", "bom.txt"), "")
    assert path.read_bytes() == b"\xef\xbb\xbfKhorgos\r\n"


def test_bom_is_not_part_of_the_text(work):
    (work / "bom.txt").write_bytes(b"\xef\xbb\xbfHorgos\n")
    ok(run("normalize", *SMALL, "bom.txt"), "Khorgos\n")
    result = run("normalize", *SMALL, "--check", "bom.txt")
    assert (result.exit_code, result.stdout) == (
        1, "bom.txt:1:1: replace 'Horgos' → 'Khorgos': deprecated spelling [khorgos]\n")


def test_in_place_keeps_the_input_encoding(work):
    path = work / "gb.txt"
    path.write_bytes("霍果斯 Horgos\n".encode("gb18030"))
    ok(run("normalize", *SMALL, "--encoding", "gb18030", "-i", "gb.txt"), "")
    assert path.read_bytes() == "霍尔果斯 Khorgos\n".encode("gb18030")



def test_in_place_unencodable_result_changes_no_file(work):
    first, second = work / "first.txt", work / "second.txt"
    first.write_bytes("Horgos\n".encode("big5"))
    second.write_bytes("在霍果斯\n".encode("big5"))  # becomes 在霍尔果斯: 尔 is not in Big5
    age(first, second)
    before = stamp(first), stamp(second)
    result = run("normalize", *SMALL, "--encoding", "big5", "-i", "first.txt", "second.txt")
    assert (result.exit_code, result.stdout) == (2, "")
    assert (stamp(first), stamp(second)) == before


def test_in_place_unencodable_result_names_the_file(work):
    (work / "second.txt").write_bytes("在霍果斯\n".encode("big5"))
    fails(run("normalize", *SMALL, "--encoding", "big5", "-i", "second.txt"),
          "second.txt: cannot encode '尔' in big5")


def test_big5_input(work):
    (work / "big5.txt").write_bytes("霍爾果斯 Horgos\n".encode("big5"))
    ok(run("normalize", *SMALL, "--encoding", "big5", "big5.txt"), "霍爾果斯 Khorgos\n")


@pytest.mark.parametrize("args, message", [
    (("--in-place", "--check", "a.txt"), "--in-place cannot be combined with --diff, --check or --format"),
    (("--in-place", "--diff", "a.txt"), "--in-place cannot be combined with --diff, --check or --format"),
    (("--in-place", "--format", "json", "a.txt"),
     "--in-place cannot be combined with --diff, --check or --format"),
    (("--in-place",), "--in-place needs file names, not standard input"),
    (("--in-place", "a.txt", "-"), "--in-place needs file names, not standard input"),
])
def test_in_place_usage_errors(work, args, message):
    before = stamp(work / "a.txt")
    usage_error(run("normalize", *SMALL, *args, input="Horgos"), "normalize", message)
    assert stamp(work / "a.txt") == before


# --------------------------------------------------------------------------------------------
# normalize: --date, --markup, --encoding


def test_date_inside_the_validity_of_a_former_name(work):
    ok(run("normalize", *SMALL, "--date", "2020-06-01", "a.txt"), HORGOS_NORMALIZED)
    result = run("normalize", *SMALL, "--date", "2022-09-17", "--check", input="Nur-Sultan")
    assert (result.exit_code, result.stdout) == (0, (
        "<stdin>:1:1: note 'Nur-Sultan' (Astana): former name of Astana, in use on 2022-09-17 "
        "(Nur-Sultan was the name 2019-03-23 – 2022-09-17) [astana]\n"))


def test_date_outside_the_validity_of_a_former_name(work):
    ok(run("normalize", *SMALL, "--date", "2022-09-18", "a.txt"),
       "At Khorgos.\nAstana and COVID-19.\n")
    result = run("normalize", *SMALL, "--date", "2019-03-22", "--check", input="在努尔苏丹")
    assert (result.exit_code, result.stdout) == (1, (
        "<stdin>:1:2: replace '努尔苏丹' → '阿斯塔纳': former name (努尔苏丹 was the name "
        "2019-03-23 – 2022-09-17) [astana]\n"))


@pytest.mark.parametrize("value", ["2023-13-01", "yesterday", "2023/01/01"])
def test_bad_date_is_a_usage_error(work, value):
    usage_error(run("normalize", *SMALL, "--date", value, "a.txt"), "normalize",
                f"Invalid value for '--date': {value!r} is not a date in the form YYYY-MM-DD")


HTML = '<p title="Horgos">Horgos <code>Horgos</code><!-- Horgos --></p>\n'
HTML_NORMALIZED = '<p title="Horgos">Khorgos <code>Horgos</code><!-- Horgos --></p>\n'
MARKDOWN = "Horgos `Horgos`\n\n```\nHorgos\n```\n[Horgos](https://x.org/Horgos)\n"
MARKDOWN_NORMALIZED = "Khorgos `Horgos`\n\n```\nHorgos\n```\n[Khorgos](https://x.org/Horgos)\n"


def test_markup_auto_by_extension(work):
    (work / "page.html").write_text(HTML, encoding="utf-8")
    (work / "notes.md").write_text(MARKDOWN, encoding="utf-8")
    ok(run("normalize", *SMALL, "page.html", "notes.md"), HTML_NORMALIZED + MARKDOWN_NORMALIZED)


def test_markup_option_on_stdin(work):
    ok(run("normalize", *SMALL, "--markup", "html", input=HTML), HTML_NORMALIZED)
    ok(run("normalize", *SMALL, "--markup", "markdown", input=MARKDOWN), MARKDOWN_NORMALIZED)


def test_markup_text_leaves_code_unprotected(work):
    (work / "notes.md").write_text("`Horgos` https://x.org/Horgos\n", encoding="utf-8")
    ok(run("normalize", *SMALL, "--markup", "text", "notes.md"), "`Khorgos` https://x.org/Horgos\n")


def test_markup_bad_choice(work):
    result = run("normalize", *SMALL, "--markup", "rst", "a.txt")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "Invalid value for '--markup'" in result.stderr


def test_encoding_gb18030(work):
    (work / "gb.txt").write_bytes("霍果斯和Horgos\n".encode("gb18030"))
    ok(run("normalize", *SMALL, "--encoding", "gb18030", "gb.txt"), "霍尔果斯和Khorgos\n")
    ok(run("normalize", *SMALL, "--encoding", "GB18030", input="霍果斯".encode("gb18030")), "霍尔果斯")


def test_encoding_utf16(work):
    (work / "u16.txt").write_bytes("Horgos 霍果斯\n".encode("utf-16"))
    ok(run("normalize", *SMALL, "--encoding", "utf-16", "u16.txt"), "Khorgos 霍尔果斯\n")


def test_gb18030_without_encoding_is_an_error(work):
    (work / "gb.txt").write_bytes("ok\n霍果斯\n".encode("gb18030"))
    fails(run("normalize", *SMALL, "gb.txt"),
          "gb.txt:2: not valid UTF-8 (byte 0xbb at offset 3); give --encoding")


def test_undecodable_stdin_is_an_error(work):
    fails(run("normalize", *SMALL, input=b"\xff"),
          "<stdin>: not valid UTF-8 (byte 0xff at offset 0); give --encoding")


def test_wrong_explicit_encoding_names_it(work):
    (work / "x.txt").write_bytes(b"abc\xff")
    fails(run("normalize", *SMALL, "--encoding", "ascii", "x.txt"),
          "x.txt: not valid ascii (byte 0xff at offset 3)")


# --------------------------------------------------------------------------------------------
# input errors


def test_missing_file(work):
    fails(run("normalize", *SMALL, "missing.txt"), "missing.txt: no such file")


def test_directory(work):
    (work / "d").mkdir()
    fails(run("normalize", *SMALL, "d"), "d: is a directory")


def test_binary_file(work):
    (work / "bin.dat").write_bytes(b"PK\x03\x04\x00\x00Horgos")
    fails(run("normalize", *SMALL, "bin.dat"), "bin.dat: binary file (contains NUL bytes); give --encoding if it is UTF-16 or UTF-32 text")


def test_undecodable_file_mentions_encoding(work):
    (work / "bad.txt").write_bytes(b"line one\nline two \xff\n")
    fails(run("normalize", *SMALL, "bad.txt"),
          "bad.txt:2: not valid UTF-8 (byte 0xff at offset 18); give --encoding")


def test_unknown_encoding(work):
    fails(run("normalize", *SMALL, "--encoding", "klingon", "a.txt"), "unknown encoding 'klingon'")


def test_errors_of_annotate_too(work):
    fails(run("annotate", *SMALL, "missing.txt"), "missing.txt: no such file")
    fails(run("annotate", *SMALL, "--encoding", "klingon"), "unknown encoding 'klingon'")


# --------------------------------------------------------------------------------------------
# glossary errors


def glossary_file(work: Path, name: str, body: str) -> str:
    (work / name).write_text(body, encoding="utf-8")
    return name


HEAD = "concepts:\n- id: x\n  type: place\n  en: Xanadu\n  source: [t]\n"


def test_broken_glossary_yaml(work):
    name = glossary_file(work, "broken.yaml", "concepts:\n- id: x\n  type: place\n   en: X\n")
    fails(run("normalize", "--no-default", "-g", name, "a.txt"),
          "broken.yaml:4: invalid YAML: mapping values are not allowed in this context")


def test_glossary_with_unknown_key(work):
    name = glossary_file(work, "unk.yaml", HEAD + "  colour: red\n")
    fails(run("normalize", "--no-default", "-g", name, "a.txt"),
          "unk.yaml:6: unknown key 'colour' in concept 'x' (allowed: id, type, status, en, zh, pinyin, kk, ru, "
          "note, source, verified, unverified, case, article, seen, variants, specs, exclude_rules)")


def test_duplicate_id_across_two_glossaries(work):
    name = glossary_file(work, "dup.yaml", "concepts:\n- id: khorgos\n  type: place\n  en: Qorgas\n"
                                           "  source: [t]\n")
    fails(run("normalize", *SMALL, "-g", name, "a.txt"),
          "dup.yaml:2: duplicate id 'khorgos' (first defined at small.yaml:2)")


def test_failing_spec(work):
    name = glossary_file(work, "spec.yaml", HEAD + "  specs:\n  - {from: \"a Xanadu\", to: \"a Shangdu\"}\n")
    fails(run("normalize", "--no-default", "-g", name, "a.txt"),
          "spec.yaml:7: spec of 'x' failed: 'a Xanadu' gave 'a Xanadu', expected 'a Shangdu'")


def test_conflicting_form_between_two_concepts(work):
    name = glossary_file(work, "conflict.yaml", "concepts:\n- id: horg\n  type: place\n  en: Horg\n"
                                                "  source: [t]\n  variants:\n  - form: Horgos\n"
                                                "    status: deprecated\n")
    fails(run("normalize", *SMALL, "-g", name, "a.txt"),
          "conflict.yaml:7: form 'Horgos' of 'horg' is also a form of 'khorgos' (small.yaml:11); "
          "mark both 'ambiguous: true' or tell them apart by case")


def test_missing_glossary_file(work):
    fails(run("normalize", "--no-default", "-g", "nothere.yaml", "a.txt"),
          "nothere.yaml: no such glossary file")


@pytest.mark.parametrize("command", [("normalize", "a.txt"), ("annotate", "a.txt"), ("lookup", "Horgos"),
                                     ("glossary", "check"), ("glossary", "stats")])
def test_glossary_errors_in_every_command(work, command):
    name = glossary_file(work, "unk.yaml", HEAD + "  colour: red\n")
    result = run(*command, "--no-default", "-g", name)
    fails(result, "unk.yaml:6: unknown key 'colour' in concept 'x' (allowed: id, type, status, en, zh, pinyin, "
                  "kk, ru, note, source, verified, unverified, case, article, seen, variants, specs, exclude_rules)")


@pytest.mark.parametrize("command, usage", [
    (("normalize", "a.txt"), "normalize"), (("annotate", "a.txt"), "annotate"),
    (("glossary", "check"), "glossary check"), (("glossary", "stats"), "glossary stats"),
])
def test_no_default_without_glossary(work, command, usage):
    usage_error(run(*command, "--no-default"), usage, "--no-default needs at least one --glossary")


def test_no_default_without_glossary_lookup(work):
    result = run("lookup", "--no-default", "Horgos")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("Usage: silkterm lookup [OPTIONS] TERMS...\nTry 'silkterm lookup --help' "
                             "for help.\n\nError: --no-default needs at least one --glossary\n")


# --------------------------------------------------------------------------------------------
# annotate


def test_annotate_inline(work):
    (work / "c.txt").write_text("Horgos & 霍尔果斯\nAltai, Nur-Sultan, Khorgas.\n", encoding="utf-8")
    ok(run("annotate", *SMALL, "c.txt"),
       "Horgos ⟦→ Khorgos · 霍尔果斯 · Huò'ěrguǒsī⟧ & 霍尔果斯 ⟦Khorgos · Huò'ěrguǒsī⟧\n"
       "Altai ⟦? ambiguous: Altai Mountains or Altay Prefecture⟧, "
       f"Nur-Sultan ⟦= Astana · 阿斯塔纳 · Āsītǎnà · {NOTE}⟧, "
       "Khorgas ⟦= Khorgos · 霍尔果斯 · Huò'ěrguǒsī⟧.\n")


def test_annotate_inline_house_form_and_stdin(work):
    ok(run("annotate", *SMALL, input="Khorgos"), "Khorgos ⟦霍尔果斯 · Huò'ěrguǒsī⟧")
    ok(run("annotate", *SMALL, "--date", "2024-01-01", input="Nur-Sultan"),
       "Nur-Sultan ⟦→ Astana · 阿斯塔纳 · Āsītǎnà⟧")


def test_annotate_inline_scripts_and_concepts_without_chinese(work):
    ok(run("annotate", *SMALL, input="Bright Road and Nurly Zhol; 霍爾果斯, 霍果斯, Хоргос; the new crown.\n"),
       "Bright Road ⟦→ Nurly Zhol⟧ and Nurly Zhol ⟦programme⟧; 霍爾果斯 ⟦Khorgos · Huò'ěrguǒsī⟧, "
       "霍果斯 ⟦→ 霍尔果斯 · Khorgos · Huò'ěrguǒsī⟧, Хоргос ⟦Khorgos · 霍尔果斯 · Huò'ěrguǒsī⟧; "
       "the new crown ⟦→ COVID-19 · 新型冠状病毒感染 · xīnxíng guānzhuàng bìngdú gǎnrǎn⟧.\n")


def test_annotate_arrow_only_for_what_normalising_replaces(work):
    text = "Shaimergenov met Borat\nNulgaliyev in the Khorgos Eastern Gate zone; Nurly Zhol, or Bright Road.\n"
    result = run("annotate", input=text)
    ok(result, result.stdout)
    normalized = run("normalize", input=text).stdout
    assert normalized == ("Shaimergenov met Bolat\nNurgaliyev in the Khorgos Eastern Gate zone; "
                          "Nurly Zhol, or Bright Road.\n")
    assert result.stdout.count("→") == 1                      # the one replacement
    assert "Borat\nNulgaliyev ⟦→ Bolat\nNurgaliyev · " in result.stdout
    assert "Shaimergenov ⟦? Shaymergenov · " in result.stdout  # a suggestion: not replaced
    assert "Khorgos Eastern Gate ⟦= Khorgos-Eastern Gate · " in result.stdout
    assert "Bright Road ⟦= Nurly Zhol · 光明之路 · Guāngmíng Zhī Lù · gloss of 'Nurly Zhol', kept" \
        in result.stdout


def test_annotate_json(work):
    result = run("annotate", *SMALL, "--style", "json", "a.txt", "b.txt")
    ok(result, result.stdout)
    data = json.loads(result.stdout)
    assert [d["path"] for d in data] == ["a.txt", "b.txt"]
    assert [(f["surface"], f["action"]) for f in data[0]["findings"]] == [
        ("Horgos", "replace"), ("Nur-Sultan", "note"), ("COVID", "replace")]
    assert [(f["surface"], f["action"], f["reason"], f["start"], f["end"]) for f in data[1]["findings"]] == [
        ("Khorgos", "keep", "house form", 0, 7)]


def test_annotate_html(work):
    (work / "c.txt").write_text("1 < 2 & Horgos > 霍尔果斯\n", encoding="utf-8")
    result = run("annotate", *SMALL, "--style", "html", "c.txt")
    ok(result, result.stdout)
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">\n")
    assert page.endswith("</script>\n</body>\n</html>\n")
    assert "<title>c.txt</title>" in page and "<h1>c.txt</h1>" in page
    assert ('<ul class="counts" aria-label="Marks"><li class="replace"><a href="#m1-8"><strong>1</strong> '
            'to replace</a></li>'
            '<li class="suggest"><strong>0</strong> suggestions</li><li class="note"><strong>0</strong> '
            'notes</li><li class="keep"><strong>1</strong> kept</li><li class="all"><strong>2</strong> '
            'marks in all</li></ul>\n') in page
    assert ('<label for="changes-only">Changes only: show the 1 kept name as plain text</label>') in page
    assert ('<pre class="silkterm" lang="en">1 &lt; 2 &amp; <mark class="term replace" id="m1-8" tabindex="0" '
            'aria-describedby="t1-8" data-concept="khorgos" data-house="Khorgos">Horgos'
            '<span class="tip" role="tooltip" id="t1-8"><b>Khorgos</b> · place<br>'
            '<span class="act">to replace</span> → Khorgos: deprecated spelling<br>'
            'Chinese: <span lang="zh">霍尔果斯</span> · traditional: <span lang="zh-Hant">霍爾果斯</span> · '
            'pinyin: <span lang="zh-Latn-pinyin">Huò&#x27;ěrguǒsī</span> · Kazakh: <span lang="kk">Қорғас'
            '</span> · Russian: <span lang="ru">Хоргос</span><br>'
            'Border crossing between China and Kazakhstan.</span></mark> &gt; ') in page
    assert ('&gt; <mark class="term keep" tabindex="0" aria-describedby="t1-17" data-concept="khorgos">'
            '<ruby>霍尔果斯<rt>Huò&#x27;ěrguǒsī</rt></ruby><span class="tip" role="tooltip" id="t1-17">'
            '<b>Khorgos</b> · place<br><span class="act">kept</span>: house form (zh)<br>') in page
    assert page.count("<mark class=\"term ") == 2


def test_annotate_html_names_no_local_folder(work):
    """Each text is shown under its file's name, not the absolute path it was given as."""
    (work / "sub").mkdir()
    (work / "sub" / "c.txt").write_text("Horgos\n", encoding="utf-8")
    result = run("annotate", *SMALL, "--style", "html", str(work / "sub" / "c.txt"), "a.txt")
    ok(result, result.stdout)
    page = result.stdout
    assert "<title>silkterm annotation: 2 texts</title>" in page
    assert '<h2 id="doc-1-h">c.txt</h2>' in page and '<h2 id="doc-2-h">a.txt</h2>' in page
    assert ('<tr><th scope="row"><a href="#doc-1">c.txt</a></th><td>1</td><td>0</td><td>0</td>'
            '<td>0</td></tr>\n<tr><th scope="row"><a href="#doc-2">a.txt</a></th><td>2</td><td>0</td>'
            '<td>1</td><td>0</td></tr>\n') in page
    assert ('<h2 id="doc-2-h">a.txt</h2>\n<ul class="counts small" aria-label="Marks">'
            '<li class="replace"><a href="#m2-3"><strong>2</strong> to replace</a></li>') in page
    # the page's counts link to the first change of each kind on the page
    assert ('<li class="replace"><a href="#m1-0"><strong>3</strong> to replace</a></li><li class="suggest">'
            '<strong>0</strong> suggestions</li><li class="note"><a href="#m2-11"><strong>1</strong> note'
            '</a></li>') in page
    # ids are unique on the page: the texts' tooltips are numbered apart
    assert 'id="t1-0"' in page and 'id="t2-3"' in page
    assert str(work) not in page and "sub/" not in page
    result = run("annotate", *SMALL, "--style", "html", str(work / "sub" / "c.txt"))
    assert "<title>c.txt</title>" in result.stdout and str(work) not in result.stdout


def test_annotate_html_ambiguous_name(work):
    """A name of several concepts is described by the reason that names them, not by one of them."""
    result = run("annotate", *SMALL, "--style", "html", input="Altai\n")
    ok(result, result.stdout)
    assert ('<mark class="term suggest" id="m1-0" tabindex="0" aria-describedby="t1-0" '
            'data-concept="altai-mountains">Altai<span class="tip" role="tooltip" id="t1-0"><b>Altai</b> · '
            'one of 2 names<br><span class="act">suggestion</span>: ambiguous: Altai Mountains or '
            'Altay Prefecture</span></mark>\n</pre>') in result.stdout


def test_annotate_html_protects_markup(work):
    (work / "c.md").write_text("`Horgos` <b title='Horgos'>x</b>\n", encoding="utf-8")
    result = run("annotate", *SMALL, "--style", "html", "c.md")
    ok(result, result.stdout)
    assert "<mark" not in result.stdout
    assert ('<pre class="silkterm" lang="en">`Horgos` &lt;b title=&#x27;Horgos&#x27;&gt;x&lt;/b&gt;\n'
            "</pre>") in result.stdout


def test_annotate_html_chinese_page(work):
    """The page's own words are English; a text whose terms are mostly Chinese is marked zh."""
    result = run("annotate", *SMALL, "--style", "html", input="霍尔果斯、霍果斯和Horgos")
    ok(result, result.stdout)
    assert result.stdout.startswith("<!DOCTYPE html>\n<html lang=\"en\">\n")
    assert "<title>&lt;stdin&gt;</title>" in result.stdout
    assert '<section id="doc-1" aria-label="&lt;stdin&gt;">\n<pre class="silkterm" lang="zh">' in result.stdout
    assert result.stdout.count("<ruby>") == 2
    assert ('<mark class="term replace" id="m1-5" tabindex="0" aria-describedby="t1-5" data-concept="khorgos" '
            'data-house="霍尔果斯"><ruby>霍果斯<rt>Huòguǒsī</rt></ruby>') in result.stdout  # its own reading
    assert "<ruby>霍尔果斯<rt>Huò&#x27;ěrguǒsī</rt></ruby>" in result.stdout


def test_annotate_bad_style(work):
    result = run("annotate", *SMALL, "--style", "xml", "a.txt")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "Invalid value for '--style'" in result.stderr


# --------------------------------------------------------------------------------------------
# lookup


def test_lookup_english_variant(work):
    ok(run("lookup", *SMALL, "Horgos"), KHORGOS_LOOKUP)


@pytest.mark.parametrize("query, how", [
    ("霍尔果斯", "house form (zh)"),
    ("霍爾果斯", "variant (admitted script)"),
    ("Khorgos", "house form"),
    ("khorgos", "house form, folded"),
    ("Huò'ěrguǒsī", "pinyin"),
    ("huo4 er3 guo3 si1", "pinyin"),
    ("huò ěr guǒ sī", "pinyin"),
    ("huoerguosi", "pinyin"),
    ("HUO-ER-GUO-SI", "pinyin"),
])
def test_lookup_any_form(work, query, how):
    ok(run("lookup", *SMALL, query), f"{query} → Khorgos [khorgos] place: {how}\n" + KHORGOS_DETAILS)


def test_lookup_folds_hyphens_before_digits(work):
    result = run("lookup", *SMALL, "covid 19")
    ok(result, result.stdout)
    assert result.stdout.splitlines()[0] == "covid 19 → COVID-19 [covid-19] term: house form, folded"


def test_lookup_digits_after_letters_are_not_tone_numbers(work):
    result = run("lookup", *SMALL, "COVID19")
    ok(result, result.stdout)
    assert result.stdout.splitlines()[0] == "COVID19 → COVID-19 [covid-19] term: house form, folded"


def test_lookup_traditional_script_of_a_variant(work):
    ok(run("lookup", *SMALL, "努爾蘇丹"),
       "努爾蘇丹 → Astana [astana] place: variant (deprecated former-name (rule traditional))\n"
       "  zh: 阿斯塔纳 (阿斯塔納)   pinyin: Āsītǎnà\n"
       "  variants: Nur-Sultan (deprecated former-name); 努尔苏丹 (deprecated former-name)\n"
       "  generated: 努爾蘇丹 (traditional)\n")


def test_lookup_near_miss_is_a_scored_suggestion(work):
    ok(run("lookup", *SMALL, "Khorgoz"),
       "Khorgoz ~ Khorgos [khorgos] place: suggestion: similar to 'Khorgos', score 85\n")


def test_lookup_several_terms_and_ambiguous_form(work):
    ok(run("lookup", *SMALL, "Altai", "SCO"),
       "Altai → Altai Mountains [altai-mountains] place: variant (admitted short-form)\n"
       "  zh: 阿尔泰山 (阿爾泰山)   pinyin: Ā'ěrtàishān\n"
       "  variants: Altai (admitted short-form)\n"
       "Altai → Altay Prefecture [altay-prefecture] place: variant (deprecated spelling)\n"
       "SCO → Shanghai Cooperation Organisation [sco] organisation: variant (admitted abbreviation)\n"
       "  zh: 上海合作组织 (上海合作組織)   pinyin: Shànghǎi Hézuò Zǔzhī\n"
       "  variants: SCO (admitted abbreviation); Shanghai Cooperation Organization (deprecated spelling)\n"
       "  generated: Shànghǎi Hézuò Zǔzhī (pinyin-words); Shanghai Hezuo Zuzhi (pinyin-words); "
       "Shang-hai Ho-tso Tsu-chih (wade-giles-words)\n")


def test_lookup_json(work):
    result = run("lookup", *SMALL, "--format", "json", "Horgos", "Khorgoz")
    ok(result, result.stdout)
    assert json.loads(result.stdout) == [
        {"query": "Horgos", "matches": [
            {"id": "khorgos", "canonical": "Khorgos", "zh": "霍尔果斯", "pinyin": "Huò'ěrguǒsī",
             "status": "deprecated", "how": "variant (deprecated spelling)", "score": 100,
             "form": "Horgos"}]},
        {"query": "Khorgoz", "matches": [
            {"id": "khorgos", "canonical": "Khorgos", "zh": "霍尔果斯", "pinyin": "Huò'ěrguǒsī",
             "status": "preferred", "how": "suggestion: similar to 'Khorgos'", "score": 85,
             "form": "Khorgos"}]},
    ]


@pytest.mark.parametrize("args, from_table", [
    (("Horgos",), True),
    (("霍爾果斯", "khorgos", "huoerguosi"), True),
    (("Altai", "SCO", "努爾蘇丹"), True),
    (("--format", "json", "Horgos", "covid 19"), True),
    (("Khorgoz",), False),  # a near miss: the glossary is loaded
    (("--explain", "Horgos"), False),
    (("Horgos", "zzzzq"), False),
])
def test_lookup_from_the_cached_table_prints_what_the_glossary_gives(work, monkeypatch, args,
                                                                     from_table):
    from silkterm.glossary import cache, loader

    monkeypatch.setattr(cache, "RACY_NS", -3600 * 10**9)  # small.yaml is stamped at once
    monkeypatch.setenv("SILKTERM_CACHE_DIR", "")
    uncached = run("lookup", *SMALL, *args)
    monkeypatch.setenv("SILKTERM_CACHE_DIR", str(work / "cache"))
    run("lookup", *SMALL, "Horgos")  # the glossary is compiled and its table cached
    loads: list[object] = []
    real = loader.load_glossary
    monkeypatch.setattr(loader, "load_glossary", lambda *a, **k: loads.append(a) or real(*a, **k))
    cached = run("lookup", *SMALL, *args)
    assert (cached.exit_code, cached.stdout, cached.stderr) == (
        uncached.exit_code, uncached.stdout, uncached.stderr)
    assert cached.exit_code in (0, 1) and cached.stdout
    assert bool(loads) is not from_table


def test_lookup_no_match_exits_1(work):
    result = run("lookup", *SMALL, "Horgos", "zzzzq")
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == KHORGOS_LOOKUP + "zzzzq: no match\n"


def test_lookup_no_match_json_exits_1(work):
    result = run("lookup", *SMALL, "--format", "json", "zzzzq")
    assert (result.exit_code, result.stderr) == (1, "")
    assert json.loads(result.stdout) == [{"query": "zzzzq", "matches": []}]


def test_lookup_needs_a_term(work):
    result = run("lookup", *SMALL)
    assert (result.exit_code, result.stdout) == (2, "")
    assert "Missing argument 'TERMS...'" in result.stderr


def test_lookup_limit(work):
    result = run("lookup", *SMALL, "--format", "json", "--limit", "1", "Altai")
    ok(result, result.stdout)
    assert [m["id"] for m in json.loads(result.stdout)[0]["matches"]] == ["altai-mountains"]
    result = run("lookup", *SMALL, "--limit", "0", "Altai")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "Invalid value for '--limit'" in result.stderr


# --------------------------------------------------------------------------------------------
# glossary check / stats


def test_glossary_check_small(work):
    ok(run("glossary", "check", *SMALL), "ok: 9 concepts, 62 forms, 1 specs passed (1 files)\n")


def test_glossary_stats_text(work):
    ok(run("glossary", "stats", *SMALL),
       "concepts:    9\n"
       "forms:       62\n"
       "variants:    36\n"
       "generated:   22\n"
       "specs:       1\n"
       "with_zh:     8\n"
       "with_kk:     1\n"
       "with_ru:     1\n"
       "unverified:  0\n"
       "types: organisation 1, place 5, programme 1, term 2\n"
       "variant_status: admitted 12, deprecated 23, forbidden 1\n"
       "variant_kinds: abbreviation 1, calque 2, former-name 3, misspelling 1, mistranslation 1, "
       "short-form 2, spelling 4, transliteration 22\n"
       "variant_languages: en 33, zh 2, zh-Hant 1\n")


def test_glossary_stats_json(work):
    result = run("glossary", "stats", *SMALL, "--format", "json")
    ok(result, result.stdout)
    assert json.loads(result.stdout) == {
        "files": ["small.yaml"], "concepts": 9, "forms": 62, "variants": 36, "generated": 22,
        "specs": 1, "with_zh": 8, "with_kk": 1, "with_ru": 1, "unverified": 0,
        "types": {"organisation": 1, "place": 5, "programme": 1, "term": 2},
        "variant_status": {"admitted": 12, "deprecated": 23, "forbidden": 1},
        "variant_kinds": {"abbreviation": 1, "calque": 2, "former-name": 3, "misspelling": 1,
                          "mistranslation": 1, "short-form": 2, "spelling": 4, "transliteration": 22},
        "variant_languages": {"en": 33, "zh": 2, "zh-Hant": 1},
    }


# --------------------------------------------------------------------------------------------
# the built-in glossary, end to end


def test_builtin_lookup_horgos(work, glossary):
    result = run("lookup", "Horgos")
    ok(result, result.stdout)
    assert result.stdout.splitlines()[:2] == [
        "Horgos → Khorgos [khorgos] place: variant (deprecated spelling)",
        "  zh: 霍尔果斯 (霍爾果斯)   pinyin: Huò'ěrguǒsī"]


def test_builtin_normalize(work, glossary):
    ok(run("normalize", input="HORGOS and Horgos, 2024."), "KHORGOS and Khorgos, 2024.")
    ok(run("normalize", "--date", "2024-07-01", input="flew to Nur-Sultan"), "flew to Astana")


def test_builtin_glossary_check(work, glossary):
    result = run("glossary", "check")
    ok(result, result.stdout)
    assert result.stdout == (f"ok: {len(glossary)} concepts, "
                             f"{sum(1 for c in glossary for _ in c.forms())} forms, "
                             f"{sum(len(c.specs) for c in glossary)} specs passed "
                             f"({len(glossary.files)} files)\n")


def test_builtin_plus_extra_glossary(work):
    (work / "extra.yaml").write_text(HEAD, encoding="utf-8")
    ok(run("lookup", "-g", "extra.yaml", "Xanadu"), "Xanadu → Xanadu [x] place: house form\n")
    ok(run("normalize", "-g", "extra.yaml", input="Xanadu near HORGOS"), "Xanadu near KHORGOS")


# --------------------------------------------------------------------------------------------
# version, help


def test_version():
    ok(run("--version"), f"silkterm, version {__version__}\n")


def test_python_m_version():
    done = subprocess.run([sys.executable, "-m", "silkterm.cli", "--version"], capture_output=True,
                          text=True, check=False, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"silkterm, version {__version__}\n", "")


def test_help_lists_commands():
    result = run("--help")
    ok(result, result.stdout)
    section = result.stdout.split("Commands:\n", 1)[1]
    assert [line.split()[0] for line in section.splitlines() if line.strip()] == [
        "annotate", "archive", "check", "collect", "glossary", "lookup", "normalize", "pretranslate", "report", "tm",
        "translit"]


def test_utf16_with_bom_needs_no_encoding(work):
    (work / "u16.txt").write_bytes("Horgos 霍尔果斯\n".encode("utf-16"))
    ok(run("normalize", *SMALL, "u16.txt"), "Khorgos 霍尔果斯\n")


def test_utf16_in_place_keeps_its_encoding(work):
    path = work / "u16.txt"
    path.write_bytes("Horgos\n".encode("utf-16"))
    ok(run("normalize", *SMALL, "-i", "u16.txt"), "")
    assert path.read_bytes() == "Khorgos\n".encode("utf-16")


# --------------------------------------------------------------------------------------------
# transliteration (issue 3)


def test_translit_one_scheme():
    ok(run("translit", "Қасым-Жомарт Тоқаев", "--from", "kk", "--scheme", "kk-latin-2021"),
       "Qasym-Jomart Toqaev\n")
    ok(run("translit", "冼星海", "--from", "zh", "--scheme", "wade-giles"), "Hsien Hsing-hai\n")


def test_translit_all_schemes():
    ok(run("translit", "Өскемен", "--from", "kk", "--all"),
       "kk-bgn-pcgn-1979  Öskemen\nkk-latin-2017     O'skemen\nkk-latin-2018     Óskemen\n"
       "kk-latin-2021     Öskemen\nkk-us-ascii       Oskemen\nru-bgn-pcgn       Oskemen\n"
       "ru-de-duden       Oskemen\nru-hu             Oszkemen\nru-icao           Oskemen\n"
       "ru-scholarly      Oskemen\n")


def test_translit_json():
    result = run("translit", "Токаев", "--from", "ru", "--all", "--format", "json")
    ok(result, result.stdout)
    assert json.loads(result.stdout) == {"text": "Токаев", "from": "ru", "results": [
        {"scheme": "ru-bgn-pcgn", "latin": "Tokayev"}, {"scheme": "ru-de-duden", "latin": "Tokajew"},
        {"scheme": "ru-hu", "latin": "Tokajev"}, {"scheme": "ru-icao", "latin": "Tokaev"},
        {"scheme": "ru-scholarly", "latin": "Tokaev"}]}


@pytest.mark.parametrize("args, message", [
    (("translit", "Тоқаев", "--from", "kk"), "give either --scheme NAME or --all"),
    (("translit", "Тоқаев", "--from", "kk", "--scheme", "x", "--all"), "give either --scheme NAME or --all"),
])
def test_translit_usage_errors(args, message):
    result = run(*args)
    assert result.exit_code == 2 and message in result.stderr


def test_translit_unknown_scheme_is_an_error():
    fails(run("translit", "Тоқаев", "--from", "kk", "--scheme", "klingon"),
          "unknown transliteration scheme 'klingon'; known: kk-bgn-pcgn-1979, kk-latin-2017, "
          "kk-latin-2018, kk-latin-2021, kk-to-ru, kk-us-ascii, ru-bgn-pcgn, ru-de-duden, ru-hu, "
          "ru-icao, ru-scholarly, wade-giles")


def test_lookup_explain_generated_and_listed_forms():
    result = run("lookup", "--explain", "Hsien Hsing-hai", "Xian Xinhai")
    ok(result, result.stdout)
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "Hsien Hsing-hai → Xian Xinghai [xian-xinghai] person: variant (deprecated transliteration "
        "(rule wade-giles))",
        "  how: derived by rule wade-giles: Wade-Giles of 冼星海"]
    assert any(line.startswith("  how: listed in ") and "people.yaml" in line
               and "seen in 001_037abfb2c7315e89.txt:12" in line for line in lines)


def test_lookup_explain_json():
    result = run("lookup", "--explain", "--format", "json", "Qorğas")
    ok(result, result.stdout)
    match = json.loads(result.stdout)[0]["matches"][0]
    assert (match["id"], match["explain"]) == ("khorgos", "derived by rule kk-latin-2021: kk-latin-2021 of Қорғас")


def test_normalize_reports_and_accepts_unseen_variants():
    text = "Shaimergenov met Borat Nulgalyev.\n"
    ok(run("normalize", "--check", input=text),  # suggestions alone change nothing: exit 0
       "<stdin>:1:1: suggest 'Shaimergenov' → 'Shaymergenov': unseen variant of Timur Shaymergenov "
       "(loose fold with 'Shaymergenov'), score 92 [timur-shaymergenov]\n"
       "<stdin>:1:18: suggest 'Borat Nulgalyev' → 'Bolat Nurgaliyev': unseen variant of Bolat "
       "Nurgaliyev (loose fold with 'Borat Nulgaliyev'), score 97 [bolat-nurgaliyev]\n")
    result = run("normalize", "--format", "json", input=text)
    ok(result, result.stdout)
    found = [(f["surface"], f["action"], f["score"]) for f in json.loads(result.stdout)[0]["findings"]]
    assert found == [("Shaimergenov", "suggest", 92), ("Borat Nulgalyev", "suggest", 97)]
    ok(run("normalize", "--accept-suggestions", "95", input=text), "Shaimergenov met Bolat Nurgaliyev.\n")
    ok(run("normalize", "--accept-suggestions", "90", input=text), "Shaymergenov met Bolat Nurgaliyev.\n")
    result = run("normalize", "--no-unseen", "--format", "json", input=text)
    assert json.loads(result.stdout)[0]["findings"] == []


def test_accept_suggestions_range_is_checked():
    result = run("normalize", "--accept-suggestions", "101", input="x\n")
    assert result.exit_code == 2 and "101 is not in the range 0<=x<=100" in result.stderr

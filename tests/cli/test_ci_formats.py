"""``normalize --format sarif|github`` and ``check --format sarif|github``: the SARIF logs are
validated with the ``jsonschema`` package against the official SARIF 2.1.0 schema (OASIS,
errata01) kept in /work/shared/standards/sarif/ (a copy is in tests/data/sarif/)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from silkterm.cli.main import cli
from silkterm.glossary.version import __version__

DATA = Path(__file__).resolve().parent.parent / "data"
SCHEMA = json.loads((DATA / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
QA_PO = str(DATA / "tm" / "qa.po")
TEXT = "HORGOS lies near Zharkent,\nand Nur-Sultan too.\n"


def _valid_sarif(text: str) -> dict:
    doc = json.loads(text)
    validator = jsonschema.validators.validator_for(SCHEMA)
    assert validator is jsonschema.Draft4Validator
    validator.check_schema(SCHEMA)
    errors = [e.message for e in validator(SCHEMA).iter_errors(doc)]
    assert errors == []
    return doc


@pytest.fixture()
def text_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("t.txt").write_text(TEXT, encoding="utf-8")
    return "t.txt"


def test_the_schema_rejects_a_broken_log():
    """The validation has teeth: a result without a message is refused."""
    log = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                                         "results": [{"ruleId": "r"}]}]}
    assert list(jsonschema.Draft4Validator(SCHEMA).iter_errors(log))


def test_normalize_sarif(text_file):
    result = CliRunner().invoke(cli, ["normalize", "--format", "sarif", text_file])
    assert (result.exit_code, result.stderr) == (1, "")
    doc = _valid_sarif(result.stdout)
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("silkterm", __version__)
    assert [r["id"] for r in driver["rules"]] == ["replace", "suggest", "note"]
    assert all(r["help"]["text"] for r in driver["rules"])
    assert run["columnKind"] == "unicodeCodePoints"
    got = [(r["ruleId"], r["level"], r["message"]["text"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]) for r in run["results"]]
    assert got == [
        ("replace", "warning", "replace 'HORGOS' → 'KHORGOS': deprecated spelling [khorgos]",
         "t.txt", {"startLine": 1, "startColumn": 1, "endColumn": 7}),
        ("note", "note", ("note 'Nur-Sultan' (Astana): former name of Astana (Nur-Sultan was "
                          "the name 2019-03-23 – 2022-09-17); give --date to normalise [astana]"),
         "t.txt", {"startLine": 2, "startColumn": 5, "endColumn": 15}),
    ]


def test_normalize_sarif_clean_is_valid_and_exit_0(tmp_path):
    p = tmp_path / "clean.txt"
    p.write_text("Khorgos lies near Zharkent.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["normalize", "--format", "sarif", str(p)])
    assert (result.exit_code, result.stderr) == (0, "")
    doc = _valid_sarif(result.stdout)
    assert doc["runs"][0]["results"] == []


def test_normalize_github(text_file):
    result = CliRunner().invoke(cli, ["normalize", "--format", "github", text_file])
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == (
        "::warning file=t.txt,line=1,col=1,endColumn=7,title=replace::replace 'HORGOS' → "
        "'KHORGOS': deprecated spelling [khorgos]\n"
        "::notice file=t.txt,line=2,col=5,endColumn=15,title=note::note 'Nur-Sultan' (Astana): "
        "former name of Astana (Nur-Sultan was the name 2019-03-23 – 2022-09-17); give --date "
        "to normalise [astana]\n")


def test_normalize_github_fail_on_and_check(text_file):
    """--fail-on works as with the text listing: a note alone does not fail at 'replace'."""
    Path("n.txt").write_text("Nur-Sultan\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["normalize", "--check", "--format", "github", "n.txt"])
    assert (result.exit_code, result.stdout.count("\n")) == (0, 1)
    result = CliRunner().invoke(cli, ["normalize", "--check", "--fail-on", "note",
                                      "--format", "github", "n.txt"])
    assert result.exit_code == 1


def test_normalize_ci_formats_refuse_in_place_and_diff(text_file):
    result = CliRunner().invoke(cli, ["normalize", "-i", "--format", "sarif", text_file])
    assert result.exit_code == 2
    assert "--in-place cannot be combined" in result.stderr
    result = CliRunner().invoke(cli, ["normalize", "--diff", "--format", "github", text_file])
    assert result.exit_code == 2
    assert "--diff cannot be combined with --format github" in result.stderr


def test_check_sarif():
    result = CliRunner().invoke(cli, ["check", "--format", "sarif", QA_PO])
    assert (result.exit_code, result.stderr) == (1, "")
    doc = _valid_sarif(result.stdout)
    run = doc["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [
        "missing-term", "forbidden-term", "deprecated-term"]
    got = [(r["ruleId"], r["ruleIndex"], r["level"], r["message"]["text"],
            r["locations"][0]["physicalLocation"]["region"]) for r in run["results"]]
    assert got == [
        ("missing-term", 0, "warning", "missing-term 'Khorgos' → expected one of 霍尔果斯 [khorgos]",
         {"startLine": 15}),
        ("missing-term", 0, "warning", "missing-term 'Astana' → expected one of 阿斯塔纳 [astana]",
         {"startLine": 18}),
        ("deprecated-term", 2, "warning", "deprecated-term '努尔苏丹' → use 阿斯塔纳 [astana]",
         {"startLine": 18}),
    ]
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == Path(QA_PO).as_uri()


def test_check_github():
    result = CliRunner().invoke(cli, ["check", "--format", "github", QA_PO])
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == (
        f"::warning file={QA_PO},line=15,title=missing-term::missing-term 'Khorgos' → expected "
        "one of 霍尔果斯 [khorgos]\n"
        f"::warning file={QA_PO},line=18,title=missing-term::missing-term 'Astana' → expected "
        "one of 阿斯塔纳 [astana]\n"
        f"::warning file={QA_PO},line=18,title=deprecated-term::deprecated-term '努尔苏丹' → use "
        "阿斯塔纳 [astana]\n")


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version_short_flag(flag):
    result = CliRunner().invoke(cli, [flag])
    assert (result.exit_code, result.stdout) == (0, f"silkterm, version {__version__}\n")


# ---------------------------------------------------------------------------------------------
# --quiet and --color


def test_quiet_prints_nothing_exit_status_only(text_file):
    result = CliRunner().invoke(cli, ["normalize", "--check", "-q", text_file])
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "")
    result = CliRunner().invoke(cli, ["check", "--quiet", QA_PO])
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "")
    Path("clean.txt").write_text("Khorgos\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["normalize", "--check", "-q", "clean.txt"])
    assert (result.exit_code, result.stdout) == (0, "")


def test_quiet_glossary_check():
    result = CliRunner().invoke(cli, ["glossary", "check", "-q"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_quiet_needs_a_listing(text_file):
    result = CliRunner().invoke(cli, ["normalize", "-q", text_file])
    assert result.exit_code == 2
    assert "--quiet needs --check" in result.stderr
    result = CliRunner().invoke(cli, ["check", "-q", "--format", "sarif", QA_PO])
    assert result.exit_code == 2
    assert "--quiet cannot be combined with --format sarif" in result.stderr


BOLD, RESET = "\x1b[1m", "\x1b[0m"


def test_color_always_and_never(text_file):
    result = CliRunner().invoke(cli, ["normalize", "--check", "--color", "always", text_file])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{BOLD}t.txt:1:1{RESET}: \x1b[33m{BOLD}replace{RESET} 'HORGOS' → 'KHORGOS': "
        "deprecated spelling [khorgos]")
    result = CliRunner().invoke(cli, ["check", "--color", "always", QA_PO])
    assert result.stdout.splitlines()[0] == (
        f"{BOLD}{QA_PO}:15{RESET}: \x1b[33m{BOLD}missing-term{RESET} 'Khorgos' → expected one "
        "of 霍尔果斯 [khorgos]")
    result = CliRunner().invoke(cli, ["check", "--color", "never", QA_PO])
    assert "\x1b[" not in result.stdout


def _on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run silkterm as a real process with its standard output on a pseudo-terminal."""
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    proc = subprocess.run([sys.executable, "-m", "silkterm.cli", *args], stdout=follower,
                          stderr=subprocess.PIPE, env=env, check=False, timeout=120)
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.close(leader)
    assert (proc.returncode, proc.stderr) == (1, b"")
    return out.decode("utf-8")


def test_color_auto_on_a_terminal_and_no_color():
    import os

    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    assert "\x1b[33m" in _on_a_terminal(["check", QA_PO], env)
    plain = _on_a_terminal(["check", QA_PO], {**env, "NO_COLOR": "1"})
    assert "\x1b[" not in plain
    assert "missing-term 'Khorgos'" in plain
    assert "\x1b[33m" in _on_a_terminal(["check", "--color", "always", QA_PO],
                                        {**env, "NO_COLOR": "1"})

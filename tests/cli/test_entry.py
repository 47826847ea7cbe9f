"""The console script's quick ``silkterm lookup TERM…`` (``silkterm.cli.entry``, ``.plain``): the same bytes
and exit status as the click command, and no click imported."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from silkterm.cli import entry, plain
from silkterm.cli.main import cli
from silkterm.glossary.errors import GlossaryError

TERMS = [
    ["Horgos"],
    ["Horgos", "霍尔果斯", "Astana"],
    ["Nur-Sultan"],
    ["Tokajew", "Borat Nulgaliyev"],  # a near miss, scored
    ["zzzz-no-such-name"],  # no match: status 1
    ["Horgos", "zzzz-no-such-name", "new crown epidemic"],
    ["huo er guo si", "Huò'ěrguǒsī", "霍爾果斯"],
    ["Li Qiang", "Li Keqiang", "Xian Xinghai", "冼星海"],
]


class _Stdout(io.StringIO):
    encoding = "utf-8"


def quick(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> tuple[str, int]:
    """What the console script prints and its status, without click."""
    out = _Stdout()
    monkeypatch.setattr(sys, "argv", ["silkterm", *argv])
    monkeypatch.setattr(sys, "stdout", out)
    with pytest.raises(SystemExit) as exited:
        entry.main()
    return out.getvalue(), int(exited.value.code or 0)


@pytest.mark.parametrize("terms", TERMS, ids=lambda t: " ".join(t)[:30])
def test_a_plain_lookup_prints_what_the_click_command_prints(monkeypatch, terms):
    runner = CliRunner()
    clicked = runner.invoke(cli, ["lookup", *terms])
    assert clicked.exception is None or isinstance(clicked.exception, SystemExit)
    assert quick(monkeypatch, ["lookup", *terms]) == (clicked.output, clicked.exit_code)
    assert clicked.output  # (something printed: the comparison is no comparison of nothing)


@pytest.mark.parametrize("argv", [
    ["lookup"], ["lookup", "--limit", "2", "Horgos"], ["lookup", "Horgos", "--format=json"],
    ["lookup", "-h"], ["lookup", "--", "-x"], ["lookup", "\x1b[31mHorgos"],
    ["lookup", "Hor\udcffgos"], ["normalize", "a.txt"], ["--version"], [], ["Lookup", "Horgos"],
])
def test_anything_but_lookup_and_plain_terms_goes_to_click(argv):
    assert plain.plain_lookup_terms(argv) is None


def test_a_stdout_that_is_no_utf8_goes_to_click(monkeypatch):
    called: list[bool] = []

    class Latin1(io.StringIO):
        encoding = "latin-1"

    monkeypatch.setattr(sys, "argv", ["silkterm", "lookup", "Horgos"])
    monkeypatch.setattr(sys, "stdout", Latin1())
    monkeypatch.setattr("silkterm.cli.main.main", lambda: called.append(True))
    entry.main()
    assert called == [True]


def test_the_console_script_answers_a_lookup_without_importing_click(tmp_path):
    script = ("import sys\nsys.argv = ['silkterm', 'lookup', 'Horgos']\n"
              "from silkterm.cli import entry\n"
              "try:\n    entry.main()\nexcept SystemExit as e:\n"
              "    print('status', e.code, 'click' in sys.modules, file=sys.stderr)\n")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "SILKTERM_CACHE_DIR": str(tmp_path)}
    for _ in range(2):  # (the first run fills the cache; the second reads the lookup table)
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              env=env, encoding="utf-8")
    assert done.stdout.startswith("Horgos → Khorgos [khorgos] place: variant (deprecated spelling)\n")
    assert done.stderr == "status 0 False\n"


def test_the_installed_console_script_is_the_quick_entry():
    script = Path(sys.executable).with_name("silkterm")
    done = subprocess.run([str(script), "lookup", "zzzz-no-such-name"], capture_output=True,
                          text=True, encoding="utf-8",
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert (done.stdout, done.stderr, done.returncode) == ("zzzz-no-such-name: no match\n", "", 1)
    from importlib.metadata import entry_points

    (point,) = [p for p in entry_points(group="console_scripts") if p.name == "silkterm"]
    assert point.value == "silkterm.cli.entry:main"


def test_guarded_maps_errors_as_every_command_does(capsys):
    def broken() -> None:
        raise GlossaryError("no concept id", path="bad.yaml", line=3)

    with pytest.raises(SystemExit) as exited:
        plain.guarded(broken)
    assert exited.value.code == plain.Exit.ERROR
    assert capsys.readouterr().err == "silkterm: error: bad.yaml:3: no concept id\n"

    def interrupted() -> None:
        raise KeyboardInterrupt

    with pytest.raises(SystemExit) as exited:
        plain.guarded(interrupted)
    assert exited.value.code == plain.Exit.INTERRUPTED
    assert capsys.readouterr().err == "silkterm: interrupted\n"
    assert plain.guarded(lambda: 7) == 7


@pytest.mark.parametrize("argv", [["lookup", "Horgos"], ["lookup", "--limit", "1", "Horgos"],
                                  ["translit", "--from", "zh", "--all", "光明之路"]])
def test_an_output_encoding_that_cannot_hold_the_answer_is_a_one_line_error(argv, tmp_path):
    # (a latin-1 stdout: the quick lookup leaves it to click, whose commands map the error too)
    done = subprocess.run([sys.executable, "-m", "silkterm.cli", *argv], capture_output=True,
                          env={**os.environ, "PYTHONIOENCODING": "latin-1",
                               "SILKTERM_CACHE_DIR": str(tmp_path)})
    assert done.returncode == 2, done.stderr
    err = done.stderr.decode("latin-1")
    assert err.startswith("silkterm: error: the output's encoding (latin-1) cannot write '")
    assert err.endswith("': set PYTHONIOENCODING=utf-8\n") and err.count("\n") == 1

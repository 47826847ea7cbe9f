"""The README's examples are run: console blocks through the CLI, python blocks as doctests."""

from __future__ import annotations

import doctest
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from silkterm.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w+)\n(.*?)```", README, re.S)


def console_examples():
    for lang, body in BLOCKS:
        if lang != "console":
            continue
        for chunk in re.split(r"^(?=\$ )", body, flags=re.M):
            if chunk.strip():
                command, _, output = chunk.partition("\n")
                yield pytest.param(command[2:], output, id=command[2:60])


@pytest.mark.parametrize("command, expected", list(console_examples()))
def test_console_example(command, expected, monkeypatch):
    monkeypatch.chdir(ROOT)
    stdin = None
    if " | " in command:
        producer, command = command.split(" | ", 1)
        words = shlex.split(producer)
        assert words[0] == "echo", producer
        stdin = " ".join(words[1:]) + "\n"
    words = shlex.split(command)
    assert words[0] == "silkterm"
    result = CliRunner().invoke(cli, words[1:], input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.output == expected


def test_python_examples():
    text = "\n".join(body for lang, body in BLOCKS if lang == "python")
    parser = doctest.DocTestParser()
    test = parser.get_doctest(text, {}, "README.md", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0 and runner.tries > 3


def test_quick_start_is_what_ci_runs():
    quick = next(body for lang, body in BLOCKS if lang == "sh").strip().splitlines()
    assert len(quick) == 2, "the quick start is exactly two commands"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install --quiet '.[test]'" in ci and "'.[test]'" in quick[1]
    assert "python -m pytest -q" in quick[1] and "python -m pytest -q\n" in ci
    assert "silkterm normalize --diff seeds/*.txt" in quick[0] and "silkterm normalize --diff seeds/*.txt" in ci

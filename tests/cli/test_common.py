"""What every command shares (silkterm.cli.common): the ``--glossary`` option fails at once, in
one line, for a file that is missing or a directory, before any glossary is loaded."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from silkterm.cli.main import cli


def _glossary_commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # lazy commands included
        command = group.get_command(ctx, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            found.extend(_glossary_commands(command, (*path, name)))
        elif any(p.name == "glossaries" for p in command.params):
            found.append((*path, name))
    return found


COMMANDS = _glossary_commands(cli)


def test_the_commands_that_take_a_glossary():
    assert len(COMMANDS) >= 8
    assert {("lookup",), ("normalize",), ("glossary", "check"), ("glossary", "export")} <= set(COMMANDS)


@pytest.fixture()
def no_loading(monkeypatch):
    """Any attempt to read a glossary fails the test."""
    import silkterm.glossary.formats.yamlfile as yamlfile
    import silkterm.glossary.loader as loader

    def refuse(*args, **kwargs):
        raise AssertionError("a glossary was loaded")

    for name in ("load_glossary", "load_files", "default_glossary_files"):
        monkeypatch.setattr(loader, name, refuse)
    monkeypatch.setattr(yamlfile, "read_glossary_file", refuse)  # imported by load_files when run


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize(("make", "message"), [
    (None, "missing.yaml: no such glossary file"),
    ("dir", "missing.yaml: is a directory, not a glossary file"),
])
def test_a_missing_glossary_fails_at_once_in_every_command(command, make, message, tmp_path,
                                                           monkeypatch, no_loading):
    monkeypatch.chdir(tmp_path)
    if make == "dir":
        (tmp_path / "missing.yaml").mkdir()
    # the option first; whatever else the command needs does not matter: nothing else is read
    result = CliRunner().invoke(cli, [*command, "-g", "missing.yaml", "in.txt"],
                                prog_name="silkterm")
    assert isinstance(result.exception, SystemExit), result.exception
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", f"silkterm: error: {message}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == (["missing.yaml"] if make else [])


def test_the_library_checks_given_files_before_the_built_in_ones(tmp_path, monkeypatch):
    import silkterm.glossary.loader as loader
    from silkterm.glossary.errors import GlossaryFormatError

    def refuse(*args, **kwargs):
        raise AssertionError("the built-in glossary was read")

    monkeypatch.setattr(loader, "load_files", refuse)
    monkeypatch.setattr(loader, "_fingerprint", refuse)
    with pytest.raises(GlossaryFormatError) as e:
        loader.load_glossary([tmp_path / "nope.yaml"])
    assert str(e.value) == f"{tmp_path / 'nope.yaml'}: no such glossary file"

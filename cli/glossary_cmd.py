"""``silkterm glossary``: check glossary files and describe the glossary; its exchange commands
(export, import, merge) are in :mod:`silkterm.cli.glossary_io_cmd`."""

from __future__ import annotations

import click
from silkterm.cli.common import (
    LazyGroup,
    check_no_default,
    glossary_options,
    handle_errors,
    load_glossaries,
    quiet_option,
)

_LAZY_GLOSSARY = {
    "export": "silkterm.cli.glossary_io_cmd:glossary_export",
    "import": "silkterm.cli.glossary_io_cmd:glossary_import",
    "merge": "silkterm.cli.glossary_io_cmd:glossary_merge",
}


@click.group("glossary", cls=LazyGroup, lazy=_LAZY_GLOSSARY)
def glossary_group() -> None:
    """Check glossary files and describe the glossary."""


@glossary_group.command("check")
@glossary_options
@quiet_option
@handle_errors
def glossary_check(glossaries: tuple[str, ...], no_default: bool, quiet: bool) -> None:
    """Validate glossary files, compile them and run every spec."""
    from silkterm.glossary.loader import load_glossary
    from silkterm.glossary.stats import glossary_stats

    check_no_default(glossaries, no_default)
    g = load_glossary(glossaries, include_default=not no_default, use_cache=False)
    s = glossary_stats(g)
    if quiet:
        return
    click.echo(f"ok: {s['concepts']} concepts, {s['forms']} forms, {s['specs']} specs passed "
               f"({len(s['files'])} files)")


@glossary_group.command("stats")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@glossary_options
@handle_errors
def glossary_stats_cmd(fmt: str, glossaries: tuple[str, ...], no_default: bool) -> None:
    """Count concepts by type and variants by status, kind and language."""
    from silkterm.glossary.stats import glossary_stats

    s = glossary_stats(load_glossaries(glossaries, no_default))
    if fmt == "json":
        import json

        click.echo(json.dumps(s, ensure_ascii=False, indent=2))
        return
    for key in ("concepts", "forms", "variants", "generated", "specs", "with_zh", "with_kk",
                "with_ru", "unverified"):
        click.echo(f"{key + ':':12} {s[key]}")
    for key in ("types", "variant_status", "variant_kinds", "variant_languages"):
        click.echo(f"{key}: " + ", ".join(f"{k} {v}" for k, v in s[key].items()))

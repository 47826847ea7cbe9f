"""``silkterm glossary export`` and ``silkterm glossary import``: glossary exchange files.

Both commands belong to the ``glossary`` group of :mod:`silkterm.cli.main`.
"""

from __future__ import annotations

import click
from silkterm.cli.common import glossary_options, handle_errors, load_glossaries

EXPORT_FORMATS = ("tbx", "omegat", "csv", "po")
IMPORT_FORMATS = ("tbx", "omegat", "csv", "po")


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default=None,
              help="tbx (TBX v3, TBX-Basic), omegat (tab-separated), csv "
                   "(id,en,zh,status,kind,note,type,flags) or po. Default: from the extension "
                   "of --output (.tbx, .txt/.utf8/.tab/.tsv, .csv, .po).")
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="The file to write (atomically).")
@glossary_options
@handle_errors
def glossary_export(fmt: str | None, output: str, glossaries: tuple[str, ...],
                    no_default: bool) -> None:
    """Write the glossary as TBX, an OmegaT glossary, CSV or PO."""
    from silkterm.glossary.exchange import export_glossary, format_for

    name = format_for(output, fmt).name
    glossary = load_glossaries(glossaries, no_default)
    count = export_glossary(glossary, output, name)
    click.echo(f"exported {count} concepts to {output} ({name})")


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="The glossary YAML file to write (atomically).")
@click.option("--format", "fmt", type=click.Choice(IMPORT_FORMATS), default=None,
              help="Format of FILE (TBX v2 or v3, OmegaT, CSV, PO). Default: from its extension.")
@handle_errors
def glossary_import(file: str, output: str, fmt: str | None) -> None:
    """Convert a TBX, OmegaT, CSV or PO glossary into a silkterm glossary YAML file."""
    from silkterm.glossary.exchange import format_for, import_glossary, write_yaml

    name = format_for(file, fmt, reading=True).name
    skipped: list[str] = []
    notices: list[str] = []
    count = write_yaml(import_glossary(file, name, skipped=skipped, notices=notices), output)
    click.echo(f"imported {count} concepts from {file} ({name}) to {output}")
    for entry in skipped:
        click.echo(f"skipped (no English term): {entry}", err=True)
    for notice in notices:
        click.echo(f"note: {notice}", err=True)

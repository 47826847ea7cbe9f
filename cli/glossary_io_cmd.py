"""``silkterm glossary export``, ``import`` and ``merge``: glossary exchange files, and
accepting ``collect``'s proposals into a user glossary.

Both commands belong to the ``glossary`` group of :mod:`silkterm.cli.main`.
"""

from __future__ import annotations

import click
from silkterm.cli.common import glossary_options, handle_errors, load_glossaries

EXPORT_FORMATS = ("tbx", "tbx2", "omegat", "csv", "csv-full", "po")
IMPORT_FORMATS = ("tbx", "tbx2", "omegat", "csv", "csv-full", "po")


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default=None,
              help="tbx (TBX v3, TBX-Basic), tbx2 (TBX v2 / MARTIF, TBX-Basic: for OmegaT "
                   "and translate-toolkit), omegat (tab-separated), csv (source,target,comment "
                   "as OmegaT reads it), csv-full (id,en,zh,status,kind,note,type,flags) or "
                   "po. Default: from the extension of --output (.tbx, .txt/.utf8/.tab/.tsv, "
                   ".csv, .po).")
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="The file to write (atomically).")
@glossary_options
@handle_errors
def glossary_export(fmt: str | None, output: str, glossaries: tuple[str, ...],
                    no_default: bool) -> None:
    """Write the glossary as TBX (v3 or v2), an OmegaT glossary, CSV or PO."""
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
              help="Format of FILE (TBX v2 or v3, OmegaT, CSV (OmegaT's or the full one, told "
                   "apart by the header), csv-full, PO). Default: from its extension.")
@handle_errors
def glossary_import(file: str, output: str, fmt: str | None) -> None:
    """Convert a TBX, OmegaT, CSV or PO glossary into a silkterm glossary YAML file."""
    from silkterm.glossary.exchange import format_for, import_glossary, write_yaml

    name = format_for(file, fmt, reading=True).name
    skipped: list[str] = []
    notices: list[str] = []
    warnings: list[str] = []
    count = write_yaml(import_glossary(file, name, skipped=skipped, notices=notices,
                                       warnings=warnings), output)
    click.echo(f"imported {count} concepts from {file} ({name}) to {output}")
    for entry in skipped:
        click.echo(f"skipped (no English term): {entry}", err=True)
    for notice in notices:
        click.echo(f"note: {notice}", err=True)
    for warning in warnings:
        click.echo(warning, err=True)


@click.command("merge")
@click.argument("proposals", type=click.Path(dir_okay=False))
@click.option("--into", "into", required=True, type=click.Path(dir_okay=False),
              help="The user glossary YAML file to add to (created if missing; written atomically).")
@click.option("--accept", "accept", multiple=True, metavar="ID",
              help="Merge the proposal with this id (repeatable).")
@click.option("--all", "accept_all", is_flag=True, help="Merge every proposal of the file.")
@click.option("--status", type=click.Choice(["admitted", "preferred", "deprecated", "forbidden"]),
              default="admitted", show_default=True,
              help="The status the proposed variants of the merged entries take.")
@click.option("--no-default", is_flag=True,
              help="Check the result without the built-in glossary.")
@handle_errors
def glossary_merge(proposals: str, into: str, accept: tuple[str, ...], accept_all: bool,
                   status: str, no_default: bool) -> None:
    """Merge proposals (collect --format yaml) into a user glossary.

    Accepted proposed concepts become ordinary concepts with the ids they were proposed with;
    new spellings of known concepts go to the file's 'extend' list. The new entries are added
    as text at the end of the file's lists, so its comments and order stay; the result must
    pass 'glossary check' before it replaces the file.
    """
    from silkterm.glossary.model import Status
    from silkterm.glossary.proposals import merge_proposals

    if accept_all == bool(accept):
        raise click.UsageError("give --accept ID (one or more) or --all")
    result = merge_proposals(proposals, into, accept=None if accept_all else accept,
                             status=Status(status), include_default=not no_default)
    for item in result.already:
        click.echo(f"already in {into}: {item}")
    def count(n: int, noun: str) -> str:
        return f"{n} {noun}{'' if n == 1 else 's'}"

    click.echo(f"merged {count(len(result.added), 'new concept')} and new spellings of "
               f"{count(len(result.extended), 'known concept')} "
               f"({count(result.variants, 'variant')} in all) into {into}")

"""``silkterm archive``: normalize, annotate and collect over an archive on a Dask cluster."""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click
from silkterm.cli.common import glossary_options, handle_errors

if TYPE_CHECKING:  # Dask and the collector load only when a command runs
    from silkterm.glossary.loader import GlossarySpec

F = TypeVar("F", bound=Callable[..., Any])


def archive_options(func: F) -> F:
    """The archive, where to run, which columns, which glossary, where to write."""
    func = click.option("--text-column", default="text", show_default=True,
                        help="The text field of a Parquet or JSON-lines archive.")(func)
    func = click.option("--id-column", default="id", show_default=True,
                        help="The id field of a Parquet or JSON-lines archive.")(func)
    func = click.option("--markup", type=click.Choice(["auto", "text", "markdown", "html"]),
                        default="auto", show_default=True,
                        help="auto: a folder's files by their names, rows as plain text.")(func)
    func = click.option("--scheduler", metavar="ADDRESS",
                        help="A Dask scheduler (tcp://host:8786); default: a local cluster for "
                             "this run.")(func)
    func = click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
                        default="-", help="Write here (atomically) instead of standard output.")(func)
    func = glossary_options(func)
    return click.argument("archive", type=click.Path())(func)


def _spec(glossaries: tuple[str, ...], no_default: bool) -> GlossarySpec:
    from silkterm.glossary.loader import GlossarySpec

    if no_default and not glossaries:
        raise click.UsageError("--no-default needs at least one --glossary")
    return GlossarySpec(tuple(glossaries), include_default=not no_default)


def _write(lines: list[str], output: str) -> None:
    from silkterm.glossary.textio import write_text_atomic

    text = "".join(lines)
    if output == "-":
        click.echo(text, nl=False)
    else:
        write_text_atomic(output, text)


@click.group(name="archive")
def archive_group() -> None:
    """Normalise, annotate or collect over an archive on a Dask cluster.

    ARCHIVE is a folder of .txt, .md and .html files, a Parquet file or dataset, or a JSON-lines
    file, one article per row or line. Needs the dask extra: pip install 'silkterm[dask]'.
    """


@archive_group.command()
@archive_options
@click.option("--date", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="When the texts were written: former names are rewritten only outside their "
                   "validity.")
@handle_errors
def normalize(archive: str, glossaries: tuple[str, ...], no_default: bool, output: str,
              scheduler: str | None, markup: str, id_column: str, text_column: str,
              date: _dt.datetime | None) -> None:
    """Normalise every article: one JSON object a line (id, changed, text, findings)."""
    from silkterm.glossary.daskjobs import normalize_archive

    done = normalize_archive(archive, glossary=_spec(glossaries, no_default), scheduler=scheduler,
                             date=date.date() if date else None, markup=markup,
                             id_column=id_column, text_column=text_column)
    _write([json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in done], output)


@archive_group.command()
@archive_options
@handle_errors
def annotate(archive: str, glossaries: tuple[str, ...], no_default: bool, output: str,
             scheduler: str | None, markup: str, id_column: str, text_column: str) -> None:
    """Annotate every article: one JSON object a line (id, annotated, findings)."""
    from silkterm.glossary.daskjobs import annotate_archive

    done = annotate_archive(archive, glossary=_spec(glossaries, no_default), scheduler=scheduler,
                            markup=markup, id_column=id_column, text_column=text_column)
    _write([json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in done], output)


@archive_group.command()
@archive_options
@click.option("--format", "fmt", type=click.Choice(["text", "json", "yaml"]), default="text",
              show_default=True, help="As 'silkterm collect --format'.")
@handle_errors
def collect(archive: str, glossaries: tuple[str, ...], no_default: bool, output: str,
            scheduler: str | None, markup: str, id_column: str, text_column: str, fmt: str) -> None:
    """Collect the names of every article, as 'silkterm collect' does (each named by its id)."""
    from silkterm.cli.collect_cmd import render_text
    from silkterm.glossary.daskjobs import collect_archive

    result = collect_archive(archive, glossary=_spec(glossaries, no_default), scheduler=scheduler,
                             markup=markup, id_column=id_column, text_column=text_column)
    if fmt == "json":
        text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "yaml":
        from silkterm.glossary.proposals import proposals_yaml

        text = proposals_yaml(result)
    else:
        text = "\n".join(render_text(result)) + "\n"
    _write([text], output)

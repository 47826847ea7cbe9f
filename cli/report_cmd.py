"""``silkterm report``: a corpus consistency report (which spellings of each name occur in which
files, files that mix spellings first, the collect proposals) as a page or JSON."""

from __future__ import annotations

import json

import click
from silkterm.cli.common import (
    corpus_options,
    handle_errors,
    load_glossaries,
    markup_for,
    open_inputs,
)


@click.command()
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["html", "json"]), default="html",
              show_default=True, help="html: a self-contained page with a legend and charts; "
                                      "json: the same data for tools.")
@corpus_options
@handle_errors
def report(files: tuple[str, ...], fmt: str, output: str, markup: str, encoding: str | None,
           glossaries: tuple[str, ...], no_default: bool) -> None:
    """Report how consistently FILES spell each name: per name, which spellings occur in which
    files (files that mix spellings of a name first), with the proposals of collect.

    FILES are read as UTF-8 (or --encoding); none or '-' reads standard input.
    """
    from silkterm.glossary.report import build_report, render_html
    from silkterm.glossary.textio import write_text_atomic

    glossary = load_glossaries(glossaries, no_default)
    inputs = open_inputs(files, encoding)
    result = build_report(((src.path, src.open, markup_for(markup, src.path)) for src in inputs),
                          glossary)
    if fmt == "json":
        text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    else:
        text = render_html(result)
    if output == "-":
        click.echo(text, nl=False)
    else:
        write_text_atomic(output, text)

"""The ``silkterm`` command line.

Each command parses its options, calls one library function, formats the result and maps errors
to exit codes: 0 clean, 1 findings (``--check``; nothing found by ``lookup``), 2 usage or input
error. Library errors become a one-line message on stderr, never a traceback.
"""

from __future__ import annotations

import sys

import click
from silkterm.cli.common import (
    LazyGroup,
    check_no_default,
    glossary_options,
    handle_errors,
    load_glossaries,
)
from silkterm.cli.plain import Exit, lookup_lines
from silkterm.glossary.version import __version__

# The commands defined in their own modules (normalising and annotating texts, transliteration, the
# glossary's checks and exchange, memory, translation files), each imported when it runs: see
# LazyGroup. ``silkterm lookup``, the command typed while writing, is defined here.
_LAZY = {
    "normalize": "silkterm.cli.text_cmd:normalize",
    "annotate": "silkterm.cli.text_cmd:annotate",
    "translit": "silkterm.cli.translit_cmd:translit",
    "glossary": "silkterm.cli.glossary_cmd:glossary_group",
    "archive": "silkterm.cli.archive_cmd:archive_group",
    "collect": "silkterm.cli.collect_cmd:collect",
    "report": "silkterm.cli.report_cmd:report",
    "tm": "silkterm.cli.tm_cmd:tm",
    "pretranslate": "silkterm.cli.po_cmd:pretranslate",
    "check": "silkterm.cli.po_cmd:check",
}


@click.group(cls=LazyGroup, lazy=_LAZY, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="silkterm")
def cli() -> None:
    """silkterm: names and terms of China–Kazakhstan news, in every spelling.

    Normalise texts to the house forms, annotate them with Chinese and pinyin, and look up any
    variant of a name.
    """


@cli.command()
@click.argument("terms", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--limit", type=click.IntRange(1, 100), default=5, show_default=True,
              help="Most matches per term.")
@click.option("--explain", is_flag=True,
              help="Say where the matched form comes from: which rule derived it, from which "
                   "native form, or which file and seed lines list it.")
@glossary_options
@handle_errors
def lookup(terms: tuple[str, ...], fmt: str, limit: int, explain: bool,
           glossaries: tuple[str, ...], no_default: bool) -> None:
    """Find the concept behind any form: English, variant, Chinese (either script) or pinyin.

    Exits 1 when a term matches nothing.
    """
    from silkterm.glossary.query import explain_form
    from silkterm.glossary.quicklookup import look_up

    check_no_default(glossaries, no_default)
    glossary = load_glossaries(glossaries, no_default) if explain else None
    results, table = look_up(terms, glossaries, include_default=not no_default, limit=limit,
                             glossary=glossary)
    if fmt == "json":
        import json  # here, not at the top: ``silkterm lookup`` starts without it

        data = [r.to_dict() for r in results]
        if glossary is not None:
            for r, d in zip(results, data, strict=True):
                for m, md in zip(r.matches, d["matches"], strict=True):
                    md["explain"] = explain_form(glossary, m.concept_id, m.form)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for line in lookup_lines(results, table, glossary):
            click.echo(line)
    if any(not r.matches for r in results):
        sys.exit(Exit.FINDINGS)


def main() -> None:
    """The ``silkterm`` command line through click (the console script,
    :func:`silkterm.cli.entry.main`, answers a plain ``silkterm lookup TERM…`` itself)."""
    cli(prog_name="silkterm")

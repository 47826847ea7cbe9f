"""The ``silkterm`` command line.

Each command parses its options, calls one library function, formats the result and maps errors
to exit codes: 0 clean, 1 findings (``--check``; nothing found by ``lookup``), 2 usage or input
error. Library errors become a one-line message on stderr, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click
from silkterm.cli.common import (
    Exit,
    LazyGroup,
    check_no_default,
    glossary_options,
    handle_errors,
    load_glossaries,
    quiet_option,
)
from silkterm.glossary.version import __version__

F = TypeVar("F", bound=Callable[..., Any])


# The commands defined in their own modules (normalising and annotating texts, memory, translation
# files, glossary exchange), each imported when it runs: see LazyGroup.
_LAZY = {
    "normalize": "silkterm.cli.text_cmd:normalize",
    "annotate": "silkterm.cli.text_cmd:annotate",
    "archive": "silkterm.cli.archive_cmd:archive_group",
    "collect": "silkterm.cli.collect_cmd:collect",
    "report": "silkterm.cli.report_cmd:report",
    "tm": "silkterm.cli.tm_cmd:tm",
    "pretranslate": "silkterm.cli.po_cmd:pretranslate",
    "check": "silkterm.cli.po_cmd:check",
}
_LAZY_GLOSSARY = {
    "export": "silkterm.cli.glossary_io_cmd:glossary_export",
    "import": "silkterm.cli.glossary_io_cmd:glossary_import",
    "merge": "silkterm.cli.glossary_io_cmd:glossary_merge",
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
    results, table = look_up(terms, glossaries, include_default=not no_default, limit=limit)
    glossary = load_glossaries(glossaries, no_default) if explain else None
    if fmt == "json":
        import json  # here, not at the top: ``silkterm lookup`` starts without it

        data = [r.to_dict() for r in results]
        if glossary is not None:
            for r, d in zip(results, data, strict=True):
                for m, md in zip(r.matches, d["matches"], strict=True):
                    md["explain"] = explain_form(glossary, m.concept_id, m.form)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for r in results:
            if not r.matches:
                click.echo(f"{r.query}: no match")
                continue
            for i, m in enumerate(r.matches):
                kind = table.concept_type(m.concept_id)
                if m.score >= 98:
                    click.echo(f"{r.query} → {m.canonical} [{m.concept_id}] {kind}: {m.how}")
                    if glossary is not None:
                        click.echo(f"  how: {explain_form(glossary, m.concept_id, m.form)}")
                    if i == 0:
                        for line in table.description(m.concept_id):
                            click.echo(line)
                else:
                    click.echo(f"{r.query} ~ {m.canonical} [{m.concept_id}] {kind}: {m.how}, "
                               f"score {m.score}")
    if any(not r.matches for r in results):
        sys.exit(Exit.FINDINGS)


@cli.command()
@click.argument("text")
@click.option("--from", "source_lang", type=click.Choice(["zh", "kk", "ru"]), required=True,
              help="The script of TEXT: Chinese, Kazakh or Russian Cyrillic.")
@click.option("--scheme", help="One scheme (see --all for their names).")
@click.option("--all", "every", is_flag=True, help="Every scheme for the language.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@handle_errors
def translit(text: str, source_lang: str, scheme: str | None, every: bool, fmt: str) -> None:
    """Transliterate TEXT: Chinese to pinyin or Wade-Giles, Kazakh or Russian to Latin."""
    from silkterm.glossary.rules import schemes_for, transliterate

    if every == bool(scheme):
        raise click.UsageError("give either --scheme NAME or --all")
    names = schemes_for(source_lang) if every else [scheme or ""]
    rows = [(name, transliterate(text, source_lang, name)) for name in names]
    if fmt == "json":
        import json

        click.echo(json.dumps({"text": text, "from": source_lang,
                               "results": [{"scheme": n, "latin": t} for n, t in rows]},
                              ensure_ascii=False, indent=2))
    elif every:
        width = max(len(n) for n, _ in rows)
        for name, latin in rows:
            click.echo(f"{name:{width}}  {latin}")
    else:
        click.echo(rows[0][1])


@cli.group("glossary", cls=LazyGroup, lazy=_LAZY_GLOSSARY)
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

    if no_default and not glossaries:
        raise click.UsageError("--no-default needs at least one --glossary")
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




def main() -> None:
    """Entry point of the ``silkterm`` console script."""
    cli(prog_name="silkterm")

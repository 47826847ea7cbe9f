"""``silkterm collect``: the names and terms of new texts, clustered, as glossary proposals."""

from __future__ import annotations

import json
from collections.abc import Iterator

import click
from silkterm.cli.common import (
    corpus_options,
    handle_errors,
    load_glossaries,
    markup_for,
    open_inputs,
)
from silkterm.glossary.collect import CollectResult, Proposal


def render_text(result: CollectResult) -> Iterator[str]:
    """A readable summary: new concepts first, then new variants of known concepts."""
    new = [p for p in result.proposals if p.concept is None]
    known = [p for p in result.proposals if p.concept is not None]
    for p in new:
        yield from _describe(p, f"new {p.type or 'name'}: {p.id}")
    for p in known:
        yield from _describe(p, f"new variants of {p.concept} ({p.type})")
    yield (f"{len(new)} new concepts, {len(known)} known concepts with new variants, "
           f"from {len(result.files)} files")


def _describe(p: Proposal, title: str) -> Iterator[str]:
    files = len(p.files)
    yield f"{title}  score {p.score}, {p.count} times in {files} file{'s' if files != 1 else ''}"
    for f in p.forms:
        if f.count == 0:  # from open data, not seen in the texts
            yield f"    {f.form} [{f.lang}] from {f.source}{'' if f.verified else ', unverified'}"
            continue
        why = f"  ({f.rule})" if f.rule else ""
        yield f"    {f.form} [{f.lang}] ×{f.count}{why}"
    for c in p.contexts:
        yield f"    {c.file}:{c.line}:{c.column}: {c.text}"
    if p.sources:
        yield f"    sources: {', '.join(p.sources)}"
    yield ""


@click.command()
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "yaml", "html"]), default="text",
              show_default=True, help="json: the proposals with their forms and contexts; yaml: a "
                                      "glossary file of proposed entries for 'glossary merge'; html: "
                                      "a self-contained review page.")
@corpus_options
@handle_errors
def collect(files: tuple[str, ...], fmt: str, output: str, markup: str, encoding: str | None,
            glossaries: tuple[str, ...], no_default: bool) -> None:
    """Find the names and terms of FILES, cluster their spellings and propose glossary entries.

    Names the glossary knows under another spelling become variant proposals for that concept;
    other names become proposed concepts. FILES are read as UTF-8 (or --encoding); none or '-'
    reads standard input.
    """
    from silkterm.glossary.collect import collect as run
    from silkterm.glossary.textio import write_text_atomic

    glossary = load_glossaries(glossaries, no_default)
    inputs = open_inputs(files, encoding)
    result = run(((src.path, src.open(), markup_for(markup, src.path)) for src in inputs), glossary)
    if fmt == "json":
        text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "html":
        from silkterm.glossary.review import render_review

        text = render_review(result)
    elif fmt == "yaml":
        from silkterm.glossary.proposals import proposals_yaml

        text = proposals_yaml(result)
    else:
        text = "\n".join(render_text(result)) + "\n"
    if output == "-":
        click.echo(text, nl=False)
    else:
        write_text_atomic(output, text)

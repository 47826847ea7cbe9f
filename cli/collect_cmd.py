"""``silkterm collect``: the names and terms of new texts, clustered, as glossary proposals."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

import click
from silkterm.cli.common import (
    Input,
    corpus_options,
    each_input,
    glossary_spec,
    handle_errors,
    jobs_option,
    load_glossaries,
    markup_for,
    memory_path,
    open_inputs,
    tm_option,
)

if TYPE_CHECKING:  # the collector (and its finders' compiled patterns) loads only when collect runs
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
@click.option("--pair", "pairs", nargs=2, multiple=True, type=click.Path(dir_okay=False),
              metavar="EN_FILE ZH_FILE",
              help="An English text and its Chinese original (repeatable): aligned sentence by "
                   "sentence, their names paired; the pairs join the proposals and, with "
                   "--format json, are listed under 'pairs'.")
@click.option("--tm-out", metavar="FILE.tmx", type=click.Path(dir_okay=False),
              help="Write the aligned sentences of the --pair texts as a TMX file (atomically).")
@click.option("--import", "import_", is_flag=True,
              help="Add the aligned sentences of the --pair texts to the memory (--tm).")
@click.option("--min-score", type=click.IntRange(0, 100), default=50, show_default=True,
              help="Aligned sentences scoring less are left out of --tm-out and --import ...")
@click.option("--keep-low", is_flag=True,
              help="... or kept, with the property x-silkterm-low-confidence.")
@tm_option
@corpus_options
@jobs_option
@click.pass_context
@handle_errors
def collect(ctx: click.Context, files: tuple[str, ...], fmt: str, pairs: tuple[tuple[str, str], ...],
            tm_out: str | None, import_: bool, min_score: int, keep_low: bool, tm_path: str | None,
            output: str, markup: str, encoding: str | None, glossaries: tuple[str, ...], no_default: bool,
            jobs: int) -> None:
    """Find the names and terms of FILES, cluster their spellings and propose glossary entries.

    Names the glossary knows under another spelling become variant proposals for that concept;
    other names become proposed concepts. FILES are read as UTF-8 (or --encoding); none or '-'
    reads standard input (unless --pair gives texts). With --jobs, FILES are counted in worker
    processes and their counts added up in the order of FILES (the --pair texts are read here).
    """
    from silkterm.glossary.collect import collect as run
    from silkterm.glossary.textio import write_text_atomic

    if (tm_out or import_) and not pairs:
        raise click.UsageError("--tm-out and --import need --pair EN_FILE ZH_FILE")
    glossary = load_glossaries(glossaries, no_default)
    inputs = open_inputs(files, encoding) if files or not pairs else []
    result: CollectResult
    if pairs:
        from silkterm.tm.parallel import collect_parallel

        sides = open_inputs([name for pair in pairs for name in pair], encoding)
        texts = [(src.path, "".join(src.open()), markup_for(markup, src.path)) for src in sides]
        parallel = collect_parallel(list(zip(texts[::2], texts[1::2], strict=True)),
                                    ((src.path, src.open(), markup_for(markup, src.path)) for src in inputs),
                                    glossary)
        result = parallel.collected
        units = parallel.units(min_score=min_score, keep_low=keep_low)
        if tm_out:
            from silkterm.tm.tmx import write_tmx

            write_tmx(units, tm_out, srclang="en")
        if import_:
            from silkterm.tm.memories import open_memory

            with open_memory(memory_path(ctx, tm_path)) as memory, memory.transaction():
                memory.add(units, origin="collect --pair")
    elif jobs == 1:
        result = run(((src.path, src.open(), markup_for(markup, src.path)) for src in inputs), glossary)
    else:
        import functools

        from silkterm.glossary.collect import (
            Collector,
            FileCounts,
            count_file,
            counting_collector,
        )

        collector = Collector(glossary)

        def here(src: Input) -> list[FileCounts]:
            return [collector.count(src.open(), src.path, markup_for(markup, src.path))]

        with each_input(inputs, here, jobs=jobs, work=count_file, markup=markup,
                        setup=functools.partial(counting_collector,
                                                glossary_spec(glossaries, no_default))) as each:
            for _, counts in each:
                for one in counts:
                    collector.merge_counts(one)
        result = collector.result()
    if fmt == "json":
        data = parallel.to_dict() if pairs else result.to_dict()
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
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

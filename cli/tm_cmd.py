"""``silkterm tm``: the translation memory — build the seed memory, import and export.

The memory is ``--tm PATH`` or ``--tm postgresql://…`` (before or after the subcommand) or
``$SILKTERM_TM``, by default the user's memory ``$XDG_DATA_HOME/silkterm/memory.sqlite``, created
holding the packaged seed memory on first use (a memory named explicitly starts empty; see
:func:`silkterm.tm.memories.open_memory`). The group stores its path in ``ctx.obj["tm_path"]``
(``None``: the default) and whether it was given on the command line in
``ctx.obj["tm_path_given"]``, for :func:`silkterm.cli.common.memory_path`.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import click
from click.core import ParameterSource
from silkterm.cli.common import (
    TM_HELP,
    LazyGroup,
    glossary_options,
    handle_errors,
    load_glossaries,
    memory_path,
    tm_option,
)

EXPORT_FORMATS = ("tmx", "po", "csv", "tsv", "xliff")


@click.group("tm", cls=LazyGroup, lazy={"search": "silkterm.cli.tm_search_cmd:search",
                                         "concordance": "silkterm.cli.tm_search_cmd:concordance"})
@click.option("--tm", "tm_path", metavar="PATH|URL", envvar="SILKTERM_TM",
              type=click.Path(dir_okay=False), help=TM_HELP)
@click.pass_context
def tm(ctx: click.Context, tm_path: str | None) -> None:
    """The translation memory: build it from the glossary, import and export TMX, PO, CSV, XLIFF.

    --tm PATH (or a PostgreSQL URL) may come before or after the subcommand."""
    ctx.ensure_object(dict)
    ctx.obj["tm_path"] = tm_path
    ctx.obj["tm_path_given"] = ctx.get_parameter_source("tm_path") == ParameterSource.COMMANDLINE


@tm.command("build")
@click.option("--output", "-o", metavar="FILE.tmx", type=click.Path(dir_okay=False),
              help="Write the seed memory as TMX to FILE instead of adding it to the memory.")
@click.option("--date", metavar="YYYY-MM-DD",
              help="Creation/change date of the units (default: today, UTC); fix it for a "
                   "reproducible file.")
@glossary_options
@tm_option
@click.pass_context
@handle_errors
def build(ctx: click.Context, output: str | None, date: str | None, glossaries: tuple[str, ...],
          no_default: bool, tm_path: str | None) -> None:
    """Build the seed memory from the glossary: one unit per concept (en, zh-Hans, zh-Hant, kk,
    ru; type, pinyin, status and variants as properties)."""
    from silkterm.tm.build import build_seed_units, tmx_date

    path = memory_path(ctx, tm_path)
    day = date or _dt.datetime.now(_dt.UTC).date().isoformat()
    tmx_date(day)  # a bad --date fails before the glossary is loaded
    glossary = load_glossaries(glossaries, no_default)
    units = build_seed_units(glossary, day)
    if output:
        from silkterm.tm.tmx import write_tmx

        n = write_tmx(units, output, srclang="en")
        click.echo(f"built {n} units from {len(glossary)} concepts into {output}")
        return
    from silkterm.tm.memories import open_memory

    with open_memory(path) as memory:
        s = memory.add(units, origin="glossary")
        click.echo(f"built {s.read} units ({s.added} added, {s.merged} merged, {s.skipped} "
                   f"skipped) into {memory.path}")


@tm.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--source-lang", metavar="LANG",
              help="Source language where the file does not say (CSV without language columns, "
                   "PO).")
@click.option("--target-lang", metavar="LANG", help="Target language where the file does not say.")
@click.option("--format", "fmt", metavar="NAME",
              help="tmx, po, pot, mo, csv or tsv (default: by file extension).")
@tm_option
@click.pass_context
@handle_errors
def import_(ctx: click.Context, files: tuple[str, ...], source_lang: str | None,
            target_lang: str | None, fmt: str | None, tm_path: str | None) -> None:
    """Import TMX, PO/POT, MO, CSV, TSV or XLIFF files into the memory, merging duplicates.

    All files are imported in one transaction: if one is bad, the memory is left unchanged
    (and a memory that did not exist is not created).
    """
    from silkterm.tm.errors import TMError
    from silkterm.tm.formats import FORMATS
    from silkterm.tm.memories import open_memory

    path = memory_path(ctx, tm_path)
    plan = []
    for name in files:
        f = FORMATS.for_name(fmt) if fmt else FORMATS.for_path(name)
        if f.read is None:
            raise TMError(f"format {f.name!r} cannot be imported", path=name)
        plan.append((name, f.read))
    lines = []
    with open_memory(path) as memory, memory.transaction():
        for name, read in plan:
            units = read(name, source_lang=source_lang, target_lang=target_lang)
            s = memory.add(units, origin=Path(name).name)
            lines.append(f"imported {s.read} units ({s.added} added, {s.merged} merged, "
                         f"{s.skipped} skipped) from {name}")
    for line in lines:
        click.echo(line)


@tm.command("export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS),
              help="Output format (default: by the extension of --output).")
@click.option("--output", "-o", required=True, metavar="FILE", type=click.Path(dir_okay=False),
              help="The file to write (atomically).")
@click.option("--source-lang", metavar="LANG",
              help="Source language (default en). For TMX, giving a language keeps only the units "
                   "and segments in the given languages.")
@click.option("--target-lang", metavar="LANG", help="Target language (default zh-Hans).")
@click.option("--for-project", is_flag=True,
              help="For a CAT-tool project (OmegaT) from --source-lang into --target-lang "
                   "(required: the project's own, e.g. zh-CN, zh-SG, zh-TW, zh-HK): one source "
                   "and one target segment per unit, the target in that language's script, both "
                   "tagged as the project names its languages.")
@tm_option
@click.pass_context
@handle_errors
def export(ctx: click.Context, fmt: str | None, output: str, source_lang: str | None,
           target_lang: str | None, for_project: bool, tm_path: str | None) -> None:
    """Export the memory as TMX 1.4b, PO, CSV/TSV or XLIFF 1.2 (a read-only memory is fine)."""
    from silkterm.tm.errors import TMError
    from silkterm.tm.export import ProjectUnits
    from silkterm.tm.formats import FORMATS
    from silkterm.tm.memories import open_memory

    if for_project and not target_lang:
        raise click.UsageError("--for-project needs --target-lang: the project's target "
                               "language, e.g. zh-CN")
    path = memory_path(ctx, tm_path)
    f = FORMATS.for_name(fmt) if fmt else FORMATS.for_path(output)
    if f.write is None:
        raise TMError(f"format {f.name!r} cannot be exported", path=output)
    project = None
    with open_memory(path, readonly=True) as memory:
        if f.name == "tmx" and not for_project:
            langs = tuple(x for x in (source_lang, target_lang) if x) or None
            units = memory.units(langs=langs)
        else:
            units = memory.units()
        if for_project:
            assert target_lang is not None
            project = ProjectUnits(units, source_lang or "en", target_lang)
            units = iter(project)
        result = f.write(units, output, source_lang=source_lang or "en",
                         target_lang=target_lang or "zh-Hans")
    for warning in (project.warnings() if project else ()) + result.warnings:
        click.echo(f"warning: {output}: {warning}", err=True)
    click.echo(f"exported {result.count} units to {output}")


@tm.command("align")
@click.argument("en_file", type=click.Path(dir_okay=False, allow_dash=True))
@click.argument("zh_file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--output", "-o", required=True, metavar="FILE.tmx", type=click.Path(dir_okay=False),
              help="The TMX file to write (atomically).")
@click.option("--min-score", type=click.IntRange(0, 100), default=50, show_default=True,
              help="Leave out links scoring under this (0-100).")
@click.option("--keep-low", is_flag=True,
              help="Keep the links under --min-score, marked x-silkterm-low-confidence.")
@click.option("--encoding", metavar="NAME",
              help="Encoding of the input files (default UTF-8, BOM accepted).")
@glossary_options
@handle_errors
def align(en_file: str, zh_file: str, output: str, min_score: int, keep_low: bool,
          encoding: str | None, glossaries: tuple[str, ...], no_default: bool) -> None:
    """Align the sentences of EN_FILE with those of ZH_FILE (its Chinese counterpart) and write
    each aligned pair as a translation unit (en, zh-Hans) to a TMX file, with the source files,
    the link's score and type as properties. '-' reads standard input (for one of the two)."""
    from silkterm.cli.common import open_inputs
    from silkterm.glossary.namepairs import NamePairer
    from silkterm.tm.align import align_texts, alignment_units
    from silkterm.tm.tmx import write_tmx

    if en_file == "-" and zh_file == "-":
        raise click.UsageError("only one of EN_FILE and ZH_FILE can be '-'")
    en, zh = open_inputs([en_file, zh_file], encoding)
    glossary = load_glossaries(glossaries, no_default)
    alignment = align_texts("".join(en.open()), "".join(zh.open()), glossary=glossary,
                            pairer=NamePairer.of(glossary))
    units = alignment_units(alignment, en_file=Path(en.path).name, zh_file=Path(zh.path).name,
                            min_score=min_score, keep_low=keep_low)
    n = write_tmx(units, output, srclang="en")
    click.echo(f"aligned {len(alignment.en)} English and {len(alignment.zh)} Chinese sentences "
               f"in {len(alignment.links)} links; wrote {n} units to {output}")

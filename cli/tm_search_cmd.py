"""``silkterm tm search`` and ``silkterm tm concordance``: fuzzy lookup and concordance in the
translation memory.

Both commands are added to the ``tm`` group (``cli/tm_cmd.py``), which puts the memory path in
``ctx.obj["tm_path"]`` (``None``: the default memory); ``--tm`` after the command works too (see
:func:`silkterm.cli.common.memory_path`). Both only read the memory, which may be read-only.
Exit status: 0 found, 1 nothing found, 2 usage or input error.
"""

from __future__ import annotations

import json
import re
import sys
from typing import TYPE_CHECKING, Any

import click
from silkterm.cli.common import (
    glossary_options,
    handle_errors,
    load_glossaries,
    memory_path,
    tm_option,
)
from silkterm.cli.plain import Exit

if TYPE_CHECKING:
    from silkterm.tm.search import SearchResult


def _open(path: str | None) -> Any:
    from silkterm.tm.memories import open_memory

    return open_memory(path, readonly=True)


_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029]")


def _line(text: str) -> str:
    """``text`` on one line: each line break shown as ⏎ (text output is one hit per line)."""
    return _BREAK.sub("⏎", text)


def _terms_line(result: SearchResult) -> str | None:
    """``terms: Khorgos (霍尔果斯), Horgos → Khorgos (霍尔果斯), 霍尔果斯 (Khorgos)``: each term
    once, with its Chinese form, or its English one for a Chinese term."""
    parts: list[str] = []
    for t in result.terms:
        text = t.surface if t.surface == t.canonical else f"{t.surface} → {t.canonical}"
        shown = (t.surface, t.canonical)
        if t.zh and t.zh not in shown:
            text += f" ({t.zh})"
        elif t.en and t.en not in shown:
            text += f" ({t.en})"
        if text not in parts:
            parts.append(text)
    return "terms: " + ", ".join(parts) if parts else None


@click.command("search")
@click.argument("text")
@click.option("--source-lang", default="en", show_default=True, metavar="LANG",
              help="Language of the query and of the segments it is compared with.")
@click.option("--target-lang", default="zh-Hans", show_default=True, metavar="LANG",
              help="Language of the translations shown.")
@click.option("--min-score", type=click.IntRange(0, 100), default=70, show_default=True,
              help="Lowest score (0-100) shown.")
@click.option("--limit", type=click.IntRange(1, None), default=5, show_default=True,
              help="Most hits shown.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--exhaustive", is_flag=True,
              help="Score every segment instead of the indexed candidates (slow; the reference).")
@glossary_options
@click.option("--no-terms", is_flag=True, help="Do not look for glossary terms in the query.")
@tm_option
@click.pass_context
@handle_errors
def search(ctx: click.Context, text: str, source_lang: str, target_lang: str, min_score: int,
           limit: int, fmt: str, exhaustive: bool, glossaries: tuple[str, ...], no_default: bool,
           no_terms: bool, tm_path: str | None) -> None:
    """Fuzzy matches of TEXT in the memory, best first, scored 0-100 (Levenshtein, as CAT tools
    score; 100 = exact).

    Text output: one hit per line, ``score  source → target  [tuid]``, then ``terms: …`` with
    the glossary terms of TEXT and their Chinese forms. Exit 1 when nothing scores --min-score.
    """
    from silkterm.tm.search import search as run

    path = memory_path(ctx, tm_path)
    glossary = None
    if not no_terms:
        glossary = load_glossaries(glossaries, no_default)
    with _open(path) as memory:
        result = run(memory, text, source_lang=source_lang, target_lang=target_lang,
                     limit=limit, min_score=min_score, glossary=glossary, exhaustive=exhaustive)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        for h in result.hits:
            target = h.target if h.target is not None else "∅"
            click.echo(f"{h.score:>3}  {_line(h.source)} → {_line(target)}  [{h.tuid}]")
        line = _terms_line(result)
        if line:
            click.echo(line)
    if not result.hits:
        sys.exit(Exit.FINDINGS)


@click.command("concordance")
@click.argument("text")
@click.option("--lang", metavar="LANG", help="Only segments in this language (en matches en-US).")
@click.option("--limit", type=click.IntRange(1, None), default=50, show_default=True,
              help="Most segments shown.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@tm_option
@click.pass_context
@handle_errors
def concordance(ctx: click.Context, text: str, lang: str | None, limit: int, fmt: str,
                tm_path: str | None) -> None:
    """Every segment containing the word or phrase TEXT (case-insensitive), in storage order.

    Text output: one segment per line, ``[tuid] lang: text`` with each occurrence marked
    ``[[like this]]``. Exit 1 when nothing contains TEXT.
    """
    from silkterm.tm.search import concordance as run

    path = memory_path(ctx, tm_path)
    with _open(path) as memory:
        hits = run(memory, text, lang=lang, limit=limit)
    if fmt == "json":
        click.echo(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
    else:
        for h in hits:
            click.echo(f"[{h.tuid}] {h.lang}: {_line(h.highlighted())}")
    if not hits:
        sys.exit(Exit.FINDINGS)

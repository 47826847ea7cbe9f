"""The ``silkterm`` command line.

Each command parses its options, calls one library function, formats the result and maps errors
to exit codes: 0 clean, 1 findings (``--check``; nothing found by ``lookup``), 2 usage or input
error. Library errors become a one-line message on stderr, never a traceback.
"""

from __future__ import annotations

import datetime as _dt
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click
from silkterm.cli.common import Exit, glossary_options, handle_errors, load_glossaries
from silkterm.glossary import __version__

if TYPE_CHECKING:
    from silkterm.glossary.model import Glossary
    from silkterm.glossary.textio import TextFile

F = TypeVar("F", bound=Callable[..., Any])


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> _dt.date | None:
    if value is None:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def input_options(func: F) -> F:
    """Options shared by the commands that read texts."""
    func = click.option("--unseen/--no-unseen", default=True, show_default=True,
                        help="Report names that are no glossary form but fold-match a concept "
                             "(unseen spellings), as scored suggestions.")(func)
    func = click.option("--encoding", metavar="NAME",
                        help="Encoding of the input files (default UTF-8, BOM accepted).")(func)
    func = click.option("--markup", type=click.Choice(["auto", "text", "markdown", "html"]),
                        default="auto", show_default=True,
                        help="What to protect: URLs and e-mails always; code and tags for "
                             "markdown/html. auto decides by file extension.")(func)
    func = click.option("--date", callback=_parse_date, metavar="YYYY-MM-DD",
                        help="When the text was written: former names are rewritten only "
                             "outside their validity.")(func)
    func = click.argument("files", nargs=-1, type=click.Path(allow_dash=True))(func)
    return glossary_options(func)


def _read_inputs(files: Sequence[str], encoding: str | None) -> list[TextFile]:
    """Read every input before anything is written: a bad file stops the run untouched."""
    from silkterm.glossary.textio import check_encoding, decode, read_text

    if encoding:
        check_encoding(encoding)
    out = []
    for name in files or ("-",):
        if name == "-":
            raw = sys.stdin.buffer.read()
            out.append(decode(raw, "<stdin>", encoding))
        else:
            out.append(read_text(name, encoding))
    return out


def _markup(choice: str, path: str) -> str:
    from silkterm.glossary.markup import detect_markup

    return detect_markup(None if path == "<stdin>" else path) if choice == "auto" else choice


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="silkterm")
def cli() -> None:
    """silkterm: names and terms of China–Kazakhstan news, in every spelling.

    Normalise texts to the house forms, annotate them with Chinese and pinyin, and look up any
    variant of a name.
    """


@cli.command()
@input_options
@click.option("--in-place", "-i", is_flag=True, help="Rewrite the files (atomically).")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff instead of the text.")
@click.option("--check", is_flag=True,
              help="List the findings instead of the text; exit 1 if one reaches --fail-on.")
@click.option("--fail-on", "fail_on", type=click.Choice(["replace", "suggest", "note"]),
              help="With --check, what makes the exit status 1: a replacement (the default), also a "
                   "suggestion, or any finding (note).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="json: one object per file with its findings.")
@click.option("--accept-suggestions", "accept", type=click.IntRange(0, 100), metavar="SCORE",
              help="Also rewrite unseen variants suggested with a score of at least SCORE (0-100).")
@handle_errors
def normalize(files: tuple[str, ...], date: _dt.date | None, markup: str, encoding: str | None,
              glossaries: tuple[str, ...], no_default: bool, unseen: bool, in_place: bool,
              show_diff: bool, check: bool, fail_on: str | None, fmt: str,
              accept: int | None) -> None:
    """Rewrite names and terms to the house form.

    FILES are read as UTF-8 (or --encoding); none or '-' reads standard input.
    """
    from silkterm.glossary.apply import normalize as run
    from silkterm.glossary.textio import encode, write_bytes_atomic

    if in_place and (show_diff or check or fmt == "json"):
        raise click.UsageError("--in-place cannot be combined with --diff, --check or --format json")
    if in_place and (not files or "-" in files):
        raise click.UsageError("--in-place needs file names, not standard input")
    if fail_on is not None and not check:
        raise click.UsageError("--fail-on needs --check")
    glossary = load_glossaries(glossaries, no_default)
    inputs = _read_inputs(files, encoding)
    results = [(tf, run(tf.text, glossary, date=date, markup=_markup(markup, tf.path),
                        unseen=unseen, accept_suggestions=accept)) for tf in inputs]
    if in_place:
        # Encode every result before writing any: one file that cannot be written in its
        # encoding must not leave the others half done.
        payloads = [(tf.path, encode(r.text, tf.encoding, tf.bom, tf.path))
                    for tf, r in results if r.changed]
        for path, data in payloads:
            write_bytes_atomic(path, data)
        return
    if fmt == "json":
        click.echo(json.dumps([{"path": tf.path, "changed": r.changed,
                                "findings": [f.to_dict() for f in r.findings]} for tf, r in results],
                              ensure_ascii=False, indent=2))
    elif show_diff:
        import difflib

        for tf, r in results:
            relative = not tf.path.startswith(("/", "<"))
            for line in difflib.unified_diff(
                    tf.text.splitlines(keepends=True), r.text.splitlines(keepends=True),
                    f"a/{tf.path}" if relative else tf.path,
                    f"b/{tf.path}" if relative else tf.path):
                click.echo(line, nl=False)
                if not line.endswith("\n"):
                    click.echo("\n\\ No newline at end of file")
    elif check:
        for tf, r in results:
            for f in r.findings:
                target = f" → {f.replacement!r}" if f.replacement else f" ({f.canonical})"
                if f.drop_before:
                    target += f" (without {f.drop_before.strip()!r})"
                click.echo(f"{tf.path}:{f.line}:{f.column}: {f.action.value} {f.surface!r}{target}: "
                           f"{f.reason} [{f.concept_id}]")
    else:
        for _, r in results:
            click.echo(r.text, nl=False)
    if check and any(r.fails(fail_on or "replace") for _, r in results):
        sys.exit(Exit.FINDINGS)


@cli.command()
@input_options
@click.option("--style", type=click.Choice(["inline", "html", "json"]), default="inline",
              show_default=True,
              help="inline: ⟦house form · 中文 · pinyin⟧ after each term; html: a standalone page "
                   "with details on hover; json: the findings.")
@handle_errors
def annotate(files: tuple[str, ...], date: _dt.date | None, markup: str, encoding: str | None,
             glossaries: tuple[str, ...], no_default: bool, unseen: bool, style: str) -> None:
    """Mark every name and term with its house form, Chinese form and pinyin."""
    from silkterm.glossary.apply import annotate as run
    from silkterm.glossary.apply import annotate_html, find_terms

    glossary = load_glossaries(glossaries, no_default)
    inputs = _read_inputs(files, encoding)
    if style == "html":
        from pathlib import Path

        # titled by the file's name: a page to share names no local folder
        click.echo(annotate_html([(Path(tf.path).name, tf.text) for tf in inputs],
                                 glossary, date=date,
                                 markups=[_markup(markup, tf.path) for tf in inputs],
                                 unseen=unseen), nl=False)
    elif style == "json":
        click.echo(json.dumps(
            [{"path": tf.path, "findings": [f.to_dict() for f in find_terms(
                tf.text, glossary, date=date, markup=_markup(markup, tf.path), unseen=unseen)]}
             for tf in inputs],
            ensure_ascii=False, indent=2))
    else:
        for tf in inputs:
            click.echo(run(tf.text, glossary, style="inline", date=date,
                           markup=_markup(markup, tf.path), unseen=unseen), nl=False)


def _describe(concept_id: str, glossary: Glossary) -> Iterator[str]:
    c = glossary[concept_id]
    script = f" ({c.zh_hant})" if c.zh_hant and c.zh_hant != c.zh else ""
    if c.zh:
        yield f"  zh: {c.zh}{script}" + (f"   pinyin: {c.pinyin}" if c.pinyin else "")
    for label, value in (("kk", c.kk), ("ru", c.ru)):
        if value:
            yield f"  {label}: {value}"
    listed = [v for v in c.variants if v.rule is None]
    generated = [v for v in c.variants if v.rule is not None]
    if listed:
        yield "  variants: " + "; ".join(f"{v.form} ({v.describe()})" for v in listed)
    if generated:
        yield "  generated: " + "; ".join(f"{v.form} ({v.rule})" for v in generated)
    if c.note:
        yield f"  note: {c.note}"
    if not c.verified:
        which = ", ".join(c.unverified) or "some forms"
        yield f"  unverified: {which}"


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
    from silkterm.glossary.query import lookup as run

    glossary = load_glossaries(glossaries, no_default)
    results = [run(t, glossary, limit=limit) for t in terms]
    if fmt == "json":
        data = [r.to_dict() for r in results]
        if explain:
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
                c = glossary[m.concept_id]
                if m.score >= 98:
                    click.echo(f"{r.query} → {m.canonical} [{c.id}] {c.type.value}: {m.how}")
                    if explain:
                        click.echo(f"  how: {explain_form(glossary, c.id, m.form)}")
                    if i == 0:
                        for line in _describe(c.id, glossary):
                            click.echo(line)
                else:
                    click.echo(f"{r.query} ~ {m.canonical} [{c.id}] {c.type.value}: {m.how}, "
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
        click.echo(json.dumps({"text": text, "from": source_lang,
                               "results": [{"scheme": n, "latin": t} for n, t in rows]},
                              ensure_ascii=False, indent=2))
    elif every:
        width = max(len(n) for n, _ in rows)
        for name, latin in rows:
            click.echo(f"{name:{width}}  {latin}")
    else:
        click.echo(rows[0][1])


@cli.group("glossary")
def glossary_group() -> None:
    """Check glossary files and describe the glossary."""


@glossary_group.command("check")
@glossary_options
@handle_errors
def glossary_check(glossaries: tuple[str, ...], no_default: bool) -> None:
    """Validate glossary files, compile them and run every spec."""
    from silkterm.glossary.loader import load_glossary
    from silkterm.glossary.stats import glossary_stats

    if no_default and not glossaries:
        raise click.UsageError("--no-default needs at least one --glossary")
    g = load_glossary(glossaries, include_default=not no_default, use_cache=False)
    s = glossary_stats(g)
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
        click.echo(json.dumps(s, ensure_ascii=False, indent=2))
        return
    for key in ("concepts", "forms", "variants", "generated", "specs", "with_zh", "with_kk",
                "with_ru", "unverified"):
        click.echo(f"{key + ':':12} {s[key]}")
    for key in ("types", "variant_status", "variant_kinds", "variant_languages"):
        click.echo(f"{key}: " + ", ".join(f"{k} {v}" for k, v in s[key].items()))


def _add_commands() -> None:
    """The commands defined in their own modules: memory, translation files, glossary exchange."""
    from silkterm.cli import glossary_io_cmd, po_cmd, tm_cmd, tm_search_cmd

    cli.add_command(tm_cmd.tm)
    tm_cmd.tm.add_command(tm_search_cmd.search)
    tm_cmd.tm.add_command(tm_search_cmd.concordance)
    cli.add_command(po_cmd.pretranslate)
    cli.add_command(po_cmd.check)
    glossary_group.add_command(glossary_io_cmd.glossary_export)
    glossary_group.add_command(glossary_io_cmd.glossary_import)


_add_commands()


def main() -> None:
    """Entry point of the ``silkterm`` console script."""
    cli(prog_name="silkterm")

"""``silkterm normalize`` and ``silkterm annotate``: the commands that read texts.

Defined apart from :mod:`silkterm.cli.main`, and imported only when one of them runs (see
:class:`~silkterm.cli.common.LazyGroup`): ``silkterm lookup`` starts without their options.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click
from silkterm.cli.common import (
    Input,
    color_option,
    each_input,
    finding_line,
    glossary_options,
    glossary_spec,
    handle_errors,
    jobs_option,
    json_array,
    load_glossaries,
    markup_for,
    open_inputs,
    quiet_option,
    reading_options,
)
from silkterm.cli.plain import Exit
from silkterm.glossary.version import __version__

if TYPE_CHECKING:
    import datetime as _dt

    from silkterm.glossary.apply import NormalizeResult
    from silkterm.glossary.findings import Finding
    from silkterm.glossary.htmlpage import Section

F = TypeVar("F", bound=Callable[..., Any])


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> _dt.date | None:
    if value is None:
        return None
    import datetime  # here: ``silkterm lookup`` starts without it

    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def input_options(func: F) -> F:
    """Options shared by the commands that read texts."""
    func = click.option("--unseen/--no-unseen", default=True, show_default=True,
                        help="Report names that are no glossary form but fold-match a concept "
                             "(unseen spellings), as scored suggestions.")(func)
    func = reading_options(func)
    func = click.option("--date", callback=_parse_date, metavar="YYYY-MM-DD",
                        help="When the text was written: former names are rewritten only "
                             "outside their validity.")(func)
    func = click.argument("files", nargs=-1, type=click.Path(allow_dash=True))(func)
    return glossary_options(func)


@click.command()
@input_options
@click.option("--in-place", "-i", is_flag=True, help="Rewrite the files (atomically).")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff instead of the text.")
@click.option("--check", is_flag=True,
              help="List the findings instead of the text; exit 1 if one reaches --fail-on.")
@click.option("--fail-on", "fail_on", type=click.Choice(["replace", "suggest", "note"]),
              help="With --check, what makes the exit status 1: a replacement (the default), also a "
                   "suggestion, or any finding (note).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]),
              default="text", show_default=True,
              help="json: one object per file with its findings; sarif (SARIF 2.1.0) and github "
                   "(GitHub Actions annotations): the findings for CI, as with --check.")
@click.option("--accept-suggestions", "accept", type=click.IntRange(0, 100), metavar="SCORE",
              help="Also rewrite unseen variants suggested with a score of at least SCORE (0-100).")
@quiet_option
@color_option
@jobs_option
@handle_errors
def normalize(files: tuple[str, ...], date: _dt.date | None, markup: str, encoding: str | None,
              glossaries: tuple[str, ...], no_default: bool, unseen: bool, in_place: bool,
              show_diff: bool, check: bool, fail_on: str | None, fmt: str,
              accept: int | None, quiet: bool, color: bool, jobs: int) -> None:
    """Rewrite names and terms to the house form.

    FILES are read as UTF-8 (or --encoding); none or '-' reads standard input. Texts are read,
    rewritten and written a chunk at a time (--diff holds each text whole).
    """
    from silkterm.glossary.stream import (
        normalize_file,
        normalize_stream,
        normalized_text_file,
    )

    ci = fmt in ("sarif", "github")
    check = check or ci
    if in_place and (show_diff or check or fmt != "text"):
        raise click.UsageError("--in-place cannot be combined with --diff, --check or --format")
    if show_diff and ci:
        raise click.UsageError(f"--diff cannot be combined with --format {fmt}")
    if in_place and (not files or "-" in files):
        raise click.UsageError("--in-place needs file names, not standard input")
    if fail_on is not None and not check:
        raise click.UsageError("--fail-on needs --check")
    if quiet and not (check and fmt == "text"):
        raise click.UsageError("--quiet needs --check (and the text format)")
    glossary = load_glossaries(glossaries, no_default)
    inputs = open_inputs(files, encoding)
    level = fail_on or "replace"
    failed = False

    def here(src: Input) -> Iterator[NormalizeResult]:
        return normalize_stream(src.open(), glossary, date=date, markup=markup_for(markup, src.path),
                                unseen=unseen, accept_suggestions=accept)

    setup = glossary_spec(glossaries, no_default).load
    if not (in_place or show_diff or check or fmt != "text"):  # the text alone: no findings to pass
        def text(src: Input) -> Iterator[str]:
            return (part.text for part in here(src))

        texts = functools.partial(normalized_text_file, date=date, unseen=unseen,
                                  accept_suggestions=accept)
        with each_input(inputs, text, jobs=jobs, work=texts, markup=markup, setup=setup) as each_text:
            for _, pieces in each_text:
                for piece in pieces:
                    click.echo(piece, nl=False)
        return
    work = functools.partial(normalize_file, date=date, unseen=unseen, accept_suggestions=accept)
    with each_input(inputs, here, jobs=jobs, work=work, markup=markup, setup=setup) as each:

        def run(src: Input) -> Iterator[NormalizeResult]:
            """The results of ``src``: each input is run once, in input order."""
            nonlocal failed
            given, parts = next(each)
            assert given is src
            for part in parts:
                failed = failed or part.fails(level)
                yield part

        if in_place:
            _rewrite(inputs, run)
            return
        if quiet:
            for src in inputs:
                for _ in run(src):
                    pass
        elif ci:
            from silkterm.glossary.ci import NORMALIZE_RULES, finding_annotation, render

            annotations = [finding_annotation(src.path, f)
                           for src in inputs for part in run(src) for f in part.findings]
            click.echo(render(fmt, annotations, NORMALIZE_RULES, version=__version__), nl=False)
        elif fmt == "json":
            click.echo("[", nl=False)
            for k, src in enumerate(inputs):
                _echo_json_file(src.path, run(src), k == 0)
            click.echo("\n]" if inputs else "]")
        elif show_diff:
            _echo_diff(inputs, run)
        else:  # --check: the findings
            for src in inputs:
                for part in run(src):
                    for f in part.findings:
                        target = f" → {f.replacement!r}" if f.replacement else f" ({f.canonical})"
                        if f.drop_before:
                            target += f" (without {f.drop_before.strip()!r})"
                        click.echo(finding_line(f"{src.path}:{f.line}:{f.column}", f.action.value,
                                                f" {f.surface!r}{target}: {f.reason} "
                                                f"[{f.concept_id}]", color), color=color)
    if check and failed:
        sys.exit(Exit.FINDINGS)


def _rewrite(inputs: Sequence[Input], run: Callable[[Input], Iterator[NormalizeResult]]) -> None:
    """Write each changed text to a temporary file beside its file (opened at the first change,
    when the unchanged text before it is copied from the input); only when every file is done,
    rename them into place. A failure leaves every file as it was; an unchanged file is never
    written."""
    from silkterm.glossary.textio import AtomicWriter, encoder

    writers: list[AtomicWriter] = []
    try:
        for src in inputs:
            writer: AtomicWriter | None = None
            encode = encoder(src.encoding, src.bom, src.path)
            done = 0  # code points read so far
            for part in run(src):
                if writer is None and part.changed:
                    writer = AtomicWriter(src.path)
                    writers.append(writer)
                    for piece in _prefix(src, done):
                        writer.write(encode(piece))
                if writer is not None:
                    writer.write(encode(part.text))
                done += len(part.source)
            if writer is not None:
                writer.write(encode("", final=True))
        for writer in writers:
            writer.commit()
    finally:
        for writer in writers:
            writer.discard()


def _prefix(src: Input, length: int) -> Iterator[str]:
    """The first ``length`` code points of an input, read again in pieces."""
    for piece in src.open():
        if length <= 0:
            break
        yield piece[:length]
        length -= len(piece)


def _echo_json_file(path: str, parts: Iterator[NormalizeResult], first: bool) -> None:
    """One file's object of ``normalize --format json``. The findings are held in a temporary
    file until ``changed`` (printed before them) is known."""
    import json
    import tempfile

    changed = False

    def findings() -> Iterator[dict[str, Any]]:
        nonlocal changed
        for part in parts:
            changed |= part.changed
            yield from (f.to_dict() for f in part.findings)

    with tempfile.TemporaryFile("w+", encoding="utf-8") as held:
        for piece in json_array(findings(), level=2):
            held.write(piece)
        click.echo(("\n" if first else ",\n") + "  {\n    \"path\": " + json.dumps(path, ensure_ascii=False)
                   + ",\n    \"changed\": " + json.dumps(changed) + ",\n    \"findings\": ", nl=False)
        held.seek(0)
        while block := held.read(1 << 20):
            click.echo(block, nl=False)
        click.echo("\n  }", nl=False)


def _echo_diff(inputs: Sequence[Input], run: Callable[[Input], Iterator[NormalizeResult]]) -> None:
    """A unified diff per changed file (each text held whole: difflib compares whole texts)."""
    import difflib

    for src in inputs:
        parts = list(run(src))
        before = "".join(p.source for p in parts)
        after = "".join(p.text for p in parts)
        del parts
        relative = not src.path.startswith(("/", "<"))
        for line in difflib.unified_diff(
                before.splitlines(keepends=True), after.splitlines(keepends=True),
                f"a/{src.path}" if relative else src.path,
                f"b/{src.path}" if relative else src.path):
            click.echo(line, nl=False)
            if not line.endswith("\n"):
                click.echo("\n\\ No newline at end of file")


@click.command()
@input_options
@click.option("--style", type=click.Choice(["inline", "html", "json"]), default="inline",
              show_default=True,
              help="inline: ⟦house form · 中文 · pinyin⟧ after each term; html: a standalone page "
                   "with counts, a legend, a changes-only switch and details on hover or focus; "
                   "json: the findings.")
@jobs_option
@handle_errors
def annotate(files: tuple[str, ...], date: _dt.date | None, markup: str, encoding: str | None,
             glossaries: tuple[str, ...], no_default: bool, unseen: bool, style: str,
             jobs: int) -> None:
    """Mark every name and term with its house form, Chinese form and pinyin.

    Texts are read and annotated a chunk at a time."""
    from silkterm.glossary import stream

    glossary = load_glossaries(glossaries, no_default)
    inputs = open_inputs(files, encoding)
    setup = glossary_spec(glossaries, no_default).load
    if style == "html":
        numbers = {id(src): doc for doc, src in enumerate(inputs, 1)}

        def document(src: Input) -> Iterator[str | Section]:
            return stream.html_document(src.path, src.open(), glossary, doc=numbers[id(src)],
                                        date=date, markup=markup_for(markup, src.path),
                                        unseen=unseen)

        in_documents = functools.partial(stream.html_document_file, date=date, unseen=unseen)
        with each_input(inputs, document, jobs=jobs, work=in_documents, markup=markup,
                        setup=setup) as documents:
            for piece in stream.html_documents_page(pieces for _, pieces in documents):
                click.echo(piece, nl=False)
    elif style == "json":
        import json

        def terms(src: Input) -> Iterator[Finding]:
            return stream.find_terms_stream(src.open(), glossary, date=date,
                                            markup=markup_for(markup, src.path), unseen=unseen)

        in_terms = functools.partial(stream.find_terms_file, date=date, unseen=unseen)
        with each_input(inputs, terms, jobs=jobs, work=in_terms, markup=markup,
                        setup=setup) as findings:
            click.echo("[", nl=False)
            for k, (src, found) in enumerate(findings):
                click.echo(("\n" if k == 0 else ",\n") + "  {\n    \"path\": "
                           + json.dumps(src.path, ensure_ascii=False) + ",\n    \"findings\": ",
                           nl=False)
                for piece in json_array((f.to_dict() for f in found), level=2):
                    click.echo(piece, nl=False)
                click.echo("\n  }", nl=False)
            click.echo("\n]" if inputs else "]")
    else:
        def inline(src: Input) -> Iterator[str]:
            return stream.annotate_stream(src.open(), glossary, date=date,
                                          markup=markup_for(markup, src.path), unseen=unseen)

        inline_marks = functools.partial(stream.annotate_file, date=date, unseen=unseen)
        with each_input(inputs, inline, jobs=jobs, work=inline_marks, markup=markup,
                        setup=setup) as annotated:
            for _, texts in annotated:
                for text in texts:
                    click.echo(text, nl=False)

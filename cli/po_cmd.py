"""The ``pretranslate`` and ``check`` commands (translation files: PO and TMX); both are
top-level commands of :mod:`silkterm.cli.main`."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Iterator

import click
from silkterm.cli.common import (
    color_option,
    each_result,
    finding_line,
    glossary_options,
    glossary_spec,
    handle_errors,
    jobs_option,
    json_array,
    load_glossaries,
    quiet_option,
    tm_option,
)
from silkterm.cli.plain import Exit


@click.command()
@click.argument("in_path", metavar="IN.po", type=click.Path(dir_okay=False))
@click.option("--output", "-o", "out_path", metavar="OUT.po", required=True,
              type=click.Path(dir_okay=False), help="Where to write the result (not the input).")
@click.option("--min-score", type=click.IntRange(0, 100), default=75, show_default=True,
              help="Lowest fuzzy score used; matches under 100 are marked fuzzy.")
@tm_option
@click.option("--source-lang", default="en", show_default=True, help="Language of the msgids.")
@click.option("--target-lang", help="Language of the msgstrs (default: the header's Language).")
@click.option("--terms", is_flag=True,
              help="Name the glossary terms of each entry filled or left untranslated, with "
                   "their target-language forms, in a translator comment.")
@glossary_options
@handle_errors
def pretranslate(in_path: str, out_path: str, min_score: int, tm_path: str | None,
                 source_lang: str, target_lang: str | None, terms: bool,
                 glossaries: tuple[str, ...], no_default: bool) -> None:
    """Fill the untranslated entries of IN.po (or IN.xlf) from the translation memory.

    Exact matches fill msgstr; fuzzy ones are also marked '#, fuzzy' with the score and the
    unit id in a comment. Translated entries are never changed; plural entries are filled
    from plural units of the memory with the same msgid and msgid_plural. A template (POT,
    e.g. from xgettext) gets a PO header for --target-lang: Language as a gettext locale
    (zh_CN), Plural-Forms from CLDR, UTF-8, so that 'msgfmt --check' accepts the result.
    With --terms, entries filled or left untranslated get a comment such as
    'silkterm: terms: Horgos (Khorgos) = 霍尔果斯'. An .xlf/.xliff file is written back as
    XLIFF: fuzzy fills are state="needs-review-translation", comments are <note>s.
    """
    from silkterm.tm.memories import open_memory
    from silkterm.tm.pretranslate import pretranslate as run

    if (glossaries or no_default) and not terms:
        raise click.UsageError("--glossary and --no-default only apply with --terms")
    glossary = load_glossaries(glossaries, no_default) if terms else None
    with open_memory(tm_path, readonly=True) as memory:
        stats = run(in_path, out_path, memory, min_score=min_score, source_lang=source_lang,
                    target_lang=target_lang, glossary=glossary)
    click.echo(stats.summary(out_path))


@click.command()
@click.argument("files", metavar="FILE...", nargs=-1, required=True,
                type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]),
              default="text", show_default=True,
              help="json: one object per file with its issues; sarif (SARIF 2.1.0) and github "
                   "(GitHub Actions annotations) for CI.")
@click.option("--source-lang", default="en", show_default=True)
@click.option("--target-lang", help="Default: a PO file's Language header, else zh.")
@glossary_options
@quiet_option
@color_option
@jobs_option
@handle_errors
def check(files: tuple[str, ...], fmt: str, source_lang: str, target_lang: str | None,
          glossaries: tuple[str, ...], no_default: bool, quiet: bool, color: bool,
          jobs: int) -> None:
    """Terminology QA of .po, .tmx and .xlf files against the glossary.

    Where a source segment contains a glossary term, its translation must contain an admitted
    form of the term (Chinese targets need no spaces); deprecated and forbidden forms in a
    translation are reported. Exit 1 when there are issues.
    """
    import tempfile

    from silkterm.tm.qa import Issue, iter_issues

    if quiet and fmt != "text":
        raise click.UsageError(f"--quiet cannot be combined with --format {fmt}")
    glossary = load_glossaries(glossaries, no_default)

    def here(path: str) -> Iterator[Issue]:
        return iter_issues(path, glossary, source_lang=source_lang, target_lang=target_lang)

    work = functools.partial(iter_issues, source_lang=source_lang, target_lang=target_lang)
    with each_result(files, here, jobs=jobs, work=work, task=str,
                     setup=glossary_spec(glossaries, no_default).load) as results:
        each = zip(files, results, strict=True)
        if quiet:
            found = False
            for _, issues in each:
                for _ in issues:
                    found = True
            sys.exit(Exit.FINDINGS if found else Exit.CLEAN)
        if fmt in ("sarif", "github"):
            from silkterm.glossary.ci import render
            from silkterm.glossary.version import __version__
            from silkterm.tm.qa import QA_RULES

            annotations = [i.to_annotation() for _, issues in each for i in issues]
            click.echo(render(fmt, annotations, QA_RULES, version=__version__), nl=False)
            if annotations:
                sys.exit(Exit.FINDINGS)
            return
        # Check every file before printing anything: a malformed one stops the run with exit 2.
        # Meanwhile the report waits in a temporary file, so memory does not grow with the files.
        found = False
        with tempfile.TemporaryFile("w+", encoding="utf-8") as held:
            for k, (f, issues) in enumerate(each):
                if fmt == "json":
                    held.write(("[\n" if k == 0 else ",\n") + '  {\n    "path": '
                               + json.dumps(f, ensure_ascii=False) + ',\n    "issues": ')
                    for piece in json_array((i.to_dict() for i in issues), level=2):
                        found = found or piece != "[]"
                        held.write(piece)
                    held.write("\n  }")
                else:
                    for issue in issues:
                        found = True
                        where = issue.path if issue.line is None else f"{issue.path}:{issue.line}"
                        kind, _, rest = issue.message.partition(" ")
                        held.write(finding_line(where, kind, f" {rest}", color) + "\n")
            if fmt == "json":
                held.write("\n]\n")
            held.seek(0)
            while block := held.read(1 << 20):
                click.echo(block, nl=False, color=color)
        if found:
            sys.exit(Exit.FINDINGS)

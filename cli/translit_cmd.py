"""``silkterm translit``: one text in every transliteration scheme of its script, or in one."""

from __future__ import annotations

import click
from silkterm.cli.common import handle_errors


@click.command()
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

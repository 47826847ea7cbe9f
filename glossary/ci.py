"""Findings rendered for continuous integration: SARIF 2.1.0 and GitHub workflow commands.

Both ``normalize --check`` (glossary findings) and ``check`` (terminology issues of translation
files) turn their findings into :class:`Annotation` values; this module renders a list of them.
Nothing here prints: the functions return text.

>>> rules = (Rule("replace", "Not the house form", "Rewrite it to the house form."),)
>>> a = Annotation("a.txt", 2, 5, 11, "replace", "warning", "'Horgos' → 'Khorgos'")
>>> print(render_github([a]))
::warning file=a.txt,line=2,col=5,endColumn=11,title=replace::'Horgos' → 'Khorgos'
>>> doc = json.loads(render_sarif([a], rules, version="1.0"))
>>> doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
{'startLine': 2, 'startColumn': 5, 'endColumn': 11}
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from .findings import Finding
from .model import Action

__all__ = ["FORMATS", "NORMALIZE_RULES", "Annotation", "Rule", "finding_annotation",
           "render", "render_github", "render_sarif"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = ("error", "warning", "note")
_GITHUB_COMMAND = {"error": "error", "warning": "warning", "note": "notice"}


@dataclass(frozen=True, slots=True)
class Rule:
    """One kind of finding: its id, a one-line description and the help text."""

    id: str
    short: str
    help: str


@dataclass(frozen=True, slots=True)
class Annotation:
    """One finding at one place of one file. Lines and columns are 1-based; columns count
    code points and ``end_column`` is exclusive (the column just after the finding). ``line``
    is ``None`` when the place is unknown; ``column`` and ``end_column`` when only the line is."""

    path: str
    line: int | None
    column: int | None
    end_column: int | None
    rule_id: str
    level: str  # one of LEVELS
    message: str
    end_line: int | None = None  # when the finding spans lines


NORMALIZE_RULES = (
    Rule("replace", "A name or term not in its house form",
         "The text uses a variant that normalising rewrites; run 'silkterm normalize -i' or "
         "write the house form given in the message."),
    Rule("suggest", "A possible unseen spelling of a glossary name",
         "The text has a form no glossary lists that fold-matches a concept; check it and use "
         "the house form, or add the variant to a user glossary."),
    Rule("note", "A name worth a look",
         "A former name or an ambiguous form: kept as written, but check it against the date "
         "and context of the text."),
)
_ACTION_LEVEL = {Action.REPLACE: "warning", Action.SUGGEST: "note", Action.NOTE: "note"}


def finding_annotation(path: str, f: Finding) -> Annotation:
    """A normalisation finding as an annotation (rule = its action), with the message of
    ``normalize --check``'s text output."""
    target = f" → {f.replacement!r}" if f.replacement else f" ({f.canonical})"
    if f.drop_before:
        target += f" (without {f.drop_before.strip()!r})"
    message = f"{f.action.value} {f.surface!r}{target}: {f.reason} [{f.concept_id}]"
    lines = f.surface.split("\n")
    if len(lines) == 1:
        end_line, end_column = None, f.column + len(f.surface)
    else:
        end_line, end_column = f.line + len(lines) - 1, len(lines[-1]) + 1
    return Annotation(path, f.line, f.column, end_column, f.action.value,
                      _ACTION_LEVEL[f.action], message, end_line)


def _uri(path: str) -> str:
    """A URI reference for a path: relative paths stay relative (to the working directory)."""
    if PureWindowsPath(path).drive:
        return PureWindowsPath(path).as_uri()
    if path.startswith("/"):
        return PurePosixPath(path).as_uri()
    return quote(path.replace("\\", "/"))


def _region(a: Annotation) -> dict[str, int]:
    region: dict[str, int] = {}
    if a.line is not None:
        region["startLine"] = a.line
        if a.column is not None:
            region["startColumn"] = a.column
        if a.end_line is not None:
            region["endLine"] = a.end_line
        if a.end_column is not None:
            region["endColumn"] = a.end_column
    return region


def sarif_log(annotations: Iterable[Annotation], rules: Sequence[Rule], *,
              version: str) -> dict[str, Any]:
    """The SARIF 2.1.0 log (one run) of the annotations, as a JSON-ready dict."""
    index = {r.id: k for k, r in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for a in annotations:
        physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(a.path)}}
        region = _region(a)
        if region:
            physical["region"] = region
        results.append({"ruleId": a.rule_id, "ruleIndex": index[a.rule_id], "level": a.level,
                        "message": {"text": a.message},
                        "locations": [{"physicalLocation": physical}]})
    driver = {
        "name": "silkterm", "version": version,
        "rules": [{"id": r.id, "shortDescription": {"text": r.short},
                   "fullDescription": {"text": r.help}, "help": {"text": r.help}}
                  for r in rules],
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0",
            "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints",
                      "results": results}]}


def render_sarif(annotations: Iterable[Annotation], rules: Sequence[Rule], *,
                 version: str) -> str:
    """The SARIF 2.1.0 log as indented JSON, ending with a newline."""
    return json.dumps(sarif_log(annotations, rules, version=version), ensure_ascii=False,
                      indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(a: Annotation) -> str:
    """One GitHub Actions workflow command (``::warning file=…,line=…,col=…::…``)."""
    props = [f"file={_escape_property(a.path)}"]
    if a.line is not None:
        props.append(f"line={a.line}")
        if a.column is not None:
            props.append(f"col={a.column}")
        if a.end_line is not None:
            props.append(f"endLine={a.end_line}")
        if a.end_column is not None:
            props.append(f"endColumn={a.end_column}")
    props.append(f"title={_escape_property(a.rule_id)}")
    return f"::{_GITHUB_COMMAND[a.level]} {','.join(props)}::{_escape_data(a.message)}"


def render_github(annotations: Iterable[Annotation]) -> str:
    """One workflow command a line (no trailing newline after the last)."""
    return "\n".join(github_line(a) for a in annotations)


def _github_text(annotations: Sequence[Annotation], rules: Sequence[Rule], version: str) -> str:
    text = render_github(annotations)
    return text + "\n" if text else ""


def _sarif_text(annotations: Sequence[Annotation], rules: Sequence[Rule], version: str) -> str:
    return render_sarif(annotations, rules, version=version)


_RENDERERS = {"sarif": _sarif_text, "github": _github_text}
FORMATS = tuple(_RENDERERS)


def render(fmt: str, annotations: Sequence[Annotation], rules: Sequence[Rule], *,
           version: str) -> str:
    """Render in one of :data:`FORMATS`; the result ends with a newline unless empty."""
    try:
        renderer = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown CI format {fmt!r}; expected one of "
                         f"{', '.join(FORMATS)}") from None
    return renderer(annotations, rules, version)

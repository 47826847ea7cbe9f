"""The CI renderers of :mod:`silkterm.glossary.ci` (escaping, spans over lines, registry)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from silkterm.glossary.ci import (
    Annotation,
    Rule,
    github_line,
    render,
    render_sarif,
)

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "data" / "sarif"
                     / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
RULES = (Rule("r", "short", "help"),)


def test_github_escapes_properties_and_data():
    a = Annotation("a,b:c%.txt", 3, 2, 4, "r", "error", "50% done\nnext")
    assert github_line(a) == ("::error file=a%2Cb%3Ac%25.txt,line=3,col=2,endColumn=4,title=r::"
                              "50%25 done%0Anext")


def test_span_over_lines_and_unknown_place_are_valid_sarif():
    anns = [Annotation("dir with space/a.txt", 1, 10, 4, "r", "note", "m", end_line=2),
            Annotation("b.po", None, None, None, "r", "warning", "whole file")]
    doc = json.loads(render_sarif(anns, RULES, version="9"))
    assert list(jsonschema.Draft4Validator(SCHEMA).iter_errors(doc)) == []
    locs = [r["locations"][0]["physicalLocation"] for r in doc["runs"][0]["results"]]
    assert locs[0] == {"artifactLocation": {"uri": "dir%20with%20space/a.txt"},
                       "region": {"startLine": 1, "startColumn": 10, "endLine": 2, "endColumn": 4}}
    assert locs[1] == {"artifactLocation": {"uri": "b.po"}}
    assert github_line(anns[0]) == "::notice file=dir with space/a.txt,line=1,col=10,endLine=2,endColumn=4,title=r::m"


def test_render_registry():
    assert render("github", [], RULES, version="1") == ""
    with pytest.raises(ValueError, match="unknown CI format 'xml'"):
        render("xml", [], RULES, version="1")

"""tm/ imports its own modules and the glossary's at module level: a function-level import of
one of silkterm's modules in tm/ is there only to keep a heavy dependency (polib, lxml, the
matcher) out of what a command that does not need it loads, never to dodge an import cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: Modules that import nothing heavy: importing them inside a function only hides a cycle.
LIGHT = {"silkterm.tm.errors", "silkterm.tm.model", "silkterm.tm.export", "silkterm.tm.formats",
         "silkterm.tm.files", "silkterm.tm.csvio", "silkterm.tm.tmx", "silkterm.tm.qa",
         "silkterm.glossary", "silkterm.glossary.model", "silkterm.glossary.errors",
         "silkterm.glossary.textio"}


def _function_level_imports(path: Path) -> list[tuple[int, str, list[str]]]:
    found = []

    def visit(node: ast.AST, inside: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if inside and isinstance(child, ast.ImportFrom):
                module = child.module or ""
                if child.level:
                    module = ".".join(["silkterm", "tm"] + ([module] if module else []))
                if module.startswith("silkterm"):
                    found.append((child.lineno, module, [a.name for a in child.names]))
            visit(child, inside or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)))

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return found


@pytest.mark.parametrize("path", sorted((ROOT / "tm").glob("*.py")), ids=lambda p: p.name)
def test_no_function_level_import_of_a_light_module(path: Path):
    # silkterm.glossary is light itself; find_terms, which it loads on first use, is not
    hidden = [f"{path.name}:{line}: {module} {names}"
              for line, module, names in _function_level_imports(path)
              if module in LIGHT and not (module == "silkterm.glossary" and names == ["find_terms"])]
    assert not hidden

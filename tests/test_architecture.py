"""silkterm's import graph, built from the source: imports go one way and private names stay private.

Every import of one of silkterm's own modules counts — at module level, inside functions, and under
``if TYPE_CHECKING:`` — because each is a dependency a reader has to follow. The graph's nodes are the
modules (a package's ``__init__`` is a node of its own); an edge goes from a module to every module it
imports. The test fails on any cycle and on any use of another module's ``_private`` name.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {"glossary": "silkterm.glossary", "tm": "silkterm.tm", "cli": "silkterm.cli"}


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder, package in PACKAGES.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = [p for p in path.relative_to(ROOT / folder).with_suffix("").parts if p != "__init__"]
            found[".".join([package, *parts])] = path
    return found


MODULES = _modules()


@dataclass(frozen=True)
class Import:
    """One import in ``module`` (line ``line``) of ``target``, naming ``name`` in it (or None)."""

    module: str
    line: int
    target: str
    name: str | None
    in_function: bool


def _absolute(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if path.name != "__init__.py":
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(module: str, path: Path) -> list[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: list[Import] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                found.extend(Import(module, child.lineno, a.name, None, in_function)
                             for a in child.names if a.name.startswith("silkterm."))
            elif isinstance(child, ast.ImportFrom):
                target = _absolute(module, path, child)
                if target.startswith("silkterm."):
                    for a in child.names:
                        sub = f"{target}.{a.name}"
                        if sub in MODULES:
                            found.append(Import(module, child.lineno, sub, None, in_function))
                        else:
                            found.append(Import(module, child.lineno, target, a.name, in_function))
            visit(child, inner)

    visit(tree, False)
    return found


IMPORTS = {module: _imports(module, path) for module, path in MODULES.items()}


def _private_attributes(module: str, path: Path) -> list[tuple[int, str]]:
    """``alias._name`` where ``alias`` is one of our modules imported whole (``from . import apply``)."""
    aliases = {}
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for a in node.names:
                target = (a.name if isinstance(node, ast.Import)
                          else f"{_absolute(module, path, node)}.{a.name}")
                if target in MODULES and target != module:
                    # ``import silkterm.x.y`` binds the dotted path only with ``as``; ``from . import y``
                    # binds ``y``
                    if isinstance(node, ast.ImportFrom) or a.asname:
                        aliases[a.asname or a.name] = target
    used = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in aliases and _is_private(node.attr)):
            used.append((node.lineno, f"{aliases[node.value.id]}.{node.attr}"))
    return used


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {m: set() for m in MODULES}
    for module, imports in IMPORTS.items():
        for imp in imports:
            if imp.target in MODULES and imp.target != module:
                edges[module].add(imp.target)
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(sorted(component))
    return components


def test_the_graph_sees_every_package_and_its_imports() -> None:
    # a walker that missed modules or imports would pass every check below
    assert {"silkterm.glossary.model", "silkterm.tm.store", "silkterm.cli.main"} <= set(MODULES)
    edges = _edges()
    assert "silkterm.tm.store" in edges["silkterm.tm.search"]
    assert "silkterm.glossary.model" in edges["silkterm.glossary.apply"]
    assert any(m.startswith("silkterm.glossary") for m in edges["silkterm.cli.main"])


def test_the_walker_sees_imports_inside_functions_and_type_checking_blocks(tmp_path: Path) -> None:
    source = tmp_path / "example.py"
    source.write_text("from typing import TYPE_CHECKING\n"
                      "if TYPE_CHECKING:\n    from .model import Glossary\n"
                      "def f():\n    from .apply import _Lines\n    from silkterm.tm import store\n")
    found = [(i.target, i.name, i.in_function) for i in _imports("silkterm.glossary.example", source)]
    assert found == [("silkterm.glossary.model", "Glossary", False),
                     ("silkterm.glossary.apply", "_Lines", True),
                     ("silkterm.tm.store", None, True)]


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles() -> None:
    cycles = _cycles(_edges())
    described = []
    for cycle in cycles:
        members = set(cycle)
        links = [f"{imp.module}:{imp.line} -> {imp.target}"
                 for m in cycle for imp in IMPORTS[m] if imp.target in members and imp.target != m]
        described.append("{" + ", ".join(cycle) + "}\n    " + "\n    ".join(sorted(set(links))))
    assert not cycles, "import cycles:\n" + "\n".join(described)


def test_no_module_uses_another_modules_private_names() -> None:
    used = [f"{MODULES[imp.module].relative_to(ROOT)}:{imp.line}: {imp.target}.{imp.name}"
            for imps in IMPORTS.values() for imp in imps
            if imp.name and _is_private(imp.name) and imp.target != imp.module]
    for module, path in MODULES.items():
        used += [f"{path.relative_to(ROOT)}:{line}: {name}" for line, name in _private_attributes(module, path)]
    assert not used, "private names used across modules:\n" + "\n".join(used)


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith("silkterm.glossary")))
def test_glossary_imports_nothing_above_it(module: str) -> None:
    # glossary/ is the base of silkterm: tm/ and cli/ build on it, never the other way round
    upward = [f"{imp.line}: {imp.target}" for imp in IMPORTS[module]
              if imp.target.startswith(("silkterm.tm", "silkterm.cli"))]
    assert not upward


@pytest.mark.parametrize("module", sorted(m for m in MODULES if not m.startswith("silkterm.cli")))
def test_only_the_cli_imports_click(module: str) -> None:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert "click" not in names


# ---------------------------------------------------------------------------------------------
# the layers the README's "Architecture" section lists, in order


def _readme_layers() -> dict[str, int]:
    """Module name (or ``prefix.*``) -> layer number, from the README's numbered list."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Architecture\n", 1)[1].split("\n## ", 1)[0]
    layers: dict[str, int] = {}
    for number, body in re.findall(r"^(\d+)\. (.*?)(?=^\d+\. |^\S|\Z)", section, re.M | re.S):
        for name in re.findall(r"`((?:silkterm\.)?(?:glossary|tm|cli)(?:\.[\w*]+)*)`", body):
            layers.setdefault(name if name.startswith("silkterm.") else f"silkterm.{name}", int(number))
    return layers


LAYERS = _readme_layers()


def _layer(module: str) -> int | None:
    if module in LAYERS:
        return LAYERS[module]
    for name, layer in LAYERS.items():
        if name.endswith(".*") and (module == name[:-2] or module.startswith(name[:-1])):
            return layer
    return None


def test_the_readme_lists_layers():
    assert len(set(LAYERS.values())) >= 8 and LAYERS["silkterm.glossary.model"] == 1


def test_every_module_has_a_layer_in_the_readme():
    assert [m for m in MODULES if _layer(m) is None] == []


def test_imports_never_go_up_the_readmes_list_of_layers():
    upward = [f"{MODULES[imp.module].relative_to(ROOT)}:{imp.line}: {imp.module} (layer {_layer(imp.module)}) "
              f"imports {imp.target} (layer {_layer(imp.target)})"
              for imps in IMPORTS.values() for imp in imps
              if imp.target in MODULES and (_layer(imp.target) or 0) > (_layer(imp.module) or 0)]
    assert upward == []

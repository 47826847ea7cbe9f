"""Run the docstring examples of every silkterm module (the installed package, not the tree)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import silkterm.cli
import silkterm.glossary
import silkterm.tm

MODULES = sorted(
    name
    for package in (silkterm.glossary, silkterm.tm, silkterm.cli)
    for name in [package.__name__] + [m.name for m in pkgutil.walk_packages(package.__path__,
                                                                            package.__name__ + ".")]
    if not name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"


def test_every_module_has_examples_or_is_plumbing():
    with_examples = {n for n in MODULES
                     if doctest.DocTestFinder().find(importlib.import_module(n))
                     and any(t.examples for t in doctest.DocTestFinder().find(importlib.import_module(n)))}
    assert {"silkterm.glossary.matcher", "silkterm.glossary.apply", "silkterm.glossary.query",
            "silkterm.glossary.loader", "silkterm.glossary.translit"} <= with_examples

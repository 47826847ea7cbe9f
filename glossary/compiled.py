"""The compiled core: ``glossary/_cmatch.c``, the one C extension of silkterm, or None.

It holds the hot loops of normalising: the matcher's walk over a folded text
(:meth:`silkterm.glossary.matcher.Matcher.find`), folding a text (lower case, typography and
separator runs: :class:`silkterm.glossary.folding.Folded`), the masked copy of a text and its
runs of names, which the unseen-name search reads (``silkterm.glossary.recognise``), and the
places in a plain text where a URL, an e-mail or a tag may be (``silkterm.glossary.markup``),
and where the lines of a text start (``silkterm.glossary.lines``). ``pip install`` builds it where a C compiler is found;
where none is, the install goes on without it and each caller runs the same loop in Python,
giving the same results (``tests/glossary/test_cmatch.py`` checks both). Callers read
:data:`core` when they run, so a test can set it to None to run the Python loops.

>>> core is None or {"Trie", "collapse", "line_starts", "mask", "name_runs", "triggers"} <= set(dir(core))
True
"""

from __future__ import annotations

import importlib
from types import ModuleType


def _load() -> ModuleType | None:
    try:
        return importlib.import_module("silkterm.glossary._cmatch")
    except ImportError:  # not built: no C compiler at install
        return None


core: ModuleType | None = _load()
"""The extension module, or None where it was not built."""

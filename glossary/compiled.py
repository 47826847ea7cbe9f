"""The compiled core: ``glossary/_cmatch.c``, the one C extension of silkterm, or None.

It holds the hot loops of normalising: the matcher's walk over a folded text
(:meth:`silkterm.glossary.matcher.Matcher.find`), folding a text (lower case, typography and
separator runs: :class:`silkterm.glossary.folding.Folded`), the masked copy of a text and its
runs of names, which the unseen-name search reads, and the kept matches within a run
(``silkterm.glossary.recognise``), and the
places in a plain text where a URL, an e-mail or a tag may be (``silkterm.glossary.markup``),
and where the lines of a text start and how many line feeds it holds (``silkterm.glossary.lines``,
``silkterm.glossary.stream``), and whether the folded text
around a match holds a kept form of its concept, and the normalised text made in one copy
(``silkterm.glossary.apply``), and where a
kinship phrase may follow a possessive (``silkterm.glossary.kinship``); and it makes the frozen
dataclasses made by the thousand (:func:`maker`). ``pip install`` builds it where a C compiler is found;
where none is, the install goes on without it and each caller runs the same loop in Python,
giving the same results (``tests/glossary/test_cmatch.py`` checks both). Callers read
:data:`core` when they run, so a test can set it to None to run the Python loops.

>>> core is None or {"Maker", "Trie", "collapse", "folded_holds", "kin_places", "line_feeds", "line_starts", "mask", "name_runs", "spans_within", "splice", "triggers"} <= set(dir(core))
True
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType
from typing import Any, TypeVar, cast

T = TypeVar("T")


def _load() -> ModuleType | None:
    try:
        return importlib.import_module("silkterm.glossary._cmatch")
    except ImportError:  # not built: no C compiler at install
        return None


core: ModuleType | None = _load()
"""The extension module, or None where it was not built."""


_makers: dict[tuple[type, int], Callable[..., Any]] = {}


def maker(cls: type[T]) -> Callable[..., T]:
    """What makes an instance of ``cls``, a frozen dataclass with slots, from all its fields
    given in order by position: the compiled ``Maker`` (one allocation, the fields stored as
    they are, about 0.1 us for 17 fields), or ``cls`` itself where the core is not built (its
    ``__init__`` sets each field through ``object.__setattr__``: about 2 us). Both give equal
    instances (``tests/glossary/test_cmatch.py``). Only a class whose ``__init__`` does nothing
    else qualifies: every field in ``__init__``, no ``__post_init__``, the slots exactly the
    fields; any other is its own maker.

    >>> from silkterm.glossary.findings import Action, Finding, Status
    >>> make = maker(Finding)
    >>> args = (0, 6, 1, 1, "Horgos", "khorgos", "Khorgos", Action.REPLACE, "r", "Horgos", "en",
    ...         Status.DEPRECATED, None, "Khorgos", (), None, "")
    >>> make(*args) == Finding(*args)
    True
    """
    key = (cls, id(core))
    made = _makers.get(key)
    if made is None:
        import dataclasses  # (here: a lookup imports this module, and needs no maker)

        made = cls
        fields = dataclasses.fields(cast(Any, cls)) if dataclasses.is_dataclass(cls) else ()
        names = tuple(f.name for f in fields)
        params = getattr(cls, "__dataclass_params__", None)
        if (core is not None and names and params is not None and params.frozen
                and all(f.init for f in fields)
                and not hasattr(cls, "__post_init__")
                and tuple(getattr(cls, "__slots__", ())) == names):
            made = core.Maker(cls, names)
        _makers[key] = made
    return made

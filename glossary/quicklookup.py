"""``silkterm lookup`` of terms in the glossary of some files, from the cached lookup table
when it answers them (:func:`look_up`).

A lookup is what an editor types while writing, so its start-up counts: when the cache holds
the lookup table (:class:`~silkterm.glossary.lookuptable.LookupTable`) of the files as they are
now, and the table answers every term (:func:`~silkterm.glossary.query.lookup_in`), no glossary
file and no compiled glossary is read, and neither the glossary model nor pickle is imported.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .cache import read_lookup_table
from .query import LookupResult, lookup, lookup_in

if TYPE_CHECKING:
    from pathlib import Path

    from .lookuptable import LookupTable
    from .model import Glossary


def look_up(terms: Iterable[str], paths: Iterable[Path | str] = (), *,
            include_default: bool = True, limit: int = 5, glossary: Glossary | None = None
            ) -> tuple[list[LookupResult], LookupTable]:
    """:func:`lookup` of each of ``terms`` in the glossary
    :func:`~silkterm.glossary.loader.load_glossary` loads from ``paths`` and
    ``include_default``; and the glossary's lookup table (which describes each concept).

    When the cache holds the lookup table of those files as they are now and it answers every
    term (:func:`lookup_in`), nothing else is read: no glossary file, no compiled glossary.
    Otherwise the glossary is loaded (which caches its table for the next time). A caller that
    has loaded that glossary already (``silkterm lookup --explain`` needs it) gives it as
    ``glossary``: it is then used as it is, and nothing is read.

    >>> results, table = look_up(["Horgos"])
    >>> results[0].matches[0].canonical, table.concept_type("khorgos")
    ('Khorgos', 'place')
    """
    terms = list(terms)
    paths = list(paths)
    if glossary is None:
        table = read_lookup_table(paths, include_default=include_default)
        if table is not None:
            quick = [lookup_in(t, table, limit=limit) for t in terms]
            if all(r is not None for r in quick):
                return [r for r in quick if r is not None], table
        from .loader import (
            load_glossary,  # (the model, pickle, the compiled glossary: only here)
        )

        glossary = load_glossary(paths, include_default=include_default)
    from .index import index_of

    return [lookup(t, glossary, limit=limit) for t in terms], index_of(glossary).lookup

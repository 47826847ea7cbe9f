"""What a glossary file's ``extend:`` list adds to a concept defined elsewhere: :class:`Extension`.

A value of its own module, apart from the glossary's (:mod:`.model`): only reading glossary files
and ``collect``'s proposals make extensions, and each frozen dataclass the modules of
``silkterm lookup`` define adds to its start-up.

>>> from silkterm.glossary.model import Status, Variant
>>> e = Extension("khorgos", (Variant("Khorgas", status=Status.ADMITTED),))
>>> e.id, [v.form for v in e.variants], e.path
('khorgos', ['Khorgas'], None)
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Variant


@dataclass(frozen=True, slots=True)
class Extension:
    """Variants a glossary file adds to a concept defined elsewhere (its ``extend:`` list):
    a user glossary growing a built-in concept, or ``collect``'s new spellings of a known name."""

    id: str
    variants: tuple[Variant, ...]
    path: str | None = None
    line: int | None = None

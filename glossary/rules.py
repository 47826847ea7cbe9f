"""Transliteration and variant rules: how the spellings of a name arise, as a registry.

Each :class:`Rule` is named, belongs to a family, has a tier and derives spellings from a concept's
native forms (Hanzi, Kazakh or Russian Cyrillic):

- **exact** and **standard** rules (Hanyu Pinyin renderings, Wade-Giles, the official Kazakh Latin
  alphabets, BGN/PCGN, ICAO, simplified → traditional) generate *variants*: they match like listed
  forms, normalise to the house form, and remember the rule that made them;
- **loose** rules (a Kazakh or Russian name that went through Chinese and back; phonetic folds) only
  produce *candidates*, reported as scored suggestions (see :mod:`silkterm.glossary.recognise`).

>>> from silkterm.glossary import load_glossary
>>> g = load_glossary()
>>> [(d.form, d.rule) for d in derive(g["xian-xinghai"]) if d.family == "wade-giles"]
[('Hsien Hsing-hai', 'wade-giles'), ('Hsien Hsinghai', 'wade-giles')]
>>> transliterate("Қасым-Жомарт Тоқаев", "kk", "kk-latin-2021")
'Qasym-Jomart Toqaev'
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from .errors import GlossaryError
from .model import Concept, StrEnum
from .phonetic import loose_key
from .schemes import available_schemes, load_scheme
from .translit import (
    RENDERINGS,
    has_han,
    name_words,
    render_name,
    tagged_words,
    traditional_spellings,
    word_syllables,
)

NAME_TYPES = frozenset({"person", "place", "facility"})


class Tier(StrEnum):
    """How far a rule may be trusted: variants (exact, standard) or candidates only (loose)."""

    EXACT = "exact"
    STANDARD = "standard"
    LOOSE = "loose"


@dataclass(frozen=True, slots=True)
class Derivation:
    """A spelling a rule derived from a native form, and how."""

    form: str
    rule: str
    family: str
    tier: Tier
    source_lang: str
    explanation: str
    base: str | None = None  # the native variant derived from (None: the concept's house form)


@dataclass(frozen=True)
class Rule:
    """A named way spellings arise. ``derive`` maps a concept to ``(form, explanation)`` pairs.

    ``respelling``: the derived forms spell the house form's own name (Qorğas for Khorgos) and
    normalising rewrites them; otherwise they render a name the English house form translates
    (Renmin Ribao for People's Daily) and are kept, only annotated.
    """

    name: str
    family: str
    source_lang: str
    tier: Tier
    description: str
    derive: Callable[[Concept], Iterable[tuple[str, str] | tuple[str, str, str | None]]]
    respelling: bool = True

    def apply(self, concept: Concept) -> list[Derivation]:
        """The derivations of ``concept`` by this rule (none if it does not apply).

        ``derive`` yields ``(form, explanation)`` or ``(form, explanation, base)``, where ``base``
        is the native variant (a Kazakh or Russian alias or former name) the form comes from.
        """
        return [Derivation(got[0], self.name, self.family, self.tier, self.source_lang, got[1],
                           got[2] if len(got) > 2 else None)
                for got in self.derive(concept) if got[0]]


class RuleRegistry(Mapping[str, Rule]):
    """Rules by name, in registration order; ``select`` picks by name or family."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def register(self, rule: Rule) -> Rule:
        if rule.name in self._rules:
            raise ValueError(f"rule {rule.name!r} is registered already")
        self._rules[rule.name] = rule
        return rule

    def __getitem__(self, name: str) -> Rule:
        return self._rules[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    @property
    def families(self) -> list[str]:
        return list(dict.fromkeys(r.family for r in self._rules.values()))

    def select(self, names: Iterable[str]) -> set[str]:
        """Rule names meant by ``names`` (each a rule name or a family name)."""
        chosen: set[str] = set()
        for name in names:
            hits = {r.name for r in self._rules.values() if name in (r.name, r.family)}
            if not hits:
                raise GlossaryError(f"unknown rule or rule family {name!r}; known: "
                                    f"{', '.join(list(self._rules) + self.families)}")
            chosen |= hits
        return chosen


RULES = RuleRegistry()


# ---------------------------------------------------------------------------------------------
# Chinese → Latin


def plain_key(text: str) -> str:
    """Lower case without diacritics, spaces, hyphens or apostrophes (``Xi'an`` → ``xian``)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def chinese_origin(concept: Concept) -> bool:
    """True if the English house form is the pinyin of the Chinese form (Xi Jinping, Xi'an).

    Only then are pinyin and Wade-Giles spellings *variants*; the pinyin of a transliterated
    foreign name (托卡耶夫 → Tuokayefu) is a Chinese-path spelling, a loose candidate.
    """

    if not concept.zh or concept.type.value not in NAME_TYPES:
        return False
    words = name_words(concept.zh, concept.type.value)
    return bool(words) and loose_key(render_name(words, "plain"), shaanxi=False) == \
        loose_key(concept.en, shaanxi=False)


def _pinyin_rule(how: str, description: str) -> Rule:
    def derive(concept: Concept) -> Iterator[tuple[str, str]]:
        if chinese_origin(concept):
            assert concept.zh is not None
            yield render_name(name_words(concept.zh, concept.type.value), how), \
                f"Hanyu Pinyin ({how}) of {concept.zh}"

    return Rule(f"pinyin-{how}", "pinyin", "zh", Tier.EXACT, description, derive)


for _how, _what in (("marks", "with tone marks: Xiǎn Xīnghǎi"), ("numbers", "with tone numbers: Xian3 Xing1hai3"),
                    ("plain", "plain, apostrophe rule: Xi'an"),
                    ("no-apostrophe", "without the apostrophe: Huoerguosi"),
                    ("hyphenated", "syllables of a word hyphenated: Xian Xing-hai"),
                    ("spaced", "syllables spaced: Xian Xing Hai")):
    RULES.register(_pinyin_rule(_how, f"Hanyu Pinyin {_what}."))


def _u_variants(concept: Concept) -> Iterator[tuple[str, str]]:
    if not chinese_origin(concept):
        return
    assert concept.zh is not None
    plain = render_name(name_words(concept.zh, concept.type.value), "plain")
    if "ü" in plain.lower():
        for spelling, why in (("yu", "passport style"), ("v", "keyboard style")):
            out = plain.replace("ü", spelling).replace("Ü", spelling.upper())
            yield out, f"ü written {spelling} ({why}) in {plain}"


RULES.register(Rule("pinyin-u", "pinyin", "zh", Tier.STANDARD,
                    "ü written yu (passports: Lyu) or v (keyboards: Lv).", _u_variants))


def _wade_giles_words(words: list[list[tuple[str, int]]], fallback: bool = False) -> list[list[str]] | None:
    """Each word's syllables in Wade-Giles (lower case); ``None`` if a syllable is not in the
    table, unless ``fallback`` keeps such a syllable as it is."""
    table = _wade_giles_table()
    out = [[table.get(s, s if fallback else "") for s, _ in word] for word in words]
    return None if any(not p for word in out for p in word) else out


def _wade_giles_table() -> dict[str, str]:
    return load_scheme("wade-giles").table


def _capitalised(words: Iterable[str]) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in words)


def _wade_giles(concept: Concept) -> Iterator[tuple[str, str]]:
    if not chinese_origin(concept) or "wade-giles" not in available_schemes():
        return
    assert concept.zh is not None
    pieces = _wade_giles_words(name_words(concept.zh, concept.type.value))
    if pieces is None:
        return
    hyphened = _capitalised("-".join(w) for w in pieces)
    yield hyphened, f"Wade-Giles of {concept.zh}"
    joined = _capitalised("".join(w) for w in pieces)
    if concept.type.value == "person":
        yield joined, f"Wade-Giles of {concept.zh}, given name unhyphenated"
    bare = _strip_marks(hyphened)
    if bare != hyphened:
        yield bare, f"Wade-Giles of {concept.zh} without aspiration marks or umlauts"


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("'", "").replace("’", ""))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


RULES.register(Rule("wade-giles", "wade-giles", "zh", Tier.STANDARD,
                    "Wade-Giles (our own table, glossary/schemes/wade-giles.yaml): Hsien Hsing-hai, "
                    "Hsi-an; also without the given-name hyphen and without aspiration marks.",
                    _wade_giles))


def _name_words_pinyin(concept: Concept) -> Iterator[tuple[str, str]]:
    """Pinyin of names that are not person or place names (People's Daily: Rénmín Rìbào)."""
    if not concept.zh or not concept.pinyin or concept.type.value in NAME_TYPES:
        return
    if _strip_marks(concept.pinyin) != concept.pinyin:
        yield concept.pinyin, f"Hanyu Pinyin with tone marks of {concept.zh}"
    plain = _strip_marks(concept.pinyin.replace("'", "\x00")).replace("\x00", "'")
    yield plain, f"Hanyu Pinyin of {concept.zh}"


RULES.register(Rule("pinyin-words", "pinyin", "zh", Tier.STANDARD,
                    "Hanyu Pinyin, word by word, of organisation, work and term names (Rénmín "
                    "Rìbào, Renmin Ribao); kept, not rewritten.", _name_words_pinyin,
                    respelling=False))


def _wg_words(concept: Concept) -> Iterator[tuple[str, str]]:
    """Wade-Giles of the same names, syllables of a word hyphenated (Jen-min Jih-pao)."""

    if not concept.zh or concept.type.value in NAME_TYPES or "wade-giles" not in available_schemes():
        return
    pieces = _wade_giles_words([word_syllables(w) for w, _ in tagged_words(concept.zh)
                                if has_han(w)])
    if pieces:
        hyphened = ["-".join(w) for w in pieces]
        text = " ".join(hyphened) if concept.type.value == "term" else _capitalised(hyphened)
        yield text, f"Wade-Giles of {concept.zh}"


RULES.register(Rule("wade-giles-words", "wade-giles", "zh", Tier.STANDARD,
                    "Wade-Giles of organisation, work and term names, word by word (Jen-min Jih-pao); "
                    "kept, not rewritten.", _wg_words, respelling=False))


def _wg_exonym(concept: Concept) -> Iterator[tuple[str, str]]:
    """Wade-Giles of a place known in English by another name (中国 China: Chung-kuo)."""

    if not concept.zh or concept.type.value != "place" or chinese_origin(concept) \
            or "wade-giles" not in available_schemes():
        return
    pieces = _wade_giles_words(name_words(concept.zh, "place"))
    if pieces:
        yield _capitalised("-".join(w) for w in pieces), f"Wade-Giles of {concept.zh}"


RULES.register(Rule("wade-giles-exonym", "wade-giles", "zh", Tier.LOOSE,
                    "Wade-Giles of the Chinese name of a place English calls otherwise (Chung-kuo "
                    "for China, Wu-lu-mu-ch'i for Urumqi). Candidates only.", _wg_exonym))


def _traditional(concept: Concept) -> Iterator[tuple[str, str]]:
    """The traditional spellings of the Chinese variants, and the regional spellings of the house
    form other than its zh-Hant form (中國—中亞峯會 beside 中國—中亞峰會)."""
    sources = [v.form for v in concept.variants if v.lang == "zh"]
    for form in ([concept.zh] if concept.zh else []) + sources:
        for traditional, config in traditional_spellings(form):
            if traditional != form and traditional != concept.zh_hant:
                yield traditional, f"traditional script of {form} (OpenCC {config})"


RULES.register(Rule("traditional", "script", "zh", Tier.EXACT,
                    "Simplified → traditional characters, character level: OpenCC s2tw (Taiwan "
                    "standard, the zh-Hant house form), s2hk and s2t.", _traditional))


# ---------------------------------------------------------------------------------------------
# Kazakh and Russian Cyrillic → Latin


def _native(concept: Concept, lang: str) -> list[tuple[str, str | None]]:
    """The concept's forms in ``lang`` (kk or ru): the house form, then listed variants in that
    language (aliases, former names), each with the variant form as its base."""
    house = concept.kk if lang == "kk" else concept.ru
    out: list[tuple[str, str | None]] = [(house, None)] if house else []
    out += [(v.form, v.form) for v in concept.variants if v.lang == lang and v.rule is None]
    return out


def _table_rule(scheme: str, family: str, lang: str, description: str,
                via_russian: bool = False) -> Rule:
    def derive(concept: Concept) -> Iterator[tuple[str, str, str | None]]:
        if scheme not in available_schemes():
            return
        table = load_scheme(scheme)
        sources = _native(concept, lang)
        if lang == "ru" and not sources and via_russian and "kk-to-ru" in available_schemes():
            to_ru = load_scheme("kk-to-ru")
            for kk, base in _native(concept, "kk"):
                ru = to_ru.apply(kk)
                yield table.apply(ru), f"{scheme} of {ru} (Russian spelling of {kk})", base
            return
        for source, base in sources:
            yield table.apply(source), f"{scheme} of {source}", base

    return Rule(scheme, family, lang, Tier.STANDARD, description, derive)


for _scheme, _title in (("kk-latin-2021", "Kazakh Latin alphabet of 2021 (ä ğ ı ñ ö ş ü ū)"),
                        ("kk-latin-2018", "Kazakh Latin alphabet of 2018 (acute accents)"),
                        ("kk-latin-2017", "Kazakh Latin alphabet of 2017 (apostrophes)"),
                        ("kk-bgn-pcgn-1979", "BGN/PCGN 1979 romanization of Kazakh"),
                        ("kk-us-ascii", "US government ASCII romanization of Kazakh")):
    RULES.register(_table_rule(_scheme, "kk-latin", "kk", _title + "."))
RULES.register(_table_rule("ru-bgn-pcgn", "russian", "ru",
                           "BGN/PCGN romanization of the Russian form (or of the Kazakh form with the "
                           "usual Russian letter substitutions): Tokayev.", via_russian=True))
RULES.register(_table_rule("ru-icao", "russian", "ru",
                           "ICAO Doc 9303 (passport) romanization of the Russian form: Tokaev.",
                           via_russian=True))
for _scheme, _title in (("ru-de-duden", "German (Duden) transcription of the Russian form: Tokajew, Kasachstan"),
                        ("ru-hu", "Hungarian transcription of the Russian form: Tokajev, Kazahsztan"),
                        ("ru-scholarly", "Scholarly (ISO/R 9:1968) transliteration of the Russian form: Kapčagaj")):
    RULES.register(_table_rule(_scheme, "russian", "ru", _title + ".", via_russian=True))


# ---------------------------------------------------------------------------------------------
# Loose: names that went through Chinese and back


def _chinese_path(concept: Concept) -> Iterator[tuple[str, str]]:
    if concept.zh and concept.type.value in NAME_TYPES and not chinese_origin(concept):
        words = name_words(concept.zh, "place")  # a foreign name: one word per part
        yield render_name(words, "no-apostrophe"), f"pinyin of the Chinese transliteration {concept.zh}"


RULES.register(Rule("chinese-path", "chinese-path", "zh", Tier.LOOSE,
                    "A Kazakh or Russian name read back from its Chinese transliteration: r and l "
                    "merge, vowels reduce (博拉特·努尔加利耶夫 → Bolate Nuerjialiyefu; Borat "
                    "Nulgaliyev). Candidates only.", _chinese_path))


def derive(concept: Concept, *, tiers: Iterable[Tier] = tuple(Tier),
           exclude: Iterable[str] = ()) -> list[Derivation]:
    """Every spelling the registered rules derive for ``concept`` (duplicates removed)."""
    wanted = set(tiers)
    skip = RULES.select(exclude) if exclude else set()
    seen: set[str] = set()
    out: list[Derivation] = []
    for rule in RULES.values():
        if rule.tier not in wanted or rule.name in skip:
            continue
        for d in rule.apply(concept):
            if d.form not in seen:
                seen.add(d.form)
                out.append(d)
    return out


def transliterate(text: str, source_lang: str, scheme: str) -> str:
    """Transliterate free text: ``source_lang`` zh (schemes: pinyin renderings, wade-giles),
    kk or ru (a table name from :func:`silkterm.glossary.schemes.available_schemes`)."""
    if source_lang == "zh":
        return _transliterate_chinese(text, scheme)
    table = load_scheme(scheme)
    if table.source_lang != source_lang and not (source_lang == "kk" and table.source_lang == "ru"):
        raise GlossaryError(f"scheme {scheme!r} reads {table.source_lang}, not {source_lang}")
    if source_lang == "kk" and table.source_lang == "ru":
        text = load_scheme("kk-to-ru").apply(text)
    return table.apply(text)


def _transliterate_chinese(text: str, scheme: str) -> str:
    kind = "person" if len(text) <= 4 and "·" not in text else "place"
    words = name_words(text, kind)
    if scheme.startswith("pinyin-") and scheme[7:] in RENDERINGS:
        return render_name(words, scheme[7:])
    if scheme == "wade-giles":
        return _capitalised("-".join(w) for w in _wade_giles_words(words, fallback=True) or [])
    raise GlossaryError(f"unknown scheme {scheme!r} for Chinese; known: wade-giles, "
                        + ", ".join(f"pinyin-{r}" for r in RENDERINGS))


def schemes_for(source_lang: str) -> list[str]:
    """The schemes ``transliterate`` accepts for ``source_lang``."""

    if source_lang == "zh":
        return [f"pinyin-{r}" for r in RENDERINGS] + ["wade-giles"]
    names = [n for n in available_schemes()
             if n not in ("wade-giles", "kk-to-ru") and load_scheme(n).source_lang == source_lang]
    if source_lang == "kk":
        names += [n for n in available_schemes() if n.startswith("ru-")]
    return names

"""Names and terms an English text seems to use: the candidates ``collect`` clusters and proposes.

:func:`find_candidates_en` reads one text and returns, in text order, a :class:`Candidate` for each
proper-name run, acronym and quoted coinage, with the type its cues suggest:

>>> text = "Prime Minister Alikhan Smailov met KazMunayGas executives in Kyzylorda on Monday."
>>> [(c.form, c.type, c.cue) for c in find_candidates_en(text)]
[('Alikhan Smailov', 'person', 'title: Prime Minister'), ('KazMunayGas', None, None), \
('Kyzylorda', 'place', 'in X')]

How it reads a text, in one pass (linear in the text's length):

* **Tokens.** One regular expression finds the words (letters and digits, with inner apostrophes:
  ``O'Neill``, ``Qazaqstan's``). Words joined by a hyphen or dash without spaces form one unit
  (``Samruk-Kazyna``, ``Khorgos–Dongdamen``, ``al-Farabi``, ``COVID-19``); a lower-case part ends it
  (``Kazakhstan-based`` gives ``Kazakhstan``).
* **Runs.** Capitalised units (Unicode upper case: ``Ұлытау``, ``Öskemen``; CamelCase; all capitals)
  separated by spaces or one line break form a run; an initial or ``Mr.``/``Dr.``/``St.`` with its
  full stop continues it (``J. R. Smith``). Linking words join two capitalised units only inside a
  run: *of, for, on, de, du, des, del, da, di, la, van, von, der, den, bin, ibn, al, el*; *the* only
  after another linking word (``Bank of the Republic``); *&* always (``China Petroleum & Chemical
  Corporation``, ``Johnson & Johnson``; HTML's ``&amp;`` reads as ``&``, inside a word too:
  ``AT&amp;T`` is ``AT&T``); *and* only in a run that already has *of*,
  *for* or *on* (``Ministry of Trade and Integration``) or that joins one word to a part ending in a
  type word (``Belt and Road Initiative``), and never before *the* — so ``Kazakhstan and China`` and ``the
  Bank of China and the Bank of Astana`` stay two names each. A possessive ends a
  run and leaves the form (``Qazaqstan's`` → ``Qazaqstan``), except after *People*, *Women*,
  *Children*, *Workers* … (``People's Bank of China``). Months and weekdays, the pronoun *I*, and
  any other punctuation end a run.
* **Acronyms.** A unit of 2–6 capitals (digits and ``&`` allowed) is an acronym. ``Long Form (ACR)``
  and ``ACR (Long Form)`` pair when the acronym's capitals match the long form's initials loosely:
  in order, every capitalised word giving its first letter and perhaps letters from inside it,
  linking words giving theirs or not (``Eurasian Economic Union (EAEU)``, ``Bank of China (BOC)``).
* **Titles.** A run with a title (``Prime Minister``, ``Foreign Minister``, ``President``,
  ``Premier``, ``Chairman``, ``Mr``, ``Dr`` …, perhaps after a nationality adjective) followed by a
  name gives the name, type person, cue ``title: …``; what stands before the title is a run of its
  own (``Senate Speaker Maulen Ashimbayev`` → ``Senate``, ``Maulen Ashimbayev``). A title with *of*
  and a portfolio or a name ending in a type word is a title as a whole (``Minister of Transport``,
  ``Minister of Foreign Affairs``, ``Chairman of the Board``, ``Governor of the National Bank``,
  ``akim of Almaty Region``, a lower-case title included): the name after it is the candidate, the
  whole title its cue, and a complement ending in a type word is a name of its own (``National
  Bank``). A title alone is no name, nor is a title with its complement (``Minister of Foreign
  Affairs`` → nothing; ``President of Kazakhstan`` → ``Kazakhstan``).
* **Type cues**, strongest first: a title; a last word such as *Region, Oblast, River, Port*
  (place), *University, Bank, Corporation, Ministry, Railways* (organisation), *Forum, Summit,
  Expo, Games* (event) — ``suffix: Region``; such a word before *of/for/on* (``Bank of China``,
  ``Shaanxi University of Chinese Medicine``: ``head: University``) or ``Lake``/``Mount`` before a
  name (``head: Lake``); initials (``J. R. Smith``: person, ``initials``); a lower-case place word
  right after the run (``Pavlodar region``: ``suffix: region``); *in, at, from, near* right before
  it (place, weak: ``in X``).
* **Not names.** The first word of a sentence is marked ``sentence_initial``; leading words of a
  sentence that are common words (function words and frequent openers, :data:`COMMON_WORDS`) are
  dropped (``The Bank of China`` → ``Bank of China``; ``However`` → nothing), and so are capitalised
  prepositions anywhere (``In``, ``At``, ``From`` …); a capital that starts a sentence does not link
  (``Students of Nazarbayev University`` → ``Students``, ``Nazarbayev University``) unless it is a
  type word (``Bank of China``). Nationality and language adjectives, title words, type words
  (*Region*, *Bank*), peoples (``Kazakhs``), pronouns and determiners (``We``, ``This`` after a quotation mark), roman
  numerals, single letters and units are dropped when they stand alone (``Kazakh`` no, ``Kazakh
  Railways`` yes). Letters with full stops are one acronym (``U.S.``). What is left of a run longer
  than :data:`LONGEST_NAME` units (linking words included), or a unit of more dash-joined words,
  is no name either: a line of capitalised words without punctuation (a keyword list, a
  title-cased passage), whose capitals say nothing.
* **Headlines.** On a line that is its own paragraph (or a Markdown heading) and in Title Case or all
  capitals, capitals say nothing. There the finder keeps only runs with other evidence: the longest
  stretches of units that the rest of the text has as a candidate (compared case-insensitively; up
  to eight units), CamelCase words and, in a Title Case line, acronyms. They score lower.
* **Coinages.** One to five words (two letters at least) inside straight, curly or angle quotes, not
  ending in ``.!?,;:``,
  are a ``coinage`` (type term unless the last word is a type word), e.g. “new crown”; names inside
  the quotes are not reported apart.

Scores (0–100): 50 for a single unit, +15 with more than one, +10 for a CamelCase or hyphenated
unit, 55 for an acronym; a title makes it 90, a type word 85, initials 75, an expansion pair 95,
a lower-case place word after it adds 10, *in X* 5;
the start of a sentence and a headline each take 15 off. A coinage scores 60 in curly or angle
quotes and 50 in straight ones.

Offsets count code points; ``form`` is ``text[start:end]`` with its white space (line breaks
included) collapsed to single spaces (and ``&amp;`` read as ``&``), so a possessive and surrounding
quotes stay outside the span.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from silkterm.glossary.markup import overlaps
from silkterm.glossary.model import ConceptType

__all__ = ["COMMON_WORDS", "LONGEST_NAME", "Candidate", "clear_word_cache", "find_candidates_en"]


class Candidate(NamedTuple):
    """A name or term a text seems to use: where, as written, and why silkterm thinks so.

    ``form`` is the name as written, normalised for display (possessive 's, surrounding quotes and
    line breaks removed; never lower-cased); ``start``/``end`` are code-point offsets of the form's
    text in the input (end exclusive); ``kind`` is ``name``, ``acronym`` or ``coinage``; ``type`` a
    suggested :class:`~silkterm.glossary.model.ConceptType` value (person, place, organisation,
    event, term) or None, and ``cue`` what suggested it. A long form followed by its acronym carries
    it as ``abbreviation``; the acronym's own candidate carries the long form as ``expansion``.
    ``sentence_initial`` says the form's first word starts a sentence; ``score`` is a 0–100
    confidence.

    An immutable record (a named tuple: a text of news yields tens of thousands of candidates, and
    a named tuple is built four times faster than a frozen dataclass: 4% of collect's instructions
    on benchmarks/collect_speed.py's corpus).

    >>> Candidate("Pavlodar Region", 0, 15, "en", "name", "place", "suffix: Region").score
    50
    """

    form: str
    start: int
    end: int
    lang: str
    kind: str
    type: str | None
    cue: str | None
    abbreviation: str | None = None
    expansion: str | None = None
    sentence_initial: bool = False
    score: int = 50


# ---------------------------------------------------------------------------------------------
# Word lists (lower case). Each is a set the scanner looks words up in: no if-chains.

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


COMMON_WORDS = _words("""
a an the this that these those there here it its it's he she they we you i me him her them us our
ours their theirs his my mine your yours who whom whose which what whatever whoever whichever when
whenever where wherever why how and or but nor so yet for if then else than because since while
whereas although though unless until till after before during about above across against along amid
amidst among amongst around as at by despite down from in inside into like near of off on onto out
outside over per through throughout to toward towards under underneath unlike up upon via with
within without beyond behind below beneath beside besides between all any both each either every
few many more most much neither no none not nor some such several other others another only also
even just still already however meanwhile moreover furthermore therefore thus hence instead
nevertheless nonetheless otherwise indeed today yesterday tomorrow tonight now later earlier
recently currently previously finally first second third last next once again often sometimes
usually soon yes oh well please thank thanks let let's is are was were be been being have has had
do does did will would shall should can could may might must said says say see note read according
overall initially eventually perhaps maybe clearly notably importantly interestingly similarly
likewise additionally specifically particularly especially mostly mainly largely partly nearly
almost approximately roughly together apart altogether what's that's there's here's we're they're
you're he's she's i'm i've i'd i'll we've we'll they've don't doesn't didn't can't won't isn't
aren't wasn't weren't hasn't haven't wouldn't couldn't shouldn't officials experts analysts
residents authorities observers critics participants speakers sources reporters journalists
asked speaking addressing commenting following including given based asked unlike amid photo
image video source update updated related tags share total data figures plans work construction
trade exports imports investment investments traffic growth production output demand prices
revenue sales cooperation talks negotiations meetings agreements projects
""")

_FUNCTION_WORDS = _words("""
a an the this that these those it its it's he she they we you me him her them us our their his my
your who what there here i'm i've i'd i'll we're we've they're you're he's she's that's there's
""")  # capitalised in the middle of a sentence they start a quotation or a clause: never a name

_MONTHS_DAYS = _words("""
january february march april may june july august september october november december sept
jan feb mar apr jun jul aug sep oct nov dec
monday tuesday wednesday thursday friday saturday sunday
""")

NATIONALITIES = _words("""
kazakh kazakhstani chinese russian kyrgyz kirghiz uzbek tajik turkmen uyghur uighur dungan mongolian
afghan iranian persian turkish azerbaijani georgian armenian belarusian ukrainian american british
english french german italian spanish japanese korean indian pakistani european asian arab arabic
soviet sino mandarin cantonese latin cyrillic tatar bashkir karakalpak polish czech hungarian
austrian swiss dutch belgian swedish norwegian danish finnish canadian australian israeli saudi
emirati qatari egyptian turkic slavic hebrew hindi urdu dari pashto
""")

_TITLE_HEADS = _words("""
president minister premier chairman chairwoman chairperson chair mr mrs ms miss dr prof professor
ambassador governor mayor akim senator speaker secretary secretary-general king queen prince
princess emir sheikh chancellor director envoy spokesman spokeswoman spokesperson commissioner
consul councillor vice-president vice-premier vice-chairman
""")

_TITLE_MODIFIERS = _words("""
prime vice deputy first foreign acting state general trade finance energy defence defense interior
economy agriculture transport education health justice culture ecology industry digital emergency
labour labor national executive
""")

# what a title's complement ends with ("Minister of Transport", "Minister of Foreign Affairs", "Chairman
# of the Board"); a complement that ends in a type word is a name too ("Governor of the National Bank")
_PORTFOLIO_WORDS = _words("""
transport energy finance economy agriculture education health justice culture ecology industry defence
defense interior trade labour labor affairs board directors development resources infrastructure
integration innovation innovations protection security science sport sports information tourism
communications communication situations policy environment welfare investment investments
""")

_PLACE_WORDS = _words("""
region province city county district oblast river lake mountains mountain port station airport
valley sea gulf bay island islands desert basin pass prefecture village town street square
avenue boulevard highway corridor peninsula plateau steppe reservoir canal park crossing republic kingdom
emirate palace tower zone ocean
""")

_ORG_WORDS = _words("""
university bank company corporation corp group fund ministry committee organisation organization
union railways railway agency institute academy council association party authority commission
service department administration holding holdings exchange court parliament assembly senate
mazhilis foundation society federation airlines airways inc ltd llp jsc plc club school college
office bureau government cabinet centre center alliance museum theatre theater library hospital
embassy consulate nations
""")

_EVENT_WORDS = _words("""
forum summit expo games olympics conference congress festival exhibition championship
championships cup fair olympiad dialogue week meeting
""")

_TYPE_WORDS: dict[str, str] = {
    **{w: ConceptType.PLACE.value for w in _PLACE_WORDS},
    **{w: ConceptType.ORGANISATION.value for w in _ORG_WORDS},
    **{w: ConceptType.EVENT.value for w in _EVENT_WORDS},
}
_AND_LICENSING_WORDS = _TYPE_WORDS.keys() | {"initiative", "programme", "program", "strategy", "plan"}
_PLACE_HEADS = _words("lake mount mt cape")
_HEADS_BEFORE_FOR_ON = _AND_LICENSING_WORDS | _words("treaty convention")
_COMPLEMENT_ENDS = _TYPE_WORDS.keys() | _PORTFOLIO_WORDS

_LINKERS = _words("of the and & for on de du des del da di la van von der den bin ibn al el")
_LICENSING_LINKERS = _words("of for on")
_TYPE_HEAD_LINKERS = _words("for on")  # only after a type word: "Agency for …", "Conference on …"
_DASH_PREFIXES = _words("al el ad ud ul ar as ash at az an")
_POSSESSIVE_PARTS = _words("people women children men workers farmers veterans youth nations")
_ABBREVIATIONS = _words("Mr Mrs Ms Dr St Mt Prof Gen Sen Rep Gov Lt Col Capt Sgt Jr Sr")
_PREPOSITIONS = _words("in at from near")
_LINKING_CAPITALS = _words("in at from near on of and for to by with")  # never start a name
_UNITS = _words("""
km kg MW GW kW kWh MWh GWh TWh TEU Hz MHz GHz GB MB TB KB Mbps Gbps ppm USD EUR CNY KZT RUB GBP JPY
AM PM GMT UTC BC AD BCE CE
""")
_SMALL_TITLE_CASE = _words("a an the and or but nor of in on at to for by with from as vs via into over per")

_ROMAN = re.compile(r"(?=[IVXL])(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_SENTENCE_END = frozenset(".!?…")
_LINE_MARKERS = frozenset("#-*•>+")
_OPENING_QUOTES = frozenset("\"'“‘«„")
_QUOTES = "\"'“‘«„"  # the characters that open a quotation
_CLOSERS = {'"': '"', "'": "'", "“": "”", "‘": "’", "«": "»", "„": "“”"}
_OPEN_AFTER = frozenset(" \t\r\n\u00a0([{—–-/")
_LONGEST_COINAGE = 160


# ---------------------------------------------------------------------------------------------
# Units: a capitalised word, or words joined by dashes, or one of the lower-case words the scanner
# needs (linking words, prepositions, place words); every other word is left to the regex.

def _char_class(test: Callable[[str], bool]) -> str:
    """A regex character class body with every BMP character that passes ``test``, as ranges."""
    ranges: list[str] = []
    start = -1
    for cp in range(0x10001):
        inside = cp < 0x10000 and test(chr(cp))
        if inside and start < 0:
            start = cp
        elif not inside and start >= 0:
            ranges.append(re.escape(chr(start)) if start == cp - 1
                          else f"{re.escape(chr(start))}-{re.escape(chr(cp - 1))}")
            start = -1
    return "".join(ranges)


_Trie = dict[str, "_Trie"]  # a letter and the words' rest after it ("" for the end of a word)


def _trie(words: Iterable[str]) -> _Trie:
    """``words`` as a trie: a letter and the rest of the words after it ("" ends a word)."""
    tree: _Trie = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return tree


def _alternation(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, as a trie: one branch per first letter, then per second
    letter and so on (the regex engine tries the branches of an alternation one by one; a trie
    tries a handful at each word instead of every word). Longer words are tried first.

    >>> _alternation(["of", "on", "de", "del", "des"])
    '(?:d(?:e(?:[ls])?)|o[fn])'
    """

    def pattern(node: _Trie) -> str:
        branches = [(ch, node[ch]) for ch in sorted(k for k in node if k)]
        if not branches:
            return ""
        if all(not child.keys() - {""} and "" in child for _, child in branches) and len(branches) > 1:
            body = "[" + "".join(re.escape(ch) for ch, _ in branches) + "]"  # single letters
        else:
            body = "(?:" + "|".join(re.escape(ch) + pattern(child) for ch, child in branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(_trie(words))


_UPPER = _char_class(str.isupper)
_NOT_UPPER = rf"(?![{_UPPER}])[^\W\d_]"  # a letter in lower case (or of a script without case)
_DASH = "[-\u2010-\u2015]"
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015")
_AMP = r"&(?:amp;|#0*38;|#[xX]0*26;)?"  # "&" as written, or as HTML writes it (Chemical &amp; Co)
_AMP_ENTITY = re.compile(r"&(?:amp;|#0*38;|#[xX]0*26;)")
# A capitalised word: a capital, then letters and digits, combining marks, and apostrophes or "&"
# before a letter. (The patterns are written so that Python's regex engine runs its fast paths: a
# plain character class repeated; alternatives that each start with a character or a class; a
# search that skips ASCII letters and digits. They find the same tokens as the plain spelling of
# these rules, which tests/glossary/test_candidates.py keeps as the oracle.)
_CAP_TAIL = rf"[^\W_]*(?:(?:[\u0300-\u036f]|(?:['’]|{_AMP})(?=[^\W_]))[^\W_]*)*"
_CAP_WORD = rf"[{_UPPER}]{_CAP_TAIL}"
_PREFIX = _alternation(_DASH_PREFIXES)
# a name: capitalised words joined by dashes (a number may follow a dash), perhaps after a prefix
# and a dash (al-Farabi) or a letter and an apostrophe (d'Estaing)
_NAME = (rf"(?:[{_UPPER}]{_CAP_TAIL}|{_PREFIX}{_DASH}(?=[{_UPPER}]){_CAP_WORD}"
         rf"|[^\W\d_]['’](?=[{_UPPER}]){_CAP_WORD})(?:{_DASH}(?:{_CAP_WORD}|\d+(?![^\W_])))*")
_WORD_START = r"(?<![^\W_])(?<![^\W_]['’])"
# a character, then the place after it is a word start: the character is no letter or digit (an
# ASCII one is skipped without a look at the Unicode tables), nor an apostrophe after one
_AFTER_SEPARATOR = r"[^0-9A-Za-z](?<![^\x00-\x7f\W])(?<![^\x00-\x7f\W]['’]|[0-9A-Za-z]['’])"
_WORD_END = r"(?![^\W_])"


# Lower-case words are tokens only where the scanner can use them: a linking word before a capital
# (perhaps after "the"), "the" after "of" and before a capital, a preposition before a capital, a
# place word after a word, a title before "of" and a capital ("akim of Almaty Region"). Every other
# word is skipped by the regex itself.
_NAME_AHEAD = rf"(?=\s+(?:[{_UPPER}]|(?:{_PREFIX}){_DASH}[{_UPPER}]|[^\W\d_]['’][{_UPPER}]))"
_LINK_AHEAD = _NAME_AHEAD.replace(r"(?=\s+", r"(?=\s+(?:the\s+)?", 1)


def _low_words() -> str:
    """The pattern of the lower-case tokens: one trie of all the words (longer words first, as in
    :func:`_alternation`), each word followed by the conditions under which it is a token (any of
    them), then "&" before a name."""
    conditions: dict[str, list[str]] = {}
    for words, condition in (
            (_LINKERS - {"the", "&"}, _WORD_END + _LINK_AHEAD),
            ({"the"}, rf"(?<=of\sthe){_WORD_END}{_NAME_AHEAD}"),
            (_PREPOSITIONS, _WORD_END + _NAME_AHEAD),
            (_PLACE_WORDS, ""),  # after a word and a space
            (_TITLE_HEADS, rf"{_WORD_END}(?=\s+of\s+(?:the\s+)?[{_UPPER}])")):
        for word in sorted(words):
            conditions.setdefault(word, []).append(
                condition or rf"(?<=[^\W_]\s{re.escape(word)}){_WORD_END}")

    def pattern(node: _Trie, word: str) -> str:
        branches = [re.escape(ch) + pattern(node[ch], word + ch) for ch in sorted(k for k in node if k)]
        if "" in node:
            ends = conditions[word]
            branches.append(ends[0] if len(ends) == 1 else "(?:" + "|".join(ends) + ")")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return f"{pattern(_trie(conditions), '')}|{_AMP}{_LINK_AHEAD}"


_TOKEN_BODY = rf"(?:(?P<name>{_NAME})|(?P<low>{_low_words()}))"
_TOKEN_AT = re.compile(_WORD_START + _TOKEN_BODY)  # a token here
_TOKEN_NEXT = re.compile(_AFTER_SEPARATOR + _TOKEN_BODY)  # a token after the next separator
_CAMEL = re.compile(rf"{_NOT_UPPER}[{_UPPER}]")
_DASH_SPLIT = re.compile(_DASH)
_WORD = re.compile(r"[^\W_](?:[^\W_]|[\u0300-\u036f]|['’&](?=[^\W_]))*")
_LOWER_CONTENT = re.compile(rf"{_WORD_START}(?!(?:{_alternation(_SMALL_TITLE_CASE)})(?![^\W_])){_NOT_UPPER}")


class _WordFacts(NamedTuple):
    """What the scanner asks of a word as the regex matched it, whatever its place. A text's units
    are these facts, shared by every occurrence of the word, with the unit's place kept apart
    (:attr:`_Text.starts`, :attr:`_Text.ends`, :attr:`_Text.lines`): no object per occurrence."""

    text: str         # the word as written, a possessive 's removed, "&amp;" read as "&"
    low: str          # text.casefold()
    last_word: str    # the unit's last dash-joined word as written
    last_low: str     # last_word.casefold()
    cap: bool         # starts like a name: upper case, or a name prefix (al-Farabi, d'Estaing)
    possessive: bool  # was followed by 's
    joined: bool      # several words joined by dashes
    may_dot: bool     # an initial or an abbreviation: a full stop after it belongs to it
    link: bool        # a linking word (of, the, and, &, de …) in lower case
    title_word: bool  # a title, a title's modifier or a nationality (President, Deputy, Kazakh)
    alone: bool       # may be a name standing alone, as far as the word itself tells (keep_alone)
    acronym: bool     # _acronym(text)
    camel: bool       # _camel(text)
    name_word: bool   # may be a word of a name: capitalised, not a month or weekday, not "I"
    plain_word: bool  # capitalised, not a title word, no possessive (see _Finder.plain)


@lru_cache(maxsize=1 << 16)
def _word_facts(name: str) -> _WordFacts:
    """The facts of the capitalised word ``name`` (a match of the ``name`` group of the tokens)."""
    possessive = len(name) > 2 and name[-2] in "'’" and name[-1] in "sS"
    if possessive:
        name = name[:-2]
    if "&" in name:
        name = _AMP_ENTITY.sub("&", name)  # "AT&amp;T" in HTML is AT&T
    joined = not _DASHES.isdisjoint(name)
    last_word = _DASH_SPLIT.split(name)[-1] if joined else name
    may_dot = not joined and ((len(name) == 1 and name.isupper()) or name in _ABBREVIATIONS)
    low = name.casefold().replace("’", "'")
    return _WordFacts(name, low, last_word, last_word.casefold(), True, possessive, joined, may_dot, False,
                      _title_word(low),
                      _alone(name, low, joined), _acronym(name), _camel(name),
                      low not in _MONTHS_DAYS and name != "I", not possessive and not _title_word(low))


@lru_cache(maxsize=256)
def _low_facts(low: str) -> _WordFacts:
    """The facts of a lower-case token (a match of the ``low`` group: "of", "&amp;", "region", "akim")."""
    if low[0] == "&":
        low = "&"
    return _WordFacts(low, low, low, low.casefold(), False, False, False, False, low in _LINKERS,
                      _title_word(low),
                      _alone(low, low, False), False, False, False, False)


def clear_word_cache() -> None:
    """Empty the cache of per-word facts (as in a fresh process; for benchmarks)."""
    _word_facts.cache_clear()
    _low_facts.cache_clear()


def _title_word(low: str) -> bool:
    return low in _TITLE_HEADS or low in _TITLE_MODIFIERS or low in NATIONALITIES


def _alone(text: str, low: str, joined: bool) -> bool:
    """Whether a word may be a name standing alone, as far as the word itself tells: not a function
    word, type word, title word, nationality, people, single letter, unit or roman numeral."""
    if low in _FUNCTION_WORDS:
        return False
    if low in _TYPE_WORDS or low in _TITLE_HEADS or low in _TITLE_MODIFIERS or low in NATIONALITIES:
        return False
    if low[-1:] == "s" and low[:-1] in NATIONALITIES:
        return False  # a people: Kazakhs, Uzbeks
    if joined and all(part.casefold() in NATIONALITIES for part in _DASH_SPLIT.split(text)):
        return False
    return not (len(text) == 1 or text in _UNITS or _ROMAN.fullmatch(text))


def _acronym(text: str) -> bool:
    """2–6 capitals, digits and ``&`` allowed, perhaps a plural s.

    >>> [_acronym(w) for w in ("CNPC", "S&P", "NGOs", "CO2", "G20", "ASTANAKZ", "Kazakhstan")]
    [True, True, True, True, False, False, False]
    """
    body = text[:-1] if len(text) > 2 and text[-1] == "s" else text
    if not body.isupper() or len(body) > 8:
        return False
    capitals = sum(1 for c in body if c.isupper())
    return 2 <= capitals <= 6 and _DASHES.isdisjoint(body)


def _camel(text: str) -> bool:
    """Whether a capital follows a lower-case letter: ``KazMunayGas``.

    >>> _camel("KazMunayGas"), _camel("Kazakhstan"), _camel("CNPC")
    (True, False, False)
    """
    return _CAMEL.search(text) is not None


def _collapse(text: str) -> str:
    """``text`` with its white space collapsed to single spaces and an HTML ``&amp;`` read as ``&``."""
    if "&" in text:
        text = _AMP_ENTITY.sub("&", text)
    return " ".join(text.split())


def _starts_sentence(text: str, at: int) -> bool:
    """Whether the word at ``at`` starts a sentence: the text's first word, or the first after a
    full stop (not one closing an initial or an abbreviation), ``!``, ``?``, a blank line, a line
    break before a list or heading marker, or a colon or comma and an opening quote.

    >>> [_starts_sentence(t, t.index("Smith")) for t in ("Smith", "said. Smith", "N. Smith",
    ...  "Dr. Smith", "on\\nSmith", "on\\n\\nSmith", "on\\n- Smith", "on, Smith", 'said: "Smith')]
    [True, True, False, False, False, True, True, False, True]
    """
    if at >= 2 and text[at - 1] == " ":
        before = text[at - 2]
        if before.isalnum() or (before == "," and at >= 3 and text[at - 3].isalnum()):
            return False  # the common cases ("said Smith", "Astana, Smith"), decided without the walk below
    k = at - 1
    while k >= 0 and not text[k].isalnum() and text[k] not in _SENTENCE_END:
        k -= 1
    if k < 0:
        return True
    if text[k] not in _SENTENCE_END:
        gap = text[k + 1:at]
        if gap.rstrip()[-1:] in _OPENING_QUOTES and (":" in gap or "," in gap):
            return True  # said: "We …
        if "\n" not in gap:
            return False
        lines = gap.split("\n")
        return any(not part.strip() for part in lines[1:-1]) or lines[-1].lstrip()[:1] in _LINE_MARKERS
    if text[k] != ".":
        return True
    j = k - 1
    while j >= 0 and k - j <= 5 and text[j].isalnum():
        j -= 1
    word = text[j + 1:k]
    if j >= 0 and text[j].isalnum():
        return True  # a longer word
    return not (len(word) == 1 and word.isalpha() or word in _ABBREVIATIONS)


class _Text:
    """One text's units (in text order): each unit's word facts (:attr:`units`), span (a possessive
    's excluded) and line, in parallel lists; its sentence starts when first asked."""

    def __init__(self, text: str, protected: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.protected = protected
        units: list[_WordFacts] = []
        starts: list[int] = []
        ends: list[int] = []
        lines: list[int] = []
        unit_protected: list[bool] = []
        add_unit, add_start, add_end, add_line = units.append, starts.append, ends.append, lines.append
        line = 0
        previous = 0
        count = text.count
        word_facts, low_facts = _word_facts, _low_facts  # (cached: worked out once per distinct word)
        at, search = _TOKEN_AT.match, _TOKEN_NEXT.search
        m = at(text, 0)
        while True:
            if m is None:  # the next token starts after a separator (the common case) …
                m = search(text, previous)
                if m is None:
                    break
                s, end = m.span()
                s += 1
            else:  # … or where the token before ended, after no letter or digit
                s, end = m.span()
            line += count("\n", previous, s)  # (tokens hold no line break)
            name, low = m.groups()
            facts = low_facts(low) if name is None else word_facts(name)
            add_unit(facts)
            add_start(s)
            add_end(end - 2 if facts[5] else end)  # (a possessive's 's left out)
            add_line(line)
            if protected:
                unit_protected.append(overlaps(protected, s, end))
            previous = end
            m = None if text[end - 1].isalnum() else at(text, end)
        self.units = units
        self.starts = starts
        self.ends = ends
        self.lines = lines
        self.unit_protected = unit_protected or [False] * len(units)

    def initial(self, k: int) -> bool:
        """Whether unit ``k``'s first word starts a sentence."""
        return _starts_sentence(self.text, self.starts[k])

    def gap(self, k: int) -> str:
        """The text between unit ``k - 1`` and unit ``k`` (a possessive included)."""
        return self.text[self.ends[k - 1]:self.starts[k]]

    def joinable(self, k: int) -> bool:
        """Whether unit ``k`` may continue a run that ends with unit ``k - 1``: only white space
        with at most one line break between them (after an initial's or abbreviation's full stop,
        or after *People's*)."""
        prev = self.units[k - 1]
        gap = self.gap(k)
        if prev.possessive:
            if prev.low not in _POSSESSIVE_PARTS:
                return False
            gap = gap[2:]
        if prev.may_dot and not prev.possessive and gap.startswith("."):  # (see dot_after)
            gap = gap[1:]
        return not gap.strip() and gap.count("\n") <= 1

    def dot_after(self, k: int) -> bool:
        """Whether unit ``k`` is an initial or an abbreviation followed by a full stop."""
        return self.units[k].may_dot and self.text[self.ends[k]:self.ends[k] + 1] == "."

    def whitespace_before(self, k: int) -> bool:
        """Whether only white space (at most one line break) separates unit ``k`` from the unit before."""
        if k == 0 or self.units[k - 1].possessive:
            return False
        gap = self.gap(k)
        return bool(gap) and not gap.strip() and gap.count("\n") <= 1

    def headlines(self) -> dict[int, str]:
        """The lines whose capitals say nothing, numbered as :attr:`lines`: ``title`` or ``caps``.

        A headline line is its own paragraph (blank or no line before and after it) or a Markdown
        heading, has at least three words besides the small words of Title Case, and has no word
        starting in lower case besides those (``title``), or all its words of two letters or more
        in capitals (``caps``).
        """
        text = self.text
        found: dict[int, str] = {}
        size = len(text)
        line = lo = 0
        while lo < size:  # line by line (a paragraph of news is one line: far fewer lines than units)
            hi = text.find("\n", lo)
            hi = size if hi == -1 else hi
            kind = _headline(text, lo, hi) if hi > lo else None
            if kind is not None and self._has_capital_on(line):
                found[line] = kind
            line += 1
            lo = hi + 1
        return found

    def _has_capital_on(self, line: int) -> bool:
        """Whether a capitalised unit stands on ``line``."""
        k = bisect.bisect_left(self.lines, line)
        while k < len(self.lines) and self.lines[k] == line:
            if self.units[k].cap:
                return True
            k += 1
        return False


def _headline(text: str, lo: int, hi: int) -> str | None:
    """What the line ``text[lo:hi]`` is as a headline (see :meth:`_Text.headlines`), or None."""
    heading = text[lo:hi].lstrip(" \t\u00a0").startswith("#")
    if not heading and not (_blank_neighbour(text, lo, before=True) and _blank_neighbour(text, hi, before=False)):
        return None
    if _LOWER_CONTENT.search(text, lo, hi):
        return None
    words = [w for w in _WORD.findall(text, lo, hi) if any(c.isalpha() for c in w)]
    if sum(1 for w in words if w.casefold() not in _SMALL_TITLE_CASE) < 3:
        return None
    caps = all(w.isupper() for w in words if sum(c.isalpha() for c in w) > 1)
    return "caps" if caps else "title"


def _blank_neighbour(text: str, at: int, *, before: bool) -> bool:
    """Whether the line before (or after) the line boundary ``at`` is blank or missing."""
    if before:
        if at == 0:
            return True
        lo = text.rfind("\n", 0, at - 1) + 1
        return not text[lo:at - 1].strip()
    if at >= len(text):
        return True
    hi = text.find("\n", at + 1)
    return not text[at + 1:len(text) if hi == -1 else hi].strip()





def _letters(unit: _WordFacts) -> str:
    return "".join(c for c in unit.low if c.isalpha())


def _initials_match(letters: str, words: Sequence[tuple[str, bool]]) -> bool:
    """Whether ``letters`` (an acronym, lower case) abbreviates ``words`` (letters, is-linking-word).

    Each word that is not a linking word gives its first letter and perhaps more letters from inside
    it, in order; a linking word gives its first letter or nothing.

    >>> _initials_match("eaeu", [("eurasian", False), ("economic", False), ("union", False)])
    True
    >>> _initials_match("boc", [("bank", False), ("of", True), ("china", False)])
    True
    >>> _initials_match("sco", [("economic", False), ("union", False)])
    False
    """
    memo: dict[tuple[int, int], bool] = {}

    def match(i: int, j: int) -> bool:
        if j == len(words):
            return i == len(letters)
        if (i, j) in memo:
            return memo[i, j]
        word, linking = words[j]
        ok = False
        if linking:
            ok = match(i, j + 1) or (i < len(letters) and word[:1] == letters[i] and match(i + 1, j + 1))
        elif i < len(letters) and word[:1] == letters[i]:
            i2, pos = i + 1, 1
            ok = match(i2, j + 1)
            while not ok and i2 < len(letters):
                pos = word.find(letters[i2], pos)
                if pos < 0:
                    break
                pos, i2 = pos + 1, i2 + 1
                ok = match(i2, j + 1)
        memo[i, j] = ok
        return ok

    return match(0, 0)


_LONGEST_EXPANSION = 16  # units a long form may have
LONGEST_NAME = 24  # units a name may have (the longest of the seeds and the evaluation corpus: 12)


class _Finder:
    """The candidates of one :class:`_Text`."""

    def __init__(self, t: _Text) -> None:
        self.t = t
        self.units = t.units
        self.out: list[Candidate] = []

    # -- runs -----------------------------------------------------------------------------------

    def runs(self, skip_lines: dict[int, str]) -> list[tuple[int, int]]:
        """Maximal runs ``(first, last)`` of units (inclusive) outside ``skip_lines``."""
        t, units, text = self.t, self.units, self.t.text
        starts, ends, lines = t.starts, t.ends, t.lines
        protected = t.unit_protected if t.protected else None
        runs: list[tuple[int, int]] = []
        first = -1
        last = -1
        pending = 0
        for k, u in enumerate(units):
            if (protected is not None and protected[k]) or (skip_lines and lines[k] in skip_lines):
                pass
            elif u.name_word:
                if first >= 0 and last + pending == k - 1 and (
                        (text[ends[k - 1]:starts[k]] == " " and not units[k - 1].possessive)
                        or t.joinable(k)):  # one space: joinable, decided without the call
                    last = k
                    pending = 0
                    continue
                if first >= 0:
                    runs.append((first, last))
                first = last = k
                pending = 0
                continue
            elif (first >= 0 and u.link and pending < 2 and last + pending == k - 1 and self.may_link(last, pending, u)
                  and ((text[ends[k - 1]:starts[k]] == " " and not units[k - 1].possessive) or t.joinable(k))):
                pending += 1
                continue
            elif not u.cap and u.low in _TITLE_HEADS:  # "akim of Almaty Region …" starts a run
                if first >= 0:
                    runs.append((first, last))
                first = last = k
                pending = 0
                continue
            if first >= 0:
                runs.append((first, last))
            first = last = -1
            pending = 0
        if first >= 0:
            runs.append((first, last))
        return runs

    def may_link(self, last: int, pending: int, u: _WordFacts) -> bool:
        """Whether linking word ``u`` may follow unit ``last`` and ``pending`` linking words."""
        if u.low == "the":
            return pending == 1 and self.units[last + 1].low == "of"
        if u.low in _TYPE_HEAD_LINKERS:
            return not pending and self.units[last].last_low in _HEADS_BEFORE_FOR_ON
        return True

    def expansion(self, run: tuple[int, int], acronym: int) -> int | None:
        """The first unit of the longest end of ``run`` that ``acronym`` abbreviates, or None."""
        letters = "".join(c.lower() for c in self.units[acronym].text if c.isupper())
        if len(letters) < 2:
            return None
        a, b = run
        offset = max(a, b - _LONGEST_EXPANSION)
        words = [(_letters(self.units[k]), self.units[k].link) for k in range(offset, b + 1)]
        for s in range(len(words)):
            if not words[s][1] and words[s][0] and _initials_match(letters, words[s:]):
                return offset + s
        return None

    def process(self, runs: list[tuple[int, int]]) -> None:
        """Turn raw runs into candidates: expansion pairs first, then each run on its own."""
        t, units, text = self.t, self.units, self.t.text
        starts, ends = t.starts, t.ends
        out_append = self.out.append
        n_units, n_runs = len(units), len(runs)
        new, starts_sentence = tuple.__new__, _starts_sentence  # (a Candidate built without its __new__'s frame)
        r = 0
        while r < n_runs:
            a, b = runs[r]
            if r + 1 < n_runs and runs[r + 1][0] == b + 1 and text[starts[b + 1] - 1] == "(":
                c, d = runs[r + 1]
                opening = t.gap(c)
                closes = text[ends[d]:ends[d] + 1] == ")" and not units[d].possessive
                if opening.strip() == "(" and opening.endswith("(") and closes and not units[b].possessive:
                    if c == d and units[c].acronym and b - a < 64:
                        s = self.expansion((a, b), c)
                        if s is not None:
                            if s > a:
                                self.segment(a, self.trim(a, s - 1))
                            self.pair(s, b, c, long_first=True)
                            r += 2
                            continue
                    if (a == b and units[a].acronym and d - c <= _LONGEST_EXPANSION
                            and self.expansion((c, d), a) == c):
                        self.pair(c, d, a, long_first=False)
                        r += 2
                        continue
            if a == b:  # most runs are one word: what segment() and emit() would do, without their loops
                u = units[a]
                if not u.alone or (u.low in COMMON_WORDS
                                   and (u.low in _LINKING_CAPITALS or starts_sentence(text, starts[a]))):
                    r += 1
                    continue  # keep_alone(a) is false
                if u.joined and len(_DASH_SPLIT.split(u.text)) > LONGEST_NAME:
                    r += 1
                    continue  # see emit()
                # cues(a, a, kind), inline: a place word after it, a preposition before it
                type_ = cue = None
                score = 55 if u.acronym else 60 if u.joined or u.camel else 50
                after = units[a + 1] if a + 1 < n_units else None
                if (after is not None and not after.cap and after.low in _PLACE_WORDS
                        and t.whitespace_before(a + 1)):
                    type_, cue, score = ConceptType.PLACE.value, f"suffix: {after.text}", score + 10
                elif (not u.acronym and a > 0 and units[a - 1].low in _PREPOSITIONS
                      and t.whitespace_before(a)):
                    type_, cue, score = ConceptType.PLACE.value, f"{units[a - 1].low} X", score + 5
                initial = starts_sentence(text, starts[a])
                out_append(new(Candidate, (u.text, starts[a], ends[a], "en", "acronym" if u.acronym else "name",
                                           type_, cue, None, None, initial, max(0, min(100, score - 15 * initial)))))
            elif (b - a < LONGEST_NAME and units[a].low not in COMMON_WORDS
                  and all(u.plain_word and not (u.may_dot and t.dot_after(k))
                          for k, u in enumerate(units[a:b + 1], a))):
                self.plain(a, b)
            else:
                self.and_split(a, b)
            r += 1

    def plain(self, a: int, b: int) -> None:
        """Emit the run ``a..b`` of two or more capitalised words without linking words, titles,
        nationalities, possessives or initials, and not starting with a common word: what
        and_split(), segment() and emit() do with it, without their loops (most runs of more than
        one word are such: "Alikhan Smailov", "Pavlodar Region")."""
        units, t = self.units, self.t
        first, last = units[a], units[b]
        type_: str | None
        cue: str | None
        if last.last_low in _TYPE_WORDS:
            type_, cue, score = _TYPE_WORDS[last.last_low], f"suffix: {last.last_word}", 85
        elif first.low in _PLACE_HEADS:
            type_, cue, score = ConceptType.PLACE.value, f"head: {first.text}", 85
        else:
            type_ = cue = None
            score = 75 if any(u.joined or u.camel for u in units[a:b + 1]) else 65
            after = units[b + 1] if b + 1 < len(units) else None
            if after is not None and not after.cap and after.low in _PLACE_WORDS and t.whitespace_before(b + 1):
                type_, cue, score = ConceptType.PLACE.value, f"suffix: {after.text}", score + 10
            elif a > 0 and units[a - 1].low in _PREPOSITIONS and t.whitespace_before(a):
                type_, cue, score = ConceptType.PLACE.value, f"{units[a - 1].low} X", score + 5
        start, end = t.starts[a], t.ends[b]
        initial = _starts_sentence(t.text, start)
        self.out.append(tuple.__new__(Candidate, (_collapse(t.text[start:end]), start, end, "en", "name", type_, cue,
                                                  None, None, initial, max(0, min(100, score - 15 * initial)))))

    def trim(self, a: int, b: int) -> int:
        """``b`` moved back over trailing linking words."""
        while b >= a and self.units[b].link:
            b -= 1
        return b

    def and_split(self, a: int, b: int) -> None:
        """Split ``a..b`` at each *and* that no *of/for/on* before it or type word after it licenses."""
        units = self.units
        if a < b and self.units[a + 1].link and units[a + 1].low != "&" and not (units[a].low in _TYPE_WORDS or units[a].low in _PLACE_HEADS
                                                 or units[a].low in _TITLE_HEADS) and self.t.initial(a):
            # "Students of Nazarbayev University": a capital that only starts a sentence links nothing
            self.segment(a, a)
            a += 1
            while a <= b and self.units[a].link:
                a += 1
        start = a
        licensed_before = False
        for k in range(a, b + 1):
            if not self.units[k].link:
                continue
            low = self.units[k].low
            if low in _LICENSING_LINKERS:
                licensed_before = True
            elif low == "and":
                end = k + 1
                while end < b and not (self.units[end + 1].link and self.units[end + 1].low == "and"):
                    end += 1
                if (self.units[k + 1].low == "the"
                        or not (licensed_before or (k == start + 1 and self.typed_after(k + 2, end)))):
                    self.segment(start, self.trim(start, k - 1))
                    start = k + 1
        self.segment(start, b)

    def typed_after(self, a: int, b: int) -> bool:
        """Whether one of the units ``a..b`` before the first linking word is a type word."""
        for k in range(a, b + 1):
            if self.units[k].link:
                return False
            if self.units[k].last_low in _AND_LICENSING_WORDS:
                return True
        return False

    def segment(self, a: int, b: int) -> None:
        """One run without *and* trouble: strip sentence openers, split off titles, judge, emit."""
        while a <= b:
            a = self.segment_start(a, b)

    def segment_start(self, a: int, b: int) -> int:
        """Emit what starts run ``a..b``; return where the rest starts (``b + 1`` when none is left)."""
        units = self.units
        while a <= b and self.units[a].link:
            a += 1
        if a > b:
            return a
        stripped = False
        while a <= b and units[a].cap and units[a].low in COMMON_WORDS and (
                stripped or units[a].low in _LINKING_CAPITALS or self.t.initial(a)):
            a += 1
            stripped = True
            while a <= b and self.units[a].link:
                a += 1
        if a > b:
            return a
        if (a < b and units[a].low in _TITLE_HEADS and self.units[a + 1].link
                and self.complement_end(a, b) is None):
            # "President of Kazakhstan": a title's complement, not a name; what follows may be one
            return a + 1
        for t in range(a, b):
            u = units[t]
            if u.low not in _TITLE_HEADS:
                continue
            if self.units[t + 1].link:
                found = self.complement_end(t, b)  # "Minister of Transport Marat Karabayev"
                if found is None:
                    continue
                last = found
            elif units[t + 1].title_word:
                continue
            else:
                last = t
            p = t
            while p > a and units[p - 1].title_word:
                p -= 1
            q = p
            while q < t and units[q].low in NATIONALITIES:
                q += 1
            if p > a:  # what stands before the title has no title of its own: no deeper calls
                self.segment(a, self.trim(a, p - 1))
            if last > t:
                complement = t + 2 + (units[t + 2].low == "the" and self.units[t + 2].link)
                if last > complement and units[last].last_low in _TYPE_WORDS:
                    self.emit(complement, last)  # "Governor of the National Bank": a name of its own
                if last == b:
                    return b + 1  # a title alone: "the Minister of Foreign Affairs said"
            cue = "title: " + _collapse(self.t.text[self.t.starts[q]:self.t.ends[last]])
            end = last + 1
            while end < b and not self.units[end + 1].link and units[end + 1].low not in _TITLE_HEADS:
                end += 1
            self.emit(last + 1, end, ConceptType.PERSON.value, cue, score=90)
            return end + 1  # the rest of "President Tokayev of Kazakhstan"
        if all(units[k].title_word for k in range(a, b + 1) if not units[k].link):
            return b + 1  # a title, a nationality or a mix of them alone
        if a < b and b - a < LONGEST_NAME and all(len(units[k].text) == 1 and self.t.dot_after(k)
                                                   for k in range(a, b + 1)):
            # "U.S.", "U. N.": letters with full stops are an abbreviation, its last stop included
            start, end = self.t.starts[a], self.t.ends[b] + 1
            self.out.append(Candidate(_collapse(self.t.text[start:end]), start, end, "en", "acronym", None,
                                      None, sentence_initial=self.t.initial(a),
                                      score=55 - 15 * self.t.initial(a)))
            return b + 1
        if a < b or self.keep_alone(a):
            self.emit(a, b)
        return b + 1

    def complement_end(self, t: int, b: int) -> int | None:
        """The last unit of title ``t``'s complement, when ``t`` is followed by *of* and a
        portfolio or a name ending in a type word (``Minister of Transport``, ``Minister of Foreign
        Affairs``, ``Chairman of the Board``, ``Governor of the National Bank``, ``akim of Almaty
        Region``); None when no unit up to ``b`` ends one (``President of Kazakhstan``)."""
        units = self.units
        if t + 2 > b or units[t + 1].low != "of":
            return None
        for k in range(t + 2, b + 1):
            if units[k].low in _TITLE_HEADS:
                return None  # another title starts: "Minister of Kazakhstan Minister …"
            if self.units[k].link or units[k].last_low not in _COMPLEMENT_ENDS:
                continue
            if k == b:
                return k
            if self.units[k + 1].link or units[k + 1].last_low in _COMPLEMENT_ENDS:
                continue
            end = k + 1  # the name after it, as the title branch of segment_start() takes it
            while end < b and not self.units[end + 1].link and units[end + 1].low not in _TITLE_HEADS:
                end += 1
            if units[end].last_low not in _TYPE_WORDS:
                return k  # "Minister of Energy Almasadam Satkaliyev", not "… Policy Research Institute"
        return None

    def keep_alone(self, k: int) -> bool:
        """Whether unit ``k`` standing alone may be a name."""
        u = self.units[k]
        return u.alone and not (u.low in COMMON_WORDS and self.t.initial(k))

    def cues(self, a: int, b: int, kind: str) -> tuple[str | None, str | None, int]:
        """The type, cue and score bonus that the units ``a..b`` and their neighbours suggest."""
        units, t = self.units, self.t
        if b > a:  # cues inside the run (most runs are one unit: none)
            last = units[b]
            if last.last_low in _TYPE_WORDS:
                return _TYPE_WORDS[last.last_low], f"suffix: {last.last_word}", 35
            for h in range(a, b):
                head = units[h]
                if head.low in _TYPE_WORDS and self.units[h + 1].link and units[h + 1].low in _LICENSING_LINKERS:
                    return _TYPE_WORDS[head.low], f"head: {head.text}", 35
            h = a
            while h < b and (units[h].low in NATIONALITIES or units[h].possessive):
                h += 1
            if h < b and units[h].low in _PLACE_HEADS and not self.units[h + 1].link:
                return ConceptType.PLACE.value, f"head: {units[h].text}", 35
            if any(len(units[k].text) == 1 and t.dot_after(k) for k in range(a, b)):
                return ConceptType.PERSON.value, "initials", 25
        if b + 1 < len(units):
            after = units[b + 1]
            if not after.cap and after.low in _PLACE_WORDS and t.whitespace_before(b + 1):
                return ConceptType.PLACE.value, f"suffix: {after.text}", 10
        if kind != "acronym" and a > 0 and units[a - 1].low in _PREPOSITIONS and t.whitespace_before(a):
            return ConceptType.PLACE.value, f"{units[a - 1].low} X", 5
        return None, None, 0

    def kind(self, a: int, b: int) -> str:
        return "acronym" if a == b and self.units[a].acronym else "name"

    def base_score(self, a: int, b: int, kind: str) -> int:
        units = self.units
        if kind == "acronym":
            return 55
        if a == b:
            return 60 if units[a].joined or units[a].camel else 50
        score = 65
        if any(units[k].joined or units[k].camel for k in range(a, b + 1)):
            score += 10
        return score

    def candidate(self, a: int, b: int, *, kind: str, type_: str | None, cue: str | None, score: int,
                  abbreviation: str | None = None, expansion: str | None = None,
                  headline: bool = False) -> Candidate:
        units = self.units
        start, end = self.t.starts[a], self.t.ends[b]
        initial = self.t.initial(a)
        score -= 15 * initial + 15 * headline
        form = units[a].text if a == b else _collapse(self.t.text[start:end])
        return tuple.__new__(Candidate, (form, start, end, "en", kind, type_, cue, abbreviation, expansion, initial,
                                         max(0, min(100, score))))

    def emit(self, a: int, b: int, type_: str | None = None, cue: str | None = None, *,
             score: int | None = None) -> None:
        if b - a >= LONGEST_NAME or (a == b and self.units[a].joined
                                     and len(_DASH_SPLIT.split(self.units[a].text)) > LONGEST_NAME):
            return  # a run of capitalised words that long is no name (see the module description)
        kind = self.kind(a, b)
        bonus = 0
        if type_ is None:
            type_, cue, bonus = self.cues(a, b, kind)
        if score is None:
            score = 85 if bonus >= 35 else 75 if bonus >= 25 else self.base_score(a, b, kind) + bonus
        self.out.append(self.candidate(a, b, kind=kind, type_=type_, cue=cue, score=score))

    def pair(self, a: int, b: int, acronym: int, *, long_first: bool) -> None:
        """A long form ``a..b`` and its acronym: two candidates that name each other."""
        type_, cue, _ = self.cues(a, b, "name")
        long_form = _collapse(self.t.text[self.t.starts[a]:self.t.ends[b]])
        long = self.candidate(a, b, kind="name", type_=type_, cue=cue, score=95,
                              abbreviation=self.units[acronym].text)
        short = self.candidate(acronym, acronym, kind="acronym", type_=type_, cue=cue, score=95,
                               expansion=long_form)
        self.out.extend((long, short) if long_first else (short, long))

    # -- headlines ------------------------------------------------------------------------------

    def headline_candidates(self, lines: dict[int, str], known: dict[str, Candidate]) -> None:
        """Runs on headline lines that the rest of the text knows, and CamelCase words or acronyms."""
        t, units = self.t, self.units
        by_line: dict[int, list[int]] = {}
        for k, u in enumerate(units):
            if t.lines[k] in lines and not t.unit_protected[k]:
                by_line.setdefault(t.lines[k], []).append(k)
        for line, ks in by_line.items():
            i = 0
            while i < len(ks):
                longest = 1
                while (longest < 8 and i + longest < len(ks) and ks[i + longest] == ks[i] + longest
                       and t.joinable(ks[i + longest])):
                    longest += 1
                a = ks[i]
                for size in range(longest, 0, -1):
                    b = a + size - 1
                    form = _collapse(t.text[t.starts[a]:t.ends[b]]).casefold()
                    seen = known.get(form)
                    if seen is not None and units[a].cap and units[b].cap:
                        self.out.append(self.candidate(a, b, kind=seen.kind, type_=seen.type, cue=seen.cue,
                                                       score=self.base_score(a, b, seen.kind),
                                                       headline=True))
                        i += size
                        break
                else:
                    u = units[a]
                    evidence = u.camel or (u.acronym and lines[line] == "title")
                    if evidence and self.keep_alone(a):
                        kind = self.kind(a, a)
                        self.out.append(self.candidate(a, a, kind=kind, type_=None, cue=None,
                                                       score=self.base_score(a, a, kind), headline=True))
                    i += 1


def _quote_places(text: str) -> list[int]:
    """Where the characters of :data:`_QUOTES` stand in ``text``, in order (``str.find`` per
    character: several times faster than a regex's character class on long text).

    >>> _quote_places("“Nurly Zhol”, Kazakhstan's 'Bright Path'")
    [0, 24, 27, 39]
    """
    found: list[int] = []
    for quote in _QUOTES:
        at = text.find(quote)
        while at != -1:
            found.append(at)
            at = text.find(quote, at + 1)
    found.sort()
    return found


def _coinages(t: _Text) -> list[Candidate]:
    """Quoted words (one to five, not a sentence) in text order."""
    text = t.text
    found: list[Candidate] = []
    resume = 0
    for p in _quote_places(text):
        if p < resume or (p and text[p - 1] not in _OPEN_AFTER):
            continue
        if p + 1 >= len(text) or text[p + 1].isspace():
            continue
        opener = text[p]
        closers = _CLOSERS[opener]
        limit = min(len(text), p + 1 + _LONGEST_COINAGE)
        q = p + 1
        close = -1
        while q < limit:
            hits = [h for h in (text.find(c, q, limit) for c in closers) if h != -1]
            if not hits:
                break
            q = min(hits)
            if text[q - 1].isspace() or (opener in "'‘" and q + 1 < len(text) and text[q + 1].isalnum()):
                q += 1
                continue
            close = q
            break
        if close == -1:
            continue
        inner = text[p + 1:close]
        words = _WORD.findall(inner)
        if (not 1 <= len(words) <= 5 or inner != inner.strip() or inner[-1] in ".!?,;:…"
                or inner.count("\n") > 1 or sum(c.isalpha() for c in inner) < 2
                or (t.protected and overlaps(t.protected, p + 1, close))):
            continue
        last = words[-1]
        if last[:1].isupper() and last.casefold() in _TYPE_WORDS and len(words) > 1:
            type_, cue = _TYPE_WORDS[last.casefold()], f"suffix: {last}"
        else:
            type_, cue = ConceptType.TERM.value, "quoted"
        first = _WORD.search(text, p + 1, close)
        initial = first is not None and _starts_sentence(text, first.start())
        score = (60 if opener != '"' and opener != "'" else 50) - 15 * initial
        found.append(Candidate(_collapse(inner), p + 1, close, "en", "coinage", type_, cue,
                               sentence_initial=initial, score=score))
        resume = close + 1
    return found


_BY_PLACE = attrgetter("start", "end")


def find_candidates_en(text: str, *, protected: Sequence[tuple[int, int]] = ()) -> list[Candidate]:
    """The names, acronyms and quoted coinages of one English ``text``, in text order.

    ``protected`` holds sorted, non-overlapping spans (as
    :func:`silkterm.glossary.markup.protected_spans` gives them) that no candidate overlaps.

    >>> text = ("China National Petroleum Corporation (CNPC) and Samruk-Kazyna signed a deal in "
    ...         "Pavlodar Region, Qazaqstan's industrial north.")
    >>> for c in find_candidates_en(text):
    ...     print(c.form, c.kind, c.type, c.cue, c.abbreviation or c.expansion, sep=" | ")
    China National Petroleum Corporation | name | organisation | suffix: Corporation | CNPC
    CNPC | acronym | organisation | suffix: Corporation | China National Petroleum Corporation
    Samruk-Kazyna | name | None | None | None
    Pavlodar Region | name | place | suffix: Region | None
    Qazaqstan | name | None | None | None
    >>> [(c.form, c.kind, c.type) for c in find_candidates_en('Residents call it the “new crown”.')]
    [('new crown', 'coinage', 'term')]
    >>> [c.form for c in find_candidates_en("The Kazakh side met in May. However, Kazakh Railways grew.")]
    ['Kazakh Railways']
    """
    if protected and "&" in text:  # an HTML "&amp;" is protected from rewriting, but it reads as "&"
        protected = [span for span in protected if not _AMP_ENTITY.fullmatch(text, *span)]
    t = _Text(text, protected)
    finder = _Finder(t)
    lines = t.headlines()
    finder.process(finder.runs(lines))
    if lines:
        known: dict[str, Candidate] = {}
        for c in finder.out:
            known.setdefault(c.form.casefold(), c)
        finder.headline_candidates(lines, known)
    coinages = _coinages(t)
    names = sorted(finder.out, key=_BY_PLACE)
    if coinages:  # names inside quotes are not reported apart: one sweep over both, in text order
        kept: list[Candidate] = []
        j = 0
        for c in names:
            while j < len(coinages) and coinages[j].end <= c.start:
                j += 1
            if j == len(coinages) or coinages[j].start >= c.end:
                kept.append(c)
        names = kept
    found = sorted((*names, *coinages), key=_BY_PLACE)
    if not protected:
        return found
    return [c for c in found if not overlaps(protected, c.start, c.end)]

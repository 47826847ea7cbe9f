"""Build ``glossary/data/cedict_names.tsv`` from a CC-CEDICT file: the entries that name something.

Run ``python -m silkterm.cli.zhdictbuild CEDICT_FILE -o glossary/data/cedict_names.tsv`` (that
command prints; this module only builds). CC-CEDICT (https://cc-cedict.org/, © MDBG, CC BY-SA 4.0)
is a Chinese–English dictionary; silkterm ships the part of it that gives English *names*: entries
whose headword is two to twelve Chinese characters and which have at least one sense that is a
name — a sense whose words are capitalised (``China Petroleum and Chemical Corporation``,
``Sinopec``, ``Eurasian Economic Union``) — keeping only those senses. Abbreviations
("abbr. for 中國石油化工股份有限公司|中国石油化工股份有限公司") are kept as a pointer to the full
headword. The output is sorted and depends only on the input, so a rebuild gives the same bytes.

>>> build_lines(["中國石化 中国石化 [Zhong1 guo2 Shi2 hua4] /China Petroleum and Chemical Corporation, Sinopec/",
...              "公司 公司 [gong1 si1] /(business) company/company/firm/",
...              "塔城 塔城 [Ta3 cheng2] /Tarbaghatay or Tacheng city in Tacheng prefecture, Xinjiang/",
...              "岷江 岷江 [Min2 Jiang1] /Min River, Sichuan/",
...              "伊犁河 伊犁河 [Yi1 li2 He2] /Ili River in central Asia/",
...              "中石化 中石化 [Zhong1 shi2 hua4] /Sinopec/abbr. for 中國石油化工股份有限公司|中国石油化工股份有限公司/"])
['中国石化\\tChina Petroleum and Chemical Corporation|Sinopec', '中石化\\tSinopec\\t中国石油化工股份有限公司', '伊犁河\\tIli River']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

HEADER = ("# Chinese names with their English names: the name entries of CC-CEDICT (https://cc-cedict.org/),\n"
          "# (c) MDBG, licensed CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/); this\n"
          "# extract is shared under the same licence. Columns: simplified headword, English names\n"
          "# (|-separated), the full form an abbreviation stands for (optional).\n"
          "# Built by: python -m silkterm.cli.zhdictbuild CEDICT_FILE -o glossary/data/cedict_names.tsv\n")

_ENTRY = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
_HAN = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff·]{2,12}$")
_ABBR = re.compile(r"^abbr\. (?:for|of) (?:\S+\|)?([\u3400-\u9fff·]+)")
_PAREN = re.compile(r"\s*\([^)]*\)")
_ORG_HEADS = frozenset(["Corporation", "Company", "Group", "Bank", "Organization", "Organisation", "Union", "Association", "Agency", "Fund", "Party", "Council", "Committee", "Ministry", "University", "Institute", "Academy", "Airlines", "Railway", "Railways", "Exchange", "Commission"])
_GEO_HEADS = frozenset(["River", "Lake", "Sea", "Mountains", "Mountain", "Range", "Desert", "Basin", "Valley",
                        "Plateau", "Canal", "Gulf", "Bay", "Island", "Islands", "Peninsula", "Steppe", "Pass",
                        "Strait", "Falls", "Glacier", "Reservoir"])
_SMALL = frozenset(["of", "the", "and", "for", "in", "on", "at", "de", "du", "la", "le", "to", "a", "an", "&", "on-the"])


def _name_sense(sense: str) -> str | None:
    """The sense as an English name, or None if it is not one (a capitalised word each, but for
    small linking words; at least one word of three letters or more)."""
    sense = _PAREN.sub("", sense).strip().rstrip(".")
    if not sense or sense.startswith(("CL:", "see ", "variant", "old variant", "surname", "abbr.")):
        return None
    words = sense.replace("-", " ").split()
    if not words or len(words) > 10 or not words[0][:1].isupper():
        return None
    if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _SMALL for w in words):
        return None
    if not any(len(w) >= 3 and w[:1].isupper() for w in words):
        return None
    return sense


def _geo_name(sense: str) -> str | None:
    """The name a geographic description starts with ("Ili River in central Asia", "Irtysh River,
    flowing from …", "Lake Balkhash in southeast Kazakhstan"): its leading capitalised words, if
    they end in a word for a river, lake, sea, range … or start with Lake or Mount."""
    words = _PAREN.sub("", sense).split()
    lead: list[str] = []
    for word in words:
        bare = word.rstrip(",;")
        if not (bare[:1].isupper() or (lead and bare in ("of", "the"))):
            break
        lead.append(bare)
        if bare != word:
            break  # a comma ends the name
    while lead and lead[-1] in ("of", "the"):
        lead.pop()
    if len(lead) < 2 or not (lead[-1] in _GEO_HEADS or lead[0] in ("Lake", "Mount", "Mt")):
        return None
    return " ".join(lead)


def build_lines(lines: Iterable[str]) -> list[str]:
    """The extract's data lines (without the header), sorted; see the module docs."""
    out: dict[str, tuple[list[str], str]] = {}
    for line in lines:
        m = _ENTRY.match(line)
        if m is None or line.startswith("#"):
            continue
        simplified, senses = m.group(2), m.group(3).split("/")
        if not _HAN.match(simplified):
            continue
        names: list[str] = []
        full = ""
        for sense in senses:
            a = _ABBR.match(sense)
            if a:
                full = a.group(1)
                continue
            # "China Petroleum and Chemical Corporation, Sinopec": a name and its short name; but
            # "Min River, Sichuan", "China, Japan and Korea" and "Jeminay county in Altay
            # prefecture, Xinjiang" are descriptions or lists, none of whose parts names the entry
            parts = [_name_sense(part) for part in sense.split(", ")]
            if len(parts) == 1 or (len(parts) == 2 and parts[0] and parts[1]
                                   and parts[0].split()[-1] in _ORG_HEADS and " " not in parts[1]):
                names += [n for n in parts if n and n not in names]
            if not all(parts) and (geo := _geo_name(sense)) and geo not in names:
                names.append(geo)
        if not names:
            continue
        have, have_full = out.get(simplified, ([], ""))
        out[simplified] = (have + [n for n in names if n not in have], have_full or full)
    return [f"{han}\t{'|'.join(names)}" + (f"\t{full}" if full else "")
            for han, (names, full) in sorted(out.items())]


def build(text: str) -> str:
    """The whole extract (header and lines) from a CC-CEDICT file's text."""
    return HEADER + "".join(line + "\n" for line in build_lines(text.splitlines()))

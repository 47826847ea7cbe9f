"""Chinese names with their English names, from CC-CEDICT: ``silkterm/glossary/data/cedict_names.tsv``.

CC-CEDICT (https://cc-cedict.org/, © MDBG, CC BY-SA 4.0) gives many Chinese names of organisations,
places and events their English names: 中国石化 is "China Petroleum and Chemical Corporation" and
"Sinopec", 国家开发银行 "China Development Bank", 中石化 an abbreviation of 中国石油化工股份有限公司.
:mod:`silkterm.glossary.zhdictbuild` extracts those entries; this module reads them, and is what
``collect`` uses to join a translated Chinese name to its English name in the same texts (no
transliteration reading can: 中国石化 does not sound like Sinopec).

>>> d = shipped_dictionary()
>>> d.names("中国石化")
('China Petroleum and Chemical Corporation', 'Sinopec')
>>> d.chinese("china petroleum & chemical corporation")
('中国石化', '中国石油化工股份有限公司', '中石化')
>>> d.full("中石化")
'中国石油化工股份有限公司'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from silkterm.glossary.errors import GlossaryFormatError, InputError, os_error_message

FILE_NAME = "cedict_names.tsv"
SOURCE = "CC-CEDICT (cc-cedict.org, CC BY-SA 4.0)"
"""How a form taken from the table names its source."""

_NOT_KEY = re.compile(r"[^0-9a-z]+")


def name_key(english: str) -> str:
    """The key English names are compared by: case, accents, punctuation, "&"/"and" and a leading
    "the" do not count.

    >>> name_key("The Industrial & Commercial Bank of China") == name_key("industrial and commercial bank of china")
    True
    """
    text = english.casefold().replace("&", " and ")
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    words = _NOT_KEY.sub(" ", text).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class ZhDictionary:
    """The table: each Chinese headword's English names and, for an abbreviation, its full form."""

    entries: Mapping[str, tuple[tuple[str, ...], str | None]]
    by_key: Mapping[str, tuple[str, ...]]

    @classmethod
    def load(cls, path: str | Path | None = None) -> ZhDictionary:
        """Read the shipped table, or the file at ``path``."""
        try:
            if path is None:
                text = resources.files("silkterm.glossary.data").joinpath(FILE_NAME).read_text(encoding="utf-8")
                where = FILE_NAME
            else:
                text = Path(path).read_text(encoding="utf-8")
                where = str(path)
        except OSError as error:
            raise InputError(os_error_message(error), path=str(path or FILE_NAME)) from None
        return cls.parse(text.splitlines(), where)

    @classmethod
    def parse(cls, lines: Iterable[str], where: str = "<dictionary>") -> ZhDictionary:
        """The table from its lines (``#`` lines are comments); a malformed line is an error at
        ``where:LINE``."""
        entries: dict[str, tuple[tuple[str, ...], str | None]] = {}
        by_key: dict[str, list[str]] = {}
        for number, line in enumerate(lines, 1):
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) not in (2, 3) or not fields[0] or not fields[1]:
                raise GlossaryFormatError(f"{where}:{number}: expected HEADWORD<TAB>NAMES[<TAB>FULL]")
            names = tuple(fields[1].split("|"))
            entries[fields[0]] = (names, fields[2] if len(fields) == 3 and fields[2] else None)
            for name in names:
                by_key.setdefault(name_key(name), []).append(fields[0])
        return cls(MappingProxyType(entries), MappingProxyType({k: tuple(v) for k, v in by_key.items()}))

    def names(self, han: str) -> tuple[str, ...]:
        """The English names of the Chinese headword ``han`` (empty if the table lacks it)."""
        entry = self.entries.get(han)
        return entry[0] if entry else ()

    def full(self, han: str) -> str | None:
        """The full Chinese form the abbreviation ``han`` stands for, if the table says so."""
        entry = self.entries.get(han)
        return entry[1] if entry else None

    def chinese(self, english: str) -> tuple[str, ...]:
        """The Chinese headwords one of whose English names is ``english`` (by :func:`name_key`)."""
        return self.by_key.get(name_key(english), ())

    def __len__(self) -> int:
        return len(self.entries)


@lru_cache(maxsize=1)
def shipped_dictionary() -> ZhDictionary:
    """The shipped table, read once per process."""
    return ZhDictionary.load()

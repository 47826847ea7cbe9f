r"""OmegaT's tab-separated glossary (UTF-8): ``source<TAB>target<TAB>comment``.

One line per English form that has a house form in the target language (Chinese by default):
the house form (comment: pinyin and note), then the concept's listed English variants (comment:
``"<status> <kind> of <house form>"``); flags follow in brackets (``"admitted short-form of
Amangeldy Imanov [ambiguous]"``, a concept's ``[case exact]``). Reading groups a variant line
under the concept whose house form it names. Extensions: OmegaT's ``.txt``, ``.utf8`` and
``.tab`` (written with a UTF-8 byte-order mark, for older OmegaT versions, which read ``.tab`` in
the system's charset; 3.6 reads ``.utf8`` as UTF-8 and detects the charset of the others), and
``.tsv``; always UTF-8.

>>> from silkterm.glossary.formats.common import make_concept
>>> c = make_concept(id="dry-port", type="term", en="dry port", zh="无水港", source=("tests",))
>>> render_omegat([c]).decode().split("\t")
['dry port', '无水港', 'wúshuǐ gǎng\n']
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from silkterm.glossary.errors import GlossaryError, GlossaryFormatError
from silkterm.glossary.formats.common import (
    IdMaker,
    built_concepts,
    concept_flags,
    listed_variants,
    one_line,
    parse_flags,
    read_utf8,
    variant_flags,
)
from silkterm.glossary.model import Concept, Kind, Status, Variant
from silkterm.glossary.registry import extension
from silkterm.glossary.textio import write_bytes_atomic

_FLAG_SUFFIX = re.compile(r"(.*?) ?\[([a-z0-9 ,-]+)\]", re.DOTALL)


def _with_flags(text: str, flags: Sequence[str]) -> str:
    return f"{text} [{', '.join(flags)}]".strip() if flags else text


def _split_flags(text: str) -> tuple[str, dict[str, Any]]:
    """Split a trailing ``[flag, flag]`` off an OmegaT comment; the rest and the fields."""
    m = _FLAG_SUFFIX.fullmatch(text)
    if m:
        fields = parse_flags(m.group(2).split(","))
        if fields is not None:
            return m.group(1), fields
    return text, {}



def omegat_lines(concepts: Iterable[Concept], *, target: str = "zh") -> list[tuple[str, str, str]]:
    """The (source, target, comment) rows of the OmegaT glossary, English → ``target``."""
    rows: list[tuple[str, str, str]] = []
    for c in concepts:
        tgt = c.house_form(target)
        if not tgt:
            continue
        comment = "; ".join(p for p in ((c.pinyin or "") if target.startswith("zh") else "",
                                        one_line(c.note)) if p)
        rows.append((c.en, tgt, _with_flags(comment, concept_flags(c))))
        for v in listed_variants(c):
            if v.lang != "en":
                continue
            kind = f" {v.kind.value}" if v.kind else ""
            rows.append((v.form, tgt, _with_flags(f"{v.status.value}{kind} of {c.en}",
                                                  variant_flags(v))))
    return rows


def render_omegat(concepts: Iterable[Concept], *, target: str = "zh") -> bytes:
    """OmegaT's tab-separated glossary (UTF-8, LF line ends); tabs inside fields become spaces."""
    out = io.StringIO()
    for row in omegat_lines(concepts, target=target):
        out.write("\t".join(one_line(f) for f in row) + "\n")
    return out.getvalue().encode("utf-8")


_VARIANT_COMMENT = re.compile(rf"({'|'.join(s.value for s in Status)})(?: ([a-z-]+))? of (.+)")


def _split_pinyin(comment: str, zh: str) -> tuple[str | None, str]:
    """Split the pinyin of ``zh`` off the front of an OmegaT comment (``"pinyin; note"``)."""
    from pypinyin import lazy_pinyin  # heavy: only when a file is read

    head, _, rest = comment.partition("; ")
    plain = unicodedata.normalize("NFKD", head).encode("ascii", "ignore").decode().lower()
    syllables = "".join(lazy_pinyin(zh)).lower().replace("v", "u")
    if head and re.sub(r"[^a-z]", "", plain) == re.sub(r"[^a-z]", "", syllables):
        return head, rest
    return None, comment


def read_omegat(path: str | Path, *, target: str = "zh") -> list[Concept]:
    """Concepts from an OmegaT glossary (English source). A line whose comment reads
    ``"<status> [<kind>] of <house form>"`` is a variant of the concept with that house form;
    other lines are concepts (type ``term``, note = comment). Lines starting with ``#`` and blank
    lines are skipped."""
    p = Path(path)
    text = read_utf8(p)
    rows = ((number, line.split("\t")) for number, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.startswith("#"))
    return omegat_concepts(rows, p, target=target, origin="omegat",
                           needs="an OmegaT glossary line needs a source and a target term "
                                 "separated by a tab")


def omegat_concepts(rows: Iterable[tuple[int, Sequence[str]]], path: Path, *, target: str = "zh",
                    origin: str = "omegat", needs: str = "a glossary row needs a source and a "
                                                         "target term") -> list[Concept]:
    """Concepts from the (line number, [source, target, comment…]) rows of an OmegaT glossary
    (tab-separated or CSV; see :func:`read_omegat`); ``needs`` is the error for a row without
    source or target, and the concepts' source is ``"<origin>: <file name>"``."""
    if target not in ("zh", "kk", "ru"):
        raise GlossaryError(f"an OmegaT glossary can be read into zh, kk or ru, not {target!r}")
    p = path
    ids = IdMaker()
    order: list[str] = []
    fields: dict[str, dict[str, Any]] = {}
    by_en: dict[str, str] = {}
    for number, row in rows:
        cells = [c.strip() for c in row]
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise GlossaryFormatError(needs, path=str(p), line=number)
        source, tgt, comment = cells[0], cells[1], cells[2] if len(cells) > 2 else ""
        described, flags = _split_flags(comment)
        m = _VARIANT_COMMENT.fullmatch(described)
        if m and m.group(3) in by_en:
            owner = fields[by_en[m.group(3)]]
            try:
                kind = Kind(m.group(2)) if m.group(2) else None
            except ValueError:
                kind = None
            owner["variants"].append(Variant(form=source, status=Status(m.group(1)), kind=kind,
                                             **{k: v for k, v in flags.items() if k != "status"}))
            continue
        if source in by_en:  # the same source with another target: an alternative target form
            owner = fields[by_en[source]]
            owner["variants"].append(Variant(form=tgt, lang=target, note=comment or None))
            continue
        cid = ids(None, source)
        if set(flags) <= {"case", "status"}:
            comment = described
        else:
            flags = {}
        pinyin, note = _split_pinyin(comment, tgt) if target == "zh" else (None, comment)
        entry: dict[str, Any] = {"id": cid, "en": source, "note": note or None, "pinyin": pinyin,
                                 "source": (f"{origin}: {p.name}",), "variants": [], **flags}
        entry[target] = tgt
        fields[cid] = entry
        by_en[source] = cid
        order.append(cid)
    return built_concepts(fields, order)


def write_omegat(concepts: Iterable[Concept], path: str | Path, *, target: str = "zh") -> int:
    """Write the OmegaT glossary of ``concepts`` to ``path`` (atomically); their number. OmegaT
    reads ``.txt`` and ``.utf8`` glossaries as UTF-8 but ``.tab`` ones in the system's charset
    unless they start with a byte-order mark: a ``.tab`` file gets one."""
    items = list(concepts)
    bom = codecs.BOM_UTF8 if extension(path) == "tab" else b""
    write_bytes_atomic(path, bom + render_omegat(items, target=target))
    return len(items)

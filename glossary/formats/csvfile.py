"""The glossary as RFC 4180 CSV (UTF-8), header ``id,en,zh,status,kind,note,type,flags``.

A concept is one row with its house forms (status ``preferred``, empty kind, its type, flag
``case`` if not shape) followed by one row per listed English or Chinese variant with the same
id, the form in the ``en`` or ``zh`` column and the other empty, and its flags (``"ambiguous,
case exact"``, see :func:`~silkterm.glossary.formats.common.variant_flags`). Kazakh, Russian and
traditional-script variants and everything else are not carried (reading gives the source
``"csv: FILE"``).

>>> from silkterm.glossary.formats.common import make_concept
>>> c = make_concept(id="dry-port", en="dry port", zh="无水港", source=("tests",))
>>> render_csv([c]).decode().splitlines()
['id,en,zh,status,kind,note,type,flags', 'dry-port,dry port,无水港,preferred,,,term,']
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from silkterm.glossary.errors import GlossaryFormatError
from silkterm.glossary.formats.common import (
    IdMaker,
    built_concepts,
    concept_flags,
    listed_variants,
    parse_enum,
    parse_flags,
    read_utf8,
    variant_flags,
)
from silkterm.glossary.model import Concept, ConceptType, Kind, Status, Variant
from silkterm.glossary.textio import write_bytes_atomic

CSV_HEADER = ("id", "en", "zh", "status", "kind", "note", "type", "flags")


def csv_rows(concepts: Iterable[Concept]) -> list[tuple[str, ...]]:
    """Rows of the CSV export (without the header)."""
    rows: list[tuple[str, ...]] = []
    for c in concepts:
        rows.append((c.id, c.en, c.zh or "", "preferred", "", c.note or "", c.type.value,
                     ", ".join(concept_flags(c))))
        for v in listed_variants(c):
            if v.lang not in ("en", "zh"):
                continue
            en, zh = (v.form, "") if v.lang == "en" else ("", v.form)
            rows.append((c.id, en, zh, v.status.value, v.kind.value if v.kind else "", v.note or "",
                         "", ", ".join(variant_flags(v))))
    return rows


def render_csv(concepts: Iterable[Concept]) -> bytes:
    """The CSV export: UTF-8, CRLF line ends (RFC 4180), header
    ``id,en,zh,status,kind,note,type,flags``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_rows(concepts))
    return out.getvalue().encode("utf-8")


def read_glossary_csv(path: str | Path) -> list[Concept]:
    """Concepts from a CSV file with the header ``id,en,zh,status,kind,note,type,flags`` (all
    but ``en`` may be missing; columns may come in any order; other columns are ignored). A row
    whose id was seen before is a variant of that concept: exactly one of ``en``/``zh`` holds its
    form. A row without id starts a concept with an id made from ``en``. ``type`` is the
    concept's type (default ``term``); ``flags`` (see :func:`variant_flags`) are a variant's
    ``ambiguous``, ``case``, ``action`` and validity, or a concept's ``case``."""
    p = Path(path)
    text = read_utf8(p)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise GlossaryFormatError("empty CSV file (expected the header "
                                  "id,en,zh,status,kind,note)", path=str(p), line=1) from None
    except csv.Error as e:
        raise GlossaryFormatError(f"malformed CSV: {e}", path=str(p), line=1) from None
    if "en" not in header:
        raise GlossaryFormatError("the CSV header needs an 'en' column (expected "
                                  "id,en,zh,status,kind,note)", path=str(p), line=1)
    col = {name: header.index(name) for name in CSV_HEADER if name in header}
    ids = IdMaker()
    order: list[str] = []
    fields: dict[str, dict[str, Any]] = {}
    given_ids: dict[str, str] = {}
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue

            def cell(name: str, row: list[str] = row) -> str:
                i = col.get(name)
                return row[i].strip() if i is not None and i < len(row) else ""

            given, en, zh, status_text, kind_text, note, type_text, flags_text = (
                cell(n) for n in CSV_HEADER)
            status = parse_enum(Status, status_text or None, "status", p, line)
            kind = parse_enum(Kind, kind_text or None, "kind", p, line)
            ctype = parse_enum(ConceptType, type_text or None, "type", p, line)
            flags = parse_flags(flags_text.split(",")) if flags_text else {}
            if flags is None:
                raise GlossaryFormatError(f"flags {flags_text!r}: expected a comma-separated "
                                          "list of ambiguous, case CASE, action ACTION, from "
                                          "DATE, to DATE", path=str(p), line=line)
            if given and given in given_ids:
                if bool(en) == bool(zh):
                    raise GlossaryFormatError(f"a variant row of {given!r} needs its form in "
                                              "exactly one of the columns en and zh",
                                              path=str(p), line=line)
                fields[given_ids[given]]["variants"].append(Variant(
                    form=en or zh, lang="en" if en else "zh",
                    status=status or Status.ADMITTED, kind=kind, note=note or None,
                    **{k: v for k, v in flags.items() if k != "status"}))
                continue
            if not en:
                raise GlossaryFormatError("a concept row needs the English form in column 'en'",
                                          path=str(p), line=line)
            if set(flags) - {"case", "status"}:
                raise GlossaryFormatError(f"flags {flags_text!r}: a concept row takes only "
                                          "'case CASE' and 'proposed'", path=str(p), line=line)
            cid = ids(given or None, en)
            if given:
                given_ids[given] = cid
            fields[cid] = {"id": cid, "en": en, "zh": zh or None, "note": note or None,
                           "type": ctype, "source": (f"csv: {p.name}",), "variants": [], **flags}
            order.append(cid)
    except csv.Error as e:
        raise GlossaryFormatError(f"malformed CSV: {e}", path=str(p),
                                  line=reader.line_num) from None
    return built_concepts(fields, order)


def write_glossary_csv(concepts: Iterable[Concept], path: str | Path) -> int:
    """Write ``concepts`` as CSV to ``path`` (atomically); their number."""
    items = list(concepts)
    write_bytes_atomic(path, render_csv(items))
    return len(items)

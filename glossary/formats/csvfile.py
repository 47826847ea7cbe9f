r"""The glossary as RFC 4180 CSV (UTF-8): OmegaT's ``source,target,comment`` (format ``csv``) and
silkterm's full CSV, header ``id,en,zh,status,kind,note,type,flags`` (format ``csv-full``).

``csv`` holds the rows of the OmegaT glossary (:func:`~silkterm.glossary.formats.omegat.omegat_lines`:
English form, Chinese house form, comment), without a header row: OmegaT 3.6
(``org.omegat.gui.glossary.GlossaryReaderCSV``) reads a ``.csv`` glossary a line at a time,
takes the first three comma-separated fields as source, target and comment, keeps a header row
as an entry, skips only lines that start with ``#``, and unquotes ``"…"`` fields with ``""``
for a quote; a field that holds a quote must be quoted (an unquoted ``"`` is dropped) and no
field may hold a line break. Reading a ``.csv`` file tells the two apart by the first row: a
header naming ``id`` or ``en`` and another column of the full CSV is the full CSV.

``csv-full``: a concept is one row with its house forms (status ``preferred``, empty kind, its type, flag
``case`` if not shape) followed by one row per listed English or Chinese variant with the same
id, the form in the ``en`` or ``zh`` column and the other empty, and its flags (``"ambiguous,
case exact"``, see :func:`~silkterm.glossary.formats.common.variant_flags`). Kazakh, Russian and
traditional-script variants and everything else are not carried (reading gives the source
``"csv: FILE"``).

>>> from silkterm.glossary.formats.common import make_concept
>>> c = make_concept(id="dry-port", en="dry port", zh="无水港", source=("tests",))
>>> render_full_csv([c]).decode().splitlines()
['id,en,zh,status,kind,note,type,flags', 'dry-port,dry port,无水港,preferred,,,term,']
>>> render_csv([c]).decode()
'dry port,无水港,wúshuǐ gǎng\r\n'
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
    one_line,
    parse_enum,
    parse_flags,
    read_utf8,
    variant_flags,
)
from silkterm.glossary.formats.omegat import omegat_concepts, omegat_lines
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


def render_full_csv(concepts: Iterable[Concept]) -> bytes:
    """The full CSV export: UTF-8, CRLF line ends (RFC 4180), header
    ``id,en,zh,status,kind,note,type,flags``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_rows(concepts))
    return out.getvalue().encode("utf-8")


def read_full_csv(path: str | Path) -> list[Concept]:
    """Concepts from a full CSV file with the header ``id,en,zh,status,kind,note,type,flags`` (all
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


def write_full_csv(concepts: Iterable[Concept], path: str | Path) -> int:
    """Write ``concepts`` as full CSV to ``path`` (atomically); their number."""
    items = list(concepts)
    write_bytes_atomic(path, render_full_csv(items))
    return len(items)


def render_csv(concepts: Iterable[Concept], *, target: str = "zh") -> bytes:
    """The CSV glossary OmegaT reads: rows ``source,target,comment`` (English → ``target``),
    no header, UTF-8, CRLF line ends; a field with a comma or quote is quoted, line breaks and
    tabs inside a field become spaces."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(tuple(one_line(f) for f in row) for row in omegat_lines(concepts, target=target))
    return out.getvalue().encode("utf-8")


def write_glossary_csv(concepts: Iterable[Concept], path: str | Path) -> int:
    """Write the CSV glossary OmegaT reads (:func:`render_csv`) to ``path`` (atomically); the
    number of concepts."""
    items = list(concepts)
    write_bytes_atomic(path, render_csv(items))
    return len(items)


def _is_full_header(cells: list[str]) -> bool:
    """Whether the first row of a CSV file is the header of the full CSV: it names ``en``, or
    ``id`` and another of its columns (an OmegaT row ``ID,身份证`` is not a header)."""
    names = {c.strip().lower() for c in cells}
    return "en" in names or ("id" in names and len(names & set(CSV_HEADER)) >= 2)


def read_glossary_csv(path: str | Path) -> list[Concept]:
    """Concepts from a CSV glossary: the full CSV (see :func:`read_full_csv`) if the first row
    is its header, else OmegaT's ``source,target,comment`` rows (read as
    :func:`~silkterm.glossary.formats.omegat.read_omegat` reads its lines; rows whose first
    field starts with ``#`` and blank rows are skipped)."""
    p = Path(path)
    text = read_utf8(p)
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row) or row[0].startswith("#"):
                continue
            if not rows and _is_full_header(row):
                return read_full_csv(p)
            rows.append((reader.line_num, row))
    except csv.Error as e:
        raise GlossaryFormatError(f"malformed CSV: {e}", path=str(p),
                                  line=reader.line_num) from None
    if not rows:
        return read_full_csv(p)  # says what an empty file lacks
    return omegat_concepts(rows, p, origin="csv",
                           needs="a CSV glossary row needs a source and a target term")

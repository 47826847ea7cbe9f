"""CSV and TSV exchange: one bilingual unit per row.

The columns silkterm writes are ``tuid,source_lang,source,target_lang,target,note`` (UTF-8, a
header row, plain text: inline markup is not carried). Reading accepts any subset of these
columns in any order (``id`` and ``notes`` are accepted as names too; other columns are
ignored), or a file without a header whose first two columns are source and target, given
``source_lang`` and ``target_lang``. Control characters (gettext catalogues hold BEL and VT) are
written and read back as they are; a NUL is refused. Several notes are written joined by a newline and read
back as one note.

>>> import tempfile, pathlib
>>> from silkterm.tm.model import Segment, Unit
>>> p = pathlib.Path(tempfile.mkdtemp()) / "m.csv"
>>> u = Unit("khorgos", (Segment("en", "Khorgos"), Segment("zh-Hans", "霍尔果斯")), notes=("a, b",))
>>> write_csv([u], p, source_lang="en", target_lang="zh-Hans")
ExportResult(count=1, warnings=())
>>> print(p.read_text(encoding="utf-8"), end="")
tuid,source_lang,source,target_lang,target,note
khorgos,en,Khorgos,zh-Hans,霍尔果斯,"a, b"
>>> list(read_csv(p)) == [u]
True
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import TMFormatError
from .export import ExportResult, PairLosses, open_atomic
from .files import open_input
from .model import Segment, Unit, make_id, normalize_lang

_CONTROL = re.compile("\x00")  # NUL: a binary file; other controls are text (gettext's BEL, VT)
COLUMNS = ("tuid", "source_lang", "source", "target_lang", "target", "note")
_ALIASES = {"id": "tuid", "notes": "note", "source_language": "source_lang",
            "target_language": "target_lang", "srclang": "source_lang", "tgtlang": "target_lang"}


def _lines(fh: Iterable[bytes], name: str, counter: list[int]) -> Iterator[str]:
    for number, raw in enumerate(fh, 1):
        counter[0] = number
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise TMFormatError(f"not valid UTF-8 (byte 0x{raw[e.start]:02x})", path=name,
                                line=number) from None


def read_csv(path: str | Path, *, source_lang: str | None = None, target_lang: str | None = None,
             delimiter: str = ",") -> Iterator[Unit]:
    """Stream the units of a CSV (or, with ``delimiter="\\t"``, TSV) file."""
    name = str(path)
    fh = open_input(path)
    counter = [0]
    with fh:
        rows = csv.reader(_lines(fh, name, counter), delimiter=delimiter, strict=True)
        columns: dict[str, int] | None = None
        start = 1
        try:
            for row in rows:
                line, start = start, counter[0] + 1
                if not any(cell.strip() for cell in row):
                    continue
                if columns is None:
                    keys = [_ALIASES.get(c.strip().lower(), c.strip().lower()) for c in row]
                    if "source" in keys and "target" in keys:
                        columns = {k: keys.index(k) for k in COLUMNS if k in keys}
                        continue
                    columns = {"source": 0, "target": 1}
                    if len(row) > 2:
                        columns["note"] = 2
                    if not (source_lang and target_lang):
                        raise TMFormatError("no header row (tuid,source_lang,source,target_lang,"
                                            "target,note): give --source-lang and --target-lang",
                                            path=name, line=line)
                yield _unit(row, columns, source_lang, target_lang, name, line)
        except csv.Error as e:
            raise TMFormatError(f"malformed {'TSV' if delimiter == chr(9) else 'CSV'}: {e}",
                                path=name, line=counter[0]) from None


def _unit(row: list[str], columns: dict[str, int], source_lang: str | None,
          target_lang: str | None, name: str, line: int) -> Unit:
    need = max(columns.values()) + 1
    if len(row) < need:
        raise TMFormatError(f"expected {need} columns, found {len(row)}", path=name, line=line)

    def cell(key: str) -> str:
        return row[columns[key]] if key in columns else ""

    sl = cell("source_lang").strip() or source_lang
    tl = cell("target_lang").strip() or target_lang
    if not sl or not tl:
        raise TMFormatError("no language: give --source-lang and --target-lang", path=name,
                            line=line)
    source, target, note = cell("source"), cell("target"), cell("note")
    bad = _CONTROL.search(source + target + note)
    if bad:
        raise TMFormatError(f"control character U+{ord(bad.group()):04X} is not allowed",
                            path=name, line=line)
    if not source:
        raise TMFormatError("empty source", path=name, line=line)
    segments = [Segment.from_text(normalize_lang(sl), source)]
    if target:
        segments.append(Segment.from_text(normalize_lang(tl), target))
    tuid = cell("tuid").strip() or make_id(source, target)
    return Unit(tuid, tuple(segments), notes=(note,) if note else ())


def write_csv(units: Iterable[Unit], path: str | Path, *, source_lang: str, target_lang: str,
              delimiter: str = ",") -> ExportResult:
    """Write the ``source_lang``–``target_lang`` pairs of ``units`` (units without a source
    segment are left out; a missing target is an empty cell): the rows written, and a warning
    for each kind of thing the file cannot hold (other languages, inline codes, plural forms,
    units without a source segment)."""
    count = 0
    name = "TSV" if delimiter == "\t" else "CSV"
    losses = PairLosses(name, normalize_lang(source_lang), normalize_lang(target_lang))
    with open_atomic(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, delimiter=delimiter, lineterminator="\n")
        out.writerow(COLUMNS)
        for unit in units:
            s = unit.segment(source_lang)
            if s is None:
                losses.count("source", f"{{n}} unit(s) have no {losses.pair[0]} segment: "
                                       "not written")
                continue
            losses.unit(unit)
            if unit.prop("x-po-msgid_plural") is not None:
                losses.count("plural", f"{name} holds one form: the plural forms (msgid_plural, "
                                       "msgstr[1]…) of {n} unit(s) are not written")
            t = unit.segment(target_lang)
            t = None if t is s else t
            out.writerow([unit.id, s.lang, s.text, t.lang if t else normalize_lang(target_lang),
                          t.text if t else "", "\n".join(unit.notes)])
            count += 1
    return ExportResult(count, losses.warnings())

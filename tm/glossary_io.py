r"""Glossary exchange: export a glossary as TBX, OmegaT, CSV or PO; import TBX, OmegaT and CSV.

``export_glossary(glossary, path, fmt)`` writes a file (atomically); ``import_glossary(path, fmt)``
reads one into :class:`~silkterm.glossary.model.Concept` values, and ``write_yaml(concepts, path)``
writes those in the glossary file format of the README, so that ``load_glossary([path])`` loads
them. The formats live in a small registry, :data:`GLOSSARY_FORMATS`.

Formats
-------
``tbx``
    TBX v3 (ISO 30042:2019), dialect TBX-Basic, style DCA; see :mod:`silkterm.tm.tbx`. Lossless
    for everything a glossary file lists. Import also reads TBX v2 (``<martif>``).
``omegat``
    OmegaT's tab-separated glossary (UTF-8): ``source<TAB>target<TAB>comment``, one line per
    English form that has a Chinese house form: the house form (comment: pinyin and note), then
    the concept's listed English variants (comment: ``"<status> <kind> of <house form>"``).
    Import groups a variant line under the concept whose house form it names.
``csv``
    RFC 4180 CSV, UTF-8, header ``id,en,zh,status,kind,note``. A concept is one row with its
    house forms (status ``preferred``, empty kind) followed by one row per listed English or
    Chinese variant with the same id, the form in the ``en`` or ``zh`` column and the other empty.
    Kazakh, Russian and traditional-script variants, the concept type and everything else are not
    carried (import gives type ``term`` and the source ``"csv: FILE"``).
``po``
    gettext PO (msgctxt = concept id, msgid = English, msgstr = Chinese), written by
    :func:`silkterm.tm.po.write_glossary_po`; export only.

>>> c = make_concept(id="dry-port", type="term", en="dry port", zh="无水港", source=("tests",))
>>> render_omegat([c]).decode().split("\t")
['dry port', '无水港', 'wúshuǐ gǎng\n']
>>> slug("Xi'an Railway Station")
'xian-railway-station'
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from silkterm.tm.errors import TMError, TMFormatError
from silkterm.tm.files import open_input

if TYPE_CHECKING:
    from silkterm.glossary.model import Concept, Variant

# ---------------------------------------------------------------------------------------------
# shared helpers (also used by silkterm.tm.tbx)

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slug(text: str) -> str:
    """A glossary id (kebab-case ASCII) made from an English form; ``"term"`` if nothing is left.

    >>> slug("Kassym-Jomart Tokayev"), slug("Nur-Sultan (2019)"), slug("新疆")
    ('kassym-jomart-tokayev', 'nur-sultan-2019', 'term')
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’`]", "", ascii_text.lower())
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text)) or "term"


class IdMaker:
    """Hands out unique glossary ids: a given id if it is valid and free, else a slug of the
    English form, numbered ``-2``, ``-3``… on collision."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def __call__(self, given: str | None, en: str) -> str:
        candidate = given.lower() if given else ""
        if not _ID.fullmatch(candidate) or candidate in self.used:
            candidate = slug(en)
        base, n = candidate, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate


def glossary_lang(code: str | None) -> str | None:
    """The glossary language (en, zh, zh-Hant, kk, ru) of a BCP 47 code, or None for others.

    >>> [glossary_lang(c) for c in ("en-US", "zh-Hans", "zh-CN", "zh-TW", "zh-Hant-HK", "kk", "ru-RU", "es")]
    ['en', 'zh', 'zh', 'zh-Hant', 'zh-Hant', 'kk', 'ru', None]
    """
    if not code:
        return None
    parts = code.replace("_", "-").lower().split("-")
    if parts[0] == "zh":
        rest = set(parts[1:])
        return "zh-Hant" if rest & {"hant", "tw", "hk", "mo"} else "zh"
    return parts[0] if parts[0] in ("en", "kk", "ru") else None


def make_concept(**fields: Any) -> Concept:
    """A :class:`Concept` as the loader would build it from the same listed fields: the
    traditional form and (unless given) the pinyin are derived from ``zh``; ``verified`` is false
    when anything is ``unverified``."""
    from silkterm.glossary.model import Concept, ConceptType
    from silkterm.glossary.translit import name_pinyin, to_traditional

    ctype = fields.get("type") or ConceptType.TERM
    fields["type"] = ConceptType(ctype)
    zh = fields.get("zh")
    if zh:
        fields.setdefault("zh_hant", to_traditional(zh))
        if not fields.get("pinyin"):
            fields["pinyin"] = name_pinyin(zh, fields["type"].value)
    if fields.get("unverified"):
        fields["verified"] = False
    return Concept(**fields)


def clean_variants(concept: Concept) -> Concept:
    """Drop variants whose form is a house form of the concept or repeats an earlier variant
    (the loader rejects both); imported files from other tools may contain them."""
    own = {f for f in (concept.en, concept.zh, concept.kk, concept.ru) if f}
    kept: list[Variant] = []
    for v in concept.variants:
        if v.form in own:
            continue
        own.add(v.form)
        kept.append(v)
    return concept if len(kept) == len(concept.variants) else replace(concept, variants=tuple(kept))


def _concepts(glossary: Any) -> list[Concept]:
    return list(glossary)


def _listed(concept: Concept) -> tuple[Variant, ...]:
    return tuple(v for v in concept.variants if v.rule is None)


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


# ---------------------------------------------------------------------------------------------
# OmegaT


def omegat_lines(concepts: Iterable[Concept], *, target: str = "zh") -> list[tuple[str, str, str]]:
    """The (source, target, comment) rows of the OmegaT glossary, English → ``target``."""
    rows: list[tuple[str, str, str]] = []
    for c in concepts:
        tgt = c.house_form(target)
        if not tgt:
            continue
        comment = "; ".join(p for p in ((c.pinyin or "") if target.startswith("zh") else "",
                                        _one_line(c.note)) if p)
        rows.append((c.en, tgt, comment))
        for v in _listed(c):
            if v.lang != "en":
                continue
            kind = f" {v.kind.value}" if v.kind else ""
            rows.append((v.form, tgt, f"{v.status.value}{kind} of {c.en}"))
    return rows


def render_omegat(concepts: Iterable[Concept], *, target: str = "zh") -> bytes:
    """OmegaT's tab-separated glossary (UTF-8, LF line ends); tabs inside fields become spaces."""
    out = io.StringIO()
    for row in omegat_lines(concepts, target=target):
        out.write("\t".join(_one_line(f) for f in row) + "\n")
    return out.getvalue().encode("utf-8")


_VARIANT_COMMENT = re.compile(r"(preferred|admitted|deprecated|forbidden)(?: ([a-z-]+))? of (.+)")


def _decode(path: Path) -> str:
    with open_input(path) as fh:
        raw = fh.read()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise TMFormatError("not valid UTF-8", path=str(path), line=line) from None


def _split_pinyin(comment: str, zh: str) -> tuple[str | None, str]:
    """Split the pinyin of ``zh`` off the front of an OmegaT comment (``"pinyin; note"``)."""
    from pypinyin import lazy_pinyin

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
    from silkterm.glossary.model import Kind, Status, Variant

    if target not in ("zh", "kk", "ru"):
        raise TMError(f"an OmegaT glossary can be read into zh, kk or ru, not {target!r}")
    p = Path(path)
    text = _decode(p)
    ids = IdMaker()
    order: list[str] = []
    fields: dict[str, dict[str, Any]] = {}
    by_en: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise TMFormatError("an OmegaT glossary line needs a source and a target term "
                                "separated by a tab", path=str(p), line=number)
        source, tgt, comment = cells[0], cells[1], cells[2] if len(cells) > 2 else ""
        m = _VARIANT_COMMENT.fullmatch(comment)
        if m and m.group(3) in by_en:
            owner = fields[by_en[m.group(3)]]
            try:
                kind = Kind(m.group(2)) if m.group(2) else None
            except ValueError:
                kind = None
            owner["variants"].append(Variant(form=source, status=Status(m.group(1)), kind=kind))
            continue
        if source in by_en:  # the same source with another target: an alternative target form
            owner = fields[by_en[source]]
            owner["variants"].append(Variant(form=tgt, lang=target, note=comment or None))
            continue
        cid = ids(None, source)
        pinyin, note = _split_pinyin(comment, tgt) if target == "zh" else (None, comment)
        entry: dict[str, Any] = {"id": cid, "en": source, "note": note or None, "pinyin": pinyin,
                                 "source": (f"omegat: {p.name}",), "variants": []}
        entry[target] = tgt
        fields[cid] = entry
        by_en[source] = cid
        order.append(cid)
    out = []
    for cid in order:
        f = fields[cid]
        f["variants"] = tuple(f["variants"])
        out.append(clean_variants(make_concept(**f)))
    return out


# ---------------------------------------------------------------------------------------------
# CSV

CSV_HEADER = ("id", "en", "zh", "status", "kind", "note")


def csv_rows(concepts: Iterable[Concept]) -> list[tuple[str, ...]]:
    """Rows of the CSV export (without the header)."""
    rows: list[tuple[str, ...]] = []
    for c in concepts:
        rows.append((c.id, c.en, c.zh or "", "preferred", "", c.note or ""))
        for v in _listed(c):
            if v.lang not in ("en", "zh"):
                continue
            en, zh = (v.form, "") if v.lang == "en" else ("", v.form)
            rows.append((c.id, en, zh, v.status.value, v.kind.value if v.kind else "", v.note or ""))
    return rows


def render_csv(concepts: Iterable[Concept]) -> bytes:
    """The CSV export: UTF-8, CRLF line ends (RFC 4180), header ``id,en,zh,status,kind,note``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_rows(concepts))
    return out.getvalue().encode("utf-8")


def read_csv(path: str | Path) -> list[Concept]:
    """Concepts from a CSV file with the header ``id,en,zh,status,kind,note`` (``id``, ``zh``,
    ``status``, ``kind`` and ``note`` may be missing; columns may come in any order; other columns
    are ignored). A row whose id was seen before is a variant of that concept: exactly one of
    ``en``/``zh`` holds its form. A row without id starts a concept with an id made from ``en``."""
    from silkterm.glossary.model import Kind, Status, Variant

    p = Path(path)
    text = _decode(p)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise TMFormatError("empty CSV file (expected the header id,en,zh,status,kind,note)",
                            path=str(p), line=1) from None
    except csv.Error as e:
        raise TMFormatError(f"malformed CSV: {e}", path=str(p), line=1) from None
    if "en" not in header:
        raise TMFormatError("the CSV header needs an 'en' column (expected id,en,zh,status,kind,note)",
                            path=str(p), line=1)
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

            given, en, zh, status_text, kind_text, note = (cell(n) for n in CSV_HEADER)
            status = _enum(Status, status_text or None, "status", p, line)
            kind = _enum(Kind, kind_text or None, "kind", p, line)
            if given and given in given_ids:
                if bool(en) == bool(zh):
                    raise TMFormatError(f"a variant row of {given!r} needs its form in exactly one "
                                        "of the columns en and zh", path=str(p), line=line)
                fields[given_ids[given]]["variants"].append(Variant(
                    form=en or zh, lang="en" if en else "zh",
                    status=status or Status.ADMITTED, kind=kind, note=note or None))
                continue
            if not en:
                raise TMFormatError("a concept row needs the English form in column 'en'",
                                    path=str(p), line=line)
            cid = ids(given or None, en)
            if given:
                given_ids[given] = cid
            fields[cid] = {"id": cid, "en": en, "zh": zh or None, "note": note or None,
                           "source": (f"csv: {p.name}",), "variants": []}
            order.append(cid)
    except csv.Error as e:
        raise TMFormatError(f"malformed CSV: {e}", path=str(p), line=reader.line_num) from None
    out = []
    for cid in order:
        f = fields[cid]
        f["variants"] = tuple(f["variants"])
        out.append(clean_variants(make_concept(**f)))
    return out


def _enum(enum: Any, value: str | None, what: str, path: Path, line: int) -> Any:
    if value is None:
        return None
    try:
        return enum(value.lower())
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise TMFormatError(f"{what} {value!r} is not one of: {allowed}", path=str(path),
                            line=line) from None


# ---------------------------------------------------------------------------------------------
# YAML (the glossary file format of the README)


def _scalar(value: Any) -> str:
    import yaml

    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**9,
                          sort_keys=False)
    text = text.rstrip("\n")
    return text.removesuffix("\n...")


def _flow(values: Sequence[str]) -> str:
    return _scalar(list(values))


def _emit_list(lines: list[str], indent: str, key: str, values: Sequence[str]) -> None:
    flow = _flow(values)
    if len(indent) + len(key) + 2 + len(flow) <= 100:
        lines.append(f"{indent}{key}: {flow}")
        return
    lines.append(f"{indent}{key}:")
    lines.extend(f"{indent}- {_scalar(v)}" for v in values)


def _variant_lines(v: Variant) -> list[str]:
    from silkterm.glossary.model import Status

    lines = [f"  - form: {_scalar(v.form)}"]
    ind = "    "
    if v.lang != "en":
        lines.append(f"{ind}lang: {v.lang}")
    if v.status is not Status.ADMITTED:
        lines.append(f"{ind}status: {v.status.value}")
    if v.kind is not None:
        lines.append(f"{ind}kind: {v.kind.value}")
    if v.action is not None:
        lines.append(f"{ind}action: {v.action.value}")
    if v.case is not None:
        lines.append(f"{ind}case: {v.case.value}")
    if v.valid is not None:
        valid = {k: d for k, d in (("from", v.valid.start), ("to", v.valid.end)) if d is not None}
        lines.append(f"{ind}valid: {_scalar(valid)}")
    if v.exceptions:
        _emit_list(lines, ind, "exceptions", v.exceptions)
    if v.ambiguous:
        lines.append(f"{ind}ambiguous: true")
    if v.note is not None:
        lines.append(f"{ind}note: {_scalar(v.note)}")
    if v.source:
        _emit_list(lines, ind, "source", v.source)
    if not v.verified:
        lines.append(f"{ind}verified: false")
    if v.seen:
        _emit_list(lines, ind, "seen", v.seen)
    if v.use is not None:
        lines.append(f"{ind}use: {_scalar(v.use)}")
    return lines


def concept_yaml(c: Concept) -> str:
    """One concept in the README layout (block style, short lists in flow style); fields equal
    to their defaults or derived by the loader (pinyin from ``zh``, traditional forms, generated
    variants) are left out."""
    from silkterm.glossary.model import Article, Case
    from silkterm.glossary.translit import name_pinyin

    lines = [f"- id: {c.id}", f"  type: {c.type.value}", f"  en: {_scalar(c.en)}"]
    if c.zh is not None:
        lines.append(f"  zh: {_scalar(c.zh)}")
    if c.pinyin is not None and (c.zh is None or c.pinyin != name_pinyin(c.zh, c.type.value)):
        lines.append(f"  pinyin: {_scalar(c.pinyin)}")
    if c.kk is not None:
        lines.append(f"  kk: {_scalar(c.kk)}")
    if c.ru is not None:
        lines.append(f"  ru: {_scalar(c.ru)}")
    if c.note is not None:
        lines.append(f"  note: {_scalar(c.note)}")
    _emit_list(lines, "  ", "source", c.source or ("unknown",))
    if not c.verified and not c.unverified:
        lines.append("  verified: false")
    if c.unverified:
        lines.append(f"  unverified: {_flow(c.unverified)}")
    if c.case is not Case.SHAPE:
        lines.append(f"  case: {c.case.value}")
    if c.article is not Article.ANY:
        lines.append(f"  article: {c.article.value}")
    if c.seen:
        _emit_list(lines, "  ", "seen", c.seen)
    listed = _listed(c)
    if listed:
        lines.append("  variants:")
        for v in listed:
            lines.extend(_variant_lines(v))
    if c.specs:
        lines.append("  specs:")
        lines.extend(f"  - {_scalar({'from': s.source, 'to': s.expected})}" for s in c.specs)
    if c.exclude_rules:
        lines.append(f"  exclude_rules: {_flow(c.exclude_rules)}")
    return "\n".join(lines) + "\n"


def render_yaml(concepts: Iterable[Concept]) -> str:
    """A glossary file holding ``concepts`` (listed data only)."""
    body = "".join(concept_yaml(c) for c in concepts)
    return "concepts:\n" + body if body else "concepts: []\n"


def write_yaml(concepts: Iterable[Concept], path: str | Path, *, validate: bool = True) -> int:
    """Write ``concepts`` as a glossary YAML file (atomically) and return their number.

    With ``validate`` the text is first checked with the glossary loader (errors name ``path``
    and the line), so a file that ``load_glossary`` would reject is never written.
    """
    from silkterm.glossary.errors import GlossaryError
    from silkterm.glossary.textio import write_bytes_atomic

    items = list(concepts)
    text = render_yaml(items)
    if validate:
        from silkterm.glossary.loader import load_files

        target = Path(path)
        fd, tmp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".",
                                   prefix=f".{target.name}.", suffix=".yaml")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            load_files([tmp])
        except GlossaryError as e:
            raise type(e)(e.message, path=str(path), line=e.line) from None
        finally:
            os.unlink(tmp)
    write_bytes_atomic(path, text.encode("utf-8"))
    return len(items)


# ---------------------------------------------------------------------------------------------
# the registry


@dataclass(frozen=True, slots=True)
class GlossaryFormat:
    """One exchange format: how to write a glossary to a path, and how to read concepts back."""

    name: str
    extensions: tuple[str, ...]
    write: Callable[[Any, Path], None] | None
    read: Callable[..., list[Concept]] | None


def _write_bytes(render: Callable[[list[Concept]], bytes]) -> Callable[[Any, Path], None]:
    def write(glossary: Any, path: Path) -> None:
        from silkterm.glossary.textio import write_bytes_atomic

        write_bytes_atomic(path, render(_concepts(glossary)))

    return write


def _write_tbx(glossary: Any, path: Path) -> None:
    from silkterm.tm.tbx import write_tbx

    write_tbx(_concepts(glossary), path)


def _read_tbx(path: Path, skipped: list[str] | None = None) -> list[Concept]:
    from silkterm.tm.tbx import read_tbx

    return read_tbx(path, skipped=skipped)


def _write_po(glossary: Any, path: Path) -> None:
    from silkterm.glossary.model import Glossary
    from silkterm.tm.po import write_glossary_po

    if not isinstance(glossary, Glossary):
        glossary = Glossary(tuple(glossary))
    write_glossary_po(glossary, path)


GLOSSARY_FORMATS: dict[str, GlossaryFormat] = {
    f.name: f for f in (
        GlossaryFormat("tbx", (".tbx", ".xml"), _write_tbx, _read_tbx),
        GlossaryFormat("omegat", (".txt", ".tab", ".tsv", ".utf8"), _write_bytes(render_omegat),
                       read_omegat),
        GlossaryFormat("csv", (".csv",), _write_bytes(render_csv), read_csv),
        GlossaryFormat("po", (".po", ".pot"), _write_po, None),
    )
}


def format_for(path: str | Path, fmt: str | None = None, *, reading: bool = False) -> GlossaryFormat:
    """The format named ``fmt``, or the one the file's extension implies."""
    if fmt is None:
        suffix = Path(path).suffix.lower()
        for f in GLOSSARY_FORMATS.values():
            if suffix in f.extensions and (f.read if reading else f.write) is not None:
                return f
        names = ", ".join(n for n, f in GLOSSARY_FORMATS.items() if (f.read if reading else f.write))
        raise TMFormatError(f"cannot tell the glossary format from the file name; give one of: {names}",
                            path=str(path))
    try:
        found = GLOSSARY_FORMATS[fmt]
    except KeyError:
        raise TMError(f"unknown glossary format {fmt!r} (known: {', '.join(GLOSSARY_FORMATS)})",
                      path=str(path)) from None
    if (found.read if reading else found.write) is None:
        raise TMError(f"the {fmt} format can only be {'written' if reading else 'read'}",
                      path=str(path))
    return found


def export_glossary(glossary: Any, path: str | Path, fmt: str | None = None) -> int:
    """Write ``glossary`` (a Glossary or concepts) to ``path`` in ``fmt`` (default: by the
    extension); return the number of concepts."""
    items = glossary if hasattr(glossary, "concepts") else list(glossary)
    format_for(path, fmt).write(items, Path(path))  # type: ignore[misc]
    return len(items)


def import_glossary(path: str | Path, fmt: str | None = None, *,
                    skipped: list[str] | None = None) -> list[Concept]:
    """Read concepts from a TBX (v2 or v3), OmegaT or CSV file; ``fmt`` defaults to the one the
    extension implies. Raises :class:`~silkterm.tm.errors.TMFormatError` on bad input.

    TBX entries from other tools without an English term are errors unless ``skipped`` (a list)
    is given; then they are left out and listed there (``"path:line: entry id"``).
    """
    found = format_for(path, fmt, reading=True)
    assert found.read is not None
    if found.name == "tbx":
        return found.read(Path(path), skipped)
    return found.read(Path(path))

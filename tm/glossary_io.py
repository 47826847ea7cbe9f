r"""Glossary exchange: export a glossary as TBX, OmegaT, CSV or PO; import any of them.

``export_glossary(glossary, path, fmt)`` writes a file (atomically); ``import_glossary(path, fmt)``
reads one into :class:`~silkterm.glossary.model.Concept` values, and ``write_yaml(concepts, path)``
writes those in the glossary file format of the README, so that ``load_glossary([path])`` loads
them. The formats live in a small registry, :data:`GLOSSARY_FORMATS`.

Every format carries, for each form it holds, what tells two concepts' shared forms apart
(``ambiguous``, ``case``) and what normalising does with it (``action``, validity): the *flags*
of :func:`variant_flags`. So a glossary exported in any format and imported again passes
``glossary check``.

Formats
-------
``tbx``
    TBX v3 (ISO 30042:2019), dialect TBX-Basic, style DCA; see :mod:`silkterm.tm.tbx`. Lossless
    for everything a glossary file lists. Import also reads TBX v2 (``<martif>``).
``omegat``
    OmegaT's tab-separated glossary (UTF-8): ``source<TAB>target<TAB>comment``, one line per
    English form that has a Chinese house form: the house form (comment: pinyin and note), then
    the concept's listed English variants (comment: ``"<status> <kind> of <house form>"``); flags
    follow in brackets (``"admitted short-form of Amangeldy Imanov [ambiguous]"``, a concept's
    ``[case exact]``). Import groups a variant line under the concept whose house form it names.
    Extensions: OmegaT's ``.txt`` and ``.utf8`` (UTF-8) and ``.tab`` (written with a UTF-8
    byte-order mark, without which OmegaT reads ``.tab`` in the system's charset), and ``.tsv``.
``csv``
    RFC 4180 CSV, UTF-8, header ``id,en,zh,status,kind,note,type,flags``. A concept is one row
    with its house forms (status ``preferred``, empty kind, its type, flag ``case`` if not
    shape) followed by one row per listed English or Chinese variant with the same id, the form
    in the ``en`` or ``zh`` column and the other empty, and its flags (``"ambiguous, case
    exact"``). Kazakh, Russian and traditional-script variants and everything else are not
    carried (import gives the source ``"csv: FILE"``).
``po``
    gettext PO (msgctxt = concept id, msgid = English, msgstr = Chinese; extracted comments
    carry type, pinyin, Kazakh and Russian forms, case, the variants with their flags and the
    note), written by :func:`silkterm.tm.po.write_glossary_po` and read by :func:`read_glossary_po`.
    Sources, specs and the other provenance fields are not carried.

>>> c = make_concept(id="dry-port", type="term", en="dry port", zh="无水港", source=("tests",))
>>> render_omegat([c]).decode().split("\t")
['dry port', '无水港', 'wúshuǐ gǎng\n']
>>> slug("Xi'an Railway Station")
'xian-railway-station'
"""

from __future__ import annotations

import codecs
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

from silkterm.glossary.registry import Registry, extension, extensions
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


def _built(fields: dict[str, dict[str, Any]], order: Sequence[str]) -> list[Concept]:
    """The concepts a reader collected as ``fields`` (variants in a list), in ``order``."""
    return [clean_variants(make_concept(**{**fields[cid], "variants": tuple(fields[cid]["variants"])}))
            for cid in order]


def _concepts(glossary: Any) -> list[Concept]:
    return list(glossary)


def _listed(concept: Concept) -> tuple[Variant, ...]:
    return tuple(v for v in concept.variants if v.rule is None)


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


# ---------------------------------------------------------------------------------------------
# flags: what OmegaT, CSV and PO carry besides forms, statuses and kinds


_FLAG = re.compile(r"ambiguous|case (?:exact|shape|ignore)|action (?:replace|suggest|note|keep)"
                   r"|(?:from|to) \d{4}-\d{2}-\d{2}")


def variant_flags(v: Variant) -> list[str]:
    """The flags of a variant that decide how it matches and what normalising does with it:
    ``ambiguous``, ``case <case>``, ``action <action>``, ``from <date>``, ``to <date>`` (the
    validity of a former name). They tell apart two concepts' shared forms, so every exchange
    format carries them (OmegaT and PO in the comment, CSV in the ``flags`` column).

    >>> from silkterm.glossary.model import Case, Variant
    >>> variant_flags(Variant("Altai", ambiguous=True, case=Case.EXACT))
    ['ambiguous', 'case exact']
    """
    flags = ["ambiguous"] if v.ambiguous else []
    if v.case is not None:
        flags.append(f"case {v.case.value}")
    if v.action is not None:
        flags.append(f"action {v.action.value}")
    if v.valid is not None:
        flags.extend(f"{name} {day.isoformat()}" for name, day in
                     (("from", v.valid.start), ("to", v.valid.end)) if day is not None)
    return flags


def concept_flags(c: Concept) -> list[str]:
    """The concept's own flag: ``case <case>`` unless it is the default (shape)."""
    return [] if c.case.value == "shape" else [f"case {c.case.value}"]


def parse_flags(tokens: Iterable[str]) -> dict[str, Any] | None:
    """The fields (``ambiguous``, ``case``, ``action``, ``valid``) the flag ``tokens`` give, or
    None if one of them is not a flag.

    >>> parse_flags(["ambiguous", "to 1993-01-28"])
    {'ambiguous': True, 'valid': Validity(start=None, end=datetime.date(1993, 1, 28))}
    >>> parse_flags(["ambiguous", "of course"]) is None
    True
    """
    import datetime as _dt

    from silkterm.glossary.model import Action, Case, Validity

    fields: dict[str, Any] = {}
    days: dict[str, _dt.date] = {}
    for token in tokens:
        token = token.strip()
        if not _FLAG.fullmatch(token):
            return None
        name, _, value = token.partition(" ")
        if name == "ambiguous":
            fields["ambiguous"] = True
        elif name == "case":
            fields["case"] = Case(value)
        elif name == "action":
            fields["action"] = Action(value)
        else:
            try:
                days[name] = _dt.date.fromisoformat(value)
            except ValueError:
                return None
    if days:
        fields["valid"] = Validity(days.get("from"), days.get("to"))
    return fields


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
        rows.append((c.en, tgt, _with_flags(comment, concept_flags(c))))
        for v in _listed(c):
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
        described, flags = _split_flags(comment)
        m = _VARIANT_COMMENT.fullmatch(described)
        if m and m.group(3) in by_en:
            owner = fields[by_en[m.group(3)]]
            try:
                kind = Kind(m.group(2)) if m.group(2) else None
            except ValueError:
                kind = None
            owner["variants"].append(Variant(form=source, status=Status(m.group(1)), kind=kind,
                                             **flags))
            continue
        if source in by_en:  # the same source with another target: an alternative target form
            owner = fields[by_en[source]]
            owner["variants"].append(Variant(form=tgt, lang=target, note=comment or None))
            continue
        cid = ids(None, source)
        if set(flags) <= {"case"}:
            comment = described
        else:
            flags = {}
        pinyin, note = _split_pinyin(comment, tgt) if target == "zh" else (None, comment)
        entry: dict[str, Any] = {"id": cid, "en": source, "note": note or None, "pinyin": pinyin,
                                 "source": (f"omegat: {p.name}",), "variants": [], **flags}
        entry[target] = tgt
        fields[cid] = entry
        by_en[source] = cid
        order.append(cid)
    return _built(fields, order)


# ---------------------------------------------------------------------------------------------
# CSV

CSV_HEADER = ("id", "en", "zh", "status", "kind", "note", "type", "flags")


def csv_rows(concepts: Iterable[Concept]) -> list[tuple[str, ...]]:
    """Rows of the CSV export (without the header)."""
    rows: list[tuple[str, ...]] = []
    for c in concepts:
        rows.append((c.id, c.en, c.zh or "", "preferred", "", c.note or "", c.type.value,
                     ", ".join(concept_flags(c))))
        for v in _listed(c):
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
    from silkterm.glossary.model import ConceptType, Kind, Status, Variant

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

            given, en, zh, status_text, kind_text, note, type_text, flags_text = (
                cell(n) for n in CSV_HEADER)
            status = _enum(Status, status_text or None, "status", p, line)
            kind = _enum(Kind, kind_text or None, "kind", p, line)
            ctype = _enum(ConceptType, type_text or None, "type", p, line)
            flags = parse_flags(flags_text.split(",")) if flags_text else {}
            if flags is None:
                raise TMFormatError(f"flags {flags_text!r}: expected a comma-separated list of "
                                    "ambiguous, case CASE, action ACTION, from DATE, to DATE",
                                    path=str(p), line=line)
            if given and given in given_ids:
                if bool(en) == bool(zh):
                    raise TMFormatError(f"a variant row of {given!r} needs its form in exactly one "
                                        "of the columns en and zh", path=str(p), line=line)
                fields[given_ids[given]]["variants"].append(Variant(
                    form=en or zh, lang="en" if en else "zh",
                    status=status or Status.ADMITTED, kind=kind, note=note or None, **flags))
                continue
            if not en:
                raise TMFormatError("a concept row needs the English form in column 'en'",
                                    path=str(p), line=line)
            if set(flags) - {"case"}:
                raise TMFormatError(f"flags {flags_text!r}: a concept row takes only 'case CASE'",
                                    path=str(p), line=line)
            cid = ids(given or None, en)
            if given:
                given_ids[given] = cid
            fields[cid] = {"id": cid, "en": en, "zh": zh or None, "note": note or None,
                           "type": ctype, "source": (f"csv: {p.name}",), "variants": [], **flags}
            order.append(cid)
    except csv.Error as e:
        raise TMFormatError(f"malformed CSV: {e}", path=str(p), line=reader.line_num) from None
    return _built(fields, order)


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
# PO (the file is written and parsed by silkterm.tm.po; the comments are made and read here)

_PO_KEYS = ("type", "zh-Hant", "pinyin", "kk", "ru", "case", "variants", "note")
_PO_VARIANT = re.compile(r"(.+?) \(((?:preferred|admitted|deprecated|forbidden)[^()]*)\)(?:; |$)")


def _po_variant(v: Variant) -> str:
    kind = f" {v.kind.value}" if v.kind else ""
    lang = [] if v.lang == "en" else [v.lang]
    return f"{v.form} ({', '.join([v.status.value + kind, *lang, *variant_flags(v)])})"


def po_comments(c: Concept) -> list[str]:
    """The extracted comments of a concept's PO entry: ``type``, ``zh-Hant``, ``pinyin``,
    ``kk``, ``ru``, ``case`` (if not shape), ``variants`` (``form (status kind[, lang][, flag…])``
    joined by ``"; "``) and ``note`` (on one line), each as ``key: value``.

    >>> from silkterm.glossary.model import Variant
    >>> po_comments(make_concept(id="altai", en="Altai Mountains", source=("t",),
    ...                          variants=(Variant("Altai", ambiguous=True),)))
    ['type: term', 'variants: Altai (admitted, ambiguous)']
    """
    comments = [f"type: {c.type.value}"]
    if c.zh_hant and c.zh_hant != c.zh:
        comments.append(f"zh-Hant: {c.zh_hant}")
    if c.pinyin:
        comments.append(f"pinyin: {c.pinyin}")
    comments.extend(f"{lang}: {form}" for lang, form in (("kk", c.kk), ("ru", c.ru)) if form)
    if concept_flags(c):
        comments.append(f"case: {c.case.value}")
    listed = _listed(c)
    if listed:
        comments.append("variants: " + "; ".join(_po_variant(v) for v in listed))
    if c.note:
        comments.append(f"note: {_one_line(c.note)}")
    return comments


def _po_variants(text: str, path: Path, line: int) -> list[Variant]:
    from silkterm.glossary.model import LANGUAGES, Kind, Status, Variant

    out: list[Variant] = []
    pos = 0
    while pos < len(text):
        m = _PO_VARIANT.match(text, pos)
        if m is None:
            raise TMFormatError(f"cannot read the variants {text[pos:]!r} (expected "
                                "'form (status kind[, lang][, flag…])' joined by '; ')",
                                path=str(path), line=line)
        pos = m.end()
        head, *rest = m.group(2).split(", ")
        status, _, kind_text = head.partition(" ")
        langs = [t for t in rest if t in LANGUAGES]
        flags = parse_flags(t for t in rest if t not in LANGUAGES)
        kind = _enum(Kind, kind_text or None, "kind", path, line)
        if flags is None or len(langs) > 1:
            raise TMFormatError(f"cannot read the variant {m.group(0).rstrip('; ')!r}",
                                path=str(path), line=line)
        out.append(Variant(form=m.group(1), lang=langs[0] if langs else "en",
                           status=Status(status), kind=kind, **flags))
    return out


def read_glossary_po(path: str | Path) -> list[Concept]:
    """Concepts from a PO glossary: ``msgid`` is the English house form, ``msgstr`` the Chinese
    one (a fuzzy or empty ``msgstr`` gives none), ``msgctxt`` the id (else one is made from the
    English form); the extracted comments :func:`po_comments` writes give the rest. Other
    comments become the note. An English form met again without a context adds its Chinese
    form as a variant. Obsolete entries are skipped."""
    from silkterm.glossary.model import Case, ConceptType, Variant
    from silkterm.tm.po import load_po

    p = Path(path)
    loaded = load_po(p)
    ids = IdMaker()
    order: list[str] = []
    fields: dict[str, dict[str, Any]] = {}
    by_en: dict[str, str] = {}
    for entry in loaded.pofile:
        if entry.obsolete or not entry.msgid:
            continue
        line = loaded.line_of(entry)
        msgstr = entry.msgstr or (entry.msgstr_plural or {}).get(0, "")
        zh = "" if "fuzzy" in entry.flags else msgstr.strip()
        en = entry.msgid.strip()
        if not entry.msgctxt and en in by_en:
            if zh:
                fields[by_en[en]]["variants"].append(Variant(form=zh, lang="zh"))
            continue
        keyed: dict[str, str] = {}
        other: list[str] = []
        for text in [*(entry.comment or "").splitlines(), *(entry.tcomment or "").splitlines()]:
            key, sep, value = text.partition(": ")
            if sep and key in _PO_KEYS and key not in keyed:
                keyed[key] = value.strip()
            elif text.strip():
                other.append(text.strip())
        cid = ids(entry.msgctxt, en)
        item: dict[str, Any] = {
            "id": cid, "en": en, "zh": zh or None, "source": (f"po: {p.name}",),
            "type": _enum(ConceptType, keyed.get("type"), "type", p, line),
            "pinyin": keyed.get("pinyin") or None,
            "kk": keyed.get("kk") or None, "ru": keyed.get("ru") or None,
            "case": _enum(Case, keyed.get("case"), "case", p, line) or Case.SHAPE,
            "note": keyed.get("note") or " ".join(other) or None,
            "variants": _po_variants(keyed["variants"], p, line) if keyed.get("variants") else [],
        }
        fields[cid] = item
        by_en.setdefault(en, cid)
        order.append(cid)
    return _built(fields, order)


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

    With ``validate`` the text is first loaded as ``glossary check`` loads it (validated,
    compiled, specs run; errors name ``path`` and the line), so a file that ``load_glossary``
    would reject (a form two concepts share without ``ambiguous`` or a case rule, say) is never
    written.
    """
    from silkterm.glossary.errors import GlossaryError
    from silkterm.glossary.textio import write_bytes_atomic

    items = list(concepts)
    text = render_yaml(items)
    if validate:
        from silkterm.glossary.loader import load_glossary

        fd, tmp = tempfile.mkstemp(prefix=f"silkterm-{Path(path).name}.", suffix=".yaml")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            load_glossary([tmp], include_default=False, use_cache=False)
        except GlossaryError as e:
            raise type(e)(e.message.replace(tmp, str(path)), path=str(path), line=e.line) from None
        finally:
            os.unlink(tmp)
    write_bytes_atomic(path, text.encode("utf-8"))
    return len(items)


# ---------------------------------------------------------------------------------------------
# the registry


#: ``read(path, *, skipped, notices)``: the concepts in a file. ``skipped`` and ``notices``
#: (lists, or ``None``) collect what a format leaves out or changes (see :func:`import_glossary`);
#: formats with nothing to report ignore them.
GlossaryReader = Callable[..., list["Concept"]]


@dataclass(frozen=True, slots=True)
class GlossaryFormat:
    """One exchange format: how to write a glossary to a path, and how to read concepts back.
    ``extensions`` are stored without the dot, in lower case."""

    name: str
    extensions: tuple[str, ...]
    write: Callable[[Any, Path], None] | None
    read: GlossaryReader | None

    def __post_init__(self) -> None:
        object.__setattr__(self, "extensions", extensions(self.extensions))


def _write_bytes(render: Callable[[list[Concept]], bytes]) -> Callable[[Any, Path], None]:
    def write(glossary: Any, path: Path) -> None:
        from silkterm.glossary.textio import write_bytes_atomic

        write_bytes_atomic(path, render(_concepts(glossary)))

    return write


def _write_omegat(glossary: Any, path: Path) -> None:
    """OmegaT reads ``.txt`` and ``.utf8`` glossaries as UTF-8 but ``.tab`` ones in the system's
    charset unless they start with a byte-order mark: a ``.tab`` file gets one."""
    from silkterm.glossary.textio import write_bytes_atomic

    bom = codecs.BOM_UTF8 if extension(path) == "tab" else b""
    write_bytes_atomic(path, bom + render_omegat(_concepts(glossary)))


def _write_tbx(glossary: Any, path: Path) -> None:
    from silkterm.tm.tbx import write_tbx

    write_tbx(_concepts(glossary), path)


def _read_tbx(path: Path, *, skipped: list[str] | None = None,
              notices: list[str] | None = None) -> list[Concept]:
    from silkterm.tm.tbx import read_tbx

    return read_tbx(path, skipped=skipped, notices=notices)


def _reporting_nothing(read: Callable[[Path], list[Concept]]) -> GlossaryReader:
    """``read`` as a :data:`GlossaryReader` of a format that leaves nothing out."""
    def read_reporting(path: Path, *, skipped: list[str] | None = None,
                       notices: list[str] | None = None) -> list[Concept]:
        return read(path)

    return read_reporting


def _write_po(glossary: Any, path: Path) -> None:
    from silkterm.glossary.model import Glossary
    from silkterm.tm.po import write_glossary_po

    if not isinstance(glossary, Glossary):
        glossary = Glossary(tuple(glossary))
    write_glossary_po(glossary, path)


def _unknown_name(name: str, registry: Registry[GlossaryFormat]) -> TMError:
    return TMError(f"unknown glossary format {name!r} (known: {', '.join(registry)})")


def _unknown_path(path: str | Path, registry: Registry[GlossaryFormat],
                  able: Callable[[GlossaryFormat], bool] = lambda f: True) -> TMFormatError:
    names = ", ".join(name for name, f in registry.items() if able(f))
    return TMFormatError(f"cannot tell the glossary format from the file name; give one of: {names}",
                         path=str(path))


#: The glossary's exchange formats (the registry type the memory's formats use too).
GLOSSARY_FORMATS: Registry[GlossaryFormat] = Registry(unknown_name=_unknown_name,
                                                      unknown_path=_unknown_path)
GLOSSARY_FORMATS.register(GlossaryFormat("tbx", ("tbx", "xml"), _write_tbx, _read_tbx))
GLOSSARY_FORMATS.register(GlossaryFormat("omegat", ("txt", "utf8", "tab", "tsv"), _write_omegat,
                                         _reporting_nothing(read_omegat)))
GLOSSARY_FORMATS.register(GlossaryFormat("csv", ("csv",), _write_bytes(render_csv),
                                         _reporting_nothing(read_glossary_csv)))
GLOSSARY_FORMATS.register(GlossaryFormat("po", ("po", "pot"), _write_po,
                                         _reporting_nothing(read_glossary_po)))


def format_for(path: str | Path, fmt: str | None = None, *, reading: bool = False) -> GlossaryFormat:
    """The format named ``fmt``, or the one the file's extension implies, that can read
    (``reading``) or write."""
    def able(f: GlossaryFormat) -> bool:
        return (f.read if reading else f.write) is not None

    if fmt is None:
        found = GLOSSARY_FORMATS.find(path, able)
        if found is None:
            raise _unknown_path(path, GLOSSARY_FORMATS, able)
        return found
    found = GLOSSARY_FORMATS.get(fmt)
    if found is None:
        raise TMError(_unknown_name(fmt, GLOSSARY_FORMATS).message, path=str(path))
    if not able(found):
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
                    skipped: list[str] | None = None,
                    notices: list[str] | None = None) -> list[Concept]:
    """Read concepts from a TBX (v2 or v3), OmegaT, CSV or PO file; ``fmt`` defaults to the one
    the extension implies. Raises :class:`~silkterm.tm.errors.TMFormatError` on bad input.

    TBX entries from other tools without an English term are errors unless ``skipped`` (a list)
    is given; then they are left out and listed there (``"path:line: entry id"``). TBX entries
    whose only English terms are deprecated are imported with the first of them as the house
    form and listed in ``notices`` (see :func:`silkterm.tm.tbx.read_tbx`).
    """
    found = format_for(path, fmt, reading=True)
    assert found.read is not None
    return found.read(Path(path), skipped=skipped, notices=notices)

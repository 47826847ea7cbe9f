"""The glossary as a gettext PO file: one entry per concept.

``msgctxt`` is the concept id, ``msgid`` the English house form, ``msgstr`` the Chinese one;
extracted comments carry type, pinyin, Kazakh and Russian forms, case, the variants with their
flags and the note (:func:`po_comments`). Sources, specs and the other provenance fields are not
carried. The file is parsed and written through the polib adapter
(:mod:`silkterm.glossary.formats.pofile`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from silkterm.glossary.errors import GlossaryFormatError
from silkterm.glossary.formats import pofile
from silkterm.glossary.formats.common import (
    IdMaker,
    built_concepts,
    listed_variants,
    one_line,
    parse_enum,
    parse_flags,
    variant_flags,
)
from silkterm.glossary.model import (
    LANGUAGES,
    Case,
    Concept,
    ConceptType,
    Kind,
    Status,
    Variant,
)
from silkterm.glossary.textio import open_atomic

#: The header's ``Plural-Forms``: gettext's rule for Chinese (one form), the glossary's target.
CHINESE_PLURAL_FORMS = "nplurals=1; plural=0;"

_PO_KEYS = ("type", "zh-Hant", "pinyin", "kk", "ru", "case", "status", "variants", "note")
_PO_VARIANT = re.compile(rf"(.+?) \(((?:{'|'.join(s.value for s in Status)})[^()]*)\)(?:; |$)")


def _po_variant(v: Variant) -> str:
    kind = f" {v.kind.value}" if v.kind else ""
    lang = [] if v.lang == "en" else [v.lang]
    return f"{v.form} ({', '.join([v.status.value + kind, *lang, *variant_flags(v)])})"


def po_comments(c: Concept) -> list[str]:
    """The extracted comments of a concept's PO entry: ``type``, ``zh-Hant``, ``pinyin``,
    ``kk``, ``ru``, ``case`` (if not shape), ``status`` (of a proposed concept), ``variants`` (``form (status kind[, lang][, flag…])``
    joined by ``"; "``) and ``note`` (on one line), each as ``key: value``.

    >>> from silkterm.glossary.model import Variant
    >>> from silkterm.glossary.formats.common import make_concept
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
    if c.case.value != "shape":
        comments.append(f"case: {c.case.value}")
    if c.status is not None:
        comments.append(f"status: {c.status.value}")
    listed = listed_variants(c)
    if listed:
        comments.append("variants: " + "; ".join(_po_variant(v) for v in listed))
    if c.note:
        comments.append(f"note: {one_line(c.note)}")
    return comments


def _po_variants(text: str, path: Path, line: int) -> list[Variant]:
    out: list[Variant] = []
    pos = 0
    while pos < len(text):
        m = _PO_VARIANT.match(text, pos)
        if m is None:
            raise GlossaryFormatError(f"cannot read the variants {text[pos:]!r} (expected "
                                      "'form (status kind[, lang][, flag…])' joined by '; ')",
                                      path=str(path), line=line)
        pos = m.end()
        head, *rest = m.group(2).split(", ")
        status, _, kind_text = head.partition(" ")
        langs = [t for t in rest if t in LANGUAGES]
        flags = parse_flags(t for t in rest if t not in LANGUAGES)
        kind = parse_enum(Kind, kind_text or None, "kind", path, line)
        if flags is None or len(langs) > 1:
            raise GlossaryFormatError(f"cannot read the variant {m.group(0).rstrip('; ')!r}",
                                      path=str(path), line=line)
        if flags is not None and "status" in flags:
            raise GlossaryFormatError(f"cannot read the variant {m.group(0).rstrip('; ')!r}",
                                      path=str(path), line=line)
        out.append(Variant(form=m.group(1), lang=langs[0] if langs else "en",
                           status=Status(status), kind=kind, **flags))
    return out


def _concept_status(text: str | None, path: Path, line: int) -> Status | None:
    """A concept's status comment: none (accepted) or ``proposed``."""
    status = parse_enum(Status, text, "status", path, line)
    if status not in (None, Status.PROPOSED):
        raise GlossaryFormatError(f"a concept's status is 'proposed' or none, not {text!r}",
                                  path=str(path), line=line)
    return status


def read_glossary_po(path: str | Path) -> list[Concept]:
    """Concepts from a PO glossary: ``msgid`` is the English house form, ``msgstr`` the Chinese
    one (a fuzzy or empty ``msgstr`` gives none), ``msgctxt`` the id (else one is made from the
    English form); the extracted comments :func:`po_comments` writes give the rest. Other
    comments become the note. An English form met again without a context adds its Chinese
    form as a variant. Obsolete entries are skipped."""
    p = Path(path)
    loaded = pofile.load_po(p)
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
            "type": parse_enum(ConceptType, keyed.get("type"), "type", p, line),
            "pinyin": keyed.get("pinyin") or None,
            "kk": keyed.get("kk") or None, "ru": keyed.get("ru") or None,
            "case": parse_enum(Case, keyed.get("case"), "case", p, line) or Case.SHAPE,
            "status": _concept_status(keyed.get("status"), p, line),
            "note": keyed.get("note") or " ".join(other) or None,
            "variants": _po_variants(keyed["variants"], p, line) if keyed.get("variants") else [],
        }
        fields[cid] = item
        by_en.setdefault(en, cid)
        order.append(cid)
    return built_concepts(fields, order)


def write_glossary_po(concepts: Iterable[Concept], path: str | Path, *,
                      date: str | None = None) -> int:
    """Write the glossary as a PO file (atomically): one entry per concept; the number of
    entries.

    ``msgctxt`` is the concept id, ``msgid`` the English house form, ``msgstr`` the Chinese form
    (empty if the concept has none); extracted comments carry the rest (:func:`po_comments`), so
    that ``glossary import`` reads it back. ``date`` is the header's PO-Revision-Date (now by
    default).
    """
    meta = pofile.header_fields("zh_Hans", CHINESE_PLURAL_FORMS, date=date)
    count = 0
    with open_atomic(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(pofile.header_text(meta, "silkterm glossary: msgctxt = concept id, msgid = "
                                          "English house form, msgstr = Chinese house form."))
        for c in concepts:
            entry = pofile.new_entry(msgctxt=c.id, msgid=c.en, msgstr=c.zh or "")
            fh.write("\n" + pofile.render_entry(entry, comments=po_comments(c)))
            count += 1
    return count

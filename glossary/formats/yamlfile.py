"""The glossary file format of the README (YAML): read a file into concepts, write concepts as
one.

:func:`read_glossary_yaml` parses and validates one file (errors name ``file:line``) into
:class:`~silkterm.glossary.model.Concept` values as the file lists them
(:func:`read_glossary_file`: with the :class:`~silkterm.glossary.extension.Extension` s of its
``extend:`` list, variants for concepts another file defines); the loader
(:mod:`silkterm.glossary.loader`) finds the files, derives pinyin and variants, checks conflicts
and caches. :func:`write_glossary_yaml` writes concepts in the README layout, leaving out what
the loader derives. Both walk the fields as :mod:`silkterm.glossary.fields` declares them.

>>> import tempfile, pathlib
>>> from silkterm.glossary.model import ConceptType
>>> p = pathlib.Path(tempfile.mkdtemp()) / "g.yaml"
>>> c = Concept(id="khorgos", type=ConceptType.PLACE, en="Khorgos", zh="霍尔果斯", source=("seeds",))
>>> write_glossary_yaml([c], p)
1
>>> print(p.read_text(encoding="utf-8"), end="")
concepts:
- id: khorgos
  type: place
  en: Khorgos
  zh: 霍尔果斯
  source: [seeds]
>>> [(r.id, r.zh, r.zh_hant) for r in read_glossary_yaml(p)]
[('khorgos', '霍尔果斯', '霍爾果斯')]
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from silkterm.glossary.errors import GlossaryError, GlossaryFormatError
from silkterm.glossary.extension import Extension
from silkterm.glossary.fields import (
    CONCEPT_FIELDS,
    REQUIRED,
    VARIANT_FIELDS,
    Field,
    FieldKind,
    listed_keys,
)
from silkterm.glossary.model import (
    LANGUAGES,
    Action,
    Concept,
    Spec,
    Status,
    Validity,
    Variant,
)
from silkterm.glossary.rules import RULES
from silkterm.glossary.textio import write_bytes_atomic
from silkterm.glossary.translit import has_han, name_pinyin, to_traditional

#: The keys a glossary file may give a concept and a variant, in the order a file lists them.
CONCEPT_KEYS = listed_keys(CONCEPT_FIELDS)
VARIANT_KEYS = listed_keys(VARIANT_FIELDS)
#: The keys of an entry of a file's ``extend:`` list, and the keys of a file.
EXTENSION_KEYS = ("id", "variants")
FILE_KEYS = ("concepts", "extend")
_CONCEPT = {f.name: f for f in CONCEPT_FIELDS}
_VARIANT = {f.name: f for f in VARIANT_FIELDS}
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SEEN = re.compile(r"[^\s:]+:\d+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")




class _Node(dict):  # type: ignore[type-arg]
    """A YAML mapping that remembers the line of itself and of each key."""

    line: int
    lines: dict[str, int]


def _yaml_loader() -> type:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        pass

    def construct_mapping(loader: Any, node: Any) -> _Node:
        loader.flatten_mapping(node)
        out = _Node()
        out.line = node.start_mark.line + 1
        out.lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise GlossaryFormatError(f"keys must be strings, not {key!r}", line=line)
            if key in out:
                raise GlossaryFormatError(f"duplicate key {key!r}", line=line)
            out[key] = loader.construct_object(value_node, deep=True)
            out.lines[key] = line
        return out

    Loader.add_constructor("tag:yaml.org,2002:map", construct_mapping)
    return Loader



def unreadable(error: OSError, path: Path) -> GlossaryFormatError:
    """The error for a glossary file that cannot be opened: missing, a directory, unreadable."""
    if isinstance(error, FileNotFoundError):
        return GlossaryFormatError("no such glossary file", path=str(path))
    if isinstance(error, IsADirectoryError):
        return GlossaryFormatError("is a directory, not a glossary file", path=str(path))
    return GlossaryFormatError(f"cannot read: {error.strerror}", path=str(path))


def _parse_yaml(path: Path) -> Any:
    import yaml

    try:
        raw = path.read_bytes()
    except OSError as e:
        raise unreadable(e, path) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise GlossaryFormatError("not valid UTF-8", path=str(path), line=line) from None
    try:
        return yaml.load(text, Loader=_yaml_loader())  # a SafeLoader subclass: safe
    except GlossaryFormatError as e:
        raise GlossaryFormatError(e.message, path=str(path), line=e.line) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise GlossaryFormatError(f"invalid YAML: {e.problem or e.context}", path=str(path),
                                  line=mark.line + 1 if mark else None) from None
    except yaml.YAMLError as e:
        raise GlossaryFormatError(f"invalid YAML: {e}", path=str(path)) from None


class _Reader:
    """Validates one file's concepts, raising errors that carry the file and line."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)

    def fail(self, message: str, line: int | None) -> GlossaryFormatError:
        return GlossaryFormatError(message, path=self.path, line=line)

    def keys(self, node: _Node, allowed: Sequence[str], what: str) -> None:
        for key in node:
            if key not in allowed:
                raise self.fail(f"unknown key {key!r} in {what} (allowed: {', '.join(allowed)})",
                                node.lines[key])

    def text(self, node: _Node, key: str, what: str, *, required: bool = False) -> str | None:
        if key not in node or node[key] is None:
            if required:
                raise self.fail(f"{what} needs {key!r}", node.line)
            return None
        value = node[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{key!r} of {what} must be a non-empty string", node.lines[key])
        if value != value.strip() or "\n" in value and key != "note":
            raise self.fail(f"{key!r} of {what} has leading/trailing space or a line break",
                            node.lines[key])
        return value

    def strings(self, node: _Node, key: str, what: str) -> tuple[str, ...]:
        value = node.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(f"{key!r} of {what} must be a string or a list of strings",
                            node.lines[key])
        return tuple(value)

    def flag(self, node: _Node, field: Field, what: str) -> bool:
        key = field.key
        value = node.get(key, field.default)
        if not isinstance(value, bool):
            raise self.fail(f"{key!r} of {what} must be true or false", node.lines[key])
        return value

    def choice(self, node: _Node, field: Field, what: str) -> Any:
        """The member of the ``field``'s enum the node gives, else its default (None if the
        field has none)."""
        key, enum = field.key, field.choices
        assert enum is not None
        if key not in node or node[key] is None:
            return None if field.default is REQUIRED else field.default
        try:
            return enum(node[key])
        except ValueError:
            allowed = ", ".join(m.value for m in enum)
            raise self.fail(f"{key!r} of {what} is {node[key]!r}; expected one of: {allowed}",
                            node.lines[key]) from None

    def seen(self, node: _Node, what: str) -> tuple[str, ...]:
        seen = self.strings(node, "seen", what)
        for item in seen:
            if not _SEEN.fullmatch(item):
                raise self.fail(f"'seen' entry {item!r} of {what} is not FILE:LINE", node.lines["seen"])
        return seen

    def date(self, value: Any, line: int, what: str) -> _dt.date | None:
        if value is None:
            return None
        if isinstance(value, _dt.datetime):
            return value.date()
        if isinstance(value, _dt.date):
            return value
        if isinstance(value, int):  # a bare year
            return _dt.date(value, 1, 1)
        raise self.fail(f"{what} must be a date (YYYY-MM-DD), not {value!r}", line)

    def validity(self, node: _Node, what: str) -> Validity | None:
        value = node.get("valid")
        if value is None:
            return None
        line = node.lines["valid"]
        if not isinstance(value, dict):
            raise self.fail(f"'valid' of {what} must be a mapping with 'from' and/or 'to'", line)
        unknown = set(value) - {"from", "to"}
        if unknown:
            raise self.fail(f"unknown key {min(unknown)!r} in 'valid' of {what}", line)
        start = self.date(value.get("from"), line, f"'valid.from' of {what}")
        end = self.date(value.get("to"), line, f"'valid.to' of {what}")
        if start is None and end is None:
            raise self.fail(f"'valid' of {what} needs 'from' or 'to'", line)
        if start and end and start > end:
            raise self.fail(f"'valid' of {what} ends before it starts", line)
        return Validity(start, end)

    def variant(self, node: Any, owner: str, line: int) -> Variant:
        if not isinstance(node, _Node):
            raise self.fail(f"each variant of {owner!r} must be a mapping with 'form'", line)
        form = self.text(node, "form", f"a variant of {owner!r}", required=True)
        assert form is not None
        what = f"variant {form!r} of {owner!r}"
        self.keys(node, VARIANT_KEYS, what)
        lang = self.text(node, "lang", what) or "en"
        if lang not in LANGUAGES:
            raise self.fail(f"'lang' of {what} is {lang!r}; expected one of: {', '.join(LANGUAGES)}",
                            node.lines["lang"])
        self.script(form, lang, node.lines["form"], what)
        exceptions = self.strings(node, "exceptions", what)
        for phrase in exceptions:
            if form.lower() not in phrase.lower():
                raise self.fail(f"exception {phrase!r} of {what} does not contain the form",
                                node.lines["exceptions"])
        kind = self.choice(node, _VARIANT["kind"], what)
        return Variant(
            form=form, lang=lang, status=self.choice(node, _VARIANT["status"], what),
            kind=kind, action=self.choice(node, _VARIANT["action"], what),
            case=self.choice(node, _VARIANT["case"], what), valid=self.validity(node, what),
            exceptions=exceptions, ambiguous=self.flag(node, _VARIANT["ambiguous"], what),
            note=self.text(node, "note", what), source=self.strings(node, "source", what),
            verified=self.flag(node, _VARIANT["verified"], what), seen=self.seen(node, what),
            use=self.text(node, "use", what), line=node.line)

    def script(self, form: str, lang: str, line: int, what: str) -> None:
        if lang.startswith("zh") and not has_han(form):
            raise self.fail(f"{what} is marked {lang} but has no Chinese characters", line)
        if lang in ("kk", "ru") and not _CYRILLIC.search(form):
            raise self.fail(f"{what} is marked {lang} but is not in Cyrillic", line)

    def spec(self, node: Any, owner: str, line: int) -> Spec:
        what = f"a spec of {owner!r}"
        if not isinstance(node, _Node):
            raise self.fail(f"{what} must be a mapping with 'from' and 'to'", line)
        self.keys(node, ("from", "to"), what)
        source = node.get("from")
        expected = node.get("to")
        if not isinstance(source, str) or not isinstance(expected, str):
            raise self.fail(f"{what} needs string values for 'from' and 'to'", node.line)
        return Spec(source, expected, node.line)

    def concept(self, node: Any, line: int) -> Concept:
        if not isinstance(node, _Node):
            raise self.fail("each concept must be a mapping", line)
        cid = self.text(node, "id", "a concept", required=True)
        assert cid is not None
        if not _ID.fullmatch(cid):
            raise self.fail(f"id {cid!r} must be lower-case ASCII letters, digits and hyphens",
                            node.lines["id"])
        what = f"concept {cid!r}"
        self.keys(node, CONCEPT_KEYS, what)
        ctype = self.choice(node, _CONCEPT["type"], what)
        if ctype is None:
            raise self.fail(f"{what} needs 'type'", node.line)
        en = self.text(node, "en", what, required=True)
        assert en is not None
        source = self.strings(node, "source", what)
        if not source:
            raise self.fail(f"{what} needs 'source' (where its forms come from)", node.line)
        zh = self.text(node, "zh", what)
        kk = self.text(node, "kk", what)
        ru = self.text(node, "ru", what)
        for lang, form in (("zh", zh), ("kk", kk), ("ru", ru)):
            if form is not None:
                self.script(form, lang, node.lines[lang], f"{lang!r} of {what}")
        unverified = self.strings(node, "unverified", what)
        for field in unverified:
            if field not in ("zh", "pinyin", "kk", "ru", "en"):
                raise self.fail(f"'unverified' of {what} lists {field!r}; expected zh, pinyin, kk, ru or en",
                                node.lines["unverified"])
            if node.get(field) is None and field != "pinyin":
                raise self.fail(f"'unverified' of {what} lists {field!r}, which is not given",
                                node.lines["unverified"])
        variants = self.variants(node, cid, what)
        own = {f for f in (en, zh, kk, ru) if f}
        for v in variants:
            key = v.form
            if key in own:
                raise self.fail(f"form {v.form!r} of {what} is listed twice (or is its house form)",
                                v.line)
            own.add(key)
        kept = {v.form for v in variants if v.default_action() is Action.KEEP} | {en, zh, kk, ru}
        for v in variants:
            if v.use is not None and v.use not in kept:
                raise self.fail(f"'use' of variant {v.form!r} of {what} must be the house form or "
                                f"a kept (preferred/admitted) form of the concept, not {v.use!r}",
                                v.line)
        specs_node = node.get("specs") or []
        if not isinstance(specs_node, list):
            raise self.fail(f"'specs' of {what} must be a list", node.lines["specs"])
        verified = self.flag(node, _CONCEPT["verified"], what) and not unverified
        pinyin = self.text(node, "pinyin", what)  # derived in load_files when not given
        status = self.choice(node, _CONCEPT["status"], what)
        if status not in (None, Status.PROPOSED):
            raise self.fail(f"'status' of {what} is {status.value!r}; a concept is either "
                            "accepted (no status) or 'proposed'", node.lines["status"])
        return Concept(
            id=cid, type=ctype, en=en, zh=zh, zh_hant=to_traditional(zh) if zh else None,
            pinyin=pinyin, kk=kk, ru=ru, note=self.text(node, "note", what), source=source,
            verified=verified, unverified=unverified,
            case=self.choice(node, _CONCEPT["case"], what), seen=self.seen(node, what),
            article=self.choice(node, _CONCEPT["article"], what),
            variants=variants,
            specs=tuple(self.spec(s, cid, node.lines["specs"]) for s in specs_node),
            exclude_rules=self.rule_names(node, what), status=status,
            path=self.path, line=node.line)

    def rule_names(self, node: _Node, what: str) -> tuple[str, ...]:
        names = self.strings(node, "exclude_rules", what)
        try:
            RULES.select(names)
        except GlossaryError as e:
            raise self.fail(f"'exclude_rules' of {what}: {e.message}", node.lines["exclude_rules"]) \
                from None
        return names

    def variants(self, node: _Node, owner: str, what: str) -> tuple[Variant, ...]:
        """The variants a concept or an extension lists (a list of mappings)."""
        variants_node = node.get("variants") or []
        if not isinstance(variants_node, list):
            raise self.fail(f"'variants' of {what} must be a list", node.lines["variants"])
        return tuple(self.variant(v, owner, node.lines["variants"]) for v in variants_node)

    def extension(self, node: Any, line: int) -> Extension:
        if not isinstance(node, _Node):
            raise self.fail("each entry of 'extend' must be a mapping with 'id' and 'variants'",
                            line)
        cid = self.text(node, "id", "an entry of 'extend'", required=True)
        assert cid is not None
        what = f"the extension of {cid!r}"
        self.keys(node, EXTENSION_KEYS, what)
        variants = self.variants(node, cid, what)
        if not variants:
            raise self.fail(f"{what} needs 'variants'", node.line)
        forms: set[str] = set()
        for v in variants:
            if v.form in forms:
                raise self.fail(f"form {v.form!r} of {what} is listed twice", v.line)
            forms.add(v.form)
        return Extension(cid, variants, self.path, node.line)

    def read(self, data: Any) -> GlossaryFile:
        if data is None:
            return GlossaryFile((), ())
        if not isinstance(data, _Node) or not ("concepts" in data or "extend" in data):
            raise self.fail("a glossary file is a mapping with the key 'concepts' (and/or "
                            "'extend')", 1)
        self.keys(data, FILE_KEYS, "the file")
        lists = {}
        for key in FILE_KEYS:
            items = data.get(key) or []
            if not isinstance(items, list):
                raise self.fail(f"{key!r} must be a list", data.lines[key])
            lists[key] = items
        return GlossaryFile(
            tuple(self.concept(c, data.lines["concepts"]) for c in lists["concepts"]),
            tuple(self.extension(e, data.lines["extend"]) for e in lists["extend"]))


@dataclass(frozen=True, slots=True)
class GlossaryFile:
    """What one glossary file lists: its concepts, and the variants it adds to concepts defined
    elsewhere (its ``extend:`` list, applied by the loader)."""

    concepts: tuple[Concept, ...]
    extensions: tuple[Extension, ...] = ()


def read_glossary_file(path: str | Path) -> GlossaryFile:
    """The concepts and extensions a glossary file lists, validated as
    :func:`read_glossary_yaml` validates concepts."""
    p = Path(path)
    return _Reader(p).read(_parse_yaml(p))



def read_glossary_yaml(path: str | Path) -> list[Concept]:
    """The concepts a glossary file lists, validated (keys, values, scripts, duplicate forms,
    rule names); :class:`~silkterm.glossary.errors.GlossaryFormatError` naming the file and line
    otherwise. Pinyin not given stays None (the loader derives it with every concept's names
    known); generated variants are the loader's too."""
    return list(read_glossary_file(path).concepts)


# ---------------------------------------------------------------------------------------------
# writing


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


#: Texts written as they are (ids and language codes need no quoting).
_PLAIN = frozenset({"id", "lang"})
#: Lists written in flow style whatever their length (short by nature).
_FLOW = frozenset({"unverified", "exclude_rules"})
_SKIP = object()


def _field_lines(lines: list[str], indent: str, field: Field, value: Any) -> None:
    """Append the lines that write ``value`` as ``field`` at ``indent``."""
    key, kind = field.key, field.kind
    if kind is FieldKind.TEXTS:
        if key in _FLOW:
            lines.append(f"{indent}{key}: {_flow(value)}")
        else:
            _emit_list(lines, indent, key, value)
    elif kind is FieldKind.CHOICE:
        lines.append(f"{indent}{key}: {value.value}")
    elif kind is FieldKind.FLAG:
        lines.append(f"{indent}{key}: {'true' if value else 'false'}")
    elif kind is FieldKind.VALIDITY:
        valid = {k: d for k, d in (("from", value.start), ("to", value.end)) if d is not None}
        lines.append(f"{indent}{key}: {_scalar(valid)}")
    elif kind is FieldKind.VARIANTS:
        lines.append(f"{indent}{key}:")
        for v in value:
            lines.extend(_item_lines(v, VARIANT_FIELDS, _variant_value, indent + "  "))
    elif kind is FieldKind.SPECS:
        lines.append(f"{indent}{key}:")
        lines.extend(f"{indent}- {_scalar({'from': s.source, 'to': s.expected})}" for s in value)
    else:
        lines.append(f"{indent}{key}: {value if key in _PLAIN else _scalar(value)}")


def _item_lines(item: Any, fields: tuple[Field, ...], value_of: Any, indent: str) -> list[str]:
    """The lines of one list item (a concept, a variant): its listed fields at ``indent``, the
    first one after ``- ``."""
    lines: list[str] = []
    for field in fields:
        if field.listed:
            value = value_of(item, field)
            if value is not _SKIP:
                _field_lines(lines, indent, field, value)
    lines[0] = indent[:-2] + "- " + lines[0][len(indent):]
    return lines


def _variant_value(v: Variant, field: Field) -> Any:
    """What a file gives for the variant's ``field``: its value unless that is the default."""
    value = getattr(v, field.name)
    return _SKIP if value == field.default else value


def _concept_value(c: Concept, field: Field) -> Any:
    """What a file gives for the concept's ``field``: its value unless that is the default or
    the loader derives it (the pinyin of ``zh``, ``verified: false`` from ``unverified``, the
    generated variants); a concept without sources gets ``source: [unknown]``."""
    value = getattr(c, field.name)
    if field.name == "pinyin":
        derived = c.zh is not None and value == name_pinyin(c.zh, c.type.value)
        return _SKIP if value is None or derived else value
    if field.name == "source":
        return value or ("unknown",)
    if field.name == "verified":
        return False if not c.verified and not c.unverified else _SKIP
    if field.name == "variants":
        return tuple(v for v in value if v.rule is None) or _SKIP
    return _SKIP if value == field.default else value


def concept_yaml(c: Concept) -> str:
    """One concept in the README layout (block style, short lists in flow style); fields equal
    to their defaults or derived by the loader (pinyin from ``zh``, traditional forms, generated
    variants) are left out."""
    return "\n".join(_item_lines(c, CONCEPT_FIELDS, _concept_value, "  ")) + "\n"


def extension_yaml(extension: Extension) -> str:
    """One entry of a file's ``extend:`` list: the id of the concept it extends and the
    variants it adds."""
    lines = [f"- id: {extension.id}"]
    _field_lines(lines, "  ", _CONCEPT["variants"], extension.variants)
    return "\n".join(lines) + "\n"


def render_glossary_yaml(concepts: Iterable[Concept], extensions: Iterable[Extension] = ()) -> str:
    """A glossary file holding ``concepts`` (listed data only), then ``extensions`` (an
    ``extend:`` list, left out when there are none)."""
    body = "".join(concept_yaml(c) for c in concepts)
    text = "concepts:\n" + body if body else "concepts: []\n"
    extend = "".join(extension_yaml(e) for e in extensions)
    return text + ("extend:\n" + extend if extend else "")


def write_glossary_yaml(concepts: Iterable[Concept], path: str | Path) -> int:
    """Write ``concepts`` as a glossary file to ``path`` (atomically); their number. The file is
    written as rendered; :func:`silkterm.glossary.exchange.write_yaml` checks it loads first."""
    items = list(concepts)
    write_bytes_atomic(path, render_glossary_yaml(items).encode("utf-8"))
    return len(items)

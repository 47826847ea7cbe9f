"""Read glossary YAML files, validate them, and build a :class:`~silkterm.glossary.model.Glossary`.

Errors name ``file:line``. A loaded and compiled glossary is cached on disk, keyed by the content
of its files, so later runs skip parsing, validation, compiling and specs.

>>> g = load_glossary()
>>> g["khorgos"].en
'Khorgos'
>>> import tempfile, pathlib
>>> bad = pathlib.Path(tempfile.mkdtemp()) / "bad.yaml"
>>> _ = bad.write_text("concepts:\\n- id: x\\n  type: place\\n  en: X\\n  colour: red\\n", encoding="utf-8")
>>> try:
...     load_files([bad])
... except GlossaryFormatError as e:
...     print(str(e).replace(str(bad), "bad.yaml"))
bad.yaml:5: unknown key 'colour' in concept 'x' (allowed: id, type, en, zh, pinyin, kk, ru, note, source, verified, unverified, case, article, seen, variants, specs, exclude_rules)
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import pickle
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import GlossaryConflictError, GlossaryError, GlossaryFormatError, InputError, SpecFailure
from .folding import fold, match_key
from .index import index_of
from .model import (LANGUAGES, Action, Article, Case, Concept, ConceptType, Glossary, Kind, Spec, Status,
                    Validity, Variant)
from .rules import RULES, Tier, derive, transliterate
from .schemes import available_schemes
from .textio import open_atomic
from .translit import has_han, known_names, name_pinyin, to_traditional, traditional_spellings
from .version import __version__

CONCEPT_KEYS = ("id", "type", "en", "zh", "pinyin", "kk", "ru", "note", "source", "verified",
                "unverified", "case", "article", "seen", "variants", "specs", "exclude_rules")
VARIANT_KEYS = ("form", "lang", "status", "kind", "action", "case", "valid", "exceptions",
                "ambiguous", "note", "source", "verified", "seen", "use")
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


def default_glossary_files() -> list[Path]:
    """The YAML files of the built-in glossary, in name order."""
    root = resources.files("silkterm.glossary.data")
    return sorted(Path(str(p)) for p in root.iterdir() if p.name.endswith((".yaml", ".yml")))


def _unreadable(error: OSError, path: Path) -> GlossaryFormatError:
    if isinstance(error, FileNotFoundError):
        return GlossaryFormatError("no such glossary file", path=str(path))
    if isinstance(error, IsADirectoryError):
        return GlossaryFormatError("is a directory, not a glossary file", path=str(path))
    return GlossaryFormatError(f"cannot read: {error.strerror}", path=str(path))


def check_glossary_files(paths: Iterable[Path | str]) -> None:
    """Raise :class:`GlossaryFormatError` naming the first of ``paths`` that is missing, a
    directory or unreadable; cheap (nothing is read), so commands check before loading anything.
    """
    for raw in paths:
        path = Path(raw)
        try:
            if path.is_dir():
                raise IsADirectoryError(path)
            os.close(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)))
        except OSError as e:
            raise _unreadable(e, path) from None


def _parse_yaml(path: Path) -> Any:
    import yaml

    try:
        raw = path.read_bytes()
    except OSError as e:
        raise _unreadable(e, path) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise GlossaryFormatError("not valid UTF-8", path=str(path), line=line) from None
    try:
        return yaml.load(text, Loader=_yaml_loader())  # noqa: S506 - a SafeLoader subclass
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

    def flag(self, node: _Node, key: str, what: str, default: bool) -> bool:
        value = node.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(f"{key!r} of {what} must be true or false", node.lines[key])
        return value

    def enum(self, node: _Node, key: str, enum: Any, what: str, default: Any) -> Any:
        if key not in node or node[key] is None:
            return default
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
            raise self.fail(f"unknown key {sorted(unknown)[0]!r} in 'valid' of {what}", line)
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
        kind = self.enum(node, "kind", Kind, what, None)
        return Variant(
            form=form, lang=lang, status=self.enum(node, "status", Status, what, Status.ADMITTED),
            kind=kind, action=self.enum(node, "action", Action, what, None),
            case=self.enum(node, "case", Case, what, None), valid=self.validity(node, what),
            exceptions=exceptions, ambiguous=self.flag(node, "ambiguous", what, False),
            note=self.text(node, "note", what), source=self.strings(node, "source", what),
            verified=self.flag(node, "verified", what, True), seen=self.seen(node, what),
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
        ctype = self.enum(node, "type", ConceptType, what, None)
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
        variants_node = node.get("variants") or []
        if not isinstance(variants_node, list):
            raise self.fail(f"'variants' of {what} must be a list", node.lines["variants"])
        variants = tuple(self.variant(v, cid, node.lines["variants"]) for v in variants_node)
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
        verified = self.flag(node, "verified", what, True) and not unverified
        pinyin = self.text(node, "pinyin", what)  # derived in load_files when not given
        return Concept(
            id=cid, type=ctype, en=en, zh=zh, zh_hant=to_traditional(zh) if zh else None,
            pinyin=pinyin, kk=kk, ru=ru, note=self.text(node, "note", what), source=source,
            verified=verified, unverified=unverified,
            case=self.enum(node, "case", Case, what, Case.SHAPE), seen=self.seen(node, what),
            article=self.enum(node, "article", Article, what, Article.ANY),
            variants=variants,
            specs=tuple(self.spec(s, cid, node.lines["specs"]) for s in specs_node),
            exclude_rules=self.rule_names(node, what),
            path=self.path, line=node.line)

    def rule_names(self, node: _Node, what: str) -> tuple[str, ...]:
        names = self.strings(node, "exclude_rules", what)
        try:
            RULES.select(names)
        except GlossaryError as e:
            raise self.fail(f"'exclude_rules' of {what}: {e.message}", node.lines["exclude_rules"]) \
                from None
        return names

    def read(self, data: Any) -> list[Concept]:
        if data is None:
            return []
        if not isinstance(data, _Node) or "concepts" not in data:
            raise self.fail("a glossary file is a mapping with the key 'concepts'", 1)
        self.keys(data, ("concepts",), "the file")
        concepts = data["concepts"] or []
        if not isinstance(concepts, list):
            raise self.fail("'concepts' must be a list", data.lines["concepts"])
        return [self.concept(c, data.lines["concepts"]) for c in concepts]


def load_files(paths: Iterable[Path | str]) -> list[Concept]:
    """Parse and validate glossary files; no compiling, no specs. Raises :class:`GlossaryError`."""

    concepts: list[Concept] = []
    seen_ids: dict[str, Concept] = {}
    for raw in paths:
        path = Path(raw)
        for concept in _Reader(path).read(_parse_yaml(path)):
            first = seen_ids.get(concept.id)
            if first is not None:
                raise GlossaryConflictError(
                    f"duplicate id {concept.id!r} (first defined at {first.path}:{first.line})",
                    path=concept.path, line=concept.line)
            seen_ids[concept.id] = concept
            concepts.append(concept)
    return _with_pinyin(concepts)


def _with_pinyin(concepts: list[Concept]) -> list[Concept]:
    """Give each concept with a Chinese form and no ``pinyin:`` the pinyin derived from it,
    with the names of all the concepts as known words (卡普恰盖 in 卡普恰盖光伏电站: one word)."""

    names = known_names((v.form, c.type.value) for c in concepts for v in c.forms()
                        if v.lang == "zh")
    return [replace(c, pinyin=name_pinyin(c.zh, c.type.value, names))
            if c.zh is not None and c.pinyin is None else c for c in concepts]


def _cache_dir() -> Path | None:
    env = os.environ.get("SILKTERM_CACHE_DIR")
    if env == "":
        return None
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "silkterm"


def _fingerprint(files: Sequence[Path]) -> str:
    digest = hashlib.sha256(f"{__version__}|{sys.version_info[:2]}".encode())
    here = Path(__file__).parent
    for module in sorted(here.glob("*.py")):  # code changes invalidate the cache
        try:
            digest.update(f"{module.name}:{module.stat().st_mtime_ns}".encode())
        except OSError:
            pass
    for table in sorted((here / "schemes").glob("*.yaml")):  # so do transliteration tables
        digest.update(table.name.encode() + b"\0" + table.read_bytes())
    for path in files:
        try:
            digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
        except OSError:
            digest.update(str(path).encode() + b"\0missing\0")
    return digest.hexdigest()


def _read_cache(cache: Path) -> Glossary | None:
    try:
        with cache.open("rb") as fh:
            value = pickle.load(fh)  # noqa: S301 - the user's own cache directory
    except Exception:  # noqa: BLE001 - any unreadable cache is simply rebuilt
        return None
    return value if isinstance(value, Glossary) else None


def _write_cache(cache: Path, glossary: Glossary) -> None:
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with open_atomic(cache, "wb") as fh:
            pickle.dump(glossary, fh, protocol=pickle.HIGHEST_PROTOCOL)
    except (OSError, InputError):
        pass  # a cache is an optimisation; a read-only home must not fail the run


def generate_variants(concepts: Sequence[Concept]) -> tuple[Concept, ...]:
    """Add the spellings the exact and standard rules derive (see :mod:`.rules`) as variants.

    A derived spelling is dropped when the concept has it already, or when another concept lists
    or derives it too (``Xian``, the plain pinyin of 西安, is the composer's surname here;
    ``Shan-hsi`` is the Wade-Giles of both 山西 and 陕西): generated variants never create
    conflicts and never take another concept's name. They are deprecated transliterations (normalising rewrites
    them to the house form) that carry the rule's name; traditional-script forms are admitted.
    """

    # matching key (case, typography, separators) -> concepts that list or derive such a form
    owners: dict[str, set[str]] = {}
    for concept in concepts:
        for v in concept.forms():
            owners.setdefault(match_key(v.form), set()).add(concept.id)
    derived = {c.id: derive(c, tiers=(Tier.EXACT, Tier.STANDARD), exclude=c.exclude_rules)
               for c in concepts}
    for concept in concepts:
        for d in derived[concept.id]:
            owners.setdefault(match_key(d.form), set()).add(concept.id)
    out = []
    for concept in concepts:
        own = {fold(v.form) for v in concept.forms()}
        extra: list[Variant] = []
        for d in derived[concept.id]:
            if fold(d.form) in own or owners[match_key(d.form)] != {concept.id}:
                continue  # listed already, or also a form of another concept (Shan-hsi: 山西, 陕西)
            own.add(fold(d.form))
            base = _script_source(concept, d.form) if d.family == "script" else None
            if base is not None:  # a traditional-script copy keeps what its source variant is
                extra.append(replace(base, form=d.form, lang="zh-Hant", note=d.explanation,
                                     source=(f"generated by rule {d.rule}",), seen=(), line=None,
                                     rule=d.rule, exceptions=_in_script(base.exceptions, d.form)))
                continue
            native = _native_source(concept, d.base)
            if native is not None:  # from a Kazakh or Russian alias or former name: inherit it
                extra.append(replace(native, form=d.form, lang="en", note=d.explanation,
                                     source=(f"generated by rule {d.rule}",), seen=(), line=None,
                                     rule=d.rule, use=None,
                                     exceptions=_transliterated(native.exceptions, native.lang, d.rule,
                                                                d.form)))
                continue
            extra.append(Variant(
                form=d.form, lang="en",
                status=Status.DEPRECATED if RULES[d.rule].respelling else Status.ADMITTED,
                kind=Kind.TRANSLITERATION, note=d.explanation,
                source=(f"generated by rule {d.rule}",), rule=d.rule))
        out.append(replace(concept, variants=concept.variants + tuple(extra)) if extra else concept)
    return _compound_variants(out, owners)


_WORD = re.compile(r"[^\W\d_]+")
MAX_COMPOUND_WORDS = 6  # house forms looked for inside a variant: up to this many words


def _compound_variants(concepts: list[Concept], owners: dict[str, set[str]]
                       ) -> tuple[Concept, ...]:
    """Add the spellings normalising would otherwise only reach in two passes.

    A replaced variant can contain another concept's house form (``Khorgos-Dongdamen``, a
    variant of Khorgos-Eastern Gate, contains ``Khorgos``). Written with a replaced variant of
    that house form instead (``Horgos-Dongdamen``), one pass would rewrite only the inner name,
    to ``Khorgos-Dongdamen``, which a second pass would rewrite again. So that normalising
    twice changes nothing, each such spelling is added to the outer concept as a variant with
    the outer variant's status (rule ``compound``): the longer match wins, and it is rewritten
    to the outer house form at once. Spellings another concept owns are not added.
    """

    house = {fold(c.en): c for c in concepts}
    inner: dict[str, list[Variant]] = {}  # folded house form -> the variants replaced by it
    for c in concepts:
        inner[fold(c.en)] = [v for v in c.variants if v.lang == "en" and v.valid is None
                             and v.default_action() is Action.REPLACE]
    out = []
    for concept in concepts:
        own = {fold(v.form) for v in concept.forms()}
        extra: list[Variant] = []
        for outer in concept.variants:
            if outer.lang != "en" or outer.rule is not None or \
                    outer.default_action() is not Action.REPLACE:
                continue
            key = fold(outer.form)
            words = [(m.start(), m.end()) for m in _WORD.finditer(key)]
            for i in range(len(words)):
                for j in range(i, min(len(words), i + MAX_COMPOUND_WORDS)):
                    a, b = words[i][0], words[j][1]
                    name = key[a:b]
                    if name not in house or (a == 0 and b == len(key)):
                        continue
                    for v in inner[name]:
                        form = outer.form[:a] + v.form + outer.form[b:]
                        folded, matched = fold(form), match_key(form)
                        if folded in own or owners.get(matched, {concept.id}) != {concept.id}:
                            continue  # a form already, of this concept or another one
                        own.add(folded)
                        owners[matched] = {concept.id}
                        extra.append(replace(
                            outer, form=form, rule="compound", seen=(), line=None,
                            note=f"{outer.form} with {v.form} for {house[name].en}",
                            source=(f"generated from {outer.form!r} and {v.form!r}",)))
        out.append(replace(concept, variants=concept.variants + tuple(extra)) if extra else concept)
    return tuple(out)


def _transliterated(exceptions: tuple[str, ...], lang: str, scheme: str, form: str) -> tuple[str, ...]:
    """A native variant's exceptions (Ақмола облысы) in the scheme its spelling ``form`` came
    from (Aqmola oblysy), so that the derived spelling keeps them; a phrase whose spelling no
    longer contains ``form`` (a scheme that spells a letter by its context) is left out."""

    if not exceptions or scheme not in available_schemes():
        return ()
    spelt = (transliterate(e, lang, scheme) for e in exceptions)
    return tuple(e for e in spelt if fold(form) in fold(e))


def _in_script(exceptions: tuple[str, ...], traditional: str) -> tuple[str, ...]:
    """A simplified variant's exceptions (东大门市场) in the traditional script of its copy
    ``traditional`` (東大門市場), each in every regional form that contains the copy."""

    return tuple(dict.fromkeys(t for e in exceptions for t, _ in traditional_spellings(e)
                               if traditional in t))


def _native_source(concept: Concept, base: str | None) -> Variant | None:
    """The Kazakh or Russian variant ``base`` names (a derivation from a listed native form)."""
    if base is None:
        return None
    return next((v for v in concept.variants if v.lang in ("kk", "ru") and v.form == base), None)


def _script_source(concept: Concept, traditional: str) -> Variant | None:
    """The simplified form a traditional spelling comes from: a Chinese variant, or the house
    form (then the spelling is, like the zh-Hant house form, an admitted script variant)."""

    def spells(form: str) -> bool:
        return any(t == traditional for t, _ in traditional_spellings(form))

    found = next((v for v in concept.variants if v.lang == "zh" and spells(v.form)), None)
    if found is None and concept.zh and spells(concept.zh):
        return Variant(concept.zh, "zh", Status.ADMITTED, Kind.SCRIPT, case=concept.case)
    return found


def run_specs(glossary: Glossary) -> None:
    """Run every concept's specs; raise :class:`SpecFailure` (with file:line) on the first failure."""
    # The one import of our own inside a function in glossary/, for start-up time only: specs run
    # when a glossary is compiled, not when it comes from the cache, so ``silkterm lookup`` never
    # loads the normalising engine (apply, kinship, recognise's scanners).
    from .apply import normalize


    for concept in glossary:
        for spec in concept.specs:
            got = normalize(spec.source, glossary).text
            if got != spec.expected:
                raise SpecFailure(
                    f"spec of {concept.id!r} failed: {spec.source!r} gave {got!r}, expected "
                    f"{spec.expected!r}", path=concept.path, line=spec.line)


def load_glossary(paths: Iterable[Path | str] = (), *, include_default: bool = True,
                  use_cache: bool = True) -> Glossary:
    """Load, validate, compile and check a glossary.

    ``paths`` are added to the built-in glossary unless ``include_default`` is false. The result
    (with its compiled matcher) is cached by the content of the files.
    """
    given = [Path(p) for p in paths]
    check_glossary_files(given)  # before the built-in files are read: a typo fails at once
    files = (default_glossary_files() if include_default else []) + given
    if not files:
        raise GlossaryError("no glossary files: give a glossary or keep the built-in one")
    fingerprint = _fingerprint(files)
    cache_root = _cache_dir() if use_cache else None
    cache = cache_root / f"glossary-{fingerprint[:32]}.pickle" if cache_root else None
    if cache is not None:
        cached = _read_cache(cache)
        if cached is not None:
            return cached
    concepts = generate_variants(load_files(files))  # generated forms never create conflicts
    glossary = Glossary(concepts, tuple(str(f) for f in files), fingerprint)
    index = index_of(glossary)
    _ = index.matcher  # compile now: conflicts are load errors, and the cache holds the result
    run_specs(glossary)
    index.build()  # every index is cached too: lookups then start without recomputing pinyin keys
    if cache is not None:
        _write_cache(cache, glossary)
    return glossary

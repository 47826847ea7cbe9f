"""Find glossary YAML files, read them (:mod:`silkterm.glossary.formats.yamlfile`), derive pinyin
and variants, check them, and build a :class:`~silkterm.glossary.model.Glossary`.

Errors name ``file:line``. A loaded and compiled glossary is cached on disk, keyed by the content
of its files, so later runs skip parsing, validation, compiling and specs. So that a run which
reads the glossary from the cache need not read and hash every file first, the cache also records
which content fingerprint the files had while their size, times and inode were what they are
(see :func:`~silkterm.glossary.cache.stamp`).

>>> g = load_glossary()
>>> g["khorgos"].en
'Khorgos'
>>> import tempfile, pathlib
>>> from silkterm.glossary.errors import GlossaryFormatError
>>> bad = pathlib.Path(tempfile.mkdtemp()) / "bad.yaml"
>>> _ = bad.write_text("concepts:\\n- id: x\\n  type: place\\n  en: X\\n  colour: red\\n", encoding="utf-8")
>>> try:
...     load_files([bad])
... except GlossaryFormatError as e:
...     print(str(e).replace(str(bad), "bad.yaml"))
bad.yaml:5: unknown key 'colour' in concept 'x' (allowed: id, type, status, en, zh, pinyin, kk, ru, note, source, verified, unverified, case, article, seen, variants, specs, exclude_rules)
"""

from __future__ import annotations

import os
import pickle
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .cache import (
    builtin_files,
    cache_dir,
    check_glossary_files,
    glossary_file,
    known_fingerprint,
    normalised,
    record_stamp,
    stamp,
    table_file,
    write_cache_file,
    write_lookup_table,
)
from .errors import GlossaryConflictError, GlossaryError, SpecFailure
from .folding import fold, lazy_pattern, match_key
from .index import index_of
from .model import Action, Concept, Glossary, Kind, Status, Variant
from .version import __version__

if TYPE_CHECKING:
    from pathlib import Path

    from .extension import Extension

# (pathlib, hashlib and textio are imported where they are needed: a lookup that reads the
# glossary from the cache needs none of them, and they are a tenth of its start-up.)


def default_glossary_files() -> list[Path]:
    """The YAML files of the built-in glossary, in name order."""
    from pathlib import Path

    return [Path(p) for p in builtin_files()]


def load_files(paths: Iterable[Path | str], *, extended_known: bool = True) -> list[Concept]:
    """Parse and validate glossary files; no compiling, no specs. Raises :class:`GlossaryError`.

    The variants a file's ``extend:`` list gives are added to the concept with that id, defined
    in any of the files, after all are read. An extension of an id none of them defines is an
    error when ``extended_known`` (the built-in glossary is loaded too, so a typo shows); without
    it (a file checked alone) such an extension is left out.
    """
    # Building a glossary needs the YAML reader, the rules and the Chinese tools; a glossary
    # read from the cache (``silkterm lookup``) needs none of them, so they load here.
    from pathlib import Path

    from .formats.yamlfile import read_glossary_file

    concepts: list[Concept] = []
    extensions: list[Extension] = []
    seen_ids: dict[str, Concept] = {}
    for raw in paths:
        path = Path(raw)
        listed = read_glossary_file(path)
        extensions.extend(listed.extensions)
        for concept in listed.concepts:
            first = seen_ids.get(concept.id)
            if first is not None:
                raise GlossaryConflictError(
                    f"duplicate id {concept.id!r} (first defined at {first.path}:{first.line})",
                    path=concept.path, line=concept.line)
            seen_ids[concept.id] = concept
            concepts.append(concept)
    return _with_pinyin(_extended(concepts, extensions, extended_known))


def _extended(concepts: list[Concept], extensions: Sequence[Extension], known: bool
              ) -> list[Concept]:
    """``concepts`` with the variants of ``extensions`` added to the concepts they name; a
    form the concept has already is an error (file:line of the variant)."""
    if not extensions:
        return concepts
    at = {c.id: i for i, c in enumerate(concepts)}
    out = list(concepts)
    for ext in extensions:
        i = at.get(ext.id)
        if i is None:
            if known:
                raise GlossaryConflictError(f"'extend' names {ext.id!r}, which no glossary "
                                            "file defines", path=ext.path, line=ext.line)
            continue
        concept = out[i]
        own = {v.form for v in concept.forms()}
        kept = {v.form for v in concept.forms() if v.default_action() is Action.KEEP}
        for v in ext.variants:
            if v.form in own:
                raise GlossaryConflictError(f"form {v.form!r} of the extension of {ext.id!r} "
                                            "is a form of the concept already",
                                            path=ext.path, line=v.line)
            own.add(v.form)
            if v.use is not None and v.use not in kept:
                raise GlossaryConflictError(f"'use' of variant {v.form!r} of the extension of "
                                            f"{ext.id!r} must be a kept form of the concept, "
                                            f"not {v.use!r}", path=ext.path, line=v.line)
        out[i] = replace(concept, variants=concept.variants + ext.variants)
    return out


def _with_pinyin(concepts: list[Concept]) -> list[Concept]:
    """Give each concept with a Chinese form and no ``pinyin:`` the pinyin derived from it,
    with the names of all the concepts as known words (卡普恰盖 in 卡普恰盖光伏电站: one word)."""
    from .translit import known_names, name_pinyin

    names = known_names((v.form, c.type.value) for c in concepts for v in c.forms()
                        if v.lang == "zh")
    return [replace(c, pinyin=name_pinyin(c.zh, c.type.value, names))
            if c.zh is not None and c.pinyin is None else c for c in concepts]


def _fingerprint(files: Sequence[str]) -> str:
    """The content fingerprint of a glossary made of ``files``: a SHA-256 of their bytes, of the
    transliteration tables' bytes, of the times the glossary modules were changed, and of the
    silkterm and Python versions."""
    import hashlib
    from pathlib import Path

    digest = hashlib.sha256(f"{__version__}|{sys.version_info[:2]}".encode())
    here = Path(__file__).parent
    for module in sorted(here.glob("*.py")):  # code changes invalidate the cache
        try:
            digest.update(f"{module.name}:{module.stat().st_mtime_ns}".encode())
        except OSError:
            pass
    for table in sorted((here / "schemes").glob("*.yaml")):  # so do transliteration tables
        digest.update(table.name.encode() + b"\0" + table.read_bytes())
    for path in map(Path, files):
        try:
            digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
        except OSError:
            digest.update(str(path).encode() + b"\0missing\0")
    return digest.hexdigest()


def _read_cache(cache: str, fingerprint: str) -> Glossary | None:
    try:
        with open(cache, "rb") as fh:
            value = pickle.load(fh)
    except Exception:  # noqa: BLE001 - any unreadable cache is simply rebuilt
        return None
    return value if isinstance(value, Glossary) and value.fingerprint == fingerprint else None


def generate_variants(concepts: Sequence[Concept]) -> tuple[Concept, ...]:
    """Add the spellings the exact and standard rules derive (see :mod:`.rules`) as variants.

    A derived spelling is dropped when the concept has it already, or when another concept lists
    or derives it too (``Xian``, the plain pinyin of 西安, is the composer's surname here;
    ``Shan-hsi`` is the Wade-Giles of both 山西 and 陕西): generated variants never create
    conflicts and never take another concept's name. They are deprecated transliterations (normalising rewrites
    them to the house form) that carry the rule's name; traditional-script forms are admitted.
    """
    from .rules import RULES, Tier, derive

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


_WORD = lazy_pattern(r"[^\W\d_]+")
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
    from .rules import transliterate
    from .schemes import available_schemes

    if not exceptions or scheme not in available_schemes():
        return ()
    spelt = (transliterate(e, lang, scheme) for e in exceptions)
    return tuple(e for e in spelt if fold(form) in fold(e))


def _in_script(exceptions: tuple[str, ...], traditional: str) -> tuple[str, ...]:
    """A simplified variant's exceptions (东大门市场) in the traditional script of its copy
    ``traditional`` (東大門市場), each in every regional form that contains the copy."""
    from .translit import traditional_spellings

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
    from .translit import traditional_spellings

    def spells(form: str) -> bool:
        return any(t == traditional for t, _ in traditional_spellings(form))

    found = next((v for v in concept.variants if v.lang == "zh" and spells(v.form)), None)
    if found is None and concept.zh and spells(concept.zh):
        return Variant(concept.zh, "zh", Status.ADMITTED, Kind.SCRIPT, case=concept.case)
    return found


def run_specs(glossary: Glossary) -> None:
    """Run every concept's specs; raise :class:`SpecFailure` (with file:line) on the first failure."""
    # Imported here for start-up time only (as the building modules above): specs run
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


def check_glossary_text(text: str, name: str | Path, *, include_default: bool = False) -> Glossary:
    """Load ``text`` as ``glossary check`` loads the file ``name`` (validated, compiled, specs run;
    with ``include_default``, together with the built-in glossary) without writing ``name``: the
    text goes to a temporary file, and errors name ``name`` instead. Raises :class:`GlossaryError`."""
    import tempfile
    from pathlib import Path

    fd, tmp = tempfile.mkstemp(prefix=f"silkterm-{Path(name).name}.", suffix=".yaml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        return load_glossary([tmp], include_default=include_default, use_cache=False)
    except GlossaryError as e:
        raise type(e)(e.message.replace(tmp, str(name)), path=str(name), line=e.line) from None
    finally:
        os.unlink(tmp)


def load_glossary(paths: Iterable[Path | str] = (), *, include_default: bool = True,
                  use_cache: bool = True) -> Glossary:
    """Load, validate, compile and check a glossary.

    ``paths`` are added to the built-in glossary unless ``include_default`` is false. The result
    (with its compiled matcher) is cached by the content of the files.
    """
    given = normalised(paths)
    check_glossary_files(given)  # before the built-in files are read: a typo fails at once
    files = (builtin_files() if include_default else []) + given
    if not files:
        raise GlossaryError("no glossary files: give a glossary or keep the built-in one")
    cache_root = cache_dir() if use_cache else None
    files_stamp = stamp(files, time.time_ns()) if cache_root else None
    if cache_root and files_stamp:  # files stamped as they are now: their fingerprint is known
        known = known_fingerprint(cache_root, files_stamp)
        cached = _read_cache(glossary_file(cache_root, known), known) if known else None
        if cached is not None:
            _cache_table(cache_root, cached)
            return cached
    fingerprint = _fingerprint(files)
    cache = glossary_file(cache_root, fingerprint) if cache_root else None
    glossary = _read_cache(cache, fingerprint) if cache else None
    if glossary is None:
        concepts = generate_variants(load_files(files, extended_known=include_default))  # generated forms never create conflicts
        glossary = Glossary(concepts, tuple(files), fingerprint)
        index = index_of(glossary)
        _ = index.matcher  # compile now: conflicts are load errors, and the cache holds the result
        run_specs(glossary)
        index.build()  # every index is cached too: lookups then start without recomputing pinyin keys
        if cache_root:
            write_cache_file(glossary_file(cache_root, fingerprint),
                             pickle.dumps(glossary, protocol=pickle.HIGHEST_PROTOCOL))
    if cache_root:
        _cache_table(cache_root, glossary)
        if files_stamp:
            record_stamp(cache_root, files_stamp, fingerprint)
    return glossary


def _cache_table(cache_root: str, glossary: Glossary) -> None:
    """Write ``glossary``'s lookup table beside it in the cache unless it is there already (it
    is not after a cache written before tables existed, or a damaged table removed)."""
    if not os.path.exists(table_file(cache_root, glossary.fingerprint)):
        write_lookup_table(cache_root, glossary.fingerprint, index_of(glossary).lookup)


@dataclass(frozen=True, slots=True)
class GlossarySpec:
    """Which glossary to load — the built-in files unless ``include_default`` is false, plus
    ``paths`` — as a value a worker process can be given (:mod:`silkterm.glossary.pool`): each
    worker loads the glossary itself, from the cache.

    >>> GlossarySpec().load()["khorgos"].en
    'Khorgos'
    """

    paths: tuple[str, ...] = ()
    include_default: bool = True

    def load(self) -> Glossary:
        """:func:`load_glossary` of these files (from the cache when it holds them)."""
        return load_glossary(self.paths, include_default=self.include_default)

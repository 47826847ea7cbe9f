"""Proposals as a glossary file, and merging the accepted ones into a user glossary.

:func:`proposals_yaml` turns what ``collect`` found (a
:class:`~silkterm.glossary.collect.CollectResult`) into a glossary file in silkterm's own schema:

* a **new concept** for each cluster that names nothing the glossary knows, with
  ``status: proposed`` and ``verified: false``; its ``en`` is the cluster's head form, its ``zh``
  the first Chinese form the texts wrote (none if they wrote none: nothing is invented); its other
  spellings are variants with ``status: proposed``, the kind ``collect`` suggests, and a note
  giving the rule that joined them and the status ``collect`` suggests;
* a new place the shipped open data names unambiguously (one GeoNames id) also gets the place's
  first Kazakh and Russian forms (vetted sources first) as ``kk`` and ``ru``, its CLDR Chinese
  form as ``zh`` if the texts wrote none, and the other Chinese forms the texts did not write as
  proposed variants, each with its source
  (``geonames:ID`` or the CLDR version): where sources disagree, all are kept;
* an entry of the file's **extend** list for each known concept the texts spell in new ways:
  its id and the new spellings as proposed variants.

Every form carries its provenance, ``source: collect FILE:LINE`` (where it was first seen), and
place names found in the shipped open data name it too (``geonames:ID``); all are
``verified: false``. ``glossary check`` accepts the file alone (``--no-default``: extensions of
concepts it does not load are left out) and with the built-in glossary.

:func:`merge_proposals` writes the accepted proposals into a user glossary: proposed concepts
become accepted ones and proposed variants take the status chosen (``admitted`` unless told),
ids stay as proposed. The target keeps its text, comments and order: PyYAML drops comments, so
the new entries are rendered and inserted as text at the end of the file's ``concepts:`` and
``extend:`` lists (the lists are created at the end of the file if missing). The result is
loaded as ``glossary check`` loads it before it replaces the target (atomically): a merge that
fails leaves the target as it was.

>>> from silkterm.glossary.collect import CollectResult, Proposal, ProposedForm
>>> p = Proposal("aktobe", None, "place", 95, (
...     ProposedForm("Aktobe", "en", 2, ("a.txt",), where="a.txt:1"),
...     ProposedForm("Aqtobe", "en", 1, ("a.txt",), "loose fold with Aktobe", 95, kind="spelling",
...                  where="a.txt:4")), ())
>>> print(proposals_yaml(CollectResult((p,), ("a.txt",))), end="")
# silkterm collect: 1 new concept, 0 known concepts with new spellings, from 1 file.
# Review, then: silkterm glossary merge THIS-FILE --into MY.yaml --accept ID... (or --all)
concepts:
- id: aktobe
  type: place
  status: proposed
  en: Aktobe
  note: 'collect: score 95, 3 times in 1 file'
  source: ['collect a.txt:1']
  verified: false
  variants:
  - form: Aqtobe
    status: proposed
    kind: spelling
    note: 'collect: loose fold with Aktobe (score 95); suggested status admitted'
    source: ['collect a.txt:4']
    verified: false
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .collect import CollectResult, Proposal, ProposedForm
from .errors import GlossaryError
from .extension import Extension
from .formats.yamlfile import (
    GlossaryFile,
    concept_yaml,
    extension_yaml,
    read_glossary_file,
    render_glossary_yaml,
)
from .loader import check_glossary_text
from .model import LANGUAGES, Concept, ConceptType, Kind, Status, Variant
from .placedata import Place, PlaceData, shipped_places
from .textio import write_bytes_atomic
from .translit import has_han
from .zhdict import SOURCE as DICTIONARY_SOURCE

#: The statuses an accepted proposed variant can take.
MERGE_STATUSES = (Status.ADMITTED, Status.PREFERRED, Status.DEPRECATED, Status.FORBIDDEN)


# ---------------------------------------------------------------------------------------------
# collect result -> glossary file


def _kind(form: ProposedForm) -> Kind | None:
    try:
        return Kind(form.kind) if form.kind else None
    except ValueError:
        return None


def _source(form: ProposedForm, proposal: Proposal) -> tuple[str, ...]:
    """Where a form comes from: the text it was first seen in, the translation that paired it, and
    the open data that joined it."""
    seen = (f"collect {form.where}",) if form.where else tuple(f"collect {f}" for f in form.files[:1])
    data = proposal.sources if form.rule and "open data" in form.rule else ()
    paired = (f"collect --pair {form.source}",) if form.count and form.source and form.rule and form.rule.startswith(
        "paired with") else ()
    return seen + paired + tuple(data)


def _variant(form: ProposedForm, proposal: Proposal) -> Variant:
    why = f"{form.rule} (score {form.score})" if form.rule and form.score is not None else form.rule
    note = "; ".join(p for p in (why, f"suggested status {form.status}") if p)
    lang = form.lang if form.lang in LANGUAGES else ("zh" if has_han(form.form) else "en")
    return Variant(form=form.form, lang=lang,
                   status=Status.PROPOSED, kind=_kind(form), note=f"collect: {note}",
                   source=_source(form, proposal), verified=False)


def _type(name: str | None) -> ConceptType:
    try:
        return ConceptType(name) if name else ConceptType.TERM
    except ValueError:
        return ConceptType.TERM


def proposal_entry(proposal: Proposal, places: PlaceData | None = None
                   ) -> Concept | Extension | None:
    """The glossary entry of one proposal: a proposed concept, the extension of a known one, or
    None for a cluster with no Latin form (its English house form would have to be invented).
    A new place that the open data ``places`` (default: the shipped table) names unambiguously
    (one GeoNames id) gets that place's Kazakh and Russian forms and its Chinese forms the
    texts did not write (see :func:`open_data_forms`): the first Kazakh and Russian forms
    (vetted sources first) as its ``kk`` and ``ru``, a vetted (CLDR) Chinese form as its ``zh``
    if the texts wrote none, the other Chinese ones as proposed variants."""
    seen = [f for f in proposal.forms if f.count]  # the open data's forms are taken from ``places``
    if proposal.concept is not None:
        return Extension(proposal.concept, tuple(_variant(f, proposal) for f in seen))
    latin = [f for f in seen if not has_han(f.form)]
    chinese = [f for f in seen if has_han(f.form)]
    if not latin:
        return None
    head = latin[0]
    zh = chinese[0] if chinese else None
    files = len(proposal.files)
    note = (f"collect: score {proposal.score}, {proposal.count} times in {files} "
            f"file{'s' if files != 1 else ''}" + ("" if proposal.type else "; type not recognised"))
    source = _source(head, proposal) + tuple(s for s in proposal.sources
                                             if s not in _source(head, proposal))
    if zh is not None:  # a Chinese form a translation paired: the translation is its source
        source += tuple(s for s in _source(zh, proposal) if s.startswith("collect --pair ") and s not in source)
    variants = [_variant(f, proposal) for f in seen if f is not head and f is not zh]
    native: dict[str, str] = {"zh": zh.form} if zh else {}
    for f in proposal.forms:  # CC-CEDICT's Chinese names of an organisation the texts wrote only in English
        if not f.count and f.source == DICTIONARY_SOURCE:
            if "zh" not in native:
                native["zh"] = f.form
                source += (DICTIONARY_SOURCE,)
            else:
                variants.append(Variant(form=f.form, lang="zh", status=Status.PROPOSED,
                                        note="collect: open data", source=(DICTIONARY_SOURCE,), verified=False))
    place = _one_place(proposal, places)
    if place is not None:
        written = {f.form for f in seen}
        for lang, form, sources in open_data_forms(place):
            vetted = not all(s.startswith("geonames:") for s in sources)
            if lang not in native and (lang != "zh" or vetted):
                # kk, ru: the first (vetted first), GeoNames' other ones are noisy; zh: a vetted
                # one when the texts wrote none (GeoNames' Chinese forms are inconsistent)
                native[lang] = form
                source += tuple(s for s in sources if s not in source)
            elif lang == "zh" and form not in written and form != native.get("zh"):
                # where the sources and the texts disagree, keep them all
                variants.append(Variant(form=form, lang=lang, status=Status.PROPOSED,
                                        note="collect: open data", source=sources,
                                        verified=False))
    return Concept(
        id=proposal.id, type=_type(proposal.type), en=head.form, zh=native.get("zh"),
        kk=native.get("kk"), ru=native.get("ru"), note=note, source=source, verified=False,
        status=Status.PROPOSED, variants=tuple(variants))


def _one_place(proposal: Proposal, places: PlaceData | None) -> Place | None:
    """The place of the open data a proposal names, if it names exactly one."""
    ids = [s.removeprefix("geonames:") for s in proposal.sources if s.startswith("geonames:")]
    if len(ids) != 1 or not ids[0].isdigit():
        return None
    return (places or shipped_places()).get(int(ids[0]))


def open_data_forms(place: Place) -> list[tuple[str, str, tuple[str, ...]]]:
    """The Chinese (simplified), Kazakh and Russian forms of ``place``: (lang, form, sources),
    vetted sources (CLDR) first. A source is ``geonames:ID`` for GeoNames, else the table's label
    of it (``CLDR 49 (babel …)``); every form is unverified all the same (a proposal)."""
    out: dict[tuple[str, str], list[str]] = {}
    for name in sorted(place.names, key=lambda n: not n.verified):
        if name.lang not in ("zh", "kk", "ru"):
            continue
        label = f"geonames:{place.geonameid}" if name.source.startswith("GeoNames") else name.source
        sources = out.setdefault((name.lang, name.form), [])
        if label not in sources:
            sources.append(label)
    order = {"zh": 0, "kk": 1, "ru": 2}
    return sorted(((lang, form, tuple(src)) for (lang, form), src in out.items()),
                  key=lambda item: order[item[0]])


def proposals_file(result: CollectResult, places: PlaceData | None = None) -> GlossaryFile:
    """The concepts and extensions :func:`proposals_yaml` writes, in the result's order."""
    concepts: list[Concept] = []
    extensions: list[Extension] = []
    for proposal in result.proposals:
        entry = proposal_entry(proposal, places)
        if isinstance(entry, Concept):
            concepts.append(entry)
        elif isinstance(entry, Extension):
            extensions.append(entry)
    return GlossaryFile(tuple(concepts), tuple(extensions))


def proposals_yaml(result: CollectResult, places: PlaceData | None = None) -> str:
    """The glossary file of ``result``'s proposals (see the module), after a comment that counts
    them, names the Chinese-only ones left out and says how to merge them. ``places``: the open
    data (default: the shipped table)."""
    listed = proposals_file(result, places)
    new, known, files = len(listed.concepts), len(listed.extensions), len(result.files)
    left = [p for p in result.proposals if p.concept is None and all(has_han(f.form) for f in p.forms)]
    head = [(f"# silkterm collect: {_count(new, 'new concept')}, "
             f"{_count(known, 'known concept')} with new spellings, from {_count(files, 'file')}.")]
    if left:
        head.append(f"# Left out, no English form in the texts: "
                    f"{', '.join(f.form for p in left for f in p.forms)}")
    head.append("# Review, then: silkterm glossary merge THIS-FILE --into MY.yaml --accept ID... "
                "(or --all)")
    return "\n".join(head) + "\n" + render_glossary_yaml(listed.concepts, listed.extensions)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


# ---------------------------------------------------------------------------------------------
# merge


@dataclass(frozen=True, slots=True)
class MergeResult:
    """What :func:`merge_proposals` wrote: the ids of the concepts added, of the known concepts
    extended, the number of variants added to them, and what was already in the target."""

    added: tuple[str, ...]
    extended: tuple[str, ...]
    variants: int
    already: tuple[str, ...] = ()


def _accepted(variants: Iterable[Variant], status: Status) -> tuple[Variant, ...]:
    return tuple(replace(v, status=status) if v.status is Status.PROPOSED else v for v in variants)


def _chosen(listed: GlossaryFile, accept: Collection[str] | None, path: Path) -> GlossaryFile:
    ids = [c.id for c in listed.concepts] + [e.id for e in listed.extensions]
    if accept is not None:
        unknown = [i for i in accept if i not in ids]
        if unknown:
            raise GlossaryError(f"no proposal with the id {unknown[0]!r} (the file proposes: "
                                f"{', '.join(ids) or 'nothing'})", path=str(path))
    def keep(cid: str) -> bool:
        return accept is None or cid in accept

    return GlossaryFile(tuple(c for c in listed.concepts if keep(c.id)),
                        tuple(e for e in listed.extensions if keep(e.id)))


def merge_proposals(proposals: str | Path, into: str | Path, *,
                    accept: Collection[str] | None = None, status: Status = Status.ADMITTED,
                    include_default: bool = True) -> MergeResult:
    """Merge the proposals of the file ``proposals`` (all, or the ids in ``accept``) into the
    glossary file ``into`` (created if missing), as the module describes. Proposed variants take
    ``status``. A concept whose id the target has already, and a spelling the target lists for
    that concept already, are left out (listed in :attr:`MergeResult.already`). Raises
    :class:`~silkterm.glossary.errors.GlossaryError` (the target unchanged) if a file is bad or
    the merged glossary would not load (with the built-in one unless ``include_default`` is
    false)."""
    if status not in MERGE_STATUSES:
        raise GlossaryError(f"a merged variant's status is one of "
                            f"{', '.join(s.value for s in MERGE_STATUSES)}, not {status.value!r}")
    source, target = Path(proposals), Path(into)
    chosen = _chosen(read_glossary_file(source), accept, source)
    text = _read_target(target)
    have = read_glossary_file(target) if text.strip() else GlossaryFile(())
    have_ids = {c.id for c in have.concepts}
    have_forms = {(e.id, v.form) for e in have.extensions for v in e.variants}
    have_forms |= {(c.id, v.form) for c in have.concepts for v in c.forms()}
    already: list[str] = []
    concepts: list[Concept] = []
    for c in chosen.concepts:
        if c.id in have_ids:
            already.append(c.id)
            continue
        concepts.append(replace(c, status=None, variants=_accepted(c.variants, status)))
    extensions: list[Extension] = []
    for e in chosen.extensions:
        fresh = tuple(v for v in e.variants if (e.id, v.form) not in have_forms)
        if len(fresh) < len(e.variants):
            already.extend(f"{e.id}: {v.form}" for v in e.variants if v not in fresh)
        if fresh:
            extensions.append(Extension(e.id, _accepted(fresh, status)))
    merged = _insert(text, concepts, extensions, target)
    if concepts or extensions:
        _check(merged, target, include_default)
        write_bytes_atomic(target, merged.encode("utf-8"))
    return MergeResult(tuple(c.id for c in concepts), tuple(e.id for e in extensions),
                       sum(len(c.variants) for c in concepts) + sum(len(e.variants) for e in extensions),
                       tuple(already))


def _read_target(path: Path) -> str:
    if not path.exists():
        return ""
    read_glossary_file(path)  # a missing, unreadable or invalid target fails here, unchanged
    return path.read_bytes().decode("utf-8-sig")


def _check(text: str, path: Path, include_default: bool) -> None:
    """Load ``text`` as ``glossary check`` would load the file ``path`` merged; an error says
    the merge failed and names the line of the merged text (the file itself is unchanged)."""
    try:
        check_glossary_text(text, path, include_default=include_default)
    except GlossaryError as e:
        where = f"line {e.line} of the merged file: " if e.line else ""
        raise type(e)(f"cannot merge into {path}: {where}{e.message}") from None


def _insert(text: str, concepts: Sequence[Concept], extensions: Sequence[Extension],
            path: Path) -> str:
    """``text`` with the rendered entries added at the end of its ``concepts:`` and ``extend:``
    lists, the rest of the text (comments, order, layout) as it was."""
    if not text.strip():
        return render_glossary_yaml(concepts, extensions) if concepts or extensions else text
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    blocks = _top_level(text, path)
    bodies = {"concepts": "".join(concept_yaml(c) for c in concepts),
              "extend": "".join(extension_yaml(e) for e in extensions)}
    edits = [(key, body) for key, body in bodies.items() if body]
    appended: list[str] = []
    # insert bottom-up so that the line numbers of the blocks above stay right
    for key, body in sorted(edits, key=lambda e: -blocks[e[0]][0] if e[0] in blocks else 0):
        if key not in blocks:
            appended.append(f"{key}:\n{body}")
            continue
        key_line, end, indent, flow_empty = blocks[key]
        if flow_empty:
            lines[key_line] = f"{key}:\n"
        at = end
        while at > key_line + 1 and (not lines[at - 1].strip() or lines[at - 1].startswith("#")):
            at -= 1  # blank lines and comments before the next key belong to it
        pad = " " * indent
        lines[at:at] = [pad + line if line.strip() else line for line in body.splitlines(keepends=True)]
    return "".join(lines) + "".join(appended)


def _top_level(text: str, path: Path) -> dict[str, tuple[int, int, int, bool]]:
    """For each top-level key of a glossary file's text: the 0-based line of the key, the line
    where its block ends (the next key's line, or the end), the indentation of its items, and
    whether its value is an empty flow list (``[]``). A non-empty flow list is an error."""
    import yaml

    node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if node is None:  # only comments: every list is added at the end
        return {}
    if not isinstance(node, yaml.MappingNode):  # read_glossary_file has rejected this already
        raise GlossaryError("a glossary file is a mapping with the key 'concepts'", path=str(path))
    keys = [(k.value, k.start_mark.line, v) for k, v in node.value]
    total = len(text.splitlines())
    out: dict[str, tuple[int, int, int, bool]] = {}
    for i, (key, line, value) in enumerate(keys):
        end = keys[i + 1][1] if i + 1 < len(keys) else total
        indent, flow_empty = 0, False
        if isinstance(value, yaml.SequenceNode):
            if value.flow_style and value.value:
                raise GlossaryError(f"cannot add to {key!r}, a list written in flow style "
                                    "([...]); write it in block style", path=str(path),
                                    line=line + 1)
            flow_empty = bool(value.flow_style)
            if value.value:
                indent = _dash_column(text, value.value[0])
        out[key] = (line, end, indent, flow_empty)
    return out


def _dash_column(text: str, item: Any) -> int:
    """The column of the ``-`` that starts a block sequence item."""
    line = text.splitlines()[item.start_mark.line]
    before = line[: item.start_mark.column]
    return before.rfind("-") if "-" in before else 0

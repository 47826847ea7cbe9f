"""``status: proposed`` (variants and concepts) and ``extend:`` lists: the model, the YAML file,
the loader, normalising and the exchange formats."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from silkterm.glossary.errors import GlossaryConflictError, GlossaryFormatError
from silkterm.glossary.exchange import export_glossary, import_glossary
from silkterm.glossary.formats.yamlfile import read_glossary_file, render_glossary_yaml
from silkterm.glossary.loader import load_files, load_glossary
from silkterm.glossary.apply import annotate, normalize
from silkterm.glossary.extension import Extension
from silkterm.glossary.model import Action, Concept, ConceptType, Kind, Status, Variant

PROPOSALS = """\
concepts:
- id: semey
  type: place
  status: proposed
  en: Semey
  zh: 塞梅伊
  source: ['collect a.txt:3']
  verified: false
  variants:
  - form: Semipalatinsk
    status: proposed
    kind: former-name
    verified: false
  - form: Semei
    status: deprecated
    kind: spelling
extend:
- id: khorgos
  variants:
  - form: Qorgas
    status: proposed
    kind: spelling
    source: ['collect b.txt:1']
    verified: false
"""


@pytest.fixture()
def proposals(tmp_path: Path) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text(PROPOSALS, encoding="utf-8")
    return path


def test_a_proposed_variant_is_suggested_never_replaced():
    v = Variant("Qorgas", status=Status.PROPOSED, kind=Kind.SPELLING)
    assert v.default_action() is Action.SUGGEST
    assert v.describe() == "proposed spelling"


def test_the_file_reads_concept_status_and_extensions(proposals: Path):
    listed = read_glossary_file(proposals)
    (semey,) = listed.concepts
    assert (semey.status, semey.proposed, [v.status for v in semey.variants]) == (
        Status.PROPOSED, True, [Status.PROPOSED, Status.DEPRECATED])
    assert listed.extensions == (Extension("khorgos", (Variant(
        "Qorgas", status=Status.PROPOSED, kind=Kind.SPELLING, source=("collect b.txt:1",),
        verified=False, line=20),), str(proposals), 18),)


def test_the_writer_writes_what_the_reader_reads(proposals: Path, tmp_path: Path):
    listed = read_glossary_file(proposals)
    assert render_glossary_yaml(listed.concepts, listed.extensions) == PROPOSALS


def test_a_concept_status_other_than_proposed_is_an_error(tmp_path: Path):
    path = tmp_path / "bad.yaml"
    path.write_text("concepts:\n- id: x\n  type: place\n  status: preferred\n  en: X\n"
                    "  source: [t]\n", encoding="utf-8")
    with pytest.raises(GlossaryFormatError) as e:
        read_glossary_file(path)
    assert str(e.value) == (f"{path}:4: 'status' of concept 'x' is 'preferred'; a concept is "
                            "either accepted (no status) or 'proposed'")


def test_extensions_add_variants_to_the_concept_they_name(small_glossary_path: Path,
                                                          proposals: Path):
    concepts = {c.id: c for c in load_files([small_glossary_path, proposals])}
    assert [v.form for v in concepts["khorgos"].variants][-1] == "Qorgas"
    assert concepts["semey"].proposed and not concepts["khorgos"].proposed


def test_an_extension_of_an_unknown_id_fails_with_the_default_and_is_left_out_alone(
        proposals: Path):
    with pytest.raises(GlossaryConflictError) as e:
        load_files([proposals])
    assert str(e.value) == f"{proposals}:18: 'extend' names 'khorgos', which no glossary file defines"
    (semey,) = load_files([proposals], extended_known=False)
    assert semey.id == "semey"


def test_an_extension_may_not_repeat_a_form_of_the_concept(small_glossary_path: Path,
                                                           tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_text("extend:\n- id: khorgos\n  variants:\n  - form: Horgos\n", encoding="utf-8")
    with pytest.raises(GlossaryConflictError) as e:
        load_files([small_glossary_path, path])
    assert str(e.value) == (f"{path}:4: form 'Horgos' of the extension of 'khorgos' is a form "
                            "of the concept already")


def test_normalize_suggests_proposed_forms_and_rewrites_nothing_of_a_proposed_concept(
        small_glossary_path: Path, proposals: Path):
    g = load_glossary([small_glossary_path, proposals], include_default=False, use_cache=False)
    text = "Semei, once Semipalatinsk, is far from Qorgas and Horgos."
    result = normalize(text, g)
    assert result.text == "Semei, once Semipalatinsk, is far from Qorgas and Khorgos."
    assert [(f.surface, f.action.value, f.reason) for f in result.findings] == [
        ("Semei", "suggest", "deprecated spelling of a proposed concept, not yet reviewed"),
        ("Semipalatinsk", "suggest", "proposed former-name, not yet reviewed"),
        ("Qorgas", "suggest", "proposed spelling, not yet reviewed"),
        ("Horgos", "replace", "deprecated spelling"),
    ]
    assert annotate("Semey and Semei", g) == (
        "Semey ⟦塞梅伊 · Sāiméiyī⟧ and Semei ⟦= Semey · 塞梅伊 · Sāiméiyī · deprecated spelling "
        "of a proposed concept, not yet reviewed⟧")


def test_once_accepted_the_same_forms_are_rewritten(small_glossary_path: Path,
                                                    proposals: Path, tmp_path: Path):
    listed = read_glossary_file(proposals)
    accepted = tmp_path / "accepted.yaml"
    accepted.write_text(render_glossary_yaml(
        [dataclasses.replace(c, status=None) for c in listed.concepts]), encoding="utf-8")
    g = load_glossary([small_glossary_path, accepted], include_default=False, use_cache=False)
    assert normalize("Semei is in Abai Region.", g).text == "Semey is in Abai Region."


def test_suggestions_are_not_accepted_into_a_proposed_concept(tmp_path: Path):
    path = tmp_path / "p.yaml"
    path.write_text("concepts:\n- id: kyzylorda\n  type: place\n  status: proposed\n"
                    "  en: Kyzylorda\n  source: [t]\n", encoding="utf-8")
    g = load_glossary([path], include_default=False, use_cache=False)
    result = normalize("Kyzylordah", g, accept_suggestions=0)
    suggested = [f for f in result.findings if f.concept_id == "kyzylorda"]
    assert result.text == "Kyzylordah" and all(f.action is Action.SUGGEST for f in suggested)


PROPOSED_CONCEPT = Concept(
    "semey", ConceptType.PLACE, "Semey", zh="塞梅伊", source=("collect a.txt:3",),
    status=Status.PROPOSED, variants=(
        Variant("Semipalatinsk", status=Status.PROPOSED, kind=Kind.FORMER_NAME),
        Variant("Semei", status=Status.DEPRECATED, kind=Kind.SPELLING)))


@pytest.mark.parametrize("name", ["g.tbx", "g.csv", "g.po", "g.txt"])
def test_every_exchange_format_carries_proposed(tmp_path: Path, name: str):
    path = tmp_path / name
    export_glossary([PROPOSED_CONCEPT], path)
    (back,) = import_glossary(path)
    assert back.status is Status.PROPOSED
    assert [(v.form, v.status) for v in back.variants] == [
        ("Semipalatinsk", Status.PROPOSED), ("Semei", Status.DEPRECATED)]


def test_tbx_writes_a_proposed_form_as_admitted_with_a_note(tmp_path: Path):
    path = tmp_path / "g.tbx"
    export_glossary([PROPOSED_CONCEPT], path)
    xml = path.read_text(encoding="utf-8")
    term = xml[xml.index("<term>Semipalatinsk</term>"):xml.index("</termSec>",
                                                               xml.index("Semipalatinsk"))]
    assert '<termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>' in term
    assert "<note>silkterm:status: proposed</note>" in term
    entry = xml[xml.index("<conceptEntry"):xml.index("<langSec")]
    assert "<note>silkterm:status: proposed</note>" in entry


def test_a_glossary_without_proposals_exports_as_before(tmp_path: Path):
    accepted = dataclasses.replace(PROPOSED_CONCEPT, status=None, variants=(
        Variant("Semei", status=Status.DEPRECATED, kind=Kind.SPELLING),))
    for name in ("g.tbx", "g.csv", "g.po", "g.txt"):
        export_glossary([accepted], tmp_path / name)
        assert "proposed" not in (tmp_path / name).read_text(encoding="utf-8")

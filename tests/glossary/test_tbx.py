"""TBX export and import (silkterm.glossary.formats.tbx): validity against the TBX v3 core schema and the
TBX-Basic DCA rules, the lossless YAML → TBX → YAML round trip of the built-in glossary, TBX v2
and foreign v3 files, and hostile or malformed input."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from lxml import etree
from silkterm.glossary.loader import load_glossary
from silkterm.glossary.model import Case, Concept, Kind, Spec, Status, Validity, Variant
from silkterm.glossary.errors import GlossaryFormatError
from silkterm.glossary.exchange import write_yaml
from silkterm.glossary.formats.common import make_concept
from silkterm.glossary.formats.tbx import read_tbx, render_tbx, write_tbx

STANDARDS = Path(__file__).resolve().parents[1] / "data" / "standards" / "tbx"
SAMPLE = STANDARDS / "Example_Astronomy_DCA_VALID.tbx"
NS = {"t": "urn:iso:std:iso:30042:ed-2"}


@pytest.fixture(scope="module")
def relaxng() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(STANDARDS / "TBXcoreStructV03.rng")))


# -- the TBX-Basic DCA dialect rules of TBX-Basic_DCA.sch, checked in Python ----------------------
# (lxml's ISO Schematron supports XSLT 1 only; the dialect's schema uses queryBinding="xslt2", so
# it cannot be loaded: lxml raises "does not work with schemas using the xslt2 query language".)

DCA_TYPES = {
    "admin": {"customerSubset", "projectSubset", "source"},
    "descrip": {"subjectField", "context", "definition"},
    "ref": {"crossReference"},
    "termNote": {"administrativeStatus", "partOfSpeech", "geographicalUsage", "grammaticalGender",
                 "termLocation", "termType"},
    "transac": {"transactionType"},
    "transacNote": {"responsibility"},
    "xref": {"externalCrossReference", "xGraphic"},
}
DCA_VALUES = {
    "administrativeStatus": {"admittedTerm-admn-sts", "deprecatedTerm-admn-sts",
                             "supersededTerm-admn-sts", "preferredTerm-admn-sts"},
    "partOfSpeech": {"adjective", "noun", "other", "verb", "adverb"},
    "termType": {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"},
}
DCA_LEVELS = {  # (element, type) -> levels its parent (or a *Grp parent's parent) may be
    ("admin", "source"): {"conceptEntry", "langSec", "termSec"},
    ("descrip", "definition"): {"conceptEntry", "langSec"},
    ("descrip", "context"): {"termSec"},
    ("descrip", "subjectField"): {"conceptEntry"},
}


def dca_problems(tree: etree._ElementTree) -> list[str]:
    """Violations of the TBX-Basic DCA Schematron rules (empty if none)."""
    problems = []
    root = tree.getroot()
    if (root.get("type"), root.get("style")) != ("TBX-Basic", "dca"):
        problems.append("root must be type TBX-Basic, style dca")
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        ns, _, name = el.tag[1:].partition("}")
        if ns != NS["t"]:
            problems.append(f"line {el.sourceline}: element {el.tag} not in the TBX namespace")
            continue
        kind = el.get("type")
        if name in DCA_TYPES and kind not in DCA_TYPES[name]:
            problems.append(f"line {el.sourceline}: {name} type {kind!r}")
        if name == "termNote":
            parent = etree.QName(el.getparent()).localname
            if parent not in ("termSec", "termNoteGrp"):
                problems.append(f"line {el.sourceline}: termNote under {parent}")
            if kind in DCA_VALUES and (el.text or "") not in DCA_VALUES[kind]:
                problems.append(f"line {el.sourceline}: {kind} value {el.text!r}")
        levels = DCA_LEVELS.get((name, kind))
        if levels:
            parent = el.getparent()
            level = etree.QName(parent).localname
            if level.endswith("Grp"):
                level = etree.QName(parent.getparent()).localname
            if level not in levels:
                problems.append(f"line {el.sourceline}: {name} {kind} at {level}")
    return problems


def listed(concept: Concept) -> Concept:
    """The concept without load positions and generated variants: what a glossary file lists."""
    return dataclasses.replace(
        concept, path=None, line=None,
        variants=tuple(dataclasses.replace(v, line=None) for v in concept.variants if v.rule is None),
        specs=tuple(dataclasses.replace(s, line=None) for s in concept.specs))


def unplaced(concept: Concept) -> Concept:
    """The concept without load positions (generated variants kept)."""
    return dataclasses.replace(
        concept, path=None, line=None,
        variants=tuple(dataclasses.replace(v, line=None) for v in concept.variants),
        specs=tuple(dataclasses.replace(s, line=None) for s in concept.specs))


# -- validity ------------------------------------------------------------------------------------


def test_the_validators_accept_the_published_sample_and_reject_a_broken_file(relaxng):
    sample = etree.parse(str(SAMPLE))
    assert relaxng.validate(sample), relaxng.error_log
    assert dca_problems(sample) == []
    broken = etree.parse(str(SAMPLE))
    lang_sec = broken.find(".//t:langSec", NS)
    for term_sec in lang_sec.findall("t:termSec", NS):
        lang_sec.remove(term_sec)  # a langSec needs at least one termSec
    assert not relaxng.validate(broken)
    note = broken.find(".//t:termNote", NS)
    note.set("type", "silkterm-kind")
    assert dca_problems(broken) == [f"line {note.sourceline}: termNote type 'silkterm-kind'"]


def test_the_built_in_glossary_exports_valid_tbx_basic(glossary, relaxng, tmp_path):
    path = tmp_path / "glossary.tbx"
    assert write_tbx(glossary, path) == len(glossary)
    tree = etree.parse(str(path))
    assert relaxng.validate(tree), relaxng.error_log
    assert dca_problems(tree) == []
    entries = tree.findall(".//t:conceptEntry", NS)
    assert [e.get("id") for e in entries] == [c.id for c in glossary]


def test_an_empty_glossary_and_an_id_that_is_no_xml_name_stay_valid(relaxng, tmp_path):
    assert relaxng.validate(etree.fromstring(render_tbx([])).getroottree())
    c = make_concept(id="2022-unrest", type="event", en="2022 unrest", source=("tests",))
    data = render_tbx([c])
    assert b'<conceptEntry id="_2022-unrest">' in data
    assert relaxng.validate(etree.fromstring(data).getroottree()), relaxng.error_log
    (tmp_path / "u.tbx").write_bytes(data)
    assert read_tbx(tmp_path / "u.tbx") == [c]


# -- what the export contains --------------------------------------------------------------------

KHORGOS_ENTRY = """\
<conceptEntry id="khorgos">
  <admin type="source">tests</admin>
  <note>silkterm:type: place</note>
  <note>silkterm:spec: {"from": "Trains exit China at Horgos.", "to": "Trains exit China at Khorgos."}</note>
  <langSec xml:lang="en">
    <descrip type="definition">Border crossing between China and Kazakhstan.</descrip>
    <termSec>
      <term>Khorgos</term>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
      <termNote type="partOfSpeech">noun</termNote>
    </termSec>
    <termSec>
      <term>Horgos</term>
      <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
      <termNote type="termType">variant</termNote>
      <termNote type="partOfSpeech">noun</termNote>
      <note>silkterm:status: deprecated</note>
      <note>silkterm:kind: spelling</note>
    </termSec>
    <termSec>
      <term>Khorgas</term>
      <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
      <termNote type="termType">variant</termNote>
      <termNote type="partOfSpeech">noun</termNote>
      <note>silkterm:status: admitted</note>
      <note>silkterm:kind: spelling</note>
      <note>silkterm:case: ignore</note>
    </termSec>
  </langSec>
  <langSec xml:lang="zh-Hans">
    <termSec>
      <term>霍尔果斯</term>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
      <termNote type="partOfSpeech">noun</termNote>
      <note>silkterm:pinyin: Huò'ěrguǒsī</note>
    </termSec>
    <termSec>
      <term>霍果斯</term>
      <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
      <termNote type="termType">variant</termNote>
      <termNote type="partOfSpeech">noun</termNote>
      <note>silkterm:status: deprecated</note>
      <note>silkterm:kind: misspelling</note>
    </termSec>
  </langSec>
  <langSec xml:lang="zh-Hant">
    <termSec>
      <term>霍爾果斯</term>
      <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
      <termNote type="termType">variant</termNote>
      <termNote type="partOfSpeech">noun</termNote>
      <note>silkterm:derived: traditional script of the Chinese house form</note>
    </termSec>
  </langSec>
  <langSec xml:lang="kk">
    <termSec>
      <term>Қорғас</term>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
      <termNote type="partOfSpeech">noun</termNote>
    </termSec>
  </langSec>
  <langSec xml:lang="ru">
    <termSec>
      <term>Хоргос</term>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
      <termNote type="partOfSpeech">noun</termNote>
    </termSec>
  </langSec>
</conceptEntry>
"""


def _entry_text(data: bytes, concept_id: str) -> str:
    root = etree.fromstring(data)
    entry = root.find(f".//t:conceptEntry[@id='{concept_id}']", NS)
    etree.indent(entry, space="  ")
    text = etree.tostring(entry, encoding="unicode", with_tail=False)
    return text.replace(' xmlns="urn:iso:std:iso:30042:ed-2"', "") + "\n"


def test_a_concept_is_exported_exactly_so(small):
    assert _entry_text(render_tbx([small["khorgos"]], include_generated=False),
                       "khorgos") == KHORGOS_ENTRY


def test_the_header_names_silkterm_and_the_dialect(small):
    data = render_tbx([small["xian"]])
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<?xml-model href=")
    root = etree.fromstring(data)
    assert (root.get("type"), root.get("style"), root.get("{http://www.w3.org/XML/1998/namespace}lang")) \
        == ("TBX-Basic", "dca", "en")
    assert root.findtext(".//t:title", namespaces=NS) == "silkterm glossary"
    assert root.findtext(".//t:sourceDesc/t:p", namespaces=NS).startswith("Exported by silkterm ")


def test_forbidden_forms_are_deprecated_in_tbx_and_forbidden_again_after_import(small, tmp_path):
    data = render_tbx([small["covid-19"]])
    root = etree.fromstring(data)
    sec = next(s for s in root.iterfind(".//t:termSec", NS) if s.findtext("t:term", namespaces=NS)
               == "new crown")
    assert [(n.get("type"), n.text) for n in sec.findall("t:termNote", NS)] == [
        ("administrativeStatus", "deprecatedTerm-admn-sts"), ("partOfSpeech", "noun")]
    assert [n.text for n in sec.findall("t:note", NS)] == [
        "silkterm:status: forbidden", "silkterm:kind: mistranslation", "silkterm:case: exact",
        "silkterm:exception: new crown prince"]
    (tmp_path / "c.tbx").write_bytes(data)
    (back,) = read_tbx(tmp_path / "c.tbx")
    assert back.variants[1] == Variant("new crown", status=Status.FORBIDDEN,
                                       kind=Kind.MISTRANSLATION, case=Case.EXACT,
                                       exceptions=("new crown prince",))


def test_abbreviations_and_short_forms_get_a_term_type(small):
    root = etree.fromstring(render_tbx([small["sco"], small["covid-19"]]))
    types = {s.findtext("t:term", namespaces=NS): s.findtext("t:termNote[@type='termType']",
                                                             namespaces=NS)
             for s in root.iterfind(".//t:termSec", NS)}
    assert (types["SCO"], types["COVID"], types["Shanghai Cooperation Organisation"]) \
        == ("acronym", "shortForm", None)


def test_generated_variants_are_marked_and_can_be_left_out(small):
    astana = small["astana"]
    generated = [v for v in astana.variants if v.rule]
    assert generated  # Nursultan, Nur Sultan… from the rules
    full = render_tbx([astana]).decode()
    assert full.count("<note>silkterm:rule: ") == len(generated)
    bare = render_tbx([astana], include_generated=False).decode()
    assert "<note>silkterm:rule" not in bare


# -- round trips ---------------------------------------------------------------------------------


def test_the_built_in_glossary_survives_tbx_and_back_field_for_field(glossary, tmp_path):
    path = tmp_path / "g.tbx"
    write_tbx(glossary, path)
    back = read_tbx(path)
    assert [c.id for c in back] == [c.id for c in glossary]
    for original, imported in zip(glossary, back, strict=True):
        assert listed(imported) == listed(original)


def test_yaml_to_tbx_to_yaml_loses_nothing(glossary, tmp_path):
    """Built-in glossary → TBX → import → YAML → load: every concept is identical, generated
    variants included (they are derived again from identical listed data)."""
    write_tbx(glossary, tmp_path / "g.tbx")
    write_yaml(read_tbx(tmp_path / "g.tbx"), tmp_path / "g.yaml")
    again = load_glossary([tmp_path / "g.yaml"], include_default=False, use_cache=False)
    assert len(again) == len(glossary)
    for original, loaded in zip(glossary, again, strict=True):
        assert unplaced(loaded) == unplaced(original)


def test_every_silkterm_field_round_trips(tmp_path):
    c = make_concept(
        id="astana", type="place", en="Astana", zh="阿斯塔纳", pinyin="Āsītǎnà", kk="Астана",
        note="Capital of Kazakhstan.\nSecond line.", source=("tests", "https://example.org/a"),
        unverified=("kk",), case=Case.EXACT, seen=("a.txt:1", "b.txt:2"),
        variants=(
            Variant("Nur-Sultan", status=Status.DEPRECATED, kind=Kind.FORMER_NAME,
                    valid=Validity(dt.date(2019, 3, 23), dt.date(2022, 9, 17)), seen=("a.txt:3",)),
            Variant("努尔苏丹", lang="zh", status=Status.DEPRECATED, kind=Kind.FORMER_NAME,
                    valid=Validity(None, dt.date(2022, 9, 17))),
            Variant("Akmola", status=Status.ADMITTED, kind=Kind.FORMER_NAME, action=None,
                    exceptions=("Akmola Region",), ambiguous=True, note="Also a region.",
                    source=("seeds",), verified=False, case=Case.SHAPE),
            Variant("Ақмола", lang="kk", kind=Kind.FORMER_NAME),
            Variant("Astana city", kind=Kind.ALIAS, use="Astana"),
        ),
        specs=(Spec("in Nur-Sultan", "in Nur-Sultan"),), exclude_rules=("wade-giles-words",))
    path = tmp_path / "a.tbx"
    write_tbx([c], path)
    text = path.read_text(encoding="utf-8")
    assert "<note>silkterm:seq: 2</note>" in text  # the zh variant sits between en variants
    assert read_tbx(path) == [c]
    other = make_concept(id="plain", type="term", en="plain term", source=("x",), verified=False)
    write_tbx([other], path)
    assert "silkterm:seq" not in path.read_text(encoding="utf-8")
    assert read_tbx(path) == [other]


# -- files from other tools ----------------------------------------------------------------------

TBX_V2 = """\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en-US">
  <martifHeader>
    <fileDesc>
      <sourceDesc><p>Hand-written TBX-Basic v2 sample</p></sourceDesc>
    </fileDesc>
    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>
  </martifHeader>
  <text>
    <body>
      <termEntry id="SCO">
        <descrip type="subjectField">international organisations</descrip>
        <langSet xml:lang="en-US">
          <descripGrp>
            <descrip type="definition">Eurasian political, economic and security
              organisation founded in 2001.</descrip>
            <admin type="source">https://en.wikipedia.org/wiki/Shanghai_Cooperation_Organisation</admin>
          </descripGrp>
          <tig>
            <term>Shanghai Cooperation Organisation</term>
            <termNote type="termType">fullForm</termNote>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
            <termNote type="partOfSpeech">properNoun</termNote>
          </tig>
          <tig>
            <term>SCO</term>
            <termNote type="termType">acronym</termNote>
            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
          </tig>
          <ntig>
            <termGrp>
              <term>Shanghai Cooperation Organization</term>
              <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
            </termGrp>
            <note>US spelling; the organisation uses British spelling.</note>
          </ntig>
        </langSet>
        <langSet xml:lang="zh-CN">
          <tig>
            <term>上海合作组织</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </tig>
          <tig>
            <term>上合组织</term>
            <termNote type="termType">shortForm</termNote>
          </tig>
        </langSet>
        <langSet xml:lang="de">
          <tig><term>Shanghaier Organisation für Zusammenarbeit</term></tig>
        </langSet>
      </termEntry>
      <termEntry id="eid 2">
        <langSet xml:lang="en">
          <tig><term>Nur-Sultan</term>
            <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></tig>
          <tig><term>Astana</term></tig>
        </langSet>
        <langSet xml:lang="zh-TW">
          <tig><term>阿斯塔納</term></tig>
        </langSet>
      </termEntry>
    </body>
  </text>
</martif>
"""


def test_tbx_v2_is_read(tmp_path):
    path = tmp_path / "v2.tbx"
    path.write_text(TBX_V2, encoding="utf-8")
    assert read_tbx(path) == [
        make_concept(
            id="sco", type="term", en="Shanghai Cooperation Organisation", zh="上海合作组织",
            note="Eurasian political, economic and security organisation founded in 2001.",
            source=("https://en.wikipedia.org/wiki/Shanghai_Cooperation_Organisation",),
            variants=(
                Variant("SCO", kind=Kind.ABBREVIATION),
                Variant("Shanghai Cooperation Organization", status=Status.DEPRECATED,
                        note="US spelling; the organisation uses British spelling."),
                Variant("上合组织", lang="zh", kind=Kind.SHORT_FORM),
            )),
        make_concept(
            id="astana", type="term", en="Astana", source=("tbx: v2.tbx",),
            variants=(
                Variant("Nur-Sultan", status=Status.DEPRECATED, kind=Kind.FORMER_NAME),
                Variant("阿斯塔納", lang="zh-Hant", kind=Kind.SCRIPT),
            )),
    ]


def test_a_v2_import_becomes_a_loadable_glossary(tmp_path):
    path = tmp_path / "v2.tbx"
    path.write_text(TBX_V2, encoding="utf-8")
    write_yaml(read_tbx(path), tmp_path / "v2.yaml")
    g = load_glossary([tmp_path / "v2.yaml"], include_default=False, use_cache=False)
    assert [c.id for c in g] == ["sco", "astana"]


def test_the_published_v3_sample_is_read_and_entries_without_english_are_reported():
    skipped: list[str] = []
    concepts = read_tbx(SAMPLE, skipped=skipped)
    assert [s.rsplit(": ", 1)[1] for s in skipped] == ["c17", "c18", "c19", "c20", "c22", "c40"]
    assert skipped[0] == f"{SAMPLE}:1611: c17"
    assert len(concepts) == 39
    c2 = concepts[1]
    assert (c2.id, c2.en, c2.note) == (
        "c2", "circumstellar accretion disk",
        ("A structure that forms around a compact object (e.g. a white dwarf, neutron star, or "
         "black hole) when matter flows towards it."))
    assert [(v.form, v.status) for v in c2.variants] == [
        ("accretion disc", Status.ADMITTED), ("circumstellar disk", Status.ADMITTED)]
    with pytest.raises(GlossaryFormatError, match=r":1611: concept entry 'c17' has no English term$"):
        read_tbx(SAMPLE)


# -- bad and hostile input -----------------------------------------------------------------------


def test_an_external_entity_is_rejected_without_reading_the_file(tmp_path):
    path = tmp_path / "xxe.tbx"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                    '<tbx><text><body><conceptEntry id="a"><langSec xml:lang="en"><termSec>'
                    "<term>&x;</term></termSec></langSec></conceptEntry></body></text></tbx>\n",
                    encoding="utf-8")
    with pytest.raises(GlossaryFormatError) as e:
        read_tbx(path)
    assert str(e.value) == f"{path}:2: entity declarations are not allowed"


def test_an_entity_bomb_is_rejected(tmp_path):
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    path = tmp_path / "bomb.tbx"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY l0 "lol">{lol}]>\n'
                    "<tbx>&l9;</tbx>\n", encoding="utf-8")
    with pytest.raises(GlossaryFormatError, match="entity declarations are not allowed"):
        read_tbx(path)


@pytest.mark.parametrize(("text", "message"), [
    ("<tbx><text><body>\n<conceptEntry id='a'>\n</body></tbx>",
     r"bad\.tbx:3: malformed XML: Opening and ending tag mismatch: conceptEntry line 2 and body"),
    ("<tbx><text><body><conceptEntry id='a'>", r"bad\.tbx:1: malformed XML: "),
    ("<html><body/></html>", r"bad\.tbx:1: not a TBX file \(root element <html>, expected <tbx> or <martif>\)"),
    (("<tbx>\n<text><body>\n<conceptEntry id='a'><note>silkterm:type: planet</note>"
      "<langSec xml:lang='en'><termSec><term>Mars</term></termSec></langSec></conceptEntry></body></text></tbx>"),
     r"bad\.tbx:3: bad silkterm data: 'planet' is not a valid ConceptType"),
    (("<tbx><text><body>\n<conceptEntry id='a'><note>silkterm:type: place</note>"
      "<langSec xml:lang='zh'><termSec><term>火星</term></termSec></langSec></conceptEntry></body></text></tbx>"),
     r"bad\.tbx:2: concept entry 'a' has no English term"),
])
def test_malformed_files_give_one_error_with_file_and_line(tmp_path, text, message):
    path = tmp_path / "bad.tbx"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryFormatError, match=message):
        read_tbx(path, skipped=[])


def test_a_missing_file_and_a_wrong_encoding(tmp_path):
    with pytest.raises(GlossaryFormatError, match=r"none\.tbx: no such file$"):
        read_tbx(tmp_path / "none.tbx")
    path = tmp_path / "latin.tbx"
    path.write_bytes('<?xml version="1.0" encoding="UTF-8"?>\n<tbx>Almaty–Astana é</tbx>'
                     .encode("latin-1", "replace"))
    with pytest.raises(GlossaryFormatError, match=r"latin\.tbx:2: malformed XML: "):
        read_tbx(path)


# -- entries whose English term is deprecated ---------------------------------------------------

DEPRECATED_V3 = """\
<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
  <tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="en">
        <descrip type="definition">Former capital of Kazakhstan.</descrip>
        <termSec><term>Alma-Ata</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
        <termSec><term>Alma Ata</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
      </langSec>
      <langSec xml:lang="zh-Hans">
        <termSec><term>阿拉木图</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
    <conceptEntry id="c2">
      <langSec xml:lang="en">
        <termSec><term>Horgos</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
        <termSec><term>Khorgos</term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""

DEPRECATED_V2 = """\
<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
  <text><body>
    <termEntry id="e1">
      <langSet xml:lang="en-GB">
        <tig><term>Nur-Sultan</term>
          <termNote type="termStatus">deprecatedTerm</termNote></tig>
      </langSet>
      <langSet xml:lang="ru">
        <tig><term>Нур-Султан</term></tig>
      </langSet>
    </termEntry>
  </body></text>
</martif>
"""


def test_a_v3_entry_with_only_deprecated_english_terms_is_imported_and_reported(tmp_path):
    path = tmp_path / "dep.tbx"
    path.write_text(DEPRECATED_V3, encoding="utf-8")
    notices: list[str] = []
    skipped: list[str] = []
    concepts = read_tbx(path, skipped=skipped, notices=notices)
    assert concepts == [
        make_concept(
            id="c1", type="term", en="Alma-Ata", zh="阿拉木图", unverified=("en",),
            note=("Former capital of Kazakhstan. The English term is deprecatedTerm-admn-sts in "
                  "dep.tbx, which gives no other English term."),
            source=("tbx: dep.tbx",),
            variants=(Variant("Alma Ata", status=Status.DEPRECATED),)),
        make_concept(  # an admitted term is the house form: nothing to report
            id="c2", type="term", en="Khorgos", source=("tbx: dep.tbx",),
            variants=(Variant("Horgos", status=Status.DEPRECATED),)),
    ]
    assert skipped == []
    assert notices == [f"{path}:5: c1: the English house form 'Alma-Ata' is "
                       "deprecatedTerm-admn-sts in the file"]
    write_yaml(concepts, tmp_path / "dep.yaml")
    g = load_glossary([tmp_path / "dep.yaml"], include_default=False, use_cache=False)
    assert (g["c1"].en, g["c1"].verified, g["c1"].unverified) == ("Alma-Ata", False, ("en",))


def test_a_v2_entry_whose_english_term_status_is_deprecated_is_imported(tmp_path):
    path = tmp_path / "dep2.tbx"
    path.write_text(DEPRECATED_V2, encoding="utf-8")
    notices: list[str] = []
    (concept,) = read_tbx(path, skipped=[], notices=notices)
    assert (concept.id, concept.en, concept.ru, concept.unverified) == (
        "e1", "Nur-Sultan", "Нур-Султан", ("en",))
    assert concept.note == ("The English term is deprecatedTerm in dep2.tbx, which gives no other "
                            "English term.")
    assert notices == [f"{path}:4: e1: the English house form 'Nur-Sultan' is deprecatedTerm in "
                       "the file"]

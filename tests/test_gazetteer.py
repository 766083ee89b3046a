"""The offline gazetteer: name keys, GeoNames dump import, and lookups in the built file."""

from __future__ import annotations

import os
import sqlite3
import threading
import time

import pytest

from fogline.gazetteer import Gazetteer, import_geonames
from fogline.gazetteer.keys import aspirated_skeleton, name_keys, skeleton
from fogline.gazetteer.schema import SCHEMA, finish_indexes


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        ("Boukamal", "Abu Kamal"),
        ("Barawe", "Baraawe"),
        ("Saqlawiya", "Saqlawiyah"),
        ("Kiev", "Kyiv"),
        ("Anabah", "’Unābah"),
    ],
)
def test_transliteration_variants_share_a_skeleton(written, listed):
    assert name_keys(written).skeleton == name_keys(listed).skeleton


@pytest.mark.parametrize(("written", "listed"), [("Kyaukphyu", "Kyaukpyu"), ("Phyapon", "Pyapon")])
def test_aspirated_ph_of_burmese_romanisation_meets_the_plain_p(written, listed):
    assert aspirated_skeleton(name_keys(written).base) == name_keys(listed).skeleton
    assert name_keys(written).skeleton != name_keys(listed).skeleton  # only as a fallback


def test_names_without_ph_have_no_aspirated_variant():
    assert aspirated_skeleton("kidal") is None


def test_unrelated_names_have_different_skeletons():
    assert skeleton("gao") != skeleton("kidal")
    assert name_keys("Timbuktu").skeleton != name_keys("Mopti").skeleton


def test_arabic_article_and_feature_word_are_stripped_with_a_hint():
    keys = name_keys("Al-Anbar Governorate")
    assert keys.base == "anbar"
    assert keys.hint == "ADM1"
    assert name_keys("the district of Kurmuk").base == "kurmuk"


def test_settlement_words_are_only_a_query_fallback():
    keys = name_keys("Atlantic City")
    assert keys.base == "atlantic city"
    assert keys.loose == "atlantic"


DUMP = "\n".join(
    "\t".join(row)
    for row in [
        [
            "2457163",
            "Gao",
            "Gao",
            "Gao,Gao Town",
            "16.27",
            "-0.04",
            "P",
            "PPLA",
            "ML",
            "",
            "07",
            "",
            "",
            "",
            "86633",
            "",
            "260",
            "Africa/Bamako",
            "2020-01-01",
        ],
        [
            "2455290",
            "Kidal",
            "Kidal",
            "",
            "18.44",
            "1.41",
            "P",
            "PPLA",
            "ML",
            "",
            "08",
            "",
            "",
            "",
            "25617",
            "",
            "460",
            "Africa/Bamako",
            "2020-01-01",
        ],
        [
            "2457161",
            "Gao Region",
            "Gao Region",
            "Region de Gao",
            "16.5",
            "0.5",
            "A",
            "ADM1",
            "ML",
            "",
            "07",
            "",
            "",
            "",
            "0",
            "",
            "300",
            "Africa/Bamako",
            "2020-01-01",
        ],
        [
            "9999999",
            "Some Stream",
            "Some Stream",
            "",
            "16.0",
            "0.0",
            "H",
            "STM",
            "ML",
            "",
            "",
            "",
            "",
            "",
            "0",
            "",
            "",
            "Africa/Bamako",
            "2020-01-01",
        ],
    ]
)


@pytest.fixture
def small_gazetteer(tmp_path):
    path = tmp_path / "gaz.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA)
    finish_indexes(conn)
    conn.close()
    dump = tmp_path / "ML.txt"
    dump.write_text(DUMP + "\n", encoding="utf-8")
    assert import_geonames(path, dump) == 4
    return Gazetteer(path)


def test_import_geonames_then_lookup_prefers_the_town_with_people(small_gazetteer):
    best = small_gazetteer.lookup("Gao")[0]
    assert (best.name, best.country_code, best.feature) == ("Gao", "ML", "PPLA")
    assert best.admin1 == "Gao Region"
    assert best.population == 86633


def test_lookup_with_a_province_word_prefers_the_province(small_gazetteer):
    assert small_gazetteer.lookup("Gao Region")[0].feature == "ADM1"


def test_lookup_of_an_unknown_name_is_empty(small_gazetteer):
    assert small_gazetteer.lookup("Atlantis") == []


def test_importing_twice_replaces_rows(small_gazetteer, tmp_path):
    import_geonames(small_gazetteer.path, tmp_path / "ML.txt")
    assert len([c for c in small_gazetteer.lookup("Kidal") if c.name == "Kidal"]) == 1


def test_import_rejects_a_file_of_another_format(tmp_path, small_gazetteer):
    bad = tmp_path / "bad.txt"
    bad.write_text("name,lat,lon\nGao,16,0\n", encoding="utf-8")
    with pytest.raises(ValueError, match="19"):
        import_geonames(small_gazetteer.path, bad)


def test_missing_gazetteer_file_says_how_to_build_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="gazetteer build"):
        Gazetteer(tmp_path / "none.sqlite")


def _in_threads(n, work):
    """Run ``work()`` in ``n`` threads at once; their results, or the exceptions they raised."""
    start = threading.Barrier(n, timeout=30)
    results = [None] * n

    def run(i):
        start.wait()
        try:
            results[i] = work()
        except Exception as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_two_builders_at_once_both_finish_with_one_whole_file(tmp_path, monkeypatch):
    from fogline.gazetteer import build

    both_building = threading.Barrier(2, timeout=30)

    def countries(w):  # both builders are half way when either goes on
        w.add(gid="c:ML", name="Mali", lat=17.0, lon=-4.0, cc="ML", feature="PCLI",
              admin1=None, population=1, source="countries")  # fmt: skip
        both_building.wait()
        return {}

    (tmp_path / "pkg" / "data").mkdir(parents=True)
    (tmp_path / "pkg" / "data" / "cities500.json").write_text("{}")
    monkeypatch.setattr(build, "_package_dir", lambda module: tmp_path / "pkg")
    monkeypatch.setattr(build, "_add_countries", countries)
    monkeypatch.setattr(build, "_add_admin1", lambda w, cities, points: {})
    for step in ("_add_cities", "_add_districts", "_add_csc_towns"):
        monkeypatch.setattr(build, step, lambda w, cities, admin1: None)
    for step in ("_add_continents", "_add_regions"):
        monkeypatch.setattr(build, step, lambda w: None)
    target = tmp_path / "share" / "gazetteer.sqlite"
    results = _in_threads(2, lambda: build.build_gazetteer(target))
    assert [r["countries"] if isinstance(r, dict) else r for r in results] == [1, 1]
    assert Gazetteer(target).lookup("Mali")[0].country_code == "ML"
    assert sorted(p.name for p in target.parent.iterdir()) == ["gazetteer.sqlite"]


def test_first_use_from_two_processes_at_once_builds_the_gazetteer_once(tmp_path, monkeypatch):
    import fogline.gazetteer as gazetteer_module

    builds = []

    def slow_build(path):  # stands in for the minute-long build
        builds.append(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{threading.get_ident()}.building")
        time.sleep(0.5)
        conn = sqlite3.connect(tmp)
        conn.executescript(SCHEMA)
        conn.close()
        os.replace(tmp, path)

    target = tmp_path / "share" / "gazetteer.sqlite"
    monkeypatch.setenv("FOGLINE_GAZETTEER", str(target))
    monkeypatch.setattr(gazetteer_module, "build_gazetteer", slow_build)
    results = _in_threads(2, Gazetteer.open_default)
    assert [type(r) for r in results] == [Gazetteer, Gazetteer]
    assert builds == [target]


@pytest.fixture(scope="module")
def built():
    gaz = Gazetteer.open_default()
    if gaz is None:
        pytest.skip("the default gazetteer could not be built")
    return gaz


@pytest.mark.slow
def test_built_gazetteer_counts_every_source(built):
    counts = built.counts()
    assert counts["geonames-cities"] > 200_000
    assert counts["districts"] > 40_000
    assert counts["countries"] > 240


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "country", "feature"),
    [
        ("Britain", "GB", "PCLI"),
        ("Ukraine", "UA", "PCLI"),
        ("North Darfur", "SD", "ADM1"),
        ("Anbar province", "IQ", "ADM1"),
        ("Kharkiv", "UA", "PPL"),
        ("Sahel", None, "RGN"),
    ],
)
def test_built_gazetteer_resolves_common_conflict_places(built, name, country, feature):
    best = built.lookup(name)[0]
    assert (best.country_code, best.kind) == (country, feature)


@pytest.mark.slow
def test_a_district_without_a_point_says_its_point_is_approximate(built):
    districts = [c for c in built.lookup("Kurmuk district") if c.kind == "ADM2"]
    assert districts
    assert all("approx" in c.feature for c in districts)


def test_import_reads_the_zip_geonames_ships(tmp_path, small_gazetteer):
    """GeoNames serves country files as XX.zip (the dump and a readme): imported as they are."""
    import zipfile

    archive = tmp_path / "ML.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("readme.txt", "GeoNames readme\n")
        zf.writestr("ML.txt", DUMP.replace("86633", "90000") + "\n")
    seen: list[int] = []
    assert import_geonames(small_gazetteer.path, archive, progress=seen.append) == 4
    assert seen[-1] == 4
    assert small_gazetteer.lookup("Gao")[0].population == 90000


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("ML.zip", b"PK\x05\x06" + b"\x00" * 18, "expected one GeoNames dump"),  # an empty zip
        ("latin1.txt", "Ségou".encode("latin-1"), "not UTF-8"),
    ],
)
def test_import_of_a_wrong_file_says_what_is_wrong_and_imports_nothing(
    tmp_path, small_gazetteer, name, content, message
):
    from fogline.errors import FoglineError

    bad = tmp_path / name
    bad.write_bytes(content)
    before = len(small_gazetteer.lookup("Gao"))
    with pytest.raises(FoglineError, match=message):
        import_geonames(small_gazetteer.path, bad)
    assert len(small_gazetteer.lookup("Gao")) == before

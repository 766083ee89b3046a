"""Places: toponyms geocoded against the gazetteer, disambiguated by the document's context."""

from __future__ import annotations

import pytest

from fogline.extract.places import extract_places
from fogline.gazetteer import Gazetteer, haversine_km

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    from fogline.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="module")
def gaz():
    gazetteer = Gazetteer.open_default()
    if gazetteer is None:
        pytest.skip("no gazetteer could be built")
    return gazetteer


def places_of(nlp, gaz, text):
    return {p.name: p for p in extract_places(nlp(text), gazetteer=gaz)}


def test_place_spans_point_into_the_text(nlp, gaz):
    text = "Fighting resumed near Kidal in northern Mali on Sunday, residents said."
    for p in extract_places(nlp(text), gazetteer=gaz):
        assert text[p.start : p.end] == p.name


def test_towns_resolve_in_the_country_the_report_names(nlp, gaz):
    text = (
        "Sudan's army said it had retaken El Fasher after days of shelling. "
        "Aid convoys from Khartoum were stopped near Kutum, officials in Sudan said."
    )
    found = places_of(nlp, gaz, text)
    assert found["Khartoum"].country_code == "SD"
    assert found["El Fasher"].country_code == "SD"
    assert found["El Fasher"].lat is not None


def test_a_province_named_with_its_suffix_resolves_to_the_province(nlp, gaz):
    text = "Drone strikes hit Idlib province overnight, the Syrian monitor reported."
    idlib = next(p for p in extract_places(nlp(text), gazetteer=gaz) if "Idlib" in p.name)
    assert idlib.country_code == "SY"
    assert idlib.feature.startswith("ADM1")


def test_famous_city_beats_small_namesake_in_another_country(nlp, gaz):
    text = (
        "Ukrainian officials met in Kyiv before flying to Geneva for talks, "
        "while shelling continued around Kharkiv."
    )
    geneva = places_of(nlp, gaz, text)["Geneva"]
    assert geneva.country_code == "CH"
    assert haversine_km(geneva.lat, geneva.lon, 46.2, 6.15) < 30


def test_places_named_together_cohere(nlp, gaz):
    text = "Troops moved from Mandalay towards Sagaing, in central Myanmar, on Tuesday."
    found = places_of(nlp, gaz, text)
    assert found["Mandalay"].country_code == "MM"
    assert found["Sagaing"].country_code == "MM"


def test_without_a_gazetteer_mentions_come_unresolved(nlp):
    text = "Protesters gathered in Bamako, the capital of Mali."
    places = extract_places(nlp(text), gazetteer=None)
    assert {p.name for p in places} >= {"Bamako", "Mali"}
    assert all(p.lat is None for p in places)


def test_unknown_place_stays_unresolved_rather_than_guessed(nlp, gaz):
    text = "Refugees reached the Zxqvillage camp in Mali, the agency said."
    for p in extract_places(nlp(text), gazetteer=gaz):
        if p.name.startswith("Zxq"):
            assert p.lat is None

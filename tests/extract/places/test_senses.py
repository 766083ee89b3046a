"""Places: names used in another sense (people, firms, common words, peoples and languages,
alternate names) are not geocoded without place evidence; a country's name is the country."""

from __future__ import annotations

import pytest

from fogline.extract.context import DocContext
from fogline.extract.places import extract_places
from fogline.gazetteer import Gazetteer

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


def places(nlp, gaz, text):
    doc = nlp(text)
    return extract_places(doc, DocContext.of(doc, gazetteer=gaz))


def resolved(nlp, gaz, text):
    return {p.name: p for p in places(nlp, gaz, text) if p.lat is not None}


def test_a_firm_named_like_an_alternate_name_of_a_town_is_no_place(nlp, gaz):
    text = "Google, which owns YouTube, said on Tuesday that it would open two offices."
    assert "Google" not in resolved(nlp, gaz, text)


def test_an_alternate_name_is_a_match_of_its_own_kind(gaz):
    assert gaz.lookup("Google")[0].match == "alt"  # GeoNames lists it for Topeka
    assert gaz.lookup("Topeka")[0].match == "exact"
    assert gaz.lookup("Britain")[0].match == "exact"  # a country's names are all its own


def test_a_surname_after_a_given_name_is_a_person_elsewhere_in_the_text(nlp, gaz):
    text = (
        "The studio has set its sights back on Christian Bale. After the other actor bowed "
        "out, Bale emerged as a front-runner to play the inventor."
    )
    assert "Bale" not in resolved(nlp, gaz, text)


def test_a_name_after_a_title_is_a_person(nlp, gaz):
    text = (
        "Officer Darren Wilson was not indicted. Many linked the murder to Wilson's non-indictment."
    )
    assert "Wilson" not in resolved(nlp, gaz, text)


def test_a_common_word_in_a_name_is_no_town_abroad(nlp, gaz):
    text = (
        "He was suspended from the PGA Tour for six months, and a Tour official confirmed "
        "the ban on Friday."
    )
    assert "Tour" not in resolved(nlp, gaz, text)


def test_a_language_is_no_place(nlp, gaz):
    text = "The commander spoke in Hausa to the crowd in Maiduguri, Nigeria."
    found = {p.name for p in places(nlp, gaz, text)}
    assert "Hausa" not in found
    assert "Maiduguri" in found


def test_a_country_name_is_the_country_not_its_capital(nlp, gaz):
    text = (
        "Mass graves were found in the state of Guerrero in southern Mexico, where the "
        "crackdown on Mexico's drug gangs began."
    )
    mexicos = [p for p in places(nlp, gaz, text) if p.name == "Mexico"]
    assert mexicos and all(p.feature == "PCLI" for p in mexicos)


def test_an_alternate_name_with_place_evidence_is_still_resolved(nlp, gaz):
    text = "Kurdish fighters held the Syrian town of Kobani after weeks of shelling."
    assert resolved(nlp, gaz, text)["Kobani"].country_code == "SY"


def test_an_unknown_name_with_nothing_of_a_place_is_no_place_record(nlp, gaz):
    text = "Move over, Netflix and Hulu: the service streams games of Twister too."
    found = {p.name for p in places(nlp, gaz, text)}
    assert not found & {"Netflix", "Hulu", "Twister"}


def test_the_title_of_a_publication_is_no_place(nlp, gaz):
    text = "A spokesman told The Hollywood Reporter that the deal was done."
    assert not any("Hollywood" in p.name for p in places(nlp, gaz, text))


def test_a_lower_case_compass_word_is_not_part_of_the_place(nlp, gaz):
    text = "He had lived in Maida Vale, in west London, before he left for Syria."
    london = next(p for p in places(nlp, gaz, text) if p.name == "London")
    assert london.country_code == "GB"


def test_a_small_town_abroad_is_not_credible_beside_the_texts_countries(nlp):
    from fogline.extract.places.lexicon import load_cues
    from fogline.extract.places.mentions import credible
    from fogline.gazetteer import Candidate

    doc = nlp("Residents said Wagga was also attacked overnight.")
    mention = doc[2:3]
    town = Candidate("t:1", "Wagga Wagga", -35.1, 147.4, "AU", "PPL", None, 56_000, "exact", 4.7)
    assert not credible(mention, town, {"NG"}, load_cues(), set())
    assert credible(mention, town, {"AU"}, load_cues(), set())
    assert credible(mention, town, set(), load_cues(), set())  # no country named: the prior


def test_a_spelling_variant_is_never_read_into_an_acronym(nlp):
    from fogline.extract.places.lexicon import load_cues
    from fogline.extract.places.mentions import credible
    from fogline.gazetteer import Candidate

    doc = nlp("The story spread to KVIL, a radio station.")
    town = Candidate("t:2", "Oakville", 43.4, -79.7, "CA", "PPL", None, 200_000, "skeleton", 3.8)
    assert not credible(doc[4:5], town, {"CA"}, load_cues(), set())


def test_the_last_part_of_a_hyphenated_person_name_is_a_person(nlp, gaz):
    text = (
        "Abu Bakr al-Baghdadi leads the group. Three aides to al-Baghdadi were killed, "
        "officials in Iraq said."
    )
    assert not any("Baghdadi" in p.name for p in places(nlp, gaz, text))


def test_a_firm_named_like_a_county_of_the_texts_country_is_no_place(nlp, gaz):
    text = (
        "Ford said on Monday it would cut jobs across America. Ford plans to close two "
        "plants, and Ford’s shares fell."
    )
    assert not any(p.name == "Ford" for p in places(nlp, gaz, text))

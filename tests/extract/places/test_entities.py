"""fogline_entities: names the statistical NER mislabels, fixed from gazetteer and actors."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from fogline.extract.places.entities import NAME, actor_labels

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    from fogline.nlp import load_pipeline

    return load_pipeline()


def labels(doc):
    return {e.text: e.label_ for e in doc.ents}


def test_component_runs_after_ner(nlp):
    assert nlp.pipe_names.index(NAME) == nlp.pipe_names.index("ner") + 1


def test_district_named_before_its_feature_word_becomes_a_place(nlp):
    doc = nlp("Gunmen attacked Kurmuk district on Monday, killing four farmers.")
    assert labels(doc).get("Kurmuk") in ("GPE", "LOC")


def test_village_of_cue_makes_a_place(nlp):
    doc = nlp("Militias burned houses in the village of Tawila, witnesses told reporters.")
    assert labels(doc).get("Tawila") in ("GPE", "LOC")


def test_person_name_without_place_cue_stays_a_person(nlp):
    doc = nlp("Minister Florence Kamara said the talks would resume in Freetown.")
    assert labels(doc).get("Florence Kamara") == "PERSON"
    assert labels(doc).get("Freetown") == "GPE"


def test_common_words_are_not_turned_into_places(nlp):
    doc = nlp("In March, President Salva Kiir met General Paul Malong in Juba.")
    found = labels(doc)
    assert found.get("March") != "GPE"
    assert "President" not in found


def test_actor_dictionary_names_become_organisations(nlp):
    from spacy.tokens import Span

    from fogline.extract.places.entities import EntityFixer

    fixer = EntityFixer(nlp)
    fixer.gazetteer = nlp.get_pipe(NAME)._gaz()
    entry = SimpleNamespace(name="Katiba Macina", kind="group", aliases=["Macina Liberation Front"])
    fixer.actors = actor_labels([entry])
    doc = nlp.make_doc("Katiba Macina fighters attacked a convoy near Mopti.")
    doc.ents = [Span(doc, 0, 2, label="GPE")]  # what a statistical model may say
    assert labels(fixer(doc)).get("Katiba Macina") == "ORG"


def test_surname_used_as_place_by_the_model_becomes_a_person_again(nlp):
    doc = nlp(
        "Commander Ibrahim Diallo led the column into Gao. "
        "Diallo said the town was calm, and Diallo left on Friday."
    )
    assert all(e.label_ != "GPE" for e in doc.ents if e.text == "Diallo")


def refix(nlp, text, forced):
    """Run ``fogline_entities`` on ``text`` after setting the model's entities to ``forced``
    ({entity text: label}), as a statistical model might have labelled them."""
    from spacy.tokens import Span

    doc = nlp(text)
    spans = []
    for name, label in forced.items():
        start = text.index(name)
        spans.append(doc.char_span(start, start + len(name), label=label))
    doc.ents = [Span(doc, s.start, s.end, label=s.label_) for s in spans]
    return labels(nlp.get_pipe(NAME)(doc))


def test_wire_dateline_names_a_place(nlp):
    found = refix(nlp, "KHARTOUM, May 12 (Reuters) - Sudan's army said on Sunday.", {})
    assert found.get("KHARTOUM") == "GPE"


def test_title_case_dateline_with_an_agency_names_a_place(nlp):
    text = "Kassala, May 12 (AP) - Sudan's army said on Sunday it had repelled an attack."
    assert refix(nlp, text, {"Kassala": "PERSON"}).get("Kassala") == "GPE"


def test_a_capitalised_word_opening_a_paragraph_is_no_dateline(nlp):
    text = "Army says calm restored\n\nHope, a trader, said the market had reopened on Monday."
    assert refix(nlp, text, {"Hope": "PERSON"}).get("Hope") == "PERSON"


def test_country_possessive_makes_a_province_a_place(nlp):
    text = "Gunmen killed 12 villagers in Nigeria's Zamfara State on Tuesday, police said."
    assert refix(nlp, text, {"Zamfara State": "PERSON"}).get("Zamfara State") == "GPE"


def test_country_possessive_before_a_person_stays_a_person(nlp):
    text = "Nigeria's Bola Tinubu ordered troops to the north on Tuesday."
    assert refix(nlp, text, {"Bola Tinubu": "PERSON"}).get("Bola Tinubu") == "PERSON"


def test_province_after_a_town_and_a_comma_is_a_place(nlp):
    text = "Gunmen stormed a base in Goronyo, Sokoto State, on Tuesday."
    found = refix(nlp, text, {"Goronyo": "GPE", "Sokoto State": "PERSON"})
    assert found.get("Sokoto State") == "GPE"


def test_last_name_of_a_byline_is_the_reporters_city(nlp):
    text = "By Jane Wanjiru\nBBC News, Nairobi\n\nRebels attacked a police post on Monday."
    assert refix(nlp, text, {"Nairobi": "PERSON"}).get("Nairobi") == "GPE"


def test_city_used_as_a_noun_but_tagged_as_a_people_becomes_a_place(nlp):
    text = "A drone struck a power station in Kassala on Monday, cutting electricity."
    assert refix(nlp, text, {"Kassala": "NORP"}).get("Kassala") == "GPE"


def test_nationality_adjective_stays_a_people(nlp):
    text = "Troops moved into Sudanese territory on Monday, officials said."
    assert refix(nlp, text, {"Sudanese": "NORP"}).get("Sudanese") == "NORP"


def test_city_before_based_is_a_place(nlp):
    text = "Musa Bello of the Kano-based Centre for Peace said attacks would continue."
    assert refix(nlp, text, {"Musa Bello": "PERSON"}).get("Kano") == "GPE"


def test_territory_after_a_name_makes_it_a_place(nlp):
    text = "Rebels shelled villages in Lubero territory on Sunday, residents said."
    assert refix(nlp, text, {"Lubero": "PERSON"}).get("Lubero") == "GPE"


def test_name_listed_after_a_place_is_a_place_in_the_documents_country(nlp):
    text = "Congo's army said it had pushed the rebels back from Goma and Bukavu on Friday."
    found = refix(nlp, text, {"Congo": "GPE", "Goma": "PERSON", "Bukavu": "PERSON"})
    assert found.get("Goma") == "GPE"
    assert found.get("Bukavu") == "GPE"


def test_spelling_variant_after_a_place_cue_is_a_place_in_the_documents_country(nlp):
    text = "Residents fled the port town of Kyaukphyu in western Myanmar on Sunday."
    found = refix(nlp, text, {"Kyaukphyu": "PERSON", "Myanmar": "GPE"})
    assert found.get("Kyaukphyu") == "GPE"


def test_hyphenated_place_names_are_found_whole(nlp):
    doc = nlp(
        "Rebels attacked an army post in Ouham-Pendé prefecture on Tuesday. "
        "Gangs also attacked Croix-des-Bouquets."
    )
    found = labels(doc)
    for name in ("Ouham-Pendé", "Croix-des-Bouquets"):
        assert found.get(name) in ("GPE", "LOC"), name


def test_hyphenated_person_name_is_not_grown_into_a_place(nlp):
    doc = nlp("Jean-Pierre Ngoy, a trader, said the road to Bria was closed.")
    assert labels(doc).get("Jean-Pierre Ngoy") == "PERSON"


def test_spaced_dash_of_a_dateline_ends_the_place(nlp):
    text = "ILIGAN CITY - Two soldiers were wounded in a roadside blast on Sunday."
    found = refix(nlp, text, {"ILIGAN CITY - Two": "GPE"})
    assert found.get("ILIGAN CITY") == "GPE"
    assert not any("Two" in name for name in found)


def test_colon_of_a_dateline_ends_the_place(nlp):
    text = "BAMENDA: Separatist fighters torched a school on Monday."
    found = refix(nlp, text, {"BAMENDA: Separatist": "GPE"})
    assert "BAMENDA" in found and "BAMENDA: Separatist" not in found


def test_province_with_a_lower_case_particle_is_found_whole(nlp):
    doc = nlp("The gunmen may have fled towards Lanao del Norte after the clash.")
    assert labels(doc).get("Lanao del Norte") in ("GPE", "LOC")


def test_two_towns_tagged_as_one_title_are_split_after_a_place_cue(nlp):
    text = "Soldiers were deployed in Kumbo and Ndop on Sunday."
    found = refix(nlp, text, {"Kumbo and Ndop": "WORK_OF_ART"})
    assert found.get("Kumbo") == "GPE" and found.get("Ndop") == "GPE"


def test_a_title_without_a_place_cue_is_not_split(nlp):
    text = "She was reading War and Peace on the bus."
    found = refix(nlp, text, {"War and Peace": "WORK_OF_ART"})
    assert found.get("War and Peace") == "WORK_OF_ART"


def test_town_after_sent_to_is_a_place_not_a_person(nlp):
    text = "Reinforcements were sent to Piagapo after the ambush."
    found = refix(nlp, text, {"Piagapo": "PERSON"})
    assert found.get("Piagapo") == "GPE"


def test_an_upper_case_dateline_is_a_place_whatever_its_part_of_speech(nlp):
    doc = nlp("ABUJA, Nigeria — Officials said the talks had stalled.")
    assert labels(doc).get("ABUJA") == "GPE"


def test_a_name_and_an_age_at_a_line_start_is_no_dateline(nlp):
    from fogline.extract.places.evidence import _dateline

    doc = nlp.make_doc("He left.\nKarimov, 24, joined them.\nKunduz, 5 May (AP) - Shots.")
    assert not _dateline(doc[4:5])  # "Karimov, 24,"
    kunduz = next(t for t in doc if t.text == "Kunduz")
    assert _dateline(doc[kunduz.i : kunduz.i + 1])


def test_names_with_an_apostrophe_or_an_arabic_article_are_read_whole(nlp):
    found = labels(nlp("Gunmen were seen in Sana'a, and jets struck Raqqa and Deir ez-Zor."))
    assert found.get("Sana'a") == "GPE"
    assert found.get("Deir ez-Zor") == "GPE"


def test_a_place_name_with_a_possessive_inside_is_read_whole(nlp):
    doc = nlp("Police searched a flat near Shepherd’s Bush in west London on Monday.")
    assert labels(doc).get("Shepherd’s Bush") == "GPE"


def test_a_name_run_on_into_a_function_word_ends_before_it():
    """ "the town of Macomia in Mozambique": the model's span "Macomia in" is the name "Macomia"."""
    import spacy
    from spacy.tokens import Doc, Span

    from fogline.extract.places.entities import _trim

    words = ["the", "town", "of", "Macomia", "in", "Mozambique"]
    pos = ["DET", "NOUN", "ADP", "PROPN", "ADP", "PROPN"]
    doc = Doc(spacy.blank("en").vocab, words=words, pos=pos)
    assert _trim(Span(doc, 3, 5, label="WORK_OF_ART")).text == "Macomia"
    assert _trim(Span(doc, 3, 6, label="GPE")).text == "Macomia in Mozambique"
    assert _trim(Span(doc, 4, 5, label="ORG")).text == "in"  # one word: left as it is

"""fogline_entities: names the statistical NER mislabels, fixed from gazetteer and actors."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from fogline.extract.entities import NAME, actor_labels

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

    from fogline.extract.entities import EntityFixer

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

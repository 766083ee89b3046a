"""Claims: predicate, subject, place, source and stance, from texts written for fogline.

The events are fictional; the places and armed groups are real so that the gazetteer and the
actor dictionary have something to resolve.
"""

from __future__ import annotations

import dataclasses

import pytest

from fogline.extract.claims import PREDICATES, extract_claims
from fogline.extract.claims.lexicon import load_lexicon
from fogline.extract.context import DocContext
from fogline.model import Claim


def _claims(analyzer, text: str, source: str | None = "Example Wire") -> list[Claim]:
    analysis = analyzer.analyze(text, published="2024-03-04", source=source)
    for c in analysis.claims:
        assert analysis.document.text[c.start : c.end] == c.text
    return analysis.claims


def _find(claims: list[Claim], predicate: str, stance: str | None = None) -> list[Claim]:
    return [
        c for c in claims if c.predicate == predicate and (stance is None or c.stance == stance)
    ]


def test_lexicon_covers_the_closed_predicate_set():
    lex = load_lexicon()
    assert lex.predicates() == PREDICATES
    assert set(PREDICATES) == {
        "CONTROL", "CAPTURED", "ARRESTED", "KILLED", "WOUNDED", "ATTACKED", "WITHDREW",
        "DISPLACED", "DEPLOYED", "ADVANCED", "NEGOTIATE", "DEMAND", "THREATEN", "CEASEFIRE",
    }  # fmt: skip
    assert {"deny", "reject", "dismiss", "refute"} <= lex.denial_verbs
    assert "reportedly" in lex.hedge_words and "unconfirmed reports" in lex.hedge_phrases


def test_extract_claims_reads_the_doc_context_and_takes_a_lexicon(analyzer):
    doc = analyzer.nlp("Tuareg rebels said they had seized the town of Kidal.")
    ctx = DocContext.of(doc, source="Example Wire")  # no other layer: the parse alone
    claims = extract_claims(doc, ctx)
    assert [(c.predicate, c.place, c.stance) for c in claims] == [("CONTROL", "Kidal", "asserts")]
    assert claims[0].source.name == "Tuareg rebels"
    no_verbs = dataclasses.replace(load_lexicon(), verbs={})
    assert extract_claims(doc, ctx, lexicon=no_verbs) == []


def test_indirect_speech_asserts_control_with_the_speaker_as_source(analyzer):
    claims = _claims(
        analyzer,
        "Tuareg rebels of the CSP-DPA said on Sunday that they had seized the town of Kidal "
        "after two days of fighting.",
    )
    control = _find(claims, "CONTROL", "asserts")
    assert control, claims
    assert control[0].place == "Kidal"
    assert control[0].date == "2024-03-03"
    assert control[0].source.name != "Example Wire"


def test_negated_quote_denies_control(analyzer):
    claims = _claims(
        analyzer,
        "Al-Shabaab fighters said they had captured the town of Kismayo.\n\n"
        "\u2018The militants have not captured the town,\u2019 said army spokesman "
        "Abdi Farah. \u2018Our troops are in the town.\u2019",
    )
    denials = _find(claims, "CONTROL", "denies")
    assert denials, claims
    assert denials[0].place == "Kismayo"
    assert "Farah" in denials[0].source.name
    assert denials[0].denies_claim is not None
    assert claims[denials[0].denies_claim].stance == "asserts"


def test_denial_of_the_claims_copies_the_answered_proposition(analyzer):
    claims = _claims(
        analyzer,
        "M23 rebels said on Tuesday they had taken control of Sake, a town west of Goma.\n\n"
        "The Congolese army denied the claims.",
    )
    asserted = _find(claims, "CONTROL", "asserts")
    denied = _find(claims, "CONTROL", "denies")
    assert asserted and denied, claims
    assert denied[-1].place == asserted[0].place == "Sake"
    assert denied[-1].subject == asserted[0].subject
    assert claims[denied[-1].denies_claim].source == asserted[0].source


def test_passive_denial_takes_the_subject_from_the_claim_it_answers(analyzer):
    claims = _claims(
        analyzer,
        "Houthi forces said they had seized the district of Harib.\n\n"
        "A government spokesman told reporters that the district had not been captured.",
    )
    denied = _find(claims, "CONTROL", "denies")
    assert denied, claims
    assert denied[0].subject is not None
    assert denied[0].subject == _find(claims, "CONTROL", "asserts")[0].subject


def test_reportedly_hedges_and_the_outlet_named_after_is_the_source(analyzer):
    claims = _claims(
        analyzer,
        "Wagner fighters had reportedly taken control of the town of Bakhmut, reports The Times.",
        source="Example Wire",
    )
    hedged = _find(claims, "CONTROL", "hedges")
    assert hedged, claims
    assert hedged[0].source.name == "The Times"
    assert hedged[0].place == "Bakhmut"


def test_unattributed_narration_belongs_to_the_outlet_or_the_article(analyzer):
    text = "Soldiers abandoned their base near Goma on Friday after heavy shelling."
    assert {c.source.name for c in _claims(analyzer, text, source="Lake Kivu News")} <= {
        "Lake Kivu News"
    }
    assert {c.source.name for c in _claims(analyzer, text, source=None)} <= {"the article"}


def test_killings_keep_the_victims_class_and_a_denial_of_them(analyzer):
    claims = _claims(
        analyzer,
        "The insurgents said they had killed dozens of soldiers near Palma.\n\n"
        "An army spokesman said no soldier had been killed.",
    )
    asserted = _find(claims, "KILLED", "asserts")
    denied = _find(claims, "KILLED", "denies")
    assert asserted and denied, claims
    assert asserted[0].object == "soldiers"
    assert denied[0].denies_claim is not None


def test_a_claim_that_cannot_be_verified_is_unconfirmed_by_the_outlet(analyzer):
    claims = _claims(
        analyzer,
        "In a statement, the group said its fighters had overrun the village of Mucojo.\n\n"
        "The claim could not be independently verified.",
        source="Coast Radio",
    )
    # "could not be verified": neither an assertion nor a denial (issue 13's stance model)
    open_ = [c for c in _find(claims, "CONTROL", "unconfirmed") if c.source.name == "Coast Radio"]
    assert open_, claims
    assert open_[0].place == "Mucojo"


@pytest.mark.parametrize(
    "text",
    [
        "Has the town of Kidal fallen to the rebels?",
        "If the army controlled Kidal, we would see it.",
        "The rebels want to capture Kidal before the rains.",
        "The rebels must withdraw from Kidal, the minister said.",
    ],
)
def test_questions_conditions_wishes_and_demands_are_not_control_claims(analyzer, text):
    assert not _find(_claims(analyzer, text), "CONTROL")


def test_every_claim_has_a_known_predicate_and_stance(analyzer):
    claims = _claims(
        analyzer,
        "Gunmen ambushed a convoy near Gao on Monday, killing five soldiers, the army said. "
        "The rebels denied any involvement. Thousands of people have fled the area, "
        "according to the UN refugee agency.",
    )
    assert claims
    for c in claims:
        assert c.predicate in PREDICATES
        assert c.stance in ("asserts", "denies", "hedges")
        assert c.paragraph_kind == "body"


def test_subject_is_the_dictionary_alias_the_article_uses(analyzer):
    claims = _claims(
        analyzer,
        "The Nigerian Army said on Sunday that its troops had recaptured the town of Gwoza "
        "after a night of fighting.",
    )
    control = _find(claims, "CONTROL", "asserts")
    assert control, claims
    assert control[0].subject == "Nigerian Army"
    assert control[0].place == "Gwoza"


def test_dateline_before_the_speaker_is_not_the_source(analyzer):
    claims = _claims(
        analyzer,
        "BAMAKO, March 3 (Example Wire) - Mali's army said on Sunday they had retaken the "
        "town of Ber after clashes with the rebels.",
    )
    control = _find(claims, "CONTROL", "asserts")
    assert control, claims
    assert "BAMAKO" not in (control[0].subject or "") + control[0].source.name


def test_killing_takes_agent_and_place_from_the_clause_of_the_same_incident(analyzer):
    claims = _claims(
        analyzer,
        "Gunmen ambushed a bus near Kaya on Friday, killing nine passengers, police said.\n\n"
        "Four soldiers were killed when militants attacked a checkpoint near the town of "
        "Dori, the army said.",
    )
    killed = _find(claims, "KILLED")
    places = {(c.object, c.place) for c in killed}
    assert ("passengers", "Kaya") in places, killed
    assert ("soldiers", "Dori") in places, killed
    dori = next(c for c in killed if c.place == "Dori")
    assert dori.subject is not None and "militants" in dori.subject.lower()


def test_blame_makes_the_blamer_claim_the_toll_and_a_denial_answers_it(analyzer):
    claims = _claims(
        analyzer,
        "Three civilians were killed when a mortar shell hit a market in Beledweyne on "
        "Saturday, local officials said.\n\n"
        "The Somali National Army blamed al-Shabaab for the attack. The militants denied it.",
    )
    blamed = [c for c in _find(claims, "KILLED", "asserts") if c.subject == "al-Shabaab"]
    assert blamed, claims
    assert blamed[0].place == "Beledweyne"
    assert blamed[0].source.name != "local officials"
    denied = [c for c in _find(claims, "KILLED", "denies") if c.subject == "al-Shabaab"]
    assert denied and denied[0].denies_claim is not None


def test_toll_without_a_place_takes_the_place_the_paragraph_named(analyzer):
    claims = _claims(
        analyzer,
        "Fighters stormed an army base in Beledweyne on Sunday. 'We killed 14 soldiers,' the "
        "group said in a statement.",
    )
    killed = _find(claims, "KILLED")
    assert killed and killed[0].place == "Beledweyne", claims


def test_place_under_the_control_of_an_actor_is_that_actors_control(analyzer):
    claims = _claims(
        analyzer,
        "'The town of Beledweyne remains under the control of the Somali National Army,' a "
        "regional official, Ahmed Nur, told reporters.",
    )
    control = _find(claims, "CONTROL", "asserts")
    assert control, claims
    assert control[0].place == "Beledweyne"
    assert control[0].subject in ("Somali National Army", "SNA")


def test_withdrawal_without_a_named_place_is_a_claim_of_the_fighters(analyzer):
    claims = _claims(
        analyzer,
        "Al-Shabaab said its fighters had stormed the base in Beledweyne and killed 12 soldiers "
        "before withdrawing with weapons and vehicles.",
    )
    withdrew = _find(claims, "WITHDREW")
    assert withdrew, claims
    assert withdrew[0].subject == "al-Shabaab"
    assert withdrew[0].place == "Beledweyne"


def test_unconfirmed_reports_carried_by_an_outlet_are_the_outlets_hedged_claim(analyzer):
    claims = _claims(
        analyzer,
        "According to unconfirmed reports carried by Radio Dalsan, al-Shabaab fighters took "
        "control of the town of Beledweyne on Friday.",
    )
    control = _find(claims, "CONTROL", "hedges")
    assert control, claims
    assert control[0].source.name == "Radio Dalsan"


def test_abduction_of_people_near_a_place_is_a_capture_with_that_place(analyzer):
    claims = _claims(
        analyzer,
        "Suspected al-Shabaab fighters abducted six traders near Beledweyne on Monday, a local "
        "elder said.",
    )
    captured = _find(claims, "CAPTURED")
    assert captured, claims
    assert captured[0].object == "traders" and captured[0].place == "Beledweyne"


def test_denial_that_any_ground_was_taken_answers_the_control_claim(analyzer):
    claims = _claims(
        analyzer,
        "Al-Shabaab said its fighters had seized the town of Beledweyne on Sunday.\n\n"
        "The Somali National Army denied the militants had taken any ground.",
    )
    denials = _find(claims, "CONTROL", "denies")
    assert denials, claims
    assert denials[0].place == "Beledweyne" and denials[0].subject == "al-Shabaab"
    assert denials[0].denies_claim is not None


def test_its_jets_are_the_reporting_organisations_and_a_spokesmans_our_troops_its_forces(
    analyzer,
):
    claims = _claims(
        analyzer,
        "The Nigerian Air Force (NAF) said its fighter jets had destroyed a rebel camp near "
        "Monguno, killing dozens of fighters.\n\n"
        "'Our troops made a tactical repositioning and later retook the town,' army spokesman "
        "Musa Bello said.",
    )
    attacked = _find(claims, "ATTACKED")
    assert attacked and attacked[0].subject == "NAF", claims
    killed = _find(claims, "KILLED")
    assert killed and killed[0].subject == "NAF" and killed[0].place == "Monguno"
    withdrew = _find(claims, "WITHDREW")
    assert withdrew, claims
    assert withdrew[0].subject != "Musa Bello"


def test_toll_without_a_place_takes_the_articles_place_not_the_dateline(analyzer):
    claims = _claims(
        analyzer,
        "MOGADISHU, March 3 (Example Wire) - Al-Shabaab fighters attacked the town of Baidoa "
        "on Sunday, officials said.\n\n"
        "Residents said the fighters stayed in Baidoa for three hours.\n\n"
        "At least nine civilians were killed, a local official said.",
    )
    killed = [c for c in _find(claims, "KILLED") if c.object == "civilians"]
    assert killed and killed[0].place == "Baidoa", claims


def test_people_forced_to_flee_are_displaced_by_whoever_forced_them(analyzer):
    claims = _claims(
        analyzer,
        "According to the district commissioner, gunmen forced dozens of families in Baidoa "
        "to flee on Monday.",
    )
    displaced = _find(claims, "DISPLACED")
    assert displaced and displaced[0].subject == "gunmen"
    assert displaced[0].object == "families"
    assert displaced[0].place == "Baidoa"
    assert displaced[0].source.name == "district commissioner"
    assert not _find(claims, "WITHDREW")  # the gunmen did not flee


def test_forced_displacement_takes_its_place_from_the_forcing_clause(analyzer):
    claims = _claims(
        analyzer,
        "Police said militants forced families in two villages of Kidal region to flee "
        "after they burned the market.",
    )
    displaced = _find(claims, "DISPLACED")
    assert displaced and displaced[0].subject and "militant" in displaced[0].subject.lower()
    assert displaced[0].place and "Kidal" in displaced[0].place


def test_a_ministry_speaking_carries_the_state_that_owns_it(analyzer):
    claims = _claims(
        analyzer,
        "Tajikistan's Defence Ministry said Kyrgyz troops had shelled a border post near "
        "Isfara overnight, killing one Tajik soldier.",
    )
    attacks = _find(claims, "ATTACKED", "asserts") + _find(claims, "KILLED", "asserts")
    assert attacks, claims
    assert all(c.source.affiliation == "Tajikistan" for c in attacks), attacks


def test_weapons_fired_or_launched_at_a_target_attack_it(analyzer):
    claims = _claims(
        analyzer,
        "The army said insurgents fired rockets and launched armed drones at a military base "
        "near the town of Tillaberi on Sunday night.",
    )
    attacks = _find(claims, "ATTACKED", "asserts")
    assert attacks, claims
    assert attacks[0].place == "Tillaberi"
    assert attacks[0].source.name != "Example Wire"


def test_denying_a_part_in_the_clashes_denies_an_attack(analyzer):
    claims = _claims(
        analyzer,
        "A spokesman for the Sudan People's Liberation Movement-North denied that its fighters "
        "had taken part in the clashes in Kadugli.",
    )
    denials = _find(claims, "ATTACKED", "denies")
    assert denials, claims
    assert denials[0].place == "Kadugli"


def test_a_demand_takes_the_place_named_in_what_is_demanded_not_its_subject(analyzer):
    claims = _claims(
        analyzer,
        "Bamako demanded that the rebels withdraw their fighters from Kidal before any talks.",
    )
    demands = _find(claims, "DEMAND")
    assert demands, claims
    assert demands[0].place == "Kidal"


def test_envoys_due_to_meet_their_counterparts_is_a_negotiation(analyzer):
    claims = _claims(
        analyzer,
        "Sudanese army negotiators are due to meet their RSF counterparts in Jeddah next week, "
        "according to the Saudi Press Agency.",
    )
    talks = _find(claims, "NEGOTIATE")
    assert talks, claims
    assert talks[0].place == "Jeddah"


def test_it_holding_talks_is_the_reporting_body_that_said_so(analyzer):
    claims = _claims(
        analyzer,
        "The Puntland government said it would hold talks with clan elders in Garowe on Tuesday.",
    )
    talks = _find(claims, "NEGOTIATE")
    assert talks, claims
    assert talks[0].subject and "Puntland" in talks[0].subject
    assert talks[0].place == "Garowe"


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "sentence",
    [
        "A spokesman for the army said he could not confirm that rebels had captured Kidal.",
        "The defence ministry said it was unable to verify that rebels had captured Kidal.",
        "Officials said they were not aware that rebels had captured Kidal.",
    ],
)
def test_cannot_confirm_is_neither_assertion_nor_denial(analyzer, sentence):
    text = "Rebels said on Sunday they had captured the town of Kidal in northern Mali.\n\n"
    claims = _claims(analyzer, text + sentence)
    second = [c for c in claims if c.start >= len(text)]
    assert second, [(c.predicate, c.stance, c.text) for c in claims]
    assert all(c.stance == "unconfirmed" for c in second), [(c.stance, c.text) for c in second]
    assert _find(claims, "CONTROL", "asserts")  # the rebels' own claim stands


def test_reports_a_named_outlet_carries_are_that_outlets_hedged_claim(analyzer):
    claims = _claims(
        analyzer, "Reports in Al Arabiya said rebels had seized the town of Kidal on Sunday."
    )
    control = _find(claims, "CONTROL")
    assert control and control[0].source.name == "Al Arabiya", claims
    assert control[0].stance == "hedges"


def test_anonymous_reports_stay_the_outlets_hedge(analyzer):
    claims = _claims(analyzer, "Media reports said rebels had seized the town of Kidal on Sunday.")
    control = _find(claims, "CONTROL")
    assert control and control[0].source.name == "Example Wire", claims
    assert control[0].stance == "hedges"


def test_not_confirming_another_proposition_leaves_the_claim_alone(analyzer):
    claims = _claims(
        analyzer,
        "Rebels seized the town of Kidal on Sunday, residents said. The army said it could not "
        "confirm that foreign fighters had joined the rebels.",
    )
    assert not _find(claims, "CONTROL", "unconfirmed"), claims


def test_not_confirming_the_claim_restated_leaves_it_unconfirmed(analyzer):
    claims = _claims(
        analyzer,
        "Rebels seized the town of Kidal on Sunday, residents said. The army said it could not "
        "confirm that the rebels had seized the town.",
    )
    unconfirmed = _find(claims, "CONTROL", "unconfirmed")
    assert unconfirmed and unconfirmed[0].source.name == "army", claims


def test_not_confirming_that_it_happened_leaves_the_earlier_claim_unconfirmed(analyzer):
    claims = _claims(
        analyzer,
        "Rebels seized the town of Kidal on Sunday, residents said. The army said it could not "
        "confirm that it happened.",
    )
    assert _find(claims, "CONTROL", "unconfirmed"), claims


def test_a_number_of_residents_are_the_residents(analyzer):
    claims = _claims(
        analyzer, "A number of residents said at least 30 people were killed in Gao on Thursday."
    )
    killed = _find(claims, "KILLED")
    assert killed and killed[0].source.name == "residents", claims


def test_it_before_an_inverted_attribution_is_not_the_reporting_body(analyzer):
    claims = _claims(
        analyzer,
        "Islamic State fighters pushed into the town of Kobani on Friday. It executed at least "
        "11 civilians on Saturday, the Syrian Observatory for Human Rights said.",
    )
    killed = _find(claims, "KILLED")
    assert killed and "Observatory" in killed[0].source.name, claims
    assert "Observatory" not in (killed[0].subject or ""), killed


def test_bare_reports_that_circulated_hedge_the_claim(analyzer):
    claims = _claims(
        analyzer,
        "Reports that the militants had killed five soldiers in Gao circulated on social media "
        "on Sunday.",
    )
    killed = _find(claims, "KILLED")
    assert killed and killed[0].stance == "hedges", claims
    assert killed[0].source.name == "Example Wire"


def test_reports_a_body_denies_stay_its_denial(analyzer):
    claims = _claims(
        analyzer, "The army denied reports that the militants had killed five soldiers in Gao."
    )
    killed = _find(claims, "KILLED")
    assert killed and killed[0].stance == "denies" and killed[0].source.name == "army", claims


def test_some_of_its_members_are_not_a_source_of_their_own(analyzer):
    claims = _claims(
        analyzer,
        "Lebanese forces arrested a woman in Tripoli on Monday, officials said. Islamic State "
        "has not commented. Some of its members took to social media on Tuesday to deny that "
        "any wife of its leader had been arrested.",
    )
    assert all(c.source.name != "its members" for c in claims), claims


def test_a_participle_coordinated_with_a_passive_is_passive_and_shares_its_agent(analyzer):
    claims = _claims(analyzer, "Five soldiers were captured and killed by the militants in Gao.")
    killed, captured = _find(claims, "KILLED"), _find(claims, "CAPTURED")
    assert killed and killed[0].object == "soldiers", claims
    assert killed[0].subject == "militants", killed
    assert captured and captured[0].subject == "militants", claims


def test_the_subject_of_a_small_clause_participle_is_its_victim(analyzer):
    claims = _claims(
        analyzer,
        "Enoch Mark said the attack in the village of Wagga on Saturday saw some 40 women "
        "abducted.",
    )
    captured = _find(claims, "CAPTURED")
    assert captured and captured[0].object == "women", claims
    assert captured[0].subject is None, captured


@pytest.mark.parametrize(("verb", "stance"), [("denied", "denies"), ("said", "asserts")])
def test_a_state_adjective_takes_the_stance_of_the_verb_above_it(analyzer, verb, stance):
    text = f"A Malian army spokesman {verb} that the rebel commander was dead."
    killed = _find(_claims(analyzer, text), "KILLED")
    assert killed and {c.stance for c in killed} == {stance}, killed


def test_no_truth_to_a_claim_denies_it(analyzer):
    text = (
        "“There is no validity to the rumor that we have killed the rebel commander,” an army "
        "spokesman in Bamako said."
    )
    killed = _find(_claims(analyzer, text), "KILLED")
    assert killed and {c.stance for c in killed} == {"denies"}, killed


def test_a_town_that_lies_near_a_border_denies_nothing(analyzer):
    text = (
        "Rebels seized a cache of weapons near Gao on Monday, witnesses said.\n\n"
        "The caches were dropped early Monday to soldiers in the town of Gao that lies near "
        "the Niger border."
    )
    assert not [c for c in _claims(analyzer, text) if c.stance == "denies"]


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("The rebel commander ordered the massacre in Gao last year.", False),
        ("The rebel commander ordered the release of the prisoners in Gao.", True),
    ],
)
def test_ordering_an_act_of_violence_is_no_demand(analyzer, text, demand):
    assert bool(_find(_claims(analyzer, text), "DEMAND")) == demand


def test_a_source_saying_the_same_thing_twice_made_one_claim(analyzer):
    text = (
        "Rebels seized the town of Kidal on Sunday, the army said.\n\n"
        "Residents fled south. The army said the rebels had seized Kidal and were looting shops."
    )
    control = _find(_claims(analyzer, text), "CONTROL")
    assert len(control) == 1, control
    assert control[0].start == text.index("Rebels seized"), control  # where first stated

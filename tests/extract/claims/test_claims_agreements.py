"""Ceasefires and threats as claims, and a negated belief as a denial.

Texts written for fogline; the events are fictional, the places and groups real so that
they resolve.
"""

from __future__ import annotations

from fogline.model import Claim


def _claims(analyzer, text: str) -> list[Claim]:
    return analyzer.analyze(text, published="2024-03-04", source="Example Wire").claims


def _of(claims: list[Claim], predicate: str) -> list[Claim]:
    return [c for c in claims if c.predicate == predicate]


def test_a_ceasefire_agreed_with_a_group_names_both_sides_and_the_country(analyzer):
    claims = _claims(
        analyzer,
        "Fighting continued near Maiduguri in Nigeria on Monday. The Nigerian government "
        "announced a cease-fire agreement with Boko Haram on Friday, an official said.",
    )
    truce = _of(claims, "CEASEFIRE")
    assert len(truce) == 1, claims
    assert truce[0].object == "Boko Haram" and truce[0].place == "Nigeria", truce
    assert truce[0].stance == "asserts"


def test_talks_about_a_ceasefire_are_no_ceasefire(analyzer):
    claims = _claims(
        analyzer, "Ceasefire talks between the army and the rebels resumed in Khartoum on Monday."
    )
    assert not _of(claims, "CEASEFIRE"), claims


def test_a_truce_that_might_be_agreed_is_no_claim(analyzer):
    claims = _claims(analyzer, "The rebels could agree to a truce next week, a diplomat said.")
    assert not _of(claims, "CEASEFIRE"), claims


def test_not_thinking_a_truce_was_agreed_denies_it(analyzer):
    claims = _claims(
        analyzer,
        "A researcher, Amina Bello, said she did not think Boko Haram had agreed to a truce.",
    )
    truce = _of(claims, "CEASEFIRE")
    assert truce and truce[0].stance == "denies" and truce[0].subject == "Boko Haram", claims


def test_a_threat_to_kill_is_a_threat_not_a_killing(analyzer):
    claims = _claims(
        analyzer,
        "Al-Shabaab threatened to kill the hostages within three days, a video showed.",
    )
    threats = _of(claims, "THREATEN")
    assert threats and threats[0].subject.lower() == "al-shabaab", claims
    assert threats[0].object == "hostages", threats
    assert not _of(claims, "KILLED"), claims


def test_something_threatening_to_become_an_issue_is_no_threat(analyzer):
    claims = _claims(analyzer, "The dispute is threatening to become a major election issue.")
    assert not _of(claims, "THREATEN"), claims


def test_a_video_that_threatens_stands_for_the_group_that_posted_it(analyzer):
    claims = _claims(
        analyzer,
        "On Thursday, al-Shabaab posted a video threatening to kill the hostages in three days.",
    )
    threats = _of(claims, "THREATEN")
    assert threats and threats[0].subject.lower() == "al-shabaab", claims
    assert threats[0].object == "hostages", threats


def test_a_ceasefire_in_a_text_that_names_the_country_only_as_a_modifier_is_in_it(analyzer):
    claims = _claims(
        analyzer,
        "Gunmen attacked villages near Damboa overnight. Residents fled to Maiduguri. "
        "Nigeria's army "
        "said on Friday it had agreed a ceasefire with Boko Haram.",
    )
    truce = _of(claims, "CEASEFIRE")
    assert truce and truce[0].place == "Nigeria", claims


def test_a_threat_in_a_where_clause_threatens_the_object_of_its_to_verb(analyzer):
    claims = _claims(
        analyzer,
        "Ahmed Hassan, a senior commander of al-Shabaab, spoke for two minutes in the video "
        "where he threatened to kill the journalist within three days.",
    )
    threats = _of(claims, "THREATEN")
    assert threats and threats[0].object == "journalist", claims


def test_a_message_issued_with_a_video_threatens_for_its_issuer(analyzer):
    claims = _claims(
        analyzer,
        "On Monday al-Shabaab issued a video with a message aimed at the Kenyan government "
        "threatening to kill the hostages.",
    )
    threats = _of(claims, "THREATEN")
    assert threats and threats[0].subject.lower() == "al-shabaab", claims
    assert threats[0].object == "hostages", threats


def test_a_state_reporting_talks_with_the_other_side_is_a_party_to_them(analyzer):
    claims = _claims(
        analyzer,
        "Mali insisted on Monday that negotiations with the rebels were ongoing in Algiers.",
    )
    talks = _of(claims, "NEGOTIATE")
    assert talks and talks[0].subject == "Mali", claims
    assert talks[0].place == "Algiers", talks


def test_a_person_reporting_talks_is_no_party_to_them(analyzer):
    claims = _claims(
        analyzer, "A UN envoy said on Monday that negotiations with the rebels were ongoing."
    )
    talks = _of(claims, "NEGOTIATE")
    assert talks and talks[0].subject is None, claims


def test_a_party_announcing_a_truce_deal_is_its_source(analyzer):
    claims = _claims(analyzer, "Last month Mali announced a cease-fire deal with the rebels.")
    truces = _of(claims, "CEASEFIRE")
    assert truces and truces[0].subject == "Mali", claims
    assert truces[0].source.name == "Mali", truces


def test_a_reported_announcement_keeps_the_reporter_as_source(analyzer):
    claims = _claims(
        analyzer, "Last month the rebels said Mali had announced a cease-fire deal with them."
    )
    truces = _of(claims, "CEASEFIRE")
    assert truces and truces[0].source.name == "rebels", claims

"""Event roles in common news phrasings: who acted, on whom, where (texts written for the
project: a fictional crisis, real places)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow  # the real pipeline: spaCy model and gazetteer


def _brief(e):
    return (e.type, e.actor and e.actor.name, e.target and e.target.name, e.place and e.place.name)


def _one(events, text):
    found = [e for e in events if text in e.text]
    assert found, [(_brief(e), e.text) for e in events]
    return found[0]


def test_a_count_of_fighters_acts_as_the_fighters(analyze):
    a = analyze("Witnesses said that dozens of Boko Haram gunmen had stormed the town of Bama.")
    e = _one(a.events, "stormed")
    assert e.actor is not None and e.actor.name == "Boko Haram", _brief(e)


def test_conjoined_passives_share_the_agent_and_are_one_event(analyze):
    a = analyze("The mayor of Bama was ambushed and killed by Boko Haram fighters in May.")
    hits = [e for e in a.events if e.type in ("FIGHT", "ASSAULT")]
    assert len(hits) == 1, [_brief(e) for e in hits]
    assert hits[0].actor is not None and hits[0].actor.name == "Boko Haram", _brief(hits[0])


def test_wounded_and_taken_to_hospital_is_no_abduction(analyze):
    a = analyze("Two soldiers were wounded and taken to hospital in Gao on Monday.")
    assert not [e for e in a.events if e.mode == "abduct"], [_brief(e) for e in a.events]


def test_where_a_victim_comes_from_is_not_where_the_event_happened(analyze):
    a = analyze(
        "Sarah Jones, originally from Leeds, was kidnapped by gunmen in May as she left a "
        "clinic in Bamako."
    )
    e = _one(a.events, "kidnapped")
    assert e.place is not None and e.place.name == "Bamako", _brief(e)


def test_a_named_occasion_is_not_a_place(analyze):
    a = analyze("Gunmen attacked spectators at the Africa Cup of Nations.")
    e = _one(a.events, "attacked")
    assert e.place is None or "Cup" not in e.place.name, _brief(e)


@pytest.mark.parametrize(
    "text",
    [
        "The Mai-Mai militia was responsible for a bombing at a market in Beni in 2019.",
        "The Mai-Mai militia claimed responsibility for a bombing at a market in Beni.",
        "Officials said the Mai-Mai militia was behind the bombing of a market in Beni.",
    ],
)
def test_the_party_responsible_for_an_event_is_its_actor(analyze, text):
    a = analyze(text)
    e = _one(a.events, "bombing")
    assert e.actor is not None and e.actor.name.startswith("Mai-Mai"), _brief(e)


def test_a_coalition_named_after_its_leader_is_the_coalition(analyze):
    a = analyze("Canada will join the U.S.-led coalition's air strikes against the rebels.")
    e = _one([e for e in a.events if e.type == "FIGHT"], "strikes")
    assert e.actor is not None and e.actor.name == "U.S.-led coalition", _brief(e)


def test_a_party_named_state_is_a_target_not_a_place(analyze):
    a = analyze("Jordanian jets carried out air strikes against Islamic State in Syria.")
    e = _one(a.events, "strikes")
    assert e.target is not None and e.target.name == "Islamic State", _brief(e)


def test_a_month_is_no_march(analyze):
    a = analyze("Aid workers were kidnapped by gunmen in March near Gao.")
    assert not [e for e in a.events if e.type == "PROTEST"], [_brief(e) for e in a.events]


def test_a_person_noun_carries_the_party_it_serves(analyze):
    a = analyze("A drone strike in March killed a senior logistics officer for the Taliban.")
    e = _one(a.events, "killed")
    names = {e.target.name, e.target.affiliation} if e.target else set()
    assert "Taliban" in " ".join(n for n in names if n), _brief(e)


def test_members_of_the_group_are_the_group(analyze):
    a = analyze(
        "Al-Shabaab fighters attacked a base near Baidoa on Monday. A drone strike on Tuesday "
        "killed at least four members of the group near Baidoa."
    )
    e = _one(a.events, "members")
    assert e.target is not None and e.target.name == "al-Shabaab", _brief(e)


def test_a_religious_modifier_names_a_kind_of_group(analyze):
    a = analyze("Clashes between government troops and Islamist rebel groups erupted near Idlib.")
    e = _one(a.events, "Clashes")
    assert e.target is not None and e.target.name == "Islamist rebel groups", _brief(e)


def test_a_capital_named_after_its_noun_is_the_place(analyze):
    a = analyze(
        "Two engineers were abducted on Monday while they waited outside a hotel in the Yemeni "
        "capital, Sana'a."
    )
    e = _one(a.events, "abducted")
    assert e.place is not None and e.place.name == "Sana'a", _brief(e)


def test_a_village_named_with_its_noun_is_the_place_though_unknown(analyze):
    a = analyze(
        "Fighting was reported in the town of Gao on Sunday. Gunmen attacked the village of "
        "Kwaghbuh on Monday."
    )
    e = _one(a.events, "Kwaghbuh")
    assert e.place is not None and e.place.name == "Kwaghbuh", _brief(e)


def test_an_object_pronoun_is_not_its_own_clause_subject(analyze):
    a = analyze("Army chief Ahmed Musa met the rebels in Gao. Musa later attacked them.")
    kinds = [e for e in a.events if e.target is not None and e.actor is not None]
    assert all(e.actor.name != e.target.name for e in kinds), [_brief(e) for e in a.events]


def test_a_party_named_state_gives_no_place_of_its_name(analyze):
    a = analyze("Two Iraqi pilots who have joined Islamic State in Syria train its fighters.")
    places = {e.place.name for e in a.events if e.place is not None}
    assert "Islamic" not in places, [_brief(e) for e in a.events]

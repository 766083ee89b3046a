"""Event kinds analysts code besides violence: flight bans, airdrops, thefts, declared
measures (texts written for the project: a fictional crisis, real places)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow  # the real pipeline: spaCy model and gazetteer


def _brief(e):
    return (e.type, e.mode, e.actor and e.actor.name, e.target and e.target.name,
            e.place and e.place.name)  # fmt: skip


def test_halting_flights_is_a_sanction_placed_at_their_origin(analyze):
    a = analyze("Kenya halted all flights from Mogadishu and Baidoa on Monday.")
    e = next((e for e in a.events if e.type == "SANCTION"), None)
    assert e is not None, [_brief(e) for e in a.events]
    assert e.actor.name == "Kenya" and e.place.name == "Mogadishu", _brief(e)


def test_halting_production_is_no_event(analyze):
    a = analyze("The factory halted production on Monday.")
    assert not a.events, [_brief(e) for e in a.events]


def test_an_airdrop_of_weapons_is_aid(analyze):
    a = analyze("Coalition planes airdropped weapons and ammunition to Kurdish fighters.")
    e = next((e for e in a.events if e.type == "AID"), None)
    assert e is not None, [_brief(e) for e in a.events]


def test_a_theft_is_looting_by_the_party_blamed_for_it(analyze):
    a = analyze("The report blames the rebels for the theft of eleven aircraft.")
    e = next((e for e in a.events if e.type == "COERCE"), None)
    assert e is not None and e.acled_subtype == "Looting/property destruction", [
        _brief(e) for e in a.events
    ]
    assert e.actor is not None and e.actor.name == "rebels", _brief(e)


def test_who_announces_a_ceasefire_is_its_party(analyze):
    a = analyze("The government of Mali announced a ceasefire with the rebels on Sunday.")
    e = next((e for e in a.events if e.mode == "ceasefire"), None)
    assert e is not None and e.actor is not None, [_brief(e) for e in a.events]
    assert e.actor.name in ("Mali", "government of Mali", "government"), _brief(e)


def test_a_possessor_of_a_killing_is_its_victim(analyze):
    a = analyze("Police in Gao are investigating the aid worker's murder.")
    e = next((e for e in a.events if e.type == "ASSAULT"), None)
    assert e is not None and e.actor is None, [_brief(e) for e in a.events]
    assert e.target is not None and e.target.name == "aid worker", _brief(e)


def test_a_hostage_moved_or_an_expatriate_moving_mobilises_nothing(analyze):
    a = analyze(
        "The hostage had been moved days earlier. He was working in Gao, having moved to the "
        "country in 2010."
    )
    assert not [e for e in a.events if e.type == "MOBILIZE"], [_brief(e) for e in a.events]


def test_being_taken_to_a_shelter_is_no_abduction(analyze):
    a = analyze("Evacuated families were taken to shelters in the camp on Sunday.")
    assert not [e for e in a.events if e.mode == "abduct"], [_brief(e) for e in a.events]


def test_crimes_committed_by_a_group_are_no_commitment(analyze):
    a = analyze("Residents described atrocities committed by the militia in Beni.")
    assert not [e for e in a.events if e.type == "AGREE"], [_brief(e) for e in a.events]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Government helicopters dropped barrel bombs on Daraya on Monday.", "FIGHT"),
        ("The rebels dropped their weapons and fled.", None),
        ("Prosecutors dropped the charges against the two men.", None),
        ("Chad sent tanks and artillery to the border with Sudan on Monday.", "MOBILIZE"),
        ("The minister sent a letter to the UN on Monday.", None),
    ],
)
def test_dropping_munitions_and_sending_forces(analyze, text, kind):
    a = analyze(text)
    kinds = {e.type for e in a.events} - {"SANCTION", "RETREAT", "CONSULT"}
    assert kinds == ({kind} if kind else set()), [_brief(e) for e in a.events]


def test_a_denial_made_through_a_medium_is_made(analyze):
    a = analyze(
        "The Taliban seized Kunduz in June. Some of its commanders took to Twitter on Tuesday "
        "to deny that the governor had been captured."
    )
    e = next((e for e in a.events if e.type == "REJECT"), None)
    assert e is not None and e.actor is not None and e.actor.name == "Taliban", [
        _brief(e) for e in a.events
    ]

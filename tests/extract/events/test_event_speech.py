"""Words about speech are not events: orders quoted in the imperative, naming, refusing to
comment, asking a question, releasing a video, giving a speech; the same verbs used for acts
still are ("released two hostages", "gave Mali a grant", "ordered the massacre")."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _triggers(events):
    return {e.trigger.text.lower() for e in events}


def test_a_quoted_instruction_is_no_event(analyze):
    a = analyze(
        '"If you meet a soldier, kill him. Burn his home, or slaughter him with a knife," '
        "the rebel spokesman said."
    )
    assert not _triggers(a.events) & {"kill", "burn", "slaughter"}, a.events


def test_naming_refusing_to_comment_and_questions_are_no_events(analyze):
    a = analyze(
        "Rebels shelled an area called the Red Zone near Gao on Sunday. The army spokesman "
        "declined to comment. The minister was asked whether the army would withdraw. "
        '"Where are the hostages?" asked a resident.'
    )
    assert _triggers(a.events) == {"shelled"}, [(e.type, e.trigger.text) for e in a.events]


def test_a_released_video_is_published_released_hostages_are_freed(analyze):
    a = analyze(
        "The rebels released a video on Thursday showing the hostage. After the release of "
        "the video, they released two hostages in Gao on Friday."
    )
    released = [e for e in a.events if e.type == "RETREAT"]
    assert len(released) == 1 and "hostages" in released[0].text


def test_giving_is_aid_only_when_aid_or_a_recipient_is_named(analyze):
    a = analyze(
        "The president gave a speech in Bamako on Monday. Japan gave Mali a grant of "
        "$5 million. The police provided few details."
    )
    aid = [e for e in a.events if e.type == "AID"]
    assert [(e.actor.name, e.target.name) for e in aid] == [("Japan", "Mali")]


def test_flying_a_jet_or_talking_about_it_is_no_visit_or_meeting(analyze):
    a = analyze(
        "The militants have been flying captured helicopters over Goma. Everybody was "
        "talking about the crisis. The president talked with the rebel leaders on Monday."
    )
    consult = [e for e in a.events if e.type == "CONSULT"]
    assert [e.trigger.text for e in consult] == ["talked"]


def test_who_orders_a_massacre_is_its_party(analyze):
    a = analyze("The rebel leader ordered the massacre at the market in Gao.")
    assert [(e.type, e.actor.name if e.actor else None) for e in a.events] == [
        ("ASSAULT", "rebel leader")
    ]


def test_a_warning_of_worse_to_come_is_a_view_not_a_threat(analyze):
    a = analyze("Analysts warned that the situation in Gao would get worse.")
    assert not [e for e in a.events if e.type == "THREATEN"]


def test_a_source_asking_not_to_be_named_requests_nothing(analyze):
    a = analyze(
        "Rebels attacked Gao on Sunday, said an officer who asked not to be named. A "
        "resident asked if the army would return."
    )
    assert not [e for e in a.events if e.type == "REQUEST"]


def test_a_known_demand_referred_to_is_no_new_demand(analyze):
    a = analyze(
        "The rebels demanded the release of their leader on Monday. The army rejected the "
        "rebels' demands on Tuesday."
    )
    assert [e.trigger.text for e in a.events if e.type == "DEMAND"] == ["demanded"]


def test_a_journey_is_no_visit_but_a_trip_to_a_capital_is(analyze):
    a = analyze(
        "The rebel commander was travelling in a convoy when the drone struck. The French "
        "foreign minister travelled to Bamako on Monday."
    )
    visits = [e for e in a.events if e.type == "CONSULT"]
    assert [e.place.name for e in visits] == ["Bamako"]


def test_an_alliance_of_nobody_is_no_event(analyze):
    a = analyze("The group is known for an alliance with al-Qaida.")
    assert not [e for e in a.events if e.type == "COOPERATE"]


def test_warning_a_party_that_it_must_surrender_still_threatens(analyze):
    a = analyze("The rebels warned the army that it must surrender or face death.")
    assert [e.type for e in a.events if e.trigger.text == "warned"] == ["THREATEN"]


def test_what_a_kind_of_party_does_is_no_event(analyze):
    a = analyze(
        "Mali criticised countries that support armed groups. Refugees seeking shelter "
        "crossed into Niger."
    )
    assert not [e for e in a.events if e.type in ("SUPPORT", "REQUEST")]


def test_a_hostage_plea_is_no_political_event_a_state_demand_is(analyze):
    a = analyze(
        "In the video, hostage John Carter pleaded for his release. His family appealed to "
        "the kidnappers on Friday. France demanded his release on Saturday."
    )
    verbal = [(e.type, e.actor.name) for e in a.events if e.type in ("REQUEST", "DEMAND")]
    assert verbal == [("DEMAND", "France")]


def test_pulling_out_a_knife_is_no_withdrawal_pulling_out_troops_is(analyze):
    a = analyze(
        "The man was pulling out a knife when police arrived. The army pulled its troops "
        "out of Gao on Monday."
    )
    retreats = [e for e in a.events if e.type == "RETREAT"]
    assert len(retreats) == 1 and "troops" in retreats[0].text

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
        "The rebels released a video on Thursday showing the hostage. They released two "
        "hostages in Gao on Friday."
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

"""Mentions that report no event of their own: a noun modifying another ("fighting
positions"), a plural noun with no doer summing up many events ("terror attacks"), a
definite noun with no doer that joins no other mention ("the operation")."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_a_noun_modifying_a_noun_is_no_event(analyze):
    a = analyze("Jets struck rebel fighting positions near Gao on Sunday.")
    assert [e.trigger.text for e in a.events] == ["struck"]


def test_plural_nouns_with_no_doer_sum_up_no_event(analyze):
    a = analyze(
        "Mali has been a target of terror attacks for a decade. Rebels attacked an army post in "
        "Gao on Sunday."
    )
    assert [e.trigger.text for e in a.events] == ["attacked"]


def test_a_plural_carried_by_its_verb_is_an_event(analyze):
    a = analyze("Thousands of students staged demonstrations in Bamako on Saturday.")
    assert [e.type for e in a.events] == ["PROTEST"]


def test_a_lone_definite_noun_with_no_doer_adds_nothing(analyze):
    a = analyze(
        "Rebels attacked an army post in Gao on Sunday. In Kidal, the operation was "
        "criticised by local leaders."
    )
    assert "operation" not in {e.trigger.text for e in a.events}


def test_a_plural_subject_is_reported_on(analyze):
    a = analyze("Gun attacks near Gao left seven people dead on Sunday.")
    assert [e.trigger.text for e in a.events if e.type in ("FIGHT", "ASSAULT")][:1] == ["attacks"]


def test_a_death_in_a_car_crash_is_no_attack(analyze):
    a = analyze("A French journalist was killed in a car crash near Gao on Sunday.")
    assert not [e for e in a.events if e.type in ("FIGHT", "ASSAULT")]


def test_one_attack_on_two_nationalities_is_one_event_named_victims_stay_apart(analyze):
    a = analyze(
        "Gunmen killed four Britons and two Canadians in Gao on Sunday. Rebels killed "
        "Amadou Diallo and Moussa Traore in Kidal on Monday."
    )
    gao = [e for e in a.events if e.place and e.place.name == "Gao"]
    kidal = [e for e in a.events if e.place and e.place.name == "Kidal"]
    assert len(gao) == 1 and len(kidal) == 2


def test_every_trigger_flag_is_known():
    """Irregular forms belong in the last column: in the flags column they are silently
    ignored (as 'sought', 'flew', 'gave' and five more were)."""
    from fogline.data import load_tsv

    known = {"lethal", "injure", "armed", "seize", "gain", "loss", "light", "cause", "intent",
             "threat", "move", "needobj", "patient", "stop", "weapon", "arrival", "aid",
             "intrans", "needrecip", "mutual", "procession", "crowd", "surrender", "munition",
             "force", "onesided", "onprotest"}  # fmt: skip
    flags = {
        f.strip()
        for row in load_tsv("events/triggers.tsv")
        for f in (row.get("flags") or "").split(",")
        if f.strip()
    }
    assert flags <= known, flags - known


def test_a_weapon_word_that_names_a_trade_is_no_weapon(analyze):
    text = "A strike killed the group's top explosives expert near Gao on Monday."
    events = analyze(text).events
    assert events and not [e for e in events if "explosive" in (e.acled_subtype or "")], events

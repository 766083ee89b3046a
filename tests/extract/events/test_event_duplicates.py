"""Issue 13: one real-world event, one record. Mentions that describe a party differently
("a U.S. photographer" / the man named) or spell a place two ways are not in conflict."""

from __future__ import annotations

import pytest

from fogline.extract.events.clusters import _same_party, _same_place
from fogline.model import ActorRef, PlaceRef

pytestmark = [pytest.mark.issue(13)]

PRIVATE = frozenset({"photographer", "hostage", "worker"})


def test_a_described_private_person_may_be_the_person_named():
    described = ActorRef("U.S. photographer")
    assert _same_party(described, ActorRef("John Malden"), PRIVATE)
    assert _same_party(ActorRef("British hostages"), ActorRef("Ann Dale"), PRIVATE)
    assert not _same_party(ActorRef("Boko Haram"), ActorRef("Ansaru"), PRIVATE)


def test_two_spellings_of_one_resolved_place_are_one_place():
    a = PlaceRef("Kobane", lat=36.891, lon=38.354, country_code="SY")
    b = PlaceRef("Kobani", lat=36.891, lon=38.354, country_code="SY")
    c = PlaceRef("Raqqa", lat=35.95, lon=39.01, country_code="SY")
    assert _same_place(a, b, lambda ref: False)
    assert not _same_place(a, c, lambda ref: False)


@pytest.mark.slow
def test_a_private_persons_nationality_is_not_the_target(analyze):
    a = analyze("A U.S. photographer held by gunmen in Yemen was killed on Saturday.")
    killed = [e for e in a.events if e.type in ("ASSAULT", "FIGHT")]
    assert killed, [(e.type, e.text) for e in a.events]
    for e in killed:
        assert e.target is None or e.target.name not in ("United States", "U.S."), e.target


@pytest.mark.slow
def test_a_described_and_a_named_victim_are_one_killing(analyze):
    a = analyze(
        "A U.S. photographer held by gunmen in Yemen was killed on Saturday, officials said.\n\n"
        "Photographer John Malden, who had been held by the gunmen since May, was killed in "
        "Yemen on Saturday, his brother said."
    )
    killed = [e for e in a.events if e.type in ("ASSAULT", "FIGHT") and "kill" in e.text]
    assert len(killed) == 1, [(e.target, e.text) for e in killed]

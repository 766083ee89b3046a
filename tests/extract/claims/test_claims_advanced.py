"""ADVANCED(subject, place): forces moving on or close to a place are never CONTROL of it.

Texts written for fogline; the places and groups are real so that they resolve.
"""

from __future__ import annotations

import pytest

from fogline.model import Claim


def _claims(analyzer, text: str) -> list[Claim]:
    return analyzer.analyze(text, published="2024-03-04", source="Example Wire").claims


@pytest.mark.parametrize(
    "text",
    [
        "Islamic State fighters advanced on Kobani on Sunday, a Kurdish official said.",
        "The rebels were near Kidal on Monday, the army said.",
        "The militants are now 10 km from Kidal, a resident said.",
        "Taliban fighters are at the gates of Kunduz, officials said.",
        "The insurgents were in the outskirts of Mosul, a police officer said.",
    ],
)
def test_forces_near_a_place_advance_on_it_and_do_not_hold_it(analyzer, text):
    claims = _claims(analyzer, text)
    assert [c.predicate for c in claims if c.predicate in ("ADVANCED", "CONTROL")] == [
        "ADVANCED"
    ], claims
    advanced = next(c for c in claims if c.predicate == "ADVANCED")
    assert advanced.place in ("Kobani", "Kidal", "Kunduz", "Mosul"), advanced
    assert advanced.subject is not None and advanced.stance == "asserts", advanced


def test_seizing_a_town_is_still_control(analyzer):
    claims = _claims(analyzer, "The rebels seized Sake on Monday, witnesses said.")
    assert [c.predicate for c in claims] == ["CONTROL"], claims

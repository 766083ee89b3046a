"""A fear, hope or risk states no event: its content is no assertion.

Texts written for fogline.
"""

from __future__ import annotations

from fogline.model import Claim


def _claims(analyzer, text: str) -> list[Claim]:
    return analyzer.analyze(text, published="2024-03-05", source="Example Wire").claims


def test_a_fear_asserts_nothing(analyzer):
    fears = (
        "The reporter spoke on camera about her fears of being arrested by the police.",
        "Residents fear that the militants have seized the town of Tessalit.",
    )
    for text in fears:
        claims = _claims(analyzer, text)
        assert [c for c in claims if c.predicate in ("ARRESTED", "CONTROL")] == [], claims


def test_a_fact_after_a_fear_is_still_asserted(analyzer):
    text = "Residents fear for their lives after militants seized the town of Tessalit."
    claims = [c for c in _claims(analyzer, text) if c.predicate == "CONTROL"]
    assert [(c.subject, c.place) for c in claims] == [("militants", "Tessalit")], claims


def test_a_doubt_asserts_nothing_and_a_claim_beside_it_stays(analyzer):
    doubted = _claims(analyzer, "Analysts raised doubts that the rebels had seized Kidal.")
    assert [c for c in doubted if c.stance == "asserts"] == [], doubted
    text = "The rebels seized Kidal, residents said, but doubts remain."
    kept = [(c.predicate, c.place, c.stance) for c in _claims(analyzer, text)]
    assert kept == [("CONTROL", "Kidal", "asserts")], kept

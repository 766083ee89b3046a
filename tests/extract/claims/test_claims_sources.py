"""Who is the source of a claim, and with which stance (issue 13): attributions the reporting
verbs alone do not cover.

Texts written for fogline; the places and groups are real so that they resolve.
"""

from __future__ import annotations

from fogline.model import Claim


def _claims(analyzer, text: str) -> list[Claim]:
    analysis = analyzer.analyze(text, published="2024-03-04", source="Example Wire")
    return analysis.claims


def _one(claims: list[Claim], predicate: str) -> Claim:
    found = [c for c in claims if c.predicate == predicate]
    assert found, claims
    return found[0]


def test_who_believes_a_proposition_hedges_it(analyzer):
    text = "Western intelligence officials believe the rebels seized the town of Kidal on Sunday."
    control = _one(_claims(analyzer, text), "CONTROL")
    assert control.source.name == "Western intelligence officials", control
    assert control.stance == "hedges", control


def test_a_pronoun_that_believes_leaves_the_source_to_the_verb_above(analyzer):
    text = "Residents say they think the rebels seized the town of Kidal on Sunday."
    control = _one(_claims(analyzer, text), "CONTROL")
    assert control.source.name == "Residents", control
    assert control.stance == "hedges", control

"""Survival statements deny reports of a killing, wounding or capture of the same person.

Texts written for fogline.
"""

from __future__ import annotations

import pytest

from fogline.model import Claim

KILLED = "Rebel commander Ali Musa was killed in an army airstrike on Tuesday, the military said. "
TAKEN = "Residents said gunmen kidnapped the district governor, Ahmed Salah, on Monday. "


def _claims(analyzer, text: str) -> list[Claim]:
    return analyzer.analyze(text, published="2024-03-04", source="Example Wire").claims


@pytest.mark.parametrize(
    ("text", "predicate", "source"),
    [
        (KILLED + "Rebel spokesman Omar Bakri said on Wednesday that Musa is alive and well.",
         "KILLED", "Omar Bakri"),
        (KILLED + "Musa survived the strike, his brother told Reuters.", "KILLED", "brother"),
        (TAKEN + "Police later said Salah was safe.", "CAPTURED", "Police"),
    ],
)  # fmt: skip
def test_survival_denies_the_report(analyzer, text, predicate, source):
    claims = _claims(analyzer, text)
    reported = next(c for c in claims if c.predicate == predicate and c.stance == "asserts")
    denials = [c for c in claims if c.stance == "denies"]
    assert len(denials) == 1, claims
    denial = denials[0]
    assert denial.predicate == predicate and denial.object == reported.object, denial
    assert source in denial.source.name, denial
    assert claims[denial.denies_claim] is reported, denial


@pytest.mark.parametrize(
    "text",
    [
        KILLED + "Rebel spokesman Omar Bakri said on Wednesday that Musa may still be alive.",
        KILLED + "It was not clear whether Musa is alive.",
        KILLED + "Musa is not alive, a rebel spokesman said.",
        KILLED + "The general, Yusuf Adan, is alive, the army said.",  # someone else
    ],
)
def test_uncertain_negated_or_other_survival_denies_nothing(analyzer, text):
    assert [c for c in _claims(analyzer, text) if c.stance == "denies"] == []

"""The status rules of reconcile/status.py, as one table of cases (first rule that applies)."""

from __future__ import annotations

import pytest

from fogline.reconcile.status import status_from_origins

# (case, origins per stance: origin key → is a party's own claim, expected status)
CASES = [
    ("one origin asserts", {"asserts": {"a": False}}, "single-source"),
    ("two independent origins", {"asserts": {"a": False, "b": False}}, "corroborated"),
    ("one asserts, another denies", {"asserts": {"a": False}, "denies": {"b": False}}, "contested"),
    ("a hedge and a denial", {"hedges": {"a": False}, "denies": {"b": False}}, "contested"),
    ("only denials", {"denies": {"a": False, "b": False}}, "denied"),
    ("the only asserter takes it back", {"asserts": {"a": False}, "denies": {"a": False}},
     "denied"),
    ("cannot confirm blocks corroborated",
     {"asserts": {"a": False, "b": False, "c": False}, "unconfirmed": {"d": False}},
     "unconfirmed"),
    ("a denial outranks cannot confirm",
     {"asserts": {"a": False}, "denies": {"b": False}, "unconfirmed": {"c": False}}, "contested"),
    ("only cannot confirm", {"unconfirmed": {"a": False}}, "unconfirmed"),
    ("two parties' own claims do not corroborate each other",
     {"asserts": {"group": True, "army": True}}, "single-source"),
    ("a party's claim and an independent origin", {"asserts": {"group": True, "monitor": False}},
     "corroborated"),
    ("a party's claim, denied", {"asserts": {"group": True}, "denies": {"army": True}},
     "contested"),
    ("only hedged by one origin", {"hedges": {"a": False}}, "single-source"),
    ("two hedges do not corroborate", {"hedges": {"a": False, "b": False}}, "single-source"),
]  # fmt: skip


@pytest.mark.parametrize(("origins", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_status_table(origins, expected):
    assert status_from_origins(origins) == expected

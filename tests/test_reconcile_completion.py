"""Cross-document completion: an open key takes the one value reports of the same time give."""

from __future__ import annotations

from fogline.reconcile.completion import adopt_doers, complete_places
from fogline.reconcile.propositions import proposition_id, slot


def _report(subject_key, object_key, published, place="Belvo", place_key="gaz:1"):
    r = {"predicate": "CAPTURED", "subject_key": subject_key, "subject": subject_key or None,
         "object_key": object_key, "place": place, "place_key": place_key,
         "published": published, "source_key": "name:x", "party_claim": False}  # fmt: skip
    r["proposition_id"] = proposition_id("CAPTURED", subject_key, *slot(r)[1:])
    return r


def test_a_doerless_report_takes_the_one_doer_of_its_time():
    named = _report("actor:isis", "person:rosa halvorsen", "2024-05-01")
    open_ = _report("", "person:rosa halvorsen", "2024-05-02")
    late = _report("", "person:rosa halvorsen", "2025-01-01")  # months later: another story
    adopt_doers([named, open_, late])
    assert open_["proposition_id"] == named["proposition_id"]
    assert late["subject_key"] == "" and late["proposition_id"] != named["proposition_id"]


def test_two_doers_leave_a_doerless_report_open():
    one = _report("actor:isis", "person:rosa halvorsen", "2024-05-01")
    two = _report("actor:sdf", "person:rosa halvorsen", "2024-05-01")
    open_ = _report("", "person:rosa halvorsen", "2024-05-01")
    adopt_doers([one, two, open_])
    assert open_["subject_key"] == ""


def test_an_ungeocoded_place_takes_the_one_gazetteer_id_of_its_name():
    geocoded = _report("actor:isis", "", "2024-05-01")
    by_name = _report("actor:isis", "", "2024-05-01", place_key="place:belvo")
    complete_places([geocoded, by_name])
    assert by_name["place_key"] == "gaz:1"
    assert by_name["proposition_id"] == geocoded["proposition_id"]

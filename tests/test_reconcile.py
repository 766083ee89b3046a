"""Across sources: status of propositions, copies counted once, replay with as_of."""

from __future__ import annotations

import pytest

from fogline.model import Analysis, Claim, Document, Place, Source
from fogline.reconcile import claims, reconcile, situation, timeline
from fogline.reconcile.independence import copy_clusters
from fogline.reconcile.status import status_of

WIRE = (
    "Rebels of the M23 movement said on Tuesday they had taken the town of Sake, west of Goma, "
    "after two days of fighting with government troops and allied militias. "
    "Residents described heavy shelling overnight and said many families had fled towards Goma."
)


def doc(doc_id, text, published, outlet, *claims_):
    place = text.index("Sake") if "Sake" in text else 0
    return Analysis(
        document=Document(
            id=doc_id, text=text, published=published, source=outlet, content_hash=f"{doc_id}-hash"
        ),
        places=[
            Place(
                name="Sake",
                start=place,
                end=place + 4,
                lat=-1.57,
                lon=29.04,
                country_code="CD",
                gazetteer_id="g-sake",
            )
        ]
        if "Sake" in text
        else [],
        claims=list(claims_),
    )


def control(subject, source, stance, text_, affiliation=None, place="Sake"):
    return Claim(
        predicate="CONTROL",
        subject=subject,
        place=place,
        text=text_,
        start=0,
        end=len(text_),
        source=Source(name=source, affiliation=affiliation),
        stance=stance,
    )


@pytest.fixture
def corpus(fresh_store):
    w = WIRE[:40]
    fresh_store.save(
        [
            doc("wire-1", WIRE, "2024-02-06", "Lakes Wire", control("M23", "M23", "asserts", w)),
            doc(
                "wire-1-copy",
                "GOMA: " + WIRE + " More soon.",
                "2024-02-06",
                "Kivu Daily",
                control("M23", "M23", "asserts", w),
            ),
            doc(
                "army",
                "The army denied that Sake had fallen, a spokesman said on Wednesday.",
                "2024-02-07",
                "Radio Kivu",
                control("M23", "a spokesman", "denies", "Sake had fallen", affiliation="FARDC"),
            ),
            doc(
                "ngo",
                "Aid workers said the road through Sake was open again on Monday.",
                "2024-02-12",
                "Relief Post",
                control("FARDC", "Aid workers", "asserts", "the road through Sake was open"),
                control("FARDC", "Relief Post", "asserts", "the road through Sake was open"),
            ),
        ]
    )
    reconcile(fresh_store, actor_lookup=lambda name: None)
    return fresh_store


def test_status_rules():
    assert status_of({"asserts": 2}) == "corroborated"
    assert status_of({"asserts": 1}) == "single-source"
    assert status_of({"asserts": 1, "denies": 1}) == "contested"
    assert status_of({"hedges": 1, "denies": 2}) == "contested"
    assert status_of({"denies": 1}) == "denied"
    # a source that cannot confirm blocks "corroborated", however many assert (issue 13)
    assert status_of({"asserts": 3, "unconfirmed": 1}) == "unconfirmed"
    assert status_of({"asserts": 1, "unconfirmed": 1, "denies": 1}) == "contested"
    assert status_of({"unconfirmed": 2}) == "unconfirmed"


def test_syndicated_copies_form_one_cluster():
    clusters = copy_clusters(
        [
            ("a", WIRE),
            ("b", "GOMA: " + WIRE + " More soon."),
            ("c", "An unrelated report about rainfall in the highlands " * 3),
        ]
    )
    assert clusters["a"] == clusters["b"] != clusters["c"]


def test_claim_asserted_and_denied_is_contested(corpus):
    (m23,) = claims(corpus, actor="M23", place="Sake")
    assert m23.status == "contested"
    assert m23.independent["asserts"] == 1  # one speaker, reported by two outlets
    assert len(m23.sources["asserts"]) == 2
    assert m23.sources["denies"][0]["outlet"] == "Radio Kivu"


def test_status_replays_over_time(corpus):
    (before,) = claims(corpus, actor="M23", as_of="2024-02-06")
    assert before.status == "single-source"
    (after,) = claims(corpus, actor="M23", as_of="2024-02-07")
    assert after.status == "contested"


def test_two_independent_sources_corroborate(corpus):
    (fardc,) = claims(corpus, actor="FARDC")
    assert fardc.status == "corroborated"
    assert claims(corpus, status="corroborated")[0].id == fardc.id


def test_situation_and_timeline_of_a_place(corpus):
    board = situation(corpus, "Sake", as_of="2024-02-07")
    assert [c["subject"] for c in board["control"]] == ["M23"]
    days = [d["day"] for d in timeline(corpus, place="Sake")]
    assert days == sorted(days) and days[0] == "2024-02-06"


def test_unknown_status_is_refused(corpus):
    with pytest.raises(ValueError, match="status must be one of"):
        claims(corpus, status="likely")


def test_event_reports_of_several_outlets_form_one_cluster(fresh_store):
    from fogline.model import ActorRef, DateRef, Event, PlaceRef
    from fogline.reconcile import event_clusters

    def ambush(doc_id, outlet, published, certainty, date="2024-02-10"):
        text = "Gunmen ambushed a convoy near Sake late on Saturday."
        event = Event(
            type="ASSAULT",
            text=text,
            start=0,
            end=len(text),
            certainty=certainty,
            actor=ActorRef(name="gunmen"),
            place=PlaceRef(name="Sake"),
            date=DateRef(value=date),
        )
        a = doc(doc_id, text + f" ({outlet})", published, outlet)
        return Analysis(document=a.document, places=a.places, events=[event])

    fresh_store.save(
        [
            ambush("a", "Radio Kivu", "2024-02-11", "reported"),
            ambush("b", "Lakes Wire", "2024-02-11", "asserted", date="2024-02-11"),
            ambush("c", "Relief Post", "2024-02-20", "asserted", date="2024-02-19"),
        ]
    )
    reconcile(fresh_store, actor_lookup=lambda name: None)
    clusters = event_clusters(fresh_store, place="Sake")
    assert [len(c["reports"]) for c in clusters] == [2, 1]
    assert set(clusters[0]["outlets"]) == {"Radio Kivu", "Lakes Wire"}
    assert {r["certainty"] for r in clusters[0]["reports"]} == {"reported", "asserted"}

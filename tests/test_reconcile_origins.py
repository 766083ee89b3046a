"""Origins: near-copies and an agency's rewrite are one origin; speakers go to their state."""

from __future__ import annotations

import dataclasses

from fogline.model import Actor, Analysis, Claim, Document, Source
from fogline.reconcile import claims, reconcile
from fogline.reconcile.actors import ActorCanon
from fogline.reconcile.independence import copy_links
from fogline.reconcile.origins import agency_credit

STORY = (
    "Rebels of the Northern Front said on Tuesday they had taken the river town of Belvo after "
    "three days of fighting with government troops and allied village militias. Residents "
    "described heavy shelling overnight and said many families had fled towards the coast. "
    "Aid groups warned that food stocks in the town would last less than a week and that the "
    "only bridge had been damaged. The government has not commented on the fighting. The "
    "Northern Front took up arms two years ago, demanding autonomy for the northern provinces, "
    "and has since seized several villages along the river. Talks mediated by neighbouring "
    "states broke down in the spring after both sides accused each other of violating a truce."
)
CLAIM = "the rebels had taken the river town of Belvo after three days of fighting"


def _doc(doc_id: str, outlet: str, text: str) -> Analysis:
    return Analysis(
        document=Document(
            id=doc_id, text=text, published="2024-03-05", source=outlet, content_hash=doc_id
        ),
        claims=[
            Claim(
                predicate="CONTROL",
                subject="Northern Front",
                place="Belvo",
                text=CLAIM,
                start=0,
                end=len(CLAIM),
                source=Source(name=outlet),
            )
        ],
    )


def _ninety_percent_copy(text: str) -> str:
    """A light rewrite: one word in 25 changed, the last tenth replaced (a 90 % copy)."""
    words = text.split()
    keep = int(len(words) * 0.9)
    edited = [w + "s" if i % 25 == 12 else w for i, w in enumerate(words[:keep])]
    return " ".join(edited) + " Officials in the capital declined to say when roads reopen."


def test_a_ninety_percent_copy_is_one_cluster_with_its_similarity():
    clusters, similarity = copy_links([("a", STORY), ("b", _ninety_percent_copy(STORY))])
    assert clusters["b"] == "a"
    assert 0.5 <= similarity["b"] < 1.0


def test_agency_credit_is_read_from_datelines_and_brackets():
    canon = ActorCanon.default()
    assert agency_credit("BELVO (AP) — Rebels took the town.", canon)[1] == "Associated Press"
    assert agency_credit("Rebels took the town. [Reuters]", canon)[1] == "Reuters"
    # one statement credited to an agency does not make the whole text the agency's
    assert agency_credit("The commander told Reuters the town fell.", canon) is None


def test_two_near_copies_and_an_agency_rewrite_are_one_origin(fresh_store):
    rewrite = (
        "Fighters of the Northern Front captured Belvo this week, the group said, following "
        "a three-day battle with the army. Thousands fled. [Reuters]"
    )
    fresh_store.save(
        [
            _doc("wire", "Reuters", STORY),
            _doc("copy", "Coast Herald", _ninety_percent_copy(STORY)),
            _doc("rewrite", "Valley Times", rewrite),
        ]
    )
    reconcile(fresh_store)
    (view,) = claims(fresh_store, predicate="CONTROL")
    assert len(view.sources["asserts"]) == 3
    assert [o["key"] for o in view.origins["asserts"]] == ["actor:reuters"]
    assert view.status == "single-source"
    chains = {s["document_id"]: s["origin"] for s in view.sources["asserts"]}
    assert "Reuters (agency credit)" in chains["rewrite"]
    assert "same text as copy (similarity 0." in chains["wire"]  # how near the copy is


def test_officials_and_army_of_one_state_are_one_origin(fresh_store):
    def said(doc_id: str, speaker: str, outlet: str) -> Analysis:
        a = _doc(doc_id, outlet, f"{speaker} said the rebels had taken Belvo. " + doc_id * 3)
        claim = dataclasses.replace(a.claims[0], source=Source(name=speaker))
        minister = Actor(id="x", name="Ahmed Saleh", kind="person", affiliation="Lebanon")
        return Analysis(document=a.document, claims=[claim], actors=[minister])

    fresh_store.save(
        [
            said("one", "Lebanese security officials", "Paper One"),
            said("two", "Ahmed Saleh", "Paper Two"),
            said("three", "the Lebanese army", "Paper Three"),
        ]
    )
    reconcile(fresh_store)
    (view,) = claims(fresh_store, predicate="CONTROL")
    assert [o["key"] for o in view.origins["asserts"]] == ["actor:lebanon"]
    assert view.status == "single-source"

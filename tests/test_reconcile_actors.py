"""Canonical actors across documents: aliases, hierarchy, states' organs, descriptors."""

from __future__ import annotations

from fogline.model import Actor, Analysis, Claim, Document, Source
from fogline.reconcile import claims, reconcile
from fogline.reconcile.actors import ActorCanon
from fogline.reconcile.propositions import Canonicalizer, person_key


def _analysis(*actors: Actor, text: str = "x") -> Analysis:
    doc = Document(id="d", text=text, published="2024-01-01", source="Paper", content_hash="d")
    return Analysis(document=doc, actors=list(actors))


def test_case_spelling_and_alias_variants_are_one_actor():
    canon = ActorCanon.default()
    keys = {canon.key(n) for n in ("IS", "ISIS", "Isis", "ISIL", "Islamic State", "Daesh")}
    assert keys == {"actor:isis"}


def test_a_province_is_matched_under_its_parent_group():
    canon = ActorCanon.default()
    branch = canon.resolve("Islamic State Mozambique Province")
    assert branch.key != "actor:isis" and branch.root_key == "actor:isis"


def test_organs_and_officials_of_a_state_go_to_the_state():
    canon = ActorCanon.default()
    for name in (
        "Lebanese army",
        "senior Lebanese security officials",
        "Lebanon's interior minister",
    ):
        assert canon.key(name) == "actor:lebanon", name
    assert canon.key("Kurdish sources") == "name:kurdish sources"  # no state: stays itself


def test_a_spokesman_goes_to_the_state_the_document_ties_him_to():
    canon = ActorCanon.default()
    doc = _analysis(Actor(id="s", name="Saad Maan", kind="person", affiliation="Iraq"))
    assert canon.resolve("Saad Maan", doc).root_key == "actor:iraq"
    assert canon.resolve("Saad Maan") is None  # not without the document


def test_a_descriptor_resolves_only_to_the_one_fitting_actor_of_the_document():
    canon = ActorCanon.default()
    one = _analysis(Actor(id="t", name="Taliban", kind="group"))
    assert canon.key("the insurgents", one) == canon.key("Taliban")
    two = _analysis(
        Actor(id="t", name="Taliban", kind="group"), Actor(id="i", name="ISIS", kind="group")
    )
    assert canon.resolve("the insurgents", two).generic
    assert canon.key("the insurgents", two) == "generic:insurgents"


def test_person_keys_meet_across_spellings_and_middle_names():
    assert person_key("Gill Rosenberg") == person_key("Gil Rosenberg")
    assert person_key("Saja Abdul Hamid al-Dulaimi") == person_key("Saja al-Dulaimi")
    assert person_key("Omar Abdul Hamid al-Dulaimi") != person_key("Saja al-Dulaimi")


def test_a_relative_is_not_the_person_named_after():
    canon = Canonicalizer(actors=ActorCanon.default())
    doc = _analysis(Actor(id="b", name="Ali Musa", kind="person"))
    assert canon.object_key("Ali Musa's wife", doc) == "kin:wife ali musa"
    assert canon.object_key("the son of Ali Musa", doc) == "kin:son ali musa"
    said = "police detained a wife and daughter of Musa near the border"
    assert canon.object_key("Ali Musa", doc, said) == "kin:wife ali musa"
    assert canon.object_key("Ali Musa", doc, "police detained Ali Musa") == "person:ali musa"


def _claim(subject, obj, source, stance="asserts", predicate="CAPTURED"):
    text = f"{subject or 'someone'} captured {obj}"
    return Claim(predicate=predicate, text=text, start=0, end=len(text), subject=subject,
                 object=obj, source=Source(name=source), stance=stance)  # fmt: skip


def test_variants_of_a_group_and_a_victim_meet_and_the_filter_matches_any_role(fresh_store):
    def doc(doc_id, outlet, claim, *actors):
        d = Document(id=doc_id, text=f"{doc_id} text about a capture", published="2024-05-01",
                     source=outlet, content_hash=doc_id)  # fmt: skip
        return Analysis(document=d, claims=[claim], actors=list(actors))

    rosa = Actor(id="r", name="Rosa Halvorsen", kind="person")
    fresh_store.save(
        [
            doc("a", "Paper A", _claim("ISIL", "Rosa Halvorsen", "Amaq"), rosa),
            doc("b", "Paper B", _claim("Isis", "Ms Halvorsen", "Paper B"), rosa),
            doc(
                "c", "Paper C", _claim(None, "Rosa Halvorsen", "Kurdish officials", "denies"), rosa
            ),
        ]
    )
    reconcile(fresh_store)
    (view,) = claims(fresh_store, predicate="CAPTURED")
    assert view.subject == "Islamic State" and view.status == "contested"
    assert [v.id for v in claims(fresh_store, actor="Halvorsen")] == [view.id]  # the victim
    assert [v.id for v in claims(fresh_store, actor="Daesh")] == [view.id]  # the doer, by alias
    assert [v.id for v in claims(fresh_store, actor="Kurdish officials")] == [view.id]  # a source


def test_a_descriptor_resolves_through_the_root_of_the_one_named_force():
    canon = ActorCanon.default()
    doc = _analysis(Actor(id="a", name="Lebanese army", kind="organisation", affiliation="Lebanon"))
    assert canon.key("the troops", doc) == "actor:lebanon"


def test_a_branch_supports_its_parent_but_a_parent_claim_is_not_the_branch(fresh_store):
    def took(doc_id, subject, place):
        text = f"{subject} took {place}, the group said."
        claim = Claim(predicate="CONTROL", text=text, start=0, end=len(text), subject=subject,
                      place=place, source=Source(name=subject))  # fmt: skip
        d = Document(id=doc_id, text=text, published="2024-05-01", source=f"Paper {doc_id}",
                     content_hash=doc_id)  # fmt: skip
        return Analysis(document=d, claims=[claim])

    fresh_store.save(
        [
            took("a", "Islamic State Mozambique Province", "Belvo"),
            took("b", "Islamic State", "Belvo"),
            took("c", "Islamic State", "Tarsa"),
        ]
    )
    reconcile(fresh_store)
    by_place = {v.place: v for v in claims(fresh_store, predicate="CONTROL")}
    assert set(by_place) == {"Belvo", "Tarsa"}  # the branch's claim supports the parent's
    assert by_place["Belvo"].subject == "Islamic State"
    branch = claims(fresh_store, actor="Islamic State Mozambique Province")
    assert [v.place for v in branch] == ["Belvo"]  # Tarsa is the parent's claim only
    assert len(claims(fresh_store, actor="ISIS")) == 2

"""What kind of party or thing a noun phrase names: its noun class (armed, civilian,
protester, property, weapon, goods, territory) and whether an actor is a state force."""

from __future__ import annotations

from spacy.tokens import Token

from fogline.extract.events.mentions import Mentions
from fogline.extract.events.phrases import noun_phrase
from fogline.model import ActorRef


def noun_class(tok: Token | None, ments: Mentions) -> str | None:
    """ "armed", "civilian", "protester", "property", "weapon", "goods" or "territory"."""
    if tok is None:
        return None
    lex = ments.lex
    lemma = tok.lemma_.lower()
    phrase = noun_phrase(tok).lower()
    counts = lex.words("quantity_heads")
    if lemma in counts or tok.lower_ in counts or tok.pos_ == "NUM":  # "thousands of people"
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    return noun_class(pobj, ments)
    if lemma in lex.words("member_nouns") and _group_owner(tok, ments):
        return "armed"  # "two BIFF members", "members of the group" (not "family members")
    for cls in lex.noun_class_order:
        words = lex.words("class:" + cls)
        if lemma in words or phrase in words:
            return cls
    if ments.is_place(tok) or ments.place_of(tok) is not None:
        return "territory"
    return None


def actor_class(tok: Token | None, ments: Mentions) -> str | None:
    """The noun class of an actor, through a pronoun's antecedent ("they would blockade")."""
    if tok is not None and tok.pos_ == "PRON":
        tok = ments.antecedent(tok)
    return noun_class(tok, ments)


def _group_owner(tok: Token, ments: Mentions) -> bool:
    """Is ``tok`` qualified by an armed group or force (modifier or "of" complement)?"""
    owners = [c for c in tok.lefts if c.dep_ in ("compound", "nmod", "poss")]
    owners += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
               for p in c.children if p.dep_ == "pobj"]  # fmt: skip
    for o in owners:
        actor = ments.actor_at(o)
        if actor is not None and actor.kind == "group":
            return True
        if o.lemma_.lower() in ments.lex.words("class:armed"):
            return True
    return False


def is_state_force(tok: Token | None, ref: ActorRef | None, ments: Mentions) -> bool:
    """Government forces (army, police, a state) rather than a non-state group."""
    if ref is not None and ref.affiliation and "gov" in ref.affiliation.lower():
        return True
    if tok is None:
        return False
    if tok.ent_type_ == "GPE":
        return True
    mods = ments.lex.words("state_force_modifiers")
    if any(c.lower_ in mods or c.ent_type_ == "GPE" for c in tok.lefts):
        return True
    words = ments.lex.words("state_forces")
    if tok.lemma_.lower() not in words and noun_phrase(tok).lower() not in words:
        return False
    for c in tok.lefts:  # "Taliban forces", "their forces": whose forces?
        if c.dep_ not in ("poss", "compound", "nmod"):
            continue
        owner = ments.antecedent(c) if c.pos_ == "PRON" else c
        if ments.state_of(owner) is not None:
            return True  # "Mali's defence ministry said its troops"
        if owner is not None and owner.ent_type_ in ("ORG", "NORP", "PERSON"):
            return False
        if owner is not None and owner.ent_type_ == "GPE":
            return True
    return True

"""The doer of an event is an agent (a person, group, state or organisation, or their
forces), never an instrument, a weapon, a vehicle of war, an act, a time or a count.

"The drone hit the car", "Monday's strike killed six": the parse makes the drone or the
strike the subject. The doer is then the owner a modifier of that noun names ("a U.S.
drone", "Kenyan jets", "the army's artillery"), else nobody: an unnamed doer is honest, a
weapon as the actor is wrong.
"""

from __future__ import annotations

from spacy.tokens import Token

from fogline.extract.events.lexicon import EventLexicon
from fogline.extract.events.mentions import Mentions
from fogline.model import ActorRef

OWNER_DEPS = ("compound", "amod", "poss", "nmod")


def agent_of(tok: Token | None, ref: ActorRef | None, ments: Mentions) -> ActorRef | None:
    """``ref`` (what ``tok`` was resolved to) when ``tok`` can act, else its owner or None."""
    if tok is None or ref is None:
        return ref
    lex = ments.lex
    counted = _counted(tok)
    if counted is not None:  # "dozens of gunmen stormed": the gunmen act, not the count
        return agent_of(counted, ref, ments)
    if tok.ent_type_.lower() in lex.words("non_agent_entities"):
        return None
    if ref.actor_id is None and _not_an_agent_noun(tok, lex):
        return _behind(tok, ments)
    if not _non_agent_head(tok, lex):
        return ref
    for child in tok.lefts:
        if child.dep_ in OWNER_DEPS and not _non_agent_head(child, lex):
            owner = ments.actor_of(child)
            if owner is not None and child.ent_type_.lower() not in lex.words("non_agent_entities"):
                return owner
            if child.lower_ in lex.words("state_force_modifiers"):
                return ActorRef(f"{child.text} {tok.text}")  # "military aircraft": the forces'
    return None


def _counted(tok: Token) -> Token | None:
    """What a count names: "gunmen" in "dozens of gunmen", "30 of the fighters"."""
    if tok.pos_ != "NUM" and tok.ent_type_ not in ("CARDINAL", "QUANTITY"):
        return None
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return next((p for p in prep.children if p.dep_ == "pobj"), None)
    return None


def _behind(tok: Token, ments: Mentions) -> ActorRef | None:
    """Who acts behind an abstract noun: "the deployment of NATO troops" (the troops), "the
    party issued a declaration demanding ..." (the party); else nobody ("desperation")."""
    of = [p for c in tok.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    if of:
        return ments.actor_of(of[0])
    if tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
        subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return ments.actor_of(subject)
    return None


AGENT_LISTS = ("agent_nouns", "member_nouns", "person_nouns", "office_nouns", "state_forces",
               "state_agents", "class:armed", "class:civilian", "class:protester")  # fmt: skip


def _not_an_agent_noun(tok: Token, lex: EventLexicon) -> bool:
    """An abstract common noun (by its ending or the list) that no list of agent nouns
    names: "desperation", "violence", "time"."""
    if tok.pos_ != "NOUN" or tok.ent_type_:
        return False
    lemma, lower = tok.lemma_.lower(), tok.lower_
    abstract = lemma in lex.words("abstract_nouns") or lemma.endswith(
        tuple(lex.words("abstract_suffixes"))
    )
    if not abstract:
        return False
    return not any(lemma in lex.words(key) or lower in lex.words(key) for key in AGENT_LISTS)


def _non_agent_head(tok: Token, lex: EventLexicon) -> bool:
    lemma = tok.lemma_.lower()
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return False
    return lemma in lex.words("non_agent_heads") or (tok.pos_ == "NOUN" and lemma in lex.nouns)


def names_no_agent(tok: Token, lex: EventLexicon) -> bool:
    """A common noun that can name no doer or speaker: a weapon, vehicle or event ("drone",
    "airstrikes"), or an abstract noun no list of agent nouns names ("death", "time")."""
    return _non_agent_head(tok, lex) or _not_an_agent_noun(tok, lex)

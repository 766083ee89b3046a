"""Ceasefires and threats: the arguments the general frames do not read.

A ceasefire word names the agreement, not who made it: the party is the subject of the verb
of agreement or announcement it is the object of ("the army agreed a ceasefire with X", "X
agreed to a truce", "a truce was agreed by X"), the other side is "with X". A ceasefire word
that only modifies another noun ("ceasefire talks", "truce violations") states no ceasefire,
except for the agreement nouns ("a cease-fire deal"). A threat's patient is its object, else
the object of its "to" complement ("threatened to kill the hostage"); a message that
threatens ("a video threatening to kill X") stands for its author.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from spacy.tokens import Token

from fogline.extract.claims.lexicon import ClaimLexicon
from fogline.extract.claims.syntax import agent_of, dobj, negated, prep_object, subject_of

AGREED_PREPS = frozenset({"to", "on", "upon"})  # "agreed to a truce", "agreed on a ceasefire"
WITH = frozenset({"with"})


class Agreement(NamedTuple):
    """A ceasefire's party, its other side and whether the agreement is negated."""

    party: Token | None
    other: Token | None
    negated: bool
    announced: bool = False  # by a verb of statement ("announced a truce"): the party says so


def agreement_noun(noun: Token, lex: ClaimLexicon) -> Token | None:
    """The noun phrase head of a ceasefire word: the word itself, or the agreement noun it
    modifies ("a cease-fire deal"); None when it modifies another noun ("ceasefire talks")."""
    head = noun
    for _ in range(3):
        if head.dep_ != "compound" or head.head == head:
            break
        up = head.head
        if up.lemma_.lower() in lex.agreement_nouns:
            return up
        if not (up.i == head.i + 2 and head.nbor(1).text == "-"):  # "cease - fire"
            return None
        head = up
    return head


def agreement_args(
    noun: Token, lex: ClaimLexicon, factual: Callable[[Token], bool]
) -> Agreement | None:
    """The party and other side of a ceasefire noun, from the verb that agrees, announces or
    declares it; None when no such verb governs it or that verb states no fact ("could
    agree to a truce")."""
    head = agreement_noun(noun, lex)
    if head is None:
        return None
    verb, passive = None, False
    if head.dep_ == "dobj":
        verb = head.head
    elif head.dep_ == "nsubjpass":
        verb, passive = head.head, True
    elif head.dep_ == "pobj" and head.head.lower_ in AGREED_PREPS:
        verb = head.head.head
    if verb is None or verb.lemma_.lower() not in lex.agreement_verbs or not factual(verb):
        return None
    party = agent_of(verb) if passive else subject_of(verb)  # "agreed upon by the group"
    other = prep_object(head, WITH) or prep_object(verb, WITH)
    announced = verb.lemma_.lower() in lex.announcement_verbs and not passive
    return Agreement(party, other, negated(verb, lex), announced)


def intent_verbs(lex: ClaimLexicon) -> frozenset[str]:
    """Verbs whose "to" complement is intended, not done ("threatened to kill")."""
    return frozenset(
        lemma
        for lemma, cues in lex.verbs.items()
        if any(c.predicate in lex.intent_predicates for c in cues)
    )


def author(agent: Token | None, lex: ClaimLexicon) -> Token | None:
    """Who made the message that threatens ("the group posted a video threatening …", "issued
    a video with a message threatening …": the group; "a video posted by X threatened …": X);
    the agent itself when it is no message, None when the message names no author."""
    if agent is None or agent.lemma_.lower() not in lex.messages:
        return agent
    host = agent
    if host.dep_ == "pobj" and host.head.lower_ == "with":  # "issued a video with a message"
        host = host.head.head
        if host.pos_ == "VERB":
            return subject_of(host)
    if host.dep_ == "dobj":
        return subject_of(host.head)
    posted = next((c for c in agent.children if c.dep_ == "acl" and c.tag_ == "VBN"), None)
    return agent_of(posted) if posted is not None else None


def intent_patient(verb: Token, lex: ClaimLexicon) -> Token | None:
    """The object of a verb's "to" complement when that complement is an act of a claim
    predicate: "threatened to kill the hostage", not "threatened to become an issue"."""
    for c in verb.children:
        if c.dep_ == "xcomp" and c.pos_ == "VERB" and c.lemma_.lower() in lex.verbs:
            return dobj(c)
    return None

"""Places and doers of claims read the way events read them.

A claim's place is where the thing happened: a place named in a locative phrase ("in
Mosul", "near the town of Barawe", "north of Gao"), never a modifier or an actor ("a U.S.
airstrike", "the US-led coalition", "Somalia's army"). The test is the events layer's
:func:`~fogline.extract.events.location.is_locative`, over the same per-document lookups
(:class:`~fogline.extract.events.mentions.Mentions`, built once per document here).

A claim's subject is an agent: "the drone", "the strike", "rockets" never act; the owner a
modifier names does ("a U.S. drone": U.S.), else nobody
(:func:`~fogline.extract.events.doers.agent_of`). A pronoun the claims' own index leaves
unresolved ("they kill and kidnap people") stands for the actor the events layer takes it for.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Token

from fogline.extract.claims.index import ClaimIndex
from fogline.extract.claims.references import Ref, short_name
from fogline.extract.events.doers import agent_of
from fogline.extract.events.lexicon import load_lexicon as load_event_lexicon
from fogline.extract.events.location import focus_place, is_locative
from fogline.extract.events.mentions import Mentions
from fogline.model import ActorRef, Place


def mentions(ix: ClaimIndex) -> Mentions:
    """The events layer's lookups over this document (shared with the events step)."""
    return Mentions.of(ix.ctx, load_event_lexicon())


def place_root(place: Place, ix: ClaimIndex) -> Token | None:
    """The head token of a place mention."""
    span = ix.doc.char_span(place.start, place.end, alignment_mode="expand")
    return span.root if span is not None else None


def locative(place: Place, ix: ClaimIndex) -> bool:
    """Is this mention of a place written as a location (not "a U.S. strike")?"""
    key = ("locative", place.start, place.end)
    memo = ix._memo
    if key not in memo:
        root = place_root(place, ix)
        memo[key] = root is not None and (is_locative(root, mentions(ix)) or _on_part_of(root, ix))
    return bool(memo[key])


def _on_part_of(root: Token, ix: ClaimIndex) -> bool:
    """ "on the outskirts of X", "on the edge of X": a part of the place, after "on"."""
    parts = mentions(ix).lex.words("place_parts")
    host = root
    for _ in range(3):
        if host.dep_ != "pobj" or host.head.lower_ != "of":
            break
        host = host.head.head
        if host.lemma_.lower() in parts or host.lower_ in parts:
            return host.dep_ == "pobj" and host.head.lower_ in ("on", "to")
    return False


def modifier(place: Place, ix: ClaimIndex) -> bool:
    """A place name used as a modifier or possessor of another noun ("U.S. drone",
    "Somalia's army", "US-led"), which never says where something happened."""
    root = place_root(place, ix)
    if root is None:
        return False
    return root.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod") and not locative(place, ix)


def recent_locative(pos: int, ix: ClaimIndex) -> Place | None:
    """The last resolved place (not a country) named as a location before ``pos``."""
    memo = ix._memo
    if ("recent locatives",) not in memo:
        kept = [
            p
            for p in ix.places
            if p.lat is not None
            and not (p.feature or "").startswith("PCL")
            and not ix.names_no_place(p)
            and locative(p, ix)
        ]
        kept.sort(key=lambda p: p.start)
        memo[("recent locatives",)] = ([p.start for p in kept], kept)
    starts, kept = memo[("recent locatives",)]  # type: ignore[misc]
    k = bisect.bisect_left(starts, pos)
    return kept[k - 1] if k else None


def focus_name(ix: ClaimIndex) -> str | None:
    """The document's focus place: the place it names most often as a location."""
    ref = focus_place(mentions(ix))
    return ref.name if ref is not None else None


def doer(token: Token | None, ref: Ref | None, ix: ClaimIndex) -> Ref | None:
    """The agent a subject token stands for: ``ref`` itself when the token can act, else the
    owner its modifier names ("Kenyan jets": Kenya), else None ("the drone", "the strike")."""
    relative = ix.lex.grammar["relative_pronouns"]
    if token is not None and token.lower_ in relative and token.head.dep_ == "relcl":
        token = token.head.head  # "airstrikes that destroyed …": the airstrikes
    if token is None or ref is None or token.pos_ == "PRON":
        return ref
    probe = ActorRef(ref.name)
    found = agent_of(token, probe, mentions(ix))
    if found is probe:
        return ref
    if found is None:
        if ref.actor is not None and any(
            c.dep_ == "prep" and c.lower_ == "of" for c in token.children
        ):
            return ref  # "dozens of gunmen": the count stands for the group it counts
        return None
    actor = ix.by_id.get(found.actor_id) if found.actor_id else None
    if actor is None:
        actor = ix.actor_named(found.name)
    return Ref(short_name(actor), actor) if actor is not None else Ref(found.name)


def instrument_agent(trigger: Token, ix: ClaimIndex) -> Ref | None:
    """Who did it, from the attack or weapon a passive names ("killed in a U.S. airstrike",
    "killed by a missile strike from Jordanian jets"): the attack's own "by X", else the
    owner its modifier names; None when the attack names nobody."""
    attacks = {
        word for word, cues in ix.lex.nouns.items() if any(c.predicate == "ATTACKED" for c in cues)
    } | ix.lex.weapons
    for prep in trigger.children:
        if prep.dep_ not in ("prep", "agent") or prep.lower_ not in ("in", "by", "during"):
            continue
        for noun in (g for g in prep.children if g.dep_ == "pobj"):
            if noun.lemma_.lower() not in attacks:
                continue
            by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
            actor = next((g for g in by.children if g.dep_ == "pobj"), None) if by else None
            if actor is not None:
                return doer(actor, ix.resolve(actor), ix)
            found = doer(noun, Ref(noun.text), ix)
            if found is not None and found.name != noun.text:
                return found
    return None


def antecedent_actor(token: Token, ix: ClaimIndex) -> Ref | None:
    """The actor a third-person pronoun stands for, found as the events layer finds it (the
    subject of an earlier clause, else the entity named last: "IS advanced on the town …
    ‘they kill and kidnap people’"); None for any other word or an antecedent no actor names."""
    grammar = ix.lex.grammar
    if token.pos_ != "PRON" or token.lower_ in grammar["first_person"]:
        return None
    if token.lower_ in grammar["relative_pronouns"]:
        return None
    found = mentions(ix).actor_of(token)
    if found is None:
        return None
    actor = ix.by_id.get(found.actor_id) if found.actor_id else None
    actor = actor or ix.actor_named(found.name)
    return Ref(short_name(actor), actor) if actor is not None else None

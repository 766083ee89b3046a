"""Roles a claim takes from the real-world event its trigger reports.

The events extractor groups every mention of one airstrike, raid or abduction into one event
and merges the roles its mentions give. A claim whose trigger lies inside a mention of such an
event, of a type that states the claim's predicate (``cluster_events`` in
``data/claims/from_events.yaml``), and whose own clause names no doer, takes the event's doer:
"six people were killed in the attack" after "a U.S. drone hit the convoy" is KILLED(U.S., …);
a weapon or attack read as the doer ("drone") gives way to the event's doer.
Only an actor of the dictionary that fights (a state, armed group or organisation) is lent;
what the clause itself names is never replaced, and nothing is taken from another event.
"""

from __future__ import annotations

from collections.abc import Sequence

from fogline.extract.claims.draft import Draft
from fogline.extract.claims.index import ClaimIndex
from fogline.extract.claims.references import short_name
from fogline.model import Actor, Event
from fogline.textnorm import fold

#: determiners of a common noun standing for an actor ("The group")
_ARTICLES = {"the", "a", "an", "this", "that"}

#: frames whose missing doer is meant: "X lost the town" names the loser, not who took it
_OWN_GAP = {"lose", "fall"}


def lend_cluster_roles(drafts: list[Draft], events: Sequence[Event], ix: ClaimIndex) -> None:
    """Give drafts without a doer the doer of the event cluster their trigger lies in."""
    spans = [
        (m.start, m.end, e)
        for e in events
        for m in (e.mentions or [e])  # an event of one mention may list none
    ]
    if not spans:
        return
    for d in drafts:
        if d.origin in _OWN_GAP or d.origin in ("event", "response"):
            continue
        kinds = ix.lex.cluster_events.get(d.predicate)
        if not kinds or (d.subject and not _instrument(d.subject, ix) and d.place):
            continue
        events_at = {id(e): e for s, t, e in spans if s <= d.pos < t and _states(e, kinds, ix)}
        if len(events_at) != 1:
            continue  # none, or two events claim the trigger: no guess
        event = next(iter(events_at.values()))
        if d.date and event.date and d.date[:7] != event.date.value[:7]:
            continue  # another month: not the same event
        doer = _doer(event, ix) if d.subject is None or _instrument(d.subject, ix) else None
        if doer is not None and (d.object is None or fold(d.object) != fold(doer)):
            d.subject = doer
        place = _place(event, ix) if d.place is None else None
        if place is not None:
            d.place, d.place_inferred = place, True


def _instrument(subject: str, ix: ClaimIndex) -> bool:
    """A weapon or an attack taken as the doer ("drone", "airstrike"): the event's doer says
    whose it was."""
    word = fold(subject).split()[-1] if subject.strip() else ""
    attacks = {
        w for w, cues in ix.lex.nouns.items() if any(c.predicate == "ATTACKED" for c in cues)
    }
    return word in ix.lex.weapons or word in attacks or word.rstrip("s") in ix.lex.weapons


def _states(event: Event, kinds: frozenset[str], ix: ClaimIndex) -> bool:
    """The event is of a type that states the predicate."""
    if event.acled_subtype in ix.lex.cluster_skip_subtypes:
        return False
    if event.mode and any(m in event.mode for m in ix.lex.skipped_modes):
        return False
    return event.type in kinds or (event.acled_subtype or "") in kinds


def _doer(event: Event, ix: ClaimIndex) -> str | None:
    """The event's actor as a claim subject: an actor of the dictionary that fights."""
    if event.actor is None:
        return None
    actor = ix.by_id.get(event.actor.actor_id or "") or ix.actor_named(event.actor.name)
    if actor is None or actor.kind not in ix.lex.armed_kinds:
        return None
    if event.target is not None and event.target.actor_id == actor.id:
        return None  # the roles are confused: a side cannot attack itself
    if not _named_in(actor, event, ix):
        return None  # the doer came from a pronoun or an anaphor: too weak to lend
    return short_name(actor)


def _place(event: Event, ix: ClaimIndex) -> str | None:
    """The event's place below the country, when a mention of the event names it (not the
    document's focus)."""
    if event.place is None or event.place.inferred:
        return None
    for m in event.mentions or [event]:
        for p in ix.places_in(m.start, m.end):
            if p.name != event.place.name or ix.names_no_place(p):
                continue
            if (p.feature or "").startswith("PCL"):
                return None  # a country: the clause's own surroundings say more
            return ix.place_name(p)
    return None


def _named_in(actor: Actor, event: Event, ix: ClaimIndex) -> bool:
    """The actor is named (not a pronoun or "the group") inside a mention of the event."""
    grammar = ix.lex.grammar
    unnamed = grammar["first_person"] | grammar["personal_pronouns"]
    unnamed |= grammar["nonpersonal_pronouns"] | grammar["nonpersonal_possessives"]
    spans = [(m.start, m.end) for m in (event.mentions or [event])]
    for m in actor.mentions:
        words = m.text.split()
        if not words or not m.text[:1].isupper() or words[0].lower() in unnamed:
            continue
        if words[0].lower() in _ARTICLES:
            continue
        if any(s <= m.start and m.end <= t for s, t in spans):
            return True
    return False

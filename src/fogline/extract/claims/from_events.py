"""Control claims from territorial events the parse did not already give.

The events extractor reads "X overran the town" as ACLED "Non-state actor overtakes
territory" even where the claims frames miss it; such an event with a named armed actor and a
place named in its own span becomes a CONTROL claim of its reporter (or of the outlet).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from fogline.extract.claims.draft import Draft, is_question
from fogline.extract.claims.index import ClaimIndex
from fogline.extract.claims.references import Ref, short_name
from fogline.model import Event, Source
from fogline.textnorm import fold


def event_claims(events: Sequence[Event], drafts: list[Draft], ix: ClaimIndex) -> list[Draft]:
    """Claim drafts for the events of the document that no draft covers yet."""
    lex = ix.lex
    out = []
    control = _Evidence([d for d in drafts if d.predicate == "CONTROL"])
    for event in events:
        if event.acled_subtype not in lex.control_subtypes or event.actor is None:
            continue
        if event.place is None or event.certainty not in lex.certainty_stance:
            continue
        if not _armed_name(event, ix):
            continue
        span = ix.doc.char_span(event.start, event.end, alignment_mode="expand")
        if span is not None and is_question(span.root, ix):
            continue
        if event.mode and any(m in event.mode for m in lex.skipped_modes):
            continue
        actor = ix.by_id.get(event.actor.actor_id or "") or ix.actor_named(event.actor.name)
        subject = short_name(actor) if actor is not None else event.actor.name
        mention = next(
            (p for p in ix.places_in(event.start, event.end) if p.name == event.place.name), None
        )
        if mention is None:
            continue  # the place was guessed from context: too weak for a claim
        place = ix.place_name(mention)
        covered = control.overlapping(event.start, event.end)
        if covered:
            for d in covered:
                if d.place_inferred and fold(d.subject or "") == fold(subject):
                    d.place, d.place_inferred = place, False
            continue
        stance = lex.certainty_stance[event.certainty]
        src = _event_source(event, ix)
        if src is None:
            src = ix.outlet
            if event.reported_by and stance == "asserts":
                stance = "hedges"  # "reports suggest …"
        start, end = event.start, event.end
        out.append(
            Draft(
                "CONTROL",
                subject,
                None,
                place,
                event.date.value if event.date else None,
                start,
                end,
                start,
                src,
                stance,
                origin="event",
            )  # fmt: skip
        )
    return out


def _armed_name(event: Event, ix: ClaimIndex) -> bool:
    """Only forces take territory: an actor of the dictionary or an armed noun."""
    assert event.actor is not None
    actor = ix.by_id.get(event.actor.actor_id or "")
    if actor is not None and actor.kind != "unknown":
        return actor.kind in ix.lex.armed_kinds
    words = event.actor.name.lower().split()
    return bool(words) and (words[-1] in ix.lex.armed_nouns or words[-1][:-1] in ix.lex.armed_nouns)


def _event_source(event: Event, ix: ClaimIndex) -> Source | None:
    for name in event.reported_by:
        if name.lower() in ix.lex.hedging_reporters or fold(name) in ix.lex.hedging_reporters:
            continue
        actor = ix.actor_named(name)
        if actor is None:
            return Source(name)
        q = ix.source_at(event.start)
        if q is not None and q.actor_id == actor.id:
            return q
        name = short_name(actor) if actor.kind != "person" else actor.name
        return ix.source_of(Ref(name, actor))
    return None


class _Evidence:
    """Drafts by the start of their evidence: ``overlapping(start, end)`` equals ``[d for d in
    drafts if d.start < end and start < d.end]``, looking only at drafts that start less than
    the longest evidence before ``start`` (a scan of every draft per event was quadratic)."""

    def __init__(self, drafts: list[Draft]) -> None:
        self.drafts = drafts
        self.order = sorted(range(len(drafts)), key=lambda k: drafts[k].start)
        self.starts = [drafts[k].start for k in self.order]
        self.longest = max((d.end - d.start for d in drafts), default=0)

    def overlapping(self, start: int, end: int) -> list[Draft]:
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        hits = sorted(k for k in self.order[lo:hi] if start < self.drafts[k].end)
        return [self.drafts[k] for k in hits]

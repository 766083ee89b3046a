"""Claims: propositions with a source and a stance, never bare facts (STUB)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from fogline.model import Actor, Claim, Event, Paragraph, Place, Quote, TimeRef


def extract_claims(
    doc: Doc,
    *,
    quotes: Sequence[Quote] = (),
    events: Sequence[Event] = (),
    actors: Sequence[Actor] = (),
    places: Sequence[Place] = (),
    times: Sequence[TimeRef] = (),
    paragraphs: Sequence[Paragraph] = (),
    source: str | None = None,
) -> list[Claim]:
    """Claims of ``doc``: predicate, subject, place, date, source and stance."""
    return []

"""Events coded to PLOVER and ACLED types, with roles, place, date and certainty (STUB)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from spacy.tokens import Doc

from fogline.model import Actor, Event, Paragraph, Place, Quote, TimeRef


def extract_events(
    doc: Doc,
    *,
    times: Sequence[TimeRef] = (),
    places: Sequence[Place] = (),
    actors: Sequence[Actor] = (),
    quotes: Sequence[Quote] = (),
    paragraphs: Sequence[Paragraph] = (),
    published: dt.date | None = None,
    source: str | None = None,
) -> list[Event]:
    """Events of ``doc`` with actor, target, place, date, fatalities and certainty."""
    return []

"""Reported speech inside reported speech, and quoted words inside reported speech: one
statement, not two."""

from __future__ import annotations

from fogline.model import Quote


def without_nested(quotes: list[Quote]) -> list[Quote]:
    """Indirect quotes minus those whose cue lies inside another's words of the same speaker
    ("she said agents had accused her after one of her reports suggested …": the report's
    "suggested" is part of what she said, not a second statement)."""
    kept = []
    for q in quotes:
        cue = q.cue.start if q.cue is not None else None
        nested = cue is not None and any(
            o is not q and o.start <= cue < o.end and _same_speaker(o, q) for o in quotes
        )
        if not nested:
            kept.append(q)
    return kept


def _same_speaker(a: Quote, b: Quote) -> bool:
    if a.speaker is None or b.speaker is None:
        return False
    if a.speaker.actor_id or b.speaker.actor_id:
        return a.speaker.actor_id == b.speaker.actor_id
    return a.speaker.name == b.speaker.name


def without_quoted_fragments(direct: list[Quote], indirect: list[Quote]) -> list[Quote]:
    """Direct quotes minus the quoted phrases that lie inside the reported clause of the same
    cue ("the governor said troops heard what sounded like an ‘earthquake’": the indirect record
    holds the word; a record of "earthquake" alone would be a fragment of the same statement)."""
    cues = {(q.cue.start, q.start, q.end) for q in indirect if q.cue is not None}
    return [
        q
        for q in direct
        if q.cue is None
        or not any(c == q.cue.start and s <= q.start and q.end <= e + 2 for c, s, e in cues)
    ]

"""Flatten an :class:`Analysis` into rows of the record tables (one dict per row)."""

from __future__ import annotations

from typing import Any

from fogline.model import Analysis


def record_rows(analysis: Analysis) -> dict[str, list[dict[str, Any]]]:
    """Rows for every record table, keyed by table name."""
    doc_id = analysis.document.id

    def base(i: int, start: int, end: int) -> dict[str, Any]:
        return {"document_id": doc_id, "idx": i, "start": start, "end": end}

    rows: dict[str, list[dict[str, Any]]] = {
        "paragraphs": [
            base(i, p.start, p.end) | {"kind": p.kind} for i, p in enumerate(analysis.paragraphs)
        ],
        "places": [
            base(i, p.start, p.end)
            | {
                "name": p.name,
                "resolved_name": p.resolved_name,
                "lat": p.lat,
                "lon": p.lon,
                "country_code": p.country_code,
                "feature": p.feature,
                "admin1": p.admin1,
                "gazetteer_id": p.gazetteer_id,
            }
            for i, p in enumerate(analysis.places)
        ],
        "times": [
            base(i, t.start, t.end) | {"text": t.text, "value": t.value, "precision": t.precision}
            for i, t in enumerate(analysis.times)
        ],
        "actors": [
            base(
                i, a.mentions[0].start if a.mentions else 0, a.mentions[0].end if a.mentions else 0
            )
            | {
                "actor_id": a.id,
                "name": a.name,
                "kind": a.kind,
                "affiliation": a.affiliation,
                "role": a.role,
                "code": a.code,
            }
            for i, a in enumerate(analysis.actors)
        ],
        "quotes": [
            base(i, q.start, q.end)
            | {
                "text": q.text,
                "direct": q.direct,
                "speaker": q.speaker.name if q.speaker else None,
                "speaker_actor_id": q.speaker.actor_id if q.speaker else None,
                "affiliation": q.speaker.affiliation if q.speaker else None,
                "channel": q.channel,
                "date": q.date,
            }
            for i, q in enumerate(analysis.quotes)
        ],
        "claims": [
            base(i, c.start, c.end)
            | {
                "predicate": c.predicate,
                "subject": c.subject,
                "object": c.object,
                "place": c.place,
                "date": c.date,
                "source": c.source.name,
                "stance": c.stance,
                "text": c.text,
            }
            for i, c in enumerate(analysis.claims)
        ],
        "events": [
            base(i, e.start, e.end)
            | {
                "type": e.type,
                "mode": e.mode,
                "acled_type": e.acled_type,
                "actor": e.actor.name if e.actor else None,
                "target": e.target.name if e.target else None,
                "place": e.place.name if e.place else None,
                "lat": e.place.lat if e.place else None,
                "lon": e.place.lon if e.place else None,
                "date": e.date.value if e.date else None,
                "certainty": e.certainty,
                "fatalities": e.fatalities,
                "text": e.text,
            }
            for i, e in enumerate(analysis.events)
        ],
    }
    return rows

"""The article view's model: the cleaned text cut into segments, each with the records over it.

Nothing here makes markup: the template escapes every piece of text. A segment is a
run of characters covered by the same set of records (quotes, claims, events, places,
times, the highlighted target); records that start in a segment give it anchors, so a
link ``#claim-3`` or ``#hl`` scrolls to them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fogline.model import Analysis

SPEAKER_COLOURS = 8


@dataclass(slots=True)
class Span:
    """A record's range of the text with its CSS classes, hover title and optional anchor."""

    start: int
    end: int
    cls: str
    title: str
    anchor: str | None = None


@dataclass(slots=True)
class Segment:
    """A run of text under the same records: their classes and titles, and the anchors here."""

    text: str
    classes: str = ""
    title: str = ""
    anchors: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Block:
    """A paragraph of the article and its kind (body, caption, highlight, boilerplate)."""

    kind: str
    segments: list[Segment] = field(default_factory=list)


def speakers(analysis: Analysis) -> dict[str, int]:
    """Speaker name → colour index, in order of first quote."""
    out: dict[str, int] = {}
    for q in analysis.quotes:
        name = q.speaker.name if q.speaker else "unattributed"
        out.setdefault(name, len(out) % SPEAKER_COLOURS)
    return out


def record_spans(analysis: Analysis, target: tuple[int, int] | None = None) -> list[Span]:
    """Every record of the analysis as a classed, titled span (plus the target, if any)."""
    colours = speakers(analysis)
    spans: list[Span] = []
    for i, q in enumerate(analysis.quotes):
        who = q.speaker.name if q.speaker else "unattributed"
        aff = f" ({q.speaker.affiliation})" if q.speaker and q.speaker.affiliation else ""
        kind = "quote" if q.direct else "indirect speech"
        spans.append(
            Span(q.start, q.end, f"q spk-{colours[who]}", f"{kind}: {who}{aff}", f"quote-{i}")
        )
    for i, c in enumerate(analysis.claims):
        what = f"{c.predicate}({c.subject or '?'}, {c.place or c.object or '?'})"
        title = f"claim {what}: {c.source.name} {c.stance}"
        spans.append(Span(c.start, c.end, f"cl st-{c.stance}", title, f"claim-{i}"))
    for i, e in enumerate(analysis.events):
        where = f" at {e.place.name}" if e.place else ""
        title = f"event {e.type}{where} ({e.certainty})"
        spans.append(Span(e.start, e.end, "ev", title, f"event-{i}"))
    for i, p in enumerate(analysis.places):
        resolved = ", ".join(filter(None, (p.resolved_name, p.admin1, p.country_code)))
        spans.append(Span(p.start, p.end, "pl", f"place: {resolved or p.name}", f"place-{i}"))
    for i, t in enumerate(analysis.times):
        spans.append(Span(t.start, t.end, "tm", f"time: {t.value or '?'}", f"time-{i}"))
    if target is not None:
        spans.append(Span(target[0], target[1], "hl", "the evidence you followed", "hl"))
    n = len(analysis.document.text)
    return [s for s in spans if 0 <= s.start < s.end <= n]


def blocks(analysis: Analysis, target: tuple[int, int] | None = None) -> list[Block]:
    """The article as paragraphs of segments, in text order."""
    text = analysis.document.text
    paras = sorted((p.start, p.end, p.kind) for p in analysis.paragraphs if p.start < p.end)
    ranges: list[tuple[int, int, str]] = []
    pos = 0
    for start, end, kind in paras or [(0, len(text), "body")]:
        if start > pos and text[pos:start].strip():
            ranges.append((pos, start, "body"))
        start = max(start, pos)
        if end > start:
            ranges.append((start, end, kind))
            pos = end
    if text[pos:].strip():
        ranges.append((pos, len(text), "body"))
    spans = record_spans(analysis, target)
    return [Block(kind, _segments(text, start, end, spans)) for start, end, kind in ranges]


def _segments(text: str, start: int, end: int, spans: list[Span]) -> list[Segment]:
    inside = [s for s in spans if s.start < end and s.end > start]
    cuts = sorted(
        {start, end, *(max(s.start, start) for s in inside), *(min(s.end, end) for s in inside)}
    )
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        over = [s for s in inside if s.start < b and s.end > a]
        out.append(
            Segment(
                text=text[a:b],
                classes=" ".join(dict.fromkeys(c for s in over for c in s.cls.split())),
                title=" · ".join(s.title for s in over),
                anchors=[s.anchor for s in over if s.start == a and s.anchor],
            )
        )
    return out

"""Status of each proposition from its reports, as of a date.

- ``contested``: asserted (or hedged) and denied;
- ``denied``: denied and asserted by no one;
- ``unconfirmed``: denied by no one, and some source says it cannot confirm it (a pending
  or refused confirmation blocks ``corroborated``, however many assert it);
- ``corroborated``: asserted by two or more independent sources, denied by none;
- ``single-source``: asserted (or only hedged) by one independent source.

Independence: the same speaker quoted by several outlets is one source (several
reports); the outlet's own narration counts once per cluster of copied articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

STATUSES = ("corroborated", "contested", "denied", "unconfirmed", "single-source")
STANCES = ("asserts", "denies", "hedges", "unconfirmed")


@dataclass(slots=True)
class PropositionView:
    """A proposition as of a date: who stands where, since when, with evidence."""

    id: str
    predicate: str
    subject: str | None
    place: str | None
    object: str | None
    lat: float | None
    lon: float | None
    status: str = "single-source"
    first_seen: str | None = None
    last_seen: str | None = None
    sources: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {stance: [] for stance in STANCES}
    )
    independent: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The view for JSON, with a readable ``proposition``: ``CONTROL(Taliban, Kunduz)``."""
        target = self.place or self.object or "?"
        return {
            "id": self.id,
            "proposition": f"{self.predicate}({self.subject or '?'}, {target})",
            "predicate": self.predicate,
            "subject": self.subject,
            "place": self.place,
            "object": self.object,
            "lat": self.lat,
            "lon": self.lon,
            "status": self.status,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "independent_sources": self.independent,
            "sources": self.sources,
        }


# the columns of ``proposition_reports`` that build_views reads, in this order
REPORT_COLUMNS = (
    "proposition_id",
    "predicate",
    "subject",
    "place",
    "obj",
    "lat",
    "lon",
    "stance",
    "source_name",
    "source_key",
    "outlet",
    "document_id",
    "published",
    "date",
    "text",
    "start",
    "end",
)


def build_views(
    reports: Iterable[Sequence[Any]],
    clusters: Mapping[str, str],
    *,
    as_of: str | None = None,
) -> list[PropositionView]:
    """Group reports (tuples in :data:`REPORT_COLUMNS` order) into views with a status.

    This is the hot loop of ``fogline claims``: plain tuples, no per-row function calls.
    """
    views: dict[str, PropositionView] = {}
    keys: dict[str, dict[str, set[str]]] = {}
    for (pid, predicate, subject, place, obj, lat, lon, stance, source_name, source_key,
         outlet, document_id, published, date, text, start, end) in reports:  # fmt: skip
        seen = published or date
        if as_of and seen and seen > as_of:
            continue
        view = views.get(pid)
        if view is None:
            view = views[pid] = PropositionView(
                id=pid, predicate=predicate, subject=subject, place=place, object=obj,
                lat=lat, lon=lon,
            )  # fmt: skip
            keys[pid] = {stance: set() for stance in STANCES}
        if seen:
            if view.first_seen is None or seen < view.first_seen:
                view.first_seen = seen
            if view.last_seen is None or seen > view.last_seen:
                view.last_seen = seen
        view.sources[stance].append(
            {"source": source_name, "outlet": outlet, "document_id": document_id,
             "published": published, "date": date, "text": text, "start": start, "end": end}
        )  # fmt: skip
        # who counts as one source: the speaker's organisation, or the outlet's copies
        if (
            not source_key
            or source_name == outlet
            or source_key == "outlet:" + (outlet or "").lower()
        ):
            source_key = "copies:" + clusters.get(document_id, document_id)
        keys[pid][stance].add(source_key)
    for view in views.values():
        k = keys[view.id]
        view.independent = {stance: len(k[stance]) for stance in STANCES}
        view.status = status_of(view.independent)
    return sorted(views.values(), key=lambda v: (v.last_seen or "", v.id), reverse=True)


def status_of(independent: Mapping[str, int]) -> str:
    """The status from the number of independent sources per stance."""
    asserts, denies, hedges = (independent.get(s, 0) for s in ("asserts", "denies", "hedges"))
    if denies and (asserts or hedges):
        return "contested"
    if denies:
        return "denied"
    if independent.get("unconfirmed", 0):
        return "unconfirmed"
    if asserts >= 2:
        return "corroborated"
    return "single-source"

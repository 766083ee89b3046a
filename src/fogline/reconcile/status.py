"""Status of each proposition from its reports, as of a date.

- ``contested``: asserted (or hedged) and denied;
- ``denied``: denied and asserted by no one;
- ``corroborated``: asserted by two or more independent sources, denied by none;
- ``single-source``: asserted (or only hedged) by one independent source.

Independence: the same speaker quoted by several outlets is one source (several
reports); the outlet's own narration counts once per cluster of copied articles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

STATUSES = ("corroborated", "contested", "denied", "single-source")


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
        default_factory=lambda: {"asserts": [], "denies": [], "hedges": []}
    )
    independent: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
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


def independence_key(report: Mapping[str, Any], clusters: Mapping[str, str]) -> str:
    """Who counts as one source: the speaker, or the outlet's cluster of copies."""
    outlet_key = "outlet:" + (report.get("outlet") or "").lower()
    if report["source_key"] in ("", outlet_key) or report["source_name"] == report.get("outlet"):
        return "copies:" + clusters.get(report["document_id"], report["document_id"])
    return report["source_key"]


def build_views(
    reports: Iterable[Mapping[str, Any]],
    clusters: Mapping[str, str],
    *,
    as_of: str | None = None,
) -> list[PropositionView]:
    """Group reports (dicts of proposition_reports rows) into views with a status."""
    views: dict[str, PropositionView] = {}
    keys: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in reports:
        seen = r.get("published") or r.get("date")
        if as_of and seen and seen > as_of:
            continue
        view = views.get(r["proposition_id"])
        if view is None:
            view = views[r["proposition_id"]] = PropositionView(
                id=r["proposition_id"],
                predicate=r["predicate"],
                subject=r["subject"],
                place=r["place"],
                object=r["obj"],
                lat=r["lat"],
                lon=r["lon"],
            )
        if seen:
            view.first_seen = min(filter(None, (view.first_seen, seen)))
            view.last_seen = max(filter(None, (view.last_seen, seen)))
        view.sources[r["stance"]].append(
            {
                "source": r["source_name"],
                "outlet": r.get("outlet"),
                "document_id": r["document_id"],
                "published": r.get("published"),
                "date": r.get("date"),
                "text": r["text"],
                "start": r["start"],
                "end": r["end"],
            }
        )
        keys[view.id][r["stance"]].add(independence_key(r, clusters))
    for view in views.values():
        k = keys[view.id]
        view.independent = {stance: len(k[stance]) for stance in ("asserts", "denies", "hedges")}
        view.status = status_of(view.independent)
    return sorted(views.values(), key=lambda v: (v.last_seen or "", v.id), reverse=True)


def status_of(independent: Mapping[str, int]) -> str:
    """The status from the number of independent sources per stance."""
    asserts, denies, hedges = (independent.get(s, 0) for s in ("asserts", "denies", "hedges"))
    if denies and (asserts or hedges):
        return "contested"
    if denies:
        return "denied"
    if asserts >= 2:
        return "corroborated"
    return "single-source"

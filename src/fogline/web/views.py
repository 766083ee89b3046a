"""What each page shows: the board, the map's points and the timeline, after the filters."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fogline.reconcile import claims, event_clusters
from fogline.store import Store, queries
from fogline.textnorm import fold
from fogline.web.basemap import MapPoint, MapView, core_points, css_token, map_view

MAX_PLACES = 300


@dataclass(frozen=True, slots=True)
class Filters:
    """The page filters (all optional): place, actor, status, predicate and a date window."""

    place: str | None = None
    actor: str | None = None
    status: str | None = None
    predicate: str | None = None
    since: str | None = None
    until: str | None = None

    def in_window(self, day: str | None) -> bool:
        """Whether ``day`` falls within ``since``..``until`` (undated: only when neither is set)."""
        day = (day or "")[:10]
        if not day:
            return not (self.since or self.until)
        return (not self.since or day >= self.since) and (not self.until or day <= self.until)


def evidence_href(document_id: str, start: int, end: int) -> str:
    """Link to the article view with ``start:end`` highlighted and scrolled to."""
    return f"/documents/{quote(document_id, safe='')}?start={int(start)}&end={int(end)}#hl"


def board(store: Store, f: Filters) -> list[dict[str, Any]]:
    """Propositions with status and sources per side; each source links to its evidence."""
    views = claims(
        store, place=f.place, actor=f.actor, status=f.status, predicate=f.predicate,
        as_of=f.until,
    )  # fmt: skip
    out = []
    for v in views:
        if f.since and (v.last_seen or "") < f.since:
            continue
        item = v.as_dict()
        for side in item["sources"].values():
            for s in side:
                s["href"] = evidence_href(s["document_id"], s["start"], s["end"])
        out.append(item)
    return out


def _actor_match(actor: str | None, *names: str | None) -> bool:
    if not actor:
        return True
    wanted = fold(actor)
    return any(wanted in fold(n) for n in names if n)


def events(store: Store, f: Filters) -> list[dict[str, Any]]:
    """Event clusters after the filters, each report linking to its evidence."""
    out = []
    for c in event_clusters(store, place=f.place, as_of=f.until):
        if not _actor_match(f.actor, *c["actors"], *c["targets"]):
            continue
        if not f.in_window((c["dates"] or [None])[0] or c["reports"][0]["published"]):
            continue
        for r in c["reports"]:
            r["href"] = evidence_href(r["document_id"], r["start"], r["end"])
        out.append(c)
    return out


def map_points(store: Store, f: Filters, *, layer: str = "events") -> list[MapPoint]:
    """Places (grey), then events coloured by type or CONTROL propositions by status."""
    points = []
    for p in queries.list_places(store, name=f.place, limit=MAX_PLACES).items:
        if p["lat"] is None or p["feature"] in ("PCLI", "PCL", "CONT"):
            continue
        label = f"{p['name']}: {p['mentions']} mentions in {p['documents']} documents"
        points.append(MapPoint(lat=p["lat"], lon=p["lon"], label=label, size=2.5))
    if layer == "control":
        for v in board(store, Filters(**{**_fields(f), "predicate": "CONTROL"})):
            if v["lat"] is None:
                continue
            side = v["sources"]["asserts"] or v["sources"]["hedges"] or v["sources"]["denies"]
            href = side[0]["href"] if side else None
            label = f"{v['proposition']}: {v['status']}"
            points.append(
                MapPoint(v["lat"], v["lon"], label, href, "st-" + css_token(v["status"]), 6)
            )
    else:
        for c in events(store, f):
            if c["lat"] is None:
                continue
            outlets = ", ".join(c["outlets"])
            label = f"{c['type']} at {c['place']}: {len(c['reports'])} reports ({outlets})"
            href = c["reports"][0]["href"]
            size = 4 + min(len(c["reports"]), 6)
            points.append(
                MapPoint(c["lat"], c["lon"], label, href, "ev-" + css_token(c["type"]), size)
            )
    return points


def _fields(f: Filters) -> dict[str, Any]:
    return {k: getattr(f, k) for k in Filters.__slots__}


def the_map(
    store: Store, f: Filters, *, layer: str = "events", width: int = 900, whole: bool = False
) -> MapView:
    """The projected map of the filtered points, fitted to the core of the coloured ones.

    ``whole``: fit every point instead (outliers included).
    """
    points = map_points(store, f, layer=layer)
    coloured = [p for p in points if p.kind != "place"] or points
    return map_view(points, width=width, fit=coloured if whole else core_points(coloured))


def timeline_days(store: Store, f: Filters) -> list[dict[str, Any]]:
    """Days, oldest first: the claim reports dated (or published) that day, and new events."""
    days: dict[str, dict[str, Any]] = defaultdict(lambda: {"reports": [], "events": []})
    for v in board(store, Filters(**{**_fields(f), "since": None})):
        for stance, side in v["sources"].items():
            for s in side:
                day = (s["date"] or s["published"] or "")[:10]
                if not f.in_window(day or None):
                    continue
                days[day or "undated"]["reports"].append(
                    s | {"stance": stance, "proposition": v["proposition"], "status": v["status"]}
                )
    for c in events(store, f):
        day = ((c["dates"] or [None])[0] or c["reports"][0]["published"] or "undated")[:10]
        days[day]["events"].append(c)
    return [{"day": d, **days[d]} for d in sorted(days)]

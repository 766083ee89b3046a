"""The same event reported by several articles, merged into one cluster.

Two reports join when their PLOVER types are of one family (a strike one outlet codes as
FIGHT and another, by the deaths, as ASSAULT), the same place (by
gazetteer id or folded base name), dates within ``WINDOW_DAYS`` and compatible
actors (equal, or one of them unknown). Each report keeps its certainty.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

from fogline.extract.events import event_family
from fogline.model import Analysis
from fogline.reconcile.propositions import Canonicalizer

WINDOW_DAYS = 2


def event_rows(analysis: Analysis, canon: Canonicalizer) -> Iterator[dict[str, Any]]:
    """One row per current event of the analysis, with canonical place and actor keys.
    Background events (``Event.background``: "in 2013", "a year ago") stay in the document's
    analysis but not in the situation: the clusters, boards and maps of what is happening."""
    doc = analysis.document
    for i, e in enumerate(analysis.events):
        if e.background:
            continue
        place_key, lat, lon = canon.place_key(e.place.name if e.place else None, analysis)
        yield {
            "document_id": doc.id,
            "event_idx": i,
            "type": e.type,
            "acled_type": e.acled_type,
            "actor": e.actor.name if e.actor else None,
            "target": e.target.name if e.target else None,
            "place": e.place.name if e.place else None,
            "place_key": place_key,
            "lat": e.place.lat if e.place and e.place.lat is not None else lat,
            "lon": e.place.lon if e.place and e.place.lon is not None else lon,
            "date": e.date.value if e.date else None,
            "certainty": e.certainty,
            "fatalities": e.fatalities,
            "outlet": doc.source,
            "published": doc.published,
            "text": e.text,
            "start": e.start,
            "end": e.end,
            "_actor_key": canon.actor_key(e.actor.name) if e.actor else "",
        }


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def cluster_events(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give every row a ``cluster_id``; rows without a place stay alone.

    Within its (family, place) a row joins the first cluster opened, in order, whose day is
    within ``WINDOW_DAYS`` of its own (or either day unknown) and whose actor fits; clusters
    are indexed by day, so that only those near in time are looked at.
    """
    out: list[dict[str, Any]] = []
    open_clusters: dict[tuple[str, str], _Open] = {}
    ordered = sorted(
        rows,
        key=lambda r: (event_family(r["type"]), r["place_key"], r["date"] or r["published"] or ""),
    )
    for row in ordered:
        actor_key = row.pop("_actor_key")
        day = _day(row["date"]) or _day(row["published"])
        group = open_clusters.setdefault((event_family(row["type"]), row["place_key"]), _Open())
        chosen = None
        if row["place_key"]:
            for c in group.near(day):
                if not actor_key or not c["actor"] or actor_key == c["actor"]:
                    chosen = c
                    break
        if chosen is None:
            seed = f"{row['document_id']}\x1f{row['event_idx']}"
            chosen = {
                "id": hashlib.sha1(seed.encode()).hexdigest()[:16],
                "day": day,
                "actor": actor_key,
            }
            group.add(chosen)
        chosen["actor"] = chosen["actor"] or actor_key
        out.append(row | {"cluster_id": chosen["id"]})
    return out


class _Open:
    """The clusters opened at one (family, place), in order, indexed by day."""

    def __init__(self) -> None:
        self.clusters: list[dict[str, Any]] = []
        self.by_day: dict[dt.date | None, list[int]] = {}

    def add(self, cluster: dict[str, Any]) -> None:
        self.by_day.setdefault(cluster["day"], []).append(len(self.clusters))
        self.clusters.append(cluster)

    def near(self, day: dt.date | None) -> list[dict[str, Any]]:
        """The clusters a row of ``day`` may join, in the order they were opened."""
        if day is None:
            return self.clusters
        window = [day + dt.timedelta(days=n) for n in range(-WINDOW_DAYS, WINDOW_DAYS + 1)]
        found = [i for d in (None, *window) for i in self.by_day.get(d, ())]
        return [self.clusters[i] for i in sorted(found)]

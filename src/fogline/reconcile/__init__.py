"""Across sources: propositions, who asserts or denies them, their status, and a board per place.

Example:
    >>> summary = reconcile(store)                       # doctest: +SKIP
    >>> [v.status for v in claims(store, place="Kidal")]  # doctest: +SKIP
    ['contested']
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fogline.reconcile import incremental
from fogline.reconcile.actors import ActorCanon
from fogline.reconcile.propositions import Canonicalizer, place_base
from fogline.reconcile.status import REPORT_COLUMNS, STATUSES, PropositionView, build_views
from fogline.store import Store
from fogline.textnorm import fold

LOGGER = logging.getLogger(__name__)

__all__ = [
    "STATUSES",
    "PropositionView",
    "claims",
    "event_clusters",
    "reconcile",
    "situation",
    "timeline",
]


@dataclass(slots=True)
class ReconcileSummary:
    documents: int
    copy_clusters: int
    reports: int
    propositions: int
    event_clusters: int = 0
    analysed: int = 0  # documents whose reports were made from their analysis in this run
    rewritten: int = 0  # documents whose reconciliation rows were rewritten
    seconds: float = 0.0


def _canon(actor_lookup: Callable[[str], object | None] | None) -> Canonicalizer:
    """The canonicalizer: over ``actor_lookup`` when given, else the actor dictionary."""
    if actor_lookup is not None:
        return Canonicalizer(actor_lookup)
    return Canonicalizer(actors=ActorCanon.default())


def reconcile(
    store: Store,
    *,
    actor_lookup: Callable[[str], object | None] | None = None,
    full: bool = False,
) -> ReconcileSummary:
    """Bring copy clusters, origins, proposition and event reports up to date with the stored
    analyses: incrementally, redoing only new documents and rewriting only what they touch
    (:mod:`fogline.reconcile.incremental`); ``full``: recompute every document (the same
    result; needed after the actor dictionary or the gazetteer changed)."""
    started = time.perf_counter()
    done = incremental.run(store, _canon(actor_lookup), full=full)
    summary = ReconcileSummary(
        documents=len(done.clusters),
        copy_clusters=len(set(done.clusters.values())),
        reports=done.reports,
        propositions=done.propositions,
        event_clusters=done.event_clusters,
        analysed=done.analysed,
        rewritten=done.written,
        seconds=time.perf_counter() - started,
    )
    LOGGER.info("reconciled %s", summary)
    return summary


def _place_names_match(written: str | None, place: str) -> bool:
    """Does a place as written in a report name ``place`` ("Idlib province" ~ "Idlib")?"""
    wanted = {fold(place), place_base(place)}
    return bool(written) and (fold(written) in wanted or place_base(written) in wanted)


def _matches_place(report: dict[str, Any], place: str) -> bool:
    return _place_names_match(report["place"], place)


def _place_keys(store: Store, place: str) -> set[str]:
    """Keys of every stored place name that names ``place`` (a few hundred names to check)."""
    return {key for written, key in store.report_places() if _place_names_match(written, place)}


def _matches_actor(view: PropositionView, actor: str, key: str) -> bool:
    """Whether ``actor`` (canonical ``key``) is the doer, the victim or target, or a source.

    A branch or unit (a key below its root) matches by name only, so that a parent's claim
    is not listed as its branch's.
    """
    wanted = fold(actor)
    if key and key in view.keys:
        return True
    people = {
        k.removeprefix("person:").split(" ")[-1] for k in view.keys if k.startswith("person:")
    }
    if wanted and wanted.split(" ")[-1] in people:  # "Rosenberg", "Gil Rosenberg"
        return True
    names = [view.subject or "", view.object or "", *view.written]
    names += [s["source"] for side in view.sources.values() for s in side]
    return any(wanted == fold(n) or wanted in fold(n).split(" ") for n in names if n)


def claims(
    store: Store,
    *,
    place: str | None = None,
    actor: str | None = None,
    status: str | None = None,
    predicate: str | None = None,
    as_of: str | None = None,
) -> list[PropositionView]:
    """Propositions with their sources per stance and status as of ``as_of`` (ISO date)."""
    if status is not None and status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    reports = store.proposition_reports(
        columns=REPORT_COLUMNS,
        place_keys=_place_keys(store, place) if place else None,
        predicate=predicate.upper() if predicate else None,
    )
    views = build_views(reports, store.copy_clusters(), as_of=as_of)
    if actor:
        found = ActorCanon.default().resolve(actor)
        own = found is not None and found.key != found.root_key and not found.person
        key = "" if own else ActorCanon.default().key(actor)
        views = [v for v in views if _matches_actor(v, actor, key)]
    if status:
        views = [v for v in views if v.status == status]
    return views


def situation(store: Store, place: str, *, as_of: str | None = None) -> dict[str, Any]:
    """Who is said to control ``place`` as of a date, by whom, and who denies it."""
    views = claims(store, place=place, as_of=as_of)
    control = [v for v in views if v.predicate == "CONTROL"]
    return {
        "place": place,
        "as_of": as_of,
        "control": [v.as_dict() for v in control],
        "other": [v.as_dict() for v in views if v.predicate != "CONTROL"],
        "events": event_clusters(store, place=place, as_of=as_of),
    }


def event_clusters(
    store: Store, *, place: str | None = None, as_of: str | None = None
) -> list[dict[str, Any]]:
    """Events merged across articles: one entry per cluster with every report in it."""
    rows = store.event_reports()
    if place:
        rows = [r for r in rows if _matches_place(r, place)]
    if as_of:
        rows = [r for r in rows if not r["published"] or r["published"] <= as_of]
    clusters: dict[str, dict[str, Any]] = {}
    for r in sorted(rows, key=lambda r: (r["published"] or "", r["document_id"], r["event_idx"])):
        c = clusters.setdefault(
            r["cluster_id"],
            {
                "id": r["cluster_id"],
                "type": r["type"],
                "acled_type": r["acled_type"],
                "place": r["place"],
                "lat": r["lat"],
                "lon": r["lon"],
                "dates": [],
                "actors": [],
                "targets": [],
                "outlets": [],
                "reports": [],
            },
        )
        for key, value in (
            ("dates", r["date"]),
            ("actors", r["actor"]),
            ("targets", r["target"]),
            ("outlets", r["outlet"]),
        ):
            if value and value not in c[key]:
                c[key].append(value)
        c["reports"].append(
            {
                k: r[k]
                for k in (
                    "document_id",
                    "outlet",
                    "published",
                    "certainty",
                    "fatalities",
                    "date",
                    "text",
                    "start",
                    "end",
                )
            }
        )
    return sorted(clusters.values(), key=lambda c: (-len(c["reports"]), c["id"]))


def timeline(store: Store, *, place: str | None = None) -> list[dict[str, Any]]:
    """Reports per day (claim date, else publication date), oldest first."""
    columns = ("date", "published", "predicate", "subject", "place", "stance", "source_name",
               "outlet", "document_id", "text")  # fmt: skip
    keys = _place_keys(store, place) if place else None
    reports = [dict(zip(columns, row, strict=True))
               for row in store.proposition_reports(columns=columns, place_keys=keys)]  # fmt: skip
    days: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in reports:
        day = (r["date"] or r["published"] or "")[:10] or "undated"
        days[day].append(
            {
                "predicate": r["predicate"],
                "subject": r["subject"],
                "place": r["place"],
                "stance": r["stance"],
                "source": r["source_name"],
                "outlet": r["outlet"],
                "document_id": r["document_id"],
                "text": r["text"],
            }
        )
    return [{"day": d, "reports": days[d]} for d in sorted(days)]

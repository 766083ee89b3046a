"""Status of each proposition from its reports, as of a date: the rules, in one place.

Origins (:mod:`fogline.reconcile.origins`) are counted, never articles or outlets. The status
is the first that applies:

- ``contested``: some origin asserts (or hedges) it and another origin denies it;
- ``denied``: there are only denials (or its only asserters took it back);
- ``unconfirmed``: asserted, and some source says it cannot confirm it: a pending or refused
  confirmation blocks ``corroborated``, however many assert it;
- ``corroborated``: two or more independent origins assert it;
- ``single-source``: one origin asserts (or only hedges) it.

A party's claim (``party_claim``: the doer vouches for its own gain or its enemy's loss) never
corroborates another party's: all party claims together count as one origin.
"""

from __future__ import annotations

from collections import Counter
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
    origins: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    party_claim: bool = False
    keys: set[str] = field(default_factory=set)  # canonical keys of doer, object and origins
    written: set[str] = field(default_factory=set)  # the doer as each claim names it

    def as_dict(self) -> dict[str, Any]:
        """The view for JSON, with a readable ``proposition``: ``CONTROL(Taliban, Kunduz)``."""
        target = self.place or self.object or "?"
        if self.object and self.place and self.object != self.place:
            target = f"{self.object}, in {self.place}"  # a victim or target, and where
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
            "party_claim": self.party_claim,
            "origins": self.origins,
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
    "origin",
    "party_claim",
    "subject_key",
    "subject_written",
    "object_key",
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

    This is the hot loop of ``fogline claims``: plain tuples, few per-row function calls.
    """
    views: dict[str, PropositionView] = {}
    origins: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
    shown: dict[str, tuple[Counter[str], Counter[str], Counter[str]]] = {}
    for (pid, predicate, subject, place, obj, lat, lon, stance, source_name, source_key,
         origin, party, subject_key, written, object_key, outlet, document_id, published, date,
         text, start, end) in reports:  # fmt: skip
        seen = published or date
        if as_of and seen and seen > as_of:
            continue
        view = views.get(pid)
        if view is None:
            view = views[pid] = PropositionView(
                id=pid, predicate=predicate, subject=subject, place=place, object=obj,
                lat=lat, lon=lon,
            )  # fmt: skip
            origins[pid] = {st: {} for st in STANCES}
            shown[pid] = (Counter(), Counter(), Counter())
        if seen:
            if view.first_seen is None or seen < view.first_seen:
                view.first_seen = seen
            if view.last_seen is None or seen > view.last_seen:
                view.last_seen = seen
        if not source_key:  # a reconciliation older than origins: the document's copies
            source_key = "copies:" + clusters.get(document_id, document_id)
        view.sources[stance].append(
            {"source": source_name, "origin": origin or source_name, "origin_key": source_key,
             "party_claim": bool(party), "outlet": outlet, "document_id": document_id,
             "published": published, "date": date, "text": text, "start": start, "end": end}
        )  # fmt: skip
        _add_origin(origins[pid][stance], source_key, origin or source_name, party)
        view.keys.update(k for k in (subject_key, object_key, source_key) if k)
        if written:
            view.written.add(written)
        for counter, value in zip(shown[pid], (subject, place, obj), strict=True):
            if value:
                counter[value] += 1
    for pid, view in views.items():
        _finish(view, origins[pid], shown[pid])
    return sorted(views.values(), key=lambda v: (v.last_seen or "", v.id), reverse=True)


def _add_origin(side: dict[str, dict[str, Any]], key: str, chain: str, party: Any) -> None:
    """Count one report for its origin on one side (stance) of a proposition."""
    one = side.setdefault(key, {"key": key, "chains": [], "reports": 0, "party_claim": True})
    one["reports"] += 1
    one["party_claim"] = one["party_claim"] and bool(party)
    if chain not in one["chains"]:
        one["chains"].append(chain)


def _finish(
    view: PropositionView,
    origins: Mapping[str, Mapping[str, dict[str, Any]]],
    shown: tuple[Counter[str], Counter[str], Counter[str]],
) -> None:
    """Fill a view's origins, most-reported names, party flag and status."""
    view.origins = {st: list(o.values()) for st, o in origins.items()}
    view.subject, view.place, view.object = (c.most_common(1)[0][0] if c else None for c in shown)
    view.independent = {st: len(view.origins[st]) for st in STANCES}
    asserting = view.origins["asserts"] + view.origins["hedges"]
    view.party_claim = bool(asserting) and all(o["party_claim"] for o in asserting)
    view.status = status_from_origins(
        {st: {o["key"]: o["party_claim"] for o in view.origins[st]} for st in STANCES}
    )


def status_from_origins(origins: Mapping[str, Mapping[str, bool]]) -> str:
    """The status from the origins per stance (origin key → whether it is a party's claim).

    Example:
        >>> status_from_origins({"asserts": {"actor:isis": True, "actor:syria": False}})
        'corroborated'
        >>> status_from_origins({"asserts": {"actor:isis": True, "actor:m23": True}})
        'single-source'
    """
    asserts = dict(origins.get("asserts", {}))
    hedges = dict(origins.get("hedges", {}))
    denies = set(origins.get("denies", {}))
    vouching = {**hedges, **asserts}
    if denies and set(vouching) - denies:
        return "contested"
    if denies:
        return "denied"
    if origins.get("unconfirmed"):
        return "unconfirmed"
    independent = sum(1 for party in asserts.values() if not party)
    independent += any(asserts.values())  # all parties' own claims together: one origin
    return "corroborated" if independent >= 2 else "single-source"


def status_of(independent: Mapping[str, int]) -> str:
    """The status from the number of independent origins per stance (no party claims)."""
    origins = {st: {f"{st}{i}": False for i in range(independent.get(st, 0))} for st in STANCES}
    return status_from_origins(origins)

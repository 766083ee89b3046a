"""Places in a hierarchy: a town within its province and country, a district and its capital.

Proposition keys name a place by gazetteer id, so "an attack in Syria" and "an attack on
Kobani" are two keys. :func:`join_through_places` makes them one when nothing else conflicts:
reports of one predicate and doer whose places lie on one line of the admin hierarchy (a
country above its provinces, a province above its districts and towns, a district above the
town that is its seat) and whose victims agree (the same, or one left open) take the most
specific place and the one victim, so the report at country level supports the town-level
one. A group that holds two places side by side (two towns of one country) or two victims
stays apart: a country-level claim is never the same proposition as a different town's.

A claim whose place is what it is about (CONTROL, WITHDREW, ADVANCED: control of much of a
country is not control of one of its towns) joins only a district and the town that is its
seat: "took the district" meets "took the district capital".

The hierarchy comes from the gazetteer records the documents' places resolved to
(``country_code``, ``admin1`` and the feature code; a district whose point is its seat's,
``"ADM2 (approx: town of Macomia)"``, sits above that town).

Example:
    >>> syria = node_of("gaz:1", "Syria", "SY", "PCLI", None)
    >>> kobani = node_of("gaz:2", "Kobani", "SY", "PPL", "Aleppo")
    >>> syria.above(kobani), kobani.above(syria)
    (True, False)
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from fogline.model import Analysis
from fogline.reconcile.completion import WINDOW_DAYS, Report, _day, _rekey
from fogline.reconcile.propositions import OBJECT_PREDICATES, place_base, slot
from fogline.textnorm import fold

_SEAT = re.compile(r"\(approx: town of (?P<town>.+)\)")


@dataclass(frozen=True, slots=True)
class PlaceNode:
    """A gazetteer place in the admin hierarchy: what it is, and what lies above it."""

    key: str  # the report's place key, "gaz:<id>"
    marks: frozenset[str]  # what the place is: "cc:SY", "adm1:SY:aleppo", "seat:..."
    ancestors: frozenset[str]  # the marks of the places it lies within

    def above(self, other: PlaceNode) -> bool:
        """Whether ``other`` lies within this place (strictly)."""
        return self.key != other.key and bool(self.marks & other.ancestors)

    def seat_of(self, other: PlaceNode) -> bool:
        """Whether this place is a district and ``other`` the town that is its seat."""
        return any(m.startswith("seat:") for m in self.marks & other.ancestors)


def node_of(
    key: str, name: str, country: str | None, feature: str | None, admin1: str | None
) -> PlaceNode | None:
    """The node of a resolved place, or None when the hierarchy cannot place it (a region,
    a sea, a place without country)."""
    kind = (feature or "").split(" ", 1)[0]
    if not country or not kind:
        return None
    cc = f"cc:{country}"
    if kind == "PCLI":
        return PlaceNode(key, frozenset({cc}), frozenset())
    province = f"adm1:{country}:{fold(admin1 or name)}"
    if kind == "ADM1":
        return PlaceNode(key, frozenset({province}), frozenset({cc}))
    above = {cc, province} if admin1 else {cc}
    if kind == "ADM2":
        seat = _SEAT.search(feature or "")
        marks = {f"adm2:{key}"}
        if seat and admin1:
            marks.add(f"seat:{country}:{fold(admin1)}:{place_base(seat['town'])}")
        return PlaceNode(key, frozenset(marks), frozenset(above))
    if kind.startswith("PPL"):
        if admin1:  # the district it is the seat of, if any, shares its name
            above.add(f"seat:{country}:{fold(admin1)}:{place_base(name)}")
        return PlaceNode(key, frozenset({f"ppl:{key}"}), frozenset(above))
    return None


def place_nodes(analyses: Iterable[Analysis]) -> dict[str, PlaceNode]:
    """Place key → node, for every place of ``analyses`` that the gazetteer resolved."""
    nodes: dict[str, PlaceNode] = {}
    for analysis in analyses:
        for p in analysis.places:
            key = f"gaz:{p.gazetteer_id}"
            if p.gazetteer_id and key not in nodes:
                node = node_of(key, p.resolved_name or p.name, p.country_code, p.feature, p.admin1)
                if node is not None:
                    nodes[key] = node
    return nodes


def _compatible(a: list[Report], b: list[Report]) -> bool:
    """Whether two propositions' reports fall within the time window of each other."""
    days_a = {_day(r) for r in a}
    days_b = {_day(r) for r in b}
    if None in days_a or None in days_b:
        return True
    return any(abs(x - y) <= WINDOW_DAYS for x in days_a for y in days_b)  # type: ignore[operator]


def join_through_places(reports: list[Report], nodes: dict[str, PlaceNode]) -> None:
    """Reports of one predicate and named doer whose places lie on one line of the hierarchy
    and whose victims agree take the most specific place and the one victim (see above)."""
    groups: dict[tuple[str, str], dict[tuple[str, str], list[Report]]] = defaultdict(dict)
    for r in reports:
        doer = str(r["subject_key"] or "")
        _, place, obj = slot(r)
        if doer and not doer.startswith("generic:") and place in nodes:
            groups[(str(r["predicate"]), doer)].setdefault((place, obj), []).append(r)
    for (predicate, _), props in groups.items():
        if len({p for p, _ in props}) > 1:
            seats_only = predicate not in OBJECT_PREDICATES
            for component in _components(props, nodes, seats_only=seats_only):
                _join(component, props, nodes)


def _components(
    props: dict[tuple[str, str], list[Report]],
    nodes: dict[str, PlaceNode],
    *,
    seats_only: bool = False,
) -> list[list[tuple[str, str]]]:
    """Propositions linked by a place above another and victims that agree, transitively;
    with ``seats_only``, by a district and its seat only."""
    keys = list(props)
    parent = {k: k for k in keys}

    def find(k: tuple[str, str]) -> tuple[str, str]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    by_mark: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for k in keys:
        for mark in nodes[k[0]].marks:
            by_mark[mark].append(k)
    for b in keys:  # each proposition against those placed above it
        nb = nodes[b[0]]
        for a in {a for mark in nb.ancestors for a in by_mark.get(mark, ())}:
            agree = a[1] == b[1] or not a[1] or not b[1]
            linked = nodes[a[0]].seat_of(nb) if seats_only else nodes[a[0]].above(nb)
            if linked and agree and _compatible(props[a], props[b]):
                parent[find(a)] = find(b)
    found: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for k in keys:
        found[find(k)].append(k)
    return [c for c in found.values() if len(c) > 1]


def _join(
    component: list[tuple[str, str]],
    props: dict[tuple[str, str], list[Report]],
    nodes: dict[str, PlaceNode],
) -> None:
    """Give every report of ``component`` its most specific place and its one victim, unless
    it holds two places side by side or two victims."""
    places = {p for p, _ in component}
    bottom = [p for p in places if all(q == p or nodes[q].above(nodes[p]) for q in places)]
    objects = {o for _, o in component if o}
    if len(bottom) != 1 or len(objects) > 1:
        return
    members = [r for k in component for r in props[k]]
    where = next(r for r in members if r["place_key"] == bottom[0])
    what = next((r for r in members if r["object_key"] in objects), None)
    for r in members:
        r["place_key"], r["place"] = where["place_key"], where["place"]
        r["lat"], r["lon"] = where.get("lat"), where.get("lon")
        if what is not None:
            r["object_key"], r["obj"] = what["object_key"], what.get("obj")
        _rekey(r)

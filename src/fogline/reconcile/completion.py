"""Cross-document completion: a report that leaves a key open takes the one value that the
other reports of the same time give it, and keeps it open when they give two.

- a doer-less report ("Rosenberg was captured") takes the one doer other reports name for the
  same predicate and victim (or place);
- a victim known by surname alone takes the one full name of that surname; a relative named
  after a pronoun ("his wife") the one person whose relative of that kind the same doer's
  reports name;
- a place no gazetteer entry resolved in its document takes the one gazetteer id other
  documents give that name.

Only reports published within ``WINDOW_DAYS`` of each other complete one another, so that a
large corpus does not lend a name or a doer across unrelated stories.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Hashable

from fogline.reconcile.origins import is_party_claim
from fogline.reconcile.propositions import place_base, proposition_id, slot

WINDOW_DAYS = 14

Report = dict[str, object]


def _day(r: Report) -> int | None:
    try:
        return dt.date.fromisoformat(str(r["published"] or "")[:10]).toordinal()
    except ValueError:
        return None


def _complete(
    reports: list[Report],
    known: Callable[[Report], tuple[Hashable, str] | None],
    wanted: Callable[[Report], Hashable | None],
    apply: Callable[[Report, str], None],
) -> None:
    """For each report that ``wanted`` gives a slot, ``apply`` the one value ``known`` gives
    that slot among the reports within the time window (none or several: nothing)."""
    values: dict[Hashable, list[tuple[int | None, str]]] = defaultdict(list)
    for r in reports:
        found = known(r)
        if found is not None:
            values[found[0]].append((_day(r), found[1]))
    for r in reports:
        key = wanted(r)
        if key is None or key not in values:
            continue
        day = _day(r)
        near = {
            v for d, v in values[key] if day is None or d is None or abs(d - day) <= WINDOW_DAYS
        }
        if len(near) == 1:
            apply(r, near.pop())


def _rekey(r: Report) -> None:
    r["party_claim"] = is_party_claim(
        str(r["predicate"]), str(r["subject_key"]), str(r["source_key"])
    )
    r["proposition_id"] = proposition_id(str(r["predicate"]), str(r["subject_key"]), *slot(r)[1:])


def complete_places(reports: list[Report]) -> None:
    """A place keyed by name only takes the one gazetteer id other reports give that name."""

    def known(r: Report) -> tuple[Hashable, str] | None:
        key = str(r["place_key"] or "")
        return (place_base(str(r["place"])), key) if key.startswith("gaz:") else None

    def wanted(r: Report) -> Hashable | None:
        key = str(r["place_key"] or "")
        return place_base(str(r["place"])) if key.startswith("place:") and r["place"] else None

    def apply(r: Report, key: str) -> None:
        r["place_key"] = key
        _rekey(r)

    _complete(reports, known, wanted, apply)


def complete_people(reports: list[Report]) -> None:
    """A surname alone takes the one full name; "his wife" the one person's wife."""

    def known(r: Report) -> tuple[Hashable, str] | None:
        key = str(r["object_key"])
        if key.startswith("person:") and " " in key:
            return ("person", key.rsplit(" ", 1)[1]), key
        if key.startswith("kin:") and not key.endswith(" ?"):
            return ("kin", r["predicate"], r["subject_key"], key.split(" ", 1)[0]), key
        return None

    def wanted(r: Report) -> Hashable | None:
        key = str(r["object_key"])
        if key.startswith("person:") and " " not in key:
            return "person", key.removeprefix("person:")
        if key.startswith("kin:") and key.endswith(" ?"):
            return "kin", r["predicate"], r["subject_key"], key.split(" ", 1)[0]
        return None

    def apply(r: Report, key: str) -> None:
        r["object_key"] = key
        _rekey(r)

    _complete(reports, known, wanted, apply)


def adopt_doers(reports: list[Report]) -> None:
    """A doer-less report takes the one doer the reports of its predicate and victim name."""
    names: dict[str, str] = {}

    def known(r: Report) -> tuple[Hashable, str] | None:
        key = str(r["subject_key"] or "")
        if not key or key.startswith("generic:"):
            return None
        names[key] = str(r["subject"])
        return slot(r), key

    def wanted(r: Report) -> Hashable | None:
        return None if r["subject_key"] else slot(r)

    def apply(r: Report, key: str) -> None:
        r["subject_key"], r["subject"] = key, names[key]
        _rekey(r)

    _complete(reports, known, wanted, apply)

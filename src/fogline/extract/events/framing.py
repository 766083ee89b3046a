"""What the report says about an event beyond its roles: whether it is background (it dates
from well before the report) and whether its count of the dead comes only from a party to
the fighting.

Background events ("the Westgate attack a year ago", "in 2013") keep their own dates; the
flag lets boards, maps and exports of the current situation leave them out. A count of the
dead given by the side that did the killing, or the side that suffered it, is marked as
claimed by that party (ACLED's practice: a belligerent's figure is not a neutral one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from fogline.extract.events.clusters import day_of
from fogline.model import ActorRef, Event

BACKGROUND_DAYS = 30  # an event that ended this long before the report is background

PERIOD_END = {  # how far a date of each length reaches past its first day
    10: dt.timedelta(days=0),  # 2014-09-01
    7: dt.timedelta(days=30),  # 2014-09
    4: dt.timedelta(days=364),  # 2014
}


def frame_report(event: Event, published: dt.date | None) -> Event:
    """The event with ``background`` and ``fatalities_claimed_by`` set."""
    background = _background(event, published)
    claimed_by = _count_claimed_by(event)
    if background == event.background and claimed_by == event.fatalities_claimed_by:
        return event
    return replace(event, background=background, fatalities_claimed_by=claimed_by)


def _background(event: Event, published: dt.date | None) -> bool:
    if "historical" in (event.mode or "").split(","):
        return True
    date = event.date
    if date is None or date.inferred or published is None:
        return False
    first = day_of(date.value)
    if first is None:
        return False
    last = first + PERIOD_END.get(len(date.value), dt.timedelta(days=6))
    return (published - last).days > BACKGROUND_DAYS


def _count_claimed_by(event: Event) -> str | None:
    """The reporter of a claimed count when it is the actor or the target of the event."""
    if event.fatalities is None or event.certainty != "claimed" or not event.reported_by:
        return None
    reporter = event.reported_by[0]
    for party in (event.actor, event.target):
        if _same(reporter, party):
            return reporter
    return None


def _same(name: str, party: ActorRef | None) -> bool:
    if party is None:
        return False
    names = {party.name.lower(), (party.affiliation or "").lower()} - {""}
    return name.lower() in names

"""Calendar arithmetic shared by the time resolvers, and what one resolution step sees.

:class:`Candidate` is one grammar match, :class:`ResolveState` the publication date and the
last date of the text so far; the helpers format TimeML values and count calendar units
from a day (no spaCy, no lexicon).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from fogline.extract.times.words import Tense
from fogline.model import TimeRef


@dataclass(slots=True)
class Candidate:
    """One grammar match: its kind, extent, sentence start, the tense of its verb (lazy) and
    whether the text puts it on or before publication ("since April", "formed in February":
    lazy too)."""

    kind: str
    start: int
    end: int
    m: re.Match[str]
    sent: int = 0
    tense: Callable[[], Tense] = field(default=lambda: None)
    before: Callable[[], bool] = field(default=lambda: False)


@dataclass(slots=True)
class ResolveState:
    """What resolution needs: the publication date and the last date of the text so far."""

    published: dt.date | None
    last: TimeRef | None = None
    last_sent: int = -1


Resolved = tuple[str | None, str, str] | None

RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "year": 4}
IN_YEAR = frozenset({"day", "week", "month", "quarter", "season", "year"})
NEAR_SENTENCES = 2  # how far back "a year earlier" looks for the period it compares


def past_last(det: str | None) -> str:
    """A determiner in lower case, "this past" (Sunday, week, spring) read as "last"."""
    words = " ".join((det or "").lower().split())
    return "last" if words == "this past" else words


def iso(day: dt.date) -> str:
    """``2021-09-05``."""
    return day.isoformat()


def week(day: dt.date) -> str:
    """The ISO week of ``day``: ``2021-W35``."""
    cal = day.isocalendar()
    return f"{cal.year}-W{cal.week:02d}"


def month_value(year: int, month: int) -> str:
    """``2021-08``."""
    return f"{year:04d}-{month:02d}"


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """The (year, month) ``n`` months after ``year``-``month``."""
    idx = year * 12 + month - 1 + n
    return idx // 12, idx % 12 + 1


def add_to_day(day: dt.date, unit: str, n: int) -> dt.date:
    """``day`` moved by ``n`` units (a month or year later keeps the day, clipped to the
    month's length: 31 January plus a month is 28 or 29 February)."""
    if unit == "day":
        return day + dt.timedelta(days=n)
    if unit == "week":
        return day + dt.timedelta(weeks=n)
    months = n * {"month": 1, "quarter": 3}.get(unit, 12)
    year, month = add_months(day.year, day.month, months)
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(f"no day {day.day} in {year}-{month}")


def shifted(day: dt.date, unit: str, n: int) -> tuple[str, str]:
    """Value and precision of the ``unit`` that is ``n`` units from ``day``."""
    if unit == "day":
        return iso(day + dt.timedelta(days=n)), "day"
    if unit == "week":
        return week(day + dt.timedelta(weeks=n)), "week"
    if unit == "month":
        return month_value(*add_months(day.year, day.month, n)), "month"
    if unit == "quarter":
        y, m = add_months(day.year, day.month, 3 * n)
        return f"{y}-Q{(m - 1) // 3 + 1}", "quarter"
    return f"{day.year + n:04d}", "year"


def year_back(value: str, n: int) -> str:
    """``value`` ``n`` years earlier (``2021-Q3`` → ``2020-Q3``)."""
    return f"{int(value[:4]) - n:04d}{value[4:]}"


def ref_day(ref: TimeRef) -> dt.date | None:
    """The first day of the period a resolved reference stands for."""
    v = ref.value or ""
    if ref.precision in ("day", "week"):
        return dt.date.fromisoformat(v[:10] if ref.precision == "day" else v[:8])
    if ref.precision == "month":
        return dt.date(int(v[:4]), int(v[5:7]), 1)
    if ref.precision == "quarter":
        return dt.date(int(v[:4]), 3 * int(v[6]) - 2, 1)
    if ref.precision == "year":
        return dt.date(int(v[:4]), 1, 1)
    return None


def has_year(ref: TimeRef | None) -> bool:
    """Whether ``ref`` names one year or a period inside one."""
    return bool(ref and ref.value and ref.value[:4].isdigit() and ref.precision in IN_YEAR)


def reference(ctx: ResolveState, unit: str) -> tuple[dt.date, str] | None:
    """The day to count ``unit``s from: the previous date of the text when it is at least
    as fine as ``unit`` (else publication), and the anchor that implies."""
    last = ctx.last
    if last is not None and last.value and RANK.get(last.precision or "", 9) <= RANK[unit]:
        day = ref_day(last)
        if day is not None:
            return day, "relative"
    if ctx.published is not None:
        return ctx.published, "published"
    return None

"""What each kind of time expression means.

:func:`resolve` turns one accepted grammar match (see :mod:`fogline.extract.times.lexicon`)
into a TimeML value with its precision, given the publication
date, the previous date of the text and (lazily) the tense of the governing verb. No spaCy
here: :mod:`fogline.extract.times` finds and vets the candidates on the parse.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from fogline.extract.times.lexicon import Lexicon, Tense
from fogline.model import TimeRef


@dataclass(slots=True)
class Candidate:
    """One grammar match: its kind, extent, sentence start and the tense of its verb (lazy)."""

    kind: str
    start: int
    end: int
    m: re.Match[str]
    sent: int = 0
    tense: Callable[[], Tense] = field(default=lambda: None)


@dataclass(slots=True)
class ResolveState:
    """What resolution needs: the publication date and the last date of the text so far."""

    published: dt.date | None
    last: TimeRef | None = None
    last_sent: int = -1


def resolve(c: Candidate, lex: Lexicon, ctx: ResolveState) -> TimeRef | None:
    """Resolve one candidate into a TimeRef (None when it is not a date after all).

    Raises ValueError for impossible calendar dates ("February 30").
    """
    resolver = _RESOLVERS[c.kind]
    got = resolver(c, lex, ctx)
    if got is None:
        return None
    value, precision, anchor = got
    return TimeRef(
        text=c.m.group(0), start=c.start, end=c.end, value=value, precision=precision, anchor=anchor
    )


Resolved = tuple[str | None, str, str] | None


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _week(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    idx = year * 12 + month - 1 + n
    return idx // 12, idx % 12 + 1


# Months a month named without a year may lie from publication: news names a month
# without its year when it is within about a year; tense moves the window back or forward.
_WINDOWS = {"past": -9, "future": -2}


def _year_for(month: int, pub: dt.date, tense: Tense) -> int:
    """The year of a month named without one: the occurrence in the tense's window."""
    low = _WINDOWS.get(tense or "", -6)
    delta = (month - pub.month - low) % 12 + low  # in [low, low + 11]
    return pub.year + (pub.month - 1 + delta) // 12


def _res_iso(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    g = c.m.group
    return _iso(dt.date(int(g("year")), int(g("m")), int(g("d")))), "day", "absolute"


def _res_numeric(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    a, b, y = (int(x) for x in c.m.group("a", "b", "y"))
    year = y if y > 99 else (1900 + y if y > 30 else 2000 + y)
    month, day = (b, a) if a > 12 else (a, b)  # US month/day unless the first cannot be a month
    return _iso(dt.date(year, month, day)), "day", "absolute"


def _res_date(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    g = c.m.group
    month, day = lex.months[g("mon").lower()], int(g("day"))
    if not 1 <= day <= 31:
        return None
    if g("year"):
        return _iso(dt.date(int(g("year")), month, day)), "day", "absolute"
    if ctx.published is None:
        return None
    year = _year_for(month, ctx.published, c.tense())
    return _iso(dt.date(year, month, day)), "day", "published"


def _res_monthyear(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    return _month(int(c.m.group("year")), lex.months[c.m.group("mon").lower()]), "month", "absolute"


def _res_monthrel(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    if ctx.published is None:
        return None
    shift = {"this": 0, "last": -1, "next": 1}[c.m.group("det").lower()]
    month = lex.months[c.m.group("mon").lower()]
    return _month(ctx.published.year + shift, month), "month", "published"


def _res_holiday(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    pub = ctx.published
    if pub is None:
        return None
    month, rule = lex.holidays[re.sub(r"\s+", " ", c.m.group("h").lower())]
    det = (c.m.group("det") or "").lower()

    def on(year: int) -> dt.date:
        if isinstance(rule, int):
            return dt.date(year, month, rule)
        first = dt.date(year, month, 1)  # e.g. (3, 4): the 4th Thursday of the month
        weekday, nth = rule
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))

    if det == "last":
        year = pub.year if on(pub.year) < pub else pub.year - 1
    elif det == "next":
        year = pub.year if on(pub.year) > pub else pub.year + 1
    elif det == "this":
        year = pub.year
    else:
        year = _year_for(month, pub, c.tense())
    return _iso(on(year)), "day", "published"


def _res_month(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    pub = ctx.published
    if pub is None:
        return None
    month, mod = lex.months[c.m.group("mon").lower()], (c.m.group("mod") or "").lower()
    if mod == "last":
        year = pub.year if month < pub.month else pub.year - 1
    elif mod in ("next", "coming"):
        year = pub.year if month > pub.month else pub.year + 1
    elif mod == "this":
        year = pub.year
    elif mod == "that" and (ref := _ref_day(ctx.last) if _has_year(ctx.last) else None):
        return _month(ref.year, month), "month", "relative"  # "in 2022 ... that September"
    else:
        year = _year_for(month, pub, c.tense())
    return _month(year, month), "month", "published"


def _has_year(ref: TimeRef | None) -> bool:
    """Whether ``ref`` names one year or a period inside one."""
    return bool(ref and ref.value and ref.value[:4].isdigit() and ref.precision in _IN_YEAR)


def _res_weekday(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    pub = ctx.published
    if pub is None:
        return None
    target, mod = lex.weekdays[c.m.group("wd").lower()], (c.m.group("mod") or "").lower()
    back = (pub.weekday() - target) % 7  # days back to the latest such day, 0 = today
    ahead = (target - pub.weekday()) % 7
    if mod in ("previous", "following"):  # counted from the day named before
        ref = _reference(ctx, "day")
        if ref is None:
            return None
        base = ref[0]
        step = (base.weekday() - target) % 7 or 7
        if mod == "following":
            step = -((target - base.weekday()) % 7 or 7)
        return _iso(base - dt.timedelta(days=step)), "day", ref[1]
    if mod == "last":
        delta = -(back or 7)
    elif mod in ("next", "coming"):
        delta = ahead or 7
    elif mod == "this":
        delta = target - pub.weekday()
    else:
        tense = c.tense()
        if tense == "future" or (c.m.group("onset") and tense != "past"):
            delta = ahead  # "starting Monday", "from Friday": an onset is ahead unless told past
        elif tense == "present" or tense == "conditional":
            delta = -back if back <= ahead else ahead
        else:  # past, or no verb at all (headlines, captions): news reports what happened
            delta = -back
    return _iso(pub + dt.timedelta(days=delta)), "day", "published"


def _res_year(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    return c.m.group("year"), "year", "absolute"


def _res_decade(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    g = c.m.groupdict()
    if g.get("dec"):
        return g["dec"][:3], "decade", "absolute"
    if ctx.published is None:
        return None
    digit = int(g["short"][0]) if g.get("short") else lex.decade_words[g["w"].lower()]
    century = ctx.published.year // 100
    if century * 10 + digit > ctx.published.year // 10:  # "the nineties" written in 2021
        century -= 1
    return f"{century * 10 + digit}", "decade", "published"


def _res_century(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    n = int(c.m.group("n"))
    return (f"{n - 1:02d}", "century", "absolute") if 1 <= n <= 21 else None


def _res_deictic(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    if ctx.published is None:
        return None
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
    word = re.sub(r"\s+", " ", c.m.group("w").lower())
    delta = offsets.get(word, -2 if "yesterday" in word else 2)
    return _iso(ctx.published + dt.timedelta(days=delta)), "day", "published"


def _res_unit(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    pub = ctx.published
    if pub is None:
        return None
    det, unit = c.m.group("det").lower(), c.m.group("unit").lower()
    if det in ("last", "next") and re.search(r"\bthe\s+(?:last|next)", c.m.group(0), re.I):
        return None  # "the last year", "the next month" are durations
    n = {"this": 0, "current": 0, "last": -1, "next": 1, "coming": 1}[det]
    return _shifted(pub, unit, n) + ("published",)


def _shifted(day: dt.date, unit: str, n: int) -> tuple[str, str]:
    """Value and precision of the ``unit`` that is ``n`` units from ``day``."""
    if unit == "day":
        return _iso(day + dt.timedelta(days=n)), "day"
    if unit == "week":
        return _week(day + dt.timedelta(weeks=n)), "week"
    if unit == "month":
        return _month(*_add_months(day.year, day.month, n)), "month"
    if unit == "quarter":
        y, m = _add_months(day.year, day.month, 3 * n)
        return f"{y}-Q{(m - 1) // 3 + 1}", "quarter"
    return f"{day.year + n:04d}", "year"


def _res_weekend(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    pub = ctx.published
    if pub is None:
        return None
    det = c.m.group("det").lower()
    if det == "that":
        return None
    saturday = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)  # latest Saturday ≤ pub
    in_weekend = pub.weekday() >= 5
    tense = c.tense()
    if det == "last":
        saturday -= dt.timedelta(days=7 if in_weekend else 0)
    elif det == "next" or (
        not in_weekend and (tense == "future" or (det == "this" and tense != "past"))
    ):
        saturday += dt.timedelta(days=7)
    return _week(saturday) + "-WE", "week", "published"


def _count(word: str, lex: Lexicon) -> int | None:
    return int(word) if word.isdigit() else lex.numbers.get(word.lower())


def _res_ago(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    n, unit = _count(c.m.group("n"), lex), c.m.group("unit").lower()
    if ctx.published is None or n is None:
        return None
    last = ctx.last
    if (
        unit == "year"
        and n == 1
        and last
        and last.precision == "quarter"
        and c.sent - ctx.last_sent <= _NEAR_SENTENCES
    ) and last.value:  # "profit rose from a year ago": that quarter a year before
        return _year_back(last.value, 1), "quarter", "relative"
    return _shifted(ctx.published, unit, -n) + ("published",)


def _year_back(value: str, n: int) -> str:
    return f"{int(value[:4]) - n:04d}{value[4:]}"


_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "year": 4}
_IN_YEAR = frozenset({"day", "week", "month", "quarter", "season", "year"})
_NEAR_SENTENCES = 2  # how far back "a year earlier" looks for the period it compares


def _ref_day(ref: TimeRef) -> dt.date | None:
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


def _reference(ctx: ResolveState, unit: str) -> tuple[dt.date, str] | None:
    """The day to count ``unit``s from: the previous date of the text when it is at least
    as fine as ``unit`` (else publication), and the anchor that implies."""
    last = ctx.last
    if last is not None and last.value and _RANK.get(last.precision or "", 9) <= _RANK[unit]:
        day = _ref_day(last)
        if day is not None:
            return day, "relative"
    if ctx.published is not None:
        return ctx.published, "published"
    return None


def _res_shift(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    g = c.m.groupdict()
    unit, direction = g["unit"].lower(), g["dir"].lower()
    n = 1 if g.get("n") is None else _count(g["n"], lex)
    ref = _reference(ctx, unit)
    if n is None or ref is None:
        return None
    sign = -1 if direction in ("earlier", "previous") else 1
    last = ctx.last
    near = c.sent - ctx.last_sent <= _NEAR_SENTENCES
    if unit == "year" and last and last.value and last.precision == "quarter" and near:
        return _year_back(last.value, -sign * n), "quarter", "relative"  # "from $5 a year earlier"
    return _shifted(ref[0], unit, sign * n) + (ref[1],)


def _res_same(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    unit = c.m.group("unit").lower()
    ref = _reference(ctx, unit)
    if ref is None or ref[1] != "relative":  # "that day" needs a day named before
        return None
    return _shifted(ref[0], unit, 0) + ("relative",)


def _res_quarter(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    g = c.m.groupdict()
    pub, last = ctx.published, ctx.last
    last_q = last.value if last and last.precision == "quarter" and last.value else None
    if g.get("rel") is not None or "ord" not in g:
        rel = (g.get("rel") or "").lower()
        text = c.m.group(0).lower()
        if (g.get("unit") or "").lower() == "period" and not (last_q and rel):
            return None  # "the latest period" is a quarter only in a report on quarters
        if rel in ("year-ago", "year-earlier"):
            return (_year_back(last_q, 1), "quarter", "relative") if last_q else None
        if text.startswith("this") or rel == "current":
            return _shifted(pub, "quarter", 0) + ("published",) if pub else None
        if text.startswith("last") or rel in ("previous", "past"):
            return _shifted(pub, "quarter", -1) + ("published",) if pub else None
        if rel == "latest" and pub:  # the last quarter that has ended
            return _shifted(pub, "quarter", -1) + ("published",)
        if last_q:  # "the quarter": the one being reported on
            return last_q, "quarter", "relative"
        return _shifted(pub, "quarter", -1) + ("published",) if pub else None
    q = lex.ordinals[g["ord"].lower()]
    if g.get("year") or g.get("y1"):
        return f"{g.get('year') or g['y1']}-Q{q}", "quarter", "absolute"
    if pub is None:
        return None
    current = (pub.month - 1) // 3 + 1
    year = pub.year - (1 if g.get("ly") else 0) + (1 if g.get("ny") else 0)
    relative_year = g.get("ly") or g.get("ny") or c.m.group(0).lower().startswith("this")
    # reports speak of quarters that have begun; a later one is last year's unless ahead
    if not relative_year and q > current and c.tense() != "future":
        year -= 1
    if g.get("ya"):  # "the year-ago third quarter"
        year -= 1
    return f"{year}-Q{q}", "quarter", "published"


def _res_season(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    g = c.m.groupdict()
    code, start = lex.seasons[g["season"].lower()]
    if g.get("year"):
        return f"{g['year']}-{code}", "season", "absolute"
    pub = ctx.published
    if pub is None:
        return None
    det = (g.get("det") or "").lower()
    year = pub.year if pub.month >= start else pub.year - 1  # latest instance started ≤ pub
    current = (pub.month - start) % 12 < 3
    tense = c.tense()
    if det == "last" and current:
        year -= 1
    elif det == "next" or (
        not current and (tense == "future" or (det == "this" and tense != "past"))
    ):
        year += 1
    return f"{year}-{code}", "season", "published"


_RESOLVERS: dict[str, Callable[[Candidate, Lexicon, ResolveState], Resolved]] = {
    "iso": _res_iso,
    "numeric": _res_numeric,
    "date": _res_date,
    "monthyear": _res_monthyear,
    "monthrel": _res_monthrel,
    "holiday": _res_holiday,
    "month": _res_month,
    "weekday": _res_weekday,
    "decade": _res_decade,
    "century": _res_century,
    "year": _res_year,
    "deictic": _res_deictic,
    "unit": _res_unit,
    "weekend": _res_weekend,
    "ago": _res_ago,
    "shift": _res_shift,
    "same": _res_same,
    "quarter": _res_quarter,
    "season": _res_season,
}

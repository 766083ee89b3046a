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

from fogline.extract.times import daytime, forms, periods, relative
from fogline.extract.times.units import (
    Candidate,
    Resolved,
    ResolveState,
    has_year,
    iso,
    month_value,
    past_last,
    ref_day,
    reference,
    shifted,
    year_back,
)
from fogline.extract.times.words import Lexicon, Tense
from fogline.model import TimeRef

__all__ = ["Candidate", "ResolveState", "resolve"]


def resolve(c: Candidate, lex: Lexicon, ctx: ResolveState) -> TimeRef | None:
    """Resolve one candidate into a TimeRef (None when it is not a date after all).

    Raises ValueError for impossible calendar dates ("February 30").
    """
    resolver = _RESOLVERS[c.kind]
    got = resolver(c, lex, ctx)
    if got is None:
        return None
    value, precision, anchor = got
    if c.kind in ("weekday", "deictic"):  # "Tuesday morning", "late on Sunday", "tonight"
        value, precision = daytime.with_part(value, precision, c.m.groupdict())
    return TimeRef(
        text=c.m.string[c.start : c.end],
        start=c.start,
        end=c.end,
        value=value,
        precision=precision,
        anchor=anchor,
        type=periods.time_type(c.kind, value),
        freq=periods.freq(c.m, lex) if c.kind == "set" else None,
    )


# Months a month named without a year may lie from publication: news names a month
# without its year when it is within about a year; tense moves the window back or forward.
# A past tense read from a verb higher up allows two months ahead ("said the vote is set
# for March"); a month that the text puts before publication is the latest one up to it.
_WINDOWS = {"past": -9, "future": -2}
_BEFORE = -11
_RECENT_DAYS = 31  # a named day (lexicon ``named_days``) this close before publication is news


def _year_for(month: int, pub: dt.date, tense: Tense, *, before: bool = False) -> int:
    """The year of a month named without one: the occurrence in the tense's window."""
    low = _BEFORE if before else _WINDOWS.get(tense or "", -6)
    delta = (month - pub.month - low) % 12 + low  # in [low, low + 11]
    return pub.year + (pub.month - 1 + delta) // 12


def _res_iso(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    g = c.m.group
    return iso(dt.date(int(g("year")), int(g("m")), int(g("d")))), "day", "absolute"


def _res_numeric(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    a, b, y = (int(x) for x in c.m.group("a", "b", "y"))
    year = y if y > 99 else (1900 + y if y > 30 else 2000 + y)
    month, day = (b, a) if a > 12 else (a, b)  # US month/day unless the first cannot be a month
    return iso(dt.date(year, month, day)), "day", "absolute"


def _res_date(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    g = c.m.group
    month, day = lex.months[g("mon").lower()], int(g("day"))
    if not 1 <= day <= 31:
        return None
    if g("year"):
        return iso(dt.date(int(g("year")), month, day)), "day", "absolute"
    pub = ctx.published
    if pub is None:
        return None
    tense = c.tense()
    year = _year_for(month, pub, tense, before=c.before())
    named = lex.named_days.get((month, day))
    recent = 0 <= (pub - dt.date(year, month, day)).days <= _RECENT_DAYS
    if named and tense in ("past", None) and not recent:  # "we saw on September 11 ..."
        return iso(dt.date(named, month, day)), "day", "absolute"
    return iso(dt.date(year, month, day)), "day", "published"


def _res_monthyear(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    return (
        month_value(int(c.m.group("year")), lex.months[c.m.group("mon").lower()]),
        "month",
        "absolute",
    )


def _res_monthrel(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    if ctx.published is None:
        return None
    shift = {"this": 0, "last": -1, "next": 1}[c.m.group("det").lower()]
    month = lex.months[c.m.group("mon").lower()]
    return month_value(ctx.published.year + shift, month), "month", "published"


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
    return iso(on(year)), "day", "published"


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
    elif mod == "that" and (ref := ref_day(ctx.last) if has_year(ctx.last) else None):
        return month_value(ref.year, month), "month", "relative"  # "in 2022 ... that September"
    else:
        year = _year_for(month, pub, c.tense(), before=c.before())
    return month_value(year, month), "month", "published"


def _res_weekday(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    pub = ctx.published
    if pub is None:
        return None
    target, mod = lex.weekdays[c.m.group("wd").lower()], past_last(c.m.group("mod"))
    back = (pub.weekday() - target) % 7  # days back to the latest such day, 0 = today
    ahead = (target - pub.weekday()) % 7
    if mod in ("previous", "following"):  # counted from the day named before
        ref = reference(ctx, "day")
        if ref is None:
            return None
        base = ref[0]
        step = (base.weekday() - target) % 7 or 7
        if mod == "following":
            step = -((target - base.weekday()) % 7 or 7)
        return iso(base - dt.timedelta(days=step)), "day", ref[1]
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
    return iso(pub + dt.timedelta(days=delta)), "day", "published"


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
            return (year_back(last_q, 1), "quarter", "relative") if last_q else None
        if text.startswith("this") or rel == "current":
            return shifted(pub, "quarter", 0) + ("published",) if pub else None
        if text.startswith("last") or rel in ("previous", "past"):
            return shifted(pub, "quarter", -1) + ("published",) if pub else None
        if rel == "latest" and pub:  # the last quarter that has ended
            return shifted(pub, "quarter", -1) + ("published",)
        if last_q:  # "the quarter": the one being reported on
            return last_q, "quarter", "relative"
        return shifted(pub, "quarter", -1) + ("published",) if pub else None
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
    det = past_last(g.get("det"))
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
    "deictic": relative.res_deictic,
    "unit": relative.res_unit,
    "weekend": relative.res_weekend,
    "ago": relative.res_ago,
    "shift": relative.res_shift,
    "same": relative.res_same,
    "quarter": _res_quarter,
    "season": _res_season,
    "partof": forms.res_partof,
    "fiscal": forms.res_fiscal,
    "spelled": forms.res_spelled,
    "duration": periods.res_duration,
    "set": periods.res_set,
    "clock": daytime.res_clock,
    "daypart": daytime.res_daypart,
}

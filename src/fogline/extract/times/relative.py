"""Relative time expressions: counted from publication or from the previous date of the text.

"today", "last night", "this month", "last weekend", "two weeks ago", "a year ago this
month", "a day earlier", "that day". A hedged count ("about a month earlier", "nearly two
weeks ago") is not a calendar unit but a point about that far away: it resolves to the day
it counts to, not to the week or month that day lies in.
"""

from __future__ import annotations

import datetime as dt
import re

from fogline.extract.times.units import (
    NEAR_SENTENCES,
    Candidate,
    Resolved,
    ResolveState,
    add_to_day,
    iso,
    past_last,
    reference,
    shifted,
    week,
    year_back,
)
from fogline.extract.times.words import Lexicon

_HEDGED_UNITS = frozenset({"week", "month"})  # a hedged day is a day; a hedged year stays one


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower())


def res_deictic(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    """ "today", "tonight", "last night", "this morning", "the day before yesterday"."""
    if ctx.published is None:
        return None
    word = _words(c.m.group("w"))
    delta = lex.deictic.get(word, -2 if "yesterday" in word else 2)
    return iso(ctx.published + dt.timedelta(days=delta)), "day", "published"


def res_unit(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    """ "this week", "last month", "next year"."""
    pub = ctx.published
    if pub is None:
        return None
    det, unit = past_last(c.m.group("det")), c.m.group("unit").lower()
    if det in ("last", "next") and re.search(r"\bthe\s+(?:last|next)", c.m.group(0), re.I):
        return None  # "the last year", "the next month" are durations
    n = {"this": 0, "current": 0, "last": -1, "next": 1, "coming": 1}[det]
    return shifted(pub, unit, n) + ("published",)


def res_weekend(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    """ "this weekend", "last weekend", "the weekend" (by tense)."""
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
    return week(saturday) + "-WE", "week", "published"


def _count(word: str, lex: Lexicon) -> int | None:
    return int(word) if word.isdigit() else lex.numbers.get(word.lower())


def res_ago(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    """ "two weeks ago"; "a year ago this month" (that month a year back); "nearly two weeks
    ago" (the day about two weeks back)."""
    g = c.m.groupdict()
    n, unit = _count(g["n"], lex), g["unit"].lower()
    pub, last = ctx.published, ctx.last
    if pub is None or n is None:
        return None
    if unit == "decade":  # "a decade ago": that year
        n, unit = n * 10, "year"
    if (
        unit == "year"
        and n == 1
        and last
        and last.precision == "quarter"
        and c.sent - ctx.last_sent <= NEAR_SENTENCES
    ) and last.value:  # "profit rose from a year ago": that quarter a year before
        return year_back(last.value, 1), "quarter", "relative"
    if g.get("aunit") or g.get("aday"):  # "a year ago this month", "a year ago today"
        back = add_to_day(pub, unit, -n)
        if g.get("aday"):
            return iso(back + dt.timedelta(days=lex.deictic[g["aday"].lower()])), "day", "published"
        return shifted(back, g["aunit"].lower(), -1 if g["adet"].lower() == "last" else 0) + (
            "published",
        )
    if g.get("hedge") and unit in _HEDGED_UNITS:
        return iso(add_to_day(pub, unit, -n)), "day", "published"
    return shifted(pub, unit, -n) + ("published",)


def res_shift(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    """ "a day earlier", "two years later", "the following week", "about a month earlier"."""
    g = c.m.groupdict()
    unit, direction = g["unit"].lower(), g["dir"].lower()
    n = 1 if g.get("n") is None else _count(g["n"], lex)
    decade = unit == "decade"
    if decade and n is not None:
        n, unit = n * 10, "year"
    ref = reference(ctx, unit)
    if n is None or ref is None or (decade and ref[1] != "relative"):
        return None  # "returned a decade later" counts from a date the text gives, or none
    sign = -1 if direction in ("earlier", "previous") else 1
    last = ctx.last
    near = c.sent - ctx.last_sent <= NEAR_SENTENCES
    if unit == "year" and last and last.value and last.precision == "quarter" and near:
        return year_back(last.value, -sign * n), "quarter", "relative"  # "from $5 a year earlier"
    from_day = ref[1] == "published" or (last is not None and last.precision == "day")
    if g.get("hedge") and unit in _HEDGED_UNITS and from_day:
        return iso(add_to_day(ref[0], unit, sign * n)), "day", ref[1]
    return shifted(ref[0], unit, sign * n) + (ref[1],)


def res_same(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    """ "that day", "the same week": the previous date of the text."""
    unit = c.m.group("unit").lower()
    ref = reference(ctx, unit)
    if ref is None or ref[1] != "relative":  # "that day" needs a day named before
        return None
    return shifted(ref[0], unit, 0) + ("relative",)

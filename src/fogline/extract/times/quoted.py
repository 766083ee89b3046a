"""Words such as "today" inside a quotation count from the day the speaker spoke.

A quotation is dated by its attribution when that names a day next to it ("...yesterday,"
the army said on Thursday; Kirby said Monday: "...today"). Without one, a past-tense
"today" in a quote that follows the narration of a recent day ("Monday's attack. 'We
conducted an operation today,' said ...") is that day: the speaker spoke on the day of what
he reports, the text was published later. Otherwise the publication date stands.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from collections.abc import Callable

from fogline.extract.text import QuoteSpan
from fogline.extract.times.units import NEAR_SENTENCES, Candidate, iso
from fogline.model import TimeRef

_NEAR_CHARS = 120  # how far from its quotation marks an attribution's day may be
_RECENT_DAYS = 6  # a narrated day at most this far before publication can be the speaker's
_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")
_DATED_KINDS = frozenset({"weekday", "date"})

Pair = tuple[Candidate, TimeRef]


def reanchor_quoted(
    text: str,
    pairs: list[Pair],
    published: dt.date | None,
    quote_spans: Callable[[], list[QuoteSpan]],
) -> list[TimeRef]:
    """The refs of ``pairs`` with deictic words inside quotations counted from the day
    their speaker spoke, when the text says or implies it (see the module docstring).
    ``quote_spans`` gives the quoted segments (asked only when a deictic word needs them)."""
    refs = [r for _, r in pairs]
    deictic = [i for i, (c, r) in enumerate(pairs) if c.kind == "deictic" and r.value]
    if published is None or not deictic:
        return refs
    spans = quote_spans()
    if not spans:
        return refs
    starts = [q.start for q in spans]

    def quote_of(offset: int) -> QuoteSpan | None:
        k = bisect.bisect_right(starts, offset) - 1
        return spans[k] if k >= 0 and offset < spans[k].end else None

    dated = [(c, r) for c, r in pairs if _is_day(c, r) and quote_of(r.start) is None]
    for i in deictic:
        c, r = pairs[i]
        q = quote_of(r.start)
        if q is None:
            continue
        day = _attributed_day(text, q, dated) or _narrated_day(c, q, dated, published)
        if day is not None and day != published and r.value:
            date, part = r.value[:10], r.value[10:]  # "2024-03-04TMO": the day and its part
            moved = dt.date.fromisoformat(date) + (day - published)
            refs[i] = dataclasses.replace(r, value=iso(moved) + part, anchor="relative")
    return refs


def _is_day(c: Candidate, r: TimeRef) -> bool:
    date = r.as_date()
    return c.kind in _DATED_KINDS and date is not None and date[1] == "day"


def _day_of(r: TimeRef) -> dt.date:
    return dt.date.fromisoformat((r.as_date() or ("",))[0])


def _attributed_day(text: str, q: QuoteSpan, dated: list[Pair]) -> dt.date | None:
    """A day named in the attribution right after or right before the quotation."""
    after = q.close
    for _, r in dated:
        near = after is not None and 0 <= r.start - after <= _NEAR_CHARS
        if near and not _SENTENCE_BREAK.search(text, (after or 0) + 1, r.start):
            return _day_of(r)
    for _, r in reversed(dated):
        if 0 <= q.open - r.end <= _NEAR_CHARS and not _SENTENCE_BREAK.search(text, r.end, q.open):
            return _day_of(r)
    return None


def _narrated_day(
    c: Candidate, q: QuoteSpan, dated: list[Pair], published: dt.date
) -> dt.date | None:
    """The recent day narrated just before a quotation whose "today" is in the past tense."""
    g = c.m.groupdict()
    if (g.get("w") or "").lower() != "today" or g.get("mod") or c.tense() != "past":
        return None
    before = [(d, r) for d, r in dated if r.end <= q.open]
    if not before:
        return None
    d, r = before[-1]
    day = _day_of(r)
    if c.sent - d.sent > NEAR_SENTENCES or not 1 <= (published - day).days <= _RECENT_DAYS:
        return None
    return day

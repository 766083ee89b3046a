"""Times of day: "10 p.m." ``T22:00``, "at dawn" ``TMO``, "Tuesday morning", "tonight".

The values (TimeML TIME) and the day each is put on: a day written right after a clock time
joins it ("10 p.m. Wednesday"), else the day the text names before it in its sentence or just
before, else after it in its sentence; without one the day is unknown (``XXXX-XX-XXT22:00``).
Vocabulary in ``data/times/periods.yaml`` (:func:`fogline.extract.times.periods.load_periods`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from fogline.extract.times.periods import UNKNOWN_DAY, load_periods
from fogline.extract.times.units import Candidate, Resolved, ResolveState
from fogline.model import TimeRef

if TYPE_CHECKING:
    from fogline.extract.times.words import Lexicon

_BEFORE_CLOCK = re.compile(r"\s*,?\s*(?:on\s+)?$")  # "10 p.m. Wednesday", "noon, Thursday"


def res_clock(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    """ "10 p.m." T22:00, "10:35 a.m." T10:35, "1400 GMT" T14:00, "noon" T12:00 (day later)."""
    p = load_periods()
    g = c.m.groupdict()
    if g.get("cw"):
        return f"{UNKNOWN_DAY}T{p.clock_words[g['cw'].lower()]}", "hour", "relative"
    hour = int(g["h"])
    ampm = (g.get("ampm") or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    minute = g.get("min")
    value = f"{UNKNOWN_DAY}T{hour:02d}:{minute or '00'}"
    return value, "minute" if minute and minute != "00" else "hour", "relative"


def res_daypart(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    """ "at dawn" TMO, "in the evening" TEV, "overnight" TNI, "the next morning" (the day
    after the previous date of the text)."""
    p = load_periods()
    g = c.m.groupdict()
    part = re.sub(r"\s+", " ", g["part"].lower())
    code = p.day_parts.get(part) or p.day_parts[part.replace("mid", "mid-", 1)]
    rel = (g.get("rel") or "").lower()
    if rel:
        last = ctx.last
        if last is None or last.precision != "day" or not last.value:
            return None
        shift = {"next": 1, "following": 1, "previous": -1}.get(rel, 0)
        day = _day_plus(last.value, shift)
        return f"{day}T{code}", "daypart", "relative"
    return f"{UNKNOWN_DAY}T{code}", "daypart", "relative"


def part_code(g: dict[str, str | None]) -> str | None:
    """The TimeML code of the part of the day a weekday or a word such as "today" comes with:
    "Tuesday morning" MO, "late on Sunday" NI, "early Monday" MO, "tonight" NI."""
    p = load_periods()
    if g.get("part"):
        return p.day_parts[(g["part"] or "").lower()]
    w = " ".join((g.get("w") or "").lower().split())
    if w in p.raw["deictic_parts"]:
        return str(p.raw["deictic_parts"][w])
    edge = (g.get("edge") or g.get("mod") or "").lower()
    return p.day_edges.get(edge)


def with_part(
    value: str | None, precision: str, g: dict[str, str | None]
) -> tuple[str | None, str]:
    """A day's value and precision with the part of the day ``g`` names, if any."""
    code = part_code(g)
    if code is None or value is None or precision != "day":
        return value, precision
    return f"{value}T{code}", "daypart"


def _day_plus(value: str, days: int) -> str:
    return (dt.date.fromisoformat(value[:10]) + dt.timedelta(days=days)).isoformat()


def attach_days(
    text: str, pairs: list[tuple[Candidate, TimeRef]]
) -> list[tuple[Candidate, TimeRef]]:
    """Put each time of day without a day on the day the text gives it: a day written right
    after it joins it ("10 p.m. Wednesday"); else the day named before it in its sentence or
    just before; else after it in its sentence ("at dawn on Sunday")."""
    out: list[tuple[Candidate, TimeRef]] = []
    skip: set[int] = set()
    for i, (c, r) in enumerate(pairs):
        if i in skip:
            continue
        if not (r.value or "").startswith(UNKNOWN_DAY) or r.type != "TIME":
            out.append((c, r))
            continue
        tail = r.value[len(UNKNOWN_DAY) :] if r.value else ""
        nxt = pairs[i + 1] if i + 1 < len(pairs) else None
        if (
            nxt
            and _is_day(nxt[1])
            and nxt[0].sent == c.sent
            and _BEFORE_CLOCK.fullmatch(text[r.end : nxt[1].start])
        ):
            day = (nxt[1].value or "")[:10]
            merged = replace(r, text=text[r.start : nxt[1].end], end=nxt[1].end, value=day + tail)
            out.append((replace(c, end=nxt[1].end), replace(merged, anchor=nxt[1].anchor)))
            skip.add(i + 1)
            continue
        counted = (
            nxt is not None and nxt[1].type == "DURATION" and not text[r.end : nxt[1].start].strip()
        )
        day_ref = None if counted else _near_day(c, pairs, i)  # "6 a.m. ten days before": unknown
        if day_ref is not None:
            r = replace(r, value=(day_ref.value or "")[:10] + tail)
        out.append((c, r))
    return out


def _is_day(r: TimeRef) -> bool:
    """A day of the calendar, or a time of day on a known day ("this morning")."""
    date = r.as_date()
    return date is not None and date[1] == "day" and r.type in ("DATE", "TIME")


def _near_day(c: Candidate, pairs: list[tuple[Candidate, TimeRef]], i: int) -> TimeRef | None:
    """The day named before ``pairs[i]`` in its sentence or the one before, else after it in
    its sentence."""
    for d, r in reversed(pairs[:i]):
        if c.sent - d.sent > 1:
            break
        if _is_day(r):
            return r
        if r.type == "DATE" and d.sent != c.sent:
            break  # a coarser date named in between
    for d, r in pairs[i + 1 :]:
        if d.sent != c.sent:
            break
        if _is_day(r):
            return r
    return None

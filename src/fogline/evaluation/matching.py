"""The lenient matching of ``shared/eval/FORMAT.md``, rule for rule as ``score_gold.py`` does it.

Everything here works on the output contract as plain JSON values (``Analysis.as_dict()``),
the same view the external scorer has, so that ``fogline eval`` and that scorer agree.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

_WS = re.compile(r"\s+")

Actors = Mapping[Any, Mapping[str, Any]]


def norm(s: str | None) -> str:
    """``s`` lower-cased, whitespace runs (no-break spaces too) as one space; "" for None."""
    return _WS.sub(" ", (s or "").replace("\u00a0", " ")).strip().lower()


def text_matches(gold: str | None, predicted: str | None) -> bool:
    """Gold inside predicted, or predicted inside gold covering at least half of it."""
    g, p = norm(gold), norm(predicted)
    if not g or not p:
        return False
    return g in p or (p in g and len(p) * 2 >= len(g))


def names_of(obj: Mapping[str, Any] | str | None, actors: Actors) -> set[str]:
    """Every name a predicted speaker, source, actor or place goes by (normalised).

    Its ``name`` and ``affiliation``, and the name and aliases of the actor its
    ``actor_id`` points to; a plain string is its own only name.
    """
    if obj is None:
        return set()
    if isinstance(obj, str):
        return {norm(obj)}
    out = {norm(obj.get(k)) for k in ("name", "affiliation") if obj.get(k)}
    actor = actors.get(obj.get("actor_id"))
    if actor:
        out.add(norm(actor.get("name")))
        out.update(norm(a) for a in actor.get("aliases") or [])
    return {n for n in out if n}


def name_matches(candidates: Iterable[str], names: Iterable[str | None]) -> bool:
    """A gold name equals a predicted name or its last word, or its own last word is the name.

    The last rule ("Abu Bakr al-Baghdadi" ~ "al-Baghdadi") needs a name of four letters or more.
    """
    normed = [norm(n) for n in names]
    for gold in candidates:
        g = norm(gold)
        for n in normed:
            if g == n or n.split(" ")[-1] == g or (g.split(" ")[-1] == n and len(n) > 3):
                return True
    return False


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def date_matches(gold: str, predicted: Mapping[str, Any] | str | None, tolerance: int = 0) -> bool:
    """A predicted date (or record with ``value``) equals ``gold``, or is within ``tolerance`` days.

    Without a tolerance a day-precise gold also accepts a longer value on that day
    ("2021-09-05T10:00").
    """
    value = predicted.get("value") if isinstance(predicted, Mapping) else predicted
    if not value:
        return False
    value = str(value)
    if tolerance:
        try:
            days = (dt.date.fromisoformat(gold) - dt.date.fromisoformat(value[:10])).days
        except ValueError:
            return False
        return abs(days) <= tolerance
    return value == gold or (len(gold) == 10 and value[:10] == gold)

"""More calendar dates: parts of the running unit, fiscal years, year-end, years in words.

"the end of the month", "earlier in the year", "the end of next month" (the month or year
they fall in: that of the previous date of the text when it is as fine and in the same
sentence, else of publication), "year-end" and "year's end" (that year), "the current fiscal
year", "fiscal year 2022", "FY2023" (the year a fiscal year is named after),
"nineteen ninety-six" and "the year two thousand" (broadcast transcripts). Words in
``data/times/periods.yaml`` (``tens``, ``digits``, ``teens``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from fogline.extract.times.periods import load_periods
from fogline.extract.times.units import (
    Candidate,
    Resolved,
    ResolveState,
    reference,
    shifted,
)

if TYPE_CHECKING:
    from fogline.extract.times.words import Lexicon

_SHIFTS = {"this": 0, "current": 0, "the current": 0, "last": -1, "previous": -1, "next": 1}
_SHIFTS |= {"coming": 1}


def _alt(words: Any) -> str:
    return "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))


def specs(lex_raw: dict[str, Any]) -> list[tuple[str, ...]]:
    """Patterns of the forms above (kinds ``partof``, ``fiscal``, ``spelled``)."""
    raw = load_periods().raw
    parts = r"the\s+(?:end|beginning|start|middle|rest|remainder)\s+of"
    det = r"(?P<det>this|next|last|the\s+current)"
    tens, digits, teens = _alt(raw["tens"]), _alt(raw["digits"]), _alt(raw["teens"])
    return [
        (
            "partof",
            rf"\b(?:{parts}|(?P<pre>earlier|later)\s+in)\s+the\s+(?P<unit>week|month|year)\b",
        ),
        ("partof", rf"\b{parts}\s+{det}\s+(?P<unit>week|month|year)\b"),
        ("partof", r"\b(?:(?:the\s+)?year[-\s]end|year['’]s\s+end)(?P<unit>)(?![\w-])"),
        (
            "fiscal",
            r"\b(?:the\s+)?(?P<det>current|this|last|next|previous|coming)\s+fiscal\s+year\b",
        ),
        ("fiscal", r"\b(?:fiscal\s+year|FY)\s*(?P<year>(?:19|20)\d\d)\b"),
        ("fiscal", r"\bFY\s*['’]?(?P<yy>\d\d)\b"),
        (
            "spelled",
            rf"\b(?:(?P<mon>{_alt(lex_raw['months'])})\s+|(?:the\s+)?(?P<season>"
            rf"{_alt(lex_raw['seasons'])})\s+of\s+)?nineteen[\s-](?:(?P<tens>{tens})"
            rf"(?:[\s-](?P<d>{digits}))?|(?P<teen>{teens}))\b",
            r"\bnineteen\b",
        ),
        ("spelled", rf"\bthe\s+year\s+two\s+thousand(?:\s+and)?(?:\s+(?P<d2>{digits}))?\b"),
    ]


def res_partof(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    """ "the end of the month": the month of the previous date as fine, else of publication;
    "the end of next month": next month from publication; "year-end": that year."""
    g = c.m.groupdict()
    unit = (g.get("unit") or "year").lower()
    if g.get("det"):
        if ctx.published is None:
            return None
        n = _SHIFTS[" ".join(g["det"].lower().split())]
        return shifted(ctx.published, unit, n) + ("published",)
    same = c.sent == ctx.last_sent  # "in 2019 ... by the end of the year": that year
    ref = reference(ctx if same else ResolveState(ctx.published), unit)
    if ref is None:
        return None
    return shifted(ref[0], unit, 0) + (ref[1],)


def res_fiscal(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    """ "the current fiscal year" (the publication year), "fiscal year 2022", "FY23"."""
    g = c.m.groupdict()
    if g.get("year"):
        return g["year"], "year", "absolute"
    if g.get("yy"):
        return f"20{g['yy']}", "year", "absolute"
    if ctx.published is None:
        return None
    return f"{ctx.published.year + _SHIFTS[g['det'].lower()]}", "year", "published"


def res_spelled(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    """ "nineteen ninety-six" 1996, "nineteen eighteen" 1918, "the year two thousand" 2000."""
    raw = load_periods().raw
    g = c.m.groupdict()
    digits = {str(w): i + 1 for i, w in enumerate(raw["digits"])}
    if g.get("teen"):
        year = f"19{10 + list(raw['teens']).index(g['teen'].lower()):02d}"
    elif g.get("tens"):
        tens = 2 + list(raw["tens"]).index(g["tens"].lower())
        year = f"19{tens}{digits[g['d'].lower()] if g.get('d') else 0}"
    else:
        year = f"200{digits[g['d2'].lower()] if g.get('d2') else 0}"
    if g.get("mon"):  # "January nineteen ninety-seven"
        return f"{year}-{lex.months[g['mon'].lower()]:02d}", "month", "absolute"
    if g.get("season"):  # "the winter of nineteen ninety-four"
        return f"{year}-{lex.seasons[g['season'].lower()][0]}", "season", "absolute"
    return year, "year", "absolute"

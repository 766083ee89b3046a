"""The time lexicon and grammar: vocabulary from ``data/times/lexicon.yaml`` and the
patterns compiled from it, loaded on first use and cached."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from fogline.data import load_yaml
from fogline.extract.times import forms, periods
from fogline.extract.times.words import Lexicon, Tense

__all__ = ["Lexicon", "Tense", "load_lexicon"]


_WORD_SETS = (  # lower-case word sets of lexicon.yaml read by the parse checks, one field each
    "deadline_words",
    "not_deictic_after",
    "age_possessives",
    "past_auxiliaries",
    "conditional_modals",
    "present_auxiliaries",
)


def _holiday(spec: str, weekdays: dict[str, int]) -> tuple[int, int | tuple[int, int]]:
    """ "12-25" → (12, 25); "11-thu-4" (4th Thursday of November) → (11, (3, 4));
    ``weekdays``: weekday names and abbreviations → 0 (Monday) .. 6."""
    parts = spec.split("-")
    if len(parts) == 2:
        return int(parts[0]), int(parts[1])
    return int(parts[0]), (weekdays[parts[1]], int(parts[2]))


def _day_key(spec: str) -> tuple[int, int]:
    """ "09-11" → (9, 11)."""
    month, day = spec.split("-")
    return int(month), int(day)


def _alt(words: object) -> str:
    return "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))


def _phrases(words: object) -> str:
    """Alternation of lexicon phrases, any run of spaces between their words."""
    return _alt(words).replace("\\ ", r"\s+")


def _count(raw: dict) -> str:
    """A count: one or two digits or a count word ("two", "several") of the lexicon."""
    return "|".join([r"\d{1,2}", *(re.escape(str(w)) for w in raw["count_words"])])


def _relative_specs(raw: dict) -> list[tuple[str, ...]]:
    """Patterns of expressions counted from publication or from the previous date."""
    num = _count(raw)
    units = r"(?P<unit>day|week|month|year|decade)s?"
    hedge = rf"(?:(?P<hedge>{_phrases(raw['approximate_words'])})\s+|(?:just|only)\s+)?"
    return [
        (
            "deictic",
            rf"\b(?:(?P<mod>early|late)\s+)?(?P<w>{_phrases(raw['deictic'])})\b"
            rf"(?:\s+(?P<part>{_alt(raw['day_parts'])})\b)?",
        ),
        ("deictic", r"\bthe\s+day\s+(?P<w>before\s+yesterday|after\s+tomorrow)\b"),
        (
            "unit",
            r"\b(?:(?P<pre>earlier|later|early|late)\s+)?(?:the\s+)?"
            r"(?P<det>this\s+past|this|last|next|coming|current)\s+(?P<unit>week|month|year|quarter)\b",
        ),
        ("weekend", r"\b(?P<det>this|last|next|the|that)\s+weekend\b"),
        (
            "ago",  # "a year ago this month": that month a year back
            rf"\b{hedge}(?P<n>{num})\s+{units}\s+ago\b"
            r"(?:\s+(?:(?P<adet>this|last)\s+(?P<aunit>week|month)|(?P<aday>today|yesterday))\b)?",
            r"\bago\b",
        ),
        (
            "shift",
            rf"\b{hedge}(?P<n>{num})\s+{units}\s+(?P<dir>earlier|later)\b",
            r"\b(?:earlier|later)\b",
        ),
        ("shift", r"\bthe\s+(?P<dir>previous|following|next)\s+(?P<unit>day|week|month|year)\b"),
        (
            "same",
            r"\b(?:(?:earlier|later)\s+)?(?:that|the\s+same)\s+(?:same\s+)?(?P<unit>day|week|month|year)\b",
        ),
    ]


@functools.cache
def load_lexicon() -> Lexicon:
    """Load the lexicon and compile the grammar once."""
    raw = load_yaml("times/lexicon.yaml")
    months = {f: i + 1 for i, names in enumerate(raw["months"].values()) for f in names}
    weekdays = {f: i for i, names in enumerate(raw["weekdays"].values()) for f in names}
    mon = rf"(?P<mon>{_alt(months)})\.?"
    mon_full = rf"(?P<mon>{_alt(raw['months'])})"
    wd_full = rf"(?P<wd>{_alt(raw['weekdays'])})"
    wd_any = rf"(?:(?P<wdx>{_alt(weekdays)})\.?,?\s+)"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>1[5-9]\d\d|20\d\d)"
    ordinal = _alt(raw["ordinals"])
    seasons = _alt(raw["seasons"])
    decade_words = _alt(raw["decade_words"])
    parts = _alt(raw["day_parts"])
    # "the end of", "the last seven days of": a part of the month or year that follows
    part = (
        rf"(?:the\s+)?(?:{_phrases(raw['period_parts'])}|(?:first|last|final|closing|opening)"
        rf"\s+(?:(?:{_count(raw)})\s+)?(?:days?|weeks?))\s+of\s+"
    )
    holidays = _alt(raw["holidays"]).replace("\\ ", r"\s+")
    end = r"(?![\w-])"
    specs = [
        *periods.specs(raw),  # first: "the last year" is a length of time, not last year
        ("iso", rf"\b{year}-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
        ("numeric", r"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d\d)\b"),
        ("date", rf"\b{wd_any}?(?:the\s+)?{day}(?:\s+of)?\s+{mon}(?:,?\s+{year})?{end}"),
        ("date", rf"\b{wd_any}?{mon}\s+{day}(?:,?\s+{year})?{end}"),
        ("monthyear", rf"\b(?:(?P<mod>early|mid|late)[\s-]+)?{mon},?\s+(?:of\s+)?{year}\b"),
        ("monthrel", rf"\b{mon_full}\s+(?:of\s+)?(?P<det>this|last|next)\s+year\b"),
        ("holiday", rf"\b(?:(?P<det>last|this|next)\s+)?(?P<h>{holidays}){end}"),
        (
            "month",
            rf"\b(?:(?P<part>{part})|(?P<mod>early|mid|late|last|next|this|coming|that)[\s-]+)?"
            rf"{mon_full}{end}",
        ),
        (
            "weekday",
            rf"\b(?:(?P<onset>{_alt(raw['onset_words'])})\s+)?(?:(?P<edge>early|late)\s+on\s+)?"
            rf"(?:(?:the\s+)?(?P<mod>last|this\s+past|next|this|coming|previous|following|early|late)\s+)?"
            rf"{wd_full}{end}"
            rf"(?:\s+(?P<part>{parts}))?",
        ),
        ("decade", r"\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<dec>1[5-9]\d0|20\d0)'?s\b"),
        (
            "decade",
            rf"\bthe\s+(?:(?:early|mid|late)[\s-]+)?(?:'(?P<short>\d0)s|(?P<w>{decade_words}))\b",
        ),
        (
            "century",
            r"\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]century\b",
        ),
        (
            "year",  # years before 1500 only where the parse calls them dates ("Act of 1351")
            rf"(?:\b(?P<part>{part})|\b(?P<mod>fiscal|early|mid|late)[\s-]+)?"
            rf"\b(?P<year>1[5-9]\d\d|20\d\d|(?P<old>1[0-4]\d\d))(?![\w'’]|-\d|/\d|,\d)",
        ),
        *_relative_specs(raw),
        *forms.specs(raw),
        (
            "quarter",
            rf"\b(?:(?:the|this\s+year's|(?P<ly>last\s+year's)|(?P<ny>next\s+year's))\s+)?"
            rf"(?:(?P<ya>year-ago|year-earlier)\s+)?(?:(?P<y1>1[5-9]\d\d|20\d\d)\s+)?(?:fiscal\s+)?"
            rf"(?P<ord>{ordinal})[\s-]+quarter\b(?:\s+of\s+(?:fiscal\s+)?{year})?",
        ),
        (
            "quarter",
            r"\b(?:the|this|last)\s+(?P<rel>latest|current|previous|past|year-ago|year-earlier)?\s*"
            r"(?P<unit>quarter|period)\b",
        ),
        (
            "season",
            rf"\b(?:(?P<det>last|this\s+past|this|next|the|early|late)\s+)?(?P<season>{seasons})\b"
            rf"(?:\s+(?:of\s+)?{year})?",
        ),
    ]
    return Lexicon(
        months=months,
        month_full=frozenset(raw["months"]),
        weekdays=weekdays,
        weekday_full=frozenset(raw["weekdays"]),
        numbers={str(k): int(v) for k, v in raw["numbers"].items()},
        ordinals={str(k): int(v) for k, v in raw["ordinals"].items()},
        decade_words={str(k): int(v) for k, v in raw["decade_words"].items()},
        seasons={k: (str(v[0]), int(v[1])) for k, v in raw["seasons"].items()},
        ambiguous_months=frozenset(raw["ambiguous_months"]),
        preps=frozenset(raw["temporal_prepositions"]),
        future_heads=frozenset(raw["future_heads"]),
        future_modals=frozenset(raw["future_modals"]),
        future_verbs=frozenset(raw["future_verbs"]),
        **{key: frozenset(str(w) for w in raw[key]) for key in _WORD_SETS},
        holidays={k: _holiday(v, weekdays) for k, v in raw["holidays"].items()},
        deictic={" ".join(str(k).split()): int(v) for k, v in raw["deictic"].items()},
        named_days={_day_key(str(k)): int(v) for k, v in raw["named_days"].items()},
        patterns=tuple((s[0], re.compile(s[1], re.IGNORECASE)) for s in specs),
        triggers=tuple(re.compile(s[2], re.IGNORECASE) if len(s) > 2 else None for s in specs),
    )


_LEFT, _RIGHT = 100, 40  # how far a match may reach before and after its trigger


def matches(
    rx: re.Pattern[str], trigger: re.Pattern[str] | None, text: str
) -> Iterator[re.Match[str]]:
    """The matches of ``rx`` in ``text``; with a ``trigger``, ``rx`` only runs around the
    trigger's matches (a long pattern tried at every word costs more than finding its one
    required word), each match covering one, in text order, not overlapping."""
    if trigger is None:
        yield from rx.finditer(text)
        return
    done = -1
    for hit in trigger.finditer(text):
        if hit.start() < done:
            continue
        window = rx.finditer(text, max(0, hit.start() - _LEFT), min(len(text), hit.end() + _RIGHT))
        for m in window:
            if m.start() >= done and m.start() <= hit.start() and m.end() >= hit.end():
                yield m
                done = m.end()
                break

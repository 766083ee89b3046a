"""Lengths of time and recurrences (TimeML DURATION and SET), and the patterns of times of day.

Vocabulary from ``data/times/periods.yaml``. :func:`specs` gives the grammar's patterns
(kinds ``duration``, ``set``, and ``clock``, ``daypart`` resolved in
:mod:`fogline.extract.times.daytime`), :func:`res_duration` and :func:`res_set` the values:
"three days" ``P3D``, "24 hours" ``PT24H``, "a decade" ``P10Y``, "several weeks" ``PXW``,
"every week" ``P1W``, "twice a month" ``P1M`` (frequency ``2X``, :func:`freq`). :func:`vet`
reads the parse: "a decade later" and "a 30-year-old" are no durations, "$5 a year" is a
rate, "high noon" no time.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fogline.data import load_yaml
from fogline.extract.times.units import Candidate, Resolved, ResolveState

if TYPE_CHECKING:
    from spacy.tokens import Span

    from fogline.extract.times.words import Lexicon

UNKNOWN_DAY = "XXXX-XX-XX"
_RATE_BEFORE = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})
_CLOCK_PREPS = frozenset(
    {"at", "by", "around", "about", "until", "till", "from", "before", "after"}
)
_DETS = frozenset({"the", "a", "an", "its", "their", "his", "her", "all", "this", "that"})
_WORD = re.compile(r"[\w'’]+")


@dataclass(frozen=True, slots=True)
class Periods:
    """The vocabulary of ``periods.yaml``, keyed by lower-case words."""

    units: dict[str, tuple[str, int, bool, str]]  # word → (TimeML unit, times, clock, singular)
    precision: dict[str, str]
    numbers: dict[str, int]
    vague: frozenset[str]
    anchored: frozenset[str]
    not_after: frozenset[str]
    set_adverbs: dict[str, str]
    frequencies: dict[str, int]
    day_parts: dict[str, str]
    day_edges: dict[str, str]
    clock_words: dict[str, str]
    raw: dict[str, Any]


@functools.cache
def load_periods() -> Periods:
    """``periods.yaml`` with the number words of ``lexicon.yaml``."""
    raw = load_yaml("times/periods.yaml")
    lex = load_yaml("times/lexicon.yaml")
    units: dict[str, tuple[str, int, bool, str]] = {}
    for word, spec in raw["units"].items():
        entry = (str(spec["unit"]), int(spec["times"]), bool(spec.get("clock")), str(word))
        units[str(word)] = units[str(spec["plural"])] = entry
    numbers = {str(k): int(v) for k, v in lex["numbers"].items()}
    numbers |= {str(k): int(v) for k, v in raw["counts"].items()}
    return Periods(
        units=units,
        precision={str(k): str(v) for k, v in raw["unit_precision"].items()},
        numbers=numbers,
        vague=frozenset(" ".join(str(w).split()) for w in raw["vague_counts"]),
        anchored=frozenset(raw["anchored_before"]) | frozenset(raw["anchored_after"]),
        not_after=frozenset(str(w) for w in raw["not_duration_after"]),
        set_adverbs={str(k): str(v) for k, v in raw["set_adverbs"].items()},
        frequencies={str(k): int(v) for k, v in raw["frequencies"].items()},
        day_parts={str(k): str(v) for k, v in raw["day_parts"].items()},
        day_edges={str(k): str(v) for k, v in raw["day_edges"].items()},
        clock_words={str(k): str(v) for k, v in raw["clock_words"].items()},
        raw=raw,
    )


def _alt(words: Any) -> str:
    escaped = (re.escape(str(w)).replace("\\ ", r"\s+") for w in words)
    return "|".join(sorted(escaped, key=len, reverse=True))


def specs(lex_raw: dict[str, Any]) -> list[tuple[str, ...]]:
    """The patterns of durations, sets and times of day (``lex_raw``: ``lexicon.yaml``)."""
    p = load_periods()
    return [*_duration_specs(p), *_set_specs(p, lex_raw), *_daytime_specs(p)]


_END = r"(?![\w-])"


def _units(p: Periods) -> tuple[str, str]:
    """Alternations of the singular and of the plural unit words."""
    plural = _alt(spec["plural"] for spec in p.raw["units"].values())
    return _alt(p.raw["units"]), plural


def _count(p: Periods) -> str:
    """A count before a unit: a figure ("24", "5 1/2"), words ("twenty-four", "a couple
    of"), or a vague count in group ``vague``; "and a half" may follow."""
    raw = p.raw
    tens = rf"(?:{_alt(raw['tens'])})[\s-](?:{_alt(raw['digits'])})"
    words = _alt([w for w in p.numbers if w not in ("couple",)])
    return (
        rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?(?:\s+1/2)?|{tens}|a\s+couple\s+of|{words}"
        rf"|(?P<vague>{_alt(p.vague)}))(?:\s+and\s+a\s+half)?"
    )


def _duration_specs(p: Periods) -> list[tuple[str, ...]]:
    singular, plural = _units(p)
    hedge = rf"(?:(?!over\s+the\b)(?P<hedge>{_alt(p.raw['hedges'])})\s+)?"  # not "over the"
    anc = _alt(sorted(p.anchored | {"first", "final"}))
    extra = rf"(?:\s+(?:{_alt(p.raw['unit_modifiers'])}))?"
    return [
        (
            "duration",
            rf"\b{hedge}(?:(?P<the>the)\s+)?(?:(?P<anc>{anc})\s+)?(?P<n>{_count(p)}){extra}[\s-]+"
            rf"(?P<unit>{singular}|{plural})(?P<half>\s+and\s+a\s+half)?(?:-long)?(?:\s+or\s+so)?{_END}",
            rf"\b(?:{singular}|{plural}){_END}",
        ),
        (
            "duration",
            rf"\bthe\s+(?P<anc>past|last)\s+(?P<unit>week|month|year|decade|century){_END}",
        ),
        (
            "duration",
            rf"\b(?P<t>(?:the\s+)?(?P<anc>recent|coming|past|last|next|previous)\s+"
            rf"(?:(?P<vague>few|several|many|couple\s+of)\s+)?(?P<unit>{plural})){_END}",
            r"\b(?:recent|coming|past|last|next|previous)\b",
        ),
        (
            "duration",
            rf"\b(?:for|over\s+the|in|within)\s+(?P<t>(?:(?P<vague>many|several|few)\s+)?"
            rf"(?P<unit>{plural})){_END}",
        ),
        ("duration", rf"\b(?P<t>the\s+(?P<unit>{plural})\s+(?P<ahead>ahead)){_END}"),
        ("duration", rf"\b(?P<unit>{singular}|{plural})-long{_END}", r"-long\b"),  # "day-long"
    ]


def _set_specs(p: Periods, lex_raw: dict[str, Any]) -> list[tuple[str, ...]]:
    singular, plural = _units(p)
    weekdays, months = _alt(lex_raw["weekdays"]), _alt(lex_raw["months"])
    parts = _alt(w for w in p.day_parts if " " not in w and "-" not in w)
    words = _alt([w for w in p.numbers if w not in ("couple",)])
    return [
        ("set", rf"\b(?P<adv>{_alt(p.set_adverbs)}){_END}"),
        (
            "set",
            rf"\b(?P<det>every|each)\s+(?:(?P<other>other)\s+)?(?:(?P<n>{_count(p)})\s+)?"
            rf"(?P<unit>{singular}|{plural}){_END}",
        ),
        (
            "set",
            rf"\b(?P<det>every|each)\s+(?:(?P<wd>{weekdays})|(?P<mon>{months})|(?P<part>{parts})){_END}",
        ),
        ("set", rf"\b(?P<wds>{weekdays})s(?:\s+(?P<part>{parts})s?)?{_END}"),
        ("set", rf"\b(?P<wds>{weekdays})\s+(?P<part>{parts})s{_END}"),  # "Tuesday nights"
        (
            "set",
            rf"\b(?:(?P<freq>{_alt(p.frequencies)})|(?P<fn>\d{{1,2}}|{words})\s+times)\s+"
            rf"(?:a|an|per|each|every)\s+(?P<unit>{singular}){_END}",
            r"\b(?:times|once|twice|thrice)\b",
        ),
        ("set", rf"\bper\s+(?P<unit>{singular}){_END}"),
    ]


def _daytime_specs(p: Periods) -> list[tuple[str, ...]]:
    parts = _alt(w for w in p.day_parts if " " not in w and "-" not in w)
    zones = _alt(p.raw["time_zones"])
    return [
        (
            "clock",
            rf"\b(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<min>[0-5]\d))?\s?(?P<ampm>[ap]\.m\.|[ap]\.?m\b)"
            rf"(?:\s+(?P<tz>{zones})\b)?",
        ),
        ("clock", rf"\b(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)(?:\s+(?P<tz>{zones}|hours|hrs)\b)?"),
        ("clock", rf"\b(?P<h>[01]\d|2[0-3])(?P<min>[0-5]\d)\s+(?P<tz>{zones}|hours|hrs)\b"),
        ("clock", rf"\b(?:12\s+)?(?P<cw>{_alt(p.clock_words)}){_END}"),
        (
            "daypart",
            rf"\b(?:at|by|before|after|until|till|around|from|since|near|toward|towards)\s+"
            rf"(?P<t>(?P<part>dawn|daybreak|dusk|nightfall|sunrise|sunset|first\s+light)){_END}",
            r"\b(?:dawn|daybreak|dusk|nightfall|sunrise|sunset|light)\b",
        ),
        (
            "daypart",
            rf"\b(?:in|during|on|through|throughout)\s+(?P<t>the\s+(?:(?P<edge>early|late)\s+)?"
            rf"(?P<part>morning|afternoon|evening|night)(?:\s+hours)?){_END}",
            r"\b(?:morning|afternoon|evening|night)\b",
        ),
        ("daypart", rf"\b(?P<t>(?P<part>mid-?morning|mid-?afternoon|overnight)){_END}"),
        (
            "daypart",
            rf"\b(?P<t>(?:the\s+)?(?P<rel>next|following|previous|same|that)\s+(?P<part>{parts})){_END}",
            rf"\b(?:{parts}){_END}",
        ),
    ]


def vet(kind: str, m: re.Match[str], span: Span, periods: Periods | None = None) -> str | None:
    """The kind the parse gives a period match (a rate "a year" after money is a set), or
    None when it is none: a count of a later point, an age, a fraction, a name."""
    p = periods or load_periods()
    g = m.groupdict()
    after = _WORD.findall(m.string[m.end() : m.end() + 30].lower())
    nxt = after[0] if after else ""
    if kind == "duration":
        if nxt in p.not_after or " ".join(after[:2]) in p.not_after:
            return None
        unit = p.units[g["unit"].lower()][3]
        n = (g.get("n") or "").lower()
        if unit == "second" and n in ("a", "an", "one"):
            return None  # "a second attack"
        if unit == "quarter" and (n in ("a", "an", "one") or after[:2] and after[1] in _DETS):
            return None  # "a quarter of the population", "three quarters of the vote"
        if g["unit"][0].isupper():
            return None  # "60 Minutes", a title
        if not n and nxt == "of" and not g.get("ahead"):
            return None  # "the last days of the siege", "for years of service"
        prev = span.doc[span.start - 1] if span.start > 0 else None
        rate = prev is not None and (
            prev.like_num
            or prev.ent_type_ in _RATE_BEFORE
            or prev.text in ("%", "times")
            or (prev.tag_ in ("NN", "NNS") and span[-1].dep_ == "npadvmod")  # "20 people a day"
        )
        if n in ("a", "an") and rate and not g.get("hedge"):
            return "set"  # "$5 billion a year", "three times a day"
        return kind
    if kind == "set" and g.get("adv"):
        tok = span[0]
        if not g["adv"].islower() or tok.dep_ in ("amod", "compound") or tok.head.pos_ == "PROPN":
            return None  # "the Daily Telegraph", "a quarterly dividend": what, not how often
    if kind == "set" and g.get("wds") and not g["wds"][0].isupper():
        return None
    if kind == "clock" and g.get("h") and not g.get("ampm") and not g.get("tz"):
        prev = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        return kind if prev in _CLOCK_PREPS else None  # "a 3:30 ratio" is no time
    if kind == "clock" and g.get("cw"):
        prev = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        return None if prev == "high" else kind  # "high noon" is a showdown
    if kind == "daypart" and nxt == "of":
        return None  # "the morning of the attack": the day follows
    return kind


def _number(word: str, p: Periods) -> float | None:
    """The number a count word or figure stands for (None: vague)."""
    w = " ".join(word.lower().replace("-", " ").split())
    if w in ("a couple of", "couple of"):
        return 2
    if not w or w in p.vague:
        return None
    half = w.endswith((" 1/2", " and a half"))
    w = w.removesuffix(" 1/2").removesuffix(" and a half")
    if w.replace(",", "").replace(".", "", 1).isdigit():
        value = float(w.replace(",", ""))
    elif " " in w and all(x in p.numbers for x in w.split()):
        value = float(sum(p.numbers[x] for x in w.split()))  # "twenty four"
    elif w in p.numbers:
        value = float(p.numbers[w])
    else:
        return None
    return value + 0.5 if half else value


def _length(n: float | None, word: str, p: Periods) -> str:
    """The TimeML value of ``n`` units (``PXW`` when ``n`` is None)."""
    unit, times, clock, singular = p.units[word.lower()]
    lead = "PT" if clock else "P"
    if n is None:
        return lead + "X" + {"decade": "DE", "century": "CE", "quarter": "Q"}.get(singular, unit)
    if singular == "quarter":
        n, unit = n * 3, "M"
    n *= times
    whole = int(n)
    if n == whole:
        return f"{lead}{whole}{unit}"
    if n - whole == 0.5:  # "two and a half years" P2Y6M, "5 1/2 hours" PT5H30M
        half = {"Y": "6M", "D": "T12H", "H": "30M", "M": "30S" if clock else ""}.get(unit)
        if half:
            return f"{lead}{whole}{unit}{half}"
    return f"{lead}{n:g}{unit}"


def res_duration(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    """ "three days" P3D, "the past two weeks" P2W, "for years" PXY, "a decade" P10Y."""
    p = load_periods()
    g = c.m.groupdict()
    word = g["unit"].lower()
    plural = word != p.units[word][3]
    n_text = g.get("n") or ("" if g.get("vague") or g.get("t") or plural else "one")
    n = _number(n_text, p) if n_text else None
    if g.get("vague") and (g["vague"].lower().startswith("couple")):
        n = 2
    if g.get("half") and n is not None:
        n += 0.5
    anchored = (g.get("anc") or "").lower() in p.anchored or bool(g.get("ahead"))
    precision = p.precision[p.units[word][3]]
    return _length(n, word, p), precision, "published" if anchored else "absolute"


def res_set(c: Candidate, lex: Lexicon, ctx: ResolveState) -> Resolved:
    """ "daily" P1D, "every two weeks" P2W, "each Thursday" XXXX-WXX-4, "twice a month" P1M."""
    p = load_periods()
    g = c.m.groupdict()
    if g.get("adv"):
        value = p.set_adverbs[g["adv"].lower()]
        grain = {"H": "hour", "D": "day", "W": "week", "M": "month", "Y": "year"}[value[-1]]
        return value, grain, "absolute"
    wd = g.get("wd") or g.get("wds")
    if wd:
        value = f"XXXX-WXX-{lex.weekdays[wd.lower()] + 1}"
        if g.get("part"):
            value += "T" + p.day_parts[g["part"].lower().rstrip("s")]
        return value, "day", "absolute"
    if g.get("mon"):
        return f"XXXX-{lex.months[g['mon'].lower()]:02d}", "month", "absolute"
    if g.get("part"):
        return f"{UNKNOWN_DAY}T{p.day_parts[g['part'].lower()]}", "daypart", "absolute"
    word = g["unit"].lower()
    n: float | None = 1.0
    if g.get("n"):
        n = _number(g["n"], p)
    if g.get("other"):
        n = 2.0
    return _length(n, word, p), p.precision[p.units[word][3]], "absolute"


def freq(m: re.Match[str], lex: Lexicon) -> str | None:
    """The TimeML frequency of a set match: "twice a month" 2X, "three times a year" 3X."""
    g = m.groupdict()
    p = load_periods()
    if g.get("freq"):
        return f"{p.frequencies[g['freq'].lower()]}X"
    if g.get("fn"):
        k = _number(g["fn"], p)
        return f"{int(k)}X" if k else None
    return None


def time_type(kind: str, value: str | None) -> str:
    """The TimeML type of a resolved expression."""
    if kind == "duration":
        return "DURATION"
    if kind == "set":
        return "SET"
    if value and re.match(r"^[\dX]{4}-[\dX]{2}-[\dX]{2}T", value):
        return "TIME"
    return "DATE"

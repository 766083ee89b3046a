"""Typed records of the output contract (``../shared/DESIGN.md``), JSON in and out.

Every record that points into an article carries ``start``/``end`` character
offsets into :attr:`Document.text` (the cleaned text) and, through the
:class:`Analysis` that holds it, the id of its document. ``text`` (or ``name``
for places) is always ``document.text[start:end]``.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, get_args, get_type_hints

ParagraphKind = Literal["body", "caption", "highlight", "boilerplate"]
Precision = Literal[
    "day",
    "week",
    "month",
    "season",
    "quarter",
    "year",
    "decade",
    "century",
    "minute",
    "hour",
    "daypart",
]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
"""TimeML TIMEX3 types: a calendar date, a time of day, a length of time, a recurrence."""
ActorKind = Literal["person", "group", "state", "organisation", "media", "unknown"]
Stance = Literal["asserts", "denies", "hedges", "unconfirmed"]
"""``unconfirmed``: the source says it cannot confirm, has no information on, or has seen no
evidence for the proposition: neither an assertion nor a denial."""
Certainty = Literal["asserted", "claimed", "reported", "hedged", "denied", "planned"]

MAX_ID_CHARS = 255
"""Longest document id, the same in every store, reader and API route."""
MAX_SOURCE_CHARS = 255
"""Longest outlet name (``Document.source``)."""

PARAGRAPH_KINDS: tuple[str, ...] = get_args(ParagraphKind)
PRECISIONS: tuple[str, ...] = get_args(Precision)

T = TypeVar("T", bound="Record")


class Record:
    """Mixin: ``as_dict()`` / ``from_dict()`` for the dataclasses below."""

    def as_dict(self) -> dict[str, Any]:
        """The record as plain JSON values, nested records as dicts."""
        return dataclasses.asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        """A record from :meth:`as_dict` output, nested records too; unknown keys ignored."""
        kwargs: dict[str, Any] = {}
        for name, hint in _field_hints(cls):
            if name in data:
                kwargs[name] = _coerce(hint, data[name])
        return cls(**kwargs)


@functools.cache
def _field_hints(cls: type) -> tuple[tuple[str, Any], ...]:
    """(field name, resolved type hint) of a record class: resolved once per class, since
    ``get_type_hints`` evaluates every annotation anew (most of the time of reading a stored
    analysis)."""
    hints = get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def _coerce(hint: Any, value: Any) -> Any:
    """Rebuild nested records from plain JSON values, following the type hint."""
    if value is None:
        return None
    args = get_args(hint)
    origin = getattr(hint, "__origin__", None)
    if isinstance(hint, type) and issubclass(hint, Record):
        return hint.from_dict(value)
    if origin is list and args:
        return [_coerce(args[0], v) for v in value]
    for arg in args:  # Optional[X] and other unions: take the first record type
        if isinstance(arg, type) and issubclass(arg, Record) and isinstance(value, dict):
            return arg.from_dict(value)
    return value


@dataclass(frozen=True, slots=True)
class Document(Record):
    """One cleaned article. Offsets of every other record point into ``text``."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = "en"
    url: str | None = None
    author: str | None = None
    content_hash: str | None = None


@dataclass(frozen=True, slots=True)
class Paragraph(Record):
    """A paragraph of the cleaned text and what kind of text it is."""

    index: int
    kind: ParagraphKind
    start: int
    end: int
    cue: str | None = None  # the cue that decided a non-body kind, for review


@dataclass(frozen=True, slots=True)
class Mention(Record):
    """A span of the text where an actor is named."""

    start: int
    end: int
    text: str = ""


@dataclass(frozen=True, slots=True)
class Actor(Record):
    """A person or organisation, merged over its mentions in one document."""

    id: str
    name: str
    kind: ActorKind = "unknown"
    affiliation: str | None = None
    role: str | None = None
    code: str | None = None  # CAMEO/PLOVER-style actor code, e.g. AFGREB
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SpanRef(Record):
    """A span of the text: a quote's cue or an event's trigger."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Speaker(Record):
    """Who a quote is attributed to; the span is the mention the attribution rests on."""

    name: str
    start: int
    end: int
    actor_id: str | None = None
    affiliation: str | None = None
    role: str | None = None
    affiliation_id: str | None = None  # the actor the affiliation names, when it is one


@dataclass(frozen=True, slots=True)
class Quote(Record):
    """A direct quotation or a piece of indirect speech."""

    text: str
    start: int
    end: int
    direct: bool = True
    cue: SpanRef | None = None
    speaker: Speaker | None = None
    channel: str | None = None
    date: str | None = None
    paragraph_kind: ParagraphKind = "body"


@dataclass(frozen=True, slots=True)
class Source(Record):
    """Who makes a claim: a name, with the actor id and affiliation when known."""

    name: str
    actor_id: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True, slots=True)
class Claim(Record):
    """A proposition some source asserts, denies, hedges or cannot confirm: never a bare fact."""

    predicate: str
    text: str
    start: int
    end: int
    source: Source
    stance: Stance = "asserts"
    subject: str | None = None
    object: str | None = None
    place: str | None = None
    date: str | None = None
    paragraph_kind: ParagraphKind = "body"
    denies_claim: int | None = None  # index of the claim a denial answers


@dataclass(frozen=True, slots=True)
class ActorRef(Record):
    """An event's actor or target: a name, with the actor id and affiliation when known."""

    name: str
    actor_id: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceRef(Record):
    """Where an event happened: a place name, with its point and country when resolved."""

    name: str
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    inferred: bool = False  # True when no phrase ties the event to it: the document's focus


@dataclass(frozen=True, slots=True)
class DateRef(Record):
    """When an event happened: a date, its precision, and whether it is the publication date."""

    value: str
    precision: Precision = "day"
    inferred: bool = False  # True when taken from the publication date


@dataclass(frozen=True, slots=True)
class Event(Record):
    """Something reported to have happened (or to be planned), with its evidence."""

    type: str
    text: str
    start: int
    end: int
    mode: str | None = None
    acled_type: str | None = None
    acled_subtype: str | None = None
    actor: ActorRef | None = None
    target: ActorRef | None = None
    place: PlaceRef | None = None
    date: DateRef | None = None
    certainty: Certainty = "asserted"
    reported_by: list[str] = field(default_factory=list)
    fatalities: int | None = None
    trigger: SpanRef | None = None  # the verb or noun that names the event
    # every mention of this one real-world event (the record's own span is the most
    # informative one); roles are merged from all of them
    mentions: list[SpanRef] = field(default_factory=list)
    # a vague count of the dead, as read: "dozens: 24 or more" (``fatalities`` is the bound)
    fatalities_note: str | None = None
    # the party to the fighting that gives the count, when nobody else does
    fatalities_claimed_by: str | None = None
    # the event dates from well before the report ("a year ago", "in 2013"): history, not
    # the current situation
    background: bool = False


@dataclass(frozen=True, slots=True)
class Place(Record):
    """A toponym mention, geocoded against the offline gazetteer when possible.

    ``name`` is the text as written; ``resolved_name`` is the gazetteer's name.
    """

    name: str
    start: int
    end: int
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    feature: str | None = None
    admin1: str | None = None
    gazetteer_id: str | None = None
    resolved_name: str | None = None
    score: float | None = None


@dataclass(frozen=True, slots=True)
class TimeRef(Record):
    """A date or time expression resolved against the publication date.

    ``type`` is the TimeML type: ``DATE`` (``2021-09-05``, ``2021-W36``), ``TIME`` (a time of
    day: ``2021-09-05T22:00``, ``2021-09-05TMO``), ``DURATION`` (``P3D``, ``PXW``) or ``SET``
    (``P1W`` for "every week"; ``freq`` gives "twice a month" as ``2X``). ``precision`` is the
    grain of the value: for a duration or set, its unit.
    """

    text: str
    start: int
    end: int
    value: str | None
    precision: Precision | None = "day"
    anchor: Literal["absolute", "published", "relative"] = "published"
    type: TimeType = "DATE"
    freq: str | None = None

    def as_date(self) -> tuple[str, Precision] | None:
        """(value, precision) of the calendar date this names, for records that date things:
        a DATE as it is, a TIME its day; None for a duration, a set or an unresolved time."""
        if not self.value or self.type in ("DURATION", "SET") or not self.value[:1].isdigit():
            return None
        if self.type == "TIME":
            day = self.value.partition("T")[0]
            return (day, "day") if len(day) == 10 and day[:4].isdigit() else None
        return self.value, self.precision or "day"


@dataclass(frozen=True, slots=True)
class Analysis(Record):
    """Everything fogline extracts from one document."""

    document: Document
    paragraphs: list[Paragraph] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def to_json(self, *, indent: int | None = None) -> str:
        """The analysis as JSON (see :meth:`as_dict`), non-ASCII characters as they are."""
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, text: str) -> Analysis:
        """An analysis from the JSON of :meth:`to_json`."""
        return cls.from_dict(json.loads(text))

    def spans(self) -> list[tuple[str, int, int, str]]:
        """Every (record kind, start, end, claimed text) pair, for span checks."""
        out: list[tuple[str, int, int, str]] = []
        for p in self.places:
            out.append(("place", p.start, p.end, p.name))
        for t in self.times:
            out.append(("time", t.start, t.end, t.text))
        for q in self.quotes:
            out.append(("quote", q.start, q.end, q.text))
            if q.cue:
                out.append(("quote.cue", q.cue.start, q.cue.end, q.cue.text))
        for c in self.claims:
            out.append(("claim", c.start, c.end, c.text))
        for e in self.events:
            out.append(("event", e.start, e.end, e.text))
            if e.trigger:
                out.append(("event.trigger", e.trigger.start, e.trigger.end, e.trigger.text))
        for a in self.actors:
            for m in a.mentions:
                if m.text:
                    out.append(("actor.mention", m.start, m.end, m.text))
        return out

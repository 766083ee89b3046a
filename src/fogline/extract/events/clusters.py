"""Event mentions grouped into real-world events.

A 700-word report names one airstrike five times: "a U.S. airstrike", "the strike", "the
operation", "hit the convoy", "killed six". Each mention is coded on its own; this step
groups them the way a human coder (ACLED: one event per type, actors, place and day) would,
and merges their roles into one record that lists every mention.

Two mentions are of one event when their types are of one family (``type_families`` in
``cues.yaml``: a strike and the killing it caused), their certainty is of one kind (a denied
or a planned event is never merged with a reported one), and nothing they say conflicts: no
two different named actors or targets, places or dates. Compatible mentions are linked when
the later one refers back ("the attack", "this operation"), when they share a named actor or
target, a stated place and date, or when the later one names no role at all and follows in
the same paragraph.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Doc, Token

from fogline.extract.context import DocContext
from fogline.extract.events.lexicon import EventLexicon
from fogline.model import ActorRef, DateRef, Event, PlaceRef, SpanRef

REFERRING_DETS = frozenset({"the", "this", "that", "its", "their"})
CERTAINTY_KINDS = {"denied": "denied", "planned": "planned"}  # every other value: "report"
SAME_MOMENT = frozenset({"when", "as", "while"})  # "killed when a drone fired on the car"
SUMMARY_KINDS = frozenset({"highlight", "caption"})  # paragraphs that retell the body
RESULT_DEPS = frozenset({"advcl", "acl", "relcl", "xcomp"})  # "hit a car, killing four"
RECENT_DAYS = 31  # an inferred date (the report's) is "now": within a month
SAME_POINT = 0.01  # degrees: two names of one resolved place
CERTAINTY_ORDER = ("asserted", "reported", "claimed", "hedged", "denied", "planned")


@dataclass
class Cluster:
    """Mentions of one event, in text order, with where the last one is."""

    mentions: list[Event] = field(default_factory=list)
    sentence: int = 0  # index of the last mention's sentence
    paragraph: int = 0  # ordinal of the last mention's paragraph
    closed: bool = False  # a plural mention ("airstrikes") names many events: nothing joins
    summary: bool = True  # every mention so far is in a highlight or a caption
    lemmas: set[str] = field(default_factory=set)  # the trigger lemmas of its mentions
    verbs: dict[int, int] = field(default_factory=dict)  # its verb mentions: token → sentence


def cluster_events(
    events: Sequence[Event],
    doc: Doc,
    ctx: DocContext,
    lex: EventLexicon,
    *,
    is_country: Callable[[PlaceRef], bool] = lambda ref: False,
) -> list[Event]:
    """One event per group of mentions, in the order of each event's first mention.
    ``is_country`` tells a country from a place inside it (a strike "in Somalia" and one
    "near Barawe" may be one)."""
    private = (lex.words("class:civilian") | lex.words("private_nouns")) - lex.words("state_agents")
    weapons = frozenset(words[0] for words, _, _ in lex.instruments if len(words) == 1)
    rules = (type_families(lex), is_country, frozenset(lex.nouns) | weapons, private)
    sentences = {s.start: n for n, s in enumerate(doc.sents)}
    paragraphs = {p.start: n for n, p in enumerate(ctx.paragraphs)}
    clusters: list[Cluster] = []
    for event in events:
        head = _trigger_token(event, doc)
        para = ctx.paragraph_at(event.start)
        where = (
            sentences.get(head.sent.start, 0) if head is not None else 0,
            paragraphs.get(para.start, 0) if para is not None else 0,
        )
        plural = head is not None and head.tag_ in ("NNS", "NNPS")
        summary = ctx.paragraph_kind_at(event.start) in SUMMARY_KINDS
        target = None if plural else _link(event, head, clusters, rules, where)
        if target is None and not plural and head is not None:
            target = _retold(event, head, clusters, rules, summary)
        if target is None:
            target = Cluster(closed=plural)
            clusters.append(target)
        target.mentions.append(event)
        target.summary = target.summary and summary
        if head is not None:
            target.lemmas.add(head.lemma_.lower())
        target.sentence, target.paragraph = where
        if head is not None and head.pos_ == "VERB":
            target.verbs[head.i] = where[0]
    weapon_modes = frozenset(mode for _, mode, _ in lex.instruments)
    return [merge(c.mentions, weapon_modes) for c in clusters]


def type_families(lex: EventLexicon) -> dict[str, str]:
    """PLOVER type → the first type of its family (``type_families`` in ``cues.yaml``)."""
    out: dict[str, str] = {}
    for group in lex.cues.get("type_families", []):
        for plover in group:
            out[plover] = group[0]
    return out


# type families, is_country, event and weapon nouns, nouns of private persons
Rules = tuple[dict[str, str], Callable[[PlaceRef], bool], frozenset[str], frozenset[str]]


def _link(
    event: Event,
    head: Token | None,
    clusters: list[Cluster],
    rules: Rules,
    where: tuple[int, int],
) -> Cluster | None:
    """The latest open cluster the mention belongs to, or None: a new event.

    Linked: a referring noun ("the strike", or a verb whose subject is "the drone") to the
    latest compatible event; a mention sharing two anchors (named actor, named target, stated
    place, stated date) with an event anywhere; one sharing one anchor within the next
    paragraph; one naming no role and no setting of its own within the next sentence. Two
    verbs of one sentence are two acts unless one tells the other's result."""
    bare = event.actor is None and event.target is None and _no_own_setting(event)
    refers = head is not None and (
        _refers_back(head)
        or any(  # "the strike killed four", "killed in the attack", "the drone struck"
            _refers_back(c, rules[2])
            or (c.dep_ == "prep" and any(_refers_back(p, rules[2]) for p in c.children))
            for c in head.children
            if c.dep_ in ("nsubj", "nsubjpass", "prep", "agent")
        )
    )
    verb = head is not None and head.pos_ == "VERB"
    for cluster in reversed(clusters):
        if cluster.closed or (verb and _other_act(head, cluster, where[0])):  # type: ignore[arg-type]
            continue
        if not all(_compatible(event, m, rules) for m in cluster.mentions):
            continue
        shared = _anchors(event, cluster)
        if (
            refers
            or (verb and _tells_result(head, cluster))  # type: ignore[arg-type]
            or shared >= 2
            or (shared == 1 and where[1] - cluster.paragraph <= 1)
            or (bare and where[0] - cluster.sentence <= 1)
        ):
            return cluster
    return None


def _other_act(verb: Token, cluster: Cluster, sentence: int) -> bool:
    """Is ``verb`` a second act of a sentence where the event already has a verb ("attacked
    the town and burned the market"), not a clause telling its result ("hit a car,
    killing four")?"""
    return any(
        sent == sentence and not _attached(verb, verb.doc[i]) for i, sent in cluster.verbs.items()
    )


def _tells_result(verb: Token, cluster: Cluster) -> bool:
    """Is ``verb`` attached to a verb of the event as its result or purpose clause?"""
    return any(_attached(verb, verb.doc[i]) for i in cluster.verbs)


def _attached(a: Token, b: Token) -> bool:
    """Is one verb a participle or relative clause on the other ("hit a car, killing four";
    not a purpose, "travel to Baidoa to meet")?"""
    return _result_clause(a, b) or _result_clause(b, a)


def _result_clause(dep: Token, head: Token) -> bool:
    """A participle or relative clause on ``head`` ("killing four"), or a clause of the same
    moment ("killed when a drone fired")."""
    if dep.head.i != head.i:
        return False
    if (
        dep.dep_ == "conj"
        and dep.tag_ == "VBN"
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in dep.children)
    ):  # "was ambushed and killed by X": one act told by two participles of one subject
        return any(c.dep_ == "nsubjpass" for c in head.children)
    if dep.dep_ not in RESULT_DEPS:
        return False
    same_moment = any(
        c.dep_ in ("mark", "advmod") and c.lower_ in SAME_MOMENT for c in dep.children
    )
    return dep.tag_ in ("VBG", "VBN") or dep.dep_ == "relcl" or same_moment


def _no_own_setting(event: Event) -> bool:
    """Does the mention state no place and no date of its own (an elaboration, "fighting
    continued"), rather than a new setting ("on Tuesday, a drone hit a car")?"""
    dated = event.date is not None and not event.date.inferred
    return not dated and not _stated_place(event.place)


def _retold(
    event: Event, head: Token, clusters: list[Cluster], rules: Rules, summary: bool
) -> Cluster | None:
    """The event a highlight or caption retells, or that the body tells after its summary
    ("Godane killed in U.S. strike" atop the story): a compatible event, anywhere, told
    with the same word or sharing a named party or a stated place or date."""
    lemma = head.lemma_.lower()
    for cluster in reversed(clusters):
        if cluster.closed or not (summary or cluster.summary):
            continue
        if not all(_compatible(event, m, rules) for m in cluster.mentions):
            continue
        if lemma in cluster.lemmas or _anchors(event, cluster) >= 1:
            return cluster
    return None


def _trigger_token(event: Event, doc: Doc) -> Token | None:
    if event.trigger is None:
        return None
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span.root if span is not None else None


def _refers_back(head: Token, event_nouns: frozenset[str] | None = None) -> bool:
    """Is the trigger (or, given ``event_nouns``, a word naming an event) a noun with a
    definite or demonstrative determiner ("the strike", "this attack") and no name of its
    own ("the Westgate Mall massacre" introduces one)?"""
    if head.pos_ != "NOUN" or (event_nouns is not None and head.lemma_.lower() not in event_nouns):
        return False
    lefts = list(head.lefts)
    if any(c.pos_ == "PROPN" or c.ent_type_ for c in lefts if c.dep_ != "det"):
        return False
    return any(c.dep_ in ("det", "poss") and c.lower_ in REFERRING_DETS for c in lefts)


def _compatible(a: Event, b: Event, rules: Rules) -> bool:
    """Could the two mentions name one event: nothing they say conflicts."""
    family, is_country, _, private = rules
    if family.get(a.type, a.type) != family.get(b.type, b.type):
        return False
    if CERTAINTY_KINDS.get(a.certainty, "report") != CERTAINTY_KINDS.get(b.certainty, "report"):
        return False
    return (
        _same_party(a.actor, b.actor, private)
        and _same_party(a.target, b.target, private)
        and _same_place(a.place, b.place, is_country)
        and _same_date(a.date, b.date)
    )


def _anchors(event: Event, cluster: Cluster) -> int:
    """How many of named actor, named target, stated place and stated date the mention
    has in common with one mention of the event (the most with any)."""
    best = 0
    for m in cluster.mentions:
        n = _named(event.actor) and _named(m.actor) and _same_party(event.actor, m.actor)
        n += _named(event.target) and _named(m.target) and _same_party(event.target, m.target)
        n += (
            _stated_place(event.place)
            and _stated_place(m.place)
            and (event.place.name == m.place.name or _same_point(event.place, m.place))  # type: ignore[arg-type,union-attr]
        )
        n += (
            event.date is not None
            and m.date is not None
            and not (event.date.inferred or m.date.inferred)
            and event.date.value == m.date.value
        )
        best = max(best, n)
    return best


def _named(ref: ActorRef | None) -> bool:
    """A specific actor: in the actors layer, or written as a proper name."""
    return ref is not None and (ref.actor_id is not None or ref.name[:1].isupper())


def _a_kind(ref: ActorRef, private: frozenset[str]) -> bool:
    """Is the name a private person's description ("a U.S. photojournalist", "British
    hostages"), not a party: it may be the person named in another mention?"""
    if ref.actor_id is not None:
        return False
    head = ref.name.split()[-1].lower() if ref.name.split() else ""
    return head in private or head.removesuffix("s") in private


def _same_party(
    a: ActorRef | None, b: ActorRef | None, private: frozenset[str] = frozenset()
) -> bool:
    """Unknown or generic on one side (a private person described, not named), or the
    same named party."""
    if a is None or b is None or not _named(a) or not _named(b):
        return True
    if _a_kind(a, private) or _a_kind(b, private):
        return True
    if a.actor_id is not None and a.actor_id == b.actor_id:
        return True
    x, y = _words(a.name), _words(b.name)
    return x <= y or y <= x


def _words(name: str) -> set[str]:
    return {w.strip(".,'’").lower() for w in name.split() if w.strip(".,'’")} - {"the"}


def _stated_place(ref: PlaceRef | None) -> bool:
    return ref is not None and not ref.inferred


def _same_place(
    a: PlaceRef | None, b: PlaceRef | None, is_country: Callable[[PlaceRef], bool]
) -> bool:
    """Unknown or inferred on one side, the same name or point, one name within the other,
    or one inside (or not placed outside) the other's country when that is the country."""
    if not (_stated_place(a) and _stated_place(b)):
        return True
    assert a is not None and b is not None
    if a.name == b.name or _same_point(a, b) or _within_name(a, b) or _within_name(b, a):
        return True
    if (_unresolved(a) and is_country(b)) or (_unresolved(b) and is_country(a)):
        return True  # "Shabwa province", not found in the gazetteer, may be in Yemen
    return (
        a.country_code is not None
        and a.country_code == b.country_code
        and (is_country(a) or is_country(b))
    )


def _within_name(a: PlaceRef, b: PlaceRef) -> bool:
    """Is ``a`` named by ``b``'s words plus more ("Shabwa province", "Shabwa")?"""
    return bool(_words(b.name)) and _words(b.name) < _words(a.name)


def _unresolved(ref: PlaceRef) -> bool:
    return ref.lat is None and ref.country_code is None


def _same_point(a: PlaceRef, b: PlaceRef) -> bool:
    """Two spellings of one resolved place ("Kobani", "Kobane"): the same point."""
    if None in (a.lat, a.lon, b.lat, b.lon):
        return False
    return abs(a.lat - b.lat) < SAME_POINT and abs(a.lon - b.lon) < SAME_POINT  # type: ignore[operator]


def _same_date(a: DateRef | None, b: DateRef | None) -> bool:
    """Unknown on one side, one date within the other, or an inferred date (the report's:
    "now") within a month of the other's start."""
    if a is None or b is None or (a.inferred and b.inferred):
        return True
    if a.inferred or b.inferred:
        inferred, stated = (a, b) if a.inferred else (b, a)
        day, other = day_of(inferred.value), day_of(stated.value)
        return day is None or other is None or abs((day - other).days) <= RECENT_DAYS
    return a.value.startswith(b.value) or b.value.startswith(a.value)


def day_of(value: str) -> dt.date | None:
    """The first day of an ISO date, month or year value; None for other forms."""
    try:
        if len(value) >= 10:
            return dt.date.fromisoformat(value[:10])
        if len(value) == 7:
            return dt.date.fromisoformat(value + "-01")
        if len(value) == 4:
            return dt.date(int(value), 1, 1)
    except ValueError:
        return None
    return None


def merge(mentions: Sequence[Event], weapon_modes: frozenset[str] = frozenset()) -> Event:
    """One record for the mentions of one event: the most informative mention's span, its
    coding unless another mention names the weapon ("the strike killed six": an air strike),
    each role from the most informative mention that states it, fatalities counted once (the
    largest figure, not a sum), every reporter, every mention."""
    if len(mentions) == 1:
        one = mentions[0]
        return replace(one, target=_not_self(one.target, one.actor), mentions=[_span(one)])
    head = max(mentions, key=_informative)
    armed = [m for m in mentions if (m.mode or "").split(",")[0] in weapon_modes]
    coded = head if head.mode or not armed else armed[0]
    ordered = sorted(mentions, key=_informative, reverse=True)
    reporters: list[str] = []
    for m in mentions:
        reporters += [r for r in m.reported_by if r not in reporters]
    counted = [m for m in mentions if m.fatalities is not None]
    deaths = [m.fatalities for m in counted]
    most = max(counted, key=lambda m: m.fatalities or 0) if counted else None
    actor = _first(ordered, lambda m: m.actor if _named(m.actor) else None) or _first(
        ordered, lambda m: m.actor
    )
    return replace(
        head,
        type=coded.type,
        mode=coded.mode,
        acled_type=coded.acled_type,
        acled_subtype=coded.acled_subtype,
        actor=actor,
        target=_first(ordered, lambda m: _not_self(m.target, actor) if _named(m.target) else None)
        or _first(ordered, lambda m: _not_self(m.target, actor)),
        place=_first(ordered, lambda m: m.place if _stated_place(m.place) else None)
        or _first(ordered, lambda m: m.place),
        date=_first(ordered, lambda m: m.date if m.date and not m.date.inferred else None)
        or _first(ordered, lambda m: m.date),
        certainty=min((m.certainty for m in mentions), key=CERTAINTY_ORDER.index),
        reported_by=reporters,
        fatalities=max(deaths) if deaths else None,
        fatalities_note=most.fatalities_note if most is not None else None,
        mentions=[_span(m) for m in mentions],
    )


def _not_self(target: ActorRef | None, actor: ActorRef | None) -> ActorRef | None:
    """The target, unless it is the actor itself ("the gunmen fought their way in": a
    pronoun or a misparse read back as the doer): then none."""
    if target is None or actor is None:
        return target
    same_id = target.actor_id is not None and target.actor_id == actor.actor_id
    return None if same_id or target.name.lower() == actor.name.lower() else target


def _first(mentions: Sequence[Event], get: Callable[[Event], Any]) -> Any:
    return next((v for m in mentions if (v := get(m)) is not None), None)


def _informative(event: Event) -> tuple[int, int]:
    """How much a mention says (named roles, stated place and date, a count), then earlier
    first."""
    score = 2 * _named(event.actor) + (event.actor is not None)
    score += 2 * _named(event.target) + (event.target is not None)
    score += 2 * _stated_place(event.place) + (event.date is not None and not event.date.inferred)
    score += event.fatalities is not None
    return score, -event.start


def _span(event: Event) -> SpanRef:
    return SpanRef(event.text, event.start, event.end)

"""Claims: propositions with a source and a stance, never bare facts.

A claim is a proposition in a closed set of predicates, each with a subject (who), a place
or an object, a date, the source that states it and a stance (``asserts``, ``denies``,
``hedges``). The predicates (cues in ``data/claims/predicates.yaml``):

- ``CONTROL(subject, place)``: the subject holds or has taken the place;
- ``CAPTURED(subject, object)``: people taken captive; ``ARRESTED(subject, object)``;
- ``KILLED(subject, object)``, ``WOUNDED(subject, object)``: the object is the victims' class;
- ``ATTACKED(subject, object)``: an attack on a target (place when one is named);
- ``WITHDREW(subject, place)``: forces left or were driven out of a place;
- ``DISPLACED(subject, object)``: people forced to flee (subject: who displaced them);
- ``DEPLOYED(subject, place)``: forces sent somewhere;
- ``NEGOTIATE(subject, object)``: talks with the object; ``DEMAND(subject, object)``.

Claims come from (1) the parse: a predicate cue and its arguments, inside or outside an
attribution ("X said they had seized the town", "‘The rebels haven’t captured Kidal’");
(2) territorial events of :mod:`fogline.extract.events` the parse did not already give;
(3) responses to earlier claims ("the army denied the claim", "the claim could not be
verified"), which copy the answered claim's proposition and point to it (``denies_claim``).
The source is the speaker; with none named, the outlet (``source``) or "the article".

Example:
    >>> claims = extract_claims(doc, quotes=q, events=e, actors=a, places=p, source="Wire")
    ... # doctest: +SKIP
    >>> claims[0].predicate, claims[0].subject, claims[0].place, claims[0].stance
    ('CONTROL', 'M23', 'Sake', 'asserts')
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from fogline.extract.claims.blame import blame_claims, find_blames
from fogline.extract.claims.clauses import (
    borrowed_agent,
    borrowed_place,
    fill_places,
    place_in_content,
)
from fogline.extract.claims.context import Context, Ref, place_name, short_name
from fogline.extract.claims.draft import Draft, evidence, is_question
from fogline.extract.claims.events import event_claims
from fogline.extract.claims.frames import FrameReader, Prop, plural
from fogline.extract.claims.lexicon import ClaimLexicon, load_lexicon
from fogline.extract.claims.responses import Response, find_responses
from fogline.extract.claims.stance import read_stance
from fogline.model import Actor, Claim, Event, Paragraph, Place, Quote, Source, TimeRef
from fogline.textnorm import fold

__all__ = ["extract_claims", "PREDICATES"]

LOGGER = logging.getLogger(__name__)


def __getattr__(name: str) -> tuple[str, ...]:
    """``PREDICATES``: the closed set of predicates, in the order of ``predicates.yaml``."""
    if name == "PREDICATES":
        return load_lexicon().predicates()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def extract_claims(
    doc: Doc,
    *,
    quotes: Sequence[Quote] = (),
    events: Sequence[Event] = (),
    actors: Sequence[Actor] = (),
    places: Sequence[Place] = (),
    times: Sequence[TimeRef] = (),
    paragraphs: Sequence[Paragraph] = (),
    source: str | None = None,
) -> list[Claim]:
    """Claims of ``doc``: predicate, subject, place, date, source and stance.

    Args:
        doc: the parsed cleaned text; the other arguments are the other extractors' records
            for it (each may be empty; claims then rest on the parse alone).
        source: the outlet, the source of what the article itself narrates.
    Returns:
        Claims in text order; a denial's ``denies_claim`` is an index into this list.
    """
    ctx = Context(
        doc, load_lexicon(), quotes=quotes, actors=actors, places=places, times=times,
        paragraphs=paragraphs, source=source,
    )  # fmt: skip
    reader = FrameReader(ctx)
    drafts: list[Draft] = []
    content_nouns: set[int] = set()
    for prop in reader.read(doc):
        draft = _from_prop(prop, ctx, reader)
        if draft is not None:
            drafts.append(draft)
            content_nouns |= _claim_nouns_above(prop.trigger, ctx)
    drafts.extend(event_claims(events, drafts, ctx))
    drafts.sort(key=lambda d: d.pos)
    fill_places(drafts, ctx)
    for blame in find_blames(doc, ctx):
        drafts.extend(blame_claims(blame, drafts, ctx))
    drafts.sort(key=lambda d: d.pos)
    for response in find_responses(doc, ctx, content_nouns):
        drafts.extend(_from_response(response, drafts, ctx))
    drafts.sort(key=lambda d: d.pos)
    drafts = _complete(drafts, ctx.lex)
    return _finish(_dedupe(drafts), ctx)


# --- (1) propositions of the parse -----------------------------------------------------------
def _from_prop(prop: Prop, ctx: Context, reader: FrameReader) -> Draft | None:
    if is_question(prop.trigger, ctx):
        return None
    reading = read_stance(prop.trigger, prop.negated or _denial_phrase(prop.trigger, ctx), ctx)
    agent = ctx.resolve(prop.agent)
    if prop.agent is not None and prop.agent.pos_ == "PRON" and reading.reporter is not None:
        agent = _same_as_reporter(prop.agent, reading.reporter, ctx.lex) or agent
    elif (
        prop.agent is not None
        and reading.reporter is not None
        and (agent is None or agent.actor is None)
    ):
        agent = _reporters_own(prop.agent, reading.reporter, ctx) or agent
    if prop.frame == "obligation":  # "‘They must surrender’": the speaker demands it of them
        agent = Ref(reading.source.name, None) if reading.source else None
        speaker = ctx.speaker_actor(prop.trigger.idx)
        if speaker is not None:
            agent = Ref(short_name(speaker), speaker)
    if agent is None and prop.predicate in ctx.lex.borrow_agent_predicates and prop.frame != "lose":
        borrowed = borrowed_agent(prop.trigger, ctx)
        agent = ctx.resolve(borrowed) if borrowed is not None else None
    place, inferred = _place_of(prop, ctx, reader)
    if prop.predicate in ctx.lex.content_predicates:  # the place of what is demanded or negotiated
        mention = place_in_content(prop.trigger, prop.agent, ctx)
        place = place_name(mention, ctx) if mention is not None else None
    elif place is None and prop.predicate != "CONTROL":
        mention = borrowed_place(prop.trigger, ctx)
        place = place_name(mention, ctx) if mention is not None else None
    obj = _object_of(prop, ctx)
    if prop.frame == "lose":  # "X lost the town": someone else holds it; X is not the subject
        agent = None
    if prop.predicate == "CONTROL" and place is None and reading.stance != "denies":
        return None  # a denial ("no position has fallen") takes its place from the claim
    start, end = evidence(prop.trigger, ctx)
    date = _date_of(prop.trigger, ctx)
    return Draft(
        predicate=prop.predicate,
        subject=agent.name if agent else None,
        object=obj,
        place=place,
        date=date,
        start=start,
        end=end,
        pos=prop.trigger.idx,
        source=reading.source or ctx.outlet,
        stance=reading.stance,
        place_inferred=inferred,
        origin=prop.frame,
    )


def _same_as_reporter(pronoun: Token, reporter: Ref, lex: ClaimLexicon) -> Ref | None:
    """ "X claims it holds the town": "it" is X when X is an organisation ("he" when a person)."""
    actor = reporter.actor
    word = pronoun.lower_
    if word in lex.organisation_pronouns and (actor is None or actor.kind != "person"):
        return reporter
    if word in lex.grammar["personal_pronouns"] and actor is not None and actor.kind == "person":
        return reporter
    return None


def _reporters_own(agent: Token, reporter: Ref, ctx: Context) -> Ref | None:
    """ "X said its fighter jets struck …": the jets are X's; a ministry's "its forces" are
    the forces of the ministry's state."""
    heads = [agent, *(g for c in agent.children if c.lower_ == "of" for g in c.children)]
    possessives = ctx.lex.grammar["nonpersonal_possessives"]
    owned = [h for h in heads if any(c.dep_ == "poss" and c.lower_ in possessives
                                     for c in h.children)]  # fmt: skip
    actor = reporter.actor
    if not owned or actor is None or actor.kind == "person":
        return None
    noun = owned[0]
    state = ctx.actor_named(actor.affiliation) if actor.affiliation else None
    if (
        state is not None
        and state.kind == "state"
        and noun.lemma_.lower() in (ctx.lex.state_force_nouns | ctx.lex.own_force_nouns)
    ):
        forces = ctx.forces_of(state, noun)
        if forces is not None:
            return Ref(short_name(forces), forces)
    return reporter


def _date_of(trigger: Token, ctx: Context) -> str | None:
    """The date attached to the trigger's clause or to the verbs that report it."""
    sent = trigger.sent
    chain = [trigger]
    cur = trigger
    for _ in range(6):
        if cur.head is cur:
            break
        cur = cur.head
        chain.append(cur)
    rank = {t.i: n for n, t in enumerate(chain)}
    best: tuple[int, str] | None = None
    other_time = ctx.lex.other_time
    for t in ctx.times:
        if not t.value or t.start < sent.start_char or t.end > sent.end_char:
            continue
        span = ctx.doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        for _ in range(5):  # "on Sunday": the date hangs from a preposition
            if head.pos_ in ("VERB", "AUX") or head.head is head or head.lower_ in other_time:
                break
            head = head.head
        n = rank.get(head.i)
        if n is not None and (best is None or n < best[0]):
            best = (n, t.value)
    return best[1] if best else None


def _denial_phrase(trigger: Token, ctx: Context) -> bool:
    sent = trigger.sent
    window = ctx.text[sent.start_char : trigger.idx + len(trigger.text) + 20].lower()
    window = window.replace("’", "'")
    return any(p in window for p in ctx.lex.denial_phrases) and any(
        c.dep_ == "neg" for c in trigger.children
    )


def _place_of(prop: Prop, ctx: Context, reader: FrameReader) -> tuple[str | None, bool]:
    """The place name of a proposition, and whether it was inferred from context."""
    tokens = [prop.place] if prop.place is not None else []
    if not tokens and prop.predicate != "CONTROL":
        tokens = [c for c in prop.trigger.children if c.dep_ == "prep"]
        if prop.patient is not None:
            tokens.append(prop.patient)
        if reader.caused(prop.trigger):  # "forced families in two villages of X to flee"
            tokens += [c for c in prop.trigger.head.children if c.dep_ == "prep"]
    elif prop.predicate == "CONTROL" and prop.frame in ("transitive", "control_of"):
        # "overran two positions on the edge of the town": the town, when the positions
        # themselves name no place
        tokens += [c for c in prop.trigger.children if c.dep_ == "prep" and c.i > tokens[0].i]
    for tok in tokens:
        pt = reader.place_token(tok)
        if pt is None:
            continue
        mentions = ctx.places_in(pt.idx, pt.idx + len(pt.text))
        if mentions and ctx.names_no_place(mentions[0]):
            continue
        if mentions:
            return place_name(mentions[0], ctx), False
        named = _proper(pt) if pt.pos_ == "PROPN" else _named_by(pt)
        if named is not None:  # "the village of Mucho", "Mucho, a coastal village": the name
            return named, False
        if prop.predicate != "CONTROL" or not reader.inferable(pt):
            continue
        noun = pt.lemma_.lower() if pt.lemma_.lower() in ctx.lex.place_nouns else pt.lower_
        salient = ctx.named_like(pt.idx, noun)  # "the dam" → "Tishreen Dam" named before
        if salient is None:
            feature = ctx.lex.place_nouns.get(noun, "")
            salient = ctx.salient_place(prop.trigger.sent.start_char, feature)
        if salient is None:
            salient = ctx.salient_place(pt.idx, ctx.lex.place_nouns.get(noun, ""))
        if salient is not None:
            return place_name(salient, ctx), True
    return None, False


def _named_by(noun: Token) -> str | None:
    """The proper name a place noun is given in its own phrase ("the town of X")."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "PROPN":
                return _proper(obj)
        if c.dep_ == "appos" and c.pos_ == "PROPN":
            return _proper(c)
    if noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
        return _proper(noun.head)
    return None


def _proper(tok: Token) -> str:
    parts = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    return " ".join(t.text for t in [*parts, tok])


def _object_of(prop: Prop, ctx: Context) -> str | None:
    patient = prop.patient
    if patient is None or prop.predicate == "CONTROL":
        return None
    if prop.predicate in ctx.lex.people_predicates:
        for t in [patient, *patient.subtree]:
            if t.lemma_.lower() in ctx.lex.people_nouns:
                return plural(t, ctx.lex)
    ref = ctx.resolve(patient)
    return ref.name if ref is not None else patient.text


def _claim_nouns_above(trigger: Token, ctx: Context) -> set[int]:
    out = set()
    cur = trigger
    for _ in range(6):
        if cur.head is cur:
            break
        cur = cur.head
        if cur.pos_ == "NOUN" and cur.lemma_.lower() in ctx.lex.claim_nouns:
            out.add(cur.i)
    return out


# --- (3) responses to earlier claims ----------------------------------------------------------
def _from_response(response: Response, drafts: list[Draft], ctx: Context) -> list[Draft]:
    """A response answers the claim found by :func:`_answered` and every other proposition
    its source stated in the same sentence ("X killed two and wounded five" - "X denied it")."""
    source = response.source or ctx.outlet
    pos = response.token.idx
    target = _answered(pos, source, response.owner, drafts, ctx)
    if target is None:
        return []
    start, end = evidence(response.token, ctx)
    sent = _sentence(target.pos, ctx)
    same = [
        d for d in drafts
        if d is target or (
            _sentence(d.pos, ctx) == sent and d.pos < pos and d.origin != "response"
            and (d.origin == "blame") == (target.origin == "blame")
            and d.stance == target.stance and _same_source(d.source, target.source)
        )
    ]  # fmt: skip
    return [
        Draft(
            t.predicate,
            t.subject,
            t.object,
            t.place,
            t.date,
            start,
            end,
            pos,
            source,
            response.stance,
            origin="response",
            link=t,
        )  # fmt: skip
        for t in same
    ]


def _sentence(pos: int, ctx: Context) -> int:
    span = ctx.doc.char_span(pos, pos + 1, alignment_mode="expand")
    return span.sent.start if span is not None else -1


def _answered(
    pos: int, source: Source, owner: Ref | None, drafts: list[Draft], ctx: Context
) -> Draft | None:
    """The claim a response at ``pos`` answers: the owner's latest, else the latest of another
    source (in the same or the previous three paragraphs)."""
    p_start, _ = ctx.paragraph_of(pos)
    window = p_start
    for _ in range(3):
        window = ctx.paragraph_of(max(0, window - 2))[0]
    candidates = [
        d for d in drafts
        if d.pos < pos and d.pos >= window and d.stance != "denies" and d.origin != "response"
        and not _same_source(d.source, source)
    ]  # fmt: skip
    if owner is not None:
        own = [d for d in candidates if _owned_by(d, owner)]
        if own:
            return own[-1]
    return candidates[-1] if candidates else None


def _same_source(a: Source, b: Source) -> bool:
    if a.actor_id and a.actor_id == b.actor_id:
        return True
    names_a = {fold(n) for n in (a.name, a.affiliation) if n}
    names_b = {fold(n) for n in (b.name, b.affiliation) if n}
    return bool(names_a & names_b)


def _owned_by(d: Draft, owner: Ref) -> bool:
    names = {fold(owner.name)}
    if owner.actor is not None:
        names |= {fold(owner.actor.name), *(fold(a) for a in owner.actor.aliases)}
    src = {fold(n) for n in (d.source.name, d.source.affiliation, d.subject) if n}
    return bool(names & src) or bool(owner.actor and d.source.actor_id == owner.actor.id)


# --- completion, duplicates, records -----------------------------------------------------------
def _complete(drafts: list[Draft], lex: ClaimLexicon) -> list[Draft]:
    """Denials, and control claims that name only the place, take their missing arguments
    from the claim they answer ("the town has not fallen" → who was said to take it)."""
    out = []
    for i, d in enumerate(drafts):
        gap = d.subject is None and d.origin in ("fall", "lose", "transitive")
        if d.origin != "response" and (d.stance == "denies" or gap):
            target = _earlier_match(d, drafts[:i], lex)
            if target is not None:
                d.subject = d.subject or target.subject
                d.place = d.place or target.place
                d.object = d.object or target.object
                if d.stance == "denies":
                    d.link = target
        if d.predicate in lex.need_subject_predicates and d.subject is None:
            continue
        if d.predicate == "CONTROL" and d.place is None:
            continue
        out.append(d)
    return out


def _earlier_match(d: Draft, earlier: list[Draft], lex: ClaimLexicon) -> Draft | None:
    for e in reversed(earlier):
        if e.predicate != d.predicate or e.stance == "denies" or _same_source(e.source, d.source):
            continue
        if d.place and e.place and fold(d.place) != fold(e.place):
            continue
        if d.subject and e.subject and fold(d.subject) != fold(e.subject):
            continue
        if d.object and e.object and d.predicate in lex.people_predicates and d.object != e.object:
            continue
        return e
    return None


def _key(d: Draft) -> tuple[str, ...]:
    src = d.source.actor_id or fold(d.source.name)
    return (d.predicate, fold(d.subject or ""), fold(d.place or d.object or ""), src, d.stance)


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    """One claim per proposition, source and stance within a stretch of evidence."""
    out: list[Draft] = []
    for d in drafts:
        dup = next(
            (o for o in out if _key(o) == _key(d) and o.start < d.end and d.start < o.end), None
        )
        if dup is None:
            out.append(d)
        elif d.link is not None and dup.link is None:
            dup.link = d.link
    return out


def _finish(drafts: list[Draft], ctx: Context) -> list[Claim]:
    index = {id(d): i for i, d in enumerate(drafts)}
    claims = []
    for d in drafts:
        link = index.get(id(d.link)) if d.link is not None and d.stance == "denies" else None
        claims.append(
            Claim(
                predicate=d.predicate,
                text=ctx.text[d.start : d.end],
                start=d.start,
                end=d.end,
                source=d.source,
                stance=d.stance,
                subject=d.subject,
                object=d.object,
                place=d.place,
                date=d.date,
                paragraph_kind=ctx.paragraph_kind(d.start),
                denies_claim=link,
            )
        )
    return [replace(c) for c in claims]

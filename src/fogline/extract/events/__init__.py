"""Events coded to PLOVER types and modes and ACLED categories, with roles, place, date,
fatalities and certainty, each tied to the clause it rests on.

The steps, each in its own module: :mod:`.triggers` finds the words of ``triggers.tsv`` in the
parse; :mod:`.arguments` builds each trigger's frame (anchor clause, actor, recipients, object,
place words) with :mod:`.mentions` naming what a token refers to; :mod:`.coding` applies the
coder table (``coding.tsv``); :mod:`.certainty` reads how sure the report is; :mod:`.dates`,
:mod:`.location` and :mod:`.counts` give the date, place and fatalities. All word lists and
label sets come from ``data/events/`` through :mod:`.lexicon`.

Territorial events (overran, seized, took control of, retook, withdrew from) carry the
ACLED sub-event types "Non-state actor overtakes territory", "Government regains
territory" or "Non-violent transfer of territory"; :func:`is_territorial` tells the
claims extractor which events support a CONTROL claim (actor = controller, place).

Example:
    >>> doc = nlp("Rebels seized Kidal on Sunday.")
    >>> events = extract_events(doc, DocContext.of(doc, published=date(2024, 3, 4)))
    >>> events[0].acled_subtype, events[0].actor.name, events[0].place.name
    ('Non-state actor overtakes territory', 'Rebels', 'Kidal')
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Span, Token

from fogline.extract.context import DocContext
from fogline.extract.events.arguments import Frame, build_frame
from fogline.extract.events.certainty import Certainty, assess
from fogline.extract.events.clusters import cluster_events, type_families
from fogline.extract.events.coding import (
    Coding,
    Tests,
    code_frame,
    code_intention,
    code_recipient,
)
from fogline.extract.events.counts import fatalities, fatalities_note
from fogline.extract.events.dates import Timeline
from fogline.extract.events.framing import frame_report
from fogline.extract.events.lexicon import EventLexicon, load_lexicon
from fogline.extract.events.location import COUNTRY_FEATURES, event_place
from fogline.extract.events.mentions import Mentions
from fogline.extract.events.salience import (
    aimless_travel,
    asserts_a_view,
    describes_a_kind,
    generic_plural,
    leftover_reference,
    modifies_a_noun,
    private_speaker,
    purpose_or_habit,
    refers_to_known_talk,
    releases_a_message,
    reportable,
    talk_not_act,
)
from fogline.extract.events.triggers import find_triggers
from fogline.extract.spans import sentence
from fogline.model import Actor, ActorRef, Event, PlaceRef, SpanRef

__all__ = ["event_family", "extract_events", "is_territorial", "territorial_subtypes"]


def territorial_subtypes() -> frozenset[str]:
    """ACLED sub-event types that gain or give up territory (``labels.yaml``)."""
    return load_lexicon().labels("territorial_subtypes")


def event_family(plover: str) -> str:
    """The family of a PLOVER type whose mentions may name one event (``type_families`` in
    ``cues.yaml``: a strike and the killing it caused); a type outside them is its own."""
    return _family_of().get(plover, plover)


@functools.cache
def _family_of() -> dict[str, str]:
    return type_families(load_lexicon())


def is_territorial(event: Event) -> bool:
    """Does the event gain or give up territory (support a CONTROL claim)?"""
    return event.acled_subtype in territorial_subtypes()


def extract_events(
    doc: Doc, ctx: DocContext, *, lexicon: EventLexicon | None = None
) -> list[Event]:
    """Events of ``doc`` with actor, target, place, date, fatalities and certainty.

    Args:
        doc: the parsed cleaned text.
        ctx: reads ``published`` (the fallback, flagged ``inferred``, for dates) and the
            finished layers ``times``, ``places``, ``actors``, ``quotes`` and ``paragraphs``
            (each may be empty; without a ``times`` layer the times extractor runs here).
        lexicon: the event lexicon (default: ``data/events/``).
    Returns:
        One event per real-world event (its mentions grouped by :mod:`.clusters`), in the
        order of first mention.
    """
    lex = lexicon or load_lexicon()
    ments = Mentions.of(ctx, lex)
    timeline = Timeline.build(doc, ctx)
    matches = find_triggers(doc, lex)
    covered = {t.i for m in matches for t in m.tokens if t is not m.token}
    matches = [m for m in matches if m.token.i not in covered]
    by_token = {m.token.i: m for m in matches}
    frames: list[Frame] = []
    for m in matches:
        if ctx.paragraph_kind_at(m.token.idx) == "boilerplate" or purpose_or_habit(m.token, lex):
            continue
        if asserts_a_view(m.token, lex) or talk_not_act(m.token, lex):
            continue
        if refers_to_known_talk(m.token, m.trigger.plover, lex) or modifies_a_noun(m.token):
            continue
        if describes_a_kind(m.token) or releases_a_message(m.token, m.trigger.mode, lex):
            continue
        frame = build_frame(m, by_token, ments, lex)
        if frame is not None:
            frames.append(frame)
    caused = {f.cause.token.i for f in frames if f.cause is not None}
    events: list[Event] = []
    seen: set[tuple] = set()
    for frame in frames:
        if frame.token.i in caused:
            continue
        for event in _events(frame, ments, timeline, ctx):
            key = (event.type, event.acled_subtype, _name(event.actor), _name(event.target),
                   _name(event.place), event.start)  # fmt: skip
            if key not in seen:
                seen.add(key)
                events.append(event)
    grouped = cluster_events(
        events, doc, ctx, lex, is_country=lambda ref: ments.feature_of(ref) in COUNTRY_FEATURES
    )
    kinds = {
        a.id: (a.kind, bool(a.role or a.affiliation) or not _a_person(a, doc)) for a in ctx.actors
    }
    return [
        frame_report(e, timeline.published)
        for e in grouped
        if reportable(e, lex)
        and not leftover_reference(e, _head(e, doc), lex)
        and not private_speaker(e, kinds, lex)
    ]


def _a_person(actor: Actor, doc: Doc) -> bool:
    """Is the actor named as one person (a proper name), not a people ("Bosnian Serbs")?"""
    for m in actor.mentions[:1]:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        return span is not None and all(t.pos_ == "PROPN" for t in span)
    return False


def _head(event: Event, doc: Doc) -> Token | None:
    if event.trigger is None:
        return None
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span.root if span is not None else None


def _name(ref: ActorRef | PlaceRef | None) -> str | None:
    return ref.name if ref is not None else None


def _events(frame: Frame, ments: Mentions, timeline: Timeline, ctx: DocContext) -> list[Event]:
    """The events of one frame, coded by the table: one per coding its recipients get (an
    attack on soldiers and on civilians is two; on Britons and Canadians, one with the first
    as target), and one per person named (each killing of a named person is tracked)."""
    lex = ments.lex
    tests = code_frame(frame, ments, lex)
    if tests is None or aimless_travel(frame.token, tests.coding.mode, ments):
        return []
    if generic_plural(frame.token, frame.anchor, tests.actor_ref):
        return []  # "in terror attacks": many events summed up
    cert = assess(frame.token, frame.anchor, lex, ctx.quotes, governor=frame.governor)
    certainty, aux = code_intention(tests, cert)
    if "arrival" in tests.flags and certainty not in ("denied", "hedged"):
        certainty, aux = "planned", "future"  # "is due in Damascus"
    reporters = _reporters(cert, ments)
    sent = sentence(frame.token)
    anchors = frame.anchors()
    paragraph = ctx.paragraph_at(frame.token.idx)
    para = (paragraph.start, paragraph.end) if paragraph is not None else None
    date = timeline.date_for(anchors, sent.start, sent.end, para, future=certainty == "planned")
    place_hit = tests.coding.place
    place = place_hit[0] if place_hit else event_place(frame, ments, anchors, sent, para)
    old = date is not None and date.value[:4].isdigit() and timeline.published is not None
    if old and int(date.value[:4]) < timeline.published.year - 1 and aux is None:  # type: ignore[union-attr]
        aux = "historical"
    evidence = _evidence(frame)
    out = []
    for tok, coding in _recipients(frame, tests):
        acled_type, acled_sub = lex.acled_pair(coding.acled)
        out.append(
            Event(
                type=coding.plover,
                text=evidence.text,
                start=evidence.start_char,
                end=evidence.end_char,
                mode=",".join(m for m in (coding.mode, aux) if m) or None,
                acled_type=acled_type,
                acled_subtype=acled_sub,
                actor=tests.actor_ref,
                target=ments.actor_of(tok) if tok is not None else None,
                place=place,
                date=date,
                certainty=certainty,  # type: ignore[arg-type]
                reported_by=list(reporters),
                fatalities=fatalities(frame, tok, lex) if "lethal" in tests.flags else None,
                fatalities_note=(
                    fatalities_note(frame, tok, lex) if "lethal" in tests.flags else None
                ),
                trigger=SpanRef(
                    text=frame.token.text,
                    start=frame.token.idx,
                    end=frame.token.idx + len(frame.token.text),
                ),
            )
        )
    return out


def _recipients(frame: Frame, tests: Tests) -> list[tuple[Token | None, Coding]]:
    """Each recipient (or None) with its coding: one per coding, and every person named."""
    out: list[tuple[Token | None, Coding]] = []
    codings: set[tuple] = set()
    for tok in frame.targets or [None]:
        coding = code_recipient(tests, tok)
        key = (coding.plover, coding.mode, coding.acled)
        if key in codings and (tok is None or tok.ent_type_ != "PERSON"):
            continue  # "killed two Britons and two Canadians": one attack, coded as one event
        codings.add(key)
        out.append((tok, coding))
    return out


def _reporters(cert: Certainty, ments: Mentions) -> list[str]:
    """Who reports the event: the actor the reporting verb's subject names, else the names
    the certainty reading found (the quote's speaker, the reporter as written)."""
    reporter = ments.actor_of(cert.reporter_token) if cert.reporter_token is not None else None
    reporters = [reporter.name] if reporter else []
    for name in cert.reported_by:
        if name not in reporters and cert.reporter_token is None:
            reporters.append(name)
    return reporters


def _evidence(frame: Frame) -> Span:
    """The event's clause (its anchor's subtree, widened to the trigger), trimmed."""
    sent = sentence(frame.token)
    toks = list(frame.anchor.subtree)
    lo = min(t.i for t in toks)
    hi = max(t.i for t in toks)
    if sent.start <= frame.token.i < sent.end:
        lo, hi = min(lo, frame.token.i), max(hi, frame.token.i)
    doc = frame.token.doc
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    while lo < hi and (doc[lo].is_space or doc[lo].is_punct):
        lo += 1
    return doc[lo : hi + 1]

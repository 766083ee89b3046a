"""Events coded to PLOVER types and modes and ACLED categories, with roles, place, date,
fatalities and certainty, each tied to the clause it rests on.

Territorial events (overran, seized, took control of, retook, withdrew from) carry the
ACLED sub-event types "Non-state actor overtakes territory", "Government regains
territory" or "Non-violent transfer of territory"; :func:`is_territorial` tells the
claims extractor which events support a CONTROL claim (actor = controller, place).

Example:
    >>> events = extract_events(nlp("Rebels seized Kidal on Sunday."), published=date(2024, 3, 4))
    >>> events[0].acled_subtype, events[0].actor.name, events[0].place.name
    ('Non-state actor overtakes territory', 'Rebels', 'Kidal')
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from fogline.extract.events.context import (
    Timeline,
    assess,
    count_of,
    in_clause,
    paragraph_span,
)
from fogline.extract.events.frames import Frame, build_frame, is_actorlike
from fogline.extract.events.lexicon import (
    COOPERATIVE,
    HOSTILE,
    EventLexicon,
    find_triggers,
    load_event_lexicon,
    sentence,
)
from fogline.extract.events.roles import Mentions
from fogline.model import (
    Actor,
    ActorRef,
    Event,
    Paragraph,
    Place,
    PlaceRef,
    Quote,
    SpanRef,
    TimeRef,
)

__all__ = ["extract_events", "is_territorial", "TERRITORIAL_SUBTYPES"]

LOGGER = logging.getLogger(__name__)

TERRITORIAL_SUBTYPES = frozenset(
    {
        "Non-state actor overtakes territory",
        "Government regains territory",
        "Non-violent transfer of territory",
    }
)
THREAT_MODES = {"FIGHT": "violence", "ASSAULT": "violence", "COERCE": "restrict",
                "PROTEST": "restrict", "SANCTION": "relations", "MOBILIZE": "violence"}  # fmt: skip
# Coercive measures an authority announces as plans ("will impose a curfew from Friday", "will
# deploy two battalions"): planned events of their own type, not threats (PLOVER THREATEN is
# for conditional or violent intentions: "vowed to attack", "will strike unless").
SCHEDULED_MEASURES = frozenset({"MOBILIZE", "COERCE"})
UNCONVENTIONAL = frozenset({"IED", "SUICIDE", "GRENADE", "CHEM"})
GENERIC_CODES = frozenset({None, "-", "CLASH", "VACATTACK", "OTHER"})
# GeoNames feature codes from finest (0) to coarsest; unknown features rank 1.
FEATURE_RANK = {"PPL": 0, "PPLA": 0, "PPLA2": 0, "PPLA3": 0, "PPLC": 0, "PPLX": 0, "ADM3": 0,
                "ADM2": 1, "ADM1": 2, "RGN": 3, "PCLI": 3, "PCL": 3, "PCLD": 3,
                "CONT": 4}  # fmt: skip


def is_territorial(event: Event) -> bool:
    """Does the event gain or give up territory (support a CONTROL claim)?"""
    return event.acled_subtype in TERRITORIAL_SUBTYPES


def extract_events(
    doc: Doc,
    *,
    times: Sequence[TimeRef] = (),
    places: Sequence[Place] = (),
    actors: Sequence[Actor] = (),
    quotes: Sequence[Quote] = (),
    paragraphs: Sequence[Paragraph] = (),
    published: dt.date | None = None,
    source: str | None = None,
    dictionary: object | None = None,
) -> list[Event]:
    """Events of ``doc`` with actor, target, place, date, fatalities and certainty.

    Args:
        doc: the parsed cleaned text. Other extractors' results refine roles, places
            and dates; each may be empty.
        published: the publication date, the fallback (flagged ``inferred``) for dates.
        dictionary: an actor dictionary with ``lookup(name)`` for canonical actor ids.
    Returns:
        One event per trigger and recipient, in text order.
    """
    del source  # the outlet's own narration is "asserted"; its name is not needed here
    lex = load_event_lexicon()
    ments = Mentions(doc, lex, actors=actors, places=places, quotes=quotes, dictionary=dictionary)
    timeline = Timeline.build(doc, times, published)
    matches = find_triggers(doc, lex)
    covered = {t.i for m in matches for t in m.tokens if t is not m.token}
    matches = [m for m in matches if m.token.i not in covered]
    by_token = {m.token.i: m for m in matches}
    frames: list[Frame] = []
    for m in matches:
        if _in_boilerplate(m.token, paragraphs):
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
        for event in _events(frame, ments, lex, timeline, quotes, paragraphs):
            key = (event.type, event.acled_subtype, _name(event.actor), _name(event.target),
                   _name(event.place), event.start)  # fmt: skip
            if key not in seen:
                seen.add(key)
                events.append(event)
    return events


def _name(ref: ActorRef | PlaceRef | None) -> str | None:
    return ref.name if ref is not None else None


def _in_boilerplate(tok: Token, paragraphs: Sequence[Paragraph]) -> bool:
    return any(p.start <= tok.idx < p.end and p.kind == "boilerplate" for p in paragraphs)


def _events(
    frame: Frame,
    ments: Mentions,
    lex: EventLexicon,
    timeline: Timeline,
    quotes: Sequence[Quote],
    paragraphs: Sequence[Paragraph],
) -> list[Event]:
    trig = frame.cause.trigger if frame.cause is not None else frame.trigger
    flags = frame.trigger.flags | trig.flags
    plover, mode, code = trig.plover, trig.mode, trig.acled
    actor_ref = ments.actor_of(frame.actor) if frame.actor is not None else None
    place_hit = None
    obj_cls = ments.noun_class(frame.obj) if frame.obj is not None else None
    # objects that refine the type
    if "needobj" in flags and frame.obj is None and not frame.targets:
        return []
    if "weapon" in flags and obj_cls != "weapon":
        return []
    if mode in ("explosives", "destroy") and _accident(frame, lex):
        return []  # "a gas cylinder exploded": an accident, not an attack
    if "stop" in flags:
        stopped = frame.obj_match.trigger.plover if frame.obj_match is not None else None
        if stopped in HOSTILE:
            plover, mode, code = "RETREAT", "ceasefire", None
        elif stopped is None:
            return []
    if "seize" in flags:
        territory = frame.obj is not None and (
            ments.territory_of(frame.obj) is not None
            or obj_cls == "territory"
            or frame.obj.lemma_.lower() in lex.words("class:territory")  # "seized a camp"
        )
        if territory:
            code, flags = "TERR", flags | {"gain"}
            place_hit = ments.territory_of(frame.obj)  # else the clause's place, below
        elif obj_cls == "weapon":
            plover, mode, code = "COERCE", "seize", "DISRUPT"
        elif obj_cls in ("civilian", "armed") or (frame.targets and "seize" in flags):
            state = ments.is_state_force(frame.actor, actor_ref)
            plover, mode, code = ("COERCE", "arrest", "ARREST") if state else (
                "ASSAULT", "abduct", "ABDUCT")  # fmt: skip
        elif obj_cls in ("goods", "property"):
            plover, mode, code = "COERCE", "seize", "LOOT"
        elif "needobj" in flags and not frame.targets:
            return []
    if mode == "restrict" and ments.noun_class(frame.actor) in ("civilian", "protester"):
        plover, mode, code = "PROTEST", "obstruct", "PEACEPROT"  # "farmers blocked the road"
    if ("gain" in flags or "loss" in flags) and place_hit is None and frame.obj is not None:
        place_hit = ments.territory_of(frame.obj)
    if "move" in flags:
        person = frame.actor is not None and frame.actor.ent_type_ == "PERSON"
        if person:
            plover, mode, code = "CONSULT", "visit", None
        elif place_hit is None or not is_actorlike(frame.actor, ments):
            code = "CHANGE"  # ACLED: troop movements are a change to group activity
    if code == "TERR" or (code == "GOVGAIN" and frame.actor is not None):
        state = ments.is_state_force(frame.actor, actor_ref)
        code = "GOVGAIN" if state else "NSAGAIN"
        if "loss" in flags and not frame.actor_from_to:
            code = "TRANSFER"
    if "loss" in flags and code == "TRANSFER" and place_hit is None and frame.obj is None:
        for t in frame.place_tokens:
            place_hit = place_hit or ments.place_of(t)
    # instruments named in the clause set the mode and the ACLED sub-event type
    if plover in ("FIGHT", "ASSAULT"):
        mode, code = _instrument(frame, lex, mode, code)
        if code in UNCONVENTIONAL:
            plover = "ASSAULT"
    # certainty, intentions and threats
    cert = assess(frame.token, frame.anchor, lex, quotes, governor=frame.governor)
    certainty, aux = cert.certainty, cert.aux_mode
    if cert.intent == "demand":
        plover, mode, code = "DEMAND", None, None
        frame_targets = [frame.actor] if frame.actor is not None else []
        actor_ref = ments.actor_of(cert.reporter_token)
        frame.targets, frame.actor = frame_targets, cert.reporter_token
        certainty, aux = "asserted", None
    elif (
        cert.scheduled
        and plover in SCHEDULED_MEASURES
        and _actor_class(frame.actor, ments) not in ("civilian", "protester")  # "will blockade"
        and (frame.trigger.pos == "V" or frame.anchor is not frame.token)
    ):
        certainty, aux = "planned", "future"  # "will impose a curfew", "will deploy troops"
    elif cert.intent is not None and (frame.trigger.pos == "V" or frame.anchor is not frame.token):
        if cert.intent == "threat" or plover in HOSTILE:
            plover, mode = (
                "THREATEN",
                THREAT_MODES.get(plover, mode if plover == "THREATEN" else None),
            )
        elif plover in COOPERATIVE and cert.scheduled:
            plover = "AGREE"  # "X will travel to Y": a stated plan (PLOVER AGREE), still planned
        elif plover in COOPERATIVE:
            plover, mode = "AGREE", None
        code = code if code == "AGREEMENT" else None
        if plover == "AGREE" and cert.scheduled:
            certainty, aux = "planned", "future"
        else:
            certainty, aux = ("claimed" if cert.reported_by else "asserted"), None
    if "arrival" in flags and certainty not in ("denied", "hedged"):
        certainty, aux = "planned", "future"  # "is due in Damascus"
    reporters = (
        [ments.actor_of(cert.reporter_token).name]
        if cert.reporter_token is not None and ments.actor_of(cert.reporter_token)
        else []
    )  # noqa: E501
    for name in cert.reported_by:
        if name not in reporters and cert.reporter_token is None:
            reporters.append(name)
    # per-target refinement: civilians attacked vs. armed clash
    targets = frame.targets or [None]
    out = []
    sent = sentence(frame.token)
    anchors = frame.anchors()
    para = paragraph_span(paragraphs, frame.token.idx)
    date = timeline.date_for(anchors, sent.start, sent.end, para, future=certainty == "planned")
    place = place_hit[0] if place_hit else _place(frame, ments, anchors, sent, para)
    old = date is not None and date.value[:4].isdigit() and timeline.published is not None
    if old and int(date.value[:4]) < timeline.published.year - 1 and aux is None:  # type: ignore[union-attr]
        aux = "historical"
    evidence = _evidence(frame)
    start, end = evidence.start_char, evidence.end_char
    actor_cls = ments.noun_class(frame.actor)
    for tok in targets:
        t_plover, t_mode, t_code = plover, mode, code
        if t_code == "ARREST" and tok is not None:
            t_plover, t_mode, t_code = _by_target(ments.noun_class(tok), t_plover, t_mode, t_code)
        elif actor_cls == "protester" and t_plover in ("FIGHT", "ASSAULT"):
            t_plover, t_mode, t_code = "PROTEST", "riot", "VIOLDEMO"  # protesters fighting
        elif "armed" in flags and tok is not None and t_code in GENERIC_CODES and not frame.cause:
            t_plover, t_mode, t_code = _by_target(ments.noun_class(tok), t_plover, t_mode, t_code)
        acled_type, acled_sub = lex.acled_pair(t_code)
        target_ref = ments.actor_of(tok) if tok is not None else None
        fatalities = None
        if "lethal" in flags:
            fatalities = _fatalities(frame, tok, lex)
        full_mode = ",".join(m for m in (t_mode, aux) if m) or None
        out.append(
            Event(
                type=t_plover,
                text=evidence.text,
                start=start,
                end=end,
                mode=full_mode,
                acled_type=acled_type,
                acled_subtype=acled_sub,
                actor=actor_ref,
                target=target_ref,
                place=place,
                date=date,
                certainty=certainty,  # type: ignore[arg-type]
                reported_by=list(reporters),
                fatalities=fatalities,
                trigger=SpanRef(
                    text=frame.token.text,
                    start=frame.token.idx,
                    end=frame.token.idx + len(frame.token.text),
                ),
            )
        )
    return out


def _actor_class(tok: Token | None, ments: Mentions) -> str | None:
    """The noun class of an actor, through a pronoun's antecedent ("they would blockade")."""
    if tok is not None and tok.pos_ == "PRON":
        tok = ments.antecedent(tok)
    return ments.noun_class(tok)


def _accident(frame: Frame, lex: EventLexicon) -> bool:
    text = sentence(frame.token).text.lower()
    lemmas = {t.lemma_.lower() for t in sentence(frame.token)}
    return any((" " in cue and cue in text) or cue in lemmas for cue in lex.words("accident_cues"))


def _by_target(
    cls: str | None, plover: str, mode: str | None, code: str | None
) -> tuple[str, str | None, str | None]:
    if cls == "civilian" and code in ("CLASH", None, "-"):
        return "ASSAULT", mode, "VACATTACK"
    if cls == "protester" and code == "ARREST":
        return plover, mode, "PROTINT"  # ACLED: arrests at a protest
    if cls == "protester":
        return "ASSAULT", "crowd-control", "EXFORCE"
    if cls == "property" and code in ("CLASH",):
        return "ASSAULT", "destroy", "LOOT"
    if cls == "armed" and code == "VACATTACK":
        return "FIGHT", mode, "CLASH"
    return plover, mode, code


def _instrument(
    frame: Frame, lex: EventLexicon, mode: str | None, code: str | None
) -> tuple[str | None, str | None]:
    """Mode and ACLED code from a weapon named in the trigger's clause."""
    tokens = list(frame.anchor.subtree)
    if frame.cause is not None:
        tokens += list(frame.cause.token.subtree)
    if frame.actor is not None:
        tokens += list(frame.actor.subtree)
    lemmas = [t.lemma_.lower() for t in tokens]
    text = " ".join(lemmas)
    rank = {c: i for i, (_, _, c) in reversed(list(enumerate(lex.instruments))) if c}
    current = rank.get(code, len(lex.instruments)) if code not in GENERIC_CODES else 10**6
    for i, (words, i_mode, i_code) in enumerate(lex.instruments):
        hit = words[0] in lemmas if len(words) == 1 else f" {' '.join(words)} " in f" {text} "
        if not hit:
            continue
        if i_code is None:
            return (mode or i_mode), code
        if i < current:
            return i_mode, i_code
        return mode or i_mode, code
    return mode, code


PLACE_WINDOW = 150  # tokens either side of a trigger searched for its place


def _place(
    frame: Frame, ments: Mentions, anchors: set[int], sent, para: tuple[int, int] | None
) -> PlaceRef | None:
    """The finest place among the trigger's own locatives, else among the places of its
    clause, else of its sentence (not in a role or a reporting phrase), else the
    paragraph's most frequent place."""
    own = [hit[0] for t in frame.place_tokens if (hit := ments.place_of(t)) is not None]
    if own:
        return _finest(own, ments)
    skip = {t.i for t in frame.actor.subtree} if frame.actor is not None else set()
    skip |= {t.i for role in frame.targets for t in (role, *role.lefts)}
    reporting = ments.lex.words("reporting_verbs")
    nouns = ments.lex.words("class:territory")
    clause: list[tuple[int, PlaceRef]] = []
    other: list[tuple[int, PlaceRef]] = []
    doc, i = frame.token.doc, frame.token.i
    # a window around the trigger: a text with no sentence ends must not make this quadratic
    for t in doc[max(sent.start, i - PLACE_WINDOW) : min(sent.end, i + PLACE_WINDOW)]:
        if t.i in skip or not (t.ent_type_ or t.i in ments._place_at or t.lower_ in nouns):  # noqa: SLF001
            continue
        hit = ments.place_of(t)
        if hit is None or _in_report(t, anchors, reporting):
            continue
        own_clause = in_clause(t, anchors)
        if not own_clause and t.lower_ in nouns:
            continue  # "the town" refers back only from the event's own clause
        group = clause if own_clause else other
        group.append((abs(t.i - frame.token.i), hit[0]))
    for group in (clause, other):
        if group:
            return _finest([ref for _, ref in sorted(group, key=lambda item: item[0])], ments)
    if para is not None:
        counts: dict[str, tuple[int, PlaceRef]] = {}
        span = doc.char_span(para[0], para[1], alignment_mode="expand")
        window = (
            doc[max(span.start, i - 4 * PLACE_WINDOW) : min(span.end, i + 4 * PLACE_WINDOW)]
            if span
            else ()
        )
        for t in window:
            hit = ments.place_of(t) if (t.ent_type_ or t.i in ments._place_at) else None  # noqa: SLF001
            if hit is not None and not _in_report(t, anchors, reporting):
                n, _ = counts.get(hit[0].name, (0, hit[0]))
                counts[hit[0].name] = (n + 1, hit[0])
        if counts:
            return max(counts.values(), key=lambda item: item[0])[1]
    return None


def _finest(refs: Sequence[PlaceRef], ments: Mentions) -> PlaceRef:
    """The most precise of candidate places (a town before its province or country, as
    ACLED codes the most precise location); the first among equals."""
    return min(refs, key=lambda ref: FEATURE_RANK.get(ments.feature_of(ref) or "", 1))


def _in_report(tok: Token, anchors: set[int], reporting: frozenset[str]) -> bool:
    """Does ``tok`` belong to a reporting phrase ("the governor of X said", "according to
    a monitor based in X") rather than to the event's own clause?"""
    cur = tok
    for _ in range(30):
        if cur.i in anchors:
            return False
        if cur.lower_ == "according":
            return True
        head = cur.head
        if head is cur:
            return False
        if (
            head.pos_ in ("VERB", "AUX")
            and head.lemma_.lower() in reporting
            and cur.dep_ not in ("ccomp", "xcomp", "conj")
        ):
            return True
        cur = head
    return False


def _fatalities(frame: Frame, target: Token | None, lex: EventLexicon) -> int | None:
    if target is not None:
        n = count_of(target, lex)
        if n is not None:
            return n
        if len(frame.targets) > 1 or target.ent_type_ == "PERSON":
            return 1
    if frame.obj is not None:
        return count_of(frame.obj, lex)
    return None


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

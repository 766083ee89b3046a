"""The event coder: the rules of ``data/events/coding.tsv`` applied to a frame.

A trigger's PLOVER type and mode and ACLED code (``triggers.tsv``) are refined step by step by
what its frame holds: its cue, its object, recipients and actor. Each step of the table is an
if/elif chain (the first row whose tests hold applies); :func:`code_frame` runs the steps up
to the weapon named in the clause, :func:`code_intention` retypes an event stated as an
intention, :func:`code_recipient` refines the coding for each recipient.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from fogline.extract.actors.lexicon import lexicon as actor_lexicon
from fogline.extract.events.arguments import Frame, is_actorlike
from fogline.extract.events.certainty import Certainty
from fogline.extract.events.classes import actor_class, is_state_force, noun_class
from fogline.extract.events.doers import agent_of
from fogline.extract.events.lexicon import CodingRule, EventLexicon, WhenTest
from fogline.extract.events.mentions import Mentions
from fogline.extract.spans import sentence
from fogline.model import ActorRef, PlaceRef

LATE_STEPS = ("intent", "recipient")
"""Steps of ``coding.tsv`` run later than the others: on intentions, on each recipient."""


@dataclass(slots=True)
class Coding:
    """An event's coding so far: PLOVER type and mode, ACLED code, a place found on the way."""

    plover: str
    mode: str | None
    acled: str | None
    place: tuple[PlaceRef, Token] | None = None
    dropped: bool = False


@dataclass(slots=True)
class Tests:
    """What a rule's tests read: the frame, its coding, lookups computed once when needed.

    Lookups are kept by token (``memo``), so that the tests of every recipient share them
    and a demand, which makes the reporter the actor, gets its actor's own.
    """

    frame: Frame
    coding: Coding
    ments: Mentions
    lex: EventLexicon
    flags: frozenset[str]
    actor_ref: ActorRef | None
    cert: Certainty | None = None
    recipient: Token | None = None
    in_recipients: bool = False  # step "recipient": the recipient column tests one recipient
    memos: dict[tuple[str, int], Any] = field(default_factory=dict)

    def memo(self, key: str, tok: Token, compute: Callable[[], Any]) -> Any:
        """``compute()`` for ``tok``, computed once."""
        if (key, tok.i) not in self.memos:
            self.memos[key, tok.i] = compute()
        return self.memos[key, tok.i]

    def noun_class(self, tok: Token | None) -> str | None:
        """The noun class of ``tok`` (:func:`classes.noun_class`), computed once."""
        if tok is None:
            return None
        return self.memo("class", tok, lambda: noun_class(tok, self.ments))

    # --- columns ------------------------------------------------------------------------------
    def role(self, column: str, values: frozenset[str]) -> bool:
        """Does the object, recipient or actor pass one of ``values``?"""
        if column == "object":
            return self._object(values)
        if column == "actor":
            return self._actor(values)
        if not self.in_recipients:
            return bool(self.frame.targets) == ("some" in values)
        if "some" in values:
            return self.recipient is not None
        return self.noun_class(self.recipient) in values

    def _object(self, values: frozenset[str]) -> bool:
        obj = self.frame.obj
        if "none" in values or "some" in values:
            return (obj is None) == ("none" in values)
        if "site" in values:
            return obj is not None and self.memo("site", obj, self._site)
        return self.noun_class(obj) in values

    def _actor(self, values: frozenset[str]) -> bool:
        actor = self.frame.actor
        if "some" in values:
            return actor is not None
        if "state" in values:
            if actor is None:
                return is_state_force(actor, self.actor_ref, self.ments)
            return self.memo(
                "state", actor, lambda: is_state_force(actor, self.actor_ref, self.ments)
            )
        if "person" in values:
            return actor is not None and actor.ent_type_ == "PERSON"
        if "party" in values:
            return is_actorlike(actor, self.ments)
        return self.noun_class(actor) in values

    def when(self, test: WhenTest) -> bool:
        """A test of the "when" column: a value among those listed, or a named condition."""
        name, values, negate = test
        if values is not None:
            return (self._value(name) in values) != negate
        return self._flag(name) != negate

    # --- helpers ------------------------------------------------------------------------------
    def _site(self) -> bool:
        """Does the object name a territory ("seized Kidal", "seized a camp")?"""
        obj = self.frame.obj
        assert obj is not None
        return (
            self.ments.territory_of(obj) is not None
            or self.noun_class(obj) == "territory"
            or obj.lemma_.lower() in self.lex.words("class:territory")
        )

    def _aimed_at_site(self) -> bool:
        """Is the trigger aimed "on", "at" or "against" a building, vehicle or village
        ("opened fire on a teahouse")?"""
        preps = self.lex.words("site_preps")
        holders = [self.frame.token, *self.frame.match.tokens[1:]]
        return any(
            self.noun_class(p) in ("property", "village")
            for h in holders
            for c in h.children
            if c.dep_ == "prep" and c.lower_ in preps
            for p in c.children
            if p.dep_ == "pobj"
        )

    def _value(self, name: str) -> str | None:
        c = self.coding
        if name == "stopped":
            m = self.frame.obj_match
            return m.trigger.plover if m is not None else None
        if name == "place":
            return "found" if c.place is not None else None
        if name == "intent":
            return self.cert.intent if self.cert is not None else None
        if name == "pos":
            return self.frame.trigger.pos
        value = c.plover if name == "plover" else c.mode if name == "mode" else c.acled
        return None if value == "-" else value

    def _flag(self, name: str) -> bool:
        if name == "accident":
            return accident(self.frame, self.lex)
        if name == "from-to":
            return self.frame.actor_from_to
        if name == "caused":
            return self.frame.cause is not None
        if name == "on-site":
            return self.memo("on-site", self.frame.token, self._aimed_at_site)
        if name == "unopposed":
            return self.memo("unopposed", self.frame.token, lambda: unopposed(self.frame, self.lex))
        if name == "protest":
            return self.memo(
                "protest", self.frame.token, lambda: protest_nearby(self.frame, self.lex)
            )
        if name == "destination":  # "were taken to hospital"
            return any(
                p.lower_ in self.lex.words("motion_preps") - {"in"} and p.dep_ == "prep"
                for p in self.frame.anchor.children
            )
        return self.cert is not None and self.cert.scheduled  # "scheduled"


def _holds(rule: CodingRule, t: Tests) -> bool:
    """Do all the tests of a rule hold? The cheap ones first: the cue, the "when" column
    (the accident test last in its row), then the object, recipient and actor."""
    if rule.cue_any and rule.cue_any.isdisjoint(t.flags):
        return False
    if rule.cue_all and not rule.cue_all <= t.flags:
        return False
    if not all(t.when(test) for test in rule.when):
        return False
    return all(t.role(column, values) != negate for column, values, negate in rule.roles)


def run_step(step: str, t: Tests) -> None:
    """Apply the first rule of ``step`` whose tests hold to the coding."""
    for rule in t.lex.coding.get(step, ()):
        if _holds(rule, t):
            _apply(rule, t)
            return


def _apply(rule: CodingRule, t: Tests) -> None:
    c = t.coding
    if rule.plover == "DROP":
        c.dropped = True
        return
    if rule.mode == "instrument" or rule.acled == "instrument":
        c.mode, c.acled = instrument(t.frame, t.lex, c.mode, c.acled)
    c.plover = c.plover if rule.plover == "=" else rule.plover
    c.mode = _new(c.mode, rule.mode)
    c.acled = _new(c.acled, rule.acled)
    if rule.place and c.place is None:
        c.place = _place_from(rule.place, t)


def _new(old: str | None, cell: str) -> str | None:
    if cell in ("=", "instrument"):
        return old
    return None if cell == "-" else cell


def _place_from(source: str, t: Tests) -> tuple[PlaceRef, Token] | None:
    frame, ments = t.frame, t.ments
    if source == "object":
        return ments.territory_of(frame.obj) if frame.obj is not None else None
    found = None
    for tok in frame.place_tokens:  # "locatives": the first that names a place
        found = found or ments.place_of(tok)
    return found


def code_frame(frame: Frame, ments: Mentions, lex: EventLexicon) -> Tests | None:
    """The frame's coding after the frame steps of the table, or None: no event."""
    trig = frame.cause.trigger if frame.cause is not None else frame.trigger
    coding = Coding(trig.plover, trig.mode, trig.acled)
    actor_ref = ments.actor_of(frame.actor) if frame.actor is not None else None
    actor_ref = agent_of(frame.actor, actor_ref, ments)
    tests = Tests(frame, coding, ments, lex, frame.trigger.flags | trig.flags, actor_ref)
    for step in lex.coding:  # the frame steps, in the order of the table
        if step in LATE_STEPS:
            continue
        run_step(step, tests)
        if coding.dropped:
            return None
    return tests


def code_intention(t: Tests, cert: Certainty) -> tuple[str, str | None]:
    """Certainty and auxiliary mode of the event, retyped when it is a demand ("X said Y
    must leave": X demands, Y is the recipient), an announced measure, or an intention."""
    frame, coding, ments, lex = t.frame, t.coding, t.ments, t.lex
    verbal = frame.trigger.pos == "V" or frame.anchor is not frame.token
    if cert.intent == "demand":
        coding.plover, coding.mode, coding.acled = "DEMAND", None, None
        frame.targets = [frame.actor] if frame.actor is not None else []
        frame.actor = cert.reporter_token
        t.actor_ref = ments.actor_of(cert.reporter_token)
        return "asserted", None
    if (
        cert.scheduled
        and coding.plover in lex.labels("scheduled_measures")
        and actor_class(frame.actor, ments) not in lex.labels("civil_classes")  # "will blockade"
        and verbal
    ):
        return "planned", "future"  # "will impose a curfew", "will deploy troops"
    if cert.intent is not None and verbal:
        t.cert = cert
        run_step("intent", t)
        coding.acled = coding.acled if coding.acled == "AGREEMENT" else None
        if coding.plover == "AGREE" and cert.scheduled:
            return "planned", "future"
        return ("claimed" if cert.reported_by else "asserted"), None
    return cert.certainty, cert.aux_mode


def code_recipient(t: Tests, recipient: Token | None) -> Coding:
    """The coding for one recipient of the event (step "recipient" of the table)."""
    c = t.coding
    tests = Tests(
        t.frame,
        Coding(c.plover, c.mode, c.acled, c.place),
        t.ments,
        t.lex,
        t.flags,
        t.actor_ref,
        t.cert,
        recipient,
        in_recipients=True,
        memos=t.memos,
    )
    run_step("recipient", tests)
    return tests.coding


def accident(frame: Frame, lex: EventLexicon) -> bool:
    """Does the trigger's sentence name an accident ("a gas cylinder exploded")?"""
    text = sentence(frame.token).text.lower()
    lemmas = {t.lemma_.lower() for t in sentence(frame.token)}
    return any((" " in cue and cue in text) or cue in lemmas for cue in lex.words("accident_cues"))


def unopposed(frame: Frame, lex: EventLexicon) -> bool:
    """Does the trigger's sentence tell that nobody resisted ("after the army withdrew")?"""
    sent = sentence(frame.token)
    text = sent.text.lower()
    lemmas = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
    return any((" " in cue and cue in text) or cue in lemmas for cue in lex.words("unopposed_cues"))


def protest_nearby(frame: Frame, lex: EventLexicon) -> bool:
    """Does the trigger's sentence name a protest ("detained during unsanctioned protests")?"""
    words = lex.words("protest_cues")
    return any(t.lemma_.lower() in words or t.lower_ in words for t in sentence(frame.token))


def instrument(
    frame: Frame, lex: EventLexicon, mode: str | None, code: str | None
) -> tuple[str | None, str | None]:
    """Mode and ACLED code from a weapon named in the trigger's clause; a more specific
    weapon (listed first) replaces a less specific code, a generic code any."""
    tokens = list(frame.anchor.subtree)
    if frame.cause is not None:
        tokens += list(frame.cause.token.subtree)
    if frame.actor is not None:
        tokens += list(frame.actor.subtree)
    tokens = [t for t in tokens if not _names_a_person(t, lex)]
    lemmas = [t.lemma_.lower() for t in tokens]
    text = " ".join(lemmas)
    rank = {c: i for i, (_, _, c) in reversed(list(enumerate(lex.instruments))) if c}
    generic = code is None or code in lex.labels("generic_codes")
    current = 10**6 if generic else rank.get(code, len(lex.instruments))
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


def _names_a_person(token: Token, lex: EventLexicon) -> bool:
    """A weapon word that only qualifies a person ("explosives expert", "bomb maker"): the
    person's trade, not the weapon of the event."""
    head = token.head
    if token.dep_ not in ("compound", "amod", "nmod") or head.i == token.i:
        return False
    lemma = head.lemma_.lower()
    people = actor_lexicon()
    return head.ent_type_ == "PERSON" or any(
        lemma in words
        for words in (people.people_nouns, people.roles, lex.words("person_nouns"),
                      lex.words("agent_nouns"))
    )  # fmt: skip

"""How sure a report of an event is: asserted, claimed, reported, hedged, denied or planned.

Small named rules read the event's clause (:class:`Clause`: the trigger, its anchor, the
governing verb, the chain of heads above) and note what they find on a :class:`Reading`
(negated, hedged, planned, reported by whom, an intention); :data:`RULES` applies them in a
fixed order, later rules reading what earlier ones found, and :func:`verdict` turns the reading
into the event's :class:`Certainty`.

Example:
    >>> assess(trigger, anchor, lexicon, quotes).certainty   # "The army has not withdrawn"
    'denied'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from fogline.extract.events.lexicon import EventLexicon
from fogline.extract.events.syntax import ancestors_path
from fogline.extract.spans import sentence, text_of
from fogline.model import Quote

GOVERNED = ("xcomp", "acomp", "ccomp", "advcl")
"""Dependencies through which a scheduling, intent or threat head governs the event."""
REPORTED = ("ccomp", "xcomp", "dobj", "parataxis", "conj")
"""Dependencies through which a reporting verb reports the event."""


@dataclass(frozen=True, slots=True)
class Certainty:
    """How an event is reported: certainty, auxiliary PLOVER mode, who reports it."""

    certainty: str = "asserted"
    aux_mode: str | None = None
    reported_by: tuple[str, ...] = ()
    reporter_token: Token | None = None
    intent: str | None = None  # "agree", "threat" or "demand": what the actor expresses
    scheduled: bool = False  # the intent is a plain future ("will travel"), not a promise


@dataclass(frozen=True, slots=True)
class Clause:
    """What the rules read: the event's trigger and anchor, their children, the heads above."""

    trigger: Token
    anchor: Token
    governor: Token | None
    lex: EventLexicon
    quotes: Sequence[Quote]
    own: tuple[Token, ...]  # children of the trigger and of its anchor
    path: tuple[tuple[Token, str], ...]  # (head, dependency we came through), nearest first

    @classmethod
    def of(
        cls,
        trigger: Token,
        anchor: Token,
        lex: EventLexicon,
        quotes: Sequence[Quote] = (),
        *,
        governor: Token | None = None,
    ) -> Clause:
        """The clause of an event whose trigger (or light verb) is ``anchor``."""
        heads = (trigger,) if trigger == anchor else (trigger, anchor)
        own = tuple(c for t in heads for c in t.children)
        return cls(trigger, anchor, governor, lex, quotes, own, tuple(ancestors_path(anchor)))

    def own_aux(self, words: frozenset[str] | set[str]) -> bool:
        """Is one of ``words`` an auxiliary of the trigger or its anchor?"""
        return any(c.dep_ == "aux" and c.lower_ in words for c in self.own)


@dataclass(slots=True)
class Reading:
    """What the rules found, each field set by the rule of the same name (or named below)."""

    negated: bool = False
    denied: bool = False  # a denial verb governs the event ("denied attacking")
    hedged: bool = False
    hypothetical: bool = False
    future: bool = False
    planned: bool = False
    obliged: bool = False
    conditional: bool = False
    condition: bool = False  # the event is itself the condition ("if the demands are not met")
    would: bool = False
    reporter: Token | None = None  # reported_by
    report_depth: int | None = None  # reported_by: how many heads up the reporting verb is
    speaker: str | None = None  # quoted_speaker
    intent: str | None = None  # planned, stated_intent, conditional_threat, demand
    scheduled: bool = False  # stated_intent


Rule = Callable[[Clause, Reading], None]


def negated(c: Clause, r: Reading) -> None:
    """ "did not attack", "never attacked", "no attack"."""
    adverbs = c.lex.words("negative_adverbs")
    if any(x.dep_ == "neg" or x.lower_ in adverbs for x in c.own) or any(
        x.dep_ == "det" and x.lower_ == "no" for x in c.trigger.children
    ):
        r.negated = True


def hedged(c: Clause, r: Reading) -> None:
    """ "reportedly attacked", "is believed to have attacked", "appears to", a hedged head."""
    hedges = c.lex.words("hedges")
    if any(x.lower_ in hedges and x.dep_ in ("advmod", "amod") for x in c.own):
        r.hedged = True
    sent = sentence(c.anchor)
    sent_text = text_of(c.anchor.doc)[sent.start_char : sent.end_char]  # == sent.text, no join
    before = sent_text[: max(c.trigger.idx, c.anchor.idx) - sent.start_char].lower()
    if any(p in before for p in c.lex.words("hedge_phrases")):
        r.hedged = True
    for head, dep in c.path:
        if dep in ("xcomp", "aux") and any(
            x.lower_ in hedges and x.dep_ == "advmod" for x in head.children
        ):  # the cheap test first: most heads are reached through another dependency
            r.hedged = True


def future(c: Clause, r: Reading) -> None:
    """ "will attack"; "will travel to X to meet": the governing verb's future."""
    planned_aux = c.lex.words("planned_aux")
    if c.own_aux(planned_aux):
        r.future = True
    if c.governor is not None and any(
        x.dep_ == "aux" and x.lower_ in planned_aux for x in c.governor.children
    ):
        r.future = True


def obliged(c: Clause, r: Reading) -> None:
    """ "must leave", "should withdraw"."""
    if c.own_aux(c.lex.words("obligation_aux")):
        r.obliged = True


def conditional(c: Clause, r: Reading) -> None:
    """ "will withdraw unless ...", "if ..." on the anchor; the anchor itself a condition."""
    marks = c.lex.words("conditional_marks")
    if any(
        x.dep_ == "advcl" and any(m.lower_ in marks for m in x.children if m.dep_ == "mark")
        for x in c.anchor.children
    ):
        r.conditional = True
    anchor = c.anchor
    if anchor.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in marks for m in anchor.children
    ):  # "to kill him if the demands were not met": no report that they were not
        r.condition = True


def would(c: Clause, r: Reading) -> None:
    """ "would attack": future in reported speech, hypothetical elsewhere (see reported_would)."""
    if c.own_aux({"would"}):
        r.would = True


def hypothetical(c: Clause, r: Reading) -> None:
    """ "could attack", "might", "may"; "whether ... attacked"; the content of a hope, fear,
    doubt or rumour ("hopes for the release", "feared he would be arrested", "doubts that
    the group agreed"); a question ("Has Kidal fallen?")."""
    marks = c.lex.words("hypothetical_marks")
    if c.own_aux(c.lex.words("hypothetical_aux") - {"would"}) or any(
        x.dep_ == "mark" and x.lower_ in marks for x in c.own
    ):
        r.hypothetical = True
    irrealis = c.lex.words("irrealis_heads")
    for head, dep in c.path[:4]:
        if head.lemma_.lower() in irrealis and dep in IRREALIS_DEPS:
            r.hypothetical = True
            break
        if head.lemma_.lower() in c.lex.words("reporting_verbs"):
            break  # "said they feared": the fear is the report's, read above it no further
    if _question(c.anchor):
        r.hypothetical = True


IRREALIS_DEPS = frozenset({"ccomp", "xcomp", "pobj", "prep", "acl", "dobj", "advcl", "conj"})


def _question(tok: Token) -> bool:
    """Does the sentence of ``tok`` end in a question mark (outside a quotation)?"""
    sent = sentence(tok)
    last = next((t for t in reversed(sent) if not t.is_space), None)
    return last is not None and last.text == "?"


def reported_by(c: Clause, r: Reading) -> None:
    """The subject of the nearest reporting verb above ("X said ..."), else the object of
    "according to" on the clause or one of its three nearest heads."""
    reporting = c.lex.words("reporting_verbs")
    for k, (head, dep) in enumerate(c.path):
        if r.reporter is None and dep in REPORTED and head.lemma_.lower() in reporting:
            r.reporter = next((x for x in head.children if x.dep_ in ("nsubj", "nsubjpass")), None)
            if r.reporter is not None and r.reporter.pos_ == "PRON" and head.dep_ == "conj":
                r.reporter = next((x for x in head.head.children if x.dep_ == "nsubj"), r.reporter)
            if r.reporter is not None:
                r.report_depth = k
    for t in (c.anchor, *(h for h, _ in c.path[:3])):
        for x in t.children:
            if x.dep_ == "prep" and x.lower_ == "according":
                for to in x.children:
                    for pobj in to.children:
                        if pobj.dep_ == "pobj":
                            r.reporter = r.reporter or pobj


def denied(c: Clause, r: Reading) -> None:
    """A denial verb reporting or governing the event ("denied that ...", "denied attacking")."""
    denial = c.lex.words("denial_verbs")
    reporting = c.lex.words("reporting_verbs")
    for head, dep in c.path:
        lemma = head.lemma_.lower()
        if lemma in denial and (
            (dep in REPORTED and lemma in reporting) or dep in ("ccomp", "dobj")
        ):
            r.denied = True


def planned(c: Clause, r: Reading) -> None:
    """A scheduling, intent or threat head governing the event ("is due to", "vowed to",
    "threatened to"; a negated one: "is not expected to meet"), looking no higher than the
    reporting verb ("X said Y plans to"); "is to arrive"."""
    lex = c.lex
    intent_heads, threat_heads = lex.words("intent_heads"), lex.words("threat_heads")
    governing = lex.words("planned_heads") | intent_heads | threat_heads
    for k, (head, dep) in enumerate(c.path):
        lemma = head.lemma_.lower()
        if (
            dep in GOVERNED
            and lemma in governing
            and not r.planned
            and (r.report_depth is None or k <= r.report_depth)
            and (dep != "ccomp" or lemma in lex.words("schedule_heads"))
        ):
            if any(x.dep_ == "neg" for x in head.children):
                r.negated = True  # "is not expected to meet"
            if lemma in intent_heads and r.intent is None:
                r.intent = "agree"
            if lemma in threat_heads:
                r.intent = "threat"
            r.planned = True
        if lemma == "be" and dep == "xcomp" and c.anchor.tag_ == "VB":
            r.planned = True  # "is to arrive"


def quoted_speaker(c: Clause, r: Reading) -> None:
    """The speaker of a quote the trigger is in."""
    for q in c.quotes:
        if q.start <= c.trigger.idx < q.end and q.speaker is not None:
            r.speaker = q.speaker.name
            return


def reported_would(c: Clause, r: Reading) -> None:
    """ "said it would attack" is future; "would attack" unreported is hypothetical."""
    if r.would and r.reporter is not None:
        r.future = True
    elif r.would:
        r.hypothetical = True


def stated_intent(c: Clause, r: Reading) -> None:
    """ "X will release ...": a future with no intent verb is an expressed intention (PLOVER
    AGREE), and a plain schedule."""
    if r.future and r.intent is None:
        r.intent = "agree"
        r.scheduled = True


def conditional_threat(c: Clause, r: Reading) -> None:
    """ "will withdraw unless ...": a conditional intention is a threat."""
    if r.intent == "agree" and r.conditional:
        r.intent = "threat"


def demand(c: Clause, r: Reading) -> None:
    """ "X said Y must leave": an obligation reported by X is X's demand."""
    if r.obliged and r.reporter is not None and r.intent is None:
        r.intent = "demand"


RULES: tuple[Rule, ...] = (
    negated,
    hedged,
    future,
    obliged,
    conditional,
    would,
    hypothetical,
    reported_by,
    denied,
    planned,
    quoted_speaker,
    reported_would,
    stated_intent,
    conditional_threat,
    demand,
)
"""The rules in the order they apply: clause facts, then the heads above, then intentions."""


def verdict(r: Reading, lex: EventLexicon) -> Certainty:
    """The certainty a reading amounts to: a denial first, then a plan, a hypothesis, a
    hedge, a report (hearsay "reported", a party's "claimed"), else asserted."""
    names = tuple(n for n in (r.speaker, r.reporter.text if r.reporter is not None else None) if n)
    if r.condition:
        certainty, aux = "hedged", "hypothetical"
    elif r.negated or r.denied:
        certainty, aux = "denied", ("negation" if r.negated else None)
    elif r.future or r.planned:
        certainty, aux = "planned", "future"
    elif r.hypothetical:
        certainty, aux = "hedged", "hypothetical"
    elif r.hedged:
        certainty, aux = "hedged", None
    elif r.reporter is not None:
        hearsay = r.reporter.lemma_.lower() in lex.words("hearsay_sources")
        certainty, aux = ("reported" if hearsay else "claimed"), None
    elif r.speaker:
        certainty, aux = "claimed", None
    else:
        certainty, aux = "asserted", None
    scheduled = r.scheduled and r.intent == "agree"
    return Certainty(certainty, aux, names, r.reporter, r.intent, scheduled)


def assess(
    trigger: Token,
    anchor: Token,
    lex: EventLexicon,
    quotes: Sequence[Quote],
    *,
    governor: Token | None = None,
) -> Certainty:
    """Certainty of the event whose trigger (or light verb) is ``anchor``; a ``governor``
    ("will travel to X to meet") lends the event its future."""
    clause = Clause.of(trigger, anchor, lex, quotes, governor=governor)
    reading = Reading()
    for rule in RULES:
        rule(clause, reading)
    return verdict(reading, lex)

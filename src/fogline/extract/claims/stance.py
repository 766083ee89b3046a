"""Who states a proposition and how: the source, and asserts / denies / hedges.

The clause of a proposition is followed up the parse to the first reporting verb ("X said
that …": X is the source) or denial verb ("X denied that …", "X rejected reports that …":
X denies). Nouns of claims ("reports that …", "the group's claim to …") are passed through.
A proposition inside a quotation without such a verb belongs to the quote's speaker; with
no speaker at all, to the outlet. Hedges are evidential words on the clause ("reportedly")
or phrases before it in the sentence ("unconfirmed reports suggested").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from fogline.extract.claims.index import ClaimIndex
from fogline.extract.claims.references import Ref
from fogline.model import Source, Stance

_SUBJ = ("nsubj", "nsubjpass")
_PATH_DEPS = {"ccomp", "xcomp", "dobj", "parataxis", "conj", "advcl", "acl", "relcl", "pobj",
              "prep", "attr", "nsubj", "nsubjpass", "oprd", "csubj"}  # fmt: skip


@dataclass(slots=True)
class Reading:
    """Stance and source of one proposition, and the verb that decided them."""

    stance: Stance
    source: Source | None  # None: nobody named (the outlet, decided by the caller)
    hedged: bool = False
    by_denial: bool = False
    claimant: Ref | None = None  # "the group's claim to …": who made the claim
    reporter: Ref | None = None  # the subject of the reporting verb, resolved


def read_stance(trigger: Token, negated: bool, ix: ClaimIndex) -> Reading:
    """Stance and source of the proposition whose cue is ``trigger``."""
    lex = ix.lex
    reporting = lex.reporting_verbs
    denial = False
    reporter: Token | None = None
    verb: Token | None = None
    claimant: Ref | None = None
    hedged = _hedged_here(trigger, ix)
    cur = trigger
    for _ in range(10):
        head = cur.head
        if head is cur or cur.dep_ not in _PATH_DEPS:
            break
        lemma = head.lemma_.lower()
        if head.pos_ == "NOUN" and lemma in lex.claim_nouns:
            owner = next((c for c in head.children if c.dep_ in ("poss", "compound")), None)
            if owner is not None and claimant is None:
                claimant = ix.resolve(owner)
            if lemma in lex.hedging_reporters and _unconfirmed(head, ix):
                hedged = True
        elif head.pos_ in ("VERB", "AUX") and lemma in lex.denial_verbs and head.i < trigger.i:
            denial, verb = True, head
            reporter = _subject(head)
            break
        elif head.pos_ in ("VERB", "AUX") and lemma in reporting and cur.dep_ != "nsubj":
            verb = head
            reporter = _subject(head)
            if any(c.dep_ == "neg" for c in head.children):
                hedged = True  # "did not say that …"
            break
        if head.pos_ in ("VERB", "AUX") and _hedged_here(head, ix):
            hedged = True
        cur = head
    according = _according_to(trigger)
    source: Source | None = None
    reporter_ref: Ref | None = None
    if reporter is not None:
        if reporter.lemma_.lower() in lex.hedging_reporters or reporter.lower_ in (
            lex.hedging_reporters
        ):
            hedged = True
        else:
            ref = ix.resolve(reporter)
            if ref is not None:
                source = ix.source_of(ref, reporter)
                reporter_ref = ref
    if source is None and according is not None:
        ref = ix.resolve(according)
        if according.lemma_.lower() in lex.hedging_reporters:
            hedged = True
            ref = _carrier(according, ix)  # "unconfirmed reports carried by X": X's report
        if ref is not None:
            source = ix.source_of(ref, according)
    if source is None and claimant is not None and not denial:
        source = ix.source_of(claimant)
    if source is None:
        quoted = ix.source_at(trigger.idx)
        if quoted is not None:
            last = quoted.name.lower().split()[-1] if quoted.name.strip() else ""
            if quoted.actor_id is None and last in lex.hedging_reporters:
                hedged = True
            else:
                source = quoted
    if verb is not None and source is None and reporter is not None and reporter.pos_ == "PRON":
        source = ix.source_at(verb.idx)
    if _hedge_phrase_before(trigger, verb if source is not None else None, ix):
        hedged = True
    stance: Stance = "denies" if negated != denial else "asserts"
    if stance == "asserts" and hedged:
        stance = "hedges"
    return Reading(stance, source, hedged, denial, claimant, reporter_ref)


def _subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in _SUBJ]
    if subjects:  # a dateline parsed as a second subject ("CITY, May 1 - X said") is farther
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    if verb.tag_ == "VBG" and verb.dep_ == "advcl":  # "X did Y, saying …": X of the main verb
        root = verb.sent.root
        return next((c for c in root.children if c.dep_ in _SUBJ), None)
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head is not verb:
        return _subject(verb.head)  # "…, saying …", "and added that …"
    return None


def _carrier(report: Token, ix: ClaimIndex) -> Ref | None:
    """The named outlet or body that carries a report ("reports carried by X", "reports by
    X", "reports in X", "X reports"); None when the report is anonymous."""
    candidates = [c for c in report.children if c.dep_ in ("compound", "poss")]
    for t in report.subtree:
        if t.dep_ == "pobj" and t.head.lower_ in ix.lex.preps["carrier"]:
            candidates.append(t)
    for t in candidates:
        ref = ix.resolve(t)
        if ref is not None and ref.actor is not None:
            return ref
    return None


def _according_to(trigger: Token) -> Token | None:
    cur = trigger
    for _ in range(4):
        for c in cur.children:
            if c.dep_ == "prep" and c.lower_ == "according":
                for to in c.children:
                    pobj = next((g for g in to.children if g.dep_ == "pobj"), None)
                    if pobj is not None:
                        return pobj
        if cur.head is cur:
            break
        cur = cur.head
    return None


def _hedged_here(tok: Token, ix: ClaimIndex) -> bool:
    words = ix.lex.hedge_words
    modals = ix.lex.hedge_modals
    for c in tok.children:
        if c.dep_ in ("advmod", "amod") and c.lower_ in words:
            return True
        if c.dep_ == "aux" and c.lower_ in modals:
            return True
    return False


def _unconfirmed(noun: Token, ix: ClaimIndex) -> bool:
    lex = ix.lex
    return any(c.lower_ in lex.hedge_words for c in noun.lefts) or (
        noun.lemma_.lower() in lex.rumour_nouns
    )


def _hedge_phrase_before(trigger: Token, verb: Token | None, ix: ClaimIndex) -> bool:
    """A hedge phrase between the sentence (or paragraph) start and the trigger; a phrase
    made by the source's own reporting verb ("X claims to hold …") is X's assertion."""
    start = max(trigger.sent.start_char, ix.paragraph_of(trigger.idx)[0])
    before = ix.text[start : trigger.idx + len(trigger.text)].lower()
    for phrase in ix.lex.hedge_phrases:
        at = before.find(phrase)
        while at >= 0:
            if verb is None or not (at <= verb.idx - start < at + len(phrase)):
                return True
            at = before.find(phrase, at + 1)
    return False

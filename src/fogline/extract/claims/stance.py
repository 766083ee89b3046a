"""Who states a proposition and how: the source, and asserts / denies / hedges / unconfirmed.

The clause of a proposition is followed up the parse to the first reporting verb ("X said
that …": X is the source) or denial verb ("X denied that …", "X rejected reports that …":
X denies). Nouns of claims ("reports that …", "the group's claim to …") are passed through.
A proposition inside a quotation without such a verb belongs to the quote's speaker; with
no speaker at all, to the outlet. Hedges are evidential words on the clause ("reportedly")
or phrases before it in the sentence ("unconfirmed reports suggested"). A source that cannot
confirm the content ("could not confirm that …", "had no information on …", "was not aware
of …", "has seen no evidence that …") neither asserts nor denies it: ``unconfirmed``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from fogline.extract.claims.index import ClaimIndex
from fogline.extract.claims.lexicon import ClaimLexicon
from fogline.extract.claims.references import Ref
from fogline.extract.claims.syntax import counted, negated_verb
from fogline.model import Source, Stance

_SUBJ = ("nsubj", "nsubjpass")
_PATH_DEPS = {"ccomp", "xcomp", "dobj", "parataxis", "conj", "advcl", "acl", "relcl", "pobj",
              "prep", "attr", "acomp", "nsubj", "nsubjpass", "oprd", "csubj"}  # fmt: skip


@dataclass(slots=True)
class Reading:
    """Stance and source of one proposition, and the verb that decided them."""

    stance: Stance
    source: Source | None  # None: nobody named (the outlet, decided by the caller)
    hedged: bool = False
    by_denial: bool = False
    claimant: Ref | None = None  # "the group's claim to …": who made the claim
    reporter: Ref | None = None  # the subject of the reporting verb, resolved
    reporter_i: int | None = None  # that subject's token index


@dataclass(slots=True)
class _Path:
    """What following a proposition's clause up the parse found."""

    hedged: bool
    denial: bool = False
    unconfirmed: bool = False  # "could not confirm that …", "no information on …"
    verb: Token | None = None  # the reporting or denial verb
    reporter: Token | None = None  # its subject
    claimant: Ref | None = None  # the owner of a claim noun passed through
    anonymous: Token | None = None  # an unowned report noun passed through ("reports that")


def read_stance(trigger: Token, negated: bool, ix: ClaimIndex) -> Reading:
    """Stance and source of the proposition whose cue is ``trigger``: the reporter of the
    verb above it, else "according to X", the claimant of a claim noun, the quote's speaker."""
    path = _follow_up(trigger, ix)
    source, reporter_ref = _reporter_source(path, ix)
    if source is None:
        source = _according_source(trigger, path, ix)
    if source is None and path.claimant is not None and not path.denial:
        source = ix.source_of(path.claimant)
    if source is None:
        source = _quoted_source(trigger, path, ix)
    verb, reporter = path.verb, path.reporter
    if verb is not None and source is None and reporter is not None and reporter.pos_ == "PRON":
        source = ix.source_at(verb.idx)
    if _hedge_phrase_before(trigger, verb if source is not None else None, ix):
        path.hedged = True
    stance: Stance = "denies" if negated != path.denial else "asserts"
    if path.unconfirmed and not negated:
        stance = "unconfirmed"
    elif stance == "asserts" and path.hedged:
        stance = "hedges"
    at = path.reporter.i if path.reporter is not None else None
    return Reading(stance, source, path.hedged, path.denial, path.claimant, reporter_ref, at)


def _follow_up(trigger: Token, ix: ClaimIndex) -> _Path:
    """Up the parse from the trigger to the first reporting or denial verb, through claim
    nouns, noting hedges on the way."""
    lex = ix.lex
    path = _Path(hedged=_hedged_here(trigger, ix))
    cur = trigger
    for _ in range(10):
        head = cur.head
        if head == cur or cur.dep_ not in _PATH_DEPS:
            break
        lemma = head.lemma_.lower()
        verbal = head.pos_ in ("VERB", "AUX")
        if head.pos_ == "NOUN" and lemma in lex.claim_nouns:
            _pass_claim_noun(head, lemma, path, ix)
        elif head.pos_ == "NOUN" and lemma in lex.groundless_nouns and _with_no(head):
            path.denial = True  # "there is no validity to the rumor that we killed X"
        elif (
            verbal
            and head.i < trigger.i
            and (lemma in lex.denial_verbs or (lemma in lex.belief_verbs and negated_verb(head)))
        ):  # "denied that …", "did not think that …"
            path.denial, path.verb, path.reporter = True, head, _subject(head)
            break
        elif _cannot_confirm(head, lemma, verbal, lex):
            path.unconfirmed, path.verb = True, _clause_verb(head)
            path.reporter = _subject(path.verb)
            break
        elif _belief_of(head, cur, lex) is not None:
            # "officials believe X was killed": the believers hedge it ("they think …" under
            # "X say": the sayers, further up)
            path.hedged = True
            believer = _belief_of(head, cur, lex)
            if believer is not None and believer.pos_ != "PRON":
                path.verb, path.reporter = head, believer
                break
        elif verbal and lemma in lex.reporting_verbs and cur.dep_ != "nsubj":
            path.verb, path.reporter = head, _subject(head)
            if any(c.dep_ == "neg" for c in head.children):
                path.hedged = True  # "did not say that …"
            break
        if verbal and _hedged_here(head, ix):
            path.hedged = True
        cur = head
    if path.verb is None and path.anonymous is not None:
        # "reports that P circulated (in X)": no one vouches for P but the reports (X's)
        path.hedged = True
        path.claimant = path.claimant or _report_carrier(path.anonymous, ix)
    return path


def _belief_of(head: Token, cur: Token, lex: ClaimLexicon) -> Token | None:
    """The named subject of a belief verb whose complement holds the proposition ("U.S.
    officials believe that …"), not of "it is believed" or a negated belief (a denial)."""
    if head.pos_ != "VERB" or head.lemma_.lower() not in lex.belief_verbs:
        return None
    if cur.dep_ != "ccomp" or negated_verb(head):
        return None
    return next((c for c in head.children if c.dep_ == "nsubj"), None)


def _with_no(noun: Token) -> bool:
    """The noun is negated by its determiner ('no truth')."""
    return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def _cannot_confirm(head: Token, lemma: str, verbal: bool, lex: ClaimLexicon) -> bool:
    """Does ``head`` say its content is not confirmed: a negated confirm verb ("could not
    confirm", "unable to verify"), a knowledge noun with "no" or under a negated verb ("no
    information on", "did not have details of"), a negated adjective ("not aware of")?"""
    if verbal and lemma in lex.confirm_verbs:
        return negated_verb(head)
    if head.pos_ == "NOUN" and lemma in lex.unconfirmed_nouns:
        if any(c.lower_ == "no" for c in head.children):
            return True
        return head.head.pos_ in ("VERB", "AUX") and negated_verb(head.head)
    if head.pos_ == "ADJ" and lemma in lex.unconfirmed_adjectives:
        return negated_verb(head)
    return False


def _clause_verb(tok: Token) -> Token:
    """The verb whose clause holds ``tok`` ("had" for "had no information")."""
    cur = tok
    for _ in range(4):
        if cur.pos_ in ("VERB", "AUX") or cur.head == cur:
            return cur
        cur = cur.head
    return cur


def _pass_claim_noun(noun: Token, lemma: str, path: _Path, ix: ClaimIndex) -> None:
    """ "the group's claim to …": the owner is the claimant; "unconfirmed reports" hedge, and
    so do bare "reports that …" that no verb above attributes."""
    owner = next((c for c in noun.children if c.dep_ in ("poss", "compound")), None)
    if owner is not None and path.claimant is None:
        path.claimant = ix.resolve(owner)
    if lemma in ix.lex.hedging_reporters and _unconfirmed(noun, ix):
        path.hedged = True
    if lemma in ix.lex.hedging_reporters and path.claimant is None:
        path.anonymous = noun  # hedges unless a reporting or denial verb takes it up


def _reporter_source(path: _Path, ix: ClaimIndex) -> tuple[Source | None, Ref | None]:
    """The source the reporting verb's subject names (a mere "reports say" hedges instead;
    "reports in X say", "X reports say": X's report, hedged, as after "according to")."""
    if path.reporter is None:
        return None, None
    reporter = counted(path.reporter, ix.lex)  # "a number of residents said": residents
    possessives = ix.lex.grammar["nonpersonal_possessives"]
    if any(c.dep_ == "poss" and c.lower_ in possessives for c in reporter.children):
        reporter = path.reporter  # "some of its members": the group's, read as before
    hedging = ix.lex.hedging_reporters
    if reporter.lemma_.lower() in hedging or reporter.lower_ in hedging:
        path.hedged = True
        carrier = _carrier(reporter, ix)
        return (ix.source_of(carrier, reporter), carrier) if carrier is not None else (None, None)
    ref = ix.resolve(reporter)
    if ref is None:
        return None, None
    return ix.source_of(ref, reporter), ref


def _according_source(trigger: Token, path: _Path, ix: ClaimIndex) -> Source | None:
    """ "according to X": X; "according to unconfirmed reports (carried by X)": hedged."""
    according = _according_to(trigger)
    if according is None:
        return None
    ref = ix.resolve(according)
    if according.lemma_.lower() in ix.lex.hedging_reporters:
        path.hedged = True
        ref = _carrier(according, ix)  # "unconfirmed reports carried by X": X's report
    return ix.source_of(ref, according) if ref is not None else None


def _quoted_source(trigger: Token, path: _Path, ix: ClaimIndex) -> Source | None:
    """The speaker of the quote around the trigger (an anonymous "sources said" hedges)."""
    quoted = ix.source_at(trigger.idx)
    if quoted is None:
        return None
    last = quoted.name.lower().split()[-1] if quoted.name.strip() else ""
    if quoted.actor_id is None and last in ix.lex.hedging_reporters:
        path.hedged = True
        return None
    return quoted


def _subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in _SUBJ]
    if subjects:  # a dateline parsed as a second subject ("CITY, May 1 - X said") is farther
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    if verb.tag_ == "VBG" and verb.dep_ == "advcl":  # "X did Y, saying …": X of the main verb
        root = verb.sent.root
        return next((c for c in root.children if c.dep_ in _SUBJ), None)
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head != verb:
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


def _report_carrier(report: Token, ix: ClaimIndex) -> Ref | None:
    """The named outlet (not a country: "reports in Syria" say where) that carries a bare
    report: "reports by X that …", "reports that … circulated in X"; never a name inside
    the report's content."""
    for host in (report, report.head):
        for prep in host.children:
            if prep.dep_ != "prep" or prep.lower_ not in ix.lex.preps["carrier"]:
                continue
            for t in (g for g in prep.children if g.dep_ == "pobj"):
                ref = ix.resolve(t)
                if ref is not None and ref.actor is not None and ref.actor.kind != "state":
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
        if cur.head == cur:
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

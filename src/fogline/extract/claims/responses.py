"""Answers to earlier claims: "the NRF denied the claims", "the claim could not be verified".

A response names no proposition of its own; it takes the one of the claim it answers (the
claim its noun owns, else the most recent compatible claim of another source) and gives
its own source a stance: denial verbs and "false"-words deny, negated confirmation verbs
("could not confirm") and doubt words ("exaggerated") hedge.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from fogline.extract.claims.draft import Draft, evidence, same_source
from fogline.extract.claims.index import ClaimIndex
from fogline.extract.claims.references import Ref
from fogline.extract.claims.syntax import negated_verb
from fogline.model import Source, Stance
from fogline.textnorm import fold

_SUBJ = ("nsubj", "nsubjpass")


@dataclass(slots=True)
class Response:
    """A stance taken on an earlier claim, not yet linked to it."""

    token: Token  # the response verb or adjective
    stance: Stance
    source: Source | None  # None: the outlet
    owner: Ref | None = None  # whose claim is answered ("the insurgents' claims")
    predicates: frozenset[str] = frozenset()  # those its content clause restates; {}: any


def find_responses(doc: Doc, ix: ClaimIndex, has_content: set[int]) -> Iterator[Response]:
    """Responses of ``doc``; ``has_content``: claim nouns whose own clause gave a claim."""
    lex = ix.lex
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") and lemma in lex.denial_verbs:
            if tok.dep_ in ("acomp", "oprd", "amod"):
                continue  # "control remained disputed"
            target = _target(tok, ix)
            if target is _NOT_A_CLAIM or (target is not None and target.i in has_content):
                continue
            if any(c.dep_ == "nsubjpass" for c in tok.children):
                continue  # "women were denied work"
            if any(c.dep_ in ("ccomp", "xcomp") for c in tok.children):
                continue  # "denied that …": the clause is read as a claim
            yield Response(tok, "denies", response_source(tok, ix), _owner(target, ix))
        elif tok.pos_ in ("VERB", "AUX") and lemma in lex.confirm_verbs:
            if not negated_verb(tok):
                continue
            content = _content_predicates(tok, ix)
            if content is not None and not content:
                continue  # "could not confirm that pilots had joined": no claim restated
            target = _target(tok, ix, any_noun=True)
            if target is _NOT_A_CLAIM:
                continue
            source, owner = response_source(tok, ix), _owner(target, ix)
            yield Response(tok, "unconfirmed", source, owner, content or frozenset())
        elif (
            lemma in lex.false_words or lemma in lex.doubt_words or tok.lower_ in lex.false_words
        ) and (tok.pos_ != "VERB" or tok.tag_ == "VBN"):  # "that lies near the border": no lie
            subject = _claim_subject(tok, ix)
            if subject is None or subject.i in has_content:
                continue
            stance: Stance = (
                "denies"
                if lemma in lex.false_words or tok.lower_ in (lex.false_words)
                else "hedges"
            )
            yield Response(tok, stance, response_source(tok, ix), _owner(subject, ix))


class _NotAClaim:
    pass


_NOT_A_CLAIM = _NotAClaim()


def _target(verb: Token, ix: ClaimIndex, *, any_noun: bool = False) -> Token | None | _NotAClaim:
    """The claim a response verb takes: its object, or the noun its relative clause modifies."""
    lex = ix.lex
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None and verb.dep_ == "relcl" and verb.head.lemma_.lower() in lex.claim_nouns:
        return verb.head  # "a claim the army swiftly denied"
    if obj is None:
        return None  # "… ; army denies"
    if obj.lemma_.lower() in lex.claim_nouns and any(
        c.dep_ in ("acl", "ccomp", "relcl") and c.pos_ in ("VERB", "AUX") for c in obj.children
    ):
        return _NOT_A_CLAIM  # "reports that …" with a content the lexicon did not read
    if obj.lemma_.lower() in lex.claim_nouns or obj.lower_ in lex.anaphors:
        return obj
    if any_noun and obj.pos_ in ("NOUN", "PRON"):
        return obj
    return _NOT_A_CLAIM


def _content_predicates(verb: Token, ix: ClaimIndex) -> frozenset[str] | None:
    """The predicates whose cues the content clause of a response verb names ("could not
    confirm that the rebels had seized the town": CONTROL, CAPTURED); None without one or
    when it only points back ("that it happened")."""
    content = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")), None)
    lex = ix.lex
    if content is None or any(
        c.dep_ in _SUBJ and c.lower_ in lex.anaphors for c in content.children
    ):
        return None  # "could not confirm that it happened": the earlier claim itself
    tables = (lex.verbs, lex.nouns, lex.adjectives)
    return frozenset(
        cue.predicate
        for t in content.subtree
        for table in tables
        for cue in table.get(t.lemma_.lower(), ())
    )


def _claim_subject(word: Token, ix: ClaimIndex) -> Token | None:
    """The claim noun a false/doubt word is said of ("the claims were propaganda")."""
    lex = ix.lex
    head = word
    if word.dep_ in ("attr", "acomp", "oprd"):
        head = word.head
    elif word.pos_ == "VERB" and word.tag_ == "VBN":
        head = word  # "the claim was exaggerated" (participle)
    subject = next((c for c in head.children if c.dep_ in _SUBJ), None)
    if subject is None and word.dep_ == "oprd":
        subject = next((c for c in head.children if c.dep_ == "dobj"), None)
    if subject is None:
        return None
    if subject.lemma_.lower() in lex.claim_nouns or subject.lower_ in lex.anaphors:
        return subject
    return None


def response_source(tok: Token, ix: ClaimIndex) -> Source | None:
    """Whoever gives the response: its subject, the reporter of its clause, or the speaker."""
    cur = tok
    reporting = ix.lex.reporting_verbs
    for _ in range(4):
        subject = next((c for c in cur.children if c.dep_ == "nsubj"), None)
        if cur.pos_ in ("VERB", "AUX") and subject is not None:
            if subject.lemma_.lower() in ix.lex.claim_nouns or subject.lower_ in ix.lex.anaphors:
                subject = None  # "the claims were false": look for who says so
            else:
                ref = ix.resolve(subject)
                if ref is not None:
                    return ix.source_of(ref, subject)
        if cur.head == cur:
            break
        if cur.head.lemma_.lower() in reporting or cur.dep_ in ("conj", "advcl", "ccomp", "acomp"):
            cur = cur.head
            continue
        break
    return ix.source_at(tok.idx)


def _owner(target: Token | None | _NotAClaim, ix: ClaimIndex) -> Ref | None:
    if not isinstance(target, Token):
        return None
    owner = next((c for c in target.children if c.dep_ in ("poss", "compound")), None)
    return ix.resolve(owner) if owner is not None else None


# --- linking a response to the claims it answers ------------------------------------------
def response_drafts(response: Response, drafts: list[Draft], ix: ClaimIndex) -> list[Draft]:
    """A response answers the claim found by :func:`_answered` and every other proposition
    its source stated in the same sentence ("X killed two and wounded five" - "X denied it")."""
    source = response.source or ix.outlet
    pos = response.token.idx
    if response.predicates:
        drafts = [d for d in drafts if d.predicate in response.predicates]
    target = _answered(pos, source, response.owner, drafts, ix)
    if target is None:
        return []
    start, end = evidence(response.token, ix)
    sent = ix.ctx.sentence_bounds(target.pos)
    first = ix.ctx.sentence_starts()
    low = sent[0] if first and sent[0] > first[0] else -1  # the first sentence takes all before
    same = [
        d for d in _between(drafts, low, pos)  # drafts are in text order (by pos)
        if d is target or (
            ix.ctx.sentence_bounds(d.pos) == sent and d.pos < pos and d.origin != "response"
            and (d.origin == "blame") == (target.origin == "blame")
            and d.stance == target.stance and same_source(d.source, target.source)
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


def _answered(
    pos: int, source: Source, owner: Ref | None, drafts: list[Draft], ix: ClaimIndex
) -> Draft | None:
    """The claim a response at ``pos`` answers: the owner's latest, else the latest of another
    source (in the same or the previous three paragraphs)."""
    p_start, _ = ix.paragraph_of(pos)
    window = p_start
    for _ in range(3):
        window = ix.paragraph_of(max(0, window - 2))[0]
    candidates = [
        d for d in _between(drafts, window, pos)  # drafts are in text order (by pos)
        if d.stance != "denies" and d.origin != "response" and not same_source(d.source, source)
    ]  # fmt: skip
    if owner is not None:
        own = [d for d in candidates if _owned_by(d, owner)]
        if own:
            return own[-1]
    return candidates[-1] if candidates else None


def _owned_by(d: Draft, owner: Ref) -> bool:
    names = {fold(owner.name)}
    if owner.actor is not None:
        names |= {fold(owner.actor.name), *(fold(a) for a in owner.actor.aliases)}
    src = {fold(n) for n in (d.source.name, d.source.affiliation, d.subject) if n}
    return bool(names & src) or bool(owner.actor and d.source.actor_id == owner.actor.id)


def _between(drafts: list[Draft], start: int, end: int) -> list[Draft]:
    """The drafts (sorted by ``pos``) with ``start <= pos < end``, by bisection."""
    lo = bisect.bisect_left(drafts, start, key=lambda d: d.pos)
    return drafts[lo : bisect.bisect_left(drafts, end, lo=lo, key=lambda d: d.pos)]

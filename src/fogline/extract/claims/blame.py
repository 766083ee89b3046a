"""Blame: "the committee blamed RSF artillery", "he blamed al-Shabaab for the attack".

Reports of violence often leave the perpetrator out of the sentence that gives the toll
("27 civilians were killed when shells struck the market") and name it in the next one, as
someone's accusation. A blame names who is held responsible; the extractor turns it into
the blamer's own claim of the violent proposition just reported, with that subject.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from fogline.extract.claims.draft import Draft, evidence
from fogline.extract.claims.index import ClaimIndex
from fogline.extract.claims.references import Ref
from fogline.extract.claims.syntax import agent_of, prep_object
from fogline.model import Source


@dataclass(slots=True)
class Blame:
    """Who is held responsible, by whom (None: the outlet), at which verb."""

    token: Token
    responsible: Ref
    source: Source | None


def find_blames(doc: Doc, ix: ClaimIndex) -> Iterator[Blame]:
    """Blames of ``doc``: active ("X blamed Y (for Z)", "X blamed Z on Y") or passive."""
    verbs = ix.lex.blame_verbs
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in verbs:
            continue
        if any(c.dep_ == "neg" for c in tok.children):
            continue
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
        responsible = prep_object(tok, ix.lex.preps["blamed"])
        if responsible is None and not passive:
            responsible = next((c for c in tok.children if c.dep_ == "dobj"), None)
        ref = ix.resolve(responsible)
        if ref is None or ref.actor is None:
            continue  # only a named or resolvable actor is worth a claim
        blamer = (
            agent_of(tok) if passive else next((c for c in tok.children if c.dep_ == "nsubj"), None)
        )
        by = ix.resolve(blamer)
        source = ix.source_of(by, blamer) if by is not None else ix.source_at(tok.idx)
        yield Blame(tok, ref, source)


def blame_claims(blame: Blame, drafts: list[Draft], ix: ClaimIndex) -> list[Draft]:
    """The blamer's claims: the violent propositions of the latest sentence before the blame
    (in its paragraph or the one before) that name no actor as subject, with the blamed one."""
    pos = blame.token.idx
    p_start, _ = ix.paragraph_of(pos)
    window = ix.paragraph_of(max(0, p_start - 2))[0]
    blamable = ix.lex.blamable_predicates
    lo = bisect.bisect_left(drafts, window, key=lambda d: d.pos)  # drafts are by pos
    hi = bisect.bisect_left(drafts, pos, lo=lo, key=lambda d: d.pos)
    candidates = [
        d for d in drafts[lo:hi]
        if d.predicate in blamable and d.stance != "denies"
        and d.origin not in ("response", "blame")
        and (d.subject is None or ix.actor_named(d.subject) is None)
    ]  # fmt: skip
    if not candidates:
        return []
    last = candidates[-1]
    start, end = evidence(blame.token, ix)
    source = blame.source or ix.outlet
    return [
        Draft(
            d.predicate,
            blame.responsible.name,
            d.object,
            d.place,
            d.date,
            start,
            end,
            pos,
            source,
            "asserts",
            origin="blame",
        )  # fmt: skip
        for d in candidates
        if d.start == last.start and d.end == last.end
    ]

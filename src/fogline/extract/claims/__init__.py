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
- ``ADVANCED(subject, place)``: forces moving on or close to a place they do not hold
  ("advancing on X", "near X", "10 km from X", "at the gates of X"), never CONTROL;
- ``NEGOTIATE(subject, object)``: talks with the object; ``DEMAND(subject, object)``;
- ``THREATEN(subject, object)``: a threat against the object ("threatened to kill X");
- ``CEASEFIRE(subject, object)``: a truce the subject agreed or announced with the object
  (its place, when the clause names none, the country the article is about).

Claims come from (1) the parse: a predicate cue and its arguments, inside or outside an
attribution ("X said they had seized the town", "‘The rebels haven’t captured Kidal’");
(2) territorial events of :mod:`fogline.extract.events` the parse did not already give;
(3) responses to earlier claims ("the army denied the claim", "the claim could not be
verified"), which copy the answered claim's proposition and point to it (``denies_claim``).
The source is the speaker; with none named, the outlet (``source``) or "the article".

Modules, in the order the extractor uses them: ``lexicon`` (the data), ``index`` (claims'
own lookups over the document, beside the shared :class:`DocContext`), ``propositions``,
``advances``, ``agreements`` and ``syntax`` (the parse), ``locatives`` (places from
locative phrases and agent doers, as events read them), ``stance``, ``clauses`` and
``arguments`` (a draft per proposition), ``from_events``, ``clusters`` (the doer and place a
claim's clause leaves out, from the real-world event its trigger reports), ``blame``, ``responses``,
``survival`` ("X is alive" denies that X was killed), and
``draft`` (completion and the records).

Example:
    >>> claims = extract_claims(doc, DocContext.of(doc, source="Wire", quotes=q, events=e))
    ... # doctest: +SKIP
    >>> claims[0].predicate, claims[0].subject, claims[0].place, claims[0].stance
    ('CONTROL', 'M23', 'Sake', 'asserts')
"""

from __future__ import annotations

from spacy.tokens import Doc

from fogline.extract.claims.arguments import claim_nouns_above, draft_of
from fogline.extract.claims.blame import blame_claims, find_blames
from fogline.extract.claims.clauses import fill_places
from fogline.extract.claims.clusters import lend_cluster_roles
from fogline.extract.claims.draft import Draft, complete, dedupe, to_claims
from fogline.extract.claims.from_events import event_claims
from fogline.extract.claims.index import ClaimIndex
from fogline.extract.claims.lexicon import ClaimLexicon, load_lexicon
from fogline.extract.claims.propositions import PropositionReader
from fogline.extract.claims.responses import find_responses, response_drafts
from fogline.extract.claims.survival import survival_drafts
from fogline.extract.context import DocContext
from fogline.model import Claim

__all__ = ["extract_claims", "PREDICATES"]


def __getattr__(name: str) -> tuple[str, ...]:
    """``PREDICATES``: the closed set of predicates, in the order of ``predicates.yaml``."""
    if name == "PREDICATES":
        return load_lexicon().predicates()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def extract_claims(
    doc: Doc, ctx: DocContext, *, lexicon: ClaimLexicon | None = None
) -> list[Claim]:
    """Claims of ``doc``: predicate, subject, place, date, source and stance.

    Args:
        doc: the parsed cleaned text.
        ctx: reads ``source`` (the outlet, the source of what the article itself narrates)
            and the finished layers quotes, events, actors, places, times and paragraphs (each
            may be empty; claims then rest on the parse alone).
        lexicon: the cues and word lists (default: ``data/claims/`` and ``data/grammar.yaml``).
    Returns:
        Claims in text order; a denial's ``denies_claim`` is an index into this list.
    """
    ix = ClaimIndex(doc, ctx, lexicon or load_lexicon())
    reader = PropositionReader(ix)
    drafts: list[Draft] = []
    content_nouns: set[int] = set()
    for prop in reader.read(doc):
        draft = draft_of(prop, ix, reader)
        if draft is not None:
            drafts.append(draft)
            content_nouns |= claim_nouns_above(prop.trigger, ix)
    drafts.extend(event_claims(ctx.events, drafts, ix))
    drafts.sort(key=lambda d: d.pos)
    lend_cluster_roles(drafts, ctx.events, ix)
    fill_places(drafts, ix)
    # blames and responses read the drafts before them only (sorted by pos, bisected): the
    # drafts they add are appended once all are read
    blamed = [d for blame in find_blames(doc, ix) for d in blame_claims(blame, drafts, ix)]
    drafts.extend(blamed)
    drafts.sort(key=lambda d: d.pos)
    answers = [
        d
        for response in find_responses(doc, ix, content_nouns)
        for d in response_drafts(response, drafts, ix)
    ]
    drafts.extend(answers)
    drafts.extend(survival_drafts(doc, drafts, ix))
    drafts.sort(key=lambda d: d.pos)
    drafts = complete(drafts, ix.lex)
    return to_claims(dedupe(drafts), ix)

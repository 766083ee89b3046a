"""The working record of the claims extractor and how drafts become :class:`Claim` records.

A :class:`Draft` is a claim before completion: denials and bare control claims take their
missing arguments from the claim they answer (:func:`complete`), duplicates of one proposition,
source and stance are dropped (:func:`dedupe`), and the rest become records (:func:`to_claims`).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from spacy.tokens import Token

from fogline.extract.claims.index import ClaimIndex
from fogline.extract.claims.lexicon import ClaimLexicon
from fogline.extract.spans import sentence
from fogline.model import Claim, Source, Stance
from fogline.textnorm import fold


@dataclass(slots=True)
class Draft:
    """A claim being assembled: arguments as names, evidence span, trigger offset ``pos``."""

    predicate: str
    subject: str | None
    object: str | None
    place: str | None
    date: str | None
    start: int
    end: int
    pos: int
    source: Source
    stance: Stance
    place_inferred: bool = False
    origin: str = "frame"
    link: Draft | None = None


def evidence(trigger: Token, ix: ClaimIndex) -> tuple[int, int]:
    """The sentence of the trigger, inside its quote and paragraph, without outer spaces."""
    sent = sentence(trigger)
    start, end = sent.start_char, sent.end_char
    quote = ix.quote_at(trigger.idx, attributed=False)
    if quote is not None:
        start, end = max(start, quote.start), min(end, quote.end)
    p_start, p_end = ix.paragraph_of(trigger.idx)
    start, end = max(start, p_start), min(end, p_end)
    text = ix.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_question(trigger: Token, ix: ClaimIndex) -> bool:
    """ "Has the town fallen?" states nothing (unless someone is quoted asking it)."""
    sent = sentence(trigger)
    asks = ix.questions.get(sent.start)
    if asks is None:  # once per sentence: Span.text joins every token of the sentence
        asks = ix.questions[sent.start] = (
            ix.text[sent.start_char : sent.end_char].rstrip()[-1:] == "?"
        )
    return asks and ix.quote_at(trigger.idx) is None


def same_source(a: Source, b: Source) -> bool:
    """The two sources are one actor (by id) or share a name or affiliation."""
    if a.actor_id and a.actor_id == b.actor_id:
        return True
    names_a = {fold(n) for n in (a.name, a.affiliation) if n}
    names_b = {fold(n) for n in (b.name, b.affiliation) if n}
    return bool(names_a & names_b)


# --- completion, duplicates, records -----------------------------------------------------------
def complete(drafts: list[Draft], lex: ClaimLexicon) -> list[Draft]:
    """Denials, and control claims that name only the place, take their missing arguments
    from the claim they answer ("the town has not fallen" → who was said to take it)."""
    out = []
    # predicate → the latest draft so far that is no denial, one per distinct (source, place,
    # subject, object): drafts alike in these answer alike, so the look back skips a run of
    # claims by the denier's own source at once (a scan of every earlier draft was quadratic)
    earlier: dict[str, dict[tuple, Draft]] = {}
    for d in drafts:
        gap = d.subject is None and d.origin in ("fall", "lose", "transitive")
        if d.origin != "response" and (d.stance == "denies" or gap):
            target = _earlier_match(d, earlier.get(d.predicate, {}), lex)
            if target is not None:
                d.subject = d.subject or target.subject
                d.place = d.place or target.place
                d.object = d.object or target.object
                if d.stance == "denies":
                    d.link = target
        if d.stance != "denies":  # read after completion, as the original slice was
            alike = earlier.setdefault(d.predicate, {})
            key = _answer_key(d)
            alike.pop(key, None)
            alike[key] = d  # the latest of its kind, moved to the end
        if d.predicate in lex.need_subject_predicates and d.subject is None:
            continue
        if d.predicate == "CONTROL" and d.place is None:
            continue
        out.append(d)
    return out


def _answer_key(d: Draft) -> tuple:
    """What :func:`_earlier_match` reads of an earlier draft."""
    src = d.source
    return (
        src.actor_id or None,
        fold(src.name) if src.name else None,
        fold(src.affiliation) if src.affiliation else None,
        fold(d.place) if d.place else None,
        fold(d.subject) if d.subject else None,
        d.object or None,
    )


def _earlier_match(d: Draft, earlier: dict[tuple, Draft], lex: ClaimLexicon) -> Draft | None:
    """The latest earlier claim ``d`` answers (``earlier``: the latest draft before it of its
    predicate that is no denial for each :func:`_answer_key`, in the order of those drafts)."""
    for e in reversed(earlier.values()):
        if same_source(e.source, d.source):
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


def dedupe(drafts: list[Draft]) -> list[Draft]:
    """One claim per proposition, source and stance in the document: a source that says the
    same thing twice (the lead and the body, a caption repeating a paragraph) made one claim,
    kept where it is first stated; a denial of a dropped repeat links to the kept one."""
    out: list[Draft] = []
    kept: dict[tuple[str, ...], Draft] = {}
    same_as: dict[int, Draft] = {}  # id of a dropped repeat → the draft kept for it
    for d in drafts:
        key = _key(d)
        first = kept.get(key)
        if first is None:
            kept[key] = d
            out.append(d)
            continue
        same_as[id(d)] = first
        if d.link is not None and first.link is None:
            first.link = d.link
    for d in out:
        if d.link is not None and id(d.link) in same_as:
            d.link = same_as[id(d.link)]
    return out


class _Spans:
    """Drafts kept so far under one key; ``first_overlapping`` finds the first kept (in the
    order kept) whose evidence overlaps [start, end), looking only at drafts that start less
    than the longest evidence before ``start`` (a scan of every kept draft was quadratic)."""

    def __init__(self) -> None:
        self.starts: list[tuple[int, int]] = []  # (start, order kept)
        self.drafts: list[Draft] = []
        self.longest = 0

    def add(self, d: Draft) -> None:
        at = bisect.bisect_right(self.starts, (d.start, len(self.drafts)))
        self.starts.insert(at, (d.start, len(self.drafts)))
        self.drafts.append(d)
        self.longest = max(self.longest, d.end - d.start)

    def first_overlapping(self, start: int, end: int) -> Draft | None:
        lo = bisect.bisect_left(self.starts, (start - self.longest, -1))
        hi = bisect.bisect_left(self.starts, (end, -1))  # kept.start < end
        hits = [k for s, k in self.starts[lo:hi] if start < self.drafts[k].end]
        return self.drafts[min(hits)] if hits else None


def to_claims(drafts: list[Draft], ix: ClaimIndex) -> list[Claim]:
    """The claim records, in order; a denial links to the index of the claim it answers."""
    index = {id(d): i for i, d in enumerate(drafts)}
    claims = []
    for d in drafts:
        link = index.get(id(d.link)) if d.link is not None and d.stance == "denies" else None
        claims.append(
            Claim(
                predicate=d.predicate,
                text=ix.text[d.start : d.end],
                start=d.start,
                end=d.end,
                source=d.source,
                stance=d.stance,
                subject=d.subject,
                object=d.object,
                place=d.place,
                date=d.date,
                paragraph_kind=ix.ctx.paragraph_kind_at(d.start),
                denies_claim=link,
            )
        )
    return [replace(c) for c in claims]

"""The working record of the claims extractor, before it becomes a :class:`Claim`."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from fogline.extract.claims.context import Context
from fogline.model import Source, Stance


@dataclass(slots=True)
class Draft:
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


def evidence(trigger: Token, ctx: Context) -> tuple[int, int]:
    """The sentence of the trigger, inside its quote and paragraph, without outer spaces."""
    sent = trigger.sent
    start, end = sent.start_char, sent.end_char
    quote = ctx.quote_at(trigger.idx, attributed=False)
    if quote is not None:
        start, end = max(start, quote.start), min(end, quote.end)
    p_start, p_end = ctx.paragraph_of(trigger.idx)
    start, end = max(start, p_start), min(end, p_end)
    text = ctx.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_question(trigger: Token, ctx: Context) -> bool:
    """ "Has the town fallen?" states nothing (unless someone is quoted asking it)."""
    sent = trigger.sent
    return sent.text.rstrip().endswith("?") and ctx.quote_at(trigger.idx) is None

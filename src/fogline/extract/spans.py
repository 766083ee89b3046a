"""Span helpers shared by the extractors, cheap on long documents.

``Doc.text``, ``Doc.ents`` and ``Span.sent`` rebuild their result from every token on each call;
called once per quote or per trigger they make an extractor quadratic in the document's length.
These helpers read the token's own entity tags, or compute the result once per document.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

_TEXT_KEY = "fogline.text"


def text_of(doc: Doc) -> str:
    """``doc.text``, joined from the tokens once per document and then reused."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


class Intervals:
    """Half-open character ranges; ``pos in ranges`` equals ``any(s <= pos < e for s, e in
    ranges)`` but bisects their sorted union instead of scanning every range."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(r for r in ranges if r[0] < r[1]):
            if self._ends and start <= self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], end)
            else:
                self._starts.append(start)
                self._ends.append(end)

    def __contains__(self, pos: int) -> bool:
        k = bisect.bisect_right(self._starts, pos) - 1
        return k >= 0 and pos < self._ends[k]


def entity_of(tok: Token) -> Span | None:
    """The named entity that contains ``tok``, or None (from IOB tags: no scan of the doc)."""
    if not tok.ent_type_:
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=tok.ent_type_)

"""Bounds of a reported clause that quotes some words: the marks go with the words."""

from __future__ import annotations

from collections.abc import Sequence

_OPENING = "\"'“‘«‹„‚"
_CLOSING = "\"'”’»›“‘"


def with_whole_quotes(
    text: str, start: int, end: int, quoted: Sequence[tuple[int, int]]
) -> tuple[int, int]:
    """``(start, end)`` of a reported clause widened so that a quotation it opens or closes
    keeps its marks: "the attack avenged the ‘interest of their oil companies.’" ends after
    the closing mark, not inside the quotation; "said “a number of Americans” were held"
    starts at the opening mark. ``quoted`` are the inner spans of the direct quotes."""
    for qs, qe in quoted:
        if start <= qs < end < qe and not text[end:qe].strip(".,;:!?… "):
            end = qe + 1 if qe < len(text) and text[qe] in _CLOSING else qe
        if qs == start and qe < end and qs > 0 and text[qs - 1] in _OPENING:
            start = qs - 1
    return start, end

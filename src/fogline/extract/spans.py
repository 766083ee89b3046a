"""Span helpers shared by the extractors, cheap on long documents.

``Doc.text``, ``Doc.ents`` and ``Span.sent`` rebuild their result from every token on each call;
called once per quote or per trigger they make an extractor quadratic in the document's length.
These helpers read the token's own entity tags, or compute the result once per document.

The interval indexes answer, in O(log n), what a scan of every quote, paragraph or mention
would answer: called once per token, trigger or quote, a scan makes an extractor quadratic in
the number of quotes, paragraphs or entities (issue 11: ``"“" * 16000``).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from typing import Generic, TypeVar

from spacy.tokens import Doc, Span, Token

V = TypeVar("V")

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


_SENTS_KEY = "fogline.sentences"


def sentence(tok: Token) -> Span:
    """``tok.sent``, from an index built once per document (``Token.sent`` scans the tokens of
    its sentence on every call: quadratic in a text without sentence ends)."""
    doc = tok.doc
    index = doc.user_data.get(_SENTS_KEY)
    if index is None:
        sents = list(doc.sents)
        owner = [0] * len(doc)
        for i, sent in enumerate(sents):
            for j in range(sent.start, sent.end):
                owner[j] = i
        index = (sents, owner)
        doc.user_data[_SENTS_KEY] = index
    return index[0][index[1][tok.i]]


class FirstCover(Generic[V]):
    """For a position, the value of the first interval (in the order given) that contains it.

    ``FirstCover(items).at(pos)`` equals ``next((v for s, e, v in items if s <= pos < e), None)``
    for half-open intervals; each elementary segment between two interval ends is painted once
    by the first interval over it, then a query bisects.
    """

    __slots__ = ("_points", "_values")

    def __init__(self, items: Iterable[tuple[int, int, V]]) -> None:
        ranges = [(s, e, v) for s, e, v in items if s < e]
        self._points = sorted({p for s, e, _ in ranges for p in (s, e)})
        index = {p: k for k, p in enumerate(self._points)}
        self._values: list[V | None] = [None] * max(0, len(self._points) - 1)
        painted = [False] * len(self._values)
        skip = list(range(len(self._points)))  # next segment that may be unpainted, at or after

        def next_free(k: int) -> int:
            root = k
            while skip[root] != root:
                root = skip[root]
            while skip[k] != root:
                skip[k], k = root, skip[k]
            return root

        for s, e, value in ranges:
            k, stop = next_free(index[s]), index[e]
            while k < stop:
                if not painted[k]:
                    painted[k] = True
                    self._values[k] = value
                skip[k] = k + 1
                k = next_free(k + 1)

    def at(self, pos: int) -> V | None:
        """The value painted at ``pos``, or None."""
        k = bisect.bisect_right(self._points, pos) - 1
        return self._values[k] if 0 <= k < len(self._values) else None


class Coverage:
    """``overlap(start, end)`` equals ``sum(max(0, min(e, end) - max(s, start)) for s, e in
    ranges)``: the integral of the number of ranges over [start, end), from prefix sums."""

    __slots__ = ("_area", "_level", "_points")

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        delta: dict[int, int] = {}
        for s, e in ranges:
            if s < e:
                delta[s] = delta.get(s, 0) + 1
                delta[e] = delta.get(e, 0) - 1
        self._points = sorted(delta)
        self._level: list[int] = []  # ranges over [points[k], points[k + 1])
        self._area: list[int] = []  # the integral up to points[k]
        level = area = 0
        for k, p in enumerate(self._points):
            if k:
                area += level * (p - self._points[k - 1])
            level += delta[p]
            self._area.append(area)
            self._level.append(level)

    def _upto(self, x: int) -> int:
        k = bisect.bisect_right(self._points, x) - 1
        if k < 0:
            return 0
        return self._area[k] + self._level[k] * (x - self._points[k])

    def overlap(self, start: int, end: int) -> int:
        """How many characters of [start, end) the ranges cover."""
        return self._upto(end) - self._upto(start) if start < end else 0


_ACRONYM_SHAPE = re.compile(r"[A-Z][A-Z0-9&.-]{1,7}")
_ACRONYM_RUN = re.compile(r"(?<!\w)(?=([A-Z][A-Z0-9&.-]{1,7}))")  # every start, overlapping
_BOUNDARY = re.compile(r"\b")


@functools.lru_cache(maxsize=8)
def _acronym_words(text: str) -> frozenset[str]:
    """Every string of acronym shape that ``re.search(rf"\\b{re.escape(it)}\\b", text)`` finds."""
    found = set()
    for m in _ACRONYM_RUN.finditer(text):
        start = m.start()
        for end in range(start + 2, m.end(1) + 1):
            if _BOUNDARY.match(text, end):
                found.add(text[start:end])
    return frozenset(found)


def word_in(text: str, word: str) -> bool:
    """``bool(re.search(rf"\\b{re.escape(word)}\\b", text))``; an acronym ("NRF", "U.N") is
    looked up in the acronyms of ``text`` found once, instead of a scan of the text per name."""
    if _ACRONYM_SHAPE.fullmatch(word):
        return word in _acronym_words(text)
    return re.search(rf"\b{re.escape(word)}\b", text) is not None


class Stabbing:
    """Indices of the intervals that contain a position, among intervals sorted by start:
    ``containing(pos)`` equals ``[i for i, (s, e) in enumerate(ranges) if s <= pos < e]`` but
    descends a tree of the largest end per block instead of scanning every interval."""

    __slots__ = ("_size", "_starts", "_tree")

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self._starts = [s for s, _ in ranges]
        if any(a > b for a, b in zip(self._starts, self._starts[1:], strict=False)):
            raise ValueError("Stabbing needs intervals sorted by start")
        size = 1
        while size < len(ranges):
            size *= 2
        self._size = size
        tree = [-(1 << 62)] * (2 * size)
        for i, (_, e) in enumerate(ranges):
            tree[size + i] = e
        for node in range(size - 1, 0, -1):
            tree[node] = max(tree[2 * node], tree[2 * node + 1])
        self._tree = tree

    def containing(self, pos: int) -> list[int]:
        """Indexes of the intervals that contain ``pos``."""
        limit = bisect.bisect_right(self._starts, pos)  # intervals [0, limit) start at or before
        out: list[int] = []
        tree, size = self._tree, self._size
        stack = [(1, 0, size)]
        while stack:
            node, lo, hi = stack.pop()
            if lo >= limit or tree[node] <= pos:
                continue
            if node >= size:
                out.append(lo)
                continue
            mid = (lo + hi) // 2
            stack.append((2 * node + 1, mid, hi))
            stack.append((2 * node, lo, mid))
        return out

"""Text structure shared by the extractors: quotation marks, paragraphs and sentence ends.

Quotation spans come from the marks, with nesting and paragraph continuation.

Handles “…”, "…", ‘…’, '…', «…», „…“ and ‚…‘. A closing single mark doubles as the
apostrophe: ’ or ' between two letters (haven’t) never opens or closes a quote, and a closing
mark must be followed by a non-letter. A quote left open at the end of a paragraph runs to the
end of that paragraph; when the next paragraph opens with a quote mark it continues the same
quotation (``continues`` points at the previous segment).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from fogline.data import load_lines

DOUBLE, SINGLE, GUILLEMET = "double", "single", "guillemet"

# character → (kind, role); role is "open", "close" or "either"
_MARKS: dict[str, tuple[str, str]] = {
    "\u201c": (DOUBLE, "open"),  # “ (also closes „)
    "\u201d": (DOUBLE, "close"),  # ”
    "\u201e": (DOUBLE, "open"),  # „
    '"': (DOUBLE, "either"),
    "\u2018": (SINGLE, "open"),  # ‘ (also closes ‚)
    "\u2019": (SINGLE, "close"),  # ’
    "\u201a": (SINGLE, "open"),  # ‚
    "'": (SINGLE, "either"),
    "\u00ab": (GUILLEMET, "open"),  # «
    "\u00bb": (GUILLEMET, "close"),  # »
    "\u2039": (GUILLEMET, "open"),  # ‹
    "\u203a": (GUILLEMET, "close"),  # ›
}
_LOW_OPENERS = {"\u201e": "\u201c", "\u201a": "\u2018"}  # „…“ and ‚…‘
_TRAILING = " \t\n,;:"
_CLOSERS = "'\"\u2019\u201d\u00bb\u203a"
_PAIRED = "\x00"  # stands for the second character of a two-character mark
QUOTE_CHARS = frozenset(_MARKS)


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quoted segment: ``start``/``end`` exclude the marks; ``open``/``close`` are the marks."""

    start: int
    end: int
    open: int
    close: int | None  # None when the quote runs to the end of its paragraph
    paragraph: int
    continues: int | None = None  # index (in the result list) of the segment this one continues


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _decide(
    text: str, i: int, p_start: int, kind: str, role: str, stack: list[tuple[str, str, int]]
) -> str | None:
    """Whether the mark at ``i`` opens or closes a quote here, or is an apostrophe (None)."""
    prev = text[i - 1] if i > p_start else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt == _PAIRED:
        nxt = text[i + 2] if i + 2 < len(text) else " "
    if kind == SINGLE and _is_word(prev) and _is_word(nxt):
        return None  # haven’t, don't, Ta'if
    if role == "close" and _is_word(nxt):
        return None  # ’90s, ’em: elision, not a closing mark
    if stack and _LOW_OPENERS.get(stack[-1][1]) == text[i]:
        return "close"  # „…“ and ‚…‘
    if role != "either":
        return role
    has_open = any(k == kind for k, _, _ in stack)
    if has_open and not prev.isspace() and not _is_word(nxt):
        return "close"
    if has_open and prev == " " and i - 2 >= p_start and text[i - 2] in _CLOSERS:
        return "close"  # "… the term 'outreach,' " he said: spaced after a nested quote
    if (prev.isspace() or prev in "([{–—-/\u201c\u2018") and not nxt.isspace():
        return "open"
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] == _PAIRED):
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return start, end


def find_quote_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[QuoteSpan]:
    """Top-level quoted segments of ``text``, paragraph by paragraph, in order.

    Args:
        text: the cleaned document text.
        paragraphs: (start, end) of each paragraph, in order.
    Returns:
        Segments outside any other quote; nested quotes stay inside their outer segment.
    """
    if "''" in text or "``" in text:  # typewriter double quotes: ``…'' and ''…''
        text = text.replace("``", '"' + _PAIRED).replace("''", '"' + _PAIRED)
    spans: list[QuoteSpan] = []
    carried = False  # the previous paragraph ended inside a quote
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        stack: list[tuple[str, str, int]] = []  # (kind, mark, offset)
        first_mark = _first_non_space(text, p_start, p_end)
        for i in range(p_start, p_end):
            ch = text[i]
            if ch not in _MARKS:
                continue
            kind, role = _MARKS[ch]
            decided = _decide(text, i, p_start, kind, role, stack)
            if decided is None:
                continue
            if decided == "open":
                stack.append((kind, ch, i))
                continue
            depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][0] == kind), None)
            if depth is None:
                continue  # a closing mark with nothing open: possessive or stray mark
            opened = stack[depth][2]
            del stack[depth:]
            if depth == 0:
                spans.append(_segment(text, opened, i, p_index, carried, first_mark, spans))
        if stack:
            opened = stack[0][2]
            spans.append(_segment(text, opened, None, p_index, carried, first_mark, spans, p_end))
            carried = True
        else:
            carried = False
    return _kept(text, spans)


def _kept(text: str, spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """The segments worth reporting (not empty, not a nickname), with ``continues`` pointing
    into the returned list; a segment whose predecessor was dropped continues nothing."""
    position: dict[int, int] = {}
    out: list[QuoteSpan] = []
    for i, seg in enumerate(spans):
        if seg.end <= seg.start or _nickname(text, seg):
            continue
        if seg.continues is not None:
            seg = replace(seg, continues=position.get(seg.continues))
        position[i] = len(out)
        out.append(seg)
    return out


def _nickname(text: str, seg: QuoteSpan) -> bool:
    """Marcia "Cia" Price: one or two capitalised words quoted between two parts of a name."""
    if seg.close is None:
        return False
    words = text[seg.start : seg.end].split()
    before = text[max(0, seg.open - 30) : seg.open].split()
    after = text[seg.close + 1 : seg.close + 30].split()
    return (
        0 < len(words) <= 2
        and all(w[:1].isupper() for w in words)
        and text[seg.open - 1 : seg.open] == " "
        and text[seg.close + 1 : seg.close + 2] == " "
        and bool(before and after)
        and before[-1][:1].isupper()
        and after[0][:1].isupper()
        and before[-1][-1:].isalpha()
    )


def _first_non_space(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _segment(
    text: str,
    opened: int,
    closed: int | None,
    paragraph: int,
    carried: bool,
    first_mark: int,
    spans: list[QuoteSpan],
    p_end: int | None = None,
) -> QuoteSpan:
    end = closed if closed is not None else (p_end or len(text))
    start, end = _trim(text, opened + 1, end)
    continues = None
    if carried and opened == first_mark and spans and spans[-1].close is None:
        continues = len(spans) - 1
    return QuoteSpan(start, end, opened, closed, paragraph, continues)


# -- paragraphs and sentences -----------------------------------------------------------------

TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
"""A paragraph's final punctuation (closing quote marks and brackets after it allowed)."""
WORD = re.compile(r"[^\W_][\w’'-]*")
"""A word: starts with a letter or digit."""
UNWRAPPED_LINE = 100
"""Characters: a line this long was not hard-wrapped, so its newline ends a paragraph."""


@functools.cache
def _abbreviations() -> frozenset[str]:
    """Abbreviations ending in a full stop that do not end a sentence (``data/text/``)."""
    return frozenset(load_lines("text/abbreviations.txt"))


def segment_paragraphs(
    text: str,
    *,
    bullet: re.Pattern[str] | None = None,
    furniture: Callable[[str], bool] | None = None,
) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blank-line separated blocks, each ``bullet`` line its own.

    A text without any blank line whose lines mostly end a sentence is read one paragraph a
    line. A block with a line of :data:`UNWRAPPED_LINE` characters or a line that is page
    ``furniture`` ("Tags: ...") is no hard-wrapped prose: each of its lines is a paragraph.
    The paragraph layer cuts with the cues of ``data/clean/``; without cues this is the same
    cut, used where no paragraph layer exists.
    """
    lines: list[tuple[int, int]] = []  # (start, end) of each line without its "\n"
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    filled = [(s, e) for s, e in lines if text[s:e].strip()]
    inner = lines[lines.index(filled[0]) : lines.index(filled[-1]) + 1] if filled else []
    one_per_line = len(filled) == len(inner) and len(filled) >= 3  # no blank line inside
    if one_per_line:
        ended = sum(bool(TERMINAL.search(text[s:e].rstrip())) for s, e in filled)
        one_per_line = ended >= 0.6 * len(filled)
    spans: list[tuple[int, int]] = []
    block: list[tuple[int, int]] = []
    for s, e in lines:
        line = text[s:e]
        if not line.strip():
            _flush(text, block, spans, furniture)
            continue
        if one_per_line or (bullet is not None and bullet.match(line)):
            _flush(text, block, spans, furniture)
        block.append((s, e))
    _flush(text, block, spans, furniture)
    return spans


def _flush(
    text: str,
    block: list[tuple[int, int]],
    spans: list[tuple[int, int]],
    furniture: Callable[[str], bool] | None,
) -> None:
    """Close the paragraph of ``block`` (lines), or one per line when not wrapped prose."""
    if len(block) > 1 and any(
        e - s >= UNWRAPPED_LINE or (furniture is not None and furniture(text[s:e]))
        for s, e in block
    ):
        for line in list(block):
            block[:] = [line]
            _flush(text, block, spans, furniture)
        return
    if block:
        first = text[block[0][0] : block[0][1]]
        start = block[0][0] + len(first) - len(first.lstrip())
        end = block[-1][0] + len(text[block[-1][0] : block[-1][1]].rstrip())
        spans.append((start, end))
        block.clear()


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs of ``text`` cut without the paragraph cues."""
    return segment_paragraphs(text)


def split_unwrapped(text: str, bounds: list[tuple[int, int]]) -> list[tuple[tuple[int, int], int]]:
    """Paragraphs cut at every single newline when their lines were not hard-wrapped.

    Scraped text often separates paragraphs by one newline. A block with a line of at least
    :data:`UNWRAPPED_LINE` characters is not hard-wrapped, so each of its lines is a
    paragraph; a hard-wrapped block (all lines short) stays whole. Returns ((start, end),
    index of the original bound).
    """
    out: list[tuple[tuple[int, int], int]] = []
    for index, (start, end) in enumerate(bounds):
        lines = []
        pos = start
        for line in text[start:end].split("\n"):
            lines.append((pos, pos + len(line)))
            pos += len(line) + 1
        if len(lines) == 1 or max(e - s for s, e in lines) < UNWRAPPED_LINE:
            out.append(((start, end), index))
            continue
        for s, e in lines:
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append(((s, e), index))
    return out


_SENTENCE_END = re.compile(r"[.!?]['\"’”]?\s")


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence end of ``text`` (titles and initials are not ends)."""
    abbreviations = _abbreviations()
    ends = []
    for m in _SENTENCE_END.finditer(text):
        dot = m.start()
        if text[dot] == ".":
            # the word before the dot, read backwards (as ``(\w+)$`` finds it: "$" also
            # matches before a final newline); a regex search for it from the start of the
            # text made this quadratic in the number of sentences
            last = dot - 1 if dot > 0 and text[dot - 1] == "\n" else dot
            first = last
            while first > 0 and (text[first - 1].isalnum() or text[first - 1] == "_"):  # \w
                first -= 1
            w = text[first:last]
            if w and (w in abbreviations or (len(w) == 1 and w.isupper())):
                continue
        ends.append(m.end())
    return ends

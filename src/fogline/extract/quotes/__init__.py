"""Quotations and indirect speech with speakers, cues and channels.

Direct quotes come from quotation marks (:mod:`.marks`); each segment is attributed to the cue
of its sentence ("‘…,’ X said", "X said: ‘…’", "said X"), to the cue that governs it when it
is a partial quote, or to the previous speaker when it continues a quotation or opens a quote
paragraph without a cue. Short quotes (1–3 words) that no cue governs are scare quotes and stay
unattributed. Indirect speech is the reported clause of a cue ("X said that …", "according to
X") with ``direct=False``. Speakers are the actors of :func:`fogline.extract.actors.extract_actors`.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Token

from fogline.extract.actors.lexicon import lexicon as actor_lexicon
from fogline.extract.context import DocContext
from fogline.extract.quotes.bounds import with_whole_quotes
from fogline.extract.quotes.cues import Cue, channel_of, find_cues
from fogline.extract.quotes.frames import (
    byline_cue,
    closing_cue,
    colon_cue,
    intro_cue,
    inverted_cue,
)
from fogline.extract.quotes.lexicon import load_lexicon
from fogline.extract.quotes.nesting import without_nested, without_quoted_fragments
from fogline.extract.quotes.speakers import SpeakerFinder
from fogline.extract.spans import Coverage, FirstCover, Intervals, text_of
from fogline.extract.text import QuoteSpan, sentence_ends
from fogline.model import Actor, Paragraph, Quote, SpanRef, Speaker, TimeRef

__all__ = ["extract_quotes"]

_GOVERNING = {"nsubj", "nsubjpass", "dobj", "dative", "npadvmod"}


def extract_quotes(doc: Doc, ctx: DocContext) -> list[Quote]:
    """Direct quotes and indirect speech of ``doc``, attributed to actors where possible.

    Reads ``ctx.actors`` (speakers), ``ctx.paragraphs`` (bounds and kinds; blank-line
    paragraphs when there are none) and ``ctx.times`` (dates of statements).

    Example:
        >>> doc = nlp("‘We hold the bridge,’ rebel spokesman Ali Musa said.")
        >>> ctx = DocContext.of(doc)
        >>> ctx.add("actors", extract_actors(doc, ctx))
        >>> extract_quotes(doc, ctx)[0].speaker.name
        'Ali Musa'
    """
    actors: Sequence[Actor] = ctx.actors
    paragraphs: Sequence[Paragraph] = ctx.paragraphs
    times: Sequence[TimeRef] = ctx.times
    text = text_of(doc)
    split = ctx.paragraph_segments()
    bounds = [b for b, _ in split]
    kinds = [paragraphs[i].kind if paragraphs else "body" for _, i in split]
    segments = ctx.quote_spans()
    quoted = [(s.start, s.end) for s in segments]
    quoted_ranges = Intervals(quoted)

    def in_quote(pos: int) -> bool:
        return pos in quoted_ranges

    cues = find_cues(doc, in_quote)
    speakers = SpeakerFinder(doc, actors)
    direct = _attribute_segments(doc, segments, bounds, cues, speakers, in_quote)
    where = FirstCover((s, e, i) for i, (s, e) in enumerate(bounds))
    out = [
        _quote(text, seg.start, _inner_end(text, seg), True, cue, speaker, channel, where, kinds)
        for seg, (cue, speaker, channel) in zip(segments, direct, strict=True)
        if speaker is not None or not _marked_phrase(text[seg.start : _inner_end(text, seg)])
    ]
    indirect = without_nested(_indirect(doc, cues, quoted, speakers, where, kinds))
    out = [*without_quoted_fragments(out, indirect), *indirect]
    _inherit_channels(out, bounds)
    if times:
        out = _attach_dates(doc, out, times)
    return sorted(out, key=lambda q: (q.start, q.end))


MARKED_PHRASE_WORDS = 4
"""An unattributed quotation this short that is no sentence is a marked phrase (a scare
quote, a name, a slogan: "a more ‘inclusive’ transition"), not a quotation of anyone."""


def _marked_phrase(quoted: str) -> bool:
    words = quoted.split()
    return len(words) <= MARKED_PHRASE_WORDS and not quoted.rstrip().endswith((".", "!", "?"))


def _inner_end(text: str, seg: QuoteSpan) -> int:
    """End of a quote's words with the comma the speaker's sentence breaks at, inside the
    marks ("‘We hold it,’ she said" → "We hold it,"), as written."""
    if seg.close is not None and text[seg.end : seg.close].strip() in (",", ";"):
        return seg.close
    return seg.end


def _attach_dates(doc: Doc, quotes: list[Quote], times: Sequence[TimeRef]) -> list[Quote]:
    """A quote's date: the resolved time expression of its cue's sentence, outside the quote
    ("…,’ he told Fox News on Saturday" → that Saturday)."""
    dated = [t for t in times if t.as_date()]  # a duration or a set dates no statement
    if not dated:
        return quotes
    bounds = [(sent.start_char, sent.end_char) for sent in doc.sents]  # once per document
    starts = [b[0] for b in bounds]
    nearest = _NearestTime(dated)
    out = []
    for q in quotes:
        if q.cue is None or q.date:
            out.append(q)
            continue
        i = bisect.bisect_right(starts, q.cue.start) - 1
        if i < 0:
            out.append(q)
            continue
        first, last = bounds[i]
        best = nearest.find(first, last, (q.start, q.end), q.cue.start)
        date = best.as_date() if best is not None else None
        if date is not None:
            q = dataclasses.replace(q, date=date[0])
        out.append(q)
    return out


class _NearestTime:
    """``find(first, last, (qs, qe), x)`` equals ``min(near, key=lambda t: abs(t.start - x))``
    over ``near = [t for t in times if first <= t.start < last and not qs <= t.start < qe]``
    (the first of ``times`` among equals), or None: bisects the times sorted by start instead
    of scanning them all for every quote."""

    def __init__(self, times: list[TimeRef]) -> None:
        self.times = times
        self.order = sorted(range(len(times)), key=lambda k: times[k].start)
        self.starts = [times[k].start for k in self.order]

    def find(self, first: int, last: int, quote: tuple[int, int], x: int) -> TimeRef | None:
        starts = self.starts
        lo, hi = bisect.bisect_left(starts, first), bisect.bisect_left(starts, last)
        a = min(max(bisect.bisect_left(starts, quote[0]), lo), hi)  # [a, b): inside the quote
        b = max(min(bisect.bisect_left(starts, quote[1]), hi), a)
        if quote[1] <= quote[0]:
            a = b = lo
        p = bisect.bisect_left(starts, x)
        below = min(p, hi) - 1
        if below < b:
            below = min(below, a - 1)
        above = max(p, lo)
        if above >= a:
            above = max(above, b)
        dists = []
        if below >= lo:
            dists.append(x - starts[below])
        if above < hi:
            dists.append(starts[above] - x)
        if not dists:
            return None
        d = min(dists)
        best: int | None = None
        for value in {x - d, x + d}:
            for k in range(bisect.bisect_left(starts, value), bisect.bisect_right(starts, value)):
                if (lo <= k < a or b <= k < hi) and (best is None or self.order[k] < best):
                    best = self.order[k]
        return self.times[best] if best is not None else None


class _Segments:
    """What the attribution of one segment reads about the others, computed once per document:
    the previous closing mark and the next opening mark in its paragraph, where each paragraph's
    text starts, its sentence ends, and the cues by position (``cues`` are in text order, one
    per token, as :func:`find_cues` gives them). A scan of every segment or every cue for each
    segment made attribution quadratic in the number of quotation marks."""

    def __init__(
        self, text: str, segments: list[QuoteSpan], bounds: list[tuple[int, int]], cues: list[Cue]
    ) -> None:
        self.text = text
        self.bounds = bounds
        self.prev_close: list[int] = []  # after the last closing mark before, in the paragraph
        latest: dict[int, int] = {}
        for seg in segments:
            self.prev_close.append(latest.get(seg.paragraph, 0))
            if seg.close:
                latest[seg.paragraph] = max(latest.get(seg.paragraph, 0), seg.close + 1)
        self.next_open: list[int | None] = [None] * len(segments)  # the next segment's mark
        following: dict[int, int] = {}
        for n in range(len(segments) - 1, -1, -1):
            seg = segments[n]
            self.next_open[n] = following.get(seg.paragraph)
            following[seg.paragraph] = seg.open
        self.cues = cues
        self.cue_starts = [c.start for c in cues]
        self.spoken = [c for c in cues if c.speaker is not None]
        self.spoken_starts = [c.start for c in self.spoken]
        self.spoken_at = {c.token.i: c for c in self.spoken}
        self._first_word: dict[int, int] = {}
        self._ends: dict[int, list[int]] = {}

    def spoken_between(self, start: int, end: int) -> list[Cue]:
        """``[c for c in cues if start <= c.start < end and c.speaker is not None]``"""
        lo = bisect.bisect_left(self.spoken_starts, start)
        return self.spoken[lo : max(lo, bisect.bisect_left(self.spoken_starts, end))]

    def any_cue(self, bound: tuple[int, int]) -> bool:
        """``any(bound[0] <= c.start < bound[1] for c in cues)``"""
        lo = bisect.bisect_left(self.cue_starts, bound[0])
        return lo < len(self.cue_starts) and self.cue_starts[lo] < bound[1]

    def opens_paragraph(self, seg: QuoteSpan) -> bool:
        """Only blanks before the segment's mark in its paragraph (``not text[p:open].strip()``)."""
        start = self.bounds[seg.paragraph][0]
        first = self._first_word.get(start)
        if first is None:
            first = start
            while first < len(self.text) and self.text[first].isspace():
                first += 1
            self._first_word[start] = first
        return first >= seg.open

    def sentence_start(self, paragraph: int, pos: int) -> int:
        """Start of the sentence at ``pos``: ``p + last(sentence_ends(text[p:pos]))``, from the
        sentence ends of the whole paragraph (those of a prefix are the ones inside it)."""
        p_start, p_end = self.bounds[paragraph]
        ends = self._ends.get(paragraph)
        if ends is None:
            ends = self._ends[paragraph] = sentence_ends(self.text[p_start:p_end])
        k = bisect.bisect_right(ends, pos - p_start)
        return p_start + (ends[k - 1] if k else 0)


def _attribute_segments(
    doc: Doc,
    segments: list[QuoteSpan],
    bounds: list[tuple[int, int]],
    cues: list[Cue],
    speakers: SpeakerFinder,
    in_quote: Callable[[int], bool],
) -> list[tuple[Cue | None, Speaker | None, str | None]]:
    """(cue, speaker, channel) of every direct segment; continuations share their speaker."""
    text = text_of(doc)
    index = _Segments(text, segments, bounds, cues)
    found: list[tuple[Cue | None, Speaker | None, str | None]] = []
    partial: list[bool] = []
    for n, seg in enumerate(segments):
        cue, is_partial = _segment_cue(doc, n, segments, index, in_quote)
        partial.append(is_partial)
        if cue is None and index.opens_paragraph(seg) and seg.paragraph > 0:
            cue = _colon_cue(text, index, bounds[seg.paragraph - 1])
        speaker = speakers.speaker(cue.speaker) if cue else None
        channel = channel_of(cue, (seg.start, seg.end)) if cue else None
        found.append((cue, speaker, channel))
    last_spoken: dict[int, int] = {}  # paragraph → its last segment so far with a speaker
    for n, seg in enumerate(segments):  # continuations and cue-less quote paragraphs
        if found[n][1] is None:
            prev = seg.continues
            if prev is None and _opens_cueless_paragraph(n, segments, index):
                prev = n - 1
            if prev is None and not partial[n]:  # a further quoted sentence of the same speaker
                prev = last_spoken.get(seg.paragraph)
            if prev is not None and found[prev][1] is not None:
                found[n] = (None, found[prev][1], None)
            elif prev is None and not partial[n]:  # "…, X said. ‘We are appealing …’"
                earlier = index.spoken_between(bounds[seg.paragraph][0], seg.open)
                if earlier:
                    found[n] = (None, speakers.speaker(earlier[-1].speaker), None)
        if found[n][1] is not None:
            last_spoken[seg.paragraph] = n
    continued_by: dict[int, int] = {}  # segment → the first segment that continues it
    for m, s in enumerate(segments):
        if s.continues is not None:
            continued_by.setdefault(s.continues, m)
    for n in range(len(segments) - 1, -1, -1):  # "‘…’ (paragraph break) ‘…,’ he said"
        nxt = continued_by.get(n)
        if found[n][1] is None and nxt is not None and found[nxt][1] is not None:
            found[n] = (None, found[nxt][1], found[nxt][2])
    return found


def _opens_cueless_paragraph(n: int, segments: list[QuoteSpan], index: _Segments) -> bool:
    """Segment ``n`` opens a paragraph without cues right after a paragraph with a quote."""
    seg = segments[n]
    if n == 0 or not index.opens_paragraph(seg):
        return False
    earlier = segments[n - 1]
    return earlier.paragraph == seg.paragraph - 1 and not index.any_cue(index.bounds[seg.paragraph])


def _colon_cue(text: str, index: _Segments, bound: tuple[int, int]) -> Cue | None:
    """'He said:' closing the previous paragraph introduces the quote paragraph after it."""
    if not text[bound[0] : bound[1]].rstrip().endswith(":"):
        return None
    inside = index.spoken_between(bound[0], bound[1])
    return inside[-1] if inside else None


def _segment_cue(
    doc: Doc,
    n: int,
    segments: list[QuoteSpan],
    index: _Segments,
    in_quote: Callable[[int], bool],
) -> tuple[Cue | None, bool]:
    """The cue of one quoted segment (after it, then before it, in its sentence), and whether
    the segment is a partial quote inside a sentence."""
    text = index.text
    seg = segments[n]
    p_start, p_end = index.bounds[seg.paragraph]
    left = max(p_start, index.prev_close[n])
    nxt = index.next_open[n]
    nxt = p_end if nxt is None else nxt
    right_start = (seg.close + 1) if seg.close is not None else p_end
    before_text = text[left : seg.open]
    cut = sentence_ends(before_text)
    left += cut[-1] if cut else 0
    after_text = text[right_start:nxt]
    stops = sentence_ends(after_text + " ")
    right = right_start + (stops[0] if stops else len(after_text))
    after = index.spoken_between(right_start, right)
    before = index.spoken_between(left, seg.open)
    lead = text[left : seg.open].strip()
    partial = bool(lead) and not lead.endswith((":", ",")) and not _closes_sentence(text, seg)
    if partial:
        sent_start = index.sentence_start(seg.paragraph, seg.open)
        return _governing(doc, seg, index, sent_start, right), True
    if not before and not after and lead.endswith((":", ",")):  # "Limbaugh continued: ‘…’"
        intro = inverted_cue(doc, left, seg.open, load_lexicon().cue_verbs)
        intro = intro or intro_cue(doc, left, seg.open, in_quote)
        if intro is None and lead.endswith(":"):
            intro = colon_cue(doc, left, seg.open, in_quote, actor_lexicon().document_nouns)
        before = [intro] if intro is not None else []
    ends_comma = text[seg.end : (seg.close or seg.end)].strip().startswith(",")
    if not after and seg.close is not None and (ends_comma or text[seg.end - 1] in "?!"):
        closing = closing_cue(doc, right_start, right, in_quote)
        after = [closing] if closing is not None else []
    if not after and not before and seg.close is not None:
        byline = byline_cue(doc, seg.close, p_end)
        after = [byline] if byline is not None else []
    if after and (ends_comma or not before):
        return after[0], False
    return (before[-1] if before else None), False


def _closes_sentence(text: str, seg: QuoteSpan) -> bool:
    """A quoted full sentence (ends with . ! ? …), not a phrase inside a sentence."""
    return text[seg.end - 1 : seg.end] in ".!?…" and len(text[seg.start : seg.end].split()) > 3


def _governing(doc: Doc, seg: QuoteSpan, index: _Segments, start: int, end: int) -> Cue | None:
    """The cue whose reported clause contains a partial quote; short quotes need one. The
    candidates are the cues with a speaker in [start, end), the quote's sentence."""

    def candidate(i: int) -> Cue | None:
        cue = index.spoken_at.get(i)
        return cue if cue is not None and start <= cue.start < end else None

    opening = doc.char_span(seg.open, seg.open + 1, alignment_mode="expand")
    before: list[Token] = []  # the last two non-space tokens before the opening mark
    if opening:
        i = opening.start - 1
        while i >= 0 and len(before) < 2:
            if not doc[i].is_space:
                before.insert(0, doc[i])
            i -= 1
    if before and before[-1].lower_ in ("that", ",", ":") and len(before) > 1:
        before = before[:-1]
    if before:  # "X denied ‘any involvement’": the quote follows the cue at once
        cue = candidate(before[-1].i)
        if cue is not None and cue.token.pos_ in ("VERB", "AUX"):
            return cue
    span = doc.char_span(seg.start, seg.end, alignment_mode="expand")
    root = span.root if span is not None and len(span) else None
    node = root
    clause = False  # "accused X of «attacking …»": a clause under the object is reported
    while node is not None and node.head.i != node.i:  # the nearest cue up the tree governs
        clause = clause or node.dep_ in ("pcomp", "xcomp", "ccomp")
        cue = candidate(node.head.i)
        if cue is not None:
            return cue if node.dep_ not in _GOVERNING or clause else None
        node = node.head
    return _trailing(doc, seg, index.spoken_between(max(start, seg.end), end))


def _trailing(doc: Doc, seg: QuoteSpan, candidates: list[Cue]) -> Cue | None:
    """ "…the events «with great concern», its spokesman, X, said.": a cue after the quote that
    reports nothing of its own and whose subject follows a comma closes the sentence's
    attribution."""
    for cue in candidates:
        verb, subject = cue.token, cue.speaker
        if cue.start < seg.end or subject is None or subject.i > verb.i:
            continue
        if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children):
            continue
        first = subject.left_edge.i
        if first > 0 and doc[first - 1].text == "," and verb.dep_ in ("conj", "ROOT", "parataxis"):
            return cue
    return None


def _indirect(
    doc: Doc,
    cues: list[Cue],
    quoted: list[tuple[int, int]],
    speakers: SpeakerFinder,
    where: FirstCover[int],
    kinds: list[str],
) -> list[Quote]:
    """Reported clauses of cues ("X said that …", "according to X") as indirect quotes."""
    out = []
    text = speakers.text
    coverage = Coverage(quoted)
    for cue in cues:
        content = cue.content
        if content is None or cue.speaker is None:
            continue
        start, end = content.start_char, content.end_char
        inside = coverage.overlap(start, end)
        if inside * 2 > end - start:  # the clause is a direct quote, reported already ...
            end = _before_quote(text, start, end, quoted)
            if end is None:  # ... unless it opens with words of its own ("X, and Y “…”")
                continue
        speaker = speakers.speaker(cue.speaker)
        if speaker is None:
            continue
        start, end = with_whole_quotes(text, start, end, quoted)
        channel = channel_of(cue, (start, end))
        out.append(_quote(text, start, end, False, cue, speaker, channel, where, kinds))
    return out


def _before_quote(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> int | None:
    """The end of a reported clause's own words before the first direct quote inside it, when
    they are a clause of five words or more ("the jets were taken by militias, and reports
    “included …”"); else None."""
    opening = min((s for s, e in quoted if start < s < end), default=None)
    if opening is None:
        return None
    cut = text.rfind(",", start, opening)
    cut = cut if cut > start else opening - 1
    while cut > start and not text[cut - 1].isalnum():
        cut -= 1
    return cut if len(text[start:cut].split()) >= 5 else None


def _quote(
    text: str,
    start: int,
    end: int,
    direct: bool,
    cue: Cue | None,
    speaker: Speaker | None,
    channel: str | None,
    where: FirstCover[int],
    kinds: list[str],
) -> Quote:
    ref = SpanRef(text[cue.start : cue.end], cue.start, cue.end) if cue else None
    index = where.at(start)  # the first paragraph holding ``start``
    kind = kinds[index] if index is not None and index < len(kinds) else "body"
    return Quote(text[start:end], start, end, direct, ref, speaker, channel, None, kind)  # type: ignore[arg-type]


def _inherit_channels(quotes: list[Quote], bounds: list[tuple[int, int]]) -> None:
    """A quote with no channel keeps the channel of the same speaker's previous statement."""
    starts = sorted(s for s, _ in bounds)
    ordered = sorted(range(len(quotes)), key=lambda i: quotes[i].start)
    last: dict[str, tuple[int, str]] = {}
    for i in ordered:
        q = quotes[i]
        if q.speaker is None or q.speaker.actor_id is None:
            continue
        key = q.speaker.actor_id
        if q.channel:
            last[key] = (q.end, q.channel)
        elif key in last and _paragraphs_between(starts, last[key][0], q.start) <= 1:
            quotes[i] = _with_channel(q, last[key][1])


def _paragraphs_between(starts: list[int], a: int, b: int) -> int:
    """Paragraphs starting in (a, b]: ``sum(1 for s in starts if a < s <= b)``, by bisection
    of the sorted starts."""
    return bisect.bisect_right(starts, b) - bisect.bisect_right(starts, a)


def _with_channel(q: Quote, channel: str) -> Quote:
    return Quote(
        q.text, q.start, q.end, q.direct, q.cue, q.speaker, channel, q.date, q.paragraph_kind
    )

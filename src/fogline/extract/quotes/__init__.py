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
import re
from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Span, Token

from fogline.extract.quotes.coref import noun_phrase
from fogline.extract.quotes.cues import Cue, channel_of, find_cues
from fogline.extract.quotes.frames import (
    byline_cue,
    closing_cue,
    colon_cue,
    intro_cue,
    inverted_cue,
)
from fogline.extract.quotes.lexicon import (
    lexicon,
    paragraph_bounds,
    sentence_ends,
    split_unwrapped,
)
from fogline.extract.quotes.marks import QuoteSpan, find_quote_spans
from fogline.extract.quotes.roles import self_named as _self_named
from fogline.extract.quotes.roles import title_of_owner
from fogline.extract.quotes.units import is_unit_name
from fogline.extract.spans import Intervals, text_of
from fogline.model import Actor, Paragraph, Quote, SpanRef, Speaker, TimeRef

__all__ = ["extract_quotes"]

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.-]{1,7}$")
_RELATIVE = {"who", "which", "that"}
_GOVERNING = {"nsubj", "nsubjpass", "dobj", "dative", "npadvmod"}


def extract_quotes(
    doc: Doc,
    *,
    actors: Sequence[Actor] = (),
    paragraphs: Sequence[Paragraph] = (),
    times: Sequence[TimeRef] = (),
) -> list[Quote]:
    """Direct quotes and indirect speech of ``doc``, attributed to actors where possible.

    Example:
        >>> doc = nlp("‘We hold the bridge,’ rebel spokesman Ali Musa said.")
        >>> extract_quotes(doc, actors=extract_actors(doc))[0].speaker.name
        'Ali Musa'
    """
    text = text_of(doc)
    given = [(p.start, p.end) for p in paragraphs] or paragraph_bounds(text)
    given_kinds = [p.kind for p in paragraphs] or ["body"] * len(given)
    split = split_unwrapped(text, given)
    bounds = [b for b, _ in split]
    kinds = [given_kinds[i] for _, i in split]
    segments = find_quote_spans(text, bounds)
    quoted = [(s.start, s.end) for s in segments]
    quoted_ranges = Intervals(quoted)

    def in_quote(pos: int) -> bool:
        return pos in quoted_ranges

    cues = find_cues(doc, in_quote)
    speakers = _SpeakerFinder(doc, actors)
    direct = _attribute_segments(doc, segments, bounds, cues, speakers, in_quote)
    out = [
        _quote(text, seg.start, seg.end, True, cue, speaker, channel, bounds, kinds)
        for seg, (cue, speaker, channel) in zip(segments, direct, strict=True)
    ]
    out.extend(_indirect(doc, cues, quoted, speakers, bounds, kinds))
    _inherit_channels(out, bounds)
    if times:
        out = _attach_dates(doc, out, times)
    return sorted(out, key=lambda q: (q.start, q.end))


def _attach_dates(doc: Doc, quotes: list[Quote], times: Sequence[TimeRef]) -> list[Quote]:
    """A quote's date: the resolved time expression of its cue's sentence, outside the quote
    ("…,’ he told Fox News on Saturday" → that Saturday)."""
    dated = [t for t in times if t.value]
    if not dated:
        return quotes
    bounds = [(sent.start_char, sent.end_char) for sent in doc.sents]  # once per document
    starts = [b[0] for b in bounds]
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
        near = [t for t in dated if first <= t.start < last and not q.start <= t.start < q.end]
        if near:
            cue_start = q.cue.start
            best = min(near, key=lambda t: abs(t.start - cue_start))
            q = dataclasses.replace(q, date=best.value)
        out.append(q)
    return out


class _SpeakerFinder:
    """Turns a cue's subject token into a :class:`Speaker`, through the document's actors."""

    def __init__(self, doc: Doc, actors: Sequence[Actor]) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.spans: list[tuple[int, int, Actor]] = sorted(
            (m.start, m.end, a) for a in actors for m in a.mentions
        )
        self.by_name = {a.name: a for a in actors}

    def actor_at(self, start: int, end: int) -> tuple[int, int, Actor] | None:
        best = None
        for s, e, actor in self.spans:
            if s <= start < e or start <= s < end:
                if best is None or (e - s) > (best[1] - best[0]):
                    best = (s, e, actor)
            elif s > end:
                break
        return best

    def speaker(self, token: Token | None) -> Speaker | None:
        if token is None:
            return None
        if token.dep_ == "poss" or token.lemma_.lower() in lexicon().document_nouns:
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            token = owner or token
        relative = token.lower_ in _RELATIVE and token.head.dep_ == "relcl"
        anchor = token
        if relative:  # "…, who said": the antecedent speaks, the span stays the pronoun's
            token = token.head.head
        alias = _self_named(token)
        if alias is not None:  # "a man who identified himself as X", "a fighter calling himself X"
            token = alias
        phrase = noun_phrase(token)
        hit = self.actor_at(token.idx, token.idx + len(token.text))
        named = [c for c in token.children if c.dep_ == "appos"]
        if token.pos_ == "NOUN":  # "The governor of the X Region, NAME, said": NAME hangs on X
            for prep in (c for c in token.children if c.lower_ in ("of", "for")):
                for obj in (g for g in prep.children if title_of_owner(g) == token):
                    named += [a for a in obj.children if a.dep_ == "appos" and a.pos_ == "PROPN"]
            nxt = token.i + 2  # "Its spokesman, NAME, said" with NAME mis-parsed (not appos)
            if not named and nxt < len(token.doc) and token.doc[token.i + 1].text == ",":
                found = self.actor_at(token.doc[nxt].idx, token.doc[nxt].idx + 1)
                text = self.text
                if found and found[2].kind == "person" and text[found[1] : found[1] + 1] == ",":
                    named.append(token.doc[nxt])
        described = hit is None or token.pos_ == "NOUN"  # "The spokesman, Y, said": Y speaks
        for other in named if described else []:  # "one of the X's commanders, Y, said"
            found = self.actor_at(other.idx, other.idx + len(other.text))
            if found is not None and (hit is None or found[2].kind == "person"):
                hit, phrase = found, noun_phrase(other)
                break
        if hit is None:
            hit = self.actor_at(phrase.start_char, phrase.end_char)
        if hit is None:
            if token.pos_ == "PRON":
                return None
            if relative:
                return Speaker(phrase.text, anchor.idx, anchor.idx + len(anchor.text))
            bare = _without_article(phrase)  # "a man" -> "man": descriptors carry no article
            return Speaker(bare.text, bare.start_char, bare.end_char)
        start, end, actor = hit
        if start > phrase.start_char or end < phrase.end_char:  # a title around the name
            start, end = min(start, phrase.start_char), max(end, phrase.end_char)
        if relative:
            start, end = anchor.idx, anchor.idx + len(anchor.text)
        if actor.kind == "person" or actor.kind == "unknown":
            affiliation = actor.affiliation
        elif actor.code is None and actor.affiliation and is_unit_name(actor.name):
            affiliation = actor.affiliation  # "Russia's defence ministry" speaks for Russia
        else:
            affiliation = _short_name(actor, self.text)
        return Speaker(actor.name, start, end, actor.id, affiliation, actor.role)


def _without_article(phrase: Span) -> Span:
    if len(phrase) > 1 and phrase[0].lower_ in ("a", "an", "the", "another"):
        return phrase[1:]
    return phrase


def _short_name(actor: Actor, text: str) -> str:
    if actor.kind != "state":
        for alias in sorted(actor.aliases, key=len):
            if _ACRONYM.match(alias) and re.search(rf"\b{re.escape(alias)}\b", text):
                return alias
    return actor.name


def _attribute_segments(
    doc: Doc,
    segments: list[QuoteSpan],
    bounds: list[tuple[int, int]],
    cues: list[Cue],
    speakers: _SpeakerFinder,
    in_quote: Callable[[int], bool],
) -> list[tuple[Cue | None, Speaker | None, str | None]]:
    """(cue, speaker, channel) of every direct segment; continuations share their speaker."""
    text = text_of(doc)
    found: list[tuple[Cue | None, Speaker | None, str | None]] = []
    partial: list[bool] = []
    for n, seg in enumerate(segments):
        cue, is_partial = _segment_cue(doc, n, segments, bounds, cues, in_quote)
        partial.append(is_partial)
        if cue is None and _opens_paragraph(text, seg, bounds) and seg.paragraph > 0:
            cue = _colon_cue(text, cues, bounds[seg.paragraph - 1])
        speaker = speakers.speaker(cue.speaker) if cue else None
        channel = channel_of(cue, (seg.start, seg.end)) if cue else None
        found.append((cue, speaker, channel))
    for n, seg in enumerate(segments):  # continuations and cue-less quote paragraphs
        if found[n][1] is not None:
            continue
        prev = seg.continues
        if prev is None and _opens_paragraph(text, seg, bounds) and n > 0:
            earlier = segments[n - 1]
            if earlier.paragraph == seg.paragraph - 1 and not _cue_in(cues, bounds[seg.paragraph]):
                prev = n - 1
        if prev is None and not partial[n]:  # a further quoted sentence of the same speaker
            same = [
                m
                for m in range(n)
                if segments[m].paragraph == seg.paragraph and found[m][1] is not None
            ]
            prev = same[-1] if same else None
        if prev is not None and found[prev][1] is not None:
            found[n] = (None, found[prev][1], None)
    for n in range(len(segments) - 1, -1, -1):  # "‘…’ (paragraph break) ‘…,’ he said"
        nxt = next((m for m, s in enumerate(segments) if s.continues == n), None)
        if found[n][1] is None and nxt is not None and found[nxt][1] is not None:
            found[n] = (None, found[nxt][1], found[nxt][2])
    return found


def _opens_paragraph(text: str, seg: QuoteSpan, bounds: list[tuple[int, int]]) -> bool:
    start = bounds[seg.paragraph][0]
    return not text[start : seg.open].strip()


def _colon_cue(text: str, cues: list[Cue], bound: tuple[int, int]) -> Cue | None:
    """'He said:' closing the previous paragraph introduces the quote paragraph after it."""
    if not text[bound[0] : bound[1]].rstrip().endswith(":"):
        return None
    inside = [c for c in cues if bound[0] <= c.start < bound[1] and c.speaker is not None]
    return inside[-1] if inside else None


def _cue_in(cues: list[Cue], bound: tuple[int, int]) -> bool:
    return any(bound[0] <= c.start < bound[1] for c in cues)


def _segment_cue(
    doc: Doc,
    n: int,
    segments: list[QuoteSpan],
    bounds: list[tuple[int, int]],
    cues: list[Cue],
    in_quote: Callable[[int], bool],
) -> tuple[Cue | None, bool]:
    """The cue of one quoted segment (after it, then before it, in its sentence), and whether
    the segment is a partial quote inside a sentence."""
    text = text_of(doc)
    seg = segments[n]
    p_start, p_end = bounds[seg.paragraph]
    prev_close = max(
        (s.close + 1 for s in segments[:n] if s.paragraph == seg.paragraph and s.close), default=0
    )
    left = max(p_start, prev_close)
    nxt = next((s.open for s in segments[n + 1 :] if s.paragraph == seg.paragraph), p_end)
    right_start = (seg.close + 1) if seg.close is not None else p_end
    before_text = text[left : seg.open]
    cut = sentence_ends(before_text)
    left += cut[-1] if cut else 0
    after_text = text[right_start:nxt]
    stops = sentence_ends(after_text + " ")
    right = right_start + (stops[0] if stops else len(after_text))
    after = [c for c in cues if right_start <= c.start < right and c.speaker is not None]
    before = [c for c in cues if left <= c.start < seg.open and c.speaker is not None]
    lead = text[left : seg.open].strip()
    partial = bool(lead) and not lead.endswith((":", ",")) and not _closes_sentence(text, seg)
    if partial:
        para_text = text[p_start : seg.open]
        cut = sentence_ends(para_text)
        sent_start = p_start + (cut[-1] if cut else 0)
        inside = [c for c in cues if sent_start <= c.start < right and c.speaker is not None]
        return _governing(doc, seg, inside), True
    if not before and not after and lead.endswith((":", ",")):  # "Limbaugh continued: ‘…’"
        intro = inverted_cue(doc, left, seg.open, lexicon().cue_verbs)
        intro = intro or intro_cue(doc, left, seg.open, in_quote)
        if intro is None and lead.endswith(":"):
            intro = colon_cue(doc, left, seg.open, in_quote, lexicon().document_nouns)
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


def _governing(doc: Doc, seg: QuoteSpan, candidates: list[Cue]) -> Cue | None:
    """The cue whose reported clause contains a partial quote; short quotes need one."""
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
    for cue in candidates:  # "X denied ‘any involvement’": the quote follows the cue at once
        if before and before[-1].i == cue.token.i and cue.token.pos_ in ("VERB", "AUX"):
            return cue
    span = doc.char_span(seg.start, seg.end, alignment_mode="expand")
    root = span.root if span is not None and len(span) else None
    by_verb = {cue.token.i: cue for cue in candidates}
    node = root
    clause = False  # "accused X of «attacking …»": a clause under the object is reported
    while node is not None and node.head.i != node.i:  # the nearest cue up the tree governs
        clause = clause or node.dep_ in ("pcomp", "xcomp", "ccomp")
        cue = by_verb.get(node.head.i)
        if cue is not None:
            return cue if node.dep_ not in _GOVERNING or clause else None
        node = node.head
    return _trailing(doc, seg, candidates)


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
    speakers: _SpeakerFinder,
    bounds: list[tuple[int, int]],
    kinds: list[str],
) -> list[Quote]:
    """Reported clauses of cues ("X said that …", "according to X") as indirect quotes."""
    out = []
    text = speakers.text
    for cue in cues:
        content = cue.content
        if content is None or cue.speaker is None:
            continue
        start, end = content.start_char, content.end_char
        inside = sum(max(0, min(e, end) - max(s, start)) for s, e in quoted)
        if inside * 2 > end - start:
            continue  # the clause is a direct quote, reported already
        speaker = speakers.speaker(cue.speaker)
        if speaker is None:
            continue
        channel = channel_of(cue, (start, end))
        out.append(_quote(text, start, end, False, cue, speaker, channel, bounds, kinds))
    return out


def _quote(
    text: str,
    start: int,
    end: int,
    direct: bool,
    cue: Cue | None,
    speaker: Speaker | None,
    channel: str | None,
    bounds: list[tuple[int, int]],
    kinds: list[str],
) -> Quote:
    ref = SpanRef(text[cue.start : cue.end], cue.start, cue.end) if cue else None
    index = next((i for i, (s, e) in enumerate(bounds) if s <= start < e), None)
    kind = kinds[index] if index is not None and index < len(kinds) else "body"
    return Quote(text[start:end], start, end, direct, ref, speaker, channel, None, kind)  # type: ignore[arg-type]


def _inherit_channels(quotes: list[Quote], bounds: list[tuple[int, int]]) -> None:
    """A quote with no channel keeps the channel of the same speaker's previous statement."""
    ordered = sorted(range(len(quotes)), key=lambda i: quotes[i].start)
    last: dict[str, tuple[int, str]] = {}
    for i in ordered:
        q = quotes[i]
        if q.speaker is None or q.speaker.actor_id is None:
            continue
        key = q.speaker.actor_id
        if q.channel:
            last[key] = (q.end, q.channel)
        elif key in last and _paragraphs_between(bounds, last[key][0], q.start) <= 1:
            quotes[i] = _with_channel(q, last[key][1])


def _paragraphs_between(bounds: list[tuple[int, int]], a: int, b: int) -> int:
    return sum(1 for s, _ in bounds if a < s <= b)


def _with_channel(q: Quote, channel: str) -> Quote:
    return Quote(
        q.text, q.start, q.end, q.direct, q.cue, q.speaker, channel, q.date, q.paragraph_kind
    )

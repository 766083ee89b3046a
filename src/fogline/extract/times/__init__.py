"""Date expressions of a document, resolved against its publication date.

Candidates come from a small regular grammar (:mod:`fogline.extract.times.lexicon`, built
from ``data/times/lexicon.yaml``; values computed in :mod:`fogline.extract.times.grammar`);
the spaCy parse decides what is really a date (``may``
and ``march`` as verbs, ``May`` as a surname, ``USA Today``) and the tense of the governing
verb, which resolves bare weekdays and months: past → the latest such day on or before
publication, future ("will", "is due to", "set to") → the next one on or after it,
present → the nearest. Relative expressions ("a day earlier", "that day") count from the
previous date of the text; "today", "yesterday" inside a quotation count from the day the
speaker spoke when the text dates it (:mod:`fogline.extract.times.quoted`). Values follow
TimeML: ``2021-09-05``, ``2021-W36``, ``2021-W35-WE`` (a weekend), ``2021-08``,
``2021-Q3``, ``2021-SU``, ``2021``, ``199`` (the 1990s), ``19`` (the 20th century).
Each record has its TimeML ``type``: lengths of time ("20 years of war" ``P20Y``), recurrences
("every week" ``P1W``) and times of day ("Tuesday morning" ``2021-09-07TMO``, "10 p.m."
``T22:00`` on the day the text gives) come from :mod:`fogline.extract.times.periods`; only
dates and the days of times of day count as "the previous date" for relative expressions.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import logging
import re
from collections.abc import Callable

from spacy.tokens import Doc, Span

from fogline.extract.context import DocContext
from fogline.extract.spans import text_of
from fogline.extract.times import daytime, periods
from fogline.extract.times.grammar import Candidate, ResolveState, resolve
from fogline.extract.times.lexicon import Lexicon, Tense, load_lexicon, matches
from fogline.extract.times.quoted import reanchor_quoted
from fogline.model import TimeRef

LOGGER = logging.getLogger(__name__)

_VERB_TAGS = frozenset({"VB", "MD"})
_PERIOD_KINDS = frozenset({"duration", "set", "clock", "daypart"})
_BLOCKING_ENTS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "LAW", "FAC", "GPE"})


def extract_times(doc: Doc, ctx: DocContext, *, lexicon: Lexicon | None = None) -> list[TimeRef]:
    """Every date expression of ``doc`` with its TimeML value and precision.

    Args:
        doc: a parsed spaCy document (tagger, parser and NER are used).
        ctx: reads ``published``; without it only absolute dates get a value.
        lexicon: the grammar (default: ``data/times/lexicon.yaml``).
    Returns:
        TimeRefs in text order; ``text == doc.text[start:end]``.
    Example:
        >>> doc = nlp("Rebels seized the town on Sunday.")
        >>> extract_times(doc, DocContext.of(doc, published=dt.date(2024, 3, 4)))
        [TimeRef(text='Sunday', start=28, end=34, value='2024-03-03', precision='day', ...)]
    """
    lex = lexicon or load_lexicon()
    state = ResolveState(published=ctx.published)
    # token index where each sentence starts (span.sent would rescan the doc every time)
    starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
    out: list[tuple[Candidate, TimeRef]] = []
    for cand in _select(_candidates(doc, lex, starts)):
        try:
            ref = resolve(cand, lex, state)
        except (ValueError, OverflowError) as exc:  # impossible dates such as "February 30"
            LOGGER.debug("unresolvable time %r: %s", cand.m.group(0), exc)
            continue
        if ref is None:
            continue
        out.append((cand, ref))
        date = ref.as_date()  # what later relative expressions count from: dates, days of times
        if date is not None and date[1] not in ("decade", "century"):
            last = (
                ref
                if ref.type == "DATE"
                else dataclasses.replace(ref, value=date[0], precision="day", type="DATE")
            )
            state.last, state.last_sent = last, cand.sent
    out = daytime.attach_days(text_of(doc), out)
    return reanchor_quoted(text_of(doc), out, ctx.published, ctx.quote_spans)


def _candidates(doc: Doc, lex: Lexicon, starts: list[int]) -> list[Candidate]:
    """Grammar matches over the text that the parse accepts as dates."""
    out = []
    text = text_of(doc)
    triggers = lex.triggers or (None,) * len(lex.patterns)
    for (kind, rx), trigger in zip(lex.patterns, triggers, strict=True):
        core = "t" in rx.groupindex  # the expression is group "t" ("for years": "years")
        for m in matches(rx, trigger, text):
            start, end = m.span("t") if core and m.group("t") else m.span()
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or not len(span) or not _accept(kind, m, span, lex):
                continue
            got = periods.vet(kind, m, span) if kind in _PERIOD_KINDS else kind
            if got is None:
                continue
            tense = _lazy_tense(span, lex)
            sent = bisect.bisect_right(starts, span.start) - 1
            before = functools.partial(_before, span, lex)
            out.append(Candidate(got, start, end, m, sent, tense, before))
    return out


def _before(span: Span, lex: Lexicon) -> bool:
    """Whether the text puts ``span`` on or before publication: "since April" (the start of
    what lasts until now), or a date attached to a verb in the simple past ("ISIS formed the
    battalion in February"), not one reached through a noun or a clause ("declared a dividend
    payable Dec. 7", "said the talks would resume in March")."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ == "since":
        return True
    tok = span.root
    for _ in range(3):
        if tok.dep_ not in ("pobj", "prep", "npadvmod") or tok.head == tok:
            return False
        if tok.lower_ in lex.deadline_words:  # "gave him until mid-November": a deadline ahead
            return False
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok.tag_ == "VBD"
    return False


def _lazy_tense(span: Span, lex: Lexicon) -> Callable[[], Tense]:
    """The tense of ``span``'s verb, computed on first use (most expressions never ask)."""
    memo: list[Tense] = []

    def tense() -> Tense:
        if not memo:
            memo.append(_tense(span, lex))
        return memo[0]

    return tense


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Keep the longest of overlapping candidates, in text order.

    A candidate overlaps a chosen one when it shares a character with it: the characters of
    the chosen are marked, instead of comparing each candidate with every chosen one.
    """
    chosen: list[Candidate] = []
    unmarked: list[Candidate] = []  # chosen without characters to mark (never seen)
    taken = bytearray(max(0, max((c.end for c in cands), default=0)) + 1)
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if c.start >= c.end or c.start < 0:
            if not any(_overlap(c, o) for o in chosen):
                chosen.append(c)
                unmarked.append(c)
        elif taken.find(1, c.start, c.end) < 0 and not any(_overlap(c, o) for o in unmarked):
            chosen.append(c)
            taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    return sorted(chosen, key=lambda c: c.start)


def _overlap(c: Candidate, o: Candidate) -> bool:
    return not (c.end <= o.start or c.start >= o.end)


def _accept(kind: str, m: re.Match[str], span: Span, lex: Lexicon) -> bool:
    """Decide from the parse whether a grammar match is used as a date here."""
    if any(t.ent_type_ in _BLOCKING_ENTS for t in span):
        return False
    prev = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    if kind == "deictic" and prev in lex.not_deictic_after:
        return False  # "the last night of the siege"
    if kind in ("date", "monthyear", "month"):
        if not m.group("mon")[0].isupper():
            return False
        return kind != "month" or _accept_month(m, span, lex, prev)
    if kind == "weekday":
        return m.group("wd")[0].isupper()
    if kind == "year":
        return _accept_year(m, span, lex, prev)
    if kind == "season":
        if any(t.lower_ in lex.seasons and t.pos_ in ("VERB", "AUX") for t in span):
            return False
        det = (m.group("det") or "").lower()
        if m.group("year"):
            return True
        nxt = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
        if nxt == "of":  # "the fall of the government", "the spring of discontent"
            return False
        return det not in ("", "the") or prev in lex.preps
    # "in their forties" is an age, not a decade
    return not (kind == "decade" and prev in lex.age_possessives)


def _accept_month(m: re.Match[str], span: Span, lex: Lexicon, prev: str) -> bool:
    """A month name alone: a noun, and for "May", "March" ... in a date context."""
    tok = span[-1]
    if tok.pos_ in ("VERB", "AUX"):
        return False
    if m.group("mon").lower() in lex.ambiguous_months and not (
        m.group("mod") or m.group("part") or prev in lex.preps or tok.ent_type_ == "DATE"
    ):
        return False
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    # "the offensive that March began": the month is a subject
    return not (
        (m.group("mod") or "").lower() == "that"
        and (tok.dep_ in ("nsubj", "nsubjpass") or (nxt is not None and nxt.tag_[:2] in _VERB_TAGS))
    )


def _accept_year(m: re.Match[str], span: Span, lex: Lexicon, prev: str) -> bool:
    """A bare year: after a preposition or a modifier, or a DATE of the parse."""
    tok = next((t for t in span if t.text[:1].isdigit()), span[-1])
    if tok.ent_type_ in ("CARDINAL", "MONEY", "QUANTITY", "PERCENT"):
        return False
    if m.group("old"):  # before 1500: only "in 1351", "of 1351" that the parse calls a date
        return tok.ent_type_ == "DATE" and prev in lex.preps
    return bool(m.group("mod") or m.group("part")) or prev in lex.preps or tok.ent_type_ == "DATE"


# --- tense of the governing verb ---------------------------------------------------------------


def _tense(span: Span, lex: Lexicon) -> Tense:
    """Tense of the verb governing ``span``: past, present, future, conditional or None."""
    tok = span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX"):
            break
        if tok.head == tok:
            return None
        tok = tok.head
    else:
        return None
    if tok.lemma_.lower() in lex.future_verbs:  # "scheduled a news conference Thursday"
        return "future"
    for _ in range(4):
        auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if auxes & lex.future_modals:
            return "future"
        if auxes & lex.conditional_modals:
            return "conditional"
        head = tok.head
        if tok.dep_ == "xcomp" and (
            head.lower_ in lex.future_heads
            or head.lemma_ in lex.future_heads
            or (head.lemma_ == "be" and "to" in auxes)  # "is to resume trading Tuesday"
        ):
            return "future"
        if auxes & lex.past_auxiliaries or tok.tag_ == "VBD":
            return "past"
        if auxes & lex.present_auxiliaries or tok.tag_ in ("VBZ", "VBP"):
            return "present"
        if tok.tag_ == "VBN" and tok.dep_ in ("acl", "ROOT"):
            return "past"
        if head == tok or tok.dep_ not in ("xcomp", "advcl", "conj", "acl", "ccomp", "pcomp"):
            break
        tok = head
    return "past" if tok.tag_ in ("VBD", "VBN") else None

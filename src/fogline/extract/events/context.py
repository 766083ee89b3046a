"""Where, when, how sure and how many: place, date, certainty and fatalities of an event.

Each looks first in the event's clause (tokens whose dependency path reaches the
trigger before any other verb), then in its sentence, then in its paragraph.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from fogline.extract.events.lexicon import EventLexicon, sentence
from fogline.extract.spans import text_of
from fogline.model import DateRef, Paragraph, Quote, TimeRef

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
)  # fmt: skip
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\b")
_MONTH_DAY = re.compile(r"\b([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
COARSER = {"day": "week", "week": "month", "month": "year", "season": "year", "quarter": "year"}


def in_clause(tok: Token, anchors: set[int]) -> bool:
    """Does ``tok`` hang from one of ``anchors`` without crossing another verb?"""
    cur = tok
    for _ in range(40):
        if cur.i in anchors:
            return True
        if cur.head is cur:
            return False
        if cur is not tok and cur.pos_ in ("VERB", "AUX") and cur.dep_ != "aux":
            return False
        cur = cur.head
    return False


@dataclass(slots=True)
class Timeline:
    """Resolved time expressions of a document, by token; a small fallback without them."""

    doc: Doc
    published: dt.date | None
    items: list[tuple[Token, DateRef]] = field(default_factory=list)

    @classmethod
    def build(cls, doc: Doc, times: Sequence[TimeRef], published: dt.date | None) -> Timeline:
        line = cls(doc, published)
        for t in times:
            if not t.value:
                continue
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None:
                line.items.append((span.root, DateRef(t.value, t.precision or "day")))
        if not times:
            for ent in doc.ents:
                if ent.label_ == "DATE":
                    ref = fallback_date(ent.text, published, future=_future_clause(ent.root))
                    if ref is not None:
                        line.items.append((ent.root, ref))
        line.items.sort(key=lambda item: item[0].i)
        return line

    def date_for(
        self,
        anchors: set[int],
        sent_start: int,
        sent_end: int,
        para: tuple[int, int] | None,
        *,
        future: bool = False,
    ) -> DateRef | None:
        """The clause's date, else the nearest in the sentence, else the paragraph's first,
        else the publication date, made coarser and flagged inferred. A planned event
        (``future``) named by a bare weekday takes the next such day, not the last."""
        in_sent = [(t, d) for t, d in self.items if sent_start <= t.i < sent_end]
        for t, d in in_sent:
            if in_clause(t, anchors):
                return self._ahead(t, d) if future else d
        if in_sent:
            pivot = min(anchors)
            t, d = min(in_sent, key=lambda item: abs(item[0].i - pivot))
            return self._ahead(t, d) if future else d
        if para is not None:
            for t, d in self.items:
                if para[0] <= t.idx < para[1]:
                    return d
        if self.published is not None:
            return DateRef(self.published.isoformat(), "week", inferred=True)
        return None

    def _ahead(self, tok: Token, ref: DateRef) -> DateRef:
        """A weekday resolved into the past moved to the next such day ("is due in Bamako on
        Saturday" written on a Monday)."""
        if self.published is None or tok.lower_ not in WEEKDAYS or ref.precision != "day":
            return ref
        try:
            day = dt.date.fromisoformat(ref.value)
        except ValueError:
            return ref
        if day >= self.published:
            return ref
        return DateRef((day + dt.timedelta(days=7)).isoformat(), "day", inferred=ref.inferred)


def _future_clause(tok: Token) -> bool:
    cur = tok
    for _ in range(10):
        if cur.pos_ in ("VERB", "AUX"):
            return any(c.lower_ in ("will", "'ll", "shall") for c in cur.children) or any(
                c.dep_ == "aux" and c.lower_ == "to" for c in cur.children
            )
        if cur.head is cur:
            break
        cur = cur.head
    return False


def fallback_date(text: str, published: dt.date | None, *, future: bool = False) -> DateRef | None:
    """A minimal resolver for when no time extractor ran: weekdays, today, yesterday, dates."""
    if published is None:
        return None
    low = text.lower()
    if "today" in low or "tonight" in low:
        return DateRef(published.isoformat(), "day")
    if "yesterday" in low:
        return DateRef((published - dt.timedelta(days=1)).isoformat(), "day")
    if "tomorrow" in low:
        return DateRef((published + dt.timedelta(days=1)).isoformat(), "day")
    for i, name in enumerate(WEEKDAYS):
        if name in low.split():
            delta = (published.weekday() - i) % 7
            day = (
                published + dt.timedelta(days=(7 - delta) % 7)
                if future
                else (published - dt.timedelta(days=delta))
            )
            return DateRef(day.isoformat(), "day")
    year_m = _YEAR.search(text)
    year = int(year_m.group(1)) if year_m else published.year
    for rx, day_first in ((_DAY_MONTH, True), (_MONTH_DAY, False)):
        m = rx.search(text)
        if m:
            day_s, month_s = (m.group(1), m.group(2)) if day_first else (m.group(2), m.group(1))
            month = _month(month_s)
            if month:
                try:
                    return DateRef(dt.date(year, month, int(day_s)).isoformat(), "day")
                except ValueError:
                    return None
    if year_m and low.strip().isdigit():
        return DateRef(str(year), "year")
    return None


def _month(word: str) -> int | None:
    w = word.lower()
    for i, name in enumerate(MONTHS, 1):
        if w == name or (len(w) >= 3 and name.startswith(w)):
            return i
    return None


# --- certainty ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Certainty:
    """How an event is reported: certainty, auxiliary PLOVER mode, who reports it."""

    certainty: str = "asserted"
    aux_mode: str | None = None
    reported_by: tuple[str, ...] = ()
    reporter_token: Token | None = None
    intent: str | None = None  # "agree", "threat" or "demand": what the actor expresses
    scheduled: bool = False  # the intent is a plain future ("will travel"), not a promise


def ancestors_path(tok: Token, limit: int = 8) -> list[tuple[Token, str]]:
    """(ancestor, dependency of the child we came from) pairs, nearest first."""
    out = []
    cur = tok
    for _ in range(limit):
        if cur.head is cur:
            break
        out.append((cur.head, cur.dep_))
        cur = cur.head
    return out


def assess(
    trigger: Token,
    anchor: Token,
    lex: EventLexicon,
    quotes: Sequence[Quote],
    *,
    governor: Token | None = None,
) -> Certainty:
    """Certainty of the event whose trigger (or light verb) is ``anchor``; a ``governor``
    ("will travel to X to meet") lends the event its future."""
    hedges = lex.words("hedges")
    reporting = lex.words("reporting_verbs")
    denial = lex.words("denial_verbs")
    planned_heads = lex.words("planned_heads")
    planned_aux = lex.words("planned_aux")
    hypo_aux = lex.words("hypothetical_aux")
    hypo_marks = lex.words("hypothetical_marks")
    intent_heads = lex.words("intent_heads")
    threat_heads = lex.words("threat_heads")
    schedule_heads = lex.words("schedule_heads")
    governing = planned_heads | intent_heads | threat_heads

    own = [c for t in {trigger, anchor} for c in t.children]
    negated = any(c.dep_ == "neg" or c.lower_ in ("never",) for c in own) or any(
        c.dep_ == "det" and c.lower_ == "no" for c in trigger.children
    )
    hedged = any(c.lower_ in hedges and c.dep_ in ("advmod", "amod") for c in own)
    future = any(c.dep_ == "aux" and c.lower_ in planned_aux for c in own)
    if governor is not None and any(
        c.dep_ == "aux" and c.lower_ in planned_aux for c in governor.children
    ):
        future = True
    obliged = any(c.dep_ == "aux" and c.lower_ in lex.words("obligation_aux") for c in own)
    conditional = any(
        c.dep_ == "advcl"
        and any(m.lower_ in ("unless", "if") for m in c.children if m.dep_ == "mark")
        for c in anchor.children
    )
    would = any(c.dep_ == "aux" and c.lower_ == "would" for c in own)
    hypothetical = any(c.dep_ == "aux" and c.lower_ in hypo_aux - {"would"} for c in own) or any(
        c.dep_ == "mark" and c.lower_ in hypo_marks for c in own
    )
    reporter: Token | None = None
    reporter_name: str | None = None
    intent: str | None = None
    denied_by_verb = False
    planned = False
    sent = sentence(anchor)
    sent_text = text_of(anchor.doc)[sent.start_char : sent.end_char]  # == sent.text, no join
    text_before = sent_text[: max(trigger.idx, anchor.idx) - sent.start_char].lower()
    if any(p in text_before for p in lex.words("hedge_phrases")):
        hedged = True
    path = ancestors_path(anchor)
    came_from = anchor.dep_
    for head, dep in path:
        lemma = head.lemma_.lower()
        if (
            dep in ("xcomp", "acomp", "ccomp", "advcl")
            and lemma in governing
            and not planned
            and reporter is None  # "X said Y plans to": look no higher than the report
            and (dep != "ccomp" or lemma in schedule_heads)
        ):
            if any(c.dep_ == "neg" for c in head.children):
                negated = True  # "is not expected to meet"
            if lemma in intent_heads and intent is None:
                intent = "agree"
            if lemma in threat_heads:
                intent = "threat"
            planned = True
        if lemma == "be" and dep == "xcomp" and anchor.tag_ == "VB":
            planned = True  # "is to arrive"
        if dep in ("ccomp", "xcomp", "dobj", "parataxis", "conj") and lemma in reporting:
            if reporter is None:
                reporter = next(
                    (c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None
                )
                if reporter is not None and reporter.pos_ == "PRON" and head.dep_ == "conj":
                    reporter = next((c for c in head.head.children if c.dep_ == "nsubj"), reporter)
            if lemma in denial:
                denied_by_verb = True
        if dep in ("ccomp", "dobj") and lemma in denial:
            denied_by_verb = True
        if dep in ("xcomp", "aux") and any(
            c.lower_ in hedges and c.dep_ == "advmod" for c in head.children
        ):  # the cheap test first: most heads are reached through another dependency
            hedged = True
        came_from = dep
    del came_from
    # "according to X" on the clause or a governing verb
    for t in (anchor, *(h for h, _ in path[:3])):
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "according":
                for to in c.children:
                    for pobj in to.children:
                        if pobj.dep_ == "pobj":
                            reporter = reporter or pobj
    speaker_in_quote = None
    for q in quotes:
        if q.start <= trigger.idx < q.end and q.speaker is not None:
            speaker_in_quote = q.speaker.name
            break
    reported_kind = None
    if reporter is not None:
        reporter_name = reporter.text
        head_lemma = reporter.lemma_.lower()
        hearsay = head_lemma in lex.words("hearsay_sources")
        reported_kind = "reported" if hearsay else "claimed"
    elif speaker_in_quote:
        reported_kind = "claimed"
    if would and reporter is not None:
        future = True
    elif would:
        hypothetical = True
    scheduled = False
    if future and intent is None:
        intent = "agree"  # "X will release ...": an expressed intention (PLOVER AGREE)
        scheduled = True
    if intent == "agree" and conditional:
        intent = "threat"  # "will withdraw unless ...": a conditional intention is a threat
    if obliged and reporter is not None and intent is None:
        intent = "demand"  # "X said Y must leave"
    names = tuple(n for n in (speaker_in_quote, reporter_name) if n)
    aux_mode = None
    if negated or denied_by_verb:
        certainty = "denied"
        aux_mode = "negation" if negated else None
    elif future or planned:
        certainty = "planned"
        aux_mode = "future"
    elif hypothetical:
        certainty = "hedged"
        aux_mode = "hypothetical"
    elif hedged:
        certainty = "hedged"
    elif reported_kind:
        certainty = reported_kind
    else:
        certainty = "asserted"
    return Certainty(certainty, aux_mode, names, reporter, intent, scheduled and intent == "agree")


# --- numbers -----------------------------------------------------------------------------------
def number_of(tok: Token, lex: EventLexicon) -> int | None:
    """The count a number token or a vague quantity word stands for (lower bound)."""
    text = tok.text.lower().replace(",", "")
    if text.isdigit():
        return int(text)
    numbers = lex.cues.get("numbers", {})
    vague = lex.cues.get("vague_numbers", {})
    if text in vague:
        return int(vague[text][0])
    if text in numbers:
        value = int(numbers[text])
        for c in tok.children:  # "two hundred"
            if c.dep_ in ("compound", "nummod", "quantmod") and c.lower_ in numbers:
                value *= int(numbers[c.lower_])
        return value
    return None


def count_of(tok: Token | None, lex: EventLexicon) -> int | None:
    """How many people a noun phrase counts: "12 soldiers", "dozens of civilians", "12"."""
    if tok is None:
        return None
    own = number_of(tok, lex)
    if own is not None and (tok.pos_ == "NUM" or tok.lower_ in lex.cues.get("vague_numbers", {})):
        return own
    for c in tok.children:
        if c.dep_ in ("nummod", "quantmod", "amod", "det") and c.i < tok.i:
            n = number_of(c, lex)
            if n is not None and not (c.dep_ == "det" and c.lower_ in ("a", "an", "some")):
                return n
    return None


def paragraph_span(paragraphs: Sequence[Paragraph], char: int) -> tuple[int, int] | None:
    """(start, end) of the paragraph holding character ``char``."""
    for p in paragraphs:
        if p.start <= char < p.end:
            return p.start, p.end
    return None

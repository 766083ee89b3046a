"""When an event happened: the date of its clause, sentence or paragraph, from the times layer.

Dates come from the time expressions of :mod:`fogline.extract.times` (the context's finished
``times`` layer, or the times extractor run here when the layer has not run); each is tied to
its root token so that the event's own clause can be told from the rest of the sentence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from fogline.extract.context import DocContext
from fogline.extract.events.syntax import in_clause
from fogline.extract.times import extract_times
from fogline.extract.times.lexicon import load_lexicon
from fogline.model import DateRef


@dataclass(slots=True)
class Timeline:
    """Resolved time expressions of a document, by root token."""

    doc: Doc
    published: dt.date | None
    weekdays: frozenset[str] = frozenset()
    items: list[tuple[Token, DateRef]] = field(default_factory=list)

    @classmethod
    def build(cls, doc: Doc, ctx: DocContext) -> Timeline:
        """The dated time expressions of ``ctx.times`` (or of the times extractor)."""
        times = ctx.times if "times" in ctx.finished else extract_times(doc, ctx)
        line = cls(doc, ctx.published, load_lexicon().weekday_full)
        for t in times:
            date = t.as_date()  # a duration or a set dates nothing; a time of day its day
            if date is None:
                continue
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None:
                line.items.append((span.root, DateRef(*date)))
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
        if self.published is None or tok.lower_ not in self.weekdays or ref.precision != "day":
            return ref
        try:
            day = dt.date.fromisoformat(ref.value)
        except ValueError:
            return ref
        if day >= self.published:
            return ref
        return DateRef((day + dt.timedelta(days=7)).isoformat(), "day", inferred=ref.inferred)

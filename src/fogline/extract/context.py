"""The per-document context every extractor reads: inputs, finished layers and their indexes.

Built once per document by the pipeline; each step of :data:`fogline.extract.EXTRACTORS` reads
the layers it ``needs`` from it and the pipeline adds what the step returns. Indexes (record at
an offset, paragraph kind at an offset, sentence bounds, quoted ranges) are computed on first
use and shared, so no extractor rebuilds another's.

Example:
    >>> ctx = DocContext.of(doc, published=dt.date(2024, 3, 4))
    >>> ctx.add("paragraphs", extract_paragraphs(doc, ctx))
    >>> ctx.paragraph_kind_at(0)
    'body'
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from spacy.tokens import Doc

from fogline.extract.spans import Intervals, text_of
from fogline.extract.text import QuoteSpan, find_quote_spans, paragraph_bounds, split_unwrapped
from fogline.model import Actor, Claim, Event, Paragraph, Place, Quote, TimeRef

if TYPE_CHECKING:
    from fogline.actordict import ActorDictionary
    from fogline.gazetteer import Gazetteer

T = TypeVar("T")

LAYERS = ("paragraphs", "times", "places", "actors", "quotes", "events", "claims")
"""The Analysis fields filled by the extractors, in the order the pipeline runs them."""


@dataclass(slots=True)
class DocContext:
    """One document's inputs and the records of every finished extraction step."""

    doc: Doc
    published: dt.date | None = None
    source: str | None = None
    gazetteer: Gazetteer | None = None
    actor_dictionary: ActorDictionary | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    finished: list[str] = field(default_factory=list)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)
    _memo: dict[str, tuple[tuple[str, ...], Any]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(
        cls,
        doc: Doc,
        *,
        published: dt.date | None = None,
        source: str | None = None,
        gazetteer: Gazetteer | None = None,
        actor_dictionary: ActorDictionary | None = None,
        **layers: Sequence[Any],
    ) -> DocContext:
        """A context for ``doc``; ``layers`` are records already extracted (e.g. in tests)."""
        ctx = cls(
            doc=doc,
            published=published,
            source=source,
            gazetteer=gazetteer,
            actor_dictionary=actor_dictionary,
        )
        for name, records in layers.items():
            ctx.add(name, records)
        return ctx

    def add(self, layer: str, records: Sequence[Any]) -> None:
        """Record a finished step's output (and drop the indexes built on that layer)."""
        if layer not in LAYERS:
            raise ValueError(f"unknown layer {layer!r}; expected one of {LAYERS}")
        setattr(self, layer, list(records))
        if layer not in self.finished:
            self.finished.append(layer)
        for key in [k for k in self._cache if k.startswith(layer + ":")]:
            del self._cache[key]
        for key in [k for k, v in self._memo.items() if layer in v[0]]:
            del self._memo[key]

    def memo(self, name: str, build: Callable[[], T], *, needs: Sequence[str]) -> T:
        """A per-document value two steps share (built once, by ``build``); adding any layer
        of ``needs`` again drops it."""
        if name not in self._memo:
            self._memo[name] = (tuple(needs), build())
        return self._memo[name][1]

    # -- text ------------------------------------------------------------------------------

    @property
    def text(self) -> str:
        """The cleaned text (``doc.text``, joined once)."""
        return text_of(self.doc)

    def sentence_starts(self) -> list[int]:
        """Character offset where each sentence starts, in order."""
        if "doc:sents" not in self._cache:
            self._cache["doc:sents"] = [s.start_char for s in self.doc.sents]
        return self._cache["doc:sents"]

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        """(start, end) characters of the sentence holding ``offset``."""
        starts = self.sentence_starts()
        if not starts:
            return 0, len(self.text)
        k = max(0, bisect.bisect_right(starts, offset) - 1)
        end = starts[k + 1] if k + 1 < len(starts) else len(self.text)
        return starts[k], end

    def paragraph_segments(self) -> list[tuple[tuple[int, int], int]]:
        """((start, end), paragraph index) of each paragraph, its unwrapped lines cut apart.

        The paragraph layer's bounds when it is finished, else the text cut without cues.
        """
        if "paragraphs:segments" not in self._cache:
            bounds = [(p.start, p.end) for p in self.paragraphs] or paragraph_bounds(self.text)
            self._cache["paragraphs:segments"] = split_unwrapped(self.text, bounds)
        return self._cache["paragraphs:segments"]

    def quote_spans(self) -> list[QuoteSpan]:
        """The quoted segments of the text (:func:`fogline.extract.text.find_quote_spans`)."""
        if "paragraphs:quotes" not in self._cache:
            bounds = [b for b, _ in self.paragraph_segments()]
            self._cache["paragraphs:quotes"] = find_quote_spans(self.text, bounds)
        return self._cache["paragraphs:quotes"]

    # -- indexes over finished layers ---------------------------------------------------------

    def _starts(self, layer: str) -> tuple[list[int], list[Any]]:
        key = f"{layer}:starts"
        if key not in self._cache:
            records = sorted(getattr(self, layer), key=lambda r: (r.start, r.end))
            self._cache[key] = ([r.start for r in records], records)
        return self._cache[key]

    def _covering(self, layer: str, offset: int) -> Any | None:
        starts, records = self._starts(layer)
        k = bisect.bisect_right(starts, offset) - 1
        while k >= 0:
            record = records[k]
            if record.start <= offset < record.end:
                return record
            if layer == "paragraphs":  # paragraphs do not nest: one look back is enough
                return None
            k -= 1
            if k >= 0 and records[k].end <= offset and records[k].start < offset - 2000:
                return None  # nothing this long: stop scanning back
        return None

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph holding character ``offset``."""
        return self._covering("paragraphs", offset)

    def paragraph_kind_at(self, offset: int) -> str:
        """body, caption, highlight or boilerplate at ``offset`` (body outside paragraphs)."""
        paragraph = self.paragraph_at(offset)
        return paragraph.kind if paragraph is not None else "body"

    def place_at(self, offset: int) -> Place | None:
        """The place mention covering ``offset``."""
        return self._covering("places", offset)

    def time_at(self, offset: int) -> TimeRef | None:
        """The time expression covering ``offset``."""
        return self._covering("times", offset)

    def times_between(self, start: int, end: int) -> list[TimeRef]:
        """Time expressions starting in [start, end), in text order."""
        starts, records = self._starts("times")
        return records[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]

    def places_between(self, start: int, end: int) -> list[Place]:
        """Place mentions starting in [start, end), in text order."""
        starts, records = self._starts("places")
        return records[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]

    def actor_at(self, offset: int) -> Actor | None:
        """The actor one of whose mentions covers ``offset``."""
        key = "actors:mentions"
        if key not in self._cache:
            spans = sorted(
                (m.start, m.end, i) for i, a in enumerate(self.actors) for m in a.mentions
            )
            self._cache[key] = ([s for s, _, _ in spans], spans)
        starts, spans = self._cache[key]
        k = bisect.bisect_right(starts, offset) - 1
        while k >= 0 and spans[k][0] > offset - 500:
            start, end, i = spans[k]
            if start <= offset < end:
                return self.actors[i]
            k -= 1
        return None

    def quoted(self) -> Intervals:
        """The character ranges inside direct quotes (after the quotes step)."""
        key = "quotes:ranges"
        if key not in self._cache:
            self._cache[key] = Intervals((q.start, q.end) for q in self.quotes if q.direct)
        return self._cache[key]

"""The per-article pipeline: raw document → clean → parse once → extract → :class:`Analysis`.

This is a pure function of one document and the reference data, which is what runs
in parallel (worker processes, Dask). Nothing here touches the store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from fogline import budget
from fogline.budget import TimeBudget, TooComplex
from fogline.errors import IngestError
from fogline.extract.context import DocContext
from fogline.ingest.clean import detect_language, normalize_text
from fogline.ingest.encoding import check_not_binary_text, replace_surrogates
from fogline.ingest.readers import MAX_TEXT_CHARS, RawDocument, check_fields
from fogline.model import Analysis, Document
from fogline.options import Options

LOGGER = logging.getLogger(__name__)

MIN_CHARS = 20
"""Fewer characters of text than this (after cleaning, blanks aside): "empty document"."""
MAX_CHARS = MAX_TEXT_CHARS
"""More characters than this: "document too large" (analysis time grows faster than length)."""
FUTURE_GRACE = dt.timedelta(days=1)
"""A publication date more than this after today is warned about (time zones aside)."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """A document left out on purpose: its text is stored already, as ``stored_as``."""

    document_id: str
    origin: str
    stored_as: str | None = None

    @property
    def note(self) -> str | None:
        """A line for the user when the text is stored under another id, else None."""
        if self.stored_as is None or self.stored_as == self.document_id:
            return None
        return (
            f"{self.origin}: id {self.document_id!r}: same text as stored document "
            f"{self.stored_as!r}; not stored twice"
        )


@dataclass(slots=True)
class _Prepared:
    raw: RawDocument
    document: Document
    published: dt.date | None
    timings: dict[str, float] = field(default_factory=dict)


class Analyzer:
    """Loads the pipeline and reference data once; analyses documents one by one or in batches.

    Example:
        >>> analyzer = Analyzer()
        >>> analysis = analyzer.analyze("Rebels seized Kidal on Sunday.", published="2024-03-04")
        >>> analysis.times[0].value
        '2024-03-03'
    """

    def __init__(
        self,
        options: Options | None = None,
        *,
        batch_size: int | None = None,
        gazetteer: object | None = None,
        time_budget: TimeBudget | None | str = "env",
    ) -> None:
        """
        Args:
            options: every setting (default: :meth:`Options.from_env`).
            batch_size: overrides ``options.batch_size``.
            gazetteer: an opened gazetteer to use instead of ``options.gazetteer``.
            time_budget: overrides ``options.time_budget`` (None: no limit; "env": keep it).
        """
        options = options or Options.from_env()
        if batch_size is not None:
            options = options.replace(batch_size=batch_size)
        if time_budget != "env":
            options = options.replace(time_budget=time_budget)
        self.options = options
        self.batch_size = options.batch_size
        self.time_budget = options.time_budget
        self._gazetteer = gazetteer
        self._nlp = None
        self._actor_dictionary = None
        self.step_seconds: dict[str, float] = defaultdict(float)

    @property
    def nlp(self):
        """The spaCy pipeline (``spacy.Language``) of ``options.model``, loaded on first use."""
        if self._nlp is None:
            from fogline.nlp import load_pipeline

            t0 = time.perf_counter()
            self._nlp = load_pipeline(self.options.model)
            if self.options.gazetteer is not None or self.options.actor_files:
                self._configure_entities(self._nlp)
            self.step_seconds["load"] += time.perf_counter() - t0
        return self._nlp

    @property
    def gazetteer(self):
        """The gazetteer (``Gazetteer``), opened on first use; None if it cannot be built.

        It is ``options.gazetteer``, else the default file; a missing file is built first.
        """
        if self._gazetteer is None:
            from fogline.gazetteer import Gazetteer

            self._gazetteer = Gazetteer.open_default(self.options.gazetteer)
        return self._gazetteer

    @property
    def actor_dictionary(self):
        """The ``ActorDictionary`` extended by ``options.actor_files``, loaded on first use.

        None when :mod:`fogline.actordict` cannot be imported.
        """
        if self._actor_dictionary is None:
            try:
                from fogline.actordict import load_actor_dictionary
            except ImportError:  # dictionary module not installed yet
                return None
            self._actor_dictionary = load_actor_dictionary(extra=self.options.actor_files)
        return self._actor_dictionary

    def _configure_entities(self, nlp: object) -> None:
        """Point the entity component at this analyser's gazetteer and actor files."""
        from fogline.extract.places.entities import NAME

        fixer = nlp.get_pipe(NAME)  # type: ignore[attr-defined]
        fixer.gazetteer = self.gazetteer
        dictionary = self.actor_dictionary
        if dictionary is not None and self.options.actor_files:
            from fogline.extract.places.entities import ACTOR_LABEL

            def label(name: str) -> str | None:
                entry = dictionary.lookup(name)
                return ACTOR_LABEL.get(entry.kind) if entry is not None else None

            fixer.actors = label

    def analyze(
        self,
        text: str,
        *,
        published: str | None = None,
        source: str | None = None,
        title: str | None = None,
        id: str | None = None,  # the contract's field name
    ) -> Analysis:
        """Analyse one text. Raises :class:`IngestError` when it cannot be analysed."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a string, not {type(text).__name__}")
        raw = RawDocument(
            id=id or content_id(text),
            origin=id or "<text>",
            text=text,
            published=published,
            source=source,
            title=title,
        )
        result = next(self.analyze_many([raw]))
        if isinstance(result, IngestError):
            raise result
        return result

    def analyze_many(
        self,
        items: Iterable[RawDocument | IngestError],
        *,
        skip: Callable[[str], bool] | None = None,
    ) -> Iterator[Analysis | IngestError | Skipped]:
        """Analyse a stream, in input order; an unreadable document yields its IngestError.

        Args:
            items: raw documents (or read errors, passed through).
            skip: called with each cleaned text's content hash before parsing; when it
                returns a true value the document yields :class:`Skipped` (e.g. already
                stored; a string return is the id of the document that holds the text).
        """
        batch: list[RawDocument | IngestError] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.batch_size:
                yield from self._analyze_batch(batch, skip)
                batch = []
        if batch:
            yield from self._analyze_batch(batch, skip)

    def _analyze_batch(
        self, batch: list[RawDocument | IngestError], skip: Callable[[str], bool] | None
    ) -> Iterator[Analysis | IngestError | Skipped]:
        prepared: list[_Prepared | IngestError | Skipped] = []
        for item in batch:
            if isinstance(item, IngestError):
                prepared.append(item)
                continue
            try:
                ready = self._prepare(item)
            except IngestError as exc:
                prepared.append(exc)
                continue
            except Exception as exc:  # a bug must cost one document, not the batch
                LOGGER.exception("%s: cleaning failed", item.origin)
                prepared.append(IngestError(item.origin, f"internal error while cleaning: {exc!r}"))
                continue
            holder = skip(ready.document.content_hash or "") if skip is not None else None
            if holder:
                stored_as = holder if isinstance(holder, str) else None
                prepared.append(Skipped(ready.document.id, item.origin, stored_as))
            else:
                prepared.append(ready)
        ok = [p for p in prepared if isinstance(p, _Prepared)]
        t0 = time.perf_counter()
        docs = iter(self.nlp.pipe([p.document.text for p in ok], batch_size=self.batch_size))
        parse_share = 0.0
        for item in prepared:
            if not isinstance(item, _Prepared):
                yield item
                continue
            t1 = time.perf_counter()
            doc = next(docs)
            parse_share = time.perf_counter() - t1
            item.timings["parse"] = parse_share
            self.step_seconds["parse"] += parse_share
            try:
                yield self._extract(item, doc)
            except TooComplex as exc:
                LOGGER.warning("%s: %s", item.raw.origin, exc)
                yield IngestError(
                    item.raw.origin, f"{exc} ({len(item.document.text):,} characters)"
                )
            except Exception as exc:  # a bug must cost one document, not the batch
                LOGGER.exception("%s: extraction failed", item.raw.origin)
                yield IngestError(item.raw.origin, f"internal error while extracting: {exc!r}")
        LOGGER.debug("batch of %d in %.2fs", len(batch), time.perf_counter() - t0)

    def _prepare(self, raw: RawDocument) -> _Prepared:
        t0 = time.perf_counter()
        raw = _scrub(raw)
        check_fields(raw)
        if raw.html is not None:
            from fogline.ingest.html import html_to_document

            raw = html_to_document(raw)
        check_not_binary_text(raw.text or "", raw.origin)
        text = normalize_text(raw.text or "")
        if len(text.strip()) < MIN_CHARS:
            raise IngestError(raw.origin, "empty document: no text to analyse")
        if len(text) > MAX_CHARS:
            raise IngestError(
                raw.origin,
                f"document too large: {len(text):,} characters (limit {MAX_CHARS:,}); "
                "split it into articles",
            )
        language = detect_language(text)
        if language not in (None, "en"):
            raise IngestError(raw.origin, f"not English (detected {language!r}); not analysed")
        published = _parse_date(raw.published, raw.origin)
        document = Document(
            id=raw.id,
            text=text,
            title=raw.title,
            published=published.isoformat() if published else None,
            source=raw.source,
            language=language or "en",
            url=raw.url,
            author=raw.author,
            content_hash=content_hash(text),
        )
        elapsed = time.perf_counter() - t0
        self.step_seconds["clean"] += elapsed
        return _Prepared(
            raw=raw, document=document, published=published, timings={"clean": elapsed}
        )

    def _extract(self, item: _Prepared, doc: Doc) -> Analysis:
        """Run the extractors on the parsed document within its time budget.

        The budget starts with the extraction: parsing (linear in the text, and timed per
        batch, not per document) and loading reference data do not count against it.
        """
        ctx = DocContext.of(
            doc,
            published=item.published,
            source=item.document.source,
            gazetteer=self.gazetteer,
            actor_dictionary=self.actor_dictionary,
        )
        limit = self.time_budget.seconds_for(len(item.document.text)) if self.time_budget else None
        with budget.running(limit) as deadline:
            return self._run_steps(item, ctx, deadline)

    def _run_steps(
        self, item: _Prepared, ctx: DocContext, deadline: budget.Deadline | None
    ) -> Analysis:
        from fogline.extract import EXTRACTORS, Step, run_steps

        timings = item.timings
        doc = ctx.doc

        def before(step: Step) -> None:
            if deadline is not None:
                deadline.check(f"before {step.name}")

        def after(step: Step, seconds: float) -> None:
            timings[step.name] = seconds
            self.step_seconds[step.name] += seconds

        run_steps(doc, ctx, before_each=before, after_each=after)
        if deadline is not None:
            deadline.check("the last step")
        results = {step.name: getattr(ctx, step.name) for step in EXTRACTORS}
        return Analysis(
            document=item.document,
            timings={k: round(v, 6) for k, v in timings.items()},
            **results,
        )


def _scrub(raw: RawDocument) -> RawDocument:
    """The document with lone surrogates in its fields replaced by U+FFFD (warned about)."""
    changes: dict[str, str] = {}
    replaced = 0
    for name in ("id", "text", "html", "title", "published", "source", "url", "author"):
        value = getattr(raw, name)
        if isinstance(value, str):
            clean, count = replace_surrogates(value)
            if count:
                changes[name] = clean
                replaced += count
    if not changes:
        return raw
    LOGGER.warning(
        "%s: %d invalid code point(s) (lone surrogates) replaced by U+FFFD in %s",
        raw.origin,
        replaced,
        ", ".join(changes),
    )
    return replace(raw, **changes)


def content_hash(text: str) -> str:
    """SHA-256 of the cleaned text: the identity used for idempotent ingest."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def content_id(text: str) -> str:
    """A short stable id for a document that came without one."""
    return "doc-" + content_hash(text)[:12]


def _parse_date(value: str | None, origin: str) -> dt.date | None:
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        LOGGER.warning(
            "%s: publication date %r is not a date (YYYY-MM-DD); ignored, "
            "relative times stay unresolved",
            origin,
            value,
        )
        return None
    if day > dt.date.today() + FUTURE_GRACE:
        LOGGER.warning(
            "%s: publication date %s is in the future; kept, relative times resolve against it",
            origin,
            day.isoformat(),
        )
    return day

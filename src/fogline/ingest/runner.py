"""Batch ingest: read → analyse → store, streaming, resumable, one transaction per batch."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from fogline.errors import IngestError
from fogline.ingest.readers import DocumentMeta, read_paths
from fogline.model import Analysis
from fogline.pipeline import Analyzer, Skipped
from fogline.store import SaveResult, Store

LOGGER = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestReport:
    """What an ingest run did, for the summary line and the exit status."""

    saved: SaveResult = field(default_factory=SaveResult)
    skipped: int = 0
    errors: list[IngestError] = field(default_factory=list)
    seconds: float = 0.0
    step_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def analysed(self) -> int:
        return self.saved.added + self.saved.replaced + self.saved.unchanged

    def slowest_step(self) -> tuple[str, float] | None:
        if not self.step_seconds:
            return None
        return max(self.step_seconds.items(), key=lambda kv: kv[1])


def ingest_paths(
    paths: Iterable[str | Path],
    store: Store,
    *,
    meta: DocumentMeta | None = None,
    analyzer: Analyzer | None = None,
    batch_size: int = 32,
    workers: int = 1,
    on_document: Callable[[Analysis | IngestError | Skipped], None] | None = None,
) -> IngestReport:
    """Analyse every document under ``paths`` into ``store``.

    Documents whose cleaned text is stored already are skipped before parsing, so a
    rerun after an interruption resumes where it stopped. Each batch of ``batch_size``
    analyses is written in one transaction. ``workers > 1`` analyses in that many
    processes (the parent reads and writes).

    Example:
        >>> report = ingest_paths(["examples/"], Store.open("demo.sqlite"))  # doctest: +SKIP
    """
    report = IngestReport()
    started = time.perf_counter()
    pending: list[Analysis] = []
    inputs = read_paths(paths, meta=meta)
    if workers > 1:
        from fogline.parallel import analyze_parallel

        steps: dict[str, float] = {}
        results = analyze_parallel(inputs, workers=workers, db_url=store.url, step_seconds=steps)
    else:
        analyzer = analyzer or Analyzer()
        steps = analyzer.step_seconds
        results = analyzer.analyze_many(inputs, skip=_stored_check(store))
    try:
        for result in results:
            if isinstance(result, IngestError):
                LOGGER.debug("skipped %s", result)
                report.errors.append(result)
            elif isinstance(result, Skipped):
                report.skipped += 1
            else:
                pending.append(result)
                if len(pending) >= batch_size:
                    report.saved += store.save(pending)
                    pending = []
            if on_document is not None:
                on_document(result)
    finally:  # an interrupted run keeps every whole batch analysed so far
        if pending:
            report.saved += store.save(pending)
        report.seconds = time.perf_counter() - started
        report.step_seconds = dict(steps)
    return report


def _stored_check(store: Store) -> Callable[[str], bool]:
    def is_stored(content_hash: str) -> bool:
        return bool(store.known_hashes([content_hash]))

    return is_stored

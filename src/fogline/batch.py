"""Batch ingest above the pipeline: read → analyse (here or in workers) → store → reconcile.

Streaming and resumable, one transaction per batch of analyses; the command line only parses
arguments and displays what :func:`ingest_paths` reports.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fogline.errors import IngestError
from fogline.ingest.readers import DocumentMeta, read_paths
from fogline.model import Analysis
from fogline.pipeline import Analyzer, Skipped
from fogline.store import SaveResult, Store

if TYPE_CHECKING:
    from fogline.reconcile import ReconcileSummary

LOGGER = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestReport:
    """What an ingest run did, for the summary line and the exit status."""

    saved: SaveResult = field(default_factory=SaveResult)
    skipped: int = 0
    duplicates: int = 0
    """Texts given under one id and stored already under another (in ``notes``)."""
    errors: list[IngestError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Per-document lines about texts not stored under their own id, and replaced versions."""
    seconds: float = 0.0
    step_seconds: dict[str, float] = field(default_factory=dict)
    reconciled: ReconcileSummary | None = None
    """What the reconciliation after the ingest did (None: nothing changed, or not asked)."""

    @property
    def analysed(self) -> int:
        """Documents analysed and saved: added, replaced or unchanged."""
        return self.saved.added + self.saved.replaced + self.saved.unchanged

    def slowest_step(self) -> tuple[str, float] | None:
        """The step that took longest over the run, and its seconds; None when none was timed."""
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
    reconcile: bool = True,
) -> IngestReport:
    """Analyse every document under ``paths`` into ``store``.

    Documents whose cleaned text is stored already are skipped before parsing, so a
    rerun after an interruption resumes where it stopped. Each batch of ``batch_size``
    analyses is written in one transaction. ``workers > 1`` analyses in that many
    processes (the parent reads and writes). Every document given ends as stored,
    unchanged, or with a line in ``errors`` or ``notes`` (see :meth:`Store.save` for the
    rule on ids and texts). With ``reconcile``, propositions and statuses across sources are
    recomputed when anything changed (or an earlier run stopped before reconciling); an
    interrupted run does not reconcile, its rerun does.

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
        results = analyzer.analyze_many(inputs, skip=store.stored_as)

    def flush() -> None:
        saved = store.save(pending)
        report.saved += saved
        report.duplicates += saved.duplicates
        report.errors.extend(saved.errors)
        report.notes.extend(saved.notes)
        pending.clear()

    try:
        for result in results:
            if isinstance(result, IngestError):
                LOGGER.debug("skipped %s", result)
                report.errors.append(result)
            elif isinstance(result, Skipped):
                report.skipped += 1
                if result.note:
                    report.duplicates += 1
                    report.notes.append(result.note)
            else:
                pending.append(result)
                if len(pending) >= batch_size:
                    flush()
            if on_document is not None:
                on_document(result)
    finally:  # an interrupted run keeps every whole batch analysed so far
        if pending:
            flush()
        report.seconds = time.perf_counter() - started
        report.step_seconds = dict(steps)
    if reconcile and (report.saved.added or report.saved.replaced or store.reconciliation_stale()):
        from fogline.reconcile import reconcile as reconcile_store

        report.reconciled = reconcile_store(store)
    return report

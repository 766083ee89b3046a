"""Analysis in a pool of worker processes, streamed in input order with bounded memory.

Each worker loads the pipeline once (spaCy, gazetteer, lexicons) and analyses chunks
of documents; the parent reads inputs lazily and keeps at most ``2 × workers`` chunks
in flight, so memory stays flat however long the input.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from fogline.errors import IngestError
from fogline.ingest.readers import RawDocument
from fogline.model import Analysis
from fogline.pipeline import Analyzer, Skipped

Result = Analysis | IngestError | Skipped

_ANALYZER: Analyzer | None = None
_STORE: Any = None


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _init_worker(db_url: str | None, batch_size: int) -> None:
    global _ANALYZER, _STORE
    _ANALYZER = Analyzer(batch_size=batch_size)
    _ANALYZER.nlp  # noqa: B018 - load the pipeline before the first chunk arrives
    if db_url:
        from fogline.store import Store

        _STORE = Store.open(db_url)


def _analyze_chunk(chunk: list[RawDocument | IngestError]) -> tuple[list[Result], dict[str, float]]:
    assert _ANALYZER is not None
    _ANALYZER.step_seconds.clear()
    skip = _STORE.stored_as if _STORE is not None else None
    results = list(_ANALYZER.analyze_many(chunk, skip=skip))
    return results, dict(_ANALYZER.step_seconds)


def _chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def analyze_parallel(
    items: Iterable[RawDocument | IngestError],
    *,
    workers: int,
    db_url: str | None = None,
    chunk_size: int = 16,
    step_seconds: dict[str, float] | None = None,
) -> Iterator[Result]:
    """Analyse ``items`` in ``workers`` processes; results come back in input order.

    Args:
        db_url: when given, workers skip documents whose text that database holds.
        step_seconds: a dict that receives the summed time per pipeline step.
    """
    ctx = mp.get_context("spawn")
    chunks = _chunked(items, chunk_size)
    with ctx.Pool(workers, initializer=_init_worker, initargs=(db_url, chunk_size)) as pool:
        pending: deque[Any] = deque()
        for chunk in itertools.islice(chunks, 2 * workers):
            pending.append(pool.apply_async(_analyze_chunk, (chunk,)))
        while pending:
            results, steps = pending.popleft().get()
            nxt = next(chunks, None)
            if nxt:
                pending.append(pool.apply_async(_analyze_chunk, (nxt,)))
            if step_seconds is not None:
                for k, v in steps.items():
                    step_seconds[k] = step_seconds.get(k, 0.0) + v
            yield from results

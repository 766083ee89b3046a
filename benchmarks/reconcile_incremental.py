"""Incremental reconcile after adding documents to an N-document store, against a full recompute.

Builds (or reuses, in ``--dir``) a SQLite store of N generated articles, reconciles it fully,
ingests ``--added`` more without reconciling, then times ``reconcile(store)`` (incremental) and
``reconcile(store, full=True)`` on the same N + added documents, checks that both give the same
propositions, statuses, origins and event clusters, and prints the times and their ratio.
Figures of one run on this machine, not pass/fail. The issue's target: under 5 s at 10,000.

    .venv/bin/python benchmarks/reconcile_incremental.py [--count 2000] [--added 100]
        [--workers 2] [--dir /tmp/fogline-incr]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

if TYPE_CHECKING:
    from fogline.store import Store


def snapshot(store: Store) -> tuple[Any, ...]:
    """What a reader sees: every proposition with its status and origins, and the events."""
    from fogline.reconcile import claims, event_clusters

    views = [
        (v.id, v.status, json.dumps(v.origins, sort_keys=True), v.subject, v.place)
        for v in claims(store)
    ]
    return views, event_clusters(store)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="documents in the store (N)")
    parser.add_argument("--added", type=int, default=100, help="documents added after")
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--dir", type=Path, default=None, help="work folder, reused if it holds N")
    args = parser.parse_args()

    from fogline.batch import ingest_paths
    from fogline.reconcile import reconcile
    from fogline.store import Store

    work = args.dir or Path(tempfile.mkdtemp(prefix="fogline-incr-"))
    work.mkdir(parents=True, exist_ok=True)
    base, db = work / f"base-{args.count}.sqlite", work / "fogline.sqlite"
    records = list(generate(args.count + args.added, seed=2024))
    first, later = work / "first.jsonl", work / "later.jsonl"
    first.write_text("".join(json.dumps(r) + "\n" for r in records[: args.count]))
    later.write_text("".join(json.dumps(r) + "\n" for r in records[args.count :]))
    if not base.exists():
        t0 = time.perf_counter()
        with Store.open(base) as store:
            ingest_paths([first], store, workers=args.workers, batch_size=64, reconcile=False)
        print(f"built the {args.count:,}-document store in {time.perf_counter() - t0:.0f}s")
    for stale in work.glob("fogline.sqlite*"):
        stale.unlink()
    shutil.copy(base, db)
    with Store.open(db) as store:
        t0 = time.perf_counter()
        s = reconcile(store, full=True)
        full_n = time.perf_counter() - t0
        print(f"full reconcile of {s.documents:,} documents: {full_n:.2f}s "
              f"({s.reports:,} reports of {s.propositions:,} propositions)")  # fmt: skip
        ingest_paths([later], store, workers=args.workers, batch_size=64, reconcile=False)
        t0 = time.perf_counter()
        inc = reconcile(store)
        incremental = time.perf_counter() - t0
        after = snapshot(store)
        t0 = time.perf_counter()
        s = reconcile(store, full=True)
        full = time.perf_counter() - t0
        same = snapshot(store) == after
    print(f"incremental reconcile after adding {args.added:,} documents: {incremental:.2f}s "
          f"({inc.analysed:,} documents analysed, {inc.rewritten:,} rewritten)")  # fmt: skip
    print(f"full reconcile of {s.documents:,} documents: {full:.2f}s")
    print(f"ratio incremental / full: {incremental / full:.3f} ({full / incremental:.1f}x faster); "
          f"same propositions, statuses, origins and events: {same}")  # fmt: skip


if __name__ == "__main__":
    main()

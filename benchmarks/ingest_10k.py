"""End-to-end `fogline ingest` of 10,000 generated articles into SQLite, then `fogline claims`.

Runs the real command in a subprocess (``--workers``, default all cores), samples the resident
memory of its whole process tree, and reports documents/s of the ingest (until the last document
is stored), the time of the reconciliation that follows, peak RSS (sum over the processes and
largest single process), then times ``fogline.reconcile.claims(store)`` over the stored corpus,
split into its steps. Figures of one run on this machine, not pass/fail.

    .venv/bin/python benchmarks/ingest_10k.py [--count 10000] [--workers 2] [--dir /tmp/f10k]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

MB = 1024 * 1024


class TreeSampler(threading.Thread):
    """Samples the RSS of a process and its children (psutil) until stopped."""

    def __init__(self, pid: int, every: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.peak_total = self.peak_single = 0
        self.processes = 0
        self._halt = threading.Event()

    def run(self) -> None:
        try:
            import psutil
        except ImportError:
            return
        root = psutil.Process(self.pid)
        while not self._halt.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
                rss = [p.memory_info().rss for p in procs]
            except psutil.Error:
                break
            self.processes = max(self.processes, len(procs))
            self.peak_total = max(self.peak_total, sum(rss))
            self.peak_single = max(self.peak_single, max(rss))
            self._halt.wait(self.every)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def documents_in(db: Path) -> int:
    import sqlite3

    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def time_claims(db: Path) -> None:
    from fogline.reconcile import claims
    from fogline.reconcile.status import REPORT_COLUMNS, build_views
    from fogline.store import Store

    with Store.open(db, create=False) as store:
        counts = store.counts()
        print(f"store: {counts['documents']:,} documents, {counts['claims']:,} claims, "
              f"{counts['proposition_reports']:,} proposition reports")  # fmt: skip
        for label, kwargs in (("all", {}), ("all, warm", {}), ("--place Kidal", {"place": "Kidal"}),
                              ("--status contested", {"status": "contested"})):  # fmt: skip
            t0 = time.perf_counter()
            views = claims(store, **kwargs)
            print(f"claims({label}): {time.perf_counter() - t0:.3f}s, {len(views):,} propositions")
        t0 = time.perf_counter()
        reports = store.proposition_reports(columns=REPORT_COLUMNS)
        t1 = time.perf_counter()
        clusters = store.copy_clusters()
        t2 = time.perf_counter()
        build_views(reports, clusters)
        t3 = time.perf_counter()
        print(f"  of which: read reports {t1 - t0:.3f}s, read copy clusters {t2 - t1:.3f}s, "
              f"build views {t3 - t2:.3f}s")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--dir", type=Path, default=None, help="work folder (default: temporary)")
    args = parser.parse_args()

    work = args.dir or Path(tempfile.mkdtemp(prefix="fogline-10k-"))
    work.mkdir(parents=True, exist_ok=True)
    inputs, db = work / "articles.jsonl", work / "fogline.sqlite"
    for stale in work.glob("fogline.sqlite*"):
        stale.unlink()
    with inputs.open("w", encoding="utf-8") as fh:
        for record in generate(args.count, seed=2024):
            fh.write(json.dumps(record) + "\n")
    words = sum(len(json.loads(line)["text"].split()) for line in inputs.open(encoding="utf-8"))
    print(f"input: {args.count:,} generated articles, {words:,} words, "
          f"{inputs.stat().st_size / MB:.1f} MB ({work})")  # fmt: skip

    command = [sys.executable, "-c", "from fogline.cli import main; main()", "ingest", str(inputs),
               "--db", str(db), "--workers", str(args.workers),
               "--batch-size", str(args.batch_size)]  # fmt: skip
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    ingested_at = None
    while proc.poll() is None:
        if ingested_at is None and documents_in(db) >= args.count:
            ingested_at = time.perf_counter()
        time.sleep(0.5)
    ended = time.perf_counter()
    sampler.stop()
    output = proc.stdout.read().decode() if proc.stdout else ""
    if proc.returncode != 0:
        sys.exit(f"ingest failed ({proc.returncode}):\n{output}")
    ingest_s = (ingested_at or ended) - started
    stored = documents_in(db)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(f"ingest: {stored:,} documents in {ingest_s:.0f}s = {stored / ingest_s:.1f} docs/s "
          f"({words / ingest_s:,.0f} words/s) with {args.workers} workers")  # fmt: skip
    print(f"reconcile after ingest: {ended - (ingested_at or ended):.0f}s; "
          f"whole command {ended - started:.0f}s")  # fmt: skip
    if sampler.peak_total:
        print(f"peak RSS: {sampler.peak_total / MB:.0f} MB summed over {sampler.processes} "
              f"processes; largest single process {sampler.peak_single / MB:.0f} MB")  # fmt: skip
    print(f"peak RSS of the largest child (getrusage): {children / MB:.0f} MB")
    print(f"database: {db.stat().st_size / MB:.0f} MB")
    time_claims(db)


if __name__ == "__main__":
    main()

"""Scaling of the analysis from 1 to 2 worker processes, peak memory per worker, and the
one-process ratio against raw spaCy ``nlp.pipe`` (benchmarks/throughput.py), on the same
generated texts. Figures of one run on this machine, not pass/fail.

    .venv/bin/python benchmarks/scaling.py [--docs 320] [--workers 1 2]

Each pool run starts with a warm-up of two chunks per worker (loading spaCy, the gazetteer and
the lexicons is not counted); throughput is measured from the last warm-up result to the end.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import throughput
from generate import generate

from fogline.ingest.readers import RawDocument
from fogline.parallel import analyze_parallel

MB = 1024 * 1024
CHUNK = 16


class ChildSampler(threading.Thread):
    """Peak RSS of each child process of this one (the pool's workers), sampled with psutil."""

    def __init__(self, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.every = every
        self.peaks: dict[int, int] = {}
        self._halt = threading.Event()

    def run(self) -> None:
        try:
            import psutil
        except ImportError:
            return
        me = psutil.Process()
        while not self._halt.is_set():
            for child in me.children(recursive=True):
                try:
                    if "resource_tracker" in " ".join(child.cmdline()):
                        continue  # multiprocessing's helper, not a worker
                    rss = child.memory_info().rss
                except psutil.Error:
                    continue
                self.peaks[child.pid] = max(self.peaks.get(child.pid, 0), rss)
            self._halt.wait(self.every)

    def stop(self) -> dict[int, int]:
        self._halt.set()
        self.join()
        return self.peaks


def raws(records: list[dict], tag: str) -> list[RawDocument]:
    return [
        RawDocument(id=f"{tag}{r['id']}", origin=r["id"], text=r["text"], published=r["published"])
        for r in records
    ]


def pool_run(records: list[dict], warmup: list[dict], workers: int) -> tuple[float, int, dict]:
    """(seconds, documents) of the measured part of one pool run, and worker RSS peaks."""
    sampler = ChildSampler()
    sampler.start()
    items = raws(warmup[: 2 * workers * CHUNK], "w") + raws(records, "m")
    n_warm = 2 * workers * CHUNK
    done, t0 = 0, None
    for i, _ in enumerate(analyze_parallel(items, workers=workers, chunk_size=CHUNK), start=1):
        if i == n_warm:
            t0 = time.perf_counter()
        elif i > n_warm:
            done += 1
    seconds = time.perf_counter() - (t0 or time.perf_counter())
    return seconds, done, sampler.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=320, help="measured documents per run")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()

    records = list(generate(args.docs, seed=99))
    warmup = list(generate(2 * max(args.workers) * CHUNK, seed=98))
    words = sum(len(r["text"].split()) for r in records)
    print(f"texts: {len(records)} generated articles, {words:,} words "
          f"(+ {2 * CHUNK} warm-up documents per worker)")  # fmt: skip

    rates: dict[int, float] = {}
    for workers in args.workers:
        seconds, done, peaks = pool_run(records, warmup, workers)
        rates[workers] = done / seconds
        per_worker = ", ".join(f"{v / MB:.0f}" for v in sorted(peaks.values(), reverse=True))
        print(f"{workers} worker(s): {done} docs in {seconds:.1f}s = {rates[workers]:.1f} docs/s "
              f"({words / seconds:,.0f} words/s); peak RSS per worker process (MB): "
              f"{per_worker or 'psutil not installed'}")  # fmt: skip
    if 1 in rates:
        for workers, rate in rates.items():
            if workers != 1:
                print(f"scaling: {workers} workers / 1 worker = {rate / rates[1]:.2f}")
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"largest worker peak RSS (getrusage RUSAGE_CHILDREN): {children:.0f} MB")

    print("\none process, fogline analysis vs raw spaCy (benchmarks/throughput.py):")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "texts.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        sys.argv = ["throughput.py", str(path), "--docs", str(len(records))]
        throughput.main()


if __name__ == "__main__":
    main()

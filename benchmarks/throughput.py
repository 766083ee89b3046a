"""Throughput of ``fogline analyze`` against raw spaCy ``nlp.pipe`` on the same texts.

Prints words/s and documents/s of both, their ratio, and peak memory (RSS). Not a
pass/fail test: the figures are measured in one run on whatever machine runs it.

    .venv/bin/python benchmarks/throughput.py [--docs N] [PATH ...]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

import spacy

from fogline.nlp import MODEL
from fogline.pipeline import Analyzer

REPO = Path(__file__).resolve().parents[1]
DEFAULT_INPUTS = [REPO / "examples", REPO.parent / "shared" / "eval" / "seed"]


def load_texts(paths: list[Path]) -> list[str]:
    texts: list[str] = []
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in files:
            if f.suffix == ".txt":
                texts.append(f.read_text(encoding="utf-8"))
            elif f.suffix == ".jsonl":
                for line in f.read_text(encoding="utf-8").splitlines():
                    if line.strip():
                        record = json.loads(line)
                        if record.get("text"):
                            texts.append(record["text"])
    return texts


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=DEFAULT_INPUTS)
    parser.add_argument("--docs", type=int, default=120, help="documents per measurement")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds (median)")
    args = parser.parse_args()

    base = load_texts([p for p in args.paths if p.exists()])
    if not base:
        sys.exit("no .txt or .jsonl texts found")
    texts = [base[i % len(base)] for i in range(args.docs)]
    words = sum(len(t.split()) for t in texts)

    analyzer = Analyzer(batch_size=args.batch_size)
    analyzer.analyze(base[0], published="2021-09-06")  # warm up: load model, gazetteer, lexicons
    raw_nlp = spacy.load(MODEL)
    list(raw_nlp.pipe(base[:2]))

    from fogline.ingest.readers import RawDocument

    def raw_seconds() -> float:
        t0 = time.perf_counter()
        for _ in raw_nlp.pipe(texts, batch_size=args.batch_size):
            pass
        return time.perf_counter() - t0

    def fogline_seconds(round_no: int) -> float:
        # distinct ids so every copy is a different document to the pipeline
        raws = (
            RawDocument(id=f"r{round_no}d{i}", origin=f"d{i}", text=t, published="2021-09-06")
            for i, t in enumerate(texts)
        )
        t0 = time.perf_counter()
        n = sum(1 for _ in analyzer.analyze_many(raws))
        assert n == len(texts)
        return time.perf_counter() - t0

    # rounds alternate raw spaCy and fogline, so that a machine slowing down or speeding up
    # in the middle weighs on both; the medians are compared
    raw_runs, fog_runs = [], []
    for round_no in range(args.rounds):
        raw_runs.append(raw_seconds())
        analyzer.step_seconds.clear()
        fog_runs.append(fogline_seconds(round_no))
    raw_s, fog_s = statistics.median(raw_runs), statistics.median(fog_runs)
    n = len(texts)

    print(f"texts: {len(texts)} documents, {words:,} words (from {len(base)} distinct)")
    print(f"raw spaCy nlp.pipe : {words / raw_s:9,.0f} words/s  {len(texts) / raw_s:7.1f} docs/s")
    print(f"fogline analyze    : {words / fog_s:9,.0f} words/s  {n / fog_s:7.1f} docs/s")
    print(f"ratio (fogline / raw spaCy throughput): {raw_s / fog_s:.2f} (median of {args.rounds})")
    rounds = zip(raw_runs, fog_runs, strict=True)
    print("ratio per round: " + ", ".join(f"{r / f:.2f}" for r, f in rounds))
    steps = sorted(analyzer.step_seconds.items(), key=lambda kv: -kv[1])
    print("time per step: " + ", ".join(f"{k} {v:.2f}s" for k, v in steps))
    print(f"peak memory (RSS): {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()

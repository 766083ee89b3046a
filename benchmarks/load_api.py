"""Bounded load test of the REST API: N readers and one writer against `fogline serve`.

The server runs in a subprocess (uvicorn via `fogline serve`) on a free loopback port over
a test database seeded with synthetic reports (benchmarks/generate.py). Reader threads
(httpx, one client each) cycle through the read routes and pages; one writer POSTs new
reports with the write token, one at a time. The run stops at a fixed number of requests or
seconds, whichever comes first. It reports requests/s, p50/p95 latency and errors, then
checks that every POSTed report is in the database (no lost write).

    .venv/bin/python benchmarks/load_api.py --readers 4 --seconds 20 --writes 10

Exit status: 0 when there were no errors and no lost writes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
READ_PATHS = [
    "/api/health",
    "/api/documents?limit=20",
    "/api/propositions?limit=20",
    "/api/events?limit=50",
    "/api/claims?limit=50",
    "/api/quotes?limit=50",
    "/api/places?limit=50",
    "/api/search?q=troops",
    "/api/timeline",
    "/",
    "/documents",
]


@dataclass
class Tally:
    """Latencies (seconds) and errors of one kind of request."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, error: str | None = None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if error:
                self.errors.append(error)

    def summary(self, elapsed: float) -> dict[str, float]:
        lat = sorted(self.latencies)
        if not lat:
            return {"requests": 0, "per_second": 0.0, "p50_ms": 0.0, "p95_ms": 0.0, "errors": 0}
        return {
            "requests": len(lat),
            "per_second": round(len(lat) / elapsed, 1),
            "p50_ms": round(statistics.median(lat) * 1000, 1),
            "p95_ms": round(lat[min(len(lat) - 1, int(0.95 * len(lat)))] * 1000, 1),
            "errors": len(self.errors),
        }


def _generator():  # the benchmarks/generate.py module
    spec = importlib.util.spec_from_file_location("fogline_generate", HERE / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed_database(db: Path, count: int) -> None:
    """Ingest ``count`` synthetic reports into ``db`` (analysed for real, then reconciled)."""
    from fogline.batch import ingest_paths
    from fogline.reconcile import reconcile
    from fogline.store import Store

    path = db.with_suffix(".seed.jsonl")
    records = _generator().generate(count, seed=101)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with Store.open(db) as store:
        ingest_paths([path], store)
        reconcile(store)


@contextlib.contextmanager
def serve(db: Path, token: str) -> Iterator[str]:
    """`fogline serve` on a free loopback port; yields its base URL, stops it afterwards."""
    port = free_port()
    env = {**os.environ, "FOGLINE_API_TOKEN": token}
    command = [sys.executable, "-c", "from fogline.cli import main; main()", "serve",
               "--db", str(db), "--host", "127.0.0.1", "--port", str(port)]  # fmt: skip
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {proc.stderr.read().decode()[-2000:]}")
            try:
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not answer within 60 s")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def reader(base: str, stop: threading.Event, budget: list[int], tally: Tally, n: int) -> None:
    with httpx.Client(base_url=base, timeout=30) as client:
        i = n
        while not stop.is_set():
            with tally.lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            path = READ_PATHS[i % len(READ_PATHS)]
            i += 1
            t0 = time.perf_counter()
            try:
                r = client.get(path)
                error = None if r.status_code == 200 else f"GET {path}: {r.status_code}"
            except httpx.HTTPError as exc:
                error = f"GET {path}: {type(exc).__name__}: {exc}"
            tally.add(time.perf_counter() - t0, error)


def writer(
    base: str, token: str, docs: list[dict], stop: threading.Event, tally: Tally, posted: list
) -> None:
    headers = {"authorization": f"Bearer {token}", "content-type": "text/plain"}
    with httpx.Client(base_url=base, timeout=120) as client:
        for doc in docs:
            if stop.is_set():
                return
            params = {"id": doc["id"], "published": doc["published"], "source": doc["source"]}
            t0 = time.perf_counter()
            try:
                r = client.post("/api/documents", params=params, content=doc["text"].encode(),
                                headers=headers)  # fmt: skip
                ok = r.status_code == 201 and doc["id"] in r.json()["ids"]
                error = None if ok else f"POST {doc['id']}: {r.status_code} {r.text[:200]}"
            except httpx.HTTPError as exc:
                error = f"POST {doc['id']}: {type(exc).__name__}: {exc}"
            tally.add(time.perf_counter() - t0, error)
            if error is None:
                posted.append(doc["id"])


def run_load(
    *, readers: int = 4, seconds: float = 20.0, requests: int = 20_000, writes: int = 10,
    seed_docs: int = 40, workdir: Path | None = None,
) -> dict:  # fmt: skip
    """Run the bounded load test; returns the figures and the list of lost writes."""
    from fogline.store import Store

    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        db = Path(tmp) / "load.sqlite"
        t0 = time.perf_counter()
        seed_database(db, seed_docs)
        seeded = time.perf_counter() - t0
        new_docs = [
            {**d, "id": f"posted-{i}"}
            for i, d in enumerate(_generator().generate(seed_docs + writes, seed=202))
        ][seed_docs:]
        token = secrets.token_urlsafe(24)
        reads, posts = Tally(), Tally()
        posted: list[str] = []
        stop = threading.Event()
        budget = [requests]
        with serve(db, token) as base:
            threads = [
                threading.Thread(target=reader, args=(base, stop, budget, reads, n))
                for n in range(readers)
            ]
            threads.append(
                threading.Thread(target=writer, args=(base, token, new_docs, stop, posts, posted))
            )
            started = time.perf_counter()
            for t in threads:
                t.start()
            writer_thread = threads[-1]
            writer_thread.join(timeout=seconds)
            while time.perf_counter() - started < seconds and budget[0] > 0:
                time.sleep(0.05)
            stop.set()
            for t in threads:
                t.join(timeout=180)
            elapsed = time.perf_counter() - started
        with Store.open(db, create=False) as store:
            stored = set(store.document_ids())
            documents = len(stored)
    lost = [doc_id for doc_id in posted if doc_id not in stored]
    return {
        "readers": readers,
        "seconds": round(elapsed, 2),
        "seed_documents": seed_docs,
        "seed_seconds": round(seeded, 1),
        "reads": reads.summary(elapsed),
        "writes": {**posts.summary(elapsed), "planned": writes, "posted": len(posted)},
        "documents_after": documents,
        "lost_writes": lost,
        "errors": (reads.errors + posts.errors)[:20],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=4, help="concurrent reader threads")
    parser.add_argument("--seconds", type=float, default=20.0, help="at most this long")
    parser.add_argument("--requests", type=int, default=20_000, help="at most this many reads")
    parser.add_argument("--writes", type=int, default=10, help="documents the writer POSTs")
    parser.add_argument("--seed-docs", type=int, default=40, help="documents in the database")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    figures = run_load(
        readers=args.readers, seconds=args.seconds, requests=args.requests, writes=args.writes,
        seed_docs=args.seed_docs,
    )  # fmt: skip
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        r, w = figures["reads"], figures["writes"]
        print(f"{figures['readers']} readers + 1 writer for {figures['seconds']} s "
              f"over {figures['seed_documents']} seeded documents")  # fmt: skip
        print(f"reads : {r['requests']} requests, {r['per_second']} req/s, "
              f"p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, {r['errors']} errors")  # fmt: skip
        print(f"writes: {w['posted']}/{w['planned']} posted, p50 {w['p50_ms']} ms, "
              f"p95 {w['p95_ms']} ms, {w['errors']} errors")  # fmt: skip
        print(f"lost writes: {len(figures['lost_writes'])}; documents after: "
              f"{figures['documents_after']}")  # fmt: skip
        for error in figures["errors"]:
            print("  error:", error)
    return 0 if not figures["errors"] and not figures["lost_writes"] else 1


if __name__ == "__main__":
    sys.exit(main())

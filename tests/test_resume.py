"""`fogline ingest` killed with SIGKILL mid-run resumes: no duplicates, no partial documents."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from fogline.store import schema

REPO = Path(__file__).resolve().parents[1]
COUNT = 48
BATCH = 3


def generated(count: int, seed: int) -> list[dict]:
    """Synthetic reports from benchmarks/generate.py (real places, invented events)."""
    path = REPO / "benchmarks" / "generate.py"
    spec = importlib.util.spec_from_file_location("fogline_generate", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return list(module.generate(count, seed=seed))


def start_ingest(path: Path, db: str, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-c", "from fogline.cli import main; main()", "ingest", str(path)]
    command += ["--db", db, "--batch-size", str(BATCH), "--workers", str(workers)]
    # a session of its own, so the kill reaches the worker processes too
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )


def stored(store) -> int:
    return store.counts()["documents"]


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_killed_mid_run_resumes_every_document_once(tmp_path, fresh_store, workers):
    records = generated(COUNT, seed=5)
    path = tmp_path / "reports.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")

    proc = start_ingest(path, fresh_store.url, workers)
    deadline = time.monotonic() + 120
    while stored(fresh_store) < BATCH:  # the first batch has committed
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline, "no batch committed in 120 s"
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    before = stored(fresh_store)
    assert BATCH <= before < COUNT, "the run finished before it could be killed"

    rerun = start_ingest(path, fresh_store.url, workers)
    _, stderr = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, stderr.decode()

    assert sorted(fresh_store.document_ids()) == sorted(r["id"] for r in records)
    with fresh_store.engine.connect() as conn:
        for name, table in schema.RECORD_TABLES.items():
            per_doc = dict(
                conn.execute(
                    select(table.c.document_id, func.count()).group_by(table.c.document_id)
                ).all()
            )
            for doc_id in fresh_store.document_ids():
                analysis = fresh_store.get_analysis(doc_id)
                assert per_doc.get(doc_id, 0) == len(getattr(analysis, name)), (doc_id, name)
                if name == "paragraphs":
                    assert per_doc[doc_id] > 0, doc_id

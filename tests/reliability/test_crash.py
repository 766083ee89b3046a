"""Crash safety: ingest killed (SIGKILL) at random points, a reconciliation lost to a crash,
and damaged or newer databases refused at the command line with one line, not a traceback.

tests/test_resume.py kills once, right after the first batch; here the kill lands at a
random number of stored documents plus a random delay (inside analysis, a write
transaction or the final reconciliation), for several seeds.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from fogline.store import Store, schema

REPO = Path(__file__).resolve().parents[2]
COUNT = 16
BATCH = 2
CLI = [sys.executable, "-c", "from fogline.cli import main; main()"]


def generated(count: int, seed: int) -> list[dict]:
    """Synthetic reports from benchmarks/generate.py (real places, invented events)."""
    path = REPO / "benchmarks" / "generate.py"
    spec = importlib.util.spec_from_file_location("fogline_generate", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return list(module.generate(count, seed=seed))


def ingest_command(path: Path, db: str) -> list[str]:
    return [*CLI, "ingest", str(path), "--db", db, "--batch-size", str(BATCH)]


def ingest(path: Path, db: str) -> subprocess.CompletedProcess:
    return subprocess.run(ingest_command(path, db), capture_output=True, text=True, timeout=300)


def check_whole_and_unique(store: Store, expected_ids: list[str]) -> None:
    """Every document once, each with exactly its analysis's records, and no orphan rows."""
    ids = store.document_ids()
    assert sorted(ids) == sorted(expected_ids)
    with store.engine.connect() as conn:
        hashes = conn.scalars(select(schema.documents.c.content_hash)).all()
        assert len(set(hashes)) == len(hashes) == len(expected_ids)
        for name, table in schema.RECORD_TABLES.items():
            per_doc = dict(
                conn.execute(
                    select(table.c.document_id, func.count()).group_by(table.c.document_id)
                ).all()
            )
            assert set(per_doc) <= set(ids), f"{name}: rows of a document that is not stored"
            for doc_id in ids:
                analysis = store.get_analysis(doc_id)
                assert per_doc.get(doc_id, 0) == len(getattr(analysis, name)), (doc_id, name)
    assert set(store.copy_clusters()) == set(ids), "the reconciliation misses documents"


@pytest.mark.slow
@pytest.mark.parametrize("seed", [11, 23, 37, 41])
def test_ingest_killed_at_a_random_point_resumes_with_every_document_once(
    tmp_path, fresh_store, seed
):
    rng = random.Random(seed)
    records = generated(COUNT, seed=seed)
    path = tmp_path / "reports.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")

    stored_before_kill = rng.randrange(0, COUNT - BATCH)
    # a session of its own, so the kill reaches every process of the run
    proc = subprocess.Popen(
        ingest_command(path, fresh_store.url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while fresh_store.counts()["documents"] < stored_before_kill and proc.poll() is None:
        assert time.monotonic() < deadline, "ingest stalled"
        time.sleep(0.01)
    time.sleep(rng.uniform(0, 0.3))  # somewhere in analysis, a transaction or reconciliation
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    assert len(fresh_store.document_ids()) <= COUNT  # all may be stored, reconciliation not

    rerun = ingest(path, fresh_store.url)
    assert rerun.returncode == 0, rerun.stderr
    check_whole_and_unique(fresh_store, [r["id"] for r in records])
    reports = fresh_store.counts()["proposition_reports"]

    from fogline.reconcile import reconcile  # a fresh reconciliation agrees with the rerun's

    reconcile(fresh_store)
    assert fresh_store.counts()["proposition_reports"] == reports


@pytest.mark.slow
def test_documents_stored_by_a_run_killed_before_reconciling_are_reconciled_on_rerun(
    tmp_path, analyzer
):
    """The kill after the last batch commits but before reconciliation ends, made exact."""
    from fogline.ingest.readers import read_paths
    from fogline.reconcile import reconcile

    records = generated(6, seed=3)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("".join(json.dumps(r) + "\n" for r in records[:3]), encoding="utf-8")
    second.write_text("".join(json.dumps(r) + "\n" for r in records[3:]), encoding="utf-8")
    db = str(tmp_path / "crash.sqlite")
    assert ingest(first, db).returncode == 0
    with Store.open(db) as store:  # the state such a kill leaves: saved, not reconciled
        store.save(a for a in analyzer.analyze_many(read_paths([second])))
        assert len(store.copy_clusters()) == 3 and len(store.document_ids()) == 6

    rerun = ingest(second, db)
    assert rerun.returncode == 0, rerun.stderr
    with Store.open(db) as store:
        assert set(store.copy_clusters()) == set(store.document_ids())
        reports = store.counts()["proposition_reports"]
        reconcile(store)
        assert store.counts()["proposition_reports"] == reports


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120)


def assert_one_line_error(proc: subprocess.CompletedProcess, *fragments: str) -> None:
    assert proc.returncode == 2, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error:")
    assert "Traceback" not in proc.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.fixture(scope="module")
def article(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("article") / "report.txt"
    path.write_text(
        "Rebels shelled the town of Goma on Sunday, killing four people, police said.",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def stored_db(tmp_path_factory, article) -> Path:
    """A real database with one document, checkpointed into its main file."""
    db = tmp_path_factory.mktemp("db") / "good.sqlite"
    assert run_cli("ingest", str(article), "--db", str(db)).returncode == 0
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


@pytest.mark.parametrize("command", ["ingest", "stats"])
def test_a_file_that_is_not_a_database_is_one_line_error(tmp_path, article, command):
    db = tmp_path / "junk.sqlite"
    db.write_bytes(random.Random(1).randbytes(8192))
    args = [command, str(article)] if command == "ingest" else [command]
    assert_one_line_error(run_cli(*args, "--db", str(db)), "junk.sqlite", "not a database")


def test_a_database_damaged_inside_is_one_line_error(tmp_path, stored_db):
    data = bytearray(stored_db.read_bytes())
    page = 4096
    for i in range(len(data) - 8 * page, len(data)):  # the last pages: tables, not the header
        data[i] = (data[i] * 7 + 13) % 256
    db = tmp_path / "damaged.sqlite"
    db.write_bytes(bytes(data))
    assert_one_line_error(run_cli("stats", "--db", str(db)), "malformed")


def test_a_truncated_database_is_one_line_error(tmp_path, stored_db):
    db = tmp_path / "truncated.sqlite"
    db.write_bytes(stored_db.read_bytes()[: stored_db.stat().st_size // 3])
    assert_one_line_error(run_cli("stats", "--db", str(db)), "malformed")


def test_a_newer_schema_is_one_line_error_and_the_database_is_untouched(
    tmp_path, stored_db, article
):
    db = tmp_path / "newer.sqlite"
    db.write_bytes(stored_db.read_bytes())
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(99),))
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = db.read_bytes()
    assert_one_line_error(
        run_cli("ingest", str(article), "--db", str(db)), "newer than this fogline"
    )
    with contextlib.closing(sqlite3.connect(db)) as conn:  # folds in anything fogline wrote
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert db.read_bytes() == before


def test_a_missing_database_for_a_reading_command_is_one_line_error(tmp_path):
    assert_one_line_error(
        run_cli("claims", "--db", str(tmp_path / "none.sqlite")), "no database", "fogline ingest"
    )

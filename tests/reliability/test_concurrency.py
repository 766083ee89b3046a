"""SQLite in WAL mode: readers (threads and another process) query while a writer saves
batches; no reader errs, counts only grow, and no reader ever sees half a document."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading
import time

from sqlalchemy import func, select

from fogline.model import Analysis, Document, Paragraph, Place
from fogline.store import Store, schema

PLACES_PER_DOCUMENT = 3
BATCHES = 40
BATCH = 5


def report(n: int) -> Analysis:
    """A stored report with exactly PLACES_PER_DOCUMENT place records."""
    text = f"Report {n}: shelling hit Goma, then Sake, then Bunia on Sunday, residents said."
    places = [
        Place(name=name, start=text.index(name), end=text.index(name) + len(name))
        for name in ("Goma", "Sake", "Bunia")
    ]
    return Analysis(
        document=Document(id=f"r{n}", text=text, published="2024-05-02", content_hash=f"h{n}"),
        paragraphs=[Paragraph(index=0, kind="body", start=0, end=len(text))],
        places=places,
    )


def snapshot_query():
    """Documents and places counted in ONE statement, so both come from one snapshot."""
    return select(
        select(func.count()).select_from(schema.documents).scalar_subquery(),
        select(func.count()).select_from(schema.places).scalar_subquery(),
    )


def write_batches(db: str, done: threading.Event, errors: list) -> None:
    try:
        with Store.open(db) as store:
            for b in range(BATCHES):
                store.save(report(b * BATCH + i) for i in range(BATCH))
                time.sleep(0.005)
    except Exception as exc:
        errors.append(exc)
    finally:
        done.set()


def read_until(db: str, done: threading.Event, seen: list, errors: list) -> None:
    try:
        with Store.open(db, create=False) as store:
            query = snapshot_query()
            while True:
                finished = done.is_set()
                with store.engine.connect() as conn:
                    seen.append(tuple(conn.execute(query).one()))
                if finished:
                    return
    except Exception as exc:
        errors.append(exc)


READER_PROCESS = textwrap.dedent(
    """
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], timeout=10)
    query = "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM places)"
    end = time.monotonic() + float(sys.argv[2])
    while time.monotonic() < end:
        docs, places = conn.execute(query).fetchone()
        print(docs, places, flush=True)
        if docs == int(sys.argv[3]):
            break
    """
)


def test_readers_during_writes_see_whole_documents_and_growing_counts(tmp_path):
    db = str(tmp_path / "wal.sqlite")
    Store.open(db).close()
    total = BATCHES * BATCH
    other = subprocess.Popen(
        [sys.executable, "-c", READER_PROCESS, db, "60", str(total)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    done, errors = threading.Event(), []
    seen: list[list[tuple[int, int]]] = [[] for _ in range(3)]
    readers = [threading.Thread(target=read_until, args=(db, done, s, errors)) for s in seen]
    for r in readers:
        r.start()
    write_batches(db, done, errors)
    for r in readers:
        r.join(timeout=60)
    out, err = other.communicate(timeout=60)
    assert other.returncode == 0, err
    seen.append([tuple(int(x) for x in line.split()) for line in out.splitlines()])

    assert errors == []
    for snapshots in seen:
        docs = [d for d, _ in snapshots]
        assert docs == sorted(docs), "a reader saw the count go down"
        assert all(p == PLACES_PER_DOCUMENT * d for d, p in snapshots), "half a document seen"
        assert all(d % BATCH == 0 for d in docs), "half a batch seen"
    assert seen[0][-1] == (total, PLACES_PER_DOCUMENT * total)
    during = {d for snapshots in seen for d, _ in snapshots if 0 < d < total}
    assert len(during) >= 5, "the readers should have read while the writer wrote"


def test_a_long_read_does_not_block_the_writer_and_keeps_its_snapshot(tmp_path):
    db = tmp_path / "snap.sqlite"
    with Store.open(db) as store:
        store.save([report(0)])
        reader = sqlite3.connect(db, isolation_level=None)
        reader.execute("BEGIN")
        assert reader.execute("SELECT count(*) FROM documents").fetchone() == (1,)
        started = time.perf_counter()
        store.save([report(1), report(2)])  # would wait for the reader without WAL
        assert time.perf_counter() - started < 2
        assert reader.execute("SELECT count(*) FROM documents").fetchone() == (1,)
        reader.execute("COMMIT")
        assert reader.execute("SELECT count(*) FROM documents").fetchone() == (3,)
        reader.close()
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"

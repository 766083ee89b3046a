"""The store: idempotent, transactional ingest and clear errors on bad databases."""

from __future__ import annotations

import sqlite3

import pytest

from fogline.errors import NotFoundError, StoreError
from fogline.model import Analysis, Document, Paragraph, Place, TimeRef
from fogline.store import Store, schema


def make_analysis(doc_id: str, text: str) -> Analysis:
    start = text.index("Goma")
    return Analysis(
        document=Document(id=doc_id, text=text, published="2024-05-02", content_hash=f"h-{text}"),
        paragraphs=[Paragraph(index=0, kind="body", start=0, end=len(text))],
        places=[
            Place(name="Goma", start=start, end=start + 4, lat=-1.68, lon=29.22, country_code="CD")
        ],
        times=[TimeRef(text="on Friday", start=0, end=9, value="2024-04-26")],
    )


def test_store_save_is_idempotent(fresh_store):
    a = make_analysis("goma-1", "on Friday shelling hit Goma.")
    assert fresh_store.save([a]).added == 1
    again = fresh_store.save([a])
    assert (again.added, again.unchanged) == (0, 1)
    counts = fresh_store.counts()
    assert counts["documents"] == 1 and counts["places"] == 1 and counts["times"] == 1


def test_store_replaces_an_updated_document(fresh_store):
    fresh_store.save([make_analysis("goma-1", "on Friday shelling hit Goma.")])
    result = fresh_store.save([make_analysis("goma-1", "on Friday heavy shelling hit Goma.")])
    assert result.replaced == 1
    assert "heavy" in fresh_store.get_analysis("goma-1").document.text
    assert fresh_store.counts()["places"] == 1


def test_store_round_trips_the_analysis(fresh_store):
    a = make_analysis("goma-2", "on Friday shelling hit Goma.")
    fresh_store.save([a])
    assert fresh_store.get_analysis("goma-2") == a
    assert [x.document.id for x in fresh_store.iter_analyses()] == ["goma-2"]


def test_a_document_the_database_refuses_costs_only_itself(fresh_store):
    good = make_analysis("ok", "on Friday shelling hit Goma.")
    bad = make_analysis("bad", "on Friday shelling hit Goma again.")
    bad = Analysis(document=bad.document, places=[Place(name=None, start=0, end=1)])  # type: ignore[arg-type]
    saved = fresh_store.save([good, bad])
    assert saved.added == 1 and [e.source for e in saved.errors] == ["bad"]
    assert "not stored" in saved.errors[0].reason
    assert fresh_store.document_ids() == ["ok"]
    assert fresh_store.counts()["places"] == len(good.places)  # nothing of "bad" is left


def test_a_batch_that_cannot_be_written_stores_nothing(fresh_store, monkeypatch):
    good = make_analysis("ok", "on Friday shelling hit Goma.")
    other = make_analysis("other", "on Friday shelling hit Goma again.")
    from sqlalchemy.exc import OperationalError

    from fogline.store import rows

    calls = []

    def failing(analysis):  # the second document hits a dead disk
        calls.append(analysis.document.id)
        if len(calls) == 2:
            raise OperationalError("INSERT", None, Exception("disk I/O error"))
        return rows.record_rows(analysis)

    import fogline.store as store_module

    monkeypatch.setattr(store_module, "record_rows", failing)
    with pytest.raises(StoreError, match="disk I/O error"):
        fresh_store.save([good, other])
    assert fresh_store.counts()["documents"] == 0


def test_store_get_missing_document_raises_not_found(fresh_store):
    with pytest.raises(NotFoundError, match="no document"):
        fresh_store.get_analysis("nope")


def test_store_refuses_a_newer_schema(tmp_path):
    path = tmp_path / "new.sqlite"
    Store.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema'", (str(schema.SCHEMA_VERSION + 1),)
        )
    with pytest.raises(StoreError, match="newer than this fogline"):
        Store.open(path)


def test_store_refuses_a_corrupted_file(tmp_path):
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot use database"):
        Store.open(path)


def test_store_refuses_a_foreign_database(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER)")
    with pytest.raises(StoreError, match="no fogline schema"):
        Store.open(path)


def test_store_sqlite_uses_wal_mode(tmp_path):
    with Store.open(tmp_path / "wal.sqlite") as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"

"""The SQL of incremental reconcile: what it keeps per document, and writing only what changed.

Per reconciled document, ``reconcile_state`` keeps its MinHash signature, the copy cluster its
reports were made in, its reports and event rows before the cross-document steps (JSON), and a
digest of the rows last written for it (:mod:`fogline.reconcile.incremental`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, distinct, func, insert, select

from fogline.model import Analysis
from fogline.store import schema

if TYPE_CHECKING:
    from fogline.store import Store

_CHUNK = 500


@dataclass(slots=True)
class DocumentState:
    """What reconcile kept of one document (``reports`` and ``events`` as JSON text)."""

    content_hash: str
    signature: bytes
    cluster_id: str
    similarity: float | None
    reports: str
    events: str
    digest: str


@dataclass(slots=True)
class DocumentRows:
    """Everything reconcile writes for one document."""

    document_id: str
    state: DocumentState
    cluster_id: str
    similarity: float | None
    reports: list[dict[str, Any]]
    events: list[dict[str, Any]]


def document_hashes(store: Store) -> dict[str, str]:
    """id → content hash of every stored document."""
    c = schema.documents.c
    with store.engine.connect() as conn:
        return {r[0]: r[1] for r in conn.execute(select(c.id, c.content_hash))}


def load_state(store: Store) -> dict[str, DocumentState]:
    """id → what reconcile kept of it, for every document reconciled before."""
    t = schema.reconcile_state.c
    query = select(t.document_id, t.content_hash, t.signature, t.cluster_id, t.similarity,
                   t.reports, t.events, t.digest)  # fmt: skip
    with store.engine.connect() as conn:
        return {row[0]: DocumentState(*row[1:]) for row in conn.execute(query)}


def _chunks(ids: Iterable[str]) -> Iterator[list[str]]:
    wanted = sorted(set(ids))
    for i in range(0, len(wanted), _CHUNK):
        yield wanted[i : i + _CHUNK]


def counts(store: Store) -> tuple[int, int, int]:
    """(proposition reports, distinct propositions, event clusters) of the reconciliation."""
    p, e = schema.proposition_reports.c, schema.event_reports.c
    with store.engine.connect() as conn:
        return (
            int(conn.scalar(select(func.count()).select_from(schema.proposition_reports)) or 0),
            int(conn.scalar(select(func.count(distinct(p.proposition_id)))) or 0),
            int(conn.scalar(select(func.count(distinct(e.cluster_id)))) or 0),
        )


def texts(store: Store, ids: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(id, cleaned text) of the documents ``ids``."""
    c = schema.documents.c
    for chunk in _chunks(ids):
        with store.engine.connect() as conn:
            yield from (
                (r[0], r[1]) for r in conn.execute(select(c.id, c.text).where(c.id.in_(chunk)))
            )


def analyses(store: Store, ids: Iterable[str]) -> Iterator[Analysis]:
    """The stored analyses of the documents ``ids``, in id order."""
    c = schema.documents.c
    for chunk in _chunks(ids):
        query = select(c.analysis).where(c.id.in_(chunk)).order_by(c.id)
        with store.engine.connect() as conn:
            values = list(conn.scalars(query))
        yield from (Analysis.from_json(v) for v in values)


def write(
    store: Store, rows: Iterable[DocumentRows], *, removed: Iterable[str] = (), full: bool
) -> None:
    """Replace the reconciliation of the documents of ``rows`` (and drop ``removed``) in one
    transaction; ``full``: of every document (the corpus tables are emptied first)."""
    batch = list(rows)
    gone = sorted(set(removed))

    def work(conn: Connection) -> None:
        if full:
            for table in schema.CORPUS_TABLES:
                conn.execute(delete(table))
        else:
            for chunk in _chunks([r.document_id for r in batch] + gone):
                for table in schema.CORPUS_TABLES:
                    conn.execute(delete(table).where(table.c.document_id.in_(chunk)))
        _insert(conn, schema.copy_clusters, [
            {"document_id": r.document_id, "cluster_id": r.cluster_id, "similarity": r.similarity}
            for r in batch
        ])  # fmt: skip
        _insert(conn, schema.reconcile_state, [_state_row(r) for r in batch])
        _insert(conn, schema.proposition_reports, [x for r in batch for x in r.reports])
        _insert(conn, schema.event_reports, [x for r in batch for x in r.events])

    store.write(work)


def _state_row(r: DocumentRows) -> dict[str, Any]:
    s = r.state
    return {"document_id": r.document_id, "content_hash": s.content_hash,
            "signature": s.signature, "cluster_id": s.cluster_id, "similarity": s.similarity,
            "reports": s.reports, "events": s.events, "digest": s.digest}  # fmt: skip


def _insert(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    for i in range(0, len(rows), 1000):
        conn.execute(insert(table), rows[i : i + 1000])


def dumps(value: Any) -> str:
    """Compact, stable JSON for the kept state."""
    return json.dumps(value, separators=(",", ":"), sort_keys=True, ensure_ascii=False)

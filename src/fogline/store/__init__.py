"""Where analyses live: SQLite by default, PostgreSQL through the same SQLAlchemy Core code.

All SQL of fogline is in this package. Ingest is idempotent (a document whose
cleaned text was stored before is skipped) and transactional (one transaction
per batch: an interrupted ingest leaves no partial document).

Example:
    >>> store = Store.open("sqlite:///:memory:")
    >>> store.counts()["documents"]
    0
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    delete,
    func,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.exc import DatabaseError, DataError, IntegrityError, OperationalError

from fogline.errors import IngestError, NotFoundError, StoreError
from fogline.model import MAX_ID_CHARS, Analysis
from fogline.store import schema
from fogline.store.engine import configure_sqlite, first_error, is_busy, write_failure
from fogline.store.rows import record_rows

LOGGER = logging.getLogger(__name__)

DEFAULT_DB = "fogline.sqlite"

WRITE_ATTEMPTS = 8
"""Write transactions tried this many times while another writer holds the database (each
attempt waits up to SQLite's busy timeout first)."""
_PG_WRITE_LOCK = 0x666F676C  # "fogl": the advisory lock that serialises fogline's writers
T = TypeVar("T")


@dataclass(slots=True)
class SaveResult:
    """What one call of :meth:`Store.save` did, per document where it matters.

    ``duplicates`` counts texts stored already under another id (not stored twice);
    ``notes`` says which, and which documents replaced an earlier version; ``errors`` are
    documents the database refused (each cost only itself).
    """

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    duplicates: int = 0
    notes: list[str] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)

    def __iadd__(self, other: SaveResult) -> SaveResult:
        self.added += other.added
        self.replaced += other.replaced
        self.unchanged += other.unchanged
        self.duplicates += other.duplicates
        self.notes.extend(other.notes)
        self.errors.extend(other.errors)
        return self


def database_url(db: str | Path | None) -> str:
    """A SQLAlchemy URL from a URL or a plain file path (``None``: ``./fogline.sqlite``)."""
    db = str(db or DEFAULT_DB)
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser()}"


class Store:
    """A fogline database. Open with :meth:`open`; use as a context manager to close it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def url(self) -> str:
        """The database URL, password included (to open it again in a worker)."""
        return self.engine.url.render_as_string(hide_password=False)

    @classmethod
    def open(cls, db: str | Path | None = None, *, create: bool = True) -> Store:
        """Open (and create or upgrade) the database at ``db``, a URL or a SQLite file path.

        Raises:
            StoreError: unreadable or corrupted file, or a schema newer than this fogline.
        """
        url = database_url(db)
        if url.startswith("sqlite:///") and not create:
            path = Path(url.removeprefix("sqlite:///"))
            if not path.exists():
                raise StoreError(f"no database at {path}; run `fogline ingest` first")
        engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            configure_sqlite(engine)
        store = cls(engine)
        try:
            store._migrate()
        except (DatabaseError, OperationalError) as exc:
            engine.dispose()
            raise StoreError(f"cannot use database {url}: {exc.orig or exc}") from exc
        return store

    @property
    def name(self) -> str:
        """The database as a user names it: the SQLite file, or the URL without password."""
        if self.engine.dialect.name == "sqlite":
            return self.engine.url.database or ":memory:"
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        """Close the database connections (the engine's pool)."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------------------

    def schema_version(self) -> int:
        """The schema version recorded in the database; 0 before the schema is created."""
        with self.engine.connect() as conn:
            if not inspect(conn).has_table("meta"):
                return 0
            value = conn.scalar(select(schema.meta.c.value).where(schema.meta.c.key == "schema"))
            return int(value or 0)

    def _migrate(self) -> None:
        if self._check_version(self.schema_version()):
            return
        self.write(self._upgrade)

    @staticmethod
    def _check_version(version: int) -> bool:
        """Whether the schema is current; raises on a schema newer than this fogline's."""
        if version > schema.SCHEMA_VERSION:
            raise StoreError(
                f"database schema version {version} is newer than this fogline's "
                f"({schema.SCHEMA_VERSION}); upgrade fogline to use it"
            )
        return version == schema.SCHEMA_VERSION

    def _upgrade(self, conn: Connection) -> None:
        """Create or upgrade the schema, holding the write lock (another process may race)."""
        version = 0
        if inspect(conn).has_table("meta"):
            value = conn.scalar(select(schema.meta.c.value).where(schema.meta.c.key == "schema"))
            version = int(value or 0)
        if self._check_version(version):
            return  # a concurrent writer created it while this one waited for the lock
        if version == 0:
            if inspect(conn).get_table_names():
                raise StoreError("database has tables but no fogline schema; not touching it")
            schema.metadata.create_all(conn)
        else:
            for step in range(version, schema.SCHEMA_VERSION):
                schema.MIGRATIONS[step](conn)
        conn.execute(delete(schema.meta).where(schema.meta.c.key == "schema"))
        conn.execute(insert(schema.meta), [{"key": "schema", "value": str(schema.SCHEMA_VERSION)}])

    # -- write transactions ---------------------------------------------------------------

    def write(self, work: Callable[[Connection], T]) -> T:
        """Run ``work(conn)`` in one write transaction and return its result.

        Writers are serialised (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: an advisory lock),
        so checks made inside ``work`` hold until it commits. A transaction that finds the
        database busy is retried with backoff; a database that cannot be written (full disk,
        read-only file, I/O error) raises :class:`StoreError` naming it and the cause.
        """
        delay = 0.05
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with self.engine.connect() as conn:
                    conn.execution_options(fogline_write=True)
                    with conn.begin():
                        if conn.dialect.name == "postgresql":
                            conn.execute(
                                text("SELECT pg_advisory_xact_lock(:key)"),
                                {"key": _PG_WRITE_LOCK},
                            )
                        return work(conn)
            except OperationalError as error:
                exc = first_error(error)
                if is_busy(exc) and attempt < WRITE_ATTEMPTS:
                    LOGGER.info("%s is busy (attempt %d); retrying", self.name, attempt)
                    time.sleep(delay)
                    delay = min(delay * 2, 2.0)
                    continue
                raise StoreError(write_failure(self.name, self.engine, exc)) from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The content hashes among ``hashes`` that are stored already."""
        wanted = list(set(hashes))
        found: set[str] = set()
        col = schema.documents.c.content_hash
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 500):
                found.update(conn.scalars(select(col).where(col.in_(wanted[i : i + 500]))))
        return found

    def stored_ids(self, hashes: Iterable[str]) -> dict[str, str]:
        """content hash → id of the stored document with that text, for the hashes stored."""
        wanted = list(set(hashes))
        c = schema.documents.c
        found: dict[str, str] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 500):
                query = select(c.content_hash, c.id).where(c.content_hash.in_(wanted[i : i + 500]))
                found.update((h, doc_id) for h, doc_id in conn.execute(query))
        return found

    def stored_as(self, content_hash: str) -> str | None:
        """The id of the stored document with this text, or None (a ``skip`` for analysis)."""
        return self.stored_ids([content_hash]).get(content_hash)

    def save(self, analyses: Iterable[Analysis]) -> SaveResult:
        """Store a batch of analyses in one transaction, in order, one document at a time.

        The rule: an id names one document, and a text is stored once.
        - a text stored already under the same id: unchanged;
        - a text stored already under another id: not stored again (a duplicate, noted);
        - a new text under a stored id: a new version that replaces the stored one (noted);
          within a batch the last version of an id wins.
        A document the database refuses (a value too long for a column, say) is rolled
        back alone and reported in ``errors``; the rest of the batch is stored.
        """
        batch = list(analyses)
        if not batch:
            return SaveResult()
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")

        def work(conn: Connection) -> SaveResult:
            result = SaveResult()
            for analysis in batch:
                doc_id = analysis.document.id
                if len(doc_id) > MAX_ID_CHARS:  # PostgreSQL refuses it, SQLite not: one rule
                    result.errors.append(
                        IngestError(
                            f"{doc_id[:40]}...",
                            f"not stored: id is {len(doc_id):,} characters long "
                            f"(limit {MAX_ID_CHARS})",
                        )
                    )
                    continue
                try:
                    with conn.begin_nested():
                        outcome, note = self._save_one(conn, analysis, now)
                except (DataError, IntegrityError) as exc:
                    detail = str(exc.orig or exc).splitlines()[0]
                    result.errors.append(
                        IngestError(
                            analysis.document.id, f"not stored: database refused it: {detail}"
                        )
                    )
                    continue
                setattr(result, outcome, getattr(result, outcome) + 1)
                if note:
                    result.notes.append(note)
            return result

        return self.write(work)

    def _save_one(self, conn: Connection, analysis: Analysis, now: str) -> tuple[str, str | None]:
        """Store one document; returns its outcome (a SaveResult counter) and a note or None."""
        doc = analysis.document
        c = schema.documents.c
        holder = conn.scalar(select(c.id).where(c.content_hash == doc.content_hash))
        if holder == doc.id:
            return "unchanged", None
        if holder is not None:
            return (
                "duplicates",
                f"{doc.id}: same text as stored document {holder!r}; not stored twice",
            )
        outcome, note = "added", None
        if conn.scalar(select(func.count()).where(c.id == doc.id)):
            self._delete_document(conn, doc.id)
            outcome, note = (
                "replaced",
                f"{doc.id}: new text under a stored id; it replaces the earlier version",
            )
        conn.execute(
            insert(schema.documents),
            [
                {
                    "id": doc.id,
                    "content_hash": doc.content_hash,
                    "title": doc.title,
                    "published": doc.published,
                    "source": doc.source,
                    "language": doc.language,
                    "url": doc.url,
                    "text": doc.text,
                    "analysis": analysis.to_json(),
                    "ingested_at": now,
                }
            ],
        )
        for name, rows in record_rows(analysis).items():
            if rows:
                conn.execute(insert(schema.RECORD_TABLES[name]), rows)
        return outcome, note

    @staticmethod
    def _delete_document(conn: Any, document_id: str) -> None:
        for table in schema.RECORD_TABLES.values():
            conn.execute(delete(table).where(table.c.document_id == document_id))
        conn.execute(delete(schema.documents).where(schema.documents.c.id == document_id))

    # -- reading --------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Number of rows per table: documents, paragraphs, places, times, quotes, ..."""
        tables = {
            "documents": schema.documents,
            **schema.RECORD_TABLES,
            "proposition_reports": schema.proposition_reports,
            "event_reports": schema.event_reports,
        }
        with self.engine.connect() as conn:
            return {
                name: int(conn.scalar(select(func.count()).select_from(t)) or 0)
                for name, t in tables.items()
            }

    def get_analysis(self, document_id: str) -> Analysis:
        """The stored analysis of one document."""
        with self.engine.connect() as conn:
            value = conn.scalar(
                select(schema.documents.c.analysis).where(schema.documents.c.id == document_id)
            )
        if value is None:
            raise NotFoundError(f"no document with id {document_id!r}")
        return Analysis.from_json(value)

    def iter_analyses(self, *, batch_size: int = 200) -> Iterator[Analysis]:
        """Every stored analysis, streamed in id order."""
        col = schema.documents.c
        for row in self._paged(select(col.id, col.analysis), col.id, batch_size):
            yield Analysis.from_json(row.analysis)

    def iter_texts(self, *, batch_size: int = 500) -> Iterator[tuple[str, str]]:
        """(document id, cleaned text) of every document, streamed in id order."""
        col = schema.documents.c
        for row in self._paged(select(col.id, col.text), col.id, batch_size):
            yield row.id, row.text

    def _paged(self, query: Any, key: Any, batch_size: int) -> Iterator[Any]:
        last = ""
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(query.where(key > last).order_by(key).limit(batch_size)).all()
            if not rows:
                return
            yield from rows
            last = getattr(rows[-1], key.name)

    # -- corpus level ---------------------------------------------------------------------

    def replace_reconciliation(
        self,
        clusters: dict[str, str],
        reports: Iterable[dict[str, Any]],
        events: Iterable[dict[str, Any]] = (),
        similarity: dict[str, float] | None = None,
    ) -> int:
        """Swap in a new reconciliation (copies with their similarity, proposition and event
        reports) atomically."""
        rows = list(reports)
        event_rows = list(events)

        def work(conn: Connection) -> None:
            for table in schema.CORPUS_TABLES:
                conn.execute(delete(table))
            if clusters:
                conn.execute(
                    insert(schema.copy_clusters),
                    [
                        {"document_id": d, "cluster_id": c, "similarity": (similarity or {}).get(d)}
                        for d, c in clusters.items()
                    ],
                )
            for table, batch in (
                (schema.proposition_reports, rows),
                (schema.event_reports, event_rows),
            ):
                for i in range(0, len(batch), 1000):
                    conn.execute(insert(table), batch[i : i + 1000])

        self.write(work)
        return len(rows)

    def event_reports(self, *, place_keys: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """Rows of ``event_reports`` (events with their cluster), optionally for some places."""
        t = schema.event_reports
        query = select(t)
        if place_keys is not None:
            query = query.where(t.c.place_key.in_(list(place_keys)))
        return self._dicts(query)

    def copy_clusters(self) -> dict[str, str]:
        """document id → id of its cluster of copies."""
        t = schema.copy_clusters.c
        with self.engine.connect() as conn:
            return {
                r.document_id: r.cluster_id
                for r in conn.execute(select(t.document_id, t.cluster_id))
            }

    def copy_similarity(self) -> dict[str, float]:
        """document id → estimated similarity to the first of its copies (copies only)."""
        t = schema.copy_clusters.c
        query = select(t.document_id, t.similarity).where(t.document_id != t.cluster_id)
        with self.engine.connect() as conn:
            return {r[0]: r[1] for r in conn.execute(query) if r[1] is not None}

    def proposition_reports(
        self,
        *,
        columns: Sequence[str] | None = None,
        place_keys: Iterable[str] | None = None,
        proposition_ids: Iterable[str] | None = None,
        predicate: str | None = None,
    ) -> list[tuple[Any, ...]]:
        """Rows of ``proposition_reports`` as tuples of ``columns`` (default: all), filtered."""
        t = schema.proposition_reports
        query = select(*(t.c[name] for name in columns)) if columns else select(t)
        if place_keys is not None:
            query = query.where(t.c.place_key.in_(list(place_keys)))
        if proposition_ids is not None:
            query = query.where(t.c.proposition_id.in_(list(proposition_ids)))
        if predicate is not None:
            query = query.where(t.c.predicate == predicate)
        query = query.order_by(t.c.document_id, t.c.claim_idx)  # as a full reconcile wrote them
        with self.engine.connect() as conn:
            return [tuple(row) for row in conn.execute(query)]

    def report_places(self) -> list[tuple[str, str]]:
        """Distinct (place name, place key) pairs of the proposition reports: the
        proposition's place and the place as each claim names it."""
        t = schema.proposition_reports.c
        pairs: set[tuple[str, str]] = set()
        with self.engine.connect() as conn:
            for column in (t.place, t.place_written):
                query = select(column, t.place_key).where(column.is_not(None)).distinct()
                pairs.update((r[0], r[1]) for r in conn.execute(query))
        return sorted(pairs)

    def _dicts(self, query: Any) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            result = conn.execute(query)
            keys = list(result.keys())
            return [dict(zip(keys, row, strict=True)) for row in result.fetchall()]

    def sources(self) -> list[dict[str, Any]]:
        """Outlets with their number of documents and first/last publication dates."""
        c = schema.documents.c
        query = (
            select(
                c.source,
                func.count().label("documents"),
                func.min(c.published).label("first"),
                func.max(c.published).label("last"),
            )
            .group_by(c.source)
            .order_by(func.count().desc())
        )
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def reconciliation_stale(self) -> bool:
        """Stored documents missing from the reconciliation: a run stopped before reconciling."""
        return set(self.copy_clusters()) != set(self.document_ids())

    def document_ids(self) -> list[str]:
        """The ids of every stored document, sorted."""
        with self.engine.connect() as conn:
            return list(conn.scalars(select(schema.documents.c.id).order_by(schema.documents.c.id)))

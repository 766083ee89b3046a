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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, func, insert, inspect, select
from sqlalchemy.exc import DatabaseError, OperationalError

from fogline.errors import NotFoundError, StoreError
from fogline.model import Analysis
from fogline.store import schema
from fogline.store.rows import record_rows

LOGGER = logging.getLogger(__name__)

DEFAULT_DB = "fogline.sqlite"


@dataclass(slots=True)
class SaveResult:
    """What one call of :meth:`Store.save` did."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0

    def __iadd__(self, other: SaveResult) -> SaveResult:
        self.added += other.added
        self.replaced += other.replaced
        self.unchanged += other.unchanged
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
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine)
        try:
            store._migrate()
        except (DatabaseError, OperationalError) as exc:
            engine.dispose()
            raise StoreError(f"cannot use database {url}: {exc.orig or exc}") from exc
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------------------

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            if not inspect(conn).has_table("meta"):
                return 0
            value = conn.scalar(select(schema.meta.c.value).where(schema.meta.c.key == "schema"))
            return int(value or 0)

    def _migrate(self) -> None:
        version = self.schema_version()
        if version > schema.SCHEMA_VERSION:
            raise StoreError(
                f"database schema version {version} is newer than this fogline's "
                f"({schema.SCHEMA_VERSION}); upgrade fogline to use it"
            )
        if version == schema.SCHEMA_VERSION:
            return
        with self.engine.begin() as conn:
            if version == 0:
                if inspect(conn).get_table_names():
                    raise StoreError("database has tables but no fogline schema; not touching it")
                schema.metadata.create_all(conn)
            else:
                for step in range(version, schema.SCHEMA_VERSION):
                    schema.MIGRATIONS[step](conn)
            conn.execute(delete(schema.meta).where(schema.meta.c.key == "schema"))
            conn.execute(
                insert(schema.meta), [{"key": "schema", "value": str(schema.SCHEMA_VERSION)}]
            )

    # -- writing --------------------------------------------------------------------------

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The content hashes among ``hashes`` that are stored already."""
        wanted = list(set(hashes))
        found: set[str] = set()
        col = schema.documents.c.content_hash
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 500):
                found.update(conn.scalars(select(col).where(col.in_(wanted[i : i + 500]))))
        return found

    def save(self, analyses: Iterable[Analysis]) -> SaveResult:
        """Store a batch of analyses in one transaction; already stored texts are skipped.

        A document id stored before with another text is replaced (the article was updated).
        """
        result = SaveResult()
        batch = list(analyses)
        if not batch:
            return result
        known = self.known_hashes(a.document.content_hash or "" for a in batch)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        seen: set[str] = set()
        with self.engine.begin() as conn:
            for analysis in batch:
                doc = analysis.document
                if doc.content_hash in known or doc.content_hash in seen:
                    result.unchanged += 1
                    continue
                seen.add(doc.content_hash or "")
                exists = conn.scalar(select(func.count()).where(schema.documents.c.id == doc.id))
                if exists:
                    self._delete_document(conn, doc.id)
                    result.replaced += 1
                else:
                    result.added += 1
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
        return result

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
    ) -> int:
        """Swap in a new reconciliation (copies, proposition and event reports) atomically."""
        rows = list(reports)
        event_rows = list(events)
        with self.engine.begin() as conn:
            for table in schema.CORPUS_TABLES:
                conn.execute(delete(table))
            if clusters:
                conn.execute(
                    insert(schema.copy_clusters),
                    [{"document_id": d, "cluster_id": c} for d, c in clusters.items()],
                )
            for table, batch in (
                (schema.proposition_reports, rows),
                (schema.event_reports, event_rows),
            ):
                for i in range(0, len(batch), 1000):
                    conn.execute(insert(table), batch[i : i + 1000])
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
        with self.engine.connect() as conn:
            return [tuple(row) for row in conn.execute(query)]

    def report_places(self) -> list[tuple[str, str]]:
        """Distinct (place as written, place key) pairs of the proposition reports."""
        t = schema.proposition_reports.c
        query = select(t.place, t.place_key).where(t.place.is_not(None)).distinct()
        with self.engine.connect() as conn:
            return [(r[0], r[1]) for r in conn.execute(query)]

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

    def document_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.scalars(select(schema.documents.c.id).order_by(schema.documents.c.id)))


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()

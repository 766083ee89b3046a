"""The database schema (SQLAlchemy Core) and its migrations.

``SCHEMA_VERSION`` is written to the ``meta`` table. Each entry of ``MIGRATIONS``
upgrades a database from version ``n`` to ``n + 1``; a database newer than this
fogline is refused rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

from fogline.model import MAX_ID_CHARS, MAX_SOURCE_CHARS

SCHEMA_VERSION = 5

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(MAX_ID_CHARS), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("published", String(10), index=True),
    Column("source", String(MAX_SOURCE_CHARS), index=True),
    Column("language", String(8)),
    Column("url", Text),
    Column("text", Text, nullable=False),
    Column("analysis", Text, nullable=False),  # the whole Analysis as JSON: the record of truth
    Column("ingested_at", String(32), nullable=False),
)


def _child(name: str, *columns: Column) -> Table:
    """A table of records that point into one document's text."""
    return Table(
        name,
        metadata,
        Column(
            "document_id",
            String(255),
            ForeignKey("documents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column("idx", Integer, primary_key=True),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        *columns,
    )


paragraphs = _child("paragraphs", Column("kind", String(16), nullable=False))
places = _child(
    "places",
    Column("name", Text, nullable=False),
    Column("resolved_name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("country_code", String(2), index=True),
    Column("feature", Text),
    Column("admin1", Text),
    Column("gazetteer_id", String(64)),
)
times = _child(
    "times",
    Column("text", Text, nullable=False),
    Column("value", String(32), index=True),
    Column("precision", String(16)),
)
actors = _child(
    "actors",
    Column("actor_id", String(255), nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", String(16)),
    Column("affiliation", Text),
    Column("role", Text),
    Column("code", String(32)),
)
quotes = _child(
    "quotes",
    Column("text", Text, nullable=False),
    Column("direct", Boolean, nullable=False),
    Column("speaker", Text, index=True),
    Column("speaker_actor_id", String(255)),
    Column("affiliation", Text),
    Column("channel", Text),
    Column("date", String(32)),
)
claims = _child(
    "claims",
    Column("predicate", String(32), nullable=False, index=True),
    Column("subject", Text),
    Column("object", Text),
    Column("place", Text),
    Column("date", String(32)),
    Column("source", Text),
    Column("stance", String(16), nullable=False),
    Column("text", Text, nullable=False),
)
events = _child(
    "events",
    Column("type", String(32), nullable=False, index=True),
    Column("mode", String(32)),
    Column("acled_type", Text),
    Column("actor", Text),
    Column("target", Text),
    Column("place", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("date", String(32)),
    Column("certainty", String(16)),
    Column("fatalities", Integer),
    Column("text", Text, nullable=False),
)

RECORD_TABLES: dict[str, Table] = {
    "paragraphs": paragraphs,
    "places": places,
    "times": times,
    "actors": actors,
    "quotes": quotes,
    "claims": claims,
    "events": events,
}

Index("ix_places_name", places.c.name)

# -- corpus level (version 2): written by reconcile, recomputed from the record tables ----

copy_clusters = Table(
    "copy_clusters",
    metadata,
    Column("document_id", String(255), primary_key=True),
    Column("cluster_id", String(255), nullable=False, index=True),
    Column("similarity", Float),  # estimated Jaccard of its shingles with the cluster's first
)

proposition_reports = Table(
    "proposition_reports",
    metadata,
    Column("proposition_id", String(32), nullable=False, index=True),
    Column("predicate", String(32), nullable=False),
    Column("subject", Text),
    Column("subject_written", Text),  # the doer as the claim names it
    Column("subject_key", Text, nullable=False),
    Column("place", Text),
    Column("place_written", Text),  # the place as the claim names it
    Column("place_key", Text, nullable=False, index=True),
    Column("obj", Text),
    Column("object_key", Text, nullable=False, server_default=""),
    Column("lat", Float),
    Column("lon", Float),
    Column("document_id", String(255), nullable=False, index=True),
    Column("claim_idx", Integer, nullable=False),
    Column("stance", String(16), nullable=False),
    Column("source_name", Text, nullable=False),
    Column("source_key", Text, nullable=False),  # the origin independence counts
    Column("origin", Text),  # the origin's chain: "Saad Maan → Iraq"
    Column("party_claim", Boolean, nullable=False, server_default="0"),
    Column("outlet", Text),
    Column("published", String(10), index=True),
    Column("date", String(32)),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

event_reports = Table(
    "event_reports",
    metadata,
    Column("cluster_id", String(32), nullable=False, index=True),
    Column("document_id", String(255), nullable=False, index=True),
    Column("event_idx", Integer, nullable=False),
    Column("type", String(32), nullable=False),
    Column("acled_type", Text),
    Column("actor", Text),
    Column("target", Text),
    Column("place", Text),
    Column("place_key", Text, index=True),
    Column("lat", Float),
    Column("lon", Float),
    Column("date", String(32)),
    Column("certainty", String(16)),
    Column("fatalities", Integer),
    Column("outlet", Text),
    Column("published", String(10)),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

# -- what incremental reconcile keeps per document (version 5) -----------------------------

reconcile_state = Table(
    "reconcile_state",
    metadata,
    Column("document_id", String(255), primary_key=True),
    Column("content_hash", String(64), nullable=False),  # the text the signature is of
    Column("signature", LargeBinary, nullable=False),  # its MinHash (independence.signature)
    Column("cluster_id", String(255), nullable=False),  # copy cluster its reports were made in
    Column("similarity", Float),
    Column("reports", Text, nullable=False),  # JSON: its reports before cross-document steps
    Column("events", Text, nullable=False),  # JSON: its event rows before clustering
    Column("digest", String(40), nullable=False),  # of the rows last written for it
)

CORPUS_TABLES = (copy_clusters, proposition_reports, event_reports, reconcile_state)


def _add_corpus_tables(conn: Connection) -> None:
    """1 → 2: the tables of the cross-source reconciliation."""
    for table in CORPUS_TABLES:
        table.create(conn, checkfirst=True)


def _rebuild_corpus_tables(conn: Connection) -> None:
    """2 → 3: origins, party claims and copy similarity; 3 → 4: the doer and the place as
    each claim names them (``subject_written``, ``place_written``). The corpus tables are
    derived, so they are recreated empty; the next ingest (or ``fogline reconcile``) refills
    them."""
    for table in reversed(CORPUS_TABLES):
        table.drop(conn, checkfirst=True)
    for table in CORPUS_TABLES:
        table.create(conn)


def _add_reconcile_state(conn: Connection) -> None:
    """4 → 5: what incremental reconcile keeps per document. Empty, it makes the next
    reconcile a full one."""
    reconcile_state.create(conn, checkfirst=True)


# version n -> n + 1; each runs inside the upgrade transaction.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    1: _add_corpus_tables,
    2: _rebuild_corpus_tables,
    3: _rebuild_corpus_tables,
    4: _add_reconcile_state,
}

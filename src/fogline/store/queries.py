"""Read queries of the API, the web page and the exports: filtered, paginated, bound parameters.

Every function takes a :class:`~fogline.store.Store` and returns plain dicts. Filters are
bound parameters (never formatted into SQL); ``limit``/``offset`` are checked against
:data:`MAX_LIMIT`. Full-text search uses SQLite FTS5 (an index kept beside ``documents``
and brought up to date before each search) or PostgreSQL's ``to_tsvector``.

Example:
    >>> page = list_events(store, place="Kidal", limit=20)   # doctest: +SKIP
    >>> page.total, page.items[0]["type"]                     # doctest: +SKIP
    (3, 'ASSAULT')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, Table, func, literal, or_, select, text
from sqlalchemy.sql.elements import ColumnElement

from fogline.store import Store, schema

MAX_LIMIT = 500
MAX_OFFSET = 10_000_000
SNIPPET_OPEN, SNIPPET_CLOSE = "[", "]"
TABLES = ("documents", "quotes", "claims", "events", "places", "propositions")


@dataclass(slots=True)
class Page:
    """One page of results and the number of matches over all pages."""

    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The page as ``{"total", "limit", "offset", "items"}``."""
        return {
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
            "items": self.items,
        }


def check_page(limit: int, offset: int) -> None:
    """Raise ValueError unless 1 <= limit <= MAX_LIMIT and 0 <= offset <= MAX_OFFSET."""
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if not 0 <= offset <= MAX_OFFSET:
        raise ValueError(f"offset must be between 0 and {MAX_OFFSET}, not {offset}")


def _page(store: Store, query: Select, order: list[Any], limit: int, offset: int) -> Page:
    check_page(limit, offset)
    with store.engine.connect() as conn:
        total = conn.scalar(select(func.count()).select_from(query.subquery())) or 0
        rows = conn.execute(query.order_by(*order).limit(limit).offset(offset)).all()
    return Page(int(total), limit, offset, [dict(r._mapping) for r in rows])


def _contains(column: Any, value: str) -> ColumnElement[bool]:
    return func.lower(column).contains(value.lower(), autoescape=True)


def _day(column: Any) -> Any:
    return func.substr(column, 1, 10)


def _dated(conds: list[Any], column: Any, since: str | None, until: str | None) -> None:
    if since:
        conds.append(_day(column) >= since)
    if until:
        conds.append(_day(column) <= until)


D = schema.documents.c


def list_documents(
    store: Store,
    *,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Documents (without their text), newest first."""
    conds: list[Any] = []
    if source:
        conds.append(_contains(D.source, source))
    _dated(conds, D.published, since, until)
    query = select(
        D.id, D.title, D.published, D.source, D.language, D.url, D.ingested_at,
        func.length(D.text).label("chars"),
    ).where(*conds)  # fmt: skip
    return _page(store, query, [D.published.desc(), D.id], limit, offset)


def _with_document(table: Table) -> Select:
    return select(table, D.published, D.source.label("outlet"), D.title).join(
        schema.documents, schema.documents.c.id == table.c.document_id
    )


def list_quotes(
    store: Store,
    *,
    speaker: str | None = None,
    document_id: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Quotes with their speaker and the publication of their document, newest first."""
    q = schema.quotes.c
    conds: list[Any] = []
    if speaker:
        conds.append(or_(_contains(q.speaker, speaker), _contains(q.affiliation, speaker)))
    if document_id:
        conds.append(q.document_id == document_id)
    _dated(conds, func.coalesce(q.date, D.published), since, until)
    query = _with_document(schema.quotes).where(*conds)
    return _page(store, query, [D.published.desc(), q.document_id, q.idx], limit, offset)


def list_claims(
    store: Store,
    *,
    predicate: str | None = None,
    stance: str | None = None,
    place: str | None = None,
    actor: str | None = None,
    document_id: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Claims as extracted, one per source and document (propositions are in reconcile)."""
    c = schema.claims.c
    conds: list[Any] = []
    if predicate:
        conds.append(c.predicate == predicate.upper())
    if stance:
        conds.append(c.stance == stance)
    if place:
        conds.append(_contains(c.place, place))
    if actor:
        conds.append(or_(_contains(c.subject, actor), _contains(c.source, actor)))
    if document_id:
        conds.append(c.document_id == document_id)
    _dated(conds, func.coalesce(c.date, D.published), since, until)
    query = _with_document(schema.claims).where(*conds)
    return _page(store, query, [D.published.desc(), c.document_id, c.idx], limit, offset)


def list_events(
    store: Store,
    *,
    type: str | None = None,  # the record's field name
    place: str | None = None,
    actor: str | None = None,
    certainty: str | None = None,
    document_id: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Events with their document's outlet and date, newest first."""
    e = schema.events.c
    conds: list[Any] = []
    if type:
        conds.append(e.type == type.upper())
    if place:
        conds.append(_contains(e.place, place))
    if actor:
        conds.append(or_(_contains(e.actor, actor), _contains(e.target, actor)))
    if certainty:
        conds.append(e.certainty == certainty)
    if document_id:
        conds.append(e.document_id == document_id)
    _dated(conds, func.coalesce(e.date, D.published), since, until)
    query = _with_document(schema.events).where(*conds)
    return _page(store, query, [D.published.desc(), e.document_id, e.idx], limit, offset)


def list_places(
    store: Store,
    *,
    name: str | None = None,
    country: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Places mentioned, grouped by resolved name and point, most mentioned first."""
    p = schema.places.c
    label = func.coalesce(p.resolved_name, p.name)
    conds: list[Any] = []
    if name:
        conds.append(or_(_contains(p.name, name), _contains(p.resolved_name, name)))
    if country:
        conds.append(p.country_code == country.upper())
    query = (
        select(
            label.label("name"),
            p.lat,
            p.lon,
            p.country_code,
            func.max(p.feature).label("feature"),
            func.max(p.admin1).label("admin1"),
            func.max(p.gazetteer_id).label("gazetteer_id"),
            func.count().label("mentions"),
            func.count(func.distinct(p.document_id)).label("documents"),
        )
        .where(*conds)
        .group_by(label, p.lat, p.lon, p.country_code)
    )
    return _page(store, query, [func.count().desc(), label], limit, offset)


def iter_rows(store: Store, table: str, *, batch_size: int = 1000) -> Iterator[dict[str, Any]]:
    """Every row of one exported table (``TABLES``), with its document's date and outlet."""
    if table not in TABLES:
        raise ValueError(f"table must be one of {', '.join(TABLES)}, not {table!r}")
    if table == "documents":
        query = select(*(c for c in schema.documents.c if c.name != "analysis"))
        order = [D.id]
    elif table == "propositions":
        t = schema.proposition_reports
        query, order = select(t), [t.c.proposition_id, t.c.document_id, t.c.claim_idx]
    else:
        t = schema.RECORD_TABLES[table]
        query, order = _with_document(t), [t.c.document_id, t.c.idx]
    offset = 0
    while True:
        with store.engine.connect() as conn:
            rows = conn.execute(query.order_by(*order).limit(batch_size).offset(offset)).all()
        if not rows:
            return
        for r in rows:
            yield dict(r._mapping)
        offset += len(rows)


# -- full-text search -------------------------------------------------------------------------


def fts_query(q: str) -> list[str]:
    """The words of a query (letters and digits), at most 20; quotes and symbols dropped."""
    return re.findall(r"\w+", q)[:20]


def search(store: Store, q: str, *, limit: int = 20, offset: int = 0) -> Page:
    """Documents matching every word of ``q``, best first, with a snippet ([marked] words)."""
    check_page(limit, offset)
    words = fts_query(q)
    if not words:
        raise ValueError("search needs at least one word")
    if store.engine.dialect.name == "sqlite":
        return _search_sqlite(store, words, limit, offset)
    return _search_postgres(store, words, limit, offset)


def _ensure_fts(store: Store) -> None:
    """Create the FTS5 index on first use and bring it up to date with ``documents``."""

    def work(conn: Any) -> None:
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
                "doc_id UNINDEXED, content_hash UNINDEXED, title, body, "
                "tokenize='unicode61 remove_diacritics 2')"
            )
        )
        conn.execute(
            text(
                "DELETE FROM documents_fts WHERE content_hash NOT IN "
                "(SELECT content_hash FROM documents)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO documents_fts(doc_id, content_hash, title, body) "
                "SELECT id, content_hash, coalesce(title, ''), text FROM documents "
                "WHERE content_hash NOT IN (SELECT content_hash FROM documents_fts)"
            )
        )

    store.write(work)


def _search_sqlite(store: Store, words: list[str], limit: int, offset: int) -> Page:
    _ensure_fts(store)
    match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
    params = {"match": match, "limit": limit, "offset": offset,
              "open": SNIPPET_OPEN, "close": SNIPPET_CLOSE}  # fmt: skip
    with store.engine.connect() as conn:
        total = conn.scalar(
            text("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH :match"), params
        )
        rows = conn.execute(
            text(
                "SELECT f.doc_id AS id, d.title, d.published, d.source, "
                "snippet(documents_fts, 3, :open, :close, ' … ', 16) AS snippet, "
                "bm25(documents_fts) AS score "
                "FROM documents_fts AS f JOIN documents AS d ON d.id = f.doc_id "
                "WHERE documents_fts MATCH :match ORDER BY score, d.id LIMIT :limit OFFSET :offset"
            ),
            params,
        ).all()
    return Page(int(total or 0), limit, offset, [dict(r._mapping) for r in rows])


def _search_postgres(store: Store, words: list[str], limit: int, offset: int) -> Page:
    from sqlalchemy.dialects.postgresql import REGCONFIG

    config = literal("english", REGCONFIG)
    query_ts = func.plainto_tsquery(config, " ".join(words))
    vector = func.to_tsvector(config, func.coalesce(D.title, "") + " " + D.text)
    options = f"StartSel={SNIPPET_OPEN},StopSel={SNIPPET_CLOSE},MaxWords=30,MinWords=10"
    rank = func.ts_rank(vector, query_ts)
    query = select(
        D.id, D.title, D.published, D.source,
        func.ts_headline(config, D.text, query_ts, options).label("snippet"),
        rank.label("score"),
    ).where(vector.op("@@")(query_ts))  # fmt: skip
    return _page(store, query, [rank.desc(), D.id], limit, offset)

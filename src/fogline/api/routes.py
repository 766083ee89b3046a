"""JSON routes under ``/api``: each parses its parameters, calls one library function."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from fogline.api import service
from fogline.api.security import require_read, require_write
from fogline.ingest.readers import DocumentMeta
from fogline.model import MAX_ID_CHARS
from fogline.reconcile import claims, event_clusters, situation, timeline
from fogline.store import Store, queries

router = APIRouter(prefix="/api", dependencies=[Depends(require_read)])

Text = Annotated[str | None, Query(min_length=1, max_length=200)]
Day = Annotated[dt.date | None, Query(description="ISO date YYYY-MM-DD")]
Limit = Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=queries.MAX_OFFSET)]
DocId = Annotated[str, Path(min_length=1, max_length=MAX_ID_CHARS)]
Status = Literal["corroborated", "contested", "denied", "unconfirmed", "single-source"]
StanceParam = Literal["asserts", "denies", "hedges", "unconfirmed"]
CertaintyParam = Literal["asserted", "claimed", "reported", "hedged", "denied", "planned"]
Predicate = Annotated[str | None, Query(min_length=1, max_length=32, pattern=r"^[A-Za-z_]+$")]


def _store(request: Request) -> Store:
    return request.app.state.store


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _window(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    return {"total": len(items), "limit": limit, "offset": offset,
            "items": items[offset : offset + limit]}  # fmt: skip


@router.get("/health", summary="Liveness and record counts")
def health(request: Request) -> dict[str, Any]:
    """``{"status": "ok", "counts": {table: rows}}``: the service is up; rows stored per table."""
    return {"status": "ok", "counts": _store(request).counts()}


@router.get("/documents", summary="Documents, newest first")
def list_documents(
    request: Request, source: Text = None, since: Day = None, until: Day = None,
    limit: Limit = 50, offset: Offset = 0,
) -> dict[str, Any]:  # fmt: skip
    """Stored documents without their text (``chars`` is its length), newest first.

    ``source`` matches part of the outlet name (any case); ``since`` and ``until`` bound the
    publication day (inclusive). Returns ``{total, limit, offset, items}``.
    """
    page = queries.list_documents(
        _store(request), source=source, since=_iso(since), until=_iso(until),
        limit=limit, offset=offset,
    )  # fmt: skip
    return page.as_dict()


@router.get("/documents/{document_id:path}", summary="One document's whole analysis")
def get_document(request: Request, document_id: DocId) -> dict[str, Any]:
    """One document's stored analysis: the cleaned text and every record found in it.

    Paragraphs, actors, quotes, claims, events, places and times, each with ``start``/``end``
    offsets into ``document.text``. 404 when no document has this id.
    """
    return _store(request).get_analysis(document_id).as_dict()


@router.post(
    "/documents",
    summary="Add documents (text/plain, text/html, application/x-ndjson, application/json)",
    dependencies=[Depends(require_write)],
    status_code=201,
    responses={
        200: {"description": "Every document was stored already (nothing new)"},
        422: {"description": "Nothing stored: every document was refused (see errors)"},
    },
)
async def add_documents(
    request: Request,
    published: Day = None,
    source: Text = None,
    title: Text = None,
    id: Annotated[str | None, Query(min_length=1, max_length=MAX_ID_CHARS)] = None,
) -> JSONResponse:
    """Analyse the body's documents, store them and recompute propositions and statuses."""
    kind = service.kind_of(request.headers.get("content-type", ""))
    body = await request.body()
    meta = DocumentMeta(published=_iso(published), source=source, title=title)
    docs = service.read_body(body, kind, meta=meta, doc_id=id)
    app = request.app
    result = await run_in_threadpool(
        service.add_documents, app.state.store, app.state.analyzer(), docs
    )
    return JSONResponse(result.as_dict(), status_code=result.status_code)


@router.get("/quotes", summary="Quotes with speakers")
def list_quotes(
    request: Request, speaker: Text = None, document_id: Text = None, since: Day = None,
    until: Day = None, limit: Limit = 50, offset: Offset = 0,
) -> dict[str, Any]:  # fmt: skip
    """Quotes with their speaker and their document's outlet, date and title, newest first.

    ``speaker`` matches part of the speaker's name or affiliation (any case); ``document_id`` is
    exact; ``since``/``until`` bound the quote's date, else its document's publication day.
    Returns ``{total, limit, offset, items}``.
    """
    return queries.list_quotes(
        _store(request), speaker=speaker, document_id=document_id, since=_iso(since),
        until=_iso(until), limit=limit, offset=offset,
    ).as_dict()  # fmt: skip


@router.get("/claims", summary="Claims as extracted, one per source and document")
def list_claims(
    request: Request, predicate: Predicate = None, stance: StanceParam | None = None,
    place: Text = None, actor: Text = None, document_id: Text = None, since: Day = None,
    until: Day = None, limit: Limit = 50, offset: Offset = 0,
) -> dict[str, Any]:  # fmt: skip
    """Claims as extracted, one per source and document, newest first.

    ``predicate`` (any case) and ``stance`` are exact; ``place`` matches part of the place name
    and ``actor`` part of the subject's or the source's name (any case); ``document_id`` is
    exact; ``since``/``until`` bound the claim's date, else its document's publication day.
    /propositions merges the claims of every source into one entry per proposition.
    """
    return queries.list_claims(
        _store(request), predicate=predicate, stance=stance, place=place, actor=actor,
        document_id=document_id, since=_iso(since), until=_iso(until), limit=limit,
        offset=offset,
    ).as_dict()  # fmt: skip


@router.get("/propositions", summary="Propositions across sources, with status and evidence")
def list_propositions(
    request: Request, place: Text = None, actor: Text = None, status: Status | None = None,
    predicate: Predicate = None, as_of: Day = None, since: Day = None,
    limit: Limit = 50, offset: Offset = 0,
) -> dict[str, Any]:  # fmt: skip
    """Propositions merged across sources, each with its status and its sources per stance.

    Most recently seen first. ``place`` keeps the reports at that place ("Idlib" finds
    "Idlib province"); ``actor`` is the subject's or a source's name, or one word of it;
    ``status`` and ``predicate`` (any case) are exact; ``as_of`` leaves out reports published
    after that day, so statuses are as they stood then; ``since`` keeps the propositions last
    seen on or after that day. Returns ``{total, limit, offset, items}``.
    """
    views = claims(
        _store(request), place=place, actor=actor, status=status, predicate=predicate,
        as_of=_iso(as_of),
    )  # fmt: skip
    items = [v.as_dict() for v in views if not since or (v.last_seen or "") >= since.isoformat()]
    return _window(items, limit, offset)


@router.get("/propositions/{proposition_id}", summary="One proposition")
def get_proposition(
    request: Request,
    proposition_id: Annotated[str, Path(pattern=r"^[0-9a-f]{1,64}$")],
    as_of: Day = None,
) -> dict[str, Any]:
    """One proposition by its id (as in /propositions), with its status as of ``as_of``.

    404 when no proposition has this id, or none had been reported by ``as_of``.
    """
    from fastapi import HTTPException

    for view in claims(_store(request), as_of=_iso(as_of)):
        if view.id == proposition_id:
            return view.as_dict()
    raise HTTPException(404, f"no proposition {proposition_id}")


@router.get("/events", summary="Events, one per report")
def list_events(
    request: Request, type: Predicate = None, place: Text = None, actor: Text = None,
    certainty: CertaintyParam | None = None, document_id: Text = None, since: Day = None,
    until: Day = None, limit: Limit = 50, offset: Offset = 0,
) -> dict[str, Any]:  # fmt: skip
    """Events as extracted, one per report, with their document's outlet, date and title.

    Newest first. ``type`` (any case) and ``certainty`` are exact; ``place`` matches part of the
    place name and ``actor`` part of the actor's or the target's name (any case);
    ``document_id`` is exact; ``since``/``until`` bound the event's date, else its document's
    publication day. /event-clusters merges the reports of one event across articles.
    """
    return queries.list_events(
        _store(request), type=type, place=place, actor=actor, certainty=certainty,
        document_id=document_id, since=_iso(since), until=_iso(until), limit=limit,
        offset=offset,
    ).as_dict()  # fmt: skip


@router.get("/event-clusters", summary="The same event across articles")
def list_event_clusters(
    request: Request, place: Text = None, as_of: Day = None,
    limit: Limit = 50, offset: Offset = 0,
) -> dict[str, Any]:  # fmt: skip
    """Events merged across articles: one entry per event, with every report of it.

    Each entry has the event's type, place and point, its dates, actors, targets and outlets,
    and its reports; most reported first. ``place`` keeps the events at that place ("Idlib"
    finds "Idlib province"); ``as_of`` leaves out reports published after that day.
    """
    items = event_clusters(_store(request), place=place, as_of=_iso(as_of))
    return _window(items, limit, offset)


@router.get("/places", summary="Places mentioned, most mentioned first")
def list_places(
    request: Request, name: Text = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$")] = None,
    limit: Limit = 50, offset: Offset = 0,
) -> dict[str, Any]:  # fmt: skip
    """Places mentioned, one entry per resolved name and point, most mentioned first.

    Each entry counts its mentions and the documents they are in. ``name`` matches part of the
    name as written or as resolved (any case); ``country`` is a two-letter country code.
    """
    return queries.list_places(
        _store(request), name=name, country=country, limit=limit, offset=offset
    ).as_dict()


@router.get("/situation/{place}", summary="Who is said to control a place, and who denies it")
def get_situation(
    request: Request, place: Annotated[str, Path(min_length=1, max_length=200)], as_of: Day = None
) -> dict[str, Any]:
    """A place's situation: who is said to control it, by whom, and who denies it.

    ``control`` lists the CONTROL propositions about the place with their status and sources
    per stance, ``other`` the other propositions about it, and ``events`` the events there (as
    in /event-clusters); ``as_of`` leaves out reports published after that day.
    """
    return situation(_store(request), place, as_of=_iso(as_of))


@router.get("/timeline", summary="Reports day by day")
def get_timeline(request: Request, place: Text = None) -> list[dict[str, Any]]:
    """Proposition reports grouped by day, oldest first: ``[{"day", "reports"}]``.

    A report's day is its claim's date, else its document's publication day ("undated" when
    neither is known). ``place`` keeps the reports about that place ("Idlib" finds "Idlib
    province").
    """
    return timeline(_store(request), place=place)


@router.get("/search", summary="Full-text search over documents")
def search(
    request: Request, q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Limit = 20, offset: Offset = 0,
) -> dict[str, Any]:  # fmt: skip
    """Documents matching every word of ``q``, best first, each with a snippet.

    The words of ``q`` are its runs of letters and digits (at most 20; other characters are
    ignored); matched words are marked [like this] in the snippet. 422 when ``q`` has no word.
    """
    return queries.search(_store(request), q, limit=limit, offset=offset).as_dict()

"""HTML pages of the offline web app: board, map, timeline, documents and the article view.

Templates are Jinja2 with autoescape on: article text is only ever placed by the
template engine, never by scripts. Static assets are read from the package once and
served from memory by name, so no request path reaches the file system.
"""

from __future__ import annotations

import datetime as dt
import functools
from importlib import resources
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from fogline.api.security import require_read
from fogline.errors import NotFoundError
from fogline.model import MAX_ID_CHARS
from fogline.store import Store, queries
from fogline.web import article, views

router = APIRouter(dependencies=[Depends(require_read)], include_in_schema=False)

Text = Annotated[str | None, Query(max_length=200)]
Day = Annotated[dt.date | None, Query()]
Status = Literal["corroborated", "contested", "denied", "unconfirmed", "single-source", ""]
Offset = Annotated[int, Query(ge=0, le=queries.MAX_OFFSET)]
STATIC_TYPES = {".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml"}


@functools.cache
def templates() -> Environment:
    """The Jinja environment of ``fogline/web/templates`` (autoescaped)."""
    env = Environment(
        loader=PackageLoader("fogline.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css"] = views.css_token
    return env


@functools.cache
def static_files() -> dict[str, bytes]:
    """Every file of ``fogline/web/static``, by name."""
    folder = resources.files("fogline.web").joinpath("static")
    return {f.name: f.read_bytes() for f in folder.iterdir() if f.is_file()}


def _render(request: Request, name: str, **context: Any) -> HTMLResponse:
    store: Store = request.app.state.store
    page = (
        templates()
        .get_template(name)
        .render(request_path=request.url.path, counts=store.counts(), **context)
    )
    return HTMLResponse(page)


def _filters(
    place: Text = None,
    actor: Text = None,
    status: Annotated[Status, Query()] = "",
    predicate: Annotated[str | None, Query(max_length=32, pattern=r"^[A-Za-z_]*$")] = None,
    since: Day = None,
    until: Day = None,
) -> views.Filters:
    return views.Filters(
        place=place or None,
        actor=actor or None,
        status=status or None,
        predicate=predicate or None,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
    )


FiltersDep = Annotated[views.Filters, Depends(_filters)]


@router.get("/", response_class=HTMLResponse)
def board_page(request: Request, f: FiltersDep) -> HTMLResponse:
    """The claims board: propositions after the filters, with status and sources per side."""
    items = views.board(request.app.state.store, f)
    return _render(request, "board.html", f=f, items=items, title="Claims board")


@router.get("/map", response_class=HTMLResponse)
def map_page(
    request: Request,
    f: FiltersDep,
    layer: Literal["events", "control"] = "events",
    whole: bool = False,
) -> HTMLResponse:
    """The map of the filtered events (``layer=events``) or CONTROL claims (``layer=control``).

    ``whole`` fits the view to every point instead of the core of them; points outside the
    view are listed under the map.
    """
    view = views.the_map(request.app.state.store, f, layer=layer, whole=whole)
    kinds = sorted({p.kind for p in view.points if p.kind != "place"})
    west, south, east, north = view.bbox
    outside = [
        p for p in view.points
        if p.kind != "place" and not (west <= p.lon <= east and south <= p.lat <= north)
    ]  # fmt: skip
    return _render(
        request, "map.html", f=f, view=view, layer=layer, kinds=kinds, outside=outside,
        whole=whole, title="Map",
    )  # fmt: skip


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, f: FiltersDep) -> HTMLResponse:
    """The timeline: claim reports and events after the filters, day by day."""
    days = views.timeline_days(request.app.state.store, f)
    return _render(request, "timeline.html", f=f, days=days, title="Timeline")


@router.get("/documents", response_class=HTMLResponse)
def documents_page(
    request: Request, f: FiltersDep, q: Text = None, offset: Offset = 0
) -> HTMLResponse:
    """Documents newest first, or the search results for ``q``; 50 a page from ``offset``."""
    store = request.app.state.store
    if q and queries.fts_query(q):
        page = queries.search(store, q, limit=50, offset=offset)
    else:
        page = queries.list_documents(store, since=f.since, until=f.until, limit=50, offset=offset)
    return _render(request, "documents.html", f=f, q=q or "", page=page, title="Documents")


@router.get("/documents/{document_id:path}", response_class=HTMLResponse)
def article_page(
    request: Request,
    document_id: Annotated[str, Path(min_length=1, max_length=MAX_ID_CHARS)],
    start: Annotated[int | None, Query(ge=0)] = None,
    end: Annotated[int | None, Query(ge=0)] = None,
) -> HTMLResponse:
    """One article with its records marked; ``start``/``end`` highlight the evidence followed.

    404 when no document has this id.
    """
    try:
        analysis = request.app.state.store.get_analysis(document_id)
    except NotFoundError as exc:
        raise HTTPException(404, str(exc)) from exc
    target = (start, end) if start is not None and end is not None and start < end else None
    return _render(
        request,
        "article.html",
        f=views.Filters(),
        doc=analysis.document,
        blocks=article.blocks(analysis, target),
        speakers=article.speakers(analysis),
        analysis=analysis,
        target=target,
        title=analysis.document.title or analysis.document.id,
    )


@router.get("/static/{name}")
def static(name: Annotated[str, Path(max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")]) -> Response:
    """A packaged static asset (CSS, JavaScript, SVG) by file name, cacheable for an hour."""
    data = static_files().get(name)
    if data is None:
        raise HTTPException(404, "no such asset")
    media = STATIC_TYPES.get(name[name.rfind(".") :], "application/octet-stream")
    return Response(data, media_type=media, headers={"cache-control": "max-age=3600"})

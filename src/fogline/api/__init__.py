"""The REST API and the web page of fogline, one FastAPI app over one store.

Reads are open to this machine (loopback); writes need ``FOGLINE_API_TOKEN``. Bodies
are capped, CORS is off unless origins are given, every parameter is validated, and
the OpenAPI schema is at ``/openapi.json``.

Example:
    >>> app = create_app(Settings(db="fogline.sqlite", token="s3cret"))  # doctest: +SKIP
    >>> # uvicorn.run(app, host="127.0.0.1", port=8000)
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from fogline.errors import FoglineError, NotFoundError, StoreError

LOGGER = logging.getLogger(__name__)

DEFAULT_MAX_BODY = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    """How the app runs: its database, write token, body limit, CORS origins, open reads."""

    db: str | None = None
    token: str | None = field(default=None, repr=False)
    max_body: int = DEFAULT_MAX_BODY
    cors_origins: tuple[str, ...] = ()
    open_reads: bool = False

    def __post_init__(self) -> None:
        if self.max_body < 1:
            raise ValueError(f"max_body must be positive, not {self.max_body}")
        if self.token is not None and len(self.token) < 8:
            raise ValueError("the API token must be at least 8 characters")

    @classmethod
    def from_env(cls, db: str | None = None, **overrides: object) -> Settings:
        """Settings from ``FOGLINE_API_TOKEN`` and ``FOGLINE_API_MAX_BODY``, then overrides."""
        values: dict[str, object] = {"db": db, "token": os.environ.get("FOGLINE_API_TOKEN") or None}
        if os.environ.get("FOGLINE_API_MAX_BODY"):
            values["max_body"] = int(os.environ["FOGLINE_API_MAX_BODY"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def create_app(
    settings: Settings | None = None, *, analyzer: Callable[[], object] | None = None
) -> FastAPI:
    """The FastAPI app over ``settings.db`` (opened now, created if missing).

    Args:
        settings: see :class:`Settings`; default :meth:`Settings.from_env`.
        analyzer: returns the Analyzer for POSTed documents (default: loaded on first use).
    """
    from fastapi.middleware.cors import CORSMiddleware

    from fogline.api import pages, routes
    from fogline.api.security import GuardMiddleware
    from fogline.store import Store

    settings = settings or Settings.from_env()
    app = FastAPI(
        title="fogline",
        summary="Conflict news as sourced, structured, contested facts with evidence spans.",
        version=_version(),
        docs_url=None,  # the Swagger page loads scripts from a CDN: not offline
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.store = Store.open(settings.db)
    app.state.analyzer = analyzer or _default_analyzer
    app.include_router(routes.router)
    app.include_router(pages.router)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET"]
        )
    app.add_middleware(GuardMiddleware, max_body=settings.max_body)

    @app.exception_handler(NotFoundError)
    async def _not_found(_: Request, exc: NotFoundError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(StoreError)
    async def _store_error(_: Request, exc: StoreError) -> JSONResponse:
        LOGGER.error("store error: %s", exc)
        return JSONResponse({"detail": "database unavailable"}, status_code=503)

    @app.exception_handler(FoglineError)
    @app.exception_handler(ValueError)
    async def _invalid(_: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    return app


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.store.close()


def _default_analyzer() -> object:
    from fogline import default_analyzer

    return default_analyzer()


def _version() -> str:
    from fogline import __version__

    return __version__

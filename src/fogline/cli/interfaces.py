"""CLI commands of the interfaces: serve, export, brief (registered on ``cli.app``)."""

from __future__ import annotations

from pathlib import Path

import typer

from fogline.cli.app import DbOpt, app, err, out
from fogline.errors import FoglineError


@app.command()
def serve(
    db: str | None = DbOpt,
    host: str = typer.Option("127.0.0.1", help="Address to bind (loopback unless told)."),
    port: int = typer.Option(8000, min=1, max=65535, help="TCP port."),
    open_reads: bool = typer.Option(False, help="Let other machines read without the token."),
    cors_origin: list[str] = typer.Option([], help="Allow this origin to read (CORS is off)."),
) -> None:
    """Serve the REST API and the offline web page over the database.

    Writes (POST /api/documents) need FOGLINE_API_TOKEN. Example: fogline serve --db demo.sqlite
    """
    import uvicorn

    from fogline.api import Settings, create_app

    settings = Settings.from_env(db, open_reads=open_reads, cors_origins=tuple(cors_origin))
    application = create_app(settings)
    if not settings.token:
        err.print("writes disabled: set FOGLINE_API_TOKEN to allow POST /api/documents")
    out.print(f"fogline page: http://{host}:{port}/  (API schema: /openapi.json)")
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command("export")
def export_command(
    out_path: Path = typer.Option(..., "--out", help="File to write (a folder for --table all)."),
    fmt: str = typer.Option("json", "--format", help="json, csv, acled, geojson, parquet, plover."),
    table: str = typer.Option(
        "events", help="events, claims, quotes, places, documents, propositions, or all."
    ),
    db: str | None = DbOpt,
) -> None:
    """Export a table for other tools (ACLED-style CSV, GeoJSON, Parquet, PLOVER JSON...).

    Example: fogline export --format acled --table events --out events.csv
    """
    from fogline.export import export
    from fogline.store import Store

    with Store.open(db, create=False) as store:
        try:
            n = export(store, table=table, fmt=fmt, out=out_path)
        except ValueError as exc:
            raise FoglineError(str(exc)) from exc
    out.print(f"wrote {n:,} {table} records to {out_path} ({fmt})")


@app.command()
def brief(
    out_path: Path = typer.Option(..., "--out", help="FILE.html or FILE.md (map as FILE.svg)."),
    since: str | None = typer.Option(None, help="Reports published on or after YYYY-MM-DD."),
    place: str | None = typer.Option(None, help="Only this place."),
    db: str | None = DbOpt,
) -> None:
    """Write a situation report: new and changed propositions, contested claims, events, deaths.

    Example: fogline brief --since 2025-03-10 --out brief.html
    """
    from fogline.brief import write_brief
    from fogline.store import Store

    with Store.open(db, create=False) as store:
        try:
            report = write_brief(store, out_path, since=since, place=place)
        except ValueError as exc:
            raise FoglineError(str(exc)) from exc
    out.print(
        f"wrote {out_path}: {len(report['new'])} new, {len(report['changed'])} changed, "
        f"{len(report['contested'])} contested propositions"
    )

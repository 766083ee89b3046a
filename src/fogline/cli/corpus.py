"""Commands that read the reconciled corpus: claims, situation, timeline, sources, stats."""

from __future__ import annotations

import typer

from fogline.cli.app import DbOpt, app, out, print_json


@app.command("claims")
def claims_command(
    db: str | None = DbOpt,
    place: str | None = typer.Option(None, help="Only propositions about this place."),
    actor: str | None = typer.Option(
        None, help="Only propositions naming this actor as doer, victim, target or source."
    ),
    status: str | None = typer.Option(
        None, help="corroborated, contested, denied or single-source."
    ),
    predicate: str | None = typer.Option(None, help="e.g. CONTROL, KILLED."),
    as_of: str | None = typer.Option(None, "--as-of", help="Status as of this date (YYYY-MM-DD)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Propositions across sources: who asserts, denies or hedges them, and their status.

    Example: fogline claims --place Kidal --as-of 2024-03-05
    """
    from fogline.reconcile import claims
    from fogline.report import print_propositions
    from fogline.store import Store

    with Store.open(db, create=False) as store:
        views = claims(
            store, place=place, actor=actor, status=status, predicate=predicate, as_of=as_of
        )
    if as_json:
        print_json([v.as_dict() for v in views])
    else:
        print_propositions(out, views)


@app.command("situation")
def situation_command(
    place: str = typer.Argument(..., help="A place name."),
    db: str | None = DbOpt,
    as_of: str | None = typer.Option(None, "--as-of", help="As of this date (YYYY-MM-DD)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Who is said to control PLACE, by whom, and who denies it.

    Example: fogline situation Kidal --as-of 2024-03-05
    """
    from fogline.reconcile import situation
    from fogline.report import print_situation
    from fogline.store import Store

    with Store.open(db, create=False) as store:
        board = situation(store, place, as_of=as_of)
    if as_json:
        print_json(board)
    else:
        print_situation(out, board)


@app.command("timeline")
def timeline_command(
    db: str | None = DbOpt,
    place: str | None = typer.Option(None, help="Only reports about this place."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Reports day by day, oldest first."""
    from fogline.reconcile import timeline
    from fogline.report import print_timeline
    from fogline.store import Store

    with Store.open(db, create=False) as store:
        days = timeline(store, place=place)
    if as_json:
        print_json(days)
    else:
        print_timeline(out, days)


@app.command("sources")
def sources_command(db: str | None = DbOpt, as_json: bool = typer.Option(False, "--json")) -> None:
    """Outlets in the database, with document counts and dates."""
    from fogline.report import print_rows
    from fogline.store import Store

    with Store.open(db, create=False) as store:
        rows = store.sources()
    if as_json:
        print_json(rows)
    else:
        print_rows(out, "sources", rows)


@app.command()
def stats(db: str | None = DbOpt) -> None:
    """Count what the database holds."""
    from fogline.report import print_counts
    from fogline.store import Store

    with Store.open(db, create=False) as store:
        print_counts(out, store.counts())

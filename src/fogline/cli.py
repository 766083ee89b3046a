"""The ``fogline`` command: a thin layer over the library (parse options, call, format)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from fogline.errors import FoglineError, IngestError

app = typer.Typer(
    help="fogline: conflict news into sourced, structured, contested facts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
gazetteer_app = typer.Typer(
    help="Build, extend and query the offline gazetteer.", no_args_is_help=True
)
app.add_typer(gazetteer_app, name="gazetteer")
# Piped output (a file, a pager, a CI log) gets wide tables instead of Rich's 80 columns.
out = Console() if sys.stdout.isatty() else Console(width=160)
err = Console(stderr=True)

PathsArg = typer.Argument(..., help="Files, directories or JSONL; '-' reads stdin.")
PublishedOpt = typer.Option(None, help="Publication date YYYY-MM-DD for documents without one.")
SourceOpt = typer.Option(None, help="Outlet name for documents without one, e.g. 'The Times'.")
DbOpt = typer.Option(None, "--db", envvar="FOGLINE_DB", help="SQLite file or database URL.")
BudgetOpt = typer.Option(
    None,
    "--time-budget",
    envvar="FOGLINE_TIME_BUDGET",
    min=0.0,
    help="Seconds a document may take per 10,000 characters (at least 5 s) before it is "
    "skipped as too complex; 0 turns the budget off. Default 3.",
)
EXIT_INTERRUPTED = 130  # Ctrl-C: what was stored is kept; a rerun resumes


def set_time_budget(seconds_per_10k: float | None) -> None:
    """Pass --time-budget to every analyser of this run (worker processes included)."""
    import os

    from fogline.budget import ENV_VAR

    if seconds_per_10k is not None:
        os.environ[ENV_VAR] = str(seconds_per_10k)


# Exit status of analyze and ingest (also in their --help): whether anything failed.
EXIT_OK = 0  # every document analysed (or, for ingest, stored already)
EXIT_NOTHING = 1  # no document analysed: all failed, or none found
EXIT_ERROR = 2  # the command could not run: bad option, unusable database
EXIT_SOME_FAILED = 3  # some documents failed (each named on stderr); the rest were analysed
EXIT_HELP = (
    "\n\nExit status: 0 every document analysed; 3 some failed (each named on stderr with "
    "its reason), the rest analysed; 1 none analysed (all failed, or no input); 2 the "
    "command could not run (bad option, unusable database). Date warnings do not fail."
)


def _reconciliation_stale(store: object) -> bool:
    """Stored documents missing from the reconciliation: a run killed before reconciling."""
    return set(store.copy_clusters()) != set(store.document_ids())  # type: ignore[attr-defined]


def _say_skipped(console: Console, error: IngestError) -> None:
    """One unwrapped line per failed document: 'skipped PATH: REASON' (paths taken literally)."""
    console.print(f"[red]skipped[/red] {escape(str(error))}", highlight=False, soft_wrap=True)


def _exit_status(succeeded: int, failed: int) -> int:
    """0 all documents ok, 1 none ok, 3 some failed (see EXIT_HELP)."""
    if succeeded == 0:
        return EXIT_NOTHING
    return EXIT_SOME_FAILED if failed else EXIT_OK


@app.callback()
def _main(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress details."),
) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


@app.command(epilog=EXIT_HELP)
def analyze(
    paths: list[str] = PathsArg,
    published: str | None = PublishedOpt,
    source: str | None = SourceOpt,
    as_json: bool = typer.Option(True, "--json/--table", help="JSON lines (default) or tables."),
    time_budget: float | None = BudgetOpt,
) -> None:
    """Analyse articles; print one JSON object per document (the output contract).

    Example: fogline analyze article.txt --published 2021-09-06 --json
    """
    set_time_budget(time_budget)
    from fogline import default_analyzer
    from fogline.ingest.readers import DocumentMeta, read_paths
    from fogline.report import print_analysis

    meta = DocumentMeta(published=published, source=source)
    done = failed = 0
    for result in default_analyzer().analyze_many(read_paths(paths, meta=meta)):
        if isinstance(result, IngestError):
            failed += 1
            _say_skipped(err, result)
        elif as_json:
            done += 1
            sys.stdout.write(result.to_json() + "\n")
        else:
            done += 1
            print_analysis(out, result)
    status = _exit_status(done, failed)
    if status:
        raise typer.Exit(code=status)


@app.command(epilog=EXIT_HELP)
def ingest(
    paths: list[str] = PathsArg,
    db: str | None = DbOpt,
    published: str | None = PublishedOpt,
    source: str | None = SourceOpt,
    batch_size: int = typer.Option(32, min=1, help="Documents per transaction."),
    workers: int = typer.Option(1, min=0, help="Worker processes (0: one per core)."),
    time_budget: float | None = BudgetOpt,
) -> None:
    """Analyse articles into the database; rerunning skips what is stored (resumable).

    An id names one document: a new text under a stored id replaces it (a new version), and
    a text stored already under another id is not stored twice; both are noted per document.
    Ctrl-C keeps every document stored so far; rerun the same command to resume.

    Example: fogline ingest examples/ --db fogline.sqlite
    """
    set_time_budget(time_budget)
    from fogline.ingest.readers import DocumentMeta
    from fogline.ingest.runner import ingest_paths
    from fogline.parallel import default_workers
    from fogline.report import print_ingest_summary
    from fogline.store import Store

    columns = (
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
    )
    with Store.open(db) as store, Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("ingest", total=None, rate="")

        def tick(result: object) -> None:
            if isinstance(result, IngestError):
                _say_skipped(bar.console, result)
            done = bar.tasks[0].completed + 1
            elapsed = bar.tasks[0].elapsed or 1e-9
            bar.update(task, advance=1, rate=f"{done / elapsed:.1f} docs/s")

        stored_before = store.counts()["documents"]
        try:
            report = ingest_paths(
                paths,
                store,
                meta=DocumentMeta(published=published, source=source),
                batch_size=batch_size,
                workers=workers or default_workers(),
                on_document=tick,
            )
        except KeyboardInterrupt:
            bar.stop()
            stored = store.counts()["documents"]
            err.print(
                f"[yellow]interrupted[/yellow]: {stored - stored_before:,} documents stored by "
                f"this run ({stored:,} in {escape(store.name)}); rerun the same command to "
                "resume (stored documents are skipped, then everything is reconciled)",
                highlight=False,
                soft_wrap=True,
            )
            raise typer.Exit(code=EXIT_INTERRUPTED) from None
        for note in report.notes:
            bar.console.print(
                f"[yellow]note[/yellow] {escape(note)}", highlight=False, soft_wrap=True
            )
        if report.saved.added or report.saved.replaced or _reconciliation_stale(store):
            from fogline.reconcile import reconcile

            reconcile(store)
        print_ingest_summary(out, report, store.counts())
    status = _exit_status(report.analysed + report.skipped, len(report.errors))
    if status:
        raise typer.Exit(code=status)


@app.command("reconcile")
def reconcile_command(db: str | None = DbOpt) -> None:
    """Recompute propositions, copy clusters and statuses from the stored analyses."""
    from fogline.reconcile import reconcile
    from fogline.store import Store

    with Store.open(db, create=False) as store:
        s = reconcile(store)
    out.print(
        f"{s.documents:,} documents in {s.copy_clusters:,} clusters of copies; "
        f"{s.reports:,} reports of {s.propositions:,} propositions"
    )


@app.command("claims")
def claims_command(
    db: str | None = DbOpt,
    place: str | None = typer.Option(None, help="Only propositions about this place."),
    actor: str | None = typer.Option(None, help="Only propositions naming this actor."),
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
        _print_json([v.as_dict() for v in views])
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
        _print_json(board)
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
        _print_json(days)
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
        _print_json(rows)
    else:
        print_rows(out, "sources", rows)


def _print_json(value: object) -> None:
    import json

    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=1) + "\n")


@app.command()
def stats(db: str | None = DbOpt) -> None:
    """Count what the database holds."""
    from fogline.report import print_counts
    from fogline.store import Store

    with Store.open(db, create=False) as store:
        print_counts(out, store.counts())


@gazetteer_app.command("build")
def gazetteer_build(
    path: Path | None = typer.Option(
        None, help="Where to write it (default: the installed location)."
    ),
) -> None:
    """Build the offline gazetteer from the installed GeoNames/ISO data packages."""
    from fogline import gazetteer

    target = path or gazetteer.default_path()
    counts = gazetteer.build_gazetteer(target)
    out.print(f"gazetteer written to {target}")
    for name, n in counts.items():
        out.print(f"  {name}: {n:,}")


@gazetteer_app.command("import")
def gazetteer_import(
    dump: Path = typer.Argument(
        ..., exists=True, dir_okay=False, help="GeoNames dump (allCountries.txt or XX.txt)."
    ),
    path: Path | None = typer.Option(None, help="Gazetteer database (default: the installed one)."),
) -> None:
    """Add a GeoNames dump you have to the gazetteer."""
    from fogline import gazetteer

    n = gazetteer.import_geonames(path or gazetteer.default_path(), dump)
    out.print(f"imported {n:,} places from {dump}")


@gazetteer_app.command("lookup")
def gazetteer_lookup(
    name: str = typer.Argument(..., help="A place name, in any spelling."),
    limit: int = typer.Option(10, min=1, help="Most candidates to show."),
) -> None:
    """Show the gazetteer's candidates for a name, best first."""
    from fogline.gazetteer import Gazetteer
    from fogline.report import print_candidates

    gaz = Gazetteer.open_default()
    if gaz is None:
        raise FoglineError("no gazetteer; run `fogline gazetteer build`")
    print_candidates(out, name, gaz.lookup(name, limit=limit))


@app.command("eval")
def evaluate(
    folder: Path = typer.Argument(
        Path("../shared/eval"), help="Folder of gold data (shared/eval)."
    ),
    limit: int | None = typer.Option(None, min=1, help="At most this many documents per dataset."),
    only: list[str] = typer.Option(
        [], "--only", help="Datasets: seed, geowebnews, timebank, polnear, plover, case2021."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    detail: bool = typer.Option(False, "--detail", help="Also per-label F1 and confusion rows."),
) -> None:
    """Score fogline against the gold data it finds under FOLDER and print one table."""
    from fogline.evaluation.runner import run_evaluation
    from fogline.report import print_metrics

    metrics = run_evaluation(folder, limit=limit, only=only or None)
    if as_json:
        import json

        sys.stdout.write(json.dumps([m.__dict__ for m in metrics], indent=1) + "\n")
    else:
        print_metrics(out, metrics, detail=detail)


@app.command()
def version() -> None:
    """Print fogline's version."""
    from fogline import __version__

    out.print(__version__)


# Commands of the interfaces (serve, export, brief) and of scale-out runs (run, load) live in
# their own modules; importing them registers them on ``app``.
from fogline import cli_interfaces, cli_scale  # noqa: E402, F401


def main() -> None:  # pragma: no cover - console entry
    """Entry point: library and database errors become one red line and exit status 2."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        app()
    except FoglineError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise SystemExit(EXIT_ERROR) from exc
    except SQLAlchemyError as exc:  # a file damaged after it was opened, a lost server
        detail = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        err.print(
            f"[red]error:[/red] database error: {escape(detail)}", highlight=False, soft_wrap=True
        )
        raise SystemExit(EXIT_ERROR) from exc

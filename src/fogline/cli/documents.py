"""Commands that analyse documents: analyze, ingest, reconcile."""

from __future__ import annotations

import sys

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from fogline.cli.app import (
    EXIT_HELP,
    EXIT_INTERRUPTED,
    BudgetOpt,
    DbOpt,
    PathsArg,
    PublishedOpt,
    SourceOpt,
    app,
    err,
    exit_status,
    out,
    say_skipped,
    set_time_budget,
)
from fogline.errors import IngestError


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
            say_skipped(err, result)
        elif as_json:
            done += 1
            sys.stdout.write(result.to_json() + "\n")
        else:
            done += 1
            print_analysis(out, result)
    status = exit_status(done, failed)
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
    from fogline.batch import ingest_paths
    from fogline.ingest.readers import DocumentMeta
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
                say_skipped(bar.console, result)
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
        print_ingest_summary(out, report, store.counts())
    status = exit_status(report.analysed + report.skipped, len(report.errors))
    if status:
        raise typer.Exit(code=status)


@app.command("reconcile")
def reconcile_command(
    db: str | None = DbOpt,
    full: bool = typer.Option(
        False, "--full", help="Recompute every document, not only new ones (same result)."
    ),
) -> None:
    """Bring propositions, copy clusters, origins and events up to date with the stored
    analyses: only new documents and what they touch, or everything with --full."""
    from fogline.reconcile import reconcile
    from fogline.store import Store

    with Store.open(db, create=False) as store:
        s = reconcile(store, full=full)
    out.print(
        f"{s.documents:,} documents in {s.copy_clusters:,} clusters of copies; "
        f"{s.reports:,} reports of {s.propositions:,} propositions; "
        f"{s.analysed:,} documents analysed, {s.rewritten:,} rewritten in {s.seconds:.2f}s"
    )

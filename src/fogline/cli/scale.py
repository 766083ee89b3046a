"""CLI commands of scale-out runs: run (Dask) and load (registered on ``cli.app``)."""

from __future__ import annotations

import typer
from rich.markup import escape

from fogline.cli.app import BudgetOpt, DbOpt, app, err, out, set_time_budget

OutOpt = typer.Option(..., "--out", help="Directory (or s3://, gs:// URI) for the Parquet shards.")


@app.command()
def run(
    inputs: list[str] = typer.Argument(..., help="JSONL or Parquet files, or folders of them."),
    dask: str = typer.Option(
        ...,
        "--dask",
        help="Scheduler address (tcp://host:8786), scheduler file (.json) or 'local'.",
    ),
    out_dir: str = OutOpt,
    workers: int = typer.Option(2, min=1, help="Worker processes of a 'local' cluster."),
    partitions: int | None = typer.Option(
        None, min=1, help="At least this many partitions (default: 4 per worker connected)."
    ),
    published: str | None = typer.Option(None, help="YYYY-MM-DD for documents without one."),
    source: str | None = typer.Option(None, help="Outlet name for documents without one."),
    time_budget: float | None = BudgetOpt,
) -> None:
    """Analyse JSONL/Parquet inputs on a Dask cluster into Parquet shards (resumable).

    Example: fogline run --dask local news.jsonl --out shards/ && fogline load shards/ --db f.sqlite
    """
    from fogline.distributed import run_dask
    from fogline.ingest.readers import DocumentMeta

    set_time_budget(time_budget)  # read by run_dask and sent to every worker
    meta = DocumentMeta(published=published, source=source)
    report = run_dask(
        inputs, out_dir, scheduler=dask, n_workers=workers, meta=meta, partitions=partitions
    )
    for e in report.errors:
        err.print(f"[red]skipped[/red] {e['origin']}: {e['reason']}", highlight=False)
    out.print(
        f"{report.documents:,} documents in {report.partitions} partitions "
        f"({report.resumed} done before), {len(report.errors)} skipped, "
        f"{report.seconds:.1f}s → {report.out}"
    )


@app.command()
def load(
    directory: str = typer.Argument(..., help="The --out directory of `fogline run`."),
    db: str | None = DbOpt,
) -> None:
    """Load the shards of `fogline run` into the database and reconcile.

    Example: fogline load shards/ --db postgresql://fogline@localhost/fogline
    """
    from fogline.reconcile import reconcile
    from fogline.shards import load_shards
    from fogline.store import Store

    with Store.open(db) as store:
        report = load_shards(directory, store)
        summary = reconcile(store)
    for note in report.notes:
        err.print(f"[yellow]note[/yellow] {escape(note)}", highlight=False, soft_wrap=True)
    for error in report.errors:
        err.print(f"[red]not stored[/red] {escape(error)}", highlight=False, soft_wrap=True)
    out.print(
        f"{report.added:,} documents added, {report.replaced:,} replaced, "
        f"{report.unchanged:,} unchanged, {report.duplicates:,} duplicates of stored texts, "
        f"{len(report.errors):,} refused; {summary.reports:,} reports of "
        f"{summary.propositions:,} propositions"
    )

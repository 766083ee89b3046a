"""``fogline eval``: score fogline against the gold data it finds."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from fogline.cli.app import app, out


@app.command("eval")
def evaluate(
    folder: Path = typer.Argument(
        Path("../shared/eval"), help="Folder of gold data (shared/eval)."
    ),
    limit: int | None = typer.Option(
        None, min=1, help="At most this many documents (stories) per dataset."
    ),
    only: list[str] = typer.Option(
        [],
        "--only",
        help="Datasets: seed, realnews, stories, geowebnews, timebank, polnear, plover, case2021.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    detail: bool = typer.Option(False, "--detail", help="Also per-label F1 and confusion rows."),
) -> None:
    """Score fogline against the gold data it finds under FOLDER and print one table."""
    from fogline.evaluation.runner import run_evaluation
    from fogline.report import print_metrics

    metrics = run_evaluation(folder, limit=limit, only=only or None)
    if as_json:
        import dataclasses
        import json

        rows = [dataclasses.asdict(m) for m in metrics]  # Metric has slots: no __dict__
        sys.stdout.write(json.dumps(rows, indent=1, ensure_ascii=False) + "\n")
    else:
        print_metrics(out, metrics, detail=detail)

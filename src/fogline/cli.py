"""The ``fogline`` command: a thin layer over the library."""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from fogline.errors import FoglineError, IngestError

app = typer.Typer(help="fogline: conflict news into sourced, structured, contested facts.",
                  no_args_is_help=True, add_completion=False)
out = Console()
err = Console(stderr=True)


@app.command()
def analyze(
    paths: list[str] = typer.Argument(..., help="Files, directories or JSONL; '-' reads stdin."),
    published: str | None = typer.Option(None, help="Publication date YYYY-MM-DD."),
    source: str | None = typer.Option(None, help="Outlet name, e.g. 'The Times'."),
    as_json: bool = typer.Option(True, "--json/--table", help="JSON lines (default) or tables."),
) -> None:
    """Analyse articles and print one JSON object per document.

    Example: fogline analyze article.txt --published 2021-09-06 --json
    """
    from fogline import default_analyzer
    from fogline.ingest.readers import DocumentMeta, read_paths

    analyzer = default_analyzer()
    meta = DocumentMeta(published=published, source=source)
    done = failed = 0
    for result in analyzer.analyze_many(read_paths(paths, meta=meta)):
        if isinstance(result, IngestError):
            failed += 1
            err.print(f"[red]skipped[/red] {result}", highlight=False)
            continue
        done += 1
        if as_json:
            sys.stdout.write(result.to_json() + "\n")
        else:
            from fogline.report import print_analysis

            print_analysis(out, result)
    if done == 0:
        raise typer.Exit(code=1)


def main() -> None:  # pragma: no cover - console entry
    try:
        app()
    except FoglineError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise SystemExit(2) from exc




@app.command()
def version() -> None:
    """Print fogline's version."""
    from fogline import __version__

    out.print(__version__)

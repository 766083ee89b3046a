"""The ``fogline`` application: shared options, consoles, exit statuses and output helpers.

Command groups live in sibling modules, each importing only this one; ``fogline.cli`` imports
them all to register their commands.
"""

from __future__ import annotations

import logging
import sys

import typer
from rich.console import Console
from rich.markup import escape

from fogline.errors import IngestError

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


def say_skipped(console: Console, error: IngestError) -> None:
    """One unwrapped line per failed document: 'skipped PATH: REASON' (paths taken literally)."""
    console.print(f"[red]skipped[/red] {escape(str(error))}", highlight=False, soft_wrap=True)


def exit_status(succeeded: int, failed: int) -> int:
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


def print_json(value: object) -> None:
    """Write ``value`` to stdout as indented JSON, non-ASCII characters as they are."""
    import json

    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=1) + "\n")

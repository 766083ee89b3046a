"""The ``fogline`` command: a thin layer over the library (parse options, call, display).

``app`` holds the shared options and output; each sibling module is one group of commands.
"""

from __future__ import annotations

import importlib

from fogline.cli.app import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_NOTHING,
    EXIT_OK,
    EXIT_SOME_FAILED,
    app,
    err,
    out,
)
from fogline.errors import FoglineError

__all__ = [
    "EXIT_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_NOTHING",
    "EXIT_OK",
    "EXIT_SOME_FAILED",
    "app",
    "main",
]

COMMAND_GROUPS = ("documents", "corpus", "interfaces", "scale", "evaluation", "gazetteer")
"""Modules of commands, in the order ``fogline --help`` lists them."""
for _group in COMMAND_GROUPS:
    importlib.import_module(f"fogline.cli.{_group}")


@app.command()
def version() -> None:
    """Print fogline's version."""
    from fogline import __version__

    out.print(__version__)


def main() -> None:  # pragma: no cover - console entry
    """Entry point: library and database errors become one red line and exit status 2."""
    from rich.markup import escape
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

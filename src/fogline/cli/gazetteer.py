"""``fogline gazetteer``: build, import and look up the offline gazetteer."""

from __future__ import annotations

from pathlib import Path

import typer

from fogline.cli.app import err, gazetteer_app, out
from fogline.errors import FoglineError


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
        ...,
        exists=True,
        dir_okay=False,
        help="GeoNames dump: allCountries, XX (a country) or cities500, as .txt or .zip.",
    ),
    path: Path | None = typer.Option(None, help="Gazetteer database (default: the installed one)."),
) -> None:
    """Add a GeoNames dump you have (a .txt file or the .zip GeoNames ships) to the gazetteer.

    allCountries.zip (about 12 million rows) takes tens of minutes; a country file seconds.
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from fogline import gazetteer

    columns = (SpinnerColumn(), TextColumn("[bold]import[/] {task.fields[rows]:,} rows"))
    with Progress(*columns, TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task("import", total=None, rows=0)
        n = gazetteer.import_geonames(
            path or gazetteer.default_path(),
            dump,
            progress=lambda rows: bar.update(task, rows=rows),
        )
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

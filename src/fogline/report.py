"""Rich renderings of analyses, counts and metrics for the CLI (no logic beyond layout)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from fogline.model import Analysis

if TYPE_CHECKING:
    from fogline.batch import IngestReport
    from fogline.evaluation import Metric

SUMMARY_TABLES = (
    "documents",
    "quotes",
    "claims",
    "events",
    "places",
    "times",
    "proposition_reports",
)


def _snippet(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def print_analysis(console: Console, analysis: Analysis) -> None:
    """One document's records as tables."""
    doc = analysis.document
    console.rule(f"[bold]{doc.id}[/bold] {doc.title or ''} ({doc.published or 'undated'})")
    kinds: dict[str, int] = {}
    for p in analysis.paragraphs:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    console.print("paragraphs: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    sections: list[tuple[str, Sequence[str], list[Sequence[Any]]]] = [
        (
            "quotes",
            ("speaker", "affiliation", "channel", "quote"),
            [
                (
                    q.speaker.name if q.speaker else "—",
                    q.speaker.affiliation if q.speaker else "",
                    q.channel or "",
                    _snippet(q.text),
                )
                for q in analysis.quotes
            ],
        ),
        (
            "claims",
            ("predicate", "subject", "place", "source", "stance"),
            [
                (c.predicate, c.subject or "", c.place or "", c.source.name, c.stance)
                for c in analysis.claims
            ],
        ),
        (
            "events",
            ("type", "actor", "target", "place", "date", "certainty"),
            [
                (
                    e.type,
                    e.actor.name if e.actor else "",
                    e.target.name if e.target else "",
                    e.place.name if e.place else "",
                    e.date.value if e.date else "",
                    e.certainty,
                )
                for e in analysis.events
            ],
        ),
        (
            "places",
            ("name", "resolved", "country", "lat", "lon", "feature"),
            [
                (
                    p.name,
                    p.resolved_name or "",
                    p.country_code or "",
                    f"{p.lat:.3f}" if p.lat is not None else "",
                    f"{p.lon:.3f}" if p.lon is not None else "",
                    p.feature or "",
                )
                for p in analysis.places
            ],
        ),
        (
            "times",
            ("text", "value", "precision"),
            [(t.text, t.value or "", t.precision or "") for t in analysis.times],
        ),
    ]
    for title, headers, rows in sections:
        if not rows:
            continue
        table = Table(title=title, title_justify="left", show_lines=False)
        for h in headers:
            table.add_column(h)
        for row in rows:
            table.add_row(*[str(v) for v in row])
        console.print(table)


def print_counts(console: Console, counts: Mapping[str, int]) -> None:
    """The number of records per table, as a table."""
    table = Table(title="database", title_justify="left")
    table.add_column("records")
    table.add_column("count", justify="right")
    for name, n in counts.items():
        table.add_row(name, f"{n:,}")
    console.print(table)


def print_ingest_summary(console: Console, report: IngestReport, counts: Mapping[str, int]) -> None:
    """The demo's summary: what was stored, what failed, the slowest step."""
    s = report.saved
    console.print(
        f"[bold]ingested[/bold] {s.added} new, {s.replaced} replaced, "
        f"{s.unchanged + report.skipped + s.duplicates - report.duplicates} already stored, "
        f"{report.duplicates} stored under another id, {len(report.errors)} failed "
        f"in {report.seconds:.1f}s"
    )
    console.print(
        "stored: " + ", ".join(f"{name} {counts.get(name, 0):,}" for name in SUMMARY_TABLES)
    )
    slowest = report.slowest_step()
    if slowest:
        steps = ", ".join(
            f"{k} {v:.2f}s" for k, v in sorted(report.step_seconds.items(), key=lambda kv: -kv[1])
        )
        console.print(f"slowest step: [bold]{slowest[0]}[/bold] {slowest[1]:.2f}s  ({steps})")
    for error in report.errors:
        console.print(f"[red]failed[/red] {error}", highlight=False)


def print_candidates(console: Console, name: str, candidates: Sequence[Any]) -> None:
    """The gazetteer candidates for ``name`` as a table."""
    table = Table(title=f"gazetteer: {name}", title_justify="left")
    for h in ("id", "name", "country", "admin1", "feature", "lat", "lon", "population"):
        table.add_column(h)
    for c in candidates:
        table.add_row(
            str(c.gazetteer_id),
            c.name,
            c.country_code or "",
            c.admin1 or "",
            c.feature or "",
            f"{c.lat:.4f}" if c.lat is not None else "",
            f"{c.lon:.4f}" if c.lon is not None else "",
            f"{c.population or 0:,}",
        )
    console.print(table)


DETAIL_SECTIONS = ("F1 per label", "confusion")


def print_metrics(console: Console, metrics: Sequence[Metric], *, detail: bool = False) -> None:
    """The evaluation table; per-label and confusion rows only with ``detail``."""
    table = Table(title="fogline eval", title_justify="left")
    for h in ("dataset", "section", "metric", "value", "n", "note"):
        table.add_column(h, justify="right" if h in ("value", "n") else "left", no_wrap=h != "note")
    for m in metrics:
        if m.section in DETAIL_SECTIONS and not detail:
            continue
        table.add_row(m.dataset, m.section, m.name, f"{m.value:.3f}", str(m.support), m.note)
    console.print(table)


STATUS_STYLE = {
    "contested": "bold yellow",
    "corroborated": "bold green",
    "denied": "bold red",
    "unconfirmed": "magenta",
    "single-source": "dim",
}


def _side(sources: Sequence[Mapping[str, Any]]) -> str:
    names: dict[str, int] = {}
    for s in sources:
        names[s["source"]] = names.get(s["source"], 0) + 1
    return ", ".join(f"{n} ×{k}" if k > 1 else n for n, k in names.items())


def _origin_side(origins: Sequence[Mapping[str, Any]]) -> str:
    """One line per origin: its chains, "[party]" for a party's own claim, × its reports."""
    lines = []
    for o in origins:
        mark = " (party's own claim)" if o.get("party_claim") else ""
        count = f" ×{o['reports']}" if o.get("reports", 1) > 1 else ""
        lines.append("; ".join(o["chains"]) + mark + count)
    return "\n".join(lines)


def print_propositions(console: Console, views: Sequence[Any]) -> None:
    """The claims board as a table: proposition, status, origins per stance (each origin's
    chains of reports), dates."""
    table = Table(title=f"claims ({len(views)})", title_justify="left", show_lines=True)
    for h in (
        "proposition",
        "status",
        "asserts",
        "denies",
        "hedges",
        "unconfirmed",
        "first",
        "last",
    ):
        table.add_column(h)
    for v in views:
        d = v.as_dict()
        table.add_row(
            d["proposition"],
            f"[{STATUS_STYLE.get(v.status, '')}]{v.status}[/]",
            *(
                _origin_side(v.origins[st]) if getattr(v, "origins", None) else _side(v.sources[st])
                for st in ("asserts", "denies", "hedges", "unconfirmed")
            ),
            v.first_seen or "",
            v.last_seen or "",
        )
    console.print(table)


def print_situation(console: Console, board: Mapping[str, Any]) -> None:
    """A place's board from :func:`~fogline.reconcile.situation`: propositions and statuses.

    Under each proposition, every source by stance with its outlet, date and a snippet.
    """
    console.rule(f"[bold]{board['place']}[/bold] as of {board['as_of'] or 'now'}")
    if not board["control"] and not board["other"]:
        console.print("no claims about this place")
    for title in ("control", "other"):
        for d in board[title]:
            style = STATUS_STYLE.get(d["status"], "")
            console.print(f"[{style}]{d['status']:>13}[/] {d['proposition']}")
            for stance, sources in d["sources"].items():
                for s in sources:
                    console.print(
                        f"{'':>15}{stance} {s['source']} ({s['outlet'] or '?'}, "
                        f"{s['published'] or '?'}): “{_snippet(s['text'], 70)}”",
                        highlight=False,
                    )


def print_timeline(console: Console, days: Sequence[Mapping[str, Any]]) -> None:
    """Each day of :func:`~fogline.reconcile.timeline` and its reports, one line each."""
    for day in days:
        console.print(f"[bold]{day['day']}[/bold]")
        for r in day["reports"]:
            console.print(
                f"  {r['stance']:>7} {r['predicate']}({r['subject'] or '?'}, {r['place'] or '?'})"
                f" by {r['source']} [{r['outlet'] or '?'}]",
                highlight=False,
            )


def print_rows(console: Console, title: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """Rows (dicts with the same keys) as a table titled ``title``; None shows as blank."""
    table = Table(title=title, title_justify="left")
    if rows:
        for h in rows[0]:
            table.add_column(str(h))
        for r in rows:
            table.add_row(*["" if v is None else str(v) for v in r.values()])
    console.print(table)

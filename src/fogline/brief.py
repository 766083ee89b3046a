"""A situation report: new and changed propositions, contested claims, corroborated events,
casualties and a map, written as a standalone HTML page (map embedded) or Markdown (map beside).

Example:
    >>> write_brief(store, Path("brief.html"), since="2025-03-10")  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

from fogline.reconcile import claims, event_clusters
from fogline.store import Store, queries
from fogline.web.basemap import MapPoint, core_points, css_token, map_view

DEFAULT_DAYS = 7


def _latest_day(store: Store) -> str | None:
    page = queries.list_documents(store, limit=1)
    return page.items[0]["published"] if page.items else None


def _day_before(day: str) -> str:
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()


def build_brief(
    store: Store, *, since: str | None = None, place: str | None = None
) -> dict[str, Any]:
    """What the report says, as plain data (``since`` default: a week before the latest article)."""
    latest = _latest_day(store)
    if since is None and latest:
        since = (dt.date.fromisoformat(latest) - dt.timedelta(days=DEFAULT_DAYS)).isoformat()
    if since is not None:
        dt.date.fromisoformat(since)  # ValueError on a bad date
    now = {v.id: v for v in claims(store, place=place)}
    before = (
        {v.id: v for v in claims(store, place=place, as_of=_day_before(since))} if since else {}
    )
    new, changed = [], []
    for pid, view in now.items():
        if pid not in before:
            if not since or (view.last_seen or "") >= since:
                new.append(view.as_dict())
        elif before[pid].status != view.status:
            changed.append(view.as_dict() | {"was": before[pid].status})
    clusters = [c for c in event_clusters(store, place=place) if _recent(c, since)]
    corroborated = [c for c in clusters if len(set(c["outlets"])) >= 2]
    return {
        "since": since,
        "until": latest,
        "place": place,
        "generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "new": new,
        "changed": changed,
        "contested": [v.as_dict() for v in now.values() if v.status == "contested"],
        "corroborated_events": corroborated,
        "casualties": casualties(clusters),
        "map": _map(clusters, list(now.values())),
    }


def _recent(cluster: dict[str, Any], since: str | None) -> bool:
    return not since or any((r["published"] or "") >= since for r in cluster["reports"])


def casualties(clusters: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per event with reported deaths: the lowest and highest figure and who gave each."""
    out = []
    for c in clusters:
        figures = [(r["fatalities"], r) for r in c["reports"] if r["fatalities"]]
        if not figures:
            continue
        low, high = min(f for f, _ in figures), max(f for f, _ in figures)
        out.append(
            {
                "type": c["type"],
                "place": c["place"],
                "dates": c["dates"],
                "low": low,
                "high": high,
                "reports": [r | {"fatalities": f} for f, r in figures],
            }
        )
    return sorted(out, key=lambda x: -x["high"])


def _map(clusters: list[dict[str, Any]], views: list[Any]) -> Any:
    points = [
        MapPoint(c["lat"], c["lon"], f"{c['type']} at {c['place']}", None,
                 "ev-" + css_token(c["type"]), 4 + min(len(c["reports"]), 6))
        for c in clusters
        if c["lat"] is not None
    ]  # fmt: skip
    points += [
        MapPoint(v.lat, v.lon, f"{v.predicate} {v.subject or '?'} at {v.place}: {v.status}",
                 None, "st-" + css_token(v.status), 7)
        for v in views
        if v.predicate == "CONTROL" and v.lat is not None
    ]  # fmt: skip
    return map_view(points, width=760, fit=core_points(points))


@functools.cache
def _env() -> Any:
    from fogline.api.pages import templates

    return templates()


def render_html(brief: dict[str, Any]) -> str:
    """The report as one HTML page (styles and the SVG map inline, no external files)."""
    css = Path(str(_static("app.css"))).read_text(encoding="utf-8")
    return _env().get_template("brief.html").render(b=brief, css=css, view=brief["map"])


def render_svg(brief: dict[str, Any]) -> str:
    """The report's map as a standalone SVG document."""
    return _env().get_template("brief_map.svg").render(view=brief["map"])


@functools.cache
def _markdown_env() -> Any:
    """Markdown output: every value has ``&``, ``<`` and ``>`` escaped (no raw HTML gets in)."""
    from jinja2 import Environment, PackageLoader

    def escape(value: object) -> str:
        text = "" if value is None else str(value)
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    env = Environment(
        loader=PackageLoader("fogline.web", "templates"),
        autoescape=False,  # Markdown: values are escaped by ``finalize``
        finalize=escape,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css"] = css_token
    return env


def render_markdown(brief: dict[str, Any], *, map_file: str | None = None) -> str:
    """The report as Markdown; ``map_file`` is the SVG image it links to."""
    return _markdown_env().get_template("brief.md").render(b=brief, map_file=map_file)


def _static(name: str) -> Any:
    from importlib import resources

    return resources.files("fogline.web").joinpath("static", name)


def write_brief(
    store: Store, out: Path, *, since: str | None = None, place: str | None = None
) -> dict[str, Any]:
    """Write the report to ``out`` (.html or .md; Markdown gets ``out``.svg beside it)."""
    suffix = out.suffix.lower()
    if suffix not in (".html", ".htm", ".md"):
        raise ValueError(f"the brief is written as .html or .md, not {out.name!r}")
    brief = build_brief(store, since=since, place=place)
    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".md":
        svg = out.with_suffix(".svg")
        svg.write_text(render_svg(brief), encoding="utf-8")
        out.write_text(render_markdown(brief, map_file=svg.name), encoding="utf-8")
    else:
        out.write_text(render_html(brief), encoding="utf-8")
    return brief

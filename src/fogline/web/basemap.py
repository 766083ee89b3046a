"""An offline basemap: Natural Earth country outlines projected to SVG path data.

The outlines are ``data/web/countries-50m.json`` (TopoJSON of Natural Earth 1:50m
countries, from the world-atlas package; public domain data, ISC packaging). The
projection is equirectangular, with longitudes scaled by the cosine of the view's
middle latitude so that regional views keep their shape. Nothing here draws markup:
:func:`map_view` returns numbers and path strings for a Jinja template to render.

Example:
    >>> view = map_view([MapPoint(lat=18.44, lon=1.41, label="Kidal")])  # doctest: +SKIP
    >>> view.points[0].x, len(view.countries) > 0                          # doctest: +SKIP
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from fogline.data import data_path

OUTLINES = "web/countries-50m.json"
MIN_SPAN = 8.0  # degrees: the smallest view around the points
PAD = 0.25  # share of the points' extent added on each side
ASPECT = 0.62  # largest height / width of a view fitted to points


@dataclass(frozen=True, slots=True)
class Country:
    """A country's outline: its name, (lon, lat) rings and bounding box."""

    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]  # (lon, lat) rings
    bbox: tuple[float, float, float, float]  # west, south, east, north


@dataclass(slots=True)
class MapPoint:
    """A point to draw: where, what to say on hover, where it links, and its colour class."""

    lat: float
    lon: float
    label: str = ""
    href: str | None = None
    kind: str = "place"  # css class suffix: an event type, a status, or "place"
    size: float = 4.0
    x: float = 0.0
    y: float = 0.0


@dataclass(slots=True)
class MapView:
    """A projected view: SVG size, country paths, graticule lines and points."""

    width: int
    height: int
    bbox: tuple[float, float, float, float]
    countries: list[tuple[str, str]] = field(default_factory=list)  # (name, path data)
    graticule: list[str] = field(default_factory=list)
    labels: list[tuple[float, float, str]] = field(default_factory=list)
    points: list[MapPoint] = field(default_factory=list)


@functools.cache
def countries() -> tuple[Country, ...]:
    """Every country outline of the packaged TopoJSON, decoded once."""
    topo = json.loads(data_path(OUTLINES).read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs: list[list[tuple[float, float]]] = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # delta-encoded, quantized positions
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: Sequence[int]) -> tuple[tuple[float, float], ...]:
        out: list[tuple[float, float]] = []
        for i in indexes:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return tuple(out)

    result = []
    for geom in topo["objects"]["countries"]["geometries"]:
        polys = geom.get("arcs") or []
        if geom["type"] == "Polygon":
            polys = [polys]
        rings = tuple(ring(r) for poly in polys for r in poly)
        if not rings:
            continue
        lons = [p[0] for r in rings for p in r]
        lats = [p[1] for r in rings for p in r]
        name = (geom.get("properties") or {}).get("name", "")
        result.append(Country(name, rings, (min(lons), min(lats), max(lons), max(lats))))
    return tuple(result)


def core_points(points: Sequence[MapPoint], *, radius: float = 15.0) -> list[MapPoint]:
    """The points within ``radius`` degrees of their median, when they are most of them.

    A view fitted to every point is as wide as its furthest outlier (one mis-geocoded
    name can stretch a regional map to the whole world); fitting to the core keeps it
    readable.
    """
    if len(points) < 3:
        return list(points)
    lats = sorted(p.lat for p in points)
    lons = sorted(p.lon for p in points)
    mid_lat, mid_lon = lats[len(lats) // 2], lons[len(lons) // 2]
    core = [p for p in points if abs(p.lat - mid_lat) <= radius and abs(p.lon - mid_lon) <= radius]
    return core if len(core) * 2 > len(points) else list(points)


def view_bbox(points: Iterable[MapPoint]) -> tuple[float, float, float, float]:
    """West, south, east, north around the points (padded), or the world when there are none."""
    pts = [(p.lon, p.lat) for p in points]
    if not pts:
        return (-180.0, -60.0, 180.0, 80.0)
    west, east = min(p[0] for p in pts), max(p[0] for p in pts)
    south, north = min(p[1] for p in pts), max(p[1] for p in pts)
    pad_x = max((east - west) * PAD, (MIN_SPAN - (east - west)) / 2, 0.5)
    pad_y = max((north - south) * PAD, (MIN_SPAN - (north - south)) / 2, 0.5)
    return (
        max(-180.0, west - pad_x),
        max(-85.0, south - pad_y),
        min(180.0, east + pad_x),
        min(85.0, north + pad_y),
    )


def map_view(
    points: Sequence[MapPoint],
    *,
    width: int = 900,
    bbox: tuple[float, float, float, float] | None = None,
    fit: Sequence[MapPoint] | None = None,
) -> MapView:
    """Project the outlines and ``points`` into a ``width``-pixel SVG view.

    The view is ``bbox``, else the box around ``fit`` (default: all points), widened to a
    landscape shape.
    """
    west, south, east, north = bbox or view_bbox(points if fit is None else fit)
    kx = math.cos(math.radians((south + north) / 2))
    if bbox is None and (north - south) > ASPECT * (east - west) * kx:  # widen tall views
        extra = ((north - south) / (ASPECT * kx) - (east - west)) / 2
        west, east = max(-180.0, west - extra), min(180.0, east + extra)
    scale = width / max((east - west) * kx, 1e-6)
    height = max(120, round((north - south) * scale))

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * kx * scale, (north - lat) * scale

    view = MapView(width=width, height=height, bbox=(west, south, east, north))
    for c in countries():
        cw, cs, ce, cn = c.bbox
        if ce < west or cw > east or cn < south or cs > north:
            continue
        parts = []
        for r in c.rings:
            if not _ring_in_view(r, west, south, east, north):
                continue
            parts.append(_path(xy(lon, lat) for lon, lat in r))
        if not parts:
            continue
        view.countries.append((c.name, "".join(parts)))
        lon_c, lat_c = (cw + ce) / 2, (cs + cn) / 2
        if west <= lon_c <= east and south <= lat_c <= north and (ce - cw) > (east - west) / 12:
            lx, ly = xy(lon_c, lat_c)
            view.labels.append((round(lx, 1), round(ly, 1), c.name))
    step = _graticule_step(east - west)
    for lon in _range(west, east, step):
        (x0, y0), (_, y1) = xy(lon, north), xy(lon, south)
        view.graticule.append(f"M{x0:.1f},{y0:.1f}V{y1:.1f}")
    for lat in _range(south, north, step):
        (x0, y0), (x1, _) = xy(west, lat), xy(east, lat)
        view.graticule.append(f"M{x0:.1f},{y0:.1f}H{x1:.1f}")
    for p in points:
        p.x, p.y = (round(v, 1) for v in xy(p.lon, p.lat))
        view.points.append(p)
    return view


def _ring_in_view(
    ring: Sequence[tuple[float, float]], west: float, south: float, east: float, north: float
) -> bool:
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return not (max(lons) < west or min(lons) > east or max(lats) < south or min(lats) > north)


def _path(coords: Iterable[tuple[float, float]], tolerance: float = 0.8) -> str:
    """SVG path data of a ring, dropping points closer than ``tolerance`` px to the last kept."""
    kept: list[tuple[float, float]] = []
    for x, y in coords:
        if kept and abs(x - kept[-1][0]) < tolerance and abs(y - kept[-1][1]) < tolerance:
            continue
        kept.append((x, y))
    if len(kept) < 3:
        return ""
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in kept) + "Z"


def _graticule_step(span: float) -> float:
    for step in (1.0, 2.0, 5.0, 10.0, 15.0, 30.0):
        if span / step <= 12:
            return step
    return 30.0


def _range(lo: float, hi: float, step: float) -> list[float]:
    first = math.ceil(lo / step) * step
    return [first + i * step for i in range(int((hi - first) / step) + 1)]


def css_token(value: str | None) -> str:
    """A value (event type, status) as a safe CSS class suffix: lowercase letters, digits, '-'."""
    token = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in (value or "").lower())
    return token.strip("-")[:40] or "other"

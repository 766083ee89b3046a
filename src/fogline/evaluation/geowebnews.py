"""GeoWebNews (Gritta et al. 2019): toponym recall and geocoding accuracy.

Reads ``<folder>/GWN.xml``: 200 articles whose toponyms carry character offsets and,
when geocodable, a latitude/longitude. Each article text is analysed as is; a gold
toponym is *found* when a predicted place with coordinates overlaps its span (offsets
are compared with a small tolerance, since cleaning may shift them slightly; the
predicted name must then still contain the gold name).

Metrics: Accuracy@161km (share of found geocodable toponyms within 161 km of gold), the
same counting a prediction with the gold's GeoNames id as right (fogline's country points
come from countrystatecity, GeoNames' country points lie up to ~1,000 km away from them),
exact id matches, recall of geocodable toponyms (found / all), mean and median error in km.
"""

from __future__ import annotations

import logging
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from fogline.evaluation import Metric
from fogline.gazetteer import haversine_km

LOGGER = logging.getLogger(__name__)

DATASET = "geowebnews"
ACC_KM = 161.0
SHIFT = 5  # characters of offset drift tolerated between raw and cleaned text


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """A geocodable gold toponym of ``GWN.xml``: name, span, type, point and GeoNames id."""

    name: str
    start: int
    end: int
    kind: str
    lat: float
    lon: float
    geonames_id: str | None = None


def load_articles(folder: Path) -> list[tuple[str, str, list[GoldToponym]]]:
    """(article id, text, geocodable gold toponyms) for each article of ``GWN.xml``."""
    root = ET.parse(folder / "GWN.xml").getroot()
    out = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for t in art.iter("toponym"):
            lat, lon = t.findtext("latitude"), t.findtext("longitude")
            if not lat or not lon:
                continue
            gold.append(
                GoldToponym(
                    name=t.findtext("extractedName") or "",
                    start=int(t.findtext("start") or 0),
                    end=int(t.findtext("end") or 0),
                    kind=t.findtext("type") or "",
                    lat=float(lat),
                    lon=float(lon),
                    geonames_id=t.findtext("geonamesID") or None,
                )
            )
        out.append((f"gwn-{art.get('file')}", text, gold))
    return out


def _match(g: GoldToponym, places: list) -> object | None:  # places: list of fogline.model.Place
    for p in places:
        if p.lat is None:
            continue
        overlaps = p.start < g.end + SHIFT and g.start - SHIFT < p.end
        if (
            overlaps
            and g.name.lower() in p.name.lower()
            or (overlaps and p.name.lower() in g.name.lower() and len(p.name) >= 3)
        ):
            return p
    return None


def evaluate(folder: Path, analyzer, *, limit: int | None = None) -> list[Metric]:
    """Score ``analyzer`` (a :class:`fogline.pipeline.Analyzer`) on GeoWebNews.

    Example:
        >>> evaluate(Path("../shared/eval/geowebnews"), Analyzer(), limit=20)  # doctest: +SKIP
    """
    articles = load_articles(Path(folder))[:limit]
    errors: list[float] = []
    within_by_id: list[float] = []  # same GeoNames id as gold but > 161 km from its point
    same_id = 0  # predictions with the gold's GeoNames id (countries' points differ by source)
    total = 0
    for doc_id, text, gold in articles:
        total += len(gold)
        if not gold:
            continue
        try:
            analysis = analyzer.analyze(text, id=doc_id)
        except Exception as exc:  # one bad article must not stop the measurement
            LOGGER.warning("%s: not analysed: %s", doc_id, exc)
            continue
        for g in gold:
            p = _match(g, analysis.places)
            if p is not None:
                err = haversine_km(g.lat, g.lon, p.lat, p.lon)
                errors.append(err)
                if g.geonames_id and p.gazetteer_id == f"geonames:{g.geonames_id}":
                    same_id += 1
                    if err > ACC_KM:
                        within_by_id.append(err)
    found = len(errors)
    within = sum(1 for e in errors if e <= ACC_KM)
    id_or_near = within + len(within_by_id)
    note = f"{len(articles)} articles"
    return [
        Metric(DATASET, "places", "Accuracy@161km", within / found if found else 0.0, found, note),
        Metric(
            DATASET,
            "places",
            "Accuracy@161km or same GeoNames id",
            id_or_near / found if found else 0.0,
            found,
            "a country's point differs between GeoNames and countrystatecity",
        ),
        Metric(DATASET, "places", "exact GeoNames id", same_id / found if found else 0.0, found),
        Metric(DATASET, "places", "recall (geocodable)", found / total if total else 0.0, total),
        Metric(
            DATASET, "places", "mean error km", statistics.fmean(errors) if errors else 0.0, found
        ),
        Metric(
            DATASET,
            "places",
            "median error km",
            statistics.median(errors) if errors else 0.0,
            found,
        ),
    ]

"""Exports in formats users already load: JSON, CSV, ACLED-style CSV, GeoJSON, Parquet, PLOVER.

- ``acled``: ACLED's columns in ACLED's order, then fogline's certainty and evidence
  columns (``../shared/DESIGN.md``); one row per event that has an ACLED event type.
- ``geojson``: a FeatureCollection of points (events, places, claims that have a place).
- ``parquet``: typed columns, one file per table (``table="all"``: a folder of them).
- ``plover``: one JSON object per event in the record shape of the PLOVER gold records.

Example:
    >>> export(store, table="events", fmt="acled", out=Path("events.csv"))  # doctest: +SKIP
    131
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from fogline.model import Analysis, Event, Place
from fogline.store import Store, queries, schema
from fogline.textnorm import fold

LOGGER = logging.getLogger(__name__)

FORMATS = ("json", "csv", "acled", "geojson", "parquet", "plover")
TABLES = queries.TABLES
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
FOGLINE_COLUMNS = (
    "certainty", "reported_by", "claim_status", "document_id", "evidence_start",
    "evidence_end", "evidence_text",
)  # fmt: skip
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence; Demonstrations",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
GEOMETRY_TABLES = ("events", "places", "claims", "propositions")


def export(store: Store, *, table: str, fmt: str, out: Path) -> int:
    """Write ``table`` of ``store`` to ``out`` in ``fmt``; returns the number of records.

    Raises:
        ValueError: an unknown format or table, or a format that does not fit the table.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if table != "all" and table not in TABLES:
        raise ValueError(f"table must be one of {', '.join(TABLES)} or all, not {table!r}")
    if table == "all":
        if fmt not in ("json", "csv", "parquet"):
            raise ValueError(f"--table all works with json, csv and parquet, not {fmt}")
        out.mkdir(parents=True, exist_ok=True)
        suffix = {"json": ".json", "csv": ".csv", "parquet": ".parquet"}[fmt]
        return sum(export(store, table=t, fmt=fmt, out=out / f"{t}{suffix}") for t in TABLES)
    if fmt in ("acled", "plover") and table != "events":
        raise ValueError(f"the {fmt} format is for events, not {table}")
    if fmt == "geojson" and table not in GEOMETRY_TABLES:
        raise ValueError(
            f"geojson needs points: use events, places, claims or propositions, not {table}"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "acled":
        return _write_csv(out, acled_rows(store), ACLED_COLUMNS + FOGLINE_COLUMNS)
    if fmt == "plover":
        return _write_json(out, plover_records(store))
    if fmt == "geojson":
        return write_geojson(store, table, out)
    if fmt == "parquet":
        return write_parquet(store, table, out)
    rows = queries.iter_rows(store, table)
    if fmt == "json":
        return _write_json(out, rows)
    return _write_csv(out, rows, _columns(table))


def _columns(table: str) -> tuple[str, ...]:
    """Column names of an exported table, in schema order (document fields appended)."""
    if table == "documents":
        return tuple(c.name for c in schema.documents.c if c.name != "analysis")
    if table == "propositions":
        return tuple(c.name for c in schema.proposition_reports.c)
    return tuple(c.name for c in schema.RECORD_TABLES[table].c) + ("published", "outlet", "title")


def _write_csv(out: Path, rows: Iterable[dict[str, Any]], columns: tuple[str, ...]) -> int:
    n = 0
    with out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            n += 1
    return n


def _write_json(out: Path, rows: Iterable[dict[str, Any]]) -> int:
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        fh.write("[")
        for row in rows:
            fh.write(("\n" if n == 0 else ",\n") + json.dumps(row, ensure_ascii=False))
            n += 1
        fh.write("\n]\n")
    return n


# -- events, from the stored analyses -----------------------------------------------------


def _events(store: Store) -> Iterator[tuple[Analysis, int, Event, dict[str, Any]]]:
    """(analysis, index, event, cluster info) for every stored event."""
    clusters: dict[str, set[str]] = {}
    of: dict[tuple[str, int], str] = {}
    for r in store.event_reports():
        clusters.setdefault(r["cluster_id"], set()).add(r["outlet"] or r["document_id"])
        of[(r["document_id"], r["event_idx"])] = r["cluster_id"]
    for analysis in store.iter_analyses():
        for i, event in enumerate(analysis.events):
            cid = of.get((analysis.document.id, i))
            outlets = clusters.get(cid or "", set())
            yield analysis, i, event, {"cluster_id": cid, "outlets": len(outlets)}


def place_of(analysis: Analysis, name: str | None) -> Place | None:
    """The geocoded place mention of the analysis with this name (as written or resolved)."""
    if not name:
        return None
    wanted = fold(name)
    for p in analysis.places:
        if p.lat is not None and wanted in (fold(p.name), fold(p.resolved_name or "")):
            return p
    return None


def event_day(event: Event, published: str | None) -> tuple[str, int]:
    """(ISO day, ACLED time precision 1-3) of an event: day 1, week 2, month or more 3."""
    value = event.date.value if event.date else ""
    precision = event.date.precision if event.date else None
    try:
        if len(value) >= 10 and value[4] == "-" and value[5:7].isdigit():
            day = dt.date.fromisoformat(value[:10])
        elif "-W" in value:
            year, week = value[:4], value.split("-W")[1][:2]
            day = dt.date.fromisocalendar(int(year), int(week), 1)
        elif len(value) == 7:
            day = dt.date.fromisoformat(value + "-01")
        else:
            raise ValueError(value)
    except ValueError:
        return (published or ""), 3
    level = 1 if precision == "day" and not event.date.inferred else 2  # type: ignore[union-attr]
    if precision not in ("day", "week"):
        level = 3
    return day.isoformat(), level


def geo_precision(place: Place | None) -> str:
    """ACLED's 1-3 scale: 1 a town or village, 2 a district or area, 3 a province or country."""
    if place is None:
        return ""
    feature = (place.feature or "").upper()
    if feature.startswith("PPL"):
        return "1"
    if feature in ("ADM2", "ADM3", "ADM4", "ADM5", "ADMD"):
        return "2"
    return "3"


def _status(event: Event, cluster: dict[str, Any]) -> str:
    if event.certainty == "denied":
        return "denied"
    return "corroborated" if cluster["outlets"] >= 2 else "single-source"


def acled_rows(store: Store) -> Iterator[dict[str, Any]]:
    """One ACLED-style row per event with an ACLED event type."""
    import pycountry

    skipped = 0
    for analysis, i, e, cluster in _events(store):
        if not e.acled_type:
            skipped += 1
            continue
        doc = analysis.document
        place = place_of(analysis, e.place.name if e.place else None)
        cc = (e.place.country_code if e.place else None) or (place.country_code if place else None)
        country = pycountry.countries.get(alpha_2=cc) if cc else None
        day, precision = event_day(e, doc.published)
        lat = e.place.lat if e.place and e.place.lat is not None else (place.lat if place else None)
        lon = e.place.lon if e.place and e.place.lon is not None else (place.lon if place else None)
        serial = int(hashlib.sha1(f"{doc.id}\x1f{i}".encode()).hexdigest()[:8], 16) % 10**8
        yield {
            "event_id_cnty": f"{country.alpha_3 if country else 'XXX'}{serial}",
            "event_date": day,
            "year": day[:4],
            "time_precision": precision,
            "disorder_type": DISORDER.get(e.acled_type, ""),
            "event_type": e.acled_type,
            "sub_event_type": e.acled_subtype or "",
            "actor1": e.actor.name if e.actor else "",
            "assoc_actor_1": (e.actor.affiliation or "") if e.actor else "",
            "actor2": e.target.name if e.target else "",
            "assoc_actor_2": (e.target.affiliation or "") if e.target else "",
            "civilian_targeting": "Civilian targeting"
            if e.acled_type == "Violence against civilians"
            else "",
            "iso": int(country.numeric) if country else "",
            "country": country.name if country else "",
            "admin1": (place.admin1 or "") if place else "",
            "location": (place.resolved_name or place.name)
            if place
            else (e.place.name if e.place else ""),
            "latitude": lat if lat is not None else "",
            "longitude": lon if lon is not None else "",
            "geo_precision": geo_precision(place),
            "source": doc.source or "",
            "notes": e.text,
            "fatalities": e.fatalities or 0,
            "timestamp": _timestamp(doc.published),
            "certainty": e.certainty,
            "reported_by": "; ".join(e.reported_by),
            "claim_status": _status(e, cluster),
            "document_id": doc.id,
            "evidence_start": e.start,
            "evidence_end": e.end,
            "evidence_text": e.text,
        }
    if skipped:
        LOGGER.info("acled export: %d events without an ACLED event type left out", skipped)


def _timestamp(published: str | None) -> int | str:
    try:
        day = dt.date.fromisoformat(published or "")
    except ValueError:
        return ""
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def plover_records(store: Store) -> Iterator[dict[str, Any]]:
    """One PLOVER-style record per event (``id, date, event, mode, source, target, text...``)."""
    for analysis, i, e, cluster in _events(store):
        doc = analysis.document
        day, _ = event_day(e, doc.published)
        record: dict[str, Any] = {
            "id": f"{doc.id}-{i}",
            "date": day,
            "event": e.type,
            "mode": e.mode or "",
            "context": "",
            "source": [_plover_actor(e.actor)] if e.actor else [],
            "target": [_plover_actor(e.target)] if e.target else "",
            "text": e.text,
            "language": "en",
            "publication": doc.source or "",
            "certainty": e.certainty,
            "claim_status": _status(e, cluster),
            "document_id": doc.id,
            "start": e.start,
            "end": e.end,
        }
        if e.place:
            loc = {"name": e.place.name}
            if e.place.country_code:
                loc["country code"] = e.place.country_code
            record["eventLoc"] = loc
        if e.fatalities:
            record["dead"] = e.fatalities
        yield record


def _plover_actor(actor: Any) -> dict[str, str]:
    out = {"actorText": actor.name}
    if getattr(actor, "actor_id", None):
        out["code"] = actor.actor_id
    return out


# -- GeoJSON and Parquet ----------------------------------------------------------------


def geojson_features(store: Store, table: str) -> Iterator[dict[str, Any]]:
    """Point features of a table's rows that have coordinates; properties are the other columns."""
    source = "propositions" if table == "claims" else table
    for row in queries.iter_rows(store, source):
        lat, lon = row.pop("lat", None), row.pop("lon", None)
        if lat is None or lon is None:
            continue
        yield {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": row,
        }


def write_geojson(store: Store, table: str, out: Path) -> int:
    """A FeatureCollection of the table's points (claims: the propositions' places)."""
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        fh.write('{"type": "FeatureCollection", "features": [')
        for feature in geojson_features(store, table):
            fh.write(("\n" if n == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
            n += 1
        fh.write("\n]}\n")
    return n


def write_parquet(store: Store, table: str, out: Path) -> int:
    """One Parquet file with typed columns (strings, integers, floats, booleans)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = _columns(table)
    types = _arrow_types(table)
    rows = list(queries.iter_rows(store, table))
    arrays = {
        c: pa.array([r.get(c) for r in rows], type=types.get(c, pa.string())) for c in columns
    }
    pq.write_table(pa.table(arrays), out)
    return len(rows)


def _arrow_types(table: str) -> dict[str, Any]:
    import pyarrow as pa
    from sqlalchemy import Boolean, Float, Integer

    if table == "documents":
        t = schema.documents
    elif table == "propositions":
        t = schema.proposition_reports
    else:
        t = schema.RECORD_TABLES[table]
    out = {}
    for c in t.c:
        if isinstance(c.type, Boolean):
            out[c.name] = pa.bool_()
        elif isinstance(c.type, Integer):
            out[c.name] = pa.int64()
        elif isinstance(c.type, Float):
            out[c.name] = pa.float64()
    return out

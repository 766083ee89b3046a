"""Exports read back by the tools users open them with: csv, a GeoJSON check, pyarrow."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from fogline.export import ACLED_COLUMNS, FOGLINE_COLUMNS, export
from interfaces_corpus import TEXT_A, analyses, build_store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = build_store(tmp_path_factory.mktemp("export") / "export.sqlite")
    yield s
    s.close()


def test_acled_csv_has_acled_columns_in_order_then_evidence(store, tmp_path):
    out = tmp_path / "events.csv"
    assert export(store, table="events", fmt="acled", out=out) == 2
    with out.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames) == ACLED_COLUMNS + FOGLINE_COLUMNS
        rows = list(reader)
    first = next(r for r in rows if r["document_id"] == "courier/2024-03-04-menaka")
    assert first["event_date"] == "2024-03-03" and first["time_precision"] == "1"
    assert (first["event_type"], first["sub_event_type"]) == ("Battles", "Armed clash")
    assert first["disorder_type"] == "Political violence"
    assert (first["country"], first["iso"], first["location"]) == ("Mali", "466", "Menaka")
    assert first["geo_precision"] == "1" and float(first["latitude"]) == pytest.approx(15.918)
    assert first["fatalities"] == "4" and first["certainty"] == "claimed"
    assert first["claim_status"] == "corroborated"  # the army's report of the same fight
    start, end = int(first["evidence_start"]), int(first["evidence_end"])
    assert TEXT_A[start:end] == first["evidence_text"]


def _check_geojson(data: dict) -> None:
    """A FeatureCollection of Point features with [lon, lat] in range and object properties."""
    assert data["type"] == "FeatureCollection" and isinstance(data["features"], list)
    for f in data["features"]:
        assert f["type"] == "Feature" and isinstance(f["properties"], dict)
        assert f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_geojson_events_and_places_are_feature_collections(store, tmp_path):
    for table, expected in (("events", 2), ("places", 4), ("claims", 3)):
        out = tmp_path / f"{table}.geojson"
        assert export(store, table=table, fmt="geojson", out=out) == expected
        data = json.loads(out.read_text(encoding="utf-8"))
        _check_geojson(data)
    events = json.loads((tmp_path / "events.geojson").read_text())["features"]
    props = events[0]["properties"]
    assert {"type", "date", "actor", "certainty", "text", "start", "end", "document_id"} <= set(
        props
    )


def test_parquet_writes_typed_columns_one_file_per_table(store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa

    total = export(store, table="all", fmt="parquet", out=tmp_path / "pq")
    files = sorted(p.name for p in (tmp_path / "pq").iterdir())
    assert files == [f"{t}.parquet" for t in sorted(
        ["documents", "quotes", "claims", "events", "places", "propositions"])]  # fmt: skip
    events = pq.read_table(tmp_path / "pq" / "events.parquet")
    assert events.num_rows == 2 and total >= 2
    assert events.schema.field("fatalities").type == pa.int64()
    assert events.schema.field("lat").type == pa.float64()
    quotes = pq.read_table(tmp_path / "pq" / "quotes.parquet")
    assert quotes.schema.field("direct").type == pa.bool_()
    assert quotes.column("text").to_pylist() == ["We control the whole town"]


def test_plover_records_follow_the_gold_record_shape(store, tmp_path):
    out = tmp_path / "events.json"
    export(store, table="events", fmt="plover", out=out)
    records = json.loads(out.read_text(encoding="utf-8"))
    first = next(r for r in records if r["document_id"] == "courier/2024-03-04-menaka")
    assert first["event"] == "FIGHT" and first["date"] == "2024-03-03"
    assert first["source"] == [{"actorText": "Azawad coalition"}]
    assert first["target"] == [{"actorText": "soldiers"}]
    assert first["eventLoc"] == {"name": "Menaka", "country code": "ML"}
    assert first["dead"] == 4 and first["text"] == analyses()[0].events[0].text


def test_plain_csv_and_json_of_claims(store, tmp_path):
    export(store, table="claims", fmt="csv", out=tmp_path / "claims.csv")
    with (tmp_path / "claims.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted(r["stance"] for r in rows) == ["asserts", "asserts", "denies"]
    export(store, table="claims", fmt="json", out=tmp_path / "claims.json")
    assert len(json.loads((tmp_path / "claims.json").read_text())) == 3


@pytest.mark.parametrize(
    ("table", "fmt"),
    [("quotes", "acled"), ("claims", "plover"), ("quotes", "geojson"), ("all", "acled"),
     ("events", "xml"), ("people", "json")],
)  # fmt: skip
def test_formats_that_do_not_fit_the_table_are_refused(store, tmp_path, table, fmt):
    with pytest.raises(ValueError):
        export(store, table=table, fmt=fmt, out=tmp_path / "x")


def test_export_command_writes_and_reports(store, tmp_path):
    from fogline.cli import app

    out = tmp_path / "e.csv"
    db = store.url
    result = CliRunner().invoke(
        app, ["export", "--db", db, "--format", "acled", "--table", "events", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "wrote 2 events records" in result.output and out.exists()

"""The Dask runner: partitions, shards on a LocalCluster, and loading them into the store."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("dask")
pytest.importorskip("distributed")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from fogline.distributed import plan_partitions, read_partition, run_dask  # noqa: E402
from fogline.errors import FoglineError, IngestError  # noqa: E402
from fogline.shards import iter_shard_analyses, load_shards  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def generated(count: int, seed: int) -> list[dict]:
    """Synthetic reports from benchmarks/generate.py (real places, invented events)."""
    spec = importlib.util.spec_from_file_location(
        "fogline_generate", REPO / "benchmarks" / "generate.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return list(module.generate(count, seed=seed))


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def ids_of(parts) -> list[str]:
    return [d.id for p in parts for d in read_partition(p) if not isinstance(d, IngestError)]


def test_jsonl_partitions_cover_every_line_exactly_once(tmp_path):
    records = [{"id": f"a{i}", "text": "Rebels shelled Gao. " * (1 + i % 7)} for i in range(23)]
    path = write_jsonl(tmp_path / "news.jsonl", records)
    parts = plan_partitions([str(path)], min_partitions=7)
    assert len(parts) >= 7
    assert ids_of(parts) == [r["id"] for r in records]


def test_bad_jsonl_line_is_an_error_in_its_place(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(
        '{"id": "a", "text": "Troops entered Goma."}\n{oops\n{"id": "b", "text": "x y"}\n'
    )
    docs = [d for p in plan_partitions([str(path)]) for d in read_partition(p)]
    assert [type(d).__name__ for d in docs] == ["RawDocument", "IngestError", "RawDocument"]
    assert "invalid JSON" in docs[1].reason


def test_parquet_partitions_split_row_groups_and_read_dates(tmp_path):
    import datetime as dt

    rows = {
        "id": [f"p{i}" for i in range(12)],
        "text": [f"Fighting was reported near Kismayo on day {i}." for i in range(12)],
        "published": [dt.date(2024, 3, 1 + i) for i in range(12)],
        "source": ["Crisis Wire"] * 12,
    }
    path = tmp_path / "news.parquet"
    pq.write_table(pa.table(rows), path, row_group_size=5)
    parts = plan_partitions([str(tmp_path)], min_partitions=6)
    assert {p.row_group for p in parts} == {0, 1, 2}
    assert ids_of(parts) == rows["id"]
    first = next(read_partition(parts[0]))
    assert first.published == "2024-03-01" and first.source == "Crisis Wire"


def test_plan_refuses_other_formats(tmp_path):
    (tmp_path / "a.txt").write_text("Rebels seized Kidal.")
    with pytest.raises(FoglineError, match="not JSONL or Parquet"):
        plan_partitions([str(tmp_path / "a.txt")])


def test_load_refuses_a_folder_that_is_not_shards(tmp_path, fresh_store):
    with pytest.raises(FoglineError, match="manifest.json"):
        load_shards(str(tmp_path), fresh_store)


@pytest.fixture(scope="module")
def dask_run(tmp_path_factory):
    """Six generated reports, half as JSONL and half as Parquet, analysed on a LocalCluster."""
    folder = tmp_path_factory.mktemp("dask")
    records = generated(6, seed=11)
    (folder / "in").mkdir()
    write_jsonl(folder / "in" / "a.jsonl", records[:3])
    pq.write_table(pa.Table.from_pylist(records[3:]), folder / "in" / "b.parquet")
    out = folder / "shards"
    report = run_dask([str(folder / "in")], str(out), scheduler="local", n_workers=2)
    return records, out, report


def _without_timings(analysis) -> dict:
    data = analysis.as_dict()
    data.pop("timings")
    return data


@pytest.mark.slow
def test_dask_run_gives_the_same_analyses_as_the_local_path(dask_run, analyzer, tmp_path):
    from fogline.ingest.readers import read_paths

    records, out, report = dask_run
    assert report.documents == 6 and not report.errors
    assert report.partitions >= 2
    local = analyzer.analyze_many(read_paths([write_jsonl(tmp_path / "all.jsonl", records)]))
    expected = {a.document.id: _without_timings(a) for a in local}
    got = {a.document.id: _without_timings(a) for a in iter_shard_analyses(str(out))}
    assert got.keys() == expected.keys()
    for doc_id, analysis in expected.items():
        assert got[doc_id] == analysis, doc_id
    assert any(a["claims"] for a in got.values())


@pytest.mark.slow
def test_shards_hold_record_tables_with_spans_into_the_text(dask_run):
    _, out, _ = dask_run
    manifest = json.loads((out / "manifest.json").read_text())
    documents = pq.read_table(out / "documents").to_pylist()
    quotes = pq.read_table(out / "quotes").to_pylist()
    assert manifest["tables"]["quotes"]["rows"] == len(quotes) > 0
    texts = {d["id"]: d["text"] for d in documents}
    for q in quotes:
        assert texts[q["document_id"]][q["start"] : q["end"]] == q["text"]


@pytest.mark.slow
def test_load_saves_the_shards_and_reconciles(dask_run, fresh_store):
    from fogline.reconcile import reconcile

    _, out, _ = dask_run
    report = load_shards(str(out), fresh_store, batch_size=4)
    assert (report.added, report.unchanged) == (6, 0)
    assert reconcile(fresh_store).reports == fresh_store.counts()["claims"] > 0
    again = load_shards(str(out), fresh_store)
    assert (again.added, again.unchanged) == (0, 6)
    assert fresh_store.counts()["documents"] == 6


@pytest.mark.slow
def test_cli_rerun_skips_finished_partitions_and_load_reports(dask_run, tmp_path):
    from typer.testing import CliRunner

    from fogline.cli import app

    _, out, report = dask_run
    runner = CliRunner()
    rerun = runner.invoke(
        app, ["run", "--dask", "local", str(out.parent / "in"), "--out", str(out), "--workers", "1"]
    )
    assert rerun.exit_code == 0, rerun.output
    assert f"({report.partitions} done before)" in rerun.output
    loaded = runner.invoke(app, ["load", str(out), "--db", str(tmp_path / "f.sqlite")])
    assert loaded.exit_code == 0, loaded.output
    assert "6 documents added" in loaded.output


@pytest.mark.slow
def test_changed_inputs_get_a_new_plan_and_stale_shards_go(tmp_path):
    records = generated(3, seed=12)
    path = write_jsonl(tmp_path / "news.jsonl", records[:2])
    out = tmp_path / "shards"
    first = run_dask([str(path)], str(out), scheduler="local", n_workers=1, partitions=3)
    write_jsonl(path, records)
    second = run_dask([str(path)], str(out), scheduler="local", n_workers=1, partitions=1)
    assert (first.documents, second.documents, second.resumed) == (2, 3, 0)
    assert [p.name for p in (out / "documents").iterdir()] == ["part-00000.parquet"]
    assert [a.document.id for a in iter_shard_analyses(str(out))] == [r["id"] for r in records]

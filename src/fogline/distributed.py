"""Analysis on a Dask cluster: partitions of JSONL or Parquet inputs → Parquet shards → a store.

:func:`run_dask` cuts the inputs into partitions (byte ranges of JSONL files, row ranges of
Parquet row groups), maps :func:`analyze_partition` over them with ``dask.bag`` on a
``distributed`` cluster, and each worker writes its partition's shards straight to ``out``::

    out/manifest.json                  what was run, partitions, row counts, per-document errors
    out/documents/part-00000.parquet   one row per document, the whole Analysis as JSON
    out/{quotes,claims,events,places,times,actors,paragraphs}/part-00000.parquet

The record shards have the columns of the store's record tables, for DuckDB, pandas or Spark.
:func:`load_shards` rebuilds the analyses from the documents shards into a :class:`Store`.
Paths may be local (shared by every worker) or URIs pyarrow opens (``s3://``, ``gs://``,
``hdfs://``). A rerun into the same ``out`` skips partitions finished before.

Example:
    >>> report = run_dask(["news.jsonl"], "shards/", scheduler="local")  # doctest: +SKIP
    >>> load_shards("shards/", Store.open("fogline.sqlite"))  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from fogline.errors import FoglineError, IngestError
from fogline.ingest.readers import DocumentMeta, RawDocument, _from_record
from fogline.model import Analysis
from fogline.pipeline import Analyzer

LOGGER = logging.getLogger(__name__)

MANIFEST = "manifest.json"
FORMAT = "fogline-shards"
FORMAT_VERSION = 1
TABLES = ("documents", "paragraphs", "actors", "quotes", "claims", "events", "places", "times")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")
PARQUET_COLUMNS = ("id", "text", "html", "published", "source", "title", "url", "author")
MAX_PARTITION_BYTES = 8 * 1024 * 1024
MAX_PARTITION_ROWS = 4000
ROW_GROUP = 256  # analyses per Parquet row group written by a worker (bounds its memory)
_DONE = "_partitions"

_ANALYZER: Analyzer | None = None


@dataclass(frozen=True, slots=True)
class Partition:
    """A slice of one input: bytes [start, stop) of a JSONL file or rows of a row group."""

    index: int
    path: str
    kind: str  # "jsonl" | "parquet"
    start: int
    stop: int
    row_group: int = -1


@dataclass(slots=True)
class RunReport:
    """What :func:`run_dask` did."""

    out: str
    partitions: int = 0
    resumed: int = 0
    documents: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0


@dataclass(slots=True)
class LoadReport:
    """What :func:`load_shards` did."""

    files: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0


# -- file systems ---------------------------------------------------------------------------


def _fs(location: str) -> tuple[Any, str]:
    """(pyarrow FileSystem, path) for a local path or a URI such as s3://bucket/prefix."""
    from pathlib import Path

    from pyarrow import fs

    if "://" in location:
        return fs.FileSystem.from_uri(location)
    return fs.LocalFileSystem(), str(Path(location).expanduser().resolve())


def _join(root: str, *parts: str) -> str:
    return "/".join([root.rstrip("/"), *parts])


def _input_files(inputs: Iterable[str]) -> list[tuple[str, str]]:
    """(location, kind) of every JSONL/Parquet file named or found (sorted) in a directory."""
    from pyarrow import fs as pafs

    found: list[tuple[str, str]] = []
    for location in inputs:
        filesystem, path = _fs(str(location))
        info = filesystem.get_file_info(path)
        if info.type == pafs.FileType.Directory:
            selector = pafs.FileSelector(path, recursive=True)
            names = sorted(
                i.path for i in filesystem.get_file_info(selector) if i.type == pafs.FileType.File
            )
            names = [n for n in names if _kind(n) and "/." not in n[len(path) :]]
        elif info.type == pafs.FileType.File:
            names = [path]
            if not _kind(path):
                raise FoglineError(f"{location}: not JSONL or Parquet (.jsonl, .parquet)")
        else:
            raise FoglineError(f"{location}: no such file or directory")
        prefix = str(location).split("://")[0] + "://" if "://" in str(location) else ""
        found.extend((prefix + n, _kind(n) or "") for n in names)
    return found


def _kind(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(PARQUET_SUFFIXES):
        return "parquet"
    return None


# -- partitions -----------------------------------------------------------------------------


def plan_partitions(inputs: Iterable[str], *, min_partitions: int = 1) -> list[Partition]:
    """Cut the inputs into partitions: at least ``min_partitions`` when the input allows.

    JSONL files are cut at byte offsets (a line belongs to the partition its first byte is in);
    Parquet files by row group, large row groups into row ranges.
    """
    import pyarrow.parquet as pq

    files = _input_files(inputs)
    sizes: list[int] = []
    for location, kind in files:
        filesystem, path = _fs(location)
        if kind == "jsonl":
            sizes.append(filesystem.get_file_info(path).size or 0)
        else:
            with filesystem.open_input_file(path) as fh:
                sizes.append(pq.ParquetFile(fh).metadata.num_rows)
    jsonl_total = sum(s for (_, k), s in zip(files, sizes, strict=True) if k == "jsonl")
    rows_total = sum(s for (_, k), s in zip(files, sizes, strict=True) if k == "parquet")
    want = max(1, min_partitions)
    block = min(MAX_PARTITION_BYTES, max(1, -(-jsonl_total // want)))
    rows = min(MAX_PARTITION_ROWS, max(1, -(-rows_total // want)))
    parts: list[Partition] = []
    for (location, kind), size in zip(files, sizes, strict=True):
        if kind == "jsonl":
            for start in range(0, size, block):
                parts.append(Partition(len(parts), location, kind, start, min(size, start + block)))
            continue
        filesystem, path = _fs(location)
        with filesystem.open_input_file(path) as fh:
            meta = pq.ParquetFile(fh).metadata
        for group in range(meta.num_row_groups):
            n = meta.row_group(group).num_rows
            for start in range(0, n, rows):
                parts.append(
                    Partition(len(parts), location, kind, start, min(n, start + rows), group)
                )
    return parts


def read_partition(
    part: Partition, meta: DocumentMeta | None = None
) -> Iterator[RawDocument | IngestError]:
    """The documents of one partition, as :func:`fogline.ingest.readers.read_paths` reads them."""
    meta = meta or DocumentMeta()
    filesystem, path = _fs(part.path)
    if part.kind == "jsonl":
        with filesystem.open_input_file(path) as fh:
            yield from _jsonl_range(fh, part, meta)
        return
    import pyarrow.parquet as pq

    with filesystem.open_input_file(path) as fh:
        pfile = pq.ParquetFile(fh)
        columns = [c for c in PARQUET_COLUMNS if c in pfile.schema_arrow.names]
        table = pfile.read_row_group(part.row_group, columns=columns)
    for offset, record in enumerate(table.slice(part.start, part.stop - part.start).to_pylist()):
        where = f"{part.path}#rg{part.row_group}:{part.start + offset}"
        record = {k: v.isoformat()[:10] if isinstance(v, dt.date) else v for k, v in record.items()}
        try:
            yield _from_record(record, where, meta)
        except IngestError as exc:
            yield exc


def _jsonl_range(
    fh: Any, part: Partition, meta: DocumentMeta
) -> Iterator[RawDocument | IngestError]:
    lines = _lines_from(fh, max(0, part.start - 1))
    if part.start > 0:  # skip the line that began in the previous partition
        next(lines, None)
    for pos, line in lines:
        if pos >= part.stop:
            return
        if not line.strip():
            continue
        where = f"{part.path}@{pos}"
        try:
            record = json.loads(line.decode("utf-8-sig" if pos == 0 else "utf-8"))
            yield _from_record(record, where, meta)
        except IngestError as exc:
            yield exc
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            yield IngestError(where, f"invalid JSON line: {exc}")


def _lines_from(fh: Any, offset: int, block: int = 1 << 16) -> Iterator[tuple[int, bytes]]:
    """(offset, line) of a binary file from ``offset`` on, read in blocks (pyarrow streams)."""
    fh.seek(offset)
    buffer = b""
    while True:
        chunk = fh.read(block)
        buffer += chunk
        start = 0
        while (end := buffer.find(b"\n", start)) >= 0:
            yield offset + start, buffer[start : end + 1]
            start = end + 1
        offset += start
        buffer = buffer[start:]
        if not chunk:
            if buffer:
                yield offset, buffer
            return


# -- the per-partition task -----------------------------------------------------------------


def worker_analyzer() -> Analyzer:
    """The Analyzer of this process, loaded on first use and kept for every later partition."""
    global _ANALYZER
    if _ANALYZER is None:
        _ANALYZER = Analyzer()
        _ANALYZER.nlp  # noqa: B018 - load the pipeline now, not inside the first batch
    return _ANALYZER


def analyze_partition(part: Partition, *, out: str, meta: DocumentMeta | None = None) -> dict:
    """Analyse one partition and write its shards under ``out``; returns its summary.

    Shards are written under temporary names and renamed when complete; the summary is
    written last (``out/_partitions/part-N.json``), so a partition either counts as done
    with all its shards or is redone.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    from fogline.store.rows import record_rows

    started = time.perf_counter()
    filesystem, root = _fs(out)
    name = f"part-{part.index:05d}.parquet"
    schemas = shard_schemas()
    writers: dict[str, Any] = {}
    buffers: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    counts = dict.fromkeys(TABLES, 0)
    errors: list[dict[str, str]] = []

    def flush() -> None:
        for table, rows in buffers.items():
            if table not in writers:
                filesystem.create_dir(_join(root, table), recursive=True)
                sink = filesystem.open_output_stream(_join(root, table, name + ".tmp"))
                writers[table] = (pq.ParquetWriter(sink, schemas[table]), sink)
            if rows:
                writers[table][0].write_table(pa.Table.from_pylist(rows, schema=schemas[table]))
                counts[table] += len(rows)
                rows.clear()

    pending = 0
    for result in worker_analyzer().analyze_many(read_partition(part, meta)):
        if isinstance(result, IngestError):
            errors.append({"origin": result.source, "reason": result.reason})
            continue
        if not isinstance(result, Analysis):
            continue
        buffers["documents"].append(_document_row(result))
        for table, rows in record_rows(result).items():
            buffers[table].extend(rows)
        pending += 1
        if pending >= ROW_GROUP:
            flush()
            pending = 0
    flush()
    for table, (writer, sink) in writers.items():
        writer.close()
        sink.close()
        filesystem.move(_join(root, table, name + ".tmp"), _join(root, table, name))
    summary = {
        "partition": dataclasses.asdict(part),
        "file": name,
        "documents": counts["documents"],
        "rows": counts,
        "errors": errors,
        "seconds": round(time.perf_counter() - started, 3),
    }
    filesystem.create_dir(_join(root, _DONE), recursive=True)
    with filesystem.open_output_stream(_join(root, _DONE, f"part-{part.index:05d}.json")) as fh:
        fh.write(json.dumps(summary).encode())
    return summary


def _document_row(analysis: Analysis) -> dict[str, Any]:
    d = analysis.document
    return {
        "id": d.id,
        "content_hash": d.content_hash,
        "title": d.title,
        "published": d.published,
        "source": d.source,
        "language": d.language,
        "url": d.url,
        "text": d.text,
        "analysis": analysis.to_json(),
    }


def shard_schemas() -> dict[str, Any]:
    """pyarrow schemas of the shards: the columns and types of the store's tables."""
    import pyarrow as pa
    from sqlalchemy import Boolean, Float, Integer

    from fogline.store import schema

    def arrow(column: Any) -> Any:
        if isinstance(column.type, Boolean):
            return pa.bool_()
        if isinstance(column.type, Integer):
            return pa.int64()
        if isinstance(column.type, Float):
            return pa.float64()
        return pa.string()

    tables = {"documents": schema.documents, **schema.RECORD_TABLES}
    return {
        name: pa.schema(
            [(c.name, arrow(c)) for c in tables[name].columns if c.name != "ingested_at"]
        )
        for name in TABLES
    }


# -- the run --------------------------------------------------------------------------------


@contextlib.contextmanager
def dask_client(scheduler: str, *, n_workers: int = 2) -> Iterator[Any]:
    """A ``distributed.Client``: on a LocalCluster of processes for "local", else connected."""
    from distributed import Client, LocalCluster

    if not logging.getLogger().isEnabledFor(logging.DEBUG):  # the scheduler's chatter: -v only
        logging.getLogger("distributed").setLevel(logging.WARNING)
    if scheduler == "local":
        with (
            LocalCluster(
                n_workers=n_workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.WARNING,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
    else:
        with Client(scheduler) as client:
            yield client


def run_dask(
    inputs: Iterable[str],
    out: str,
    *,
    scheduler: str = "local",
    n_workers: int = 2,
    meta: DocumentMeta | None = None,
    partitions_per_worker: int = 4,
) -> RunReport:
    """Analyse JSONL/Parquet ``inputs`` on a Dask cluster into Parquet shards under ``out``.

    Args:
        scheduler: a scheduler address (tcp://host:8786) or "local" for a LocalCluster.
        n_workers: worker processes of the LocalCluster (ignored for an address).
        meta: publication date / outlet for documents that lack them.
    """
    import dask.bag as db

    started = time.perf_counter()
    inputs = list(inputs)
    filesystem, root = _fs(out)
    filesystem.create_dir(root, recursive=True)
    report = RunReport(out=out)
    with dask_client(scheduler, n_workers=n_workers) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        parts = _plan(filesystem, root, inputs, meta, partitions_per_worker * workers)
        done = {p.index: s for p in parts if (s := _finished(filesystem, root, p)) is not None}
        todo = [p for p in parts if p.index not in done]
        LOGGER.info("%d partitions (%d done before) on %d workers", len(parts), len(done), workers)
        if todo:
            bag = db.from_sequence(todo, npartitions=len(todo))
            for summary in bag.map(analyze_partition, out=out, meta=meta).compute(scheduler=client):
                done[summary["partition"]["index"]] = summary
    summaries = [done[p.index] for p in parts]
    report.partitions, report.resumed = len(parts), len(parts) - len(todo)
    report.documents = sum(s["documents"] for s in summaries)
    report.errors = [e for s in summaries for e in s["errors"]]
    report.seconds = time.perf_counter() - started
    _write_manifest(filesystem, root, inputs, summaries, report, scheduler)
    return report


def _plan(
    filesystem: Any, root: str, inputs: list[str], meta: DocumentMeta | None, minimum: int
) -> list[Partition]:
    """The partitions of an earlier run on the same inputs (to resume it), or a new plan.

    A new plan removes the shards and partition summaries an earlier plan left in ``out``.
    """
    from pyarrow import fs as pafs

    fingerprint = {
        "files": [
            [location, info.size, info.mtime_ns]
            for location, _ in _input_files(inputs)
            for info in [_fs(location)[0].get_file_info(_fs(location)[1])]
        ],
        "meta": dataclasses.asdict(meta or DocumentMeta()),
    }
    plan_path = _join(root, _DONE, "plan.json")
    try:
        with filesystem.open_input_stream(plan_path) as fh:
            earlier = json.loads(fh.read())
        if earlier.get("inputs") == fingerprint:
            return [Partition(**p) for p in earlier["partitions"]]
    except (FileNotFoundError, OSError, ValueError, TypeError):
        pass
    for folder in (*TABLES, _DONE):
        selector = pafs.FileSelector(_join(root, folder), allow_not_found=True)
        for info in filesystem.get_file_info(selector):
            if info.base_name.startswith("part-"):
                filesystem.delete_file(info.path)
    parts = plan_partitions(inputs, min_partitions=minimum)
    filesystem.create_dir(_join(root, _DONE), recursive=True)
    plan = {"inputs": fingerprint, "partitions": [dataclasses.asdict(p) for p in parts]}
    with filesystem.open_output_stream(plan_path) as fh:
        fh.write(json.dumps(plan).encode())
    return parts


def _finished(filesystem: Any, root: str, part: Partition) -> dict | None:
    """The summary of a partition finished by an earlier run of the same plan, or None."""
    path = _join(root, _DONE, f"part-{part.index:05d}.json")
    try:
        with filesystem.open_input_stream(path) as fh:
            summary = json.loads(fh.read())
    except (FileNotFoundError, OSError, ValueError):
        return None
    return summary if summary.get("partition") == dataclasses.asdict(part) else None


def _write_manifest(
    filesystem: Any,
    root: str,
    inputs: list[str],
    summaries: list[dict],
    report: RunReport,
    scheduler: str,
) -> None:
    from fogline import __version__

    manifest = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "fogline": __version__,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "scheduler": scheduler,
        "inputs": [str(i) for i in inputs],
        "documents": report.documents,
        "errors": report.errors,
        "seconds": round(report.seconds, 3),
        "tables": {
            t: {
                "files": [f"{t}/{s['file']}" for s in summaries if s["rows"].get(t) is not None],
                "rows": sum(s["rows"].get(t, 0) for s in summaries),
            }
            for t in TABLES
        },
        "partitions": summaries,
    }
    with filesystem.open_output_stream(_join(root, MANIFEST)) as fh:
        fh.write(json.dumps(manifest, indent=1).encode())


# -- loading --------------------------------------------------------------------------------


def read_manifest(directory: str) -> dict:
    """The manifest of a shard directory. Raises FoglineError when it is not one."""
    filesystem, root = _fs(directory)
    try:
        with filesystem.open_input_stream(_join(root, MANIFEST)) as fh:
            manifest = json.loads(fh.read())
    except (FileNotFoundError, OSError) as exc:
        raise FoglineError(
            f"{directory}: no {MANIFEST}; is it the --out of a finished `fogline run`?"
        ) from exc
    if manifest.get("format") != FORMAT or manifest.get("version", 0) > FORMAT_VERSION:
        raise FoglineError(f"{directory}: {MANIFEST} is not fogline shards version 1")
    return manifest


def iter_shard_analyses(directory: str, *, batch_size: int = 200) -> Iterator[Analysis]:
    """Every analysis of a shard directory, rebuilt from the documents shards, in order."""
    import pyarrow.parquet as pq

    filesystem, root = _fs(directory)
    for name in read_manifest(directory)["tables"]["documents"]["files"]:
        with filesystem.open_input_file(_join(root, name)) as fh:
            for batch in pq.ParquetFile(fh).iter_batches(batch_size, columns=["analysis"]):
                for value in batch.column(0).to_pylist():
                    yield Analysis.from_json(value)


def load_shards(directory: str, store: Any, *, batch_size: int = 200) -> LoadReport:
    """Save every analysis of a shard directory into ``store``, one transaction per batch.

    Idempotent: documents stored before (same cleaned text) are counted as unchanged.
    """
    report = LoadReport(files=len(read_manifest(directory)["tables"]["documents"]["files"]))
    batch: list[Analysis] = []
    for analysis in iter_shard_analyses(directory, batch_size=batch_size):
        batch.append(analysis)
        if len(batch) >= batch_size:
            _add(report, store.save(batch))
            batch = []
    if batch:
        _add(report, store.save(batch))
    return report


def _add(report: LoadReport, saved: Any) -> None:
    report.added += saved.added
    report.replaced += saved.replaced
    report.unchanged += saved.unchanged

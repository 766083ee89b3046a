"""Analysis on a Dask cluster: partitions of JSONL or Parquet inputs → Parquet shards.

:func:`run_dask` cuts the inputs into partitions (byte ranges of JSONL files, row ranges of
Parquet row groups), maps :func:`analyze_partition` over them with ``dask.bag`` on a
``distributed`` cluster, and each worker writes its partition's shards straight to ``out``
(the layout is :mod:`fogline.shards`; :func:`fogline.shards.load_shards` puts them in a store).
Paths may be local (shared by every worker) or URIs pyarrow opens (``s3://``, ``gs://``,
``hdfs://``). A rerun on the same inputs into the same ``out`` skips finished partitions.

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

from fogline.budget import TimeBudget
from fogline.errors import FoglineError, IngestError
from fogline.ingest.readers import DocumentMeta, RawDocument, record_to_document
from fogline.model import Analysis
from fogline.pipeline import Analyzer
from fogline.shards import TABLES, ShardWriter, filesystem_of, join_path, write_manifest

LOGGER = logging.getLogger(__name__)

JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")
PARQUET_COLUMNS = ("id", "text", "html", "published", "source", "title", "url", "author")
MAX_PARTITION_BYTES = 8 * 1024 * 1024
MAX_PARTITION_ROWS = 4000
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


# -- inputs -----------------------------------------------------------------------------------


def _input_files(inputs: Iterable[str]) -> list[tuple[str, str]]:
    """(location, kind) of every JSONL/Parquet file named or found (sorted) in a directory."""
    from pyarrow import fs as pafs

    found: list[tuple[str, str]] = []
    for location in inputs:
        filesystem, path = filesystem_of(str(location))
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
        filesystem, path = filesystem_of(location)
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
        filesystem, path = filesystem_of(location)
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
    filesystem, path = filesystem_of(part.path)
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
            yield record_to_document(record, where, meta)
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
            yield record_to_document(record, where, meta)
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


def analyze_partition(
    part: Partition,
    *,
    out: str,
    meta: DocumentMeta | None = None,
    time_budget: TimeBudget | None | str = "env",
) -> dict:
    """Analyse one partition and write its shards under ``out``; returns its summary.

    ``time_budget`` is each document's (see :class:`~fogline.budget.TimeBudget`; "env": the
    worker's ``FOGLINE_TIME_BUDGET``); a document over it is a per-document error.

    The summary is written last (``out/_partitions/part-N.json``), after every shard file is
    complete, so a partition either counts as done with all its shards or is redone.
    """
    started = time.perf_counter()
    writer = ShardWriter(out, f"part-{part.index:05d}.parquet")
    errors: list[dict[str, str]] = []
    analyzer = worker_analyzer()
    if time_budget != "env":
        analyzer.time_budget = time_budget  # type: ignore[assignment]
    for result in analyzer.analyze_many(read_partition(part, meta)):
        if isinstance(result, IngestError):
            errors.append({"origin": result.source, "reason": result.reason})
        elif isinstance(result, Analysis):
            writer.add(result)
    counts = writer.close()
    summary = {
        "partition": dataclasses.asdict(part),
        "file": writer.name,
        "documents": counts["documents"],
        "rows": counts,
        "errors": errors,
        "seconds": round(time.perf_counter() - started, 3),
    }
    filesystem, root = filesystem_of(out)
    filesystem.create_dir(join_path(root, _DONE), recursive=True)
    with filesystem.open_output_stream(join_path(root, _DONE, f"part-{part.index:05d}.json")) as fh:
        fh.write(json.dumps(summary).encode())
    return summary


# -- the run --------------------------------------------------------------------------------


@contextlib.contextmanager
def dask_client(scheduler: str, *, n_workers: int = 2) -> Iterator[Any]:
    """A ``distributed.Client``: a LocalCluster of processes for "local", else connected to
    a scheduler address (tcp://host:8786) or a scheduler file (``*.json``)."""
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
    elif scheduler.endswith(".json"):  # a scheduler file (dask scheduler --scheduler-file)
        with Client(scheduler_file=scheduler) as client:
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
    partitions: int | None = None,
    time_budget: TimeBudget | None | str = "env",
) -> RunReport:
    """Analyse JSONL/Parquet ``inputs`` on a Dask cluster into Parquet shards under ``out``.

    Args:
        scheduler: an address (tcp://host:8786), a scheduler file (.json), or "local".
        n_workers: worker processes of the LocalCluster (ignored for an address).
        meta: publication date / outlet for documents that lack them.
        partitions: at least this many partitions (default: 4 per connected worker), for
            clusters whose workers connect after the run starts.
        time_budget: seconds each document may take (None: no limit; "env": read
            ``FOGLINE_TIME_BUDGET`` here, on the client, and send it to the workers).
    """
    import dask.bag as db

    started = time.perf_counter()
    if time_budget == "env":
        time_budget = TimeBudget.from_env()
    inputs = list(inputs)
    filesystem, root = filesystem_of(out)
    filesystem.create_dir(root, recursive=True)
    report = RunReport(out=out)
    with dask_client(scheduler, n_workers=n_workers) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        parts = _plan(filesystem, root, inputs, meta, partitions or 4 * workers)
        done = {p.index: s for p in parts if (s := _finished(filesystem, root, p)) is not None}
        todo = [p for p in parts if p.index not in done]
        LOGGER.info("%d partitions (%d done before) on %d workers", len(parts), len(done), workers)
        if todo:
            bag = db.from_sequence(todo, npartitions=len(todo))
            for summary in bag.map(
                analyze_partition, out=out, meta=meta, time_budget=time_budget
            ).compute(scheduler=client):
                done[summary["partition"]["index"]] = summary
    summaries = [done[p.index] for p in parts]
    report.partitions, report.resumed = len(parts), len(parts) - len(todo)
    report.documents = sum(s["documents"] for s in summaries)
    report.errors = [e for s in summaries for e in s["errors"]]
    report.seconds = time.perf_counter() - started
    _write_manifest(out, inputs, summaries, report, scheduler)
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
            for info in [filesystem_of(location)[0].get_file_info(filesystem_of(location)[1])]
        ],
        "meta": dataclasses.asdict(meta or DocumentMeta()),
    }
    plan_path = join_path(root, _DONE, "plan.json")
    try:
        with filesystem.open_input_stream(plan_path) as fh:
            earlier = json.loads(fh.read())
        if earlier.get("inputs") == fingerprint:
            return [Partition(**p) for p in earlier["partitions"]]
    except (FileNotFoundError, OSError, ValueError, TypeError):
        pass
    for folder in (*TABLES, _DONE):
        selector = pafs.FileSelector(join_path(root, folder), allow_not_found=True)
        for info in filesystem.get_file_info(selector):
            if info.base_name.startswith("part-"):
                filesystem.delete_file(info.path)
    parts = plan_partitions(inputs, min_partitions=minimum)
    filesystem.create_dir(join_path(root, _DONE), recursive=True)
    plan = {"inputs": fingerprint, "partitions": [dataclasses.asdict(p) for p in parts]}
    with filesystem.open_output_stream(plan_path) as fh:
        fh.write(json.dumps(plan).encode())
    return parts


def _finished(filesystem: Any, root: str, part: Partition) -> dict | None:
    """The summary of a partition finished by an earlier run of the same plan, or None."""
    path = join_path(root, _DONE, f"part-{part.index:05d}.json")
    try:
        with filesystem.open_input_stream(path) as fh:
            summary = json.loads(fh.read())
    except (FileNotFoundError, OSError, ValueError):
        return None
    return summary if summary.get("partition") == dataclasses.asdict(part) else None


def _write_manifest(
    out: str, inputs: list[str], summaries: list[dict], report: RunReport, scheduler: str
) -> None:
    from fogline import __version__

    write_manifest(
        out,
        {
            "fogline": __version__,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "scheduler": scheduler,
            "inputs": [str(i) for i in inputs],
            "documents": report.documents,
            "errors": report.errors,
            "seconds": round(report.seconds, 3),
            "tables": {
                t: {
                    "files": [f"{t}/{s['file']}" for s in summaries],
                    "rows": sum(s["rows"].get(t, 0) for s in summaries),
                }
                for t in TABLES
            },
            "partitions": summaries,
        },
    )

"""fogline's Parquet shards: one folder per table, one file per partition, and a manifest.

::

    out/manifest.json                  what was run, partitions, row counts, per-document errors
    out/documents/part-00000.parquet   one row per document, the whole Analysis as JSON
    out/{quotes,claims,events,places,times,actors,paragraphs}/part-00000.parquet

The record shards have the columns and types of the store's record tables (for DuckDB, pandas,
Spark); the documents shards are the record of truth :func:`load_shards` rebuilds analyses from.
Locations are local paths or URIs pyarrow opens (``s3://``, ``gs://``, ``hdfs://``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from fogline.errors import FoglineError
from fogline.model import Analysis

MANIFEST = "manifest.json"
FORMAT = "fogline-shards"
FORMAT_VERSION = 1
TABLES = ("documents", "paragraphs", "actors", "quotes", "claims", "events", "places", "times")
ROW_GROUP = 256  # analyses per Parquet row group written (bounds a writer's memory)


@dataclass(slots=True)
class LoadReport:
    """What :func:`load_shards` did."""

    files: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    duplicates: int = 0
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def filesystem_of(location: str) -> tuple[Any, str]:
    """(pyarrow FileSystem, path) for a local path or a URI such as s3://bucket/prefix."""
    from pathlib import Path

    from pyarrow import fs

    if "://" in location:
        return fs.FileSystem.from_uri(location)
    return fs.LocalFileSystem(), str(Path(location).expanduser().resolve())


def join_path(root: str, *parts: str) -> str:
    """``root/part/...`` for local paths and URIs alike."""
    return "/".join([root.rstrip("/"), *parts])


class ShardWriter:
    """Writes one partition's shard in every table, in row groups; files appear when closed.

    Each file is written under a temporary name and renamed by :meth:`close`, so a shard
    file that exists is complete.
    """

    def __init__(self, out: str, name: str) -> None:
        self.filesystem, self.root = filesystem_of(out)
        self.name = name
        self.counts = dict.fromkeys(TABLES, 0)
        self._schemas = shard_schemas()
        self._writers: dict[str, Any] = {}
        self._buffers: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        self._pending = 0

    def add(self, analysis: Analysis) -> None:
        """Buffer the rows of one analysis; every ``ROW_GROUP`` analyses, write a row group."""
        from fogline.store.rows import record_rows

        self._buffers["documents"].append(_document_row(analysis))
        for table, rows in record_rows(analysis).items():
            self._buffers[table].extend(rows)
        self._pending += 1
        if self._pending >= ROW_GROUP:
            self._flush()

    def close(self) -> dict[str, int]:
        """Write what is buffered, close and publish every file; returns rows per table."""
        self._flush()
        for table, (writer, sink) in self._writers.items():
            writer.close()
            sink.close()
            path = join_path(self.root, table, self.name)
            self.filesystem.move(path + ".tmp", path)
        return self.counts

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        for table, rows in self._buffers.items():
            if table not in self._writers:
                self.filesystem.create_dir(join_path(self.root, table), recursive=True)
                sink = self.filesystem.open_output_stream(
                    join_path(self.root, table, self.name + ".tmp")
                )
                self._writers[table] = (pq.ParquetWriter(sink, self._schemas[table]), sink)
            if rows:
                batch = pa.Table.from_pylist(rows, schema=self._schemas[table])
                self._writers[table][0].write_table(batch)
                self.counts[table] += len(rows)
                rows.clear()
        self._pending = 0


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


def write_manifest(out: str, manifest: dict[str, Any]) -> None:
    """Write ``manifest`` (format and version added) as the shard directory's manifest."""
    filesystem, root = filesystem_of(out)
    manifest = {"format": FORMAT, "version": FORMAT_VERSION, **manifest}
    with filesystem.open_output_stream(join_path(root, MANIFEST)) as fh:
        fh.write(json.dumps(manifest, indent=1).encode())


def read_manifest(directory: str) -> dict:
    """The manifest of a shard directory. Raises FoglineError when it is not one."""
    filesystem, root = filesystem_of(directory)
    try:
        with filesystem.open_input_stream(join_path(root, MANIFEST)) as fh:
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

    filesystem, root = filesystem_of(directory)
    for name in read_manifest(directory)["tables"]["documents"]["files"]:
        with filesystem.open_input_file(join_path(root, name)) as fh:
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
    report.duplicates += saved.duplicates
    report.notes.extend(saved.notes)
    report.errors.extend(str(e) for e in saved.errors)

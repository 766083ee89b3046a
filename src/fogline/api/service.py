"""What the write routes do: read a request body into documents, analyse, store, reconcile."""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass, field
from typing import Any

from fogline.errors import IngestError
from fogline.ingest import readers
from fogline.ingest.readers import DocumentMeta, RawDocument
from fogline.model import Analysis
from fogline.pipeline import Analyzer, Skipped
from fogline.store import SaveResult, Store

LOGGER = logging.getLogger(__name__)

KINDS = ("text", "html", "jsonl", "json")
_ANALYSIS_LOCK = threading.Lock()  # the Analyzer is not thread-safe: one analysis at a time
_WRITE_LOCK = threading.Lock()  # one save + reconciliation at a time per process


@dataclass(slots=True)
class AddResult:
    """What a POST of documents did."""

    saved: SaveResult = field(default_factory=SaveResult)
    ids: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    duplicates: int = 0

    @property
    def status_code(self) -> int:
        """201 something stored; 200 everything stored already; 422 nothing stored, errors."""
        if self.saved.added or self.saved.replaced:
            return 201
        if self.saved.unchanged or self.duplicates or self.ids:
            return 200
        return 422

    def as_dict(self) -> dict[str, Any]:
        """The response body: counts per outcome, the ids now stored, errors and notes."""
        return {
            "added": self.saved.added,
            "replaced": self.saved.replaced,
            "unchanged": self.saved.unchanged,
            "duplicates": self.duplicates,
            "ids": self.ids,
            "errors": self.errors,
            "notes": self.notes,
        }


def kind_of(content_type: str) -> str:
    """The body kind from a Content-Type header (text, html, jsonl or json)."""
    mime = content_type.split(";")[0].strip().lower()
    if mime in ("text/html", "application/xhtml+xml"):
        return "html"
    if mime in ("application/x-ndjson", "application/jsonl", "application/x-jsonlines"):
        return "jsonl"
    if mime == "application/json":
        return "json"
    if mime in ("text/plain", ""):
        return "text"
    raise ValueError(f"unsupported content type {mime!r}: send text/plain, text/html, "
                     "application/x-ndjson or application/json")  # fmt: skip


def read_body(
    data: bytes, kind: str, *, meta: DocumentMeta, doc_id: str | None = None
) -> list[RawDocument | IngestError]:
    """The documents in a request body; a bad JSONL line becomes an IngestError in its place."""
    origin = "<request>"
    if kind == "json":
        try:
            value = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            return [IngestError(origin, f"invalid JSON: {exc}")]
        records = value if isinstance(value, list) else [value]
        data = b"\n".join(json.dumps(r).encode() for r in records)
        kind = "jsonl"
    kind = kind if kind in ("html", "jsonl") else "text"
    return list(readers.read_bytes(data, kind=kind, origin=origin, meta=meta, doc_id=doc_id))


def add_documents(
    store: Store, analyzer: Analyzer, docs: list[RawDocument | IngestError]
) -> AddResult:
    """Analyse and store ``docs``, then recompute the reconciliation if anything changed.

    Analysis runs outside the write lock and each document within its time budget, so a
    write waits at most for one budget of another request's analysis, never for all of it.
    """
    from fogline.reconcile import reconcile

    result = AddResult()
    analyses: list[Analysis] = []
    with _ANALYSIS_LOCK:
        for item in analyzer.analyze_many(docs):
            if isinstance(item, IngestError):
                result.errors.append(str(item))
            elif isinstance(item, Skipped):
                result.ids.append(item.document_id)
            else:
                analyses.append(item)
                result.ids.append(item.document.id)
    with _WRITE_LOCK:
        result.saved = store.save(analyses)
        if result.saved.added or result.saved.replaced:
            reconcile(store)
    result.duplicates = result.saved.duplicates
    result.notes.extend(result.saved.notes)
    result.errors.extend(str(e) for e in result.saved.errors)
    refused = {e.source for e in result.saved.errors}
    result.ids = [i for i in result.ids if i not in refused]
    LOGGER.info("added documents: %s", result.as_dict())
    return result

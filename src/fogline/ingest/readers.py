"""Readers: turn paths and streams into :class:`RawDocument` records (STUB, to be replaced)."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from fogline.errors import IngestError


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A document as read, before cleaning. Exactly one of ``text``/``html`` is set."""

    id: str
    origin: str  # file path, "path:line" for JSONL, or "<stdin>"
    text: str | None = None
    html: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """Metadata given on the command line; it fills what the document itself lacks."""

    published: str | None = None
    source: str | None = None
    title: str | None = None


def read_paths(
    paths: Iterable[str | Path], *, meta: DocumentMeta | None = None
) -> Iterator[RawDocument | IngestError]:
    """Yield one RawDocument (or IngestError) per document found under ``paths``; "-" is stdin."""
    meta = meta or DocumentMeta()
    for p in paths:
        if str(p) == "-":
            text = sys.stdin.read()
            yield _with_meta(RawDocument(id=_hash_id(text), origin="<stdin>", text=text), meta)
            continue
        path = Path(p)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            yield IngestError(str(path), str(exc))
            continue
        yield _with_meta(RawDocument(id=path.stem, origin=str(path), text=text), meta)


def _with_meta(doc: RawDocument, meta: DocumentMeta) -> RawDocument:
    return replace(
        doc,
        published=doc.published or meta.published,
        source=doc.source or meta.source,
        title=doc.title or meta.title,
    )


def _hash_id(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:12]

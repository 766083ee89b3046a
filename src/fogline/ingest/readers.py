"""Readers: turn paths and streams into :class:`RawDocument` records.

``read_paths`` streams lazily: ``.txt`` and other text files, ``.html``/``.htm`` pages,
``.jsonl`` files (one document a line), directories (recursive, sorted, hidden files
skipped) and ``-`` for stdin. A document that cannot be read comes out as an
:class:`~fogline.errors.IngestError` in its place, and the rest of the batch goes on.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from fogline.errors import IngestError
from fogline.ingest.encoding import (
    decode_bytes,
)
from fogline.model import MAX_ID_CHARS, MAX_SOURCE_CHARS

LOGGER = logging.getLogger(__name__)

MAX_BYTES = 16 * 1024 * 1024
"""Largest HTML page, JSONL line or stdin input read; larger ones are refused unread."""

MAX_TEXT_CHARS = 300_000
"""Most characters of text analysed per document (about 50,000 words, several times the
longest news feature); ``pipeline.MAX_CHARS`` enforces it after cleaning."""

MAX_TEXT_BYTES = 4 * MAX_TEXT_CHARS
"""Largest plain-text file read: over this many bytes it has more than MAX_TEXT_CHARS
characters in any encoding (UTF-8 and UTF-16 take at most 4 bytes a character), so it is
refused from its size alone, without being read."""

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
BINARY_SUFFIXES = frozenset(
    {".pdf", ".zip", ".gz", ".bz2", ".xz", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".doc",
     ".docx", ".xls", ".xlsx", ".parquet", ".sqlite", ".db", ".pyc", ".so", ".exe"}
)  # fmt: skip
_SKIP_CHUNK = 1 << 20
_SNIFF = 8192


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """Metadata given on the command line; it fills what the document itself lacks."""

    published: str | None = None
    source: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A document as read, before cleaning. Exactly one of ``text``/``html`` is set.

    For HTML, ``fallback`` holds the command-line metadata, applied by
    :func:`fogline.ingest.html.html_to_document` after the page's own metadata.
    """

    id: str
    origin: str  # file path, "path:line" for JSONL, or "<stdin>"
    text: str | None = None
    html: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    fallback: DocumentMeta | None = None


def read_paths(
    paths: Iterable[str | Path], *, meta: DocumentMeta | None = None
) -> Iterator[RawDocument | IngestError]:
    """Yield one RawDocument (or IngestError) per document found under ``paths``; "-" is stdin.

    Metadata precedence: the document's own fields (JSONL), then the HTML page's, then ``meta``.

    Example:
        >>> for doc in read_paths(["news/"], meta=DocumentMeta(source="Daily Courier")):
        ...     print(doc.id)
    """
    meta = meta or DocumentMeta()
    for p in paths:
        if str(p) == "-":
            yield from _read_stdin(meta)
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(
                f
                for f in path.rglob("*")
                if f.is_file()
                and not any(part.startswith(".") for part in f.relative_to(path).parts)
            )
            if not files:
                yield IngestError(str(path), "directory has no files to read")
            ids: set[str] = set()
            for f in files:
                doc_id = f.relative_to(path).with_suffix("").as_posix()
                if doc_id in ids:  # "a.txt" and "a.html": keep the extension
                    doc_id = f.relative_to(path).as_posix()
                ids.add(doc_id)
                yield from _read_file(f, doc_id, meta)
        elif path.is_file():
            yield from _read_file(path, path.stem, meta)
        else:
            yield IngestError(str(path), "no such file or directory")


def _read_file(path: Path, doc_id: str, meta: DocumentMeta) -> Iterator[RawDocument | IngestError]:
    origin = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as fh:
                yield from _read_jsonl(fh, origin, meta)
            return
        if suffix in BINARY_SUFFIXES:
            yield IngestError(origin, f"binary file ({suffix} is not a text format)")
            return
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES and not _is_html_file(path, suffix):
            yield IngestError(
                origin,
                f"file too large: {_mb(size)} of text (limit {MAX_TEXT_CHARS:,} characters, "
                f"{_mb(MAX_TEXT_BYTES)}); split it into articles",
            )
            return
        if size > MAX_BYTES:
            yield IngestError(origin, f"file too large: {_mb(size)} (limit {_mb(MAX_BYTES)})")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield IngestError(origin, f"cannot read: {exc.strerror or exc}")
        return
    try:
        text = decode_bytes(data, origin)
    except IngestError as exc:
        yield exc
        return
    html = suffix in HTML_SUFFIXES or (suffix not in (".txt", ".text") and _looks_like_html(text))
    yield _document(text, doc_id=doc_id, origin=origin, html=html, meta=meta)


def _is_html_file(path: Path, suffix: str) -> bool:
    """An HTML page by its extension or, for other names, by its first bytes."""
    if suffix in HTML_SUFFIXES:
        return True
    if suffix in (".txt", ".text"):
        return False
    with path.open("rb") as fh:
        head = fh.read(_SNIFF)
    return _looks_like_html(head.decode("utf-8", errors="replace"), whole=False)


def _read_stdin(meta: DocumentMeta) -> Iterator[RawDocument | IngestError]:
    stream: IO[bytes] = getattr(sys.stdin, "buffer", None) or _BytesOf(sys.stdin)
    first = b""
    while not first.strip():  # the first line with content decides the format
        line = stream.readline(MAX_BYTES + 1)
        if not line:
            break
        first += line
    if _looks_like_jsonl(first):
        yield from _read_jsonl(_Chain(first, stream), "<stdin>", meta)
        return
    data = first + stream.read(MAX_BYTES + 1 - len(first))
    if len(data) > MAX_BYTES:
        yield IngestError("<stdin>", f"input too large (limit {_mb(MAX_BYTES)})")
        return
    try:
        text = decode_bytes(data, "<stdin>")
    except IngestError as exc:
        yield exc
        return
    yield _document(text, doc_id=None, origin="<stdin>", html=_looks_like_html(text), meta=meta)


def read_bytes(
    data: bytes,
    *,
    kind: str,
    origin: str = "<bytes>",
    meta: DocumentMeta | None = None,
    doc_id: str | None = None,
) -> Iterator[RawDocument | IngestError]:
    """Documents in an in-memory body (an upload, a request): ``kind`` is text, html or jsonl.

    Example:
        >>> [d.id for d in read_bytes(b'{"id": "a", "text": "Rebels took Kidal."}', kind="jsonl")]
        ['a']
    """
    meta = meta or DocumentMeta()
    if kind == "jsonl":
        yield from _read_jsonl(io.BytesIO(data), origin, meta)
        return
    if kind not in ("text", "html"):
        raise ValueError(f"kind must be text, html or jsonl, not {kind!r}")
    try:
        text = decode_bytes(data, origin)
    except IngestError as exc:
        yield exc
        return
    yield _document(text, doc_id=doc_id, origin=origin, html=kind == "html", meta=meta)


def _read_jsonl(
    stream: IO[bytes] | _Chain, origin: str, meta: DocumentMeta
) -> Iterator[RawDocument | IngestError]:
    """One document per line; a bad line gives an IngestError naming ``origin:line``."""
    seen: dict[str, int] = {}
    for number, line in enumerate(_lines(stream), start=1):
        where = f"{origin}:{number}"
        if line is None:
            yield IngestError(where, f"line too long (limit {_mb(MAX_BYTES)})")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line.decode("utf-8-sig" if number == 1 else "utf-8"))
        except UnicodeDecodeError as exc:
            yield IngestError(where, f"not UTF-8 at byte {exc.start}")
            continue
        except json.JSONDecodeError as exc:
            yield IngestError(where, f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        try:
            doc = record_to_document(record, where, meta)
        except IngestError as exc:
            yield exc
            continue
        if doc.id in seen:
            LOGGER.warning(
                "%s: id %r repeats line %d: a text that differs is a new version and replaces it",
                where,
                doc.id,
                seen[doc.id],
            )
        seen.setdefault(doc.id, number)
        yield doc


def record_to_document(record: Any, where: str, meta: DocumentMeta) -> RawDocument:
    """One JSON record as a document; raises :class:`IngestError` when it is not a valid one.

    Reads ``id``, ``text`` or ``html`` (``text`` wins), ``title``, ``published``, ``source``,
    ``url`` and ``author``; a missing id is a hash of the text. ``meta`` fills a missing title,
    publication date and source (for HTML, after the page's own metadata).
    """
    if not isinstance(record, dict):
        raise IngestError(where, f"expected a JSON object, got {type(record).__name__}")
    fields = {}
    for key in ("id", "text", "html", "title", "published", "source", "url", "author"):
        value = record.get(key)
        ok = (str,) if key in ("text", "html") else (str, int)  # an id may be a number
        if value is not None and (not isinstance(value, ok) or isinstance(value, bool)):
            raise IngestError(where, f"field {key!r} must be a string, got {type(value).__name__}")
        fields[key] = None if value is None else str(value)
    text, html = fields.pop("text"), fields.pop("html")
    if text is None and html is None:
        raise IngestError(where, "no 'text' or 'html' field")
    body = text if text is not None else html
    if not (body or "").strip():
        raise IngestError(where, "empty document")
    doc_id = fields.pop("id") or _hash_id(body or "")
    html = html if text is None else None
    raw = RawDocument(id=doc_id, origin=where, text=text, html=html, **fields)
    return _with_meta(raw, meta)


def _document(
    text: str, *, doc_id: str | None, origin: str, html: bool, meta: DocumentMeta
) -> RawDocument | IngestError:
    if not text.strip(" \t\r\n\x0b\x0c\u00a0\u200b\ufeff\u3000"):
        return IngestError(origin, "empty document")
    doc_id = doc_id or _hash_id(text)
    if html:
        return RawDocument(id=doc_id, origin=origin, html=text, fallback=meta)
    return _with_meta(RawDocument(id=doc_id, origin=origin, text=text), meta)


def check_fields(doc: RawDocument) -> None:
    """Raise IngestError when a field is longer than the store accepts (the same everywhere)."""
    if len(doc.id) > MAX_ID_CHARS:
        raise IngestError(
            doc.origin,
            f"id is {len(doc.id):,} characters long (limit {MAX_ID_CHARS}): {doc.id[:40]!r}...",
        )
    if doc.source is not None and len(doc.source) > MAX_SOURCE_CHARS:
        raise IngestError(
            doc.origin,
            f"source is {len(doc.source):,} characters long (limit {MAX_SOURCE_CHARS})",
        )


def _looks_like_html(text: str, *, whole: bool = True) -> bool:
    """Whether ``text`` opens like an HTML page (and, when ``whole``, has a body)."""
    head = text[:1024].lstrip("\ufeff \t\r\n").lower()
    opens = head.startswith(("<!doctype html", "<html", "<?xml version"))
    return opens and (not whole or "<body" in text.lower())


def _looks_like_jsonl(first: bytes) -> bool:
    line = first.strip().lstrip(codecs.BOM_UTF8)
    if not line.startswith(b"{"):
        return False
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False
    return isinstance(record, dict) and ("text" in record or "html" in record)


def _lines(stream: IO[bytes] | _Chain) -> Iterator[bytes | None]:
    """Lines of a binary stream; None for a line over MAX_BYTES (skipped without keeping it).

    Lines are read in pieces of ``_SKIP_CHUNK`` bytes, so an overlong line costs at most the
    limit in memory, never its whole length.
    """
    while True:
        line = stream.readline(_SKIP_CHUNK)
        if not line:
            return
        pieces, size = [line], len(line)
        while not line.endswith(b"\n") and size <= MAX_BYTES + 1:
            line = stream.readline(_SKIP_CHUNK)
            if not line:
                break
            pieces.append(line)
            size += len(line)
        if size - line.endswith(b"\n") <= MAX_BYTES:
            yield pieces[0] if len(pieces) == 1 else b"".join(pieces)
            continue
        ended = line.endswith(b"\n")
        del pieces, line
        while not ended and (piece := stream.readline(_SKIP_CHUNK)):
            ended = piece.endswith(b"\n")
        yield None


class _Chain:
    """A binary stream with some bytes already read put back in front."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = head.splitlines(keepends=True)
        self._rest = rest

    def readline(self, limit: int = -1) -> bytes:
        if self._head:
            return self._head.pop(0)
        return self._rest.readline(limit)


class _BytesOf:
    """Binary view of a text stream (stdin replaced by a StringIO, as in tests)."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def readline(self, limit: int = -1) -> bytes:
        return self._stream.readline(limit).encode("utf-8")

    def read(self, size: int = -1) -> bytes:
        return self._stream.read(size).encode("utf-8")


def _with_meta(doc: RawDocument, meta: DocumentMeta) -> RawDocument:
    if doc.html is not None:  # the page's own metadata comes before the command line's
        return replace(doc, fallback=meta)
    return replace(
        doc,
        published=doc.published or meta.published,
        source=doc.source or meta.source,
        title=doc.title or meta.title,
    )


def _hash_id(text: str) -> str:
    return "doc-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _mb(size: int) -> str:
    mb = size / 1024 / 1024
    return f"{mb:.1f} MB" if mb < 10 else f"{mb:.0f} MB"

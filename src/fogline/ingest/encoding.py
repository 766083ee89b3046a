"""Bytes to text: BOMs, UTF-8 (with a few bad bytes replaced), detected single-byte encodings,
the binary check, and lone surrogates. Every repair is warned about, naming the document.
"""

from __future__ import annotations

import codecs
import logging
import re

from fogline.errors import IngestError

LOGGER = logging.getLogger(__name__)

_SNIFF = 8192
_UTF8_SHARE = 0.8
"""Bytes that are not UTF-8 are decoded as UTF-8 with replacement when at least this share of
the non-ASCII sequences are valid UTF-8 (a UTF-8 file with a few damaged bytes)."""
_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROL_SHARE = 0.1
_NON_ASCII_SHARE = 0.2
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# single-byte encodings of Western European text: decoded as cp1252 (or latin-1)
_WESTERN = frozenset({"cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "mac_roman",
                      "cp850", "cp437", "ascii", "utf_8"})  # fmt: skip


def decode_bytes(data: bytes, origin: str = "<bytes>") -> str:
    """Decode a file's bytes: BOMs, then UTF-8, then a detected single-byte encoding.

    Text that is overwhelmingly UTF-8 with a few bad bytes stays UTF-8, the bad bytes
    replaced by U+FFFD. Every replacement or fallback is warned about, naming ``origin``.

    Raises:
        IngestError: "binary file" when the bytes are not text (NUL bytes, control codes).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace").lstrip("\ufeff")
            _warn_replaced(origin, text, data, encoding)
            return text
    _check_not_binary(data, origin)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for ch in text if ch > "\x7f") - text.count("\ufffd")
    if valid and valid >= _UTF8_SHARE * (valid + bad):
        LOGGER.warning(
            "%s: %d byte sequence(s) not valid UTF-8 replaced by U+FFFD (the rest is UTF-8)",
            origin,
            bad,
        )
        return text
    encoding = _detect_encoding(data)
    text = data.decode(encoding, errors="replace")
    LOGGER.warning("%s: not UTF-8; decoded as %s", origin, encoding)
    _warn_replaced(origin, text, data, encoding)
    return text


def _warn_replaced(origin: str, text: str, data: bytes, encoding: str) -> None:
    bad = text.count("\ufffd") - data.decode("latin-1").count("\ufffd")
    if bad > 0:
        LOGGER.warning("%s: %d byte(s) not valid %s replaced by U+FFFD", origin, bad, encoding)


def replace_surrogates(text: str) -> tuple[str, int]:
    """``text`` with lone surrogates (invalid code points) replaced by U+FFFD, and their number.

    One character for one, so offsets into the result are offsets into the input.
    """
    if text.isascii():
        return text, 0
    clean, count = _SURROGATES.subn("\ufffd", text)
    return clean, count


def check_not_binary_text(text: str, origin: str) -> None:
    """The binary check of :func:`decode_bytes`, for text given as a string (API, Python)."""
    head = text[:_SNIFF]
    if not head or head.isprintable():
        return
    controls = sum(1 for ch in head if (ch < " " and ch not in "\t\n\r\x0b\x0c") or ch == "\x7f")
    if controls / len(head) > _CONTROL_SHARE:
        raise IngestError(origin, f"binary data ({controls / len(head):.0%} control characters)")


def _check_not_binary(data: bytes, origin: str) -> None:
    head = data[:_SNIFF]
    if b"\x00" in head:
        raise IngestError(origin, "binary file (contains NUL bytes)")
    controls = sum(1 for b in head if b < 0x20 and b not in b"\t\n\r\x0b\x0c") + head.count(0x7F)
    if head and controls / len(head) > _CONTROL_SHARE:
        raise IngestError(origin, f"binary file ({controls / len(head):.0%} control bytes)")


def _detect_encoding(data: bytes) -> str:
    """cp1252 (latin-1 where cp1252 has holes) for mostly-ASCII text, else charset-normalizer's.

    Western European text has few bytes above 127; detectors guess wildly on it (Big5, cp850),
    so they are asked only when non-ASCII bytes are common, as in Cyrillic or Greek text.
    """
    sample = data[: 4 * _SNIFF]
    high = sum(1 for b in sample if b > 0x7F)
    if sample and high / len(sample) >= _NON_ASCII_SHARE:
        try:
            from charset_normalizer import from_bytes

            best = from_bytes(sample).best()
        except Exception:  # detection is a hint; never fail on it
            best = None
        if best is not None and best.encoding not in _WESTERN:
            try:
                data.decode(best.encoding)
                return best.encoding
            except (UnicodeDecodeError, LookupError):
                pass
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"

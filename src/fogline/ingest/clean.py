"""Cleaning: offset-keeping Unicode normalisation and paragraph kinds (STUB, to be replaced)."""

from __future__ import annotations

import re

from fogline.model import Paragraph


def normalize_text(text: str) -> str:
    """Normalise odd spaces and marks so that later offsets are stable."""
    return text.replace("\u00a0", " ").replace("\r\n", "\n")


def classify_paragraphs(text: str) -> list[Paragraph]:
    """Split ``text`` into paragraphs (blank-line separated) and give each a kind."""
    out = []
    for i, m in enumerate(re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text)):
        out.append(Paragraph(index=i, kind="body", start=m.start(), end=m.end()))
    return out


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot tell."""
    return "en"

"""Time expressions resolved against the publication date (STUB, to be replaced)."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from fogline.model import TimeRef


def extract_times(doc: Doc, *, published: dt.date | None = None) -> list[TimeRef]:
    """Every date expression of ``doc`` with its ISO value and precision."""
    return []

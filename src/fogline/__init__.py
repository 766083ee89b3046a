"""fogline: conflict news into sourced, structured, contested facts with evidence spans.

Example:
    >>> import fogline
    >>> analysis = fogline.analyze("Rebels seized Kidal on Sunday.", published="2024-03-04")
    >>> [(p.name, p.country_code) for p in analysis.places]
    [('Kidal', 'ML')]
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from fogline.errors import (
    FoglineError,
    GazetteerError,
    IngestError,
    LexiconError,
    NotFoundError,
    StoreError,
)
from fogline.model import Analysis

if TYPE_CHECKING:
    from fogline.pipeline import Analyzer

__all__ = [
    "Analysis",
    "FoglineError",
    "GazetteerError",
    "IngestError",
    "LexiconError",
    "NotFoundError",
    "StoreError",
    "analyze",
    "default_analyzer",
]
__version__ = "0.1.0"


@functools.cache
def default_analyzer() -> Analyzer:
    """The process-wide :class:`~fogline.pipeline.Analyzer` (pipeline loaded once)."""
    from fogline.pipeline import Analyzer

    return Analyzer()


def analyze(
    text: str,
    *,
    published: str | None = None,
    source: str | None = None,
    title: str | None = None,
    id: str | None = None,
) -> Analysis:
    """Analyse one article's text and return every record with its evidence span."""
    return default_analyzer().analyze(text, published=published, source=source, title=title, id=id)

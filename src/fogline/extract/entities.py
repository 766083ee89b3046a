"""``fogline_entities``: names from the gazetteer and actor dictionary the model mislabels (STUB)."""

from __future__ import annotations

from spacy.language import Language


def add_to_pipeline(nlp: Language) -> None:
    """Add fogline's entity component after the statistical NER."""
    return None

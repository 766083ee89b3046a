"""Toponyms geocoded against the offline gazetteer (STUB, to be replaced)."""

from __future__ import annotations

from spacy.tokens import Doc

from fogline.gazetteer import Gazetteer
from fogline.model import Place


def extract_places(doc: Doc, *, gazetteer: Gazetteer | None) -> list[Place]:
    """Every place mention of ``doc``, resolved to coordinates where the gazetteer can."""
    return [
        Place(name=e.text, start=e.start_char, end=e.end_char)
        for e in doc.ents
        if e.label_ in ("GPE", "LOC", "FAC")
    ]

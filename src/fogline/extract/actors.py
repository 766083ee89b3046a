"""Actors: people and organisations, merged per document (STUB, to be replaced)."""

from __future__ import annotations

from spacy.tokens import Doc

from fogline.model import Actor


def extract_actors(doc: Doc, *, dictionary: object | None = None) -> list[Actor]:
    """Every person and organisation of ``doc``, merged over mentions, with role and affiliation."""
    return []

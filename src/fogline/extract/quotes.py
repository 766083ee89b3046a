"""Quotations and indirect speech with speakers, cues and channels (STUB, to be replaced)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from fogline.model import Actor, Paragraph, Quote


def extract_quotes(
    doc: Doc, *, actors: Sequence[Actor] = (), paragraphs: Sequence[Paragraph] = ()
) -> list[Quote]:
    """Direct quotes and indirect speech of ``doc``, attributed to actors where possible."""
    return []

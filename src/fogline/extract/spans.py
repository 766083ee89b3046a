"""Span helpers shared by the extractors, cheap on long documents.

``Doc.text``, ``Doc.ents`` and ``Span.sent`` rebuild their result from every token on each call;
called once per quote or per trigger they make an extractor quadratic in the document's length.
These helpers read the token's own entity tags, or compute the result once per document.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_TEXT_KEY = "fogline.text"


def text_of(doc: Doc) -> str:
    """``doc.text``, joined from the tokens once per document and then reused."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


def entity_of(tok: Token) -> Span | None:
    """The named entity that contains ``tok``, or None (from IOB tags: no scan of the doc)."""
    if not tok.ent_type_:
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=tok.ent_type_)

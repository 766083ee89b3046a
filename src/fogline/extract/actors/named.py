"""Named mentions of actors: actor-dictionary names (longest n-gram first) and spaCy's
entities, cleaned at their edges, without overlaps, in text order."""

from __future__ import annotations

import contextlib
import weakref
from typing import Any

from spacy.tokens import Doc, Span

from fogline.extract.actors.coreference import SUBJECT
from fogline.extract.actors.lexicon import lexicon
from fogline.extract.actors.names import (
    MAX_NGRAM,
    acronym_as_word,
    apposed_names,
    defined_acronyms,
    name_after_organisation,
    owned_unit,
    person_like,
    proper_chain,
    unit_entity,
    with_nickname,
    without_honorific,
)
from fogline.extract.actors.roles import self_named
from fogline.extract.spans import text_of
from fogline.extract.text import QUOTE_CHARS
from fogline.extract.words import grammar_words
from fogline.textnorm import fold

_KINDS = {"person", "group", "state", "organisation", "media", "unknown"}
_ENT_KINDS = {"PERSON": "person", "ORG": "organisation", "NORP": "group", "GPE": "state"}


def entry_kind(entry: Any, fallback: str) -> str:
    """The actor kind of a dictionary entry ("armed group" → group), else ``fallback``."""
    kind = str(getattr(entry, "kind", "") or "").lower()
    if kind in ("armed group", "rebel", "militia", "movement"):
        return "group"
    if kind in ("igo", "ngo", "organization", "agency"):
        return "organisation"
    return kind if kind in _KINDS else fallback


_INDEXES: weakref.WeakKeyDictionary[Any, dict[str, Any]] = weakref.WeakKeyDictionary()


def alias_index(dictionary: Any) -> dict[str, Any]:
    """Folded name/alias → entry, built once per dictionary object."""
    try:
        return _INDEXES[dictionary]
    except (KeyError, TypeError):
        pass
    index: dict[str, Any] = {}
    for entry in getattr(dictionary, "entries", None) or ():
        for name in (getattr(entry, "name", ""), *(getattr(entry, "aliases", None) or ())):
            key = fold(str(name))
            if key and key not in index:
                index[key] = entry
    with contextlib.suppress(TypeError):
        _INDEXES[dictionary] = index
    return index


def clean_name(span: Span) -> Span | None:
    """Drop determiners, possessive endings and stray quote marks at the edges of a name."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].lower_ in grammar_words("articles")
        or doc[start].is_punct
        or doc[start].text in QUOTE_CHARS
    ):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
        end -= 1
    opened = [t.i for t in doc[start:end] if t.text == "("]
    if opened and not any(t.text == ")" for t in doc[opened[-1] : end]):
        end = opened[-1]  # "Centre for Democracy and Development (CDD": the acronym is apart
        while end > start and doc[end - 1].is_punct:
            end -= 1
    return doc[start:end] if end > start else None


def named_spans(  # noqa: C901 - dictionary n-grams and entities in one left-to-right scan
    doc: Doc, dictionary: Any
) -> list[tuple[Span, str, Any]]:
    """Dictionary names (longest first) and entity names, without overlaps, in text order."""
    taken: set[int] = set()
    found: list[tuple[Span, str, Any]] = []
    defined = defined_acronyms(doc, dictionary) if dictionary is not None else {}

    def lookup(name: str) -> Any:
        return defined[name] if name in defined else dictionary.lookup(name)

    if dictionary is not None:
        index = alias_index(dictionary)
        # token attributes read once: indexing the Doc builds a new Token object every time
        text = text_of(doc)
        words = [t.text for t in doc]
        starts = [t.idx for t in doc]
        edges = [t.is_punct or t.is_space for t in doc]
        size = len(doc)
        i = 0
        while i < size:
            hit = None
            if words[i][:1].isupper() or words[i][:1].isdigit():  # "444 Combat Brigade"
                for n in range(min(MAX_NGRAM, size - i), 0, -1):
                    last = i + n - 1
                    if edges[last]:
                        continue
                    name = text[starts[i] : starts[last] + len(words[last])]  # the span's text
                    if fold(name) not in index:
                        continue
                    entry = lookup(name)
                    if entry is not None:
                        hit = (doc[i : i + n], entry_kind(entry, "organisation"), entry)
                        break
            if hit is None:
                i += 1
                continue
            found.append(hit)
            taken.update(range(hit[0].start, hit[0].end))
            i = hit[0].end
    roles = lexicon().roles
    for ent in doc.ents:
        kind = _ENT_KINDS.get(ent.label_)
        span = clean_name(with_nickname(ent)) if kind else None
        if (
            span is not None
            and kind in ("organisation", "person")
            and taken.intersection(range(span.start, span.end))
        ):
            span = name_after_organisation(span, taken, person=kind == "person")
            kind = "person"
        if span is None or any(t.i in taken for t in span):
            continue
        entry = lookup(span.text) if dictionary is not None else None
        if entry is None and dictionary is not None and kind == "organisation":
            entry = acronym_as_word(span.text, lookup)  # "Isis", "Nato": ISIS, NATO
        if entry is None and span.text.lower() in roles:
            continue  # a title read as a name ("Air Commodore") is no actor
        if entry is None and sentence_initial_common_noun(span):
            continue  # "Media reports said": capitalised only because it opens the sentence
        if entry is None and kind in ("group", "state") and not acts(span, roles):
            continue  # nationalities and places are actors only when they act or employ
        if entry is None and (unit_entity(span) or owned_unit(span)):
            continue  # "the defence ministry", "Army": a state body, read by _read_units
        if entry is not None:
            kind = entry_kind(entry, kind)
        elif kind == "person":
            span = without_honorific(span)
        elif kind == "organisation" and person_like(span, roles):
            kind = "person"  # "Chantal Moreau, MSF's emergency coordinator", tagged ORG
        found.append((span, kind, entry))
        taken.update(range(span.start, span.end))
    for span in apposed_names(doc, roles):  # "the sub-prefect of X, NAME": NAME is a person
        span = without_honorific(span)
        if not any(t.i in taken for t in span):
            found.append((span, "person", None))
            taken.update(range(span.start, span.end))
    for token in doc:  # "a man who identified himself as General X": X is a person
        name = self_named(token)
        if name is None:
            continue
        span = without_honorific(clean_name(proper_chain(name)) or doc[name.i : name.i + 1])
        if not any(t.i in taken for t in span):
            found.append((span, "person", None))
            taken.update(range(span.start, span.end))
    return sorted(found, key=lambda f: f[0].start)


def sentence_initial_common_noun(span: Span) -> bool:
    """A one-word "name" that opens its sentence and is tagged a common noun ("Media reports
    said", "Witnesses said"): the capital comes from the sentence, not from a name."""
    if len(span) != 1:
        return False
    tok = span[0]
    return tok.is_sent_start and tok.tag_ in ("NN", "NNS") and not tok.is_upper


def acts(span: Span, roles: frozenset[str]) -> bool:
    """A place or nationality that speaks or acts, or qualifies a title ("US General X")."""
    root = span.root
    if root.dep_ in SUBJECT:
        return True
    head = root.head
    return root.dep_ in ("compound", "amod", "nmod", "npadvmod") and (
        head.lower_ in roles or head.ent_type_ == "PERSON"
    )

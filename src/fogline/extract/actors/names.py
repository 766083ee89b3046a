"""Name spans for the actor extractor: acronyms a text defines, names cut by the tagger
(nicknames, unit numbers), self-named speakers, state units named like organisations."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, Token

from fogline.extract.actors.clusters import ACRONYM
from fogline.extract.actors.lexicon import lexicon
from fogline.extract.actors.units import unit_noun

MAX_NGRAM = 7


def proper_chain(token: Token) -> Span:
    """The capitalised words ending in ``token`` ("General Mbakwa")."""
    start = token.i
    while start > 0 and token.doc[start - 1].pos_ == "PROPN" and token.doc[start - 1].head == token:
        start -= 1
    return token.doc[start : token.i + 1]


def defined_acronyms(doc: Doc, dictionary: Any) -> dict[str, Any]:
    """Acronyms the text defines, "Long Name (ACR)", to the entry of the long name (or None).

    A definition in the text beats the dictionary's reading of the acronym: after "Ambazonia
    Defence Forces (ADF)", "ADF" is that group, not the dictionary's default "ADF"; after a
    name the dictionary does not know, the acronym is that name's, not a dictionary actor's.
    """
    defined: dict[str, Any] = {}
    for t in doc:
        i = t.i
        if t.text != "(" or i + 2 >= len(doc) or doc[i + 2].text != ")" or i == 0:
            continue
        acronym = doc[i + 1].text
        if not ACRONYM.match(acronym) or acronym in defined:
            continue
        entry = None
        for n in range(min(MAX_NGRAM, i), 0, -1):
            span = doc[i - n : i]
            if span[0].text[:1].isupper() and not span[0].is_punct:
                entry = dictionary.lookup(span.text)
                if entry is not None:
                    break
        if entry is not None:
            defined[acronym] = entry
            continue
        name = [w for w in doc[max(0, i - MAX_NGRAM) : i] if w.text[:1].isupper()]
        if len(name) >= 2 and doc[i - 1].text[:1].isupper() and doc[i - 1].pos_ == "PROPN":
            defined[acronym] = None  # a multi-word name the dictionary lacks owns the acronym
    return defined


def acronym_as_word(name: str, lookup: Any) -> Any:
    """The entry of an acronym written as a word, as British style does ("Isis", "Nato",
    "Unicef"), when the upper-case form is an alias the dictionary knows; else None."""
    if not (3 <= len(name) <= 6 and name.isalpha() and name.istitle()):
        return None
    return lookup(name.upper())


def name_after_organisation(span: Span, taken: set[int], *, person: bool) -> Span | None:
    """The person's name an entity swallowed after a dictionary name ("the United Nations
    Samantha Power" tagged ORG, "Jordan's King Abdullah" tagged PERSON, the dictionary name
    read already): its last capitalised words after any title, which no organisation word ends."""
    free = [t for t in span if t.i not in taken]
    while free and (free[0].tag_ == "POS" or free[0].lower_ in lexicon().roles):
        free = free[1:]  # "Jordan's King Abdullah": the possessive and the title
    if len(free) == len(span) or not 1 <= len(free) <= 3 or free[0].i == span.start:
        return None
    if len(free) == 1 and not person:  # a one-word name needs the tagger's PERSON
        return None
    if any(t.i in taken for t in span[free[0].i - span.start :]) or free[-1].i != span.end - 1:
        return None
    if not all(t.pos_ == "PROPN" and t.is_title for t in free):
        return None
    if any(t.lower_ in lexicon().organisation_words for t in free):
        return None
    return span.doc[free[0].i : free[-1].i + 1]


def without_honorific(span: Span) -> Span:
    """'Ms Sow' → 'Sow', so that the surname joins the full name given earlier."""
    if len(span) > 1 and span[0].lower_ in lexicon().honorifics:
        return span[1:]
    return span


def person_like(span: Span, roles: frozenset[str]) -> bool:
    """An unlisted 'organisation' that is a person's name: two to four capitalised words with no
    organisation word, carrying a person's title in apposition or before it, or 'of <org>'."""
    words = lexicon().organisation_words
    names = [t for t in span if t.tag_ != "HYPH"]
    if not 2 <= len(names) <= 4 or any(t.lower_ in words or not t.is_title for t in names):
        return False
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and child.lemma_.lower() in roles and child.tag_ == "NN":
            return True
        of_org = any(g.ent_type_ == "ORG" for g in child.children if g.dep_ == "pobj")
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == span.end and of_org:
            return True
    prev = span.doc[span.start - 1] if span.start > 0 else None
    return prev is not None and prev.is_lower and prev.lemma_.lower() in roles


def unit_entity(span: Span) -> bool:
    """An unlisted entity that is a unit noun with lower-case or national modifiers only."""
    if unit_noun(span[-1]) is None:
        return False
    return all(
        t.i == span.end - 1 or t.is_lower or t.ent_type_ in ("NORP", "GPE") or t.tag_ == "POS"
        for t in span
    )


def owned_unit(span: Span) -> bool:
    """A unit named after its owner's possessive ("Armenia's Defence Ministry"): one per owner."""
    root = span[-1]
    return unit_noun(root) is not None and any(
        c.dep_ == "poss" and c.i < span.start for c in root.children
    )


def with_nickname(ent: Span) -> Span:
    """Mariam "Mimi" Sangare: a person's name cut at a quoted nickname runs on to the surname;
    "444 Combat Brigade": a unit's number the entity left out is part of its name."""
    doc = ent.doc
    if ent.label_ == "ORG" and ent.start > 0:
        number = doc[ent.start - 1]
        if number.text[:1].isdigit() and number.like_num and ent.start <= number.head.i < ent.end:
            return doc[ent.start - 1 : ent.end]
    if ent.label_ != "PERSON" or not any(t.is_quote for t in ent):
        return ent
    end = ent.end
    if end < len(doc) and doc[end].is_quote:
        end += 1
    if end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
        return doc[ent.start : end]
    return ent


def apposed_names(doc: Doc, roles: frozenset[str]) -> list[Span]:
    """Names the tagger missed that stand in apposition to a title: "the sub-prefect of X,
    Hervé Doumta-Nzapa", "the spokesman of Operation X, Lt Col Musa Garba" (the parse hangs
    the name on the title's object). Two capitalised words at least, hyphens allowed."""
    from fogline.extract.actors.roles import title_of_owner

    found = []
    for token in doc:
        if token.dep_ != "appos" or token.pos_ != "PROPN" or token.ent_type_:
            continue
        title = title_of_owner(token.head) if token.head.pos_ != "NOUN" else token.head
        if title is None or title.lemma_.lower() not in roles:
            continue
        start = token.left_edge.i
        words = doc[start : token.i + 1]
        proper = [t for t in words if t.pos_ == "PROPN" and t.text[:1].isupper()]
        if len(proper) < 2 or any(t.pos_ != "PROPN" and t.text != "-" for t in words):
            continue
        if any(t.ent_type_ for t in words):
            continue
        found.append(words)
    return found

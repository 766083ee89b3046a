"""Grammatical gender of a person actor, read from the words around its names, for pronoun
agreement ("His sister Lucy told AP that she …": she is Lucy, not the brother named before).

A name alone gives no gender: only a courtesy title ("Mr", "Miss"), a kinship noun or a
gendered title next to a mention ("her brother Luke", "Lucy, his sister", "spokeswoman X"),
or the actor's own role. Conflicting evidence gives none (``None``: agrees with every pronoun).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from fogline.data import load_yaml

MALE, FEMALE = "male", "female"


@functools.cache
def _words() -> tuple[dict[str, str], dict[str, str]]:
    """(gendered word → gender, pronoun → gender) of ``data/actors/gender.yaml``."""
    data = load_yaml("actors/gender.yaml")
    words = {str(w).lower(): g for g in (MALE, FEMALE) for w in data[g]}
    pronouns = {str(w).lower(): g for g in (MALE, FEMALE) for w in data["pronouns"][g]}
    return words, pronouns


def pronoun_gender(word: str) -> str | None:
    """MALE for "he", "his"…, FEMALE for "she", "her"…, else None ("they", "it")."""
    return _words()[1].get(word.lower())


def word_gender(word: str | None) -> str | None:
    """The gender a title or noun names ("spokeswoman", "Mr", "brother"), else None."""
    return _words()[0].get(word.lower()) if word else None


def mention_gender(doc: Doc, start: int, end: int) -> str | None:
    """The gender the words next to one name mention give: the word before it ("Mr X", "his
    sister X", "King X"), its first word, or a noun it stands in apposition with."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or span[0].pos_ == "PRON":
        return None
    found = {word_gender(span[0].text)}
    before = _previous_word(doc, span.start)
    if before is not None:
        found.add(word_gender(before.text))
    root = span.root
    if root.dep_ == "appos":  # "his sister, Lucy"
        found.add(word_gender(root.head.lemma_))
    for child in root.children:  # "Lucy, his sister"
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            found.add(word_gender(child.lemma_))
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def _previous_word(doc: Doc, i: int) -> Token | None:
    i -= 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return doc[i] if i >= 0 and not doc[i].is_punct else None


def actor_gender(
    doc: Doc, mentions: Iterable[tuple[int, int]], titles: Iterable[str | None]
) -> str | None:
    """The one gender an actor's name mentions and titles give, else None."""
    found = {mention_gender(doc, s, e) for s, e in mentions}
    found.update(word_gender(t.split()[-1]) if t else None for t in titles)
    found.discard(None)
    return found.pop() if len(found) == 1 else None

"""Whether a one-word name the gazetteer knows is used in another sense here: a person's
name (a surname after a given name or a title, "Christian Bale", "Pope Francis"), a common
word ("Media", "Tour", "Store"), or a people, a language or a nationality ("Chechen", "Hausa").
Such a word is a place only on place evidence around it (see ``mentions.credible``)."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from spacy.tokens import Doc, Span

from fogline.data import load_tsv
from fogline.extract.places.lexicon import load_senses


def person_words(doc: Doc, ents: Iterable[Span], *, single: bool = True) -> set[str]:
    """Lower-case words of the document's person names: those of its PERSON entities (with
    ``single``, one-word ones too), and the surname written after a given name or a title
    (the given name too), whatever the model tagged them."""
    senses = load_senses()
    words = {t.lower_ for e in ents if e.label_ == "PERSON" and (single or len(e) > 1) for t in e}
    for tok in doc[:-1]:
        nxt = doc[tok.i + 1]
        if not (tok.is_title and nxt.is_title):
            continue
        first = tok.lower_.rstrip(".")
        if first in senses.given_names:
            words.update((first, nxt.lower_))
        elif first in senses.titles:
            words.add(nxt.lower_)
    return words


def other_sense(text: str, person: set[str]) -> bool:
    """Whether the one-word name ``text`` is a person's here, a common word, a people or a
    language (several-word names are not judged)."""
    if " " in text.strip():
        return False
    word = text.lower()
    senses = load_senses()
    if word.rsplit("-", 1)[-1] in person:  # "al-Baghdadi" of "Abu Bakr al-Baghdadi"
        return True
    return word in person or word in senses.common_words or word in senses.peoples


def demonym_countries(doc: Doc, gaz) -> set[str]:
    """Country codes of the nationality adjectives the document uses as such ("a Syrian
    town", "Iraqi officials"): context for a place's country, like the countries it names."""
    states = _demonym_states()
    out: set[str] = set()
    for word in {t.lower_ for t in doc if t.is_title and t.lower_ in states}:
        cands = gaz.lookup(states[word], limit=1)
        if cands and cands[0].kind == "PCLI" and cands[0].country_code:
            out.add(cands[0].country_code)
    return out


@functools.cache
def _demonym_states() -> dict[str, str]:
    return {row["demonym"].lower(): row["state"] for row in load_tsv("actors/demonyms.tsv")}

"""ADVANCED(subject, place): forces moving on, or standing close to, a place.

"Militants advanced on Kobani", "the rebels closed in on the city", "troops are near Gao",
"the column was 10 km from Kidal", "fighters are at the gates of the capital", "the
insurgents continue to advance": the place is approached, not held. None of these is ever
CONTROL (issue 13). The words are the ``ADVANCED`` entry of ``data/claims/predicates.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from fogline.extract.claims.lexicon import ClaimLexicon
from fogline.extract.claims.syntax import prep_object, subject_of

TokenTest = Callable[[Token], bool]


def advance_args(
    tok: Token, lemma: str, lex: ClaimLexicon, armed: TokenTest, place_like: TokenTest
) -> tuple[Token, Token | None] | None:
    """(subject, place) of the ADVANCED proposition a verb states with its phrase, if any: a
    move toward a place (armed subject, place after "on"/"toward"; a bare "continue to
    advance" leaves the place to the context), or a position near one ("near X", "10 km from
    X", "at the gates of X")."""
    subject = subject_of(tok)
    if subject is None or not armed(subject):
        return None
    place: Token | None = None
    if lemma in lex.advance_verbs:
        place = prep_object(tok, lex.advance_preps)
        if place is None and any(c.dep_ == "dobj" for c in tok.children):
            return None  # "pushed the bill", "pressed the government"
    elif lemma in lex.near_verbs:
        place = near_place(tok, lex)
        if place is None:
            return None
    else:
        return None
    if place is not None and not (place_like(place) or place.ent_type_ in ("GPE", "LOC", "FAC")):
        return None
    return subject, place


def near_place(tok: Token, lex: ClaimLexicon) -> Token | None:
    """The place a position verb puts its subject close to: "near X", "outside X", "within
    10 km of X", "10 km from X", "at the gates of X", "on the outskirts of X"."""
    for prep in (c for c in tok.children if c.dep_ in ("prep", "advmod")):
        word = prep.lower_
        two = f"{word} {prep.nbor(1).lower_}" if prep.i + 1 < len(prep.doc) else word
        obj = next((g for g in prep.subtree if g.dep_ == "pobj"), None)
        if obj is None:
            continue
        if word in lex.near_preps or two in lex.near_preps:
            return obj
        unit = next((g for g in prep.subtree if g.lemma_.lower() in lex.distance_units), None)
        if unit is not None and word == "from":
            return obj
        if unit is not None and word == "within":  # "within 5 km of X"
            return prep_object(unit, ("of", "from"))
        if prep.dep_ == "prep" and obj.lemma_.lower() in lex.front_parts:
            of = prep_object(obj, ("of",))
            return of if of is not None else None
        # "10 km from X": the distance is the verb's modifier, "from" hangs from it
        if word in lex.distance_units or prep.lemma_.lower() in lex.distance_units:
            return obj
    for c in tok.children:  # "were 10 km from X" parsed as an npadvmod/attr with "from"
        if c.lemma_.lower() in lex.distance_units:
            found = prep_object(c, ("from", "of"))
            if found is not None:
                return found
    return None

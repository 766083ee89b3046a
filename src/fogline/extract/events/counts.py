"""How many: the count a noun phrase gives ("12 soldiers", "dozens of civilians") and the
fatalities of a lethal event."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from fogline.extract.events.lexicon import EventLexicon

if TYPE_CHECKING:
    from fogline.extract.events.arguments import Frame


def number_of(tok: Token, lex: EventLexicon) -> int | None:
    """The count a number token or a vague quantity word stands for (lower bound)."""
    text = tok.text.lower().replace(",", "")
    if text.isdigit():
        return int(text)
    numbers = lex.cues.get("numbers", {})
    vague = lex.cues.get("vague_numbers", {})
    if text in vague:
        return int(vague[text][0])
    if text in numbers:
        value = int(numbers[text])
        for c in tok.children:  # "two hundred"
            if c.dep_ in ("compound", "nummod", "quantmod") and c.lower_ in numbers:
                value *= int(numbers[c.lower_])
        return value
    return None


def count_of(tok: Token | None, lex: EventLexicon) -> int | None:
    """How many people a noun phrase counts: "12 soldiers", "dozens of civilians", "12"."""
    word = count_word(tok, lex)
    return number_of(word, lex) if word is not None else None


def count_word(tok: Token | None, lex: EventLexicon) -> Token | None:
    """The word that gives a noun phrase's count ("12", "dozens"), if any."""
    if tok is None:
        return None
    own = number_of(tok, lex)
    if own is not None and (tok.pos_ == "NUM" or tok.lower_ in lex.cues.get("vague_numbers", {})):
        return tok
    uncounted = lex.words("uncounted_determiners")
    for c in tok.children:
        if c.dep_ in ("nummod", "quantmod", "amod", "det") and c.i < tok.i:
            n = number_of(c, lex)
            if n is not None and not (c.dep_ == "det" and c.lower_ in uncounted):
                return c
    return None


def vague_note(tok: Token | None, lex: EventLexicon) -> str | None:
    """The convention a vague count was read by ("dozens: 24 or more"), or None for a
    number written as such."""
    if tok is None:
        return None
    vague = lex.cues.get("vague_numbers", {})
    return str(vague[tok.lower_][1]) if tok.lower_ in vague else None


def fatalities(frame: Frame, target: Token | None, lex: EventLexicon) -> int | None:
    """The dead of a lethal event: the recipient's count, one for a named person or one of
    several recipients, else the object's count."""
    if target is not None:
        n = count_of(target, lex)
        if n is not None:
            return n
        if len(frame.targets) > 1 or target.ent_type_ == "PERSON":
            return 1
    if frame.obj is not None:
        return count_of(frame.obj, lex)
    return None


def fatalities_note(frame: Frame, target: Token | None, lex: EventLexicon) -> str | None:
    """How a vague count of the dead was read ("dozens: 24 or more"), else None."""
    word = count_word(target, lex) if target is not None else None
    if word is None and frame.obj is not None:
        word = count_word(frame.obj, lex)
    return vague_note(word, lex)

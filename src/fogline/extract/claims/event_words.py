"""What the events lexicon says of a word, for the claims extractor (borrowed, not copied)."""

from __future__ import annotations

from spacy.tokens import Token

from fogline.extract.events.lexicon import load_lexicon as load_event_lexicon


def violent_act(noun: Token | None) -> bool:
    """A noun the events lexicon codes as violence ("massacre", "attack", "killing")."""
    if noun is None:
        return False
    lex = load_event_lexicon()
    violent = lex.labels("violent_types")
    return any(t.plover in violent for t in lex.nouns.get(noun.lemma_.lower(), ()))

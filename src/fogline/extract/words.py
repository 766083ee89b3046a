"""Word classes every extractor may read: the reporting verbs (``data/reporting_verbs.txt``)
and the closed-class grammar words (``data/grammar.yaml``); loaded on first use and cached."""

from __future__ import annotations

import functools

from fogline.data import load_lines, load_yaml
from fogline.errors import LexiconError


@functools.cache
def reporting_verbs() -> frozenset[str]:
    """Lemmas of the verbs that report speech or writing ("say", "deny", "tweet")."""
    return frozenset(load_lines("reporting_verbs.txt"))


@functools.cache
def grammar_words(key: str) -> frozenset[str]:
    """One closed word class of ``data/grammar.yaml`` ("modals", "first_person"), lower case."""
    grammar = load_yaml("grammar.yaml")
    words = grammar.get(key) if isinstance(grammar, dict) else None
    if not isinstance(words, list):
        raise LexiconError(f"grammar.yaml: {key!r} must be a list of words")
    return frozenset(str(w).lower() for w in words)

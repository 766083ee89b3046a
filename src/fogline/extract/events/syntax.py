"""Walks over the dependency parse shared by the event modules: a token's clause, its chain of
heads, its children by dependency and its prepositional objects."""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Token


def in_clause(tok: Token, anchors: set[int]) -> bool:
    """Does ``tok`` hang from one of ``anchors`` without crossing another verb?"""
    cur = tok
    for _ in range(40):
        if cur.i in anchors:
            return True
        if cur.head is cur:
            return False
        if cur is not tok and cur.pos_ in ("VERB", "AUX") and cur.dep_ != "aux":
            return False
        cur = cur.head
    return False


def ancestors_path(tok: Token, limit: int = 8) -> list[tuple[Token, str]]:
    """(ancestor, dependency of the child we came from) pairs, nearest first."""
    out = []
    cur = tok
    for _ in range(limit):
        if cur.head is cur:
            break
        out.append((cur.head, cur.dep_))
        cur = cur.head
    return out


def children(tok: Token, *deps: str) -> list[Token]:
    """The children of ``tok`` attached by one of ``deps``."""
    return [c for c in tok.children if c.dep_ in deps]


def pobjs(tok: Token, preps: Collection[str]) -> list[tuple[str, Token]]:
    """(preposition, object) pairs hanging from ``tok``."""
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    out.append((c.lower_, p))
        elif c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON"):
            out.append(("to", c))
    return out

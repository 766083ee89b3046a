"""Triggers found in a parsed document: the words of ``triggers.tsv`` that name an event.

Verbs match by lemma or listed irregular form (the small English model sometimes tags a
participle as an adjective), multiword verbs by their particle or object lemmas among the
verb's children, nouns by head lemma with the modifier words written just before it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from fogline.extract.events.lexicon import EventLexicon, Trigger
from fogline.extract.spans import sentence


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A trigger found in a document: its head token and every token of the term."""

    token: Token
    trigger: Trigger
    tokens: tuple[Token, ...]


def find_triggers(doc: Doc, lex: EventLexicon) -> list[TriggerMatch]:
    """Every trigger of ``doc`` in text order (one per head token)."""
    found = []
    for tok in doc:
        if tok.is_punct or tok.is_space or len(tok.text) < 2:
            continue
        m = match_token(tok, lex)
        if m is not None:
            found.append(m)
    return found


def match_token(tok: Token, lex: EventLexicon) -> TriggerMatch | None:
    """The longest lexicon trigger headed by ``tok``, if any."""
    if tok.ent_type_ in lex.labels("non_trigger_entities"):
        return None  # "in March": a month, not a march
    if tok.pos_ in ("NOUN", "PROPN") or tok.tag_.startswith("NN"):
        noun = _match_noun(tok, lex)
        if noun is not None:
            return noun
        if (
            tok.pos_ in ("NOUN", "PROPN")
            and tok.lower_ not in lex.forms
            and not after_have(tok, lex)
        ):
            return None  # an irregular verb form ("retook") is a verb even when mis-tagged
    lemma = _verb_lemma(tok, lex)
    adjective = lemma is None and tok.pos_ == "ADJ"
    if adjective:
        lemma = tok.lower_  # "is due in Damascus": only entries flagged "arrival" take adjectives
    if lemma is None:
        return None
    for trig in lex.verbs.get(lemma, ()):
        if adjective and "arrival" not in trig.flags:
            continue
        rest = _verb_rest(tok, trig.words[1:]) if len(trig.words) > 1 else ()
        if rest is not None:
            return TriggerMatch(tok, trig, (tok, *rest))
    return None


def after_have(tok: Token, lex: EventLexicon) -> bool:
    """Is ``tok`` written right after a form of "have" ("had overrun": a participle the
    small model tags as a noun)?"""
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return prev is not None and prev.lower_ in lex.words("have_forms")


def _match_noun(tok: Token, lex: EventLexicon) -> TriggerMatch | None:
    if tok.pos_ == "PROPN" and tok.ent_type_ in ("DATE", "TIME"):
        return None  # "on March 21": a month, no march
    for trig in lex.nouns.get(tok.lemma_.lower(), ()) or lex.nouns.get(tok.lower_, ()):
        rest = _noun_rest(tok, trig.words[:-1]) if len(trig.words) > 1 else ()
        if rest is not None:
            return TriggerMatch(tok, trig, (*rest, tok))
    return None


def _verb_lemma(tok: Token, lex: EventLexicon) -> str | None:
    lower = tok.lower_
    if lower in lex.forms:
        return lex.forms[lower]
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
        return tok.lemma_.lower()
    # participles the tagger read as adjectives ("had overrun Rutshuru territory")
    if after_have(tok, lex) and tok.tag_ in ("JJ", "NN", "NNP"):
        return lower if lower in lex.verbs else tok.lemma_.lower()
    return None


def _verb_rest(tok: Token, rest: tuple[str, ...]) -> tuple[Token, ...] | None:
    """Tokens of a multiword verb's remaining words among the verb's right-hand neighbourhood
    (a plural counts: "set up two bases", which the model may lemmatise as "basis"), or its
    passive subject ("stones were thrown at police")."""
    found: list[Token] = []
    sent = sentence(tok)
    window = list(tok.doc[tok.i + 1 : min(tok.i + 6, sent.end)])
    window_children = set(tok.children)
    window += [c for c in tok.children if c.dep_ == "nsubjpass"]
    for word in rest:
        hit = None
        for t in window:
            if t in found:
                continue
            if (t.lemma_.lower() == word or t.lower_ in (word, word + "s")) and (
                t in window_children or t.head in window_children or t.head == tok
            ):
                hit = t
                break
        if hit is None:
            return None
        found.append(hit)
    return tuple(found)


def _noun_rest(tok: Token, rest: tuple[str, ...]) -> tuple[Token, ...] | None:
    """Tokens of a multiword noun's modifier words written just before its head."""
    i = tok.i - 1
    found: list[Token] = []
    for word in reversed(rest):
        while i >= 0 and tok.doc[i].text == "-":
            i -= 1
        if i < 0:
            return None
        t = tok.doc[i]
        if t.lemma_.lower() != word and t.lower_ != word:
            return None
        found.append(t)
        i -= 1
    return tuple(reversed(found))

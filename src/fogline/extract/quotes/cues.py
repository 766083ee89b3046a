"""Attribution cues (reporting verbs, "according to") with their speaker and channel."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from fogline.extract.quotes.lexicon import Lexicon, lexicon

_SUBJECTS = ("nsubj", "nsubjpass")
_CLIMB = ("advcl", "xcomp", "conj", "pcomp", "prep", "acl")
_RELATIVE = {"who", "which", "that"}


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting verb or phrase outside direct quotes, and the token naming its speaker."""

    token: Token  # the verb, or "according"
    start: int
    end: int
    speaker: Token | None
    content: Span | None  # the reported clause (indirect speech), when there is one


def find_cues(doc: Doc, in_quote: Callable[[int], bool]) -> list[Cue]:
    """Every attribution cue of ``doc`` outside direct quotes, in text order."""
    lex = lexicon()
    cues = []
    for token in doc:
        if in_quote(token.idx):
            continue
        if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
            to = next(c for c in token.children if c.lower_ == "to")
            obj = next((c for c in to.children if c.dep_ == "pobj"), None)
            end = to.idx + len(to.text)
            cues.append(Cue(token, token.idx, end, obj, _according_content(token)))
        elif token.pos_ in ("VERB", "AUX") and _is_cue_verb(token, lex):
            if token.dep_ in ("amod", "compound") or token.tag_ == "VBN" and not _has_aux(token):
                continue  # "the stated aim", "a reported attack"
            content = _reported_clause(token, in_quote)
            cues.append(
                Cue(token, token.idx, token.idx + len(token.text), subject_of(token), content)
            )
    return cues


def _is_cue_verb(token: Token, lex: Lexicon) -> bool:
    lemma = token.lemma_.lower()
    if lemma in lex.cue_verbs:
        return True
    if lemma not in lex.document_verbs:
        return False
    subject = next((c for c in token.children if c.dep_ in _SUBJECTS), None)
    return subject is not None and subject.lemma_.lower() in lex.document_nouns


def _has_aux(token: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") for c in token.children)


def subject_of(verb: Token, in_quote: Callable[[int], bool] | None = None) -> Token | None:
    """The subject a reporting verb speaks for, climbing 'adding that', 'tweeting', 'as saying'.

    A subject inside a direct quote is a misparse of the quote and is skipped.
    """
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ in _SUBJECTS and not (in_quote and in_quote(child.idx)):
                return child
        if current.dep_ == "relcl":
            return current.head
        if current.dep_ not in _CLIMB or current.head.i == current.i:
            return None
        current = current.head
        if current.dep_ == "prep" and current.head.i != current.i:  # "as saying", "by saying"
            current = current.head
    return None


def _reported_clause(verb: Token, in_quote: Callable[[int], bool]) -> Span | None:
    """The clausal complement of a reporting verb, without 'that' and end punctuation."""
    comp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if comp is None:  # "said in a statement that …": the clause hangs off the channel noun
        objects = [g for c in verb.children if c.dep_ == "prep" for g in c.children]
        objects += [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        comp = next(
            (
                c
                for g in objects
                for c in g.children
                if c.dep_ in ("acl", "ccomp", "relcl")
                and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)
            ),
            None,
        )
    if comp is None:
        return None
    return _trim_clause(comp.doc[comp.left_edge.i : comp.right_edge.i + 1])


def _according_content(according: Token) -> Span | None:
    head = according.head
    if head.i == according.i or head.pos_ not in ("VERB", "AUX"):
        return None
    doc = head.doc
    left, right = head.left_edge.i, head.right_edge.i
    if according.i > head.i:
        right = according.left_edge.i - 1
    else:
        left = according.right_edge.i + 1
    if right <= left:
        return None
    return _trim_clause(doc[left : right + 1])


def _trim_clause(span: Span) -> Span | None:
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].dep_ == "mark" or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end - start >= 2 else None


def channel_of(cue: Cue, exclude: tuple[int, int] | None) -> str | None:
    """The channel of a cue: 'told <outlet>' gives the outlet, else a trigger near the cue."""
    lex = lexicon()
    verb = cue.token
    if verb.lemma_ == "tell":
        for child in verb.children:
            if child.dep_ in ("dobj", "dative") and child.pos_ == "PROPN":
                start = child.left_edge.i
                if child.doc[start].lower_ == "the" and child.doc[start].text != "The":
                    start += 1
                return child.doc[start : child.i + 1].text
    words = [verb, *_channel_scope(verb)]
    if cue.speaker is not None:
        words.extend(cue.speaker.subtree)
    lowered = {t.lower_ for t in words if exclude is None or not exclude[0] <= t.idx < exclude[1]}
    lowered |= {t.lemma_.lower() for t in words}
    text = " ".join(t.lower_ for t in words)
    for name, triggers in lex.channels:
        for trigger in triggers:
            if (" " in trigger and trigger in text) or trigger in lowered:
                return name
    return None


def _channel_scope(verb: Token) -> list[Token]:
    """Tokens of the verb's own modifiers ('in a Facebook post', 'on Twitter'), not its clause."""
    scope = []
    for child in verb.children:
        if child.dep_ in ("prep", "npadvmod", "advmod", "agent", "nsubj", "nsubjpass", "dobj"):
            scope.extend(child.subtree)
    head = verb.head
    if verb.dep_ in ("advcl", "xcomp", "conj") and head.i != verb.i:
        for child in head.children:
            if child.dep_ == "prep" and child.i < verb.i:
                scope.extend(child.subtree)
    return scope

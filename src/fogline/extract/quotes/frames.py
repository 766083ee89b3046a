"""Cues read from the frame around a quote when no reporting verb of the lexicon governs it.

News style puts speech in a few fixed frames whose verb may be any verb:

- an introducing verb right before the comma or colon that opens a quote ("She continued,
  ‘…’", "Limbaugh continued: ‘…’"), or an inverted one ("Said the mayor: ‘…’");
- a closing clause made of a subject and a verb alone after a quote ending with a comma
  ("‘…,’ Matthews concluded.", "‘…?’ she wondered aloud.");
- a byline after a quote paragraph ("‘…’ ― Maria Lopez, a nurse").

Each returns a :class:`~fogline.extract.quotes.cues.Cue` whose ``speaker`` token names who
speaks; the frame, not the verb's meaning, makes it a cue.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

from fogline.extract.quotes.cues import Cue, adjacent_subject, pick_nominal, subject_of
from fogline.extract.spans import entity_of, text_of
from fogline.extract.words import grammar_words

_OBJECTS = {"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd", "dative"}
_VERB_MODIFIERS = {"advmod", "aux", "neg", "npadvmod", "prep", "agent", "prt", "punct"}
_BYLINE = re.compile(r"\s*([―—–-]{1,2})\s*(\S.{0,80}?)[.\s]*$")
_MAX_BYLINE_WORDS = 12


def _tokens(doc: Doc, start: int, end: int, mode: str = "contract") -> list[Token]:
    span = doc.char_span(start, end, alignment_mode=mode)
    return [t for t in span if not t.is_space] if span is not None else []


def intro_cue(doc: Doc, left: int, right: int, in_quote: Callable[[int], bool]) -> Cue | None:
    """The verb right before the comma or colon that introduces a quote at ``right``.

    ``left`` is the start of the sentence. A colon lets any verb with a subject introduce the
    quote ("He told reporters: ‘…’"); a comma only a clause of subject and verb ("She
    continued, ‘…’"), so that "In 2015, ‘…’" or "When he won, ‘…’" introduce nothing.
    """
    tokens = _tokens(doc, left, right)
    if len(tokens) < 2 or tokens[-1].text not in (":", ","):
        return None
    punct = tokens[-1].text
    verb = tokens[-2]
    if verb.pos_ not in ("VERB", "AUX") or verb.i == tokens[0].i:
        return None
    subject = subject_of(verb, in_quote) or adjacent_subject(verb, in_quote)
    if subject is None:
        return None
    if punct == "," and not _subject_and_verb_only(tokens[:-1], verb, subject):
        return None
    return Cue(verb, verb.idx, verb.idx + len(verb.text), subject, None)


def inverted_cue(doc: Doc, left: int, right: int, lexicon_verbs: frozenset[str]) -> Cue | None:
    """'Said Ellis: ‘…’' / 'Added one official, ‘…’': a sentence opening with a reporting verb
    followed by its speaker, then the quote."""
    tokens = _tokens(doc, left, right)
    if len(tokens) < 3 or tokens[-1].text not in (":", ","):
        return None
    verb = tokens[0]
    if not verb.is_title or verb.lower_ not in lexicon_verbs and verb.lemma_ not in lexicon_verbs:
        return None
    subject = pick_nominal(tokens[1:-1])
    if subject is None:
        return None
    return Cue(verb, verb.idx, verb.idx + len(verb.text), subject, None)


_SPEAKING_ENTS = ("PERSON", "ORG", "NORP")
_PRONOUNS = grammar_words("personal_pronouns") | grammar_words("nonpersonal_pronouns")


def colon_cue(
    doc: Doc, left: int, right: int, in_quote: Callable[[int], bool], document_nouns: frozenset[str]
) -> Cue | None:
    """'President X is sending a new message: ‘…’' / 'A lesson from X: ‘…’': a quote after a
    colon belongs to the subject of the clause before it when that subject is a name, a
    pronoun or a statement noun ("the piece", "the report"); a clause without a verb (a
    headline) gives it to the first person or organisation it names."""
    tokens = [t for t in _tokens(doc, left, right) if not t.is_space]
    if len(tokens) < 2 or tokens[-1].text != ":" or any(in_quote(t.idx) for t in tokens):
        return None
    inside = {t.i for t in tokens}
    roots = [t for t in tokens[:-1] if t.head.i not in inside or t.head.i == t.i]
    verb = next((t for t in roots if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        names = [t for t in tokens[:-1] if t.ent_type_ in _SPEAKING_ENTS]
        if not names or any(t.pos_ in ("VERB", "AUX") for t in tokens):
            return None
        ent = entity_of(names[0])
        speaker = ent.root if ent is not None else names[0]
        return Cue(tokens[-1], tokens[-1].idx, tokens[-1].idx + 1, speaker, None)
    subject = subject_of(verb, in_quote)
    if subject is None or subject.i not in inside:
        return None
    named = subject.ent_type_ in _SPEAKING_ENTS or subject.pos_ == "PROPN"
    pronoun = subject.lower_ in _PRONOUNS  # "he", "she", "it", "they"
    if not (named or pronoun or subject.lemma_.lower() in document_nouns):
        return None
    return Cue(verb, verb.idx, verb.idx + len(verb.text), subject, None)


def closing_cue(doc: Doc, start: int, end: int, in_quote: Callable[[int], bool]) -> Cue | None:
    """The verb of a clause 'subject verb [adverbials]' filling the rest of a quote's sentence
    ("‘…,’ Matthews concluded." / "‘…,’ the senator said on Monday.")."""
    tokens = [t for t in _tokens(doc, start, end) if not (t.is_punct and not t.is_quote)]
    while tokens and tokens[-1].is_quote:
        tokens.pop()
    verbs = [t for t in tokens if t.pos_ == "VERB"]
    if not tokens or not verbs:
        return None
    verb = verbs[0]
    subject = subject_of(verb, in_quote) or adjacent_subject(verb, in_quote)
    if subject is None or subject.i > verb.i:
        subject = adjacent_subject(verb, in_quote)
    if subject is None or subject.i < tokens[0].i:
        return None
    if any(t.is_quote for t in tokens):
        return None
    if not _subject_and_verb_only(tokens, verb, subject, after_ok=True):
        return None
    return Cue(verb, verb.idx, verb.idx + len(verb.text), subject, None)


def _subject_and_verb_only(
    tokens: list[Token], verb: Token, subject: Token, *, after_ok: bool = False
) -> bool:
    """True when ``tokens`` hold only the subject's phrase, the verb and its adverbials."""
    subject_words = {t.i for t in subject.subtree}
    subject_words |= {t.i for t in tokens if t.i < verb.i and t.is_punct}
    allowed = set(subject_words) | {verb.i}
    for child in verb.children:
        if child.dep_ in _VERB_MODIFIERS and (after_ok or child.i < verb.i):
            allowed |= {t.i for t in child.subtree}
        elif child.dep_ in _OBJECTS and any(t.i == child.i for t in tokens):
            return False
    before = [t for t in tokens if t.i < verb.i]
    if before and not all(t.i in subject_words for t in before):
        # a misparsed subject ("Tulsa police Chief X said"): a noun phrase is enough
        if any(t.pos_ in ("VERB", "AUX", "SCONJ", "ADP") and not t.ent_type_ for t in before):
            return False
        allowed |= {t.i for t in before}
    return all(t.i in allowed for t in tokens)


def byline_cue(doc: Doc, close: int, p_end: int) -> Cue | None:
    """‘…’ ― Maria Lopez: a dash and a short name after a quote, ending its paragraph."""
    match = _BYLINE.match(text_of(doc), close + 1, p_end)
    if match is None or len(match.group(2).split()) > _MAX_BYLINE_WORDS:
        return None
    if not match.group(2)[:1].isupper():
        return None
    tokens = _tokens(doc, match.start(2), match.end(2))
    dash = _tokens(doc, match.start(1), match.end(1), "expand")
    speaker = pick_nominal(tokens)
    if speaker is None or not dash:
        return None
    return Cue(dash[-1], match.start(1), match.end(1), speaker, None)

"""Fronted indirect speech: the reported clause opens the sentence, the attribution closes it.

News style often writes "Content, X said." / "Content, said X, who …" / "Content, X told
CNN." The small parser reads such sentences in many ways (the content as the root with the
verb hanging off it, the speaker as an object or an apposition of the content's last noun),
so word order decides here: a clause with a verb, a comma, then a closing attribution made of
a noun phrase and the cue verb ("the Observatory said", "an official told AFP") or of the cue
verb and a noun phrase ("warned spokesman X", "said one officer").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

_CLAUSE_VERBS = ("VERB", "AUX")
_STOPS = {",", ".", ";", ":", "?", "!", "—", "–", "--"}
_MAX_SPEAKER = 12  # tokens of the attribution's noun phrase
_FINITE = ("VBD", "VBZ", "VBP")  # "said X", "says X": only a finite verb precedes its speaker


def fronted_speech(
    verb: Token, in_quote: Callable[[int], bool], pick: Callable[[list[Token]], Token | None]
) -> tuple[Token, Span] | None:
    """(speaker, content) of a cue verb closing its sentence after a fronted reported clause,
    or None when the sentence is not so built. ``pick`` chooses the speaker among tokens.

    The attribution may hold appositions ("…, the governor of X, NAME, told AP"): the
    comma-separated noun phrases before the verb are the speaker's, the first segment with a
    finite verb is the content."""
    doc = verb.doc
    sent = verb.sent
    segments, commas = _segments(doc[sent.start : verb.i])
    named: list[Token] = []
    comma = None
    while len(segments) > 1 and len(commas) > 0 and len(named) <= _MAX_SPEAKER:
        if segments[-1] and not _noun_phrase(segments[-1]):
            break
        if named and any(t.pos_ == "CCONJ" for t in segments[-1]):
            break  # "…from Iraq, Syria and Lebanon, an official said": a list ends the content
        named = named or segments[-1]  # "…, the governor of X, NAME, told AP": NAME
        segments.pop()
        comma = commas.pop()
    if comma is None or (not named and verb.lemma_.lower() == "tell"):
        return None
    if named and _goes_on(verb):
        return None  # "…, an expert, X, explained the events that …": X's words follow
    edge = doc[comma - 1]
    if edge.is_quote or in_quote(edge.idx):
        return None  # "‘…,’ X said": a direct quote's frame
    content = _fronted_clause(doc[sent.start : comma], in_quote)
    if content is None:
        return None
    if named:  # "…, the Observatory said"
        speaker = pick(named)
    else:  # "…, said one military officer, who …": the noun phrase follows the verb
        if verb.tag_ not in _FINITE:
            return None  # "…, denying reports of a truce": a participle inverts no speaker
        after = []
        for tok in doc[verb.i + 1 : sent.end]:
            if tok.text in _STOPS or in_quote(tok.idx) or len(after) >= _MAX_SPEAKER:
                break
            after.append(tok)
        if not _noun_phrase([t for t in after if not t.is_punct]):
            return None
        speaker = pick(after)
    if speaker is None or in_quote(speaker.idx):
        return None
    return speaker, content


def _goes_on(verb: Token) -> bool:
    """A verb with an object or clause of its own after it does not close the sentence (an
    addressee of 'tell' does: "…, an official told AFP")."""
    if verb.lemma_.lower() == "tell":
        return False
    return any(c.dep_ in ("dobj", "ccomp", "xcomp") and c.i > verb.i for c in verb.children)


def _segments(span: Span) -> tuple[list[list[Token]], list[int]]:
    """The comma-separated word groups of ``span`` from its last clause stop, and the commas."""
    segments: list[list[Token]] = [[]]
    commas: list[int] = []
    for tok in span:
        if tok.text in _STOPS and tok.text != ",":
            segments, commas = [[]], []  # an earlier clause of the same parse sentence
        elif tok.text == ",":
            segments.append([])
            commas.append(tok.i)
        elif not tok.is_space:
            segments[-1].append(tok)
    return segments, commas


def _noun_phrase(tokens: list[Token]) -> bool:
    """Words of a noun phrase only: no verb (outside names), no clause opener."""
    if not tokens or tokens[0].pos_ in ("ADP", "SCONJ", "CCONJ", "ADV"):
        return False
    return not any(t.pos_ in _CLAUSE_VERBS + ("SCONJ",) and not t.ent_type_ for t in tokens)


def _fronted_clause(span: Span, in_quote: Callable[[int], bool]) -> Span | None:
    """The reported clause before the comma: a clause with a finite verb, not a quotation."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].is_quote):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end - start < 3:
        return None
    words = doc[start:end]
    quoted = sum(1 for t in words if in_quote(t.idx))
    if quoted * 2 > len(words):
        return None
    if not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in words):
        return None
    return words

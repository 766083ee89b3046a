"""Names of noun phrases in a parse: proper-name runs, titles, compact common noun phrases.

Helpers of :mod:`fogline.extract.events.mentions`; pure functions over spaCy tokens.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from fogline.extract.events.lexicon import EventLexicon
from fogline.extract.spans import sentence


def introducing_noun(span: Span) -> str | None:
    """The territory noun a place name was written with: "the village of X", "X district"."""
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].lower_ == "of":
        return doc[span.start - 2].lemma_.lower()
    if span.end < len(doc) and doc[span.end].pos_ == "NOUN":
        return doc[span.end].lemma_.lower()
    return None


def subjects_before(tok: Token, lex: EventLexicon) -> list[Token]:
    """Subjects of clauses before ``tok`` in its sentence and the one before, nearest first."""
    deps = lex.labels("subject_deps") | lex.labels("passive_subject_deps")
    out: list[Token] = []
    sents = [sentence(tok)]
    if sentence(tok).start > 0:
        sents.insert(0, sentence(tok.doc[sentence(tok).start - 1]))
    for sent in sents:
        for t in sent:
            if t.i >= tok.i:
                break
            if t.dep_ in deps:
                out.append(t)
    return list(reversed(out))


def strip_det(span: Span, lex: EventLexicon) -> Span:
    """``span`` without its leading articles and trailing possessive."""
    start, end = span.start, span.end
    doc = span.doc
    articles = lex.words("articles")
    while start < end - 1 and doc[start].lower_ in articles:
        start += 1
    while end > start + 1 and doc[end - 1].tag_ == "POS":
        end -= 1
    return doc[start:end]


def proper_run(tok: Token, lex: EventLexicon) -> str:
    """A proper name ending in ``tok``: its capitalised left subtree ("Chief of Defence
    Staff" parsed as nmod + prep), else its capitalised compounds."""
    doc = tok.doc
    lo = tok.left_edge.i
    articles = lex.words("articles")
    while lo < tok.i and doc[lo].lower_ in articles:
        lo += 1
    run = doc[lo : tok.i + 1]
    connectors = lex.words("name_connectors")
    if len(run) > 1 and all(t.text[:1].isupper() or t.lower_ in connectors for t in run):
        return run.text
    parts = [c for c in tok.lefts if c.dep_ == "compound" and c.text[:1].isupper()]
    return " ".join(t.text for t in (*parts, tok))


def title(tok: Token, lex: EventLexicon) -> str:
    """A proper name with its "of" complement: "Chief of Army Staff", "Minister of Defence"."""
    name = proper_run(tok, lex)
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == tok.i + 1:
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "PROPN" and pobj.ent_type_ != "GPE":
                    return f"{name} of {proper_run(pobj, lex)}"
    return name


def noun_phrase(tok: Token) -> str:
    """Compact name of a common noun phrase: compound and adjective modifiers plus the head."""
    mods = [
        c
        for c in tok.lefts
        if c.dep_ in ("compound", "amod", "nmod") and c.pos_ != "NUM" and c.tag_ != "JJS"
    ]
    start = mods[0].i if mods else tok.i
    # keep the run contiguous
    start = max(start, min((c.i for c in mods), default=tok.i))
    words = [  # the head itself may be a possessor ("the coalition's strikes")
        t
        for t in tok.doc[start : tok.i + 1]
        if t.i == tok.i or t.dep_ not in ("det", "poss", "nummod")
    ]
    words = [t for t in words if t.tag_ != "POS" and not t.is_punct]
    return " ".join(t.text for t in words) if words else tok.text


def sides(tok: Token, lex: EventLexicon) -> list[Token]:
    """Noun phrases that may name the party a person noun is of ("an intelligence officer for
    al-Shabab", "a leader of the group"), also when the parser hangs the phrase on the verb
    ("killed [an officer] [for X]")."""
    if tok.lemma_.lower() not in lex.words("person_nouns") | lex.words("class:armed"):
        return []
    after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    right = [after] if after is not None and after.head.i == tok.head.i else []
    preps = lex.words("affiliation_preps")
    return [
        p
        for prep in [*tok.children, *right]
        if prep.dep_ == "prep" and prep.lower_ in preps
        for p in prep.children
        if p.dep_ == "pobj"
    ]


def name_after(tok: Token, lex: EventLexicon) -> Token | None:
    """The word after a territory noun, past a comma ("the Yemeni capital, Sanaa"): where a
    name apposed to it starts."""
    doc, i = tok.doc, tok.i + 1
    if i < len(doc) and doc[i].text == ",":
        i += 1
    if i < len(doc) and tok.lemma_.lower() in lex.words("class:territory"):
        return doc[i]
    return None

"""Denials by survival: "Baghdadi is alive", "the minister survived", "the crew are safe".

Said of a person another source reported killed, wounded or held, such a statement denies
that report: the words and the predicates each denies are ``survival_words`` in
``data/claims/stance.yaml``. A survival statement that is negated, asked, conditional or
modal ("may still be alive", "if he is alive") denies nothing, and one about a person no
claim of the document names answers nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from fogline.extract.claims.draft import Draft, evidence, is_question, same_source
from fogline.extract.claims.index import ClaimIndex
from fogline.extract.claims.references import Ref
from fogline.extract.claims.responses import response_source
from fogline.textnorm import fold

_STATE_DEPS = frozenset({"acomp", "attr", "oprd", "xcomp", "advcl", "conj"})


def survival_drafts(doc: Doc, drafts: list[Draft], ix: ClaimIndex) -> list[Draft]:
    """Denials of the killings, woundings and captures that survival statements answer."""
    out: list[Draft] = []
    for word, clause, subject, denied in _statements(doc, ix):
        ref = ix.resolve(subject)
        if ref is None:
            continue
        # the one who says so: the reporter of the clause ("police said Salah was safe"), else
        # the speaker quoted there, else the outlet (the subject is who survived, not a source)
        reported = clause.dep_ in ("ccomp", "conj") and clause.head != clause
        source = (response_source(clause.head, ix) if reported else None) or (
            ix.source_at(word.idx) or ix.outlet
        )
        start, end = evidence(word, ix)
        seen: set[tuple] = set()
        for d in drafts:
            key = (d.predicate, d.subject, d.object, d.place)
            if (
                d.predicate not in denied
                or d.stance == "denies"
                or d.origin == "response"
                or key in seen
                or same_source(d.source, source)
                or not _names(d.object, ix.text[d.start : d.end], ref)
            ):
                continue
            seen.add(key)
            out.append(
                Draft(
                    d.predicate,
                    d.subject,
                    d.object,
                    d.place,
                    d.date,
                    start,
                    end,
                    word.idx,
                    source,
                    "denies",
                    origin="response",
                    link=d,
                )  # fmt: skip
            )
    return out


def _statements(doc: Doc, ix: ClaimIndex) -> Iterator[tuple[Token, Token, Token, frozenset[str]]]:
    """(survival word, its clause, subject, the predicates it denies) of each plain statement."""
    words = ix.lex.survival_words
    for tok in doc:
        denied = words.get(tok.lemma_.lower()) or words.get(tok.lower_)
        if not denied:
            continue
        if tok.pos_ == "VERB":  # "he survived the strike"; not "is survived by his wife"
            clause, subject_deps = tok, ("nsubj",)
        elif tok.dep_ in _STATE_DEPS or (tok.dep_ == "pobj" and tok.head.lower_ == "at"):
            clause = tok.head.head if tok.dep_ == "pobj" else tok.head
            subject_deps = ("nsubj", "nsubjpass")
            if clause.pos_ not in ("VERB", "AUX"):
                continue
        else:
            continue
        subject = next((c for c in clause.children if c.dep_ in subject_deps), None)
        if subject is None or not _plain(clause, tok, ix):
            continue
        yield tok, clause, subject, denied


def _plain(clause: Token, word: Token, ix: ClaimIndex) -> bool:
    """Neither negated, modal, conditional nor asked."""
    grammar = ix.lex.grammar
    for t in (clause, word):
        for c in t.children:
            if c.dep_ == "neg" or c.lower_ in grammar["negative_adverbs"]:
                return False
            if c.dep_ == "aux" and c.tag_ == "MD":  # "may still be alive"
                return False
            if c.dep_ == "mark" and c.lower_ in grammar["conditional_subordinators"]:
                return False
    return not is_question(word, ix)


def _names(obj: str | None, evidence_text: str, ref: Ref) -> bool:
    """Is the person the survival statement is about a claim's object, or named in the
    claim's evidence ("Rebel commander Ali Musa was killed": object "rebels")?"""
    names = {fold(ref.name)}
    if ref.actor is not None:
        names |= {fold(ref.actor.name), *(fold(a) for a in ref.actor.aliases)}
    surnames = {n.split()[-1] for n in names if n and len(n.split()[-1]) > 3}
    if obj and (fold(obj) in names or fold(obj).split()[-1] in surnames):
        return True
    words = set(fold(evidence_text).replace("'s", " ").split())
    return bool(surnames & words)

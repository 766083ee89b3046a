"""Which coded mentions report an event an analyst would code, and which do not.

Not events: a purpose or an attempt ("a raid to rescue him": the raid is the event, the
rescue is not), a habit ("rarely discuss"), a generic noun with nothing said about it ("aid",
"the demands"), and, after grouping, an event whose doer and recipient are both unknown
unless it is placed or counted ("fighting in Gao", "the blast killed six").
"""

from __future__ import annotations

from spacy.tokens import Token

from fogline.extract.events.lexicon import EventLexicon
from fogline.model import Event


def purpose_or_habit(tok: Token, lex: EventLexicon) -> bool:
    """Is the trigger a verb of purpose or attempt ("sought to rescue", "a raid to free
    him"), which no intention head governs, or one a habitual adverb modifies?"""
    if any(c.dep_ == "advmod" and c.lower_ in lex.words("habitual_adverbs") for c in tok.children):
        return True
    if tok.pos_ != "VERB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    governing = (
        lex.words("planned_heads")
        | lex.words("intent_heads")
        | lex.words("threat_heads")
        | lex.words("purpose_heads")  # "will travel to Accra to meet": the meeting is planned
    )
    head = tok.head
    return head.lemma_.lower() not in governing and tok.dep_ in ("xcomp", "advcl", "acl", "relcl")


def asserts_a_view(tok: Token, lex: EventLexicon) -> bool:
    """Is the trigger a verb that, with a that-clause, asserts a view ("insisted that the
    talks were going on"): a claim for the claims layer, no event?"""
    return tok.lemma_.lower() in lex.words("assertive_verbs") and any(
        c.dep_ == "ccomp" for c in tok.children
    )


def talk_not_act(tok: Token, lex: EventLexicon) -> bool:
    """Is the trigger a word about speech rather than an act: an order given in the imperative
    ("kill him", "burn his home": an instruction, nothing done), a verb that names ("an area
    called Wadi Abdan"), a refusal to speak ("declined to comment") or a question asked
    ("asked whether it was permissible")?"""
    lemma = tok.lemma_.lower()
    if _imperative(tok):
        return True
    if lemma in lex.words("naming_verbs") and (
        any(c.dep_ in ("oprd", "attr") for c in tok.children)
        or (tok.dep_ == "acl" and tok.tag_ == "VBN")
    ):
        return True
    if lemma in lex.words("refusal_verbs"):
        said = lex.words("speech_complements")
        return any(c.dep_ == "xcomp" and c.lemma_.lower() in said for c in tok.children)
    return lemma in lex.words("question_verbs") and _asks_a_question(tok, lex)


def _imperative(tok: Token) -> bool:
    """A bare verb with no subject heading its sentence or a quoted clause (or joined to one
    that does)."""
    if tok.tag_ != "VB" or tok.pos_ != "VERB":
        return False
    governed = ("nsubj", "nsubjpass", "expl", "aux", "auxpass", "mark")
    if any(c.dep_ in governed for c in tok.children):
        return False
    if tok.dep_ in ("ROOT", "ccomp", "dep", "parataxis"):
        return True  # a quoted order is the complement of the verb that reports it
    return tok.dep_ == "conj" and _imperative(tok.head)


def _asks_a_question(tok: Token, lex: EventLexicon) -> bool:
    """"asked whether ...", "asked about ...", "'Were they escaping?' asked X"."""
    for c in tok.children:
        if (c.dep_ == "prep" and c.lower_ == "about") or c.text == "?":
            return True
        if c.dep_ != "ccomp":
            continue
        if any(t.text == "?" for t in c.subtree):
            return True
        marks = lex.words("question_marks")
        if any(t.tag_ in ("WDT", "WP", "WRB") or t.lower_ in marks for t in c.children):
            return True
    return False


def reportable(event: Event, lex: EventLexicon) -> bool:
    """Does a grouped event say that something happened (not "could", a hope, a fear or a
    question), and enough to be coded: a doer or a recipient, a place stated in the text
    ("protests in Bamako") or a count of the dead?"""
    if "hypothetical" in (event.mode or "").split(","):
        return False  # "could fall", "hopes for the release", "Has Kidal fallen?"
    if event.actor is not None or event.target is not None:
        return True
    stated = event.place is not None and not event.place.inferred
    return stated or event.fatalities is not None

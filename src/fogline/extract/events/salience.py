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

"""Which coded mentions report an event an analyst would code, and which do not.

Not events: a purpose or an attempt ("a raid to rescue him": the raid is the event, the
rescue is not), a habit ("rarely discuss"), a generic noun with nothing said about it ("aid",
"the demands"), words about speech rather than acts (a quoted order "kill him", "an area
called X", "declined to comment", "asked whether"), a journey with no destination, and, after
grouping, an event whose doer and recipient are both unknown unless it is placed or counted
("fighting in Gao", "the blast killed six").
"""

from __future__ import annotations

from spacy.tokens import Token

from fogline.extract.events.lexicon import EventLexicon
from fogline.extract.events.mentions import Mentions
from fogline.model import Event


def purpose_or_habit(tok: Token, lex: EventLexicon) -> bool:
    """Is the trigger a verb of purpose or attempt ("sought to rescue", "a raid to free
    him"), which no intention head governs, or one a habitual adverb modifies? A speech act
    whose purpose clause names its medium ("took to Twitter to deny", "held a news conference
    to announce") is done."""
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
    if tok.lemma_.lower() in lex.words("speech_act_verbs") and (
        head.lemma_.lower() in lex.words("medium_heads")
    ):
        return False  # "took to social media to deny": saying it there is doing it
    return head.lemma_.lower() not in governing and tok.dep_ in ("xcomp", "advcl", "acl", "relcl")


def asserts_a_view(tok: Token, lex: EventLexicon) -> bool:
    """Is the trigger a verb that, with a that-clause and no addressee, asserts a view
    ("insisted that the talks were going on", "warned that it would get worse"): a claim for
    the claims layer, no event? Warning a party ("warned the rebels that they must surrender")
    still threatens."""
    if tok.lemma_.lower() not in lex.words("assertive_verbs"):
        return False
    deps = {c.dep_ for c in tok.children}
    return "ccomp" in deps and not deps & {"dobj", "dative"}


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
        return any(c.dep_ in ("xcomp", "dobj") and c.lemma_.lower() in said for c in tok.children)
    return lemma in lex.words("question_verbs") and (
        _asks_a_question(tok, lex) or _asks_anonymity(tok, lex)
    )


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
    """ "asked whether ...", "asked if ...", "asked about ...", "'Why?' asked X"."""
    for c in tok.children:
        if (c.dep_ == "prep" and c.lower_ == "about") or c.text == "?":
            return True
        if c.dep_ not in ("ccomp", "advcl"):
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
    ("protests in Bamako"), a count of the dead or the weapons seized? A verbal or cooperative
    act needs a doer or a stated place ("talks in Geneva"): said of nobody nowhere, it is no
    report."""
    if "hypothetical" in (event.mode or "").split(","):
        return False  # "could fall", "hopes for the release", "Has Kidal fallen?"
    stated = event.place is not None and not event.place.inferred
    if event.actor is None and event.type in lex.labels("verbal_types") and not stated:
        return False  # "an alliance with al-Qaida": nobody's, nowhere
    if event.actor is not None or event.target is not None:
        return True
    if event.acled_subtype == "Disrupted weapons use":
        return True  # coded only for weapons seized or found: "12 rifles were seized"
    return stated or event.fatalities is not None


def _asks_anonymity(tok: Token, lex: EventLexicon) -> bool:
    """ "asked not to be named", "asked to remain anonymous": a source's terms, no request."""
    words = lex.words("anonymity_words")
    return any(
        t.lemma_.lower() in words
        for c in tok.children
        if c.dep_ in ("xcomp", "ccomp")
        for t in c.subtree
    )


def releases_a_message(tok: Token, mode: str | None, lex: EventLexicon) -> bool:
    """Is the trigger a noun of release whose "of" complement is a message ("the release of
    the video"): publishing, not freeing anyone (coding.tsv drops "released a video")?"""
    if tok.pos_ != "NOUN" or mode != "release":
        return False
    messages = lex.words("class:message")
    return any(
        p.dep_ == "pobj" and p.lemma_.lower() in messages
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children
    )


def refers_to_known_talk(tok: Token, plover: str, lex: EventLexicon) -> bool:
    """Is the trigger a definite or possessed noun of a verbal or cooperative type ("its
    demands", "the family's request", "the warnings"), not carried by a light verb ("made its
    demands")? It names a speech act reported elsewhere or known, and reports none."""
    if tok.pos_ != "NOUN" or plover not in lex.labels("verbal_types"):
        return False
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in lex.words("light_verbs"):
        return False
    referring = lex.words("referring_determiners")
    return any(
        (c.dep_ == "det" and c.lower_ in referring) or c.dep_ == "poss" for c in tok.children
    )


def aimless_travel(tok: Token, mode: str | None, ments: Mentions) -> bool:
    """Is the event a visit read from a verb of travel ("was travelling in a convoy", "they
    arrived") that names no place it goes to: a journey, no visit?"""
    if mode is None or "visit" not in mode.split(",") or tok.lemma_.lower() == "visit":
        return False
    if tok.pos_ != "VERB" or any(c.dep_ == "dobj" for c in tok.children):
        return False
    dests = ments.lex.words("destination_preps")
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in dests:
            for p in c.children:
                if p.dep_ == "pobj" and (ments.place_of(p) is not None or ments.is_place(p)):
                    return False
    return True


def modifies_a_noun(tok: Token) -> bool:
    """Is the trigger a noun or gerund modifying another noun ("fighting positions", "attack
    helicopters", "photo-sharing sites"): a kind of thing, no event?"""
    if tok.tag_ not in ("NN", "NNS", "VBG"):
        return False  # "had overrun the district": a participle mis-read as an adjective
    return tok.dep_ in ("compound", "amod") and tok.head.pos_ in ("NOUN", "PROPN")


def generic_plural(tok: Token, anchor: Token, actor: object) -> bool:
    """Is the trigger a plural noun with no doer that no light verb carries ("terror
    attacks", "recent air strikes in Syria", "the strikes"): many events summed up, none
    reported? Plurals the clause reports on are events: carried by a verb ("students staged
    demonstrations"), subjects ("attacks in Karak left seven dead") or passive agents ("hit
    by attacks in 13 places")."""
    if actor is not None or tok.tag_ not in ("NNS", "NNPS") or anchor.i != tok.i:
        return False
    if tok.dep_ in ("dobj", "nsubj", "nsubjpass"):
        return False
    return not (tok.dep_ == "pobj" and tok.head.dep_ == "agent")


def leftover_reference(event: Event, tok: Token | None, lex: EventLexicon) -> bool:
    """After grouping, is the event a definite noun ("the operation", "the strikes") with
    no doer, recipient, weapon or count that joined no other mention: a reference to an event
    told (or known) elsewhere, which adds nothing of its own?"""
    if tok is None or tok.pos_ != "NOUN" or len(event.mentions) > 1:
        return False
    if event.actor or event.target or event.mode or event.fatalities is not None:
        return False
    referring = lex.words("referring_determiners")
    return any(c.dep_ == "det" and c.lower_ in referring for c in tok.children)


def describes_a_kind(tok: Token) -> bool:
    """Is the trigger a present-tense relative clause or participle on a plural common noun
    ("countries that support terrorism", "groups seeking to topple Assad", "refugees seeking
    shelter"): what such parties do, no event? A perfect ("pilots who have joined") or past
    tense ("fighters who seized the town") still reports one."""
    if tok.dep_ not in ("relcl", "acl") or tok.tag_ not in ("VBP", "VBZ", "VBG"):
        return False
    head = tok.head
    if head.tag_ != "NNS" or head.ent_type_:
        return False
    return not any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)


def private_speaker(event: Event, kinds: dict[str, tuple[str, bool]], lex: EventLexicon) -> bool:
    """Is a verbal or cooperative event's doer a private person (a hostage, a relative, a
    resident, refugees: a person with no office or side, or a noun of ``private_nouns``)?
    Their pleas and plans are the story's colour, no political event (PLOVER codes the acts
    of states, organisations, groups and their officials). ``kinds`` maps an actor id to its
    kind and whether it has a role or affiliation."""
    actor = event.actor
    if actor is None or event.type not in lex.labels("verbal_types"):
        return False
    if actor.actor_id is not None and actor.actor_id in kinds:
        kind, placed = kinds[actor.actor_id]
        if kind == "person" and not placed:
            return True
    words = actor.name.lower().split()
    head = words[-1] if words else ""
    private = lex.words("private_nouns")
    return head in private or head.rstrip("s") in private or head[:-2] + "y" in private

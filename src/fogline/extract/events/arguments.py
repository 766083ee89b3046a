"""The arguments of a trigger: its anchor clause and the tokens filling its roles.

A :class:`Frame` is built from the dependency parse before any coding decision: the anchor
(the trigger, or the light verb carrying an event noun: "launched an attack"), the actor
token, the recipient tokens (one per coordinated or apposed name), the object, the tokens
naming a place, and an event noun the trigger is caused by ("killed in an air strike").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from fogline.extract.events.classes import noun_class
from fogline.extract.events.lexicon import EventLexicon, Trigger
from fogline.extract.events.mentions import Mentions
from fogline.extract.events.syntax import children, pobjs
from fogline.extract.events.triggers import TriggerMatch


@dataclass(slots=True)
class Frame:
    """The parse around one trigger."""

    match: TriggerMatch
    anchor: Token
    trigger: Trigger
    actor: Token | None = None
    targets: list[Token] = field(default_factory=list)
    obj: Token | None = None
    place_tokens: list[Token] = field(default_factory=list)
    governor: Token | None = None  # "is expected to meet", "will travel to X to meet": the
    # scheduling or motion verb whose place and date the event shares
    cause: TriggerMatch | None = None
    obj_match: TriggerMatch | None = None  # the object is itself an event ("ended the talks")
    actor_from_to: bool = False

    @property
    def token(self) -> Token:
        """The trigger's head token."""
        return self.match.token

    def anchors(self) -> set[int]:
        """Token indices whose clause is the event's clause."""
        out = {self.token.i, self.anchor.i}
        if self.cause is not None:
            out.add(self.cause.token.i)
        if self.governor is not None:
            out.add(self.governor.i)
        return out


def is_actorlike(tok: Token | None, ments: Mentions) -> bool:
    """Does a noun phrase name a party (person, group, state, force, civilians)?"""
    if tok is None:
        return False
    lex = ments.lex
    if tok.pos_ == "PRON":
        return tok.lower_ not in lex.words("relative_pronouns") | lex.words("non_party_pronouns")
    if ments.is_place(tok):
        return False
    actor_labels = lex.labels("actor_entities")
    if tok.ent_type_ in actor_labels or ments.actor_of(tok) is None:
        return tok.ent_type_ in actor_labels
    if ments.has_actor(tok):
        return True
    if noun_class(tok, ments) in lex.labels("party_classes"):
        return True
    if tok.lemma_.lower() in lex.words("state_forces") | lex.words("person_nouns"):
        return True
    return any(
        c.dep_ in ("compound", "amod", "poss") and (c.ent_type_ in actor_labels or c.pos_ == "PRON")
        for c in tok.lefts
    ) or (tok.pos_ == "NUM" and any(c.dep_ == "prep" for c in tok.children))


def expand(tok: Token) -> list[Token]:
    """A recipient and its coordinated or apposed names: one entry per party."""
    apposed = [a for a in children(tok, "appos") if a.pos_ == "PROPN"]
    base = apposed if apposed and tok.pos_ == "NOUN" else [tok]
    out: list[Token] = []
    for t in base:
        out.append(t)
        cur = t
        for _ in range(6):
            nxt = children(cur, "conj")
            if not nxt:
                break
            cur = nxt[0]
            out.append(cur)
    return out


def subject(verb: Token, lex: EventLexicon, depth: int = 0) -> tuple[Token | None, bool]:
    """The agent of ``verb`` (active subject or "by" object) and whether it is passive."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass", "agent") for c in verb.children)
    if passive or _shares_passive(verb):
        # "was ambushed and killed by X": the last conjunct's agent is every conjunct's
        for v in (verb, *(c for c in children(verb, "conj") if c.tag_ == "VBN")):
            for c in children(v, "agent"):
                for p in children(c, "pobj"):
                    return p, True
        return None, True
    subj = next(iter(children(verb, "nsubj")), None)
    if subj is not None and subj.lower_ in lex.words("relative_pronouns") and verb.dep_ == "relcl":
        return verb.head, False
    if subj is not None:
        return subj, False
    if depth > 3 or verb.head is verb:
        return None, False
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX", "ADJ"):
        return _raised_subject(verb, lex, depth)
    if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
        return verb.head, False
    return None, False


def _shares_passive(verb: Token) -> bool:
    """A participle conjoined to a passive verb ("was ambushed and killed"): passive too."""
    head = verb.head
    return (
        verb.dep_ == "conj"
        and verb.tag_ == "VBN"
        and not children(verb, "nsubj", "dobj", "aux")
        and any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children)
    )


def _raised_subject(verb: Token, lex: EventLexicon, depth: int) -> tuple[Token | None, bool]:
    """The subject a complement or conjunct shares with its head ("is due to arrive")."""
    head = verb.head
    if verb.dep_ == "advcl" and verb.tag_ not in ("VBG", "VB"):
        return None, False
    if head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod"):  # "is due to arrive"
        head = head.head
    found, _ = subject(head, lex, depth + 1)
    if found is None and verb.dep_ in ("xcomp", "advcl"):  # "is set to convene"
        found = next(iter(children(head, "nsubjpass")), None)  # raised subject
    return found, False


def patient(verb: Token) -> Token | None:
    """The object of an active verb, the subject of a passive one."""
    for c in children(verb, "nsubjpass"):
        return c
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return verb.head
    if _shares_passive(verb) and children(verb, "agent"):
        return patient(verb.head)  # "was ambushed and killed by X": the subject of both
    for c in children(verb, "dobj", "obj"):
        return c
    return None


def clause_verb(tok: Token) -> Token:
    """The verb heading a trigger's clause; a mis-tagged participle uses its auxiliary."""
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
        return tok
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.lemma_ in ("have", "be") and prev.pos_ in ("VERB", "AUX"):
        return prev
    return tok


def build_frame(
    m: TriggerMatch, by_token: dict[int, TriggerMatch], ments: Mentions, lex: EventLexicon
) -> Frame | None:
    """The frame of a trigger, or None when the trigger yields to another (light verb)."""
    if "arrival" in m.trigger.flags:
        return _arrival_frame(m, ments, lex)
    frame = (
        _verb_frame(m, by_token, ments, lex)
        if m.trigger.pos == "V"
        else _noun_frame(m, by_token, ments, lex)
    )
    if frame is not None:
        frame.governor = governor(frame.anchor, lex)
    return frame


def governor(anchor: Token, lex: EventLexicon) -> Token | None:
    """The verb scheduling the event or moving its actor to it ("is expected to meet",
    "will travel to Baidoa to meet"), up to two clause links above the anchor."""
    heads = lex.words("schedule_heads") | lex.words("purpose_heads")
    cur = anchor
    for _ in range(2):
        if cur.dep_ not in ("xcomp", "advcl", "conj") or cur.head is cur:
            return None
        cur = cur.head
        if cur.lemma_.lower() in heads:
            return cur
    return None


def _arrival_frame(m: TriggerMatch, ments: Mentions, lex: EventLexicon) -> Frame | None:
    """An expected arrival ("the delegation is due in Damascus"): the copula's or the
    passive's subject travels to the place; no place, no event."""
    tok = m.token
    frame = Frame(m, tok, m.trigger)
    subj = children(tok, "nsubjpass", "nsubj")
    if not subj and tok.dep_ == "acomp":
        subj = children(tok.head, "nsubj")
    frame.actor = subj[0] if subj else None
    places = [p for _, p in pobjs(tok, lex.words("arrival_preps")) if ments.place_of(p) is not None]
    if not places:
        return None
    frame.place_tokens = places
    return frame


def _verb_frame(
    m: TriggerMatch, by_token: dict[int, TriggerMatch], ments: Mentions, lex: EventLexicon
) -> Frame | None:
    tok, trig = m.token, m.trigger
    verb = clause_verb(tok)
    frame = Frame(m, verb, trig)
    obj = _verb_object(m, verb, lex)
    if _yields(trig, verb, obj, by_token, ments):
        return None
    if obj is not None and obj.i in by_token:
        frame.obj_match = by_token[obj.i]
    actor, passive = subject(verb, lex)
    if "patient" in trig.flags and not passive:
        obj, actor = actor, None
        for _prep, p in pobjs(verb, lex.words("patient_agent_preps")):
            if is_actorlike(p, ments):
                actor, frame.actor_from_to = p, True
    frame.actor, frame.obj = actor, obj
    if "cause" in trig.flags:
        _add_cause(frame, verb, by_token, ments, lex)
    if obj is not None and _named_territory(obj, trig):
        frame.place_tokens = [obj, *_place_tokens(verb, None, lex)]
        return frame  # "retook Anefis": the object of a territorial verb is a place
    if obj is not None and is_actorlike(obj, ments):
        frame.targets = expand(obj)
    else:
        _add_recipients(frame, verb, obj, ments, lex)
    party = obj is not None and bool(frame.targets) and frame.targets[0].i == obj.i
    frame.place_tokens = _place_tokens(verb, obj, lex, party=party)
    if frame.cause is not None:  # "killed in fighting near Gao"
        frame.place_tokens += _place_tokens(frame.cause.token, None, lex)
    return frame


def _verb_object(m: TriggerMatch, verb: Token, lex: EventLexicon) -> Token | None:
    """The object of a verb trigger, not a word of the term itself ("take control")."""
    tok = m.token
    obj = patient(verb) if verb is tok else (tok.head if tok.dep_ == "amod" else None)
    if obj is not None and obj.i in {t.i for t in m.tokens}:
        obj = None  # "take control": the object word is part of the term
    if obj is None and verb is tok and len(m.tokens) > 1:
        for t in m.tokens[1:]:
            for _, p in pobjs(t, lex.words("term_object_preps")):
                obj = p
    return obj


def _yields(
    trig: Trigger,
    verb: Token,
    obj: Token | None,
    by_token: dict[int, TriggerMatch],
    ments: Mentions,
) -> bool:
    """Does the verb leave its event to another trigger: a light verb's event noun ("launched
    an attack"), an intention's complement that is an event (retyped as AGREE/THREATEN by the
    coder; "agreed to drop the charges" names no air strike, so the agreement stays)?"""
    lex = ments.lex
    light = trig.term in lex.words("light_verbs") or "light" in trig.flags
    if light and obj is not None and obj.i in by_token and by_token[obj.i].trigger.pos == "N":
        return True
    if "intent" not in trig.flags and "threat" not in trig.flags:
        return False
    for c in children(verb, "xcomp"):
        match = by_token.get(c.i)
        if match is None or match.trigger.pos != "V":
            continue
        flags = match.trigger.flags
        needs = [lex.labels(f + "_objects") for f in ("munition", "force") if f in flags]
        if needs and not all(noun_class(patient(c), ments) in classes for classes in needs):
            continue
        return True
    return False


def _add_cause(
    frame: Frame, verb: Token, by_token: dict[int, TriggerMatch], ments: Mentions, lex: EventLexicon
) -> None:
    """The violent event noun a death or injury is caused by ("killed in an air strike", "a
    roadside bombing killed"), and its party as the actor."""
    actor = frame.actor
    cands = [p for _prep, p in pobjs(verb, lex.words("cause_preps")) if p.i in by_token]
    if actor is not None and actor.i in by_token:
        cands.append(actor)
    for c in cands:
        cm = by_token[c.i]
        if cm.trigger.pos == "N" and cm.trigger.plover in lex.labels("violent_types"):
            frame.cause = cm
            if frame.actor is c or frame.actor is None:
                frame.actor = _noun_actor(c, ments, fight=cm.trigger.plover == "FIGHT")
            break


def _add_recipients(
    frame: Frame, verb: Token, obj: Token | None, ments: Mentions, lex: EventLexicon
) -> None:
    """Recipients named by a preposition of the verb or its object ("fired on X")."""
    trig = frame.trigger
    moving = "move" in trig.flags or trig.mode == "visit"
    frame.obj = obj
    for holder in (verb, obj):
        if holder is None or frame.targets:
            continue
        for prep, p in pobjs(holder, lex.words("target_preps")):
            if (
                moving
                and prep in lex.words("motion_preps")
                and p.ent_type_ in ("GPE", "LOC", "FAC")
            ):
                continue  # "travel to Germany": a destination, not a recipient
            if is_actorlike(p, ments) and p is not frame.actor:
                frame.targets = expand(p)
                break


def _named_territory(obj: Token, trig: Trigger) -> bool:
    """A proper name as the object of a verb that only takes places ("overran", "retook")."""
    territorial = "gain" in trig.flags or trig.acled == "GOVGAIN"
    return territorial and obj.pos_ == "PROPN" and obj.ent_type_ not in ("ORG", "NORP")


def _noun_actor(noun: Token, ments: Mentions, *, fight: bool = False) -> Token | None:
    """The party a violent event noun names: its possessor or modifier ("the army's
    offensive"), its "by"/"from"/"between" complement, and for a fight ("a firefight
    with X", "clashes with X") the opponent named with "with"."""
    lex = ments.lex
    undergone = noun.lemma_.lower() in lex.words("patient_nouns")
    for c in noun.lefts:
        if c.dep_ == "poss" and not undergone:  # "her arrest": she is arrested
            return c
        if c.dep_ in ("compound", "amod", "nmod") and (
            c.ent_type_ in lex.labels("actor_entities") and not ments.is_place(c)
        ):
            return c
    preps = lex.words("noun_actor_preps")
    if fight:
        preps = preps | lex.words("fight_opponent_preps")
    for _prep, p in pobjs(noun, preps):
        if is_actorlike(p, ments):
            return p
    return None


def responsible_party(noun: Token, lex: EventLexicon) -> Token | None:
    """Who is said to have done an event named by a noun: "X was responsible for the
    bombing", "X claimed responsibility for the attack", "X claimed the attack", "X was
    behind the attack", "X announced a ceasefire"."""
    head = noun.head
    verbs = lex.words("claiming_verbs") | lex.words("declaring_verbs")
    if noun.dep_ == "dobj" and head.lemma_.lower() in verbs:
        return subject(head, lex)[0]  # "claimed the attack", "announced a ceasefire"
    if noun.dep_ != "pobj" or head.lower_ not in ("for", "behind", "of"):
        return None
    holder = head.head
    if holder.lemma_.lower() in lex.words("blaming_verbs"):  # "blamed X for the thefts"
        return next(iter(children(holder, "dobj", "nsubjpass")), None)
    if holder.dep_ == "dobj" and holder.head.lemma_.lower() in lex.words("blaming_verbs"):
        return holder  # the parser hangs "for the thefts" on X
    if head.lower_ == "of":
        return None
    if head.lower_ == "behind":
        return subject(holder, lex)[0] if holder.lemma_ == "be" else None
    lemma = holder.lemma_.lower()
    if lemma in lex.words("responsibility_words") and holder.dep_ == "acomp":
        return subject(holder.head, lex)[0]  # "was responsible for"
    if lemma in lex.words("responsibility_words") and holder.dep_ == "dobj":
        verb = holder.head  # "claimed responsibility for"
        return subject(verb, lex)[0] if verb.lemma_.lower() in lex.words("claiming_verbs") else None
    return None


def _noun_frame(
    m: TriggerMatch, by_token: dict[int, TriggerMatch], ments: Mentions, lex: EventLexicon
) -> Frame:
    tok, trig = m.token, m.trigger
    anchor = _light_verb(tok, lex)
    frame = Frame(m, anchor, trig)
    frame.actor = _noun_actor(tok, ments, fight=trig.plover == "FIGHT")
    if frame.actor is None and anchor is not tok and tok.dep_ == "dobj":
        frame.actor = subject(anchor, lex)[0]
    if frame.actor is None:
        frame.actor = responsible_party(tok, lex)
    frame.targets = _undergoer(tok, ments)
    between = [p for _prep, p in pobjs(tok, {"between"})]
    if between:
        parties = expand(between[0])
        frame.actor = parties[0]
        frame.targets = parties[1:2]
    preps = lex.words("target_preps") | {"of"}
    for prep, p in pobjs(tok, preps):
        if frame.targets:
            break
        if prep == "of" and trig.plover not in lex.labels("of_recipient_types"):
            continue
        if ments.is_place(p) or ments.place_of(p) is not None:
            if trig.plover in lex.labels("place_object_types"):  # "the assault on Kidal"
                frame.obj = frame.obj or p
            continue
        if is_actorlike(p, ments) and p is not frame.actor:
            frame.targets = expand(p)
    if not frame.targets and anchor is not tok:
        for _prep, p in pobjs(anchor, lex.words("light_recipient_preps")):
            if is_actorlike(p, ments) and p is not frame.actor:
                frame.targets = expand(p)
                break
    frame.place_tokens = _place_tokens(tok, frame.obj, lex)
    if anchor is not tok:
        extra = _place_tokens(anchor, None, lex)
        frame.place_tokens = frame.place_tokens[:1] + extra + frame.place_tokens[1:]
    return frame


def _undergoer(noun: Token, ments: Mentions) -> list[Token]:
    """The possessor of an event noun it happens to ("her arrest", "Foley's murder")."""
    if noun.lemma_.lower() not in ments.lex.words("patient_nouns"):
        return []
    owner = next((c for c in noun.lefts if c.dep_ == "poss"), None)
    return expand(owner) if owner is not None and is_actorlike(owner, ments) else []


def _light_verb(tok: Token, lex: EventLexicon) -> Token:
    """The light verb carrying an event noun ("launched an attack"), else the noun itself."""
    head = tok.head
    light = lex.words("light_verbs")
    head_lemma = head.lemma_.lower()
    if tok.dep_ in ("dobj", "nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        phrasal = " ".join([head_lemma, *(c.lower_ for c in head.children if c.dep_ == "prt")])
        if (phrasal in light or head_lemma in light) and head_lemma not in lex.words(
            "reporting_verbs"
        ):
            return head
    return tok


def _place_tokens(
    tok: Token, obj: Token | None, lex: EventLexicon, *, party: bool = False
) -> list[Token]:
    """Tokens that may name the event's place: object, then locative, then other preps; of a
    party as the object ("seized Mueller, originally from Prescott") only locatives."""
    strong: list[Token] = []
    weak: list[Token] = []
    surely = lex.words("strong_place_preps")
    for holder in (tok, obj):
        if holder is None:
            continue
        for prep, p in pobjs(holder, lex.words("place_preps")):
            if party and holder is obj and prep not in surely:
                continue  # "seized Mueller, originally from Prescott": where she is from
            (strong if prep in surely else weak).append(p)
    return ([obj] if obj is not None else []) + strong + weak

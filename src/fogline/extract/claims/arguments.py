"""A draft claim from a proposition of the parse: its stance, source and arguments.

The proposition reader gives tokens; here they become names: the subject (the actor the agent
refers to, or the reporter it stands for), the place (a mention, a named place noun, or the
salient place a definite "the town" points back to), the object (a class of people or a
resolved patient) and the date of the clause or of the verbs reporting it.
"""

from __future__ import annotations

from spacy.tokens import Token

from fogline.extract.claims.clauses import (
    borrowed_agent,
    borrowed_place,
    place_in_content,
    where_place,
)
from fogline.extract.claims.draft import Draft, evidence, is_question
from fogline.extract.claims.index import ClaimIndex
from fogline.extract.claims.lexicon import ClaimLexicon
from fogline.extract.claims.locatives import antecedent_actor, doer, instrument_agent
from fogline.extract.claims.propositions import Prop, PropositionReader
from fogline.extract.claims.references import Ref, short_name
from fogline.extract.claims.stance import Reading, read_stance
from fogline.extract.claims.syntax import plural
from fogline.extract.spans import sentence
from fogline.model import Source


def draft_of(prop: Prop, ix: ClaimIndex, reader: PropositionReader) -> Draft | None:
    """The draft claim of a proposition: stance and source read, arguments resolved (None:
    a question, or a claim without the arguments its predicate needs)."""
    if is_question(prop.trigger, ix):
        return None
    reading = read_stance(prop.trigger, prop.negated or _denial_phrase(prop.trigger, ix), ix)
    agent = _agent(prop, reading, ix)
    place, inferred = _place_of(prop, ix, reader)
    if prop.predicate in ix.lex.content_predicates:  # the place of what is demanded or negotiated
        mention = place_in_content(prop.trigger, prop.agent, ix)
        place = ix.place_name(mention) if mention is not None else None
    elif place is None and prop.predicate != "CONTROL":
        mention = borrowed_place(prop.trigger, ix)
        place = ix.place_name(mention) if mention is not None else None
    obj = _object_of(prop, ix)
    if prop.predicate in ix.lex.people_predicates and agent is not None and agent.name == obj:
        agent = None  # "X was kidnapped as he left …": the victim did not do it
    if prop.frame == "lose":  # "X lost the town": someone else holds it; X is not the subject
        agent = None
    if prop.predicate == "CONTROL" and place is None and reading.stance != "denies":
        return None  # a denial ("no position has fallen") takes its place from the claim
    start, end = evidence(prop.trigger, ix)
    date = _date_of(prop.trigger, ix)
    return Draft(
        predicate=prop.predicate,
        subject=agent.name if agent else None,
        object=obj,
        place=place,
        date=date,
        start=start,
        end=end,
        pos=prop.trigger.idx,
        source=reading.source or _announcer(prop, agent, ix) or ix.outlet,
        stance=reading.stance,
        place_inferred=inferred,
        origin=prop.frame,
    )


def _agent(prop: Prop, reading: Reading, ix: ClaimIndex) -> Ref | None:
    """Who did it: the agent the parse gives, read against the reporter (its "it", its
    forces), else the agent of the same incident's clause or its attack's owner, else the
    party reporting talks or a truce."""
    agent = doer(prop.agent, ix.resolve(prop.agent), ix)
    if agent is None and prop.agent is not None:
        agent = antecedent_actor(prop.agent, ix)
    if prop.agent is not None and prop.agent.pos_ == "PRON" and reading.reporter is not None:
        # "X said it took the town": X; not "It executed 11 civilians, the Observatory said"
        if reading.reporter_i is None or reading.reporter_i < prop.agent.i:
            agent = _same_as_reporter(prop.agent, reading.reporter, ix.lex) or agent
    elif (
        prop.agent is not None
        and reading.reporter is not None
        and (agent is None or agent.actor is None)
    ):
        agent = _reporters_own(prop.agent, reading.reporter, ix) or agent
    if prop.frame == "obligation":  # "‘They must surrender’": the speaker demands it of them
        agent = Ref(reading.source.name, None) if reading.source else None
        speaker = ix.speaker_actor(prop.trigger.idx)
        if speaker is not None:
            agent = Ref(short_name(speaker), speaker)
    if agent is None and prop.predicate in ix.lex.borrow_agent_predicates and prop.frame != "lose":
        borrowed = borrowed_agent(prop.trigger, ix)
        if borrowed is None and prop.trigger.dep_ == "xcomp":  # "were forced to flee after X …"
            borrowed = borrowed_agent(prop.trigger.head, ix)
        agent = ix.resolve(borrowed) if borrowed is not None else None
        if agent is None:
            agent = instrument_agent(prop.trigger, ix)
    if agent is None and prop.predicate in ix.lex.reporter_party_predicates:
        agent = _reporting_party(reading.reporter, prop, ix)
    return agent


def _announcer(prop: Prop, agent: Ref | None, ix: ClaimIndex) -> Source | None:
    """ "The government announced a truce with X": the announcing party states the truce."""
    if prop.frame != "announced" or agent is None or agent.actor is None:
        return None
    return ix.source_of(agent, prop.agent)


def _reporting_party(reporter: Ref | None, prop: Prop, ix: ClaimIndex) -> Ref | None:
    """ "The government said talks with the rebels were ongoing": the reporting state, group
    or state body is a party to the talks it reports, unless it is their other side (a
    person or a body of no state may mediate or observe)."""
    actor = reporter.actor if reporter is not None else None
    if actor is None or actor.kind not in ix.lex.armed_kinds:
        return None
    if actor.kind == "organisation":
        state = ix.actor_named(actor.affiliation)
        if state is None or state.kind != "state":
            return None
    other = ix.resolve(prop.patient) if prop.patient is not None else None
    if other is not None and other.actor is not None and other.actor.id == actor.id:
        return None
    return reporter


def _same_as_reporter(pronoun: Token, reporter: Ref, lex: ClaimLexicon) -> Ref | None:
    """ "X claims it holds the town": "it" is X when X is an organisation ("he" when a person)."""
    actor = reporter.actor
    word = pronoun.lower_
    if word in lex.organisation_pronouns and (actor is None or actor.kind != "person"):
        return reporter
    if word in lex.grammar["personal_pronouns"] and actor is not None and actor.kind == "person":
        return reporter
    return None


def _reporters_own(agent: Token, reporter: Ref, ix: ClaimIndex) -> Ref | None:
    """ "X said its fighter jets struck …": the jets are X's; a ministry's "its forces" are
    the forces of the ministry's state."""
    heads = [agent, *(g for c in agent.children if c.lower_ == "of" for g in c.children)]
    possessives = ix.lex.grammar["nonpersonal_possessives"]
    owned = [h for h in heads if any(c.dep_ == "poss" and c.lower_ in possessives
                                     for c in h.children)]  # fmt: skip
    actor = reporter.actor
    if not owned or actor is None or actor.kind == "person":
        return None
    noun = owned[0]
    state = ix.actor_named(actor.affiliation) if actor.affiliation else None
    if (
        state is not None
        and state.kind == "state"
        and noun.lemma_.lower() in (ix.lex.state_force_nouns | ix.lex.own_force_nouns)
    ):
        forces = ix.forces_of(state, noun)
        if forces is not None:
            return Ref(short_name(forces), forces)
    return reporter


def _date_of(trigger: Token, ix: ClaimIndex) -> str | None:
    """The date attached to the trigger's clause or to the verbs that report it."""
    sent = sentence(trigger)
    chain = [trigger]
    cur = trigger
    for _ in range(6):
        if cur.head == cur:
            break
        cur = cur.head
        chain.append(cur)
    rank = {t.i: n for n, t in enumerate(chain)}
    best: tuple[int, str] | None = None
    other_time = ix.lex.other_time
    for t in ix.ctx.times_between(sent.start_char, sent.end_char):
        date = t.as_date()  # a duration or a set dates nothing
        if date is None or t.end > sent.end_char:
            continue
        span = ix.doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        for _ in range(5):  # "on Sunday": the date hangs from a preposition
            if head.pos_ in ("VERB", "AUX") or head.head == head or head.lower_ in other_time:
                break
            head = head.head
        n = rank.get(head.i)
        if n is not None and (best is None or n < best[0]):
            best = (n, date[0])
    return best[1] if best else None


def _denial_phrase(trigger: Token, ix: ClaimIndex) -> bool:
    sent = sentence(trigger)
    window = ix.text[sent.start_char : trigger.idx + len(trigger.text) + 20].lower()
    window = window.replace("’", "'")
    return any(p in window for p in ix.lex.denial_phrases) and any(
        c.dep_ == "neg" for c in trigger.children
    )


def _place_of(prop: Prop, ix: ClaimIndex, reader: PropositionReader) -> tuple[str | None, bool]:
    """The place name of a proposition, and whether it was inferred from context."""
    tokens = [prop.place] if prop.place is not None else []
    if not tokens and prop.predicate != "CONTROL":
        tokens = [c for c in prop.trigger.children if c.dep_ == "prep"]
        if prop.patient is not None:
            tokens.append(prop.patient)
        if reader.caused(prop.trigger):  # "forced families in two villages of X to flee"
            tokens += [c for c in prop.trigger.head.children if c.dep_ == "prep"]
    elif prop.predicate == "CONTROL" and prop.frame in ("transitive", "control_of"):
        # "overran two positions on the edge of the town": the town, when the positions
        # themselves name no place
        tokens += [c for c in prop.trigger.children if c.dep_ == "prep" and c.i > tokens[0].i]
    for tok in tokens:
        pt = reader.place_token(tok)
        if pt is None:
            continue
        mentions = ix.places_in(pt.idx, pt.idx + len(pt.text))
        if mentions and ix.names_no_place(mentions[0]):
            continue
        if mentions and prop.predicate == "CONTROL" and _near(pt, tok, ix):
            # "seized villages around X": the villages, not X itself
            return f"{tok.text} {pt.head.text} {ix.place_name(mentions[0])}", False
        if mentions:
            return ix.place_name(mentions[0]), False
        named = _proper(pt) if pt.pos_ == "PROPN" else _named_by(pt)
        if named is not None:  # "the village of Mucho", "Mucho, a coastal village": the name
            return named, False
        if prop.predicate != "CONTROL" or not reader.inferable(pt):
            continue
        noun = pt.lemma_.lower() if pt.lemma_.lower() in ix.lex.place_nouns else pt.lower_
        salient = ix.named_like(pt.idx, noun)  # "the dam" → "Tishreen Dam" named before
        if salient is None:
            feature = ix.lex.place_nouns.get(noun, "")
            salient = ix.salient_place(sentence(prop.trigger).start_char, feature)
        if salient is None:
            salient = ix.salient_place(pt.idx, ix.lex.place_nouns.get(noun, ""))
        if salient is not None:
            return ix.place_name(salient), True
    where = where_place(prop.trigger, ix)  # "in Lebanon, where the woman was arrested"
    return (ix.place_name(where), False) if where is not None else (None, False)


def _near(place: Token, noun: Token, ix: ClaimIndex) -> bool:
    """ "villages around X", "positions near X": the place named only locates the noun."""
    prep = place.head
    return (
        place.dep_ == "pobj"
        and prep.lower_ in ix.lex.near_preps
        and prep.head.i == noun.i
        and noun.lemma_.lower() in ix.lex.place_nouns
    )


def _named_by(noun: Token) -> str | None:
    """The proper name a place noun is given in its own phrase ("the town of X")."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "PROPN":
                return _proper(obj)
        if c.dep_ == "appos" and c.pos_ == "PROPN":
            return _proper(c)
    if noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
        return _proper(noun.head)
    return None


def _proper(tok: Token) -> str:
    parts = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    return " ".join(t.text for t in [*parts, tok])


def _object_of(prop: Prop, ix: ClaimIndex) -> str | None:
    patient = prop.patient
    if patient is None or prop.predicate == "CONTROL":
        return None
    people = prop.predicate in ix.lex.people_predicates
    name = (
        patient
        if patient.pos_ == "PROPN"
        else next((c for c in patient.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    )
    named = ix.resolve(name) if name is not None else None
    if people and named is not None and named.actor is not None and named.actor.kind == "person":
        return named.name  # "the rebel commander Omar Musa": the person, not "commanders"
    counted = next((g for c in patient.children if c.lower_ == "of" for g in c.children), None)
    if people and counted is not None and patient.lower_ in ix.lex.count_heads:
        patient = counted  # "hundreds of Gazans": the Gazans
    if people:
        own_clause = prop.trigger in patient.subtree  # "every place they kill people"
        for t in [patient, *(patient.subtree if own_clause else _phrase_core(patient))]:
            if t.lemma_.lower() in ix.lex.people_nouns:
                return plural(t, ix.lex)
    ref = ix.resolve(patient)
    state = ref is not None and ref.actor is not None and ref.actor.kind == "state"
    if people and state and patient.pos_ == "NOUN":  # "a U.S. photojournalist" is no state
        return patient.text
    return ref.name if ref is not None else patient.text


#: dependents of a noun that tell more about it in a clause of their own ("a journalist held
#: by militants", "the man, who was …"): the victims' class is never named in them
_CLAUSES = {"relcl", "acl"}


def _phrase_core(noun: Token) -> list[Token]:
    """The tokens of a noun phrase without the clauses that modify it, in text order."""
    out, stack = [], [c for c in noun.children if c.dep_ not in _CLAUSES]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in _CLAUSES)
    return sorted(out, key=lambda t: t.i)


def claim_nouns_above(trigger: Token, ix: ClaimIndex) -> set[int]:
    """Claim nouns ("reports", "claim") above a trigger: their content was read as a claim."""
    out = set()
    cur = trigger
    for _ in range(6):
        if cur.head == cur:
            break
        cur = cur.head
        if cur.pos_ == "NOUN" and cur.lemma_.lower() in ix.lex.claim_nouns:
            out.add(cur.i)
    return out

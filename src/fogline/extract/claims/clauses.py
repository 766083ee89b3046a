"""Arguments a proposition borrows from the clauses around it.

News sentences often split one incident over two clauses: "a drone hit a car near Kobani,
killing a family of four" (the killing's agent and place are in the main clause); "five
fighters were killed when gunmen attacked a checkpoint near Busayrah" (in the "when" clause).
A proposition whose own clause names no place or no agent takes them from those clauses.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from spacy.tokens import Token

from fogline.extract.claims.draft import Draft
from fogline.extract.claims.index import ClaimIndex
from fogline.extract.claims.locatives import locative, mentions, modifier, recent_locative
from fogline.extract.events.location import focus_place
from fogline.model import Place

#: clause dependencies that start another clause inside a clause
_EMBEDDED = {"ccomp", "advcl", "relcl", "parataxis", "conj", "xcomp", "csubj", "acl"}


def clause_tokens(verb: Token) -> list[Token]:
    """The tokens of ``verb``'s own clause, without the clauses embedded in it."""
    out = [verb]
    stack = [c for c in verb.children if c.dep_ not in _EMBEDDED]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if not (c.dep_ in _EMBEDDED and c.pos_ == "VERB"))
    return sorted(out, key=lambda t: t.i)


def incident_clauses(trigger: Token, ix: ClaimIndex) -> Iterator[Token]:
    """Verbs of the clauses that tell the same incident as ``trigger``'s, nearest first: its
    "when …" clauses, then the clause a participle ("…, killing …") or coordinate depends on."""
    for c in trigger.children:
        if c.dep_ == "advcl" and any(
            m.dep_ in ("mark", "advmod") and m.lower_ in ix.lex.same_incident for m in c.children
        ):
            yield c
    cur = trigger
    for _ in range(3):
        head = cur.head
        if head == cur:
            return
        participle = cur.dep_ == "advcl" and cur.tag_ == "VBG"
        if not (participle or cur.dep_ == "conj") or head.pos_ not in ("VERB", "AUX"):
            return
        if head.lemma_.lower() in ix.lex.reporting_verbs:
            return  # "…, the army said, adding …": another statement, not the incident
        yield head
        cur = head


def place_in_clause(verb: Token, ix: ClaimIndex) -> Place | None:
    """The first place named as a location in ``verb``'s clause ("in X", "near X"): a town
    before the country locating it; never a modifier or an actor ("a U.S. strike")."""
    tokens = clause_tokens(verb)
    found: list[Place] = []
    for t in tokens:
        if t.pos_ not in ("PROPN", "NOUN", "ADJ"):
            continue
        for p in ix.places_in(t.idx, t.idx + len(t.text)):
            if p not in found and not ix.names_no_place(p) and locative(p, ix):
                found.append(p)
    local = [p for p in found if not (p.feature or "").startswith("PCL")]
    return (local or found or [None])[0]


def borrowed_place(trigger: Token, ix: ClaimIndex) -> Place | None:
    """A place for a proposition whose clause names none, from the same incident's clauses."""
    own = place_in_clause(trigger, ix)
    if own is not None:
        return own
    for verb in incident_clauses(trigger, ix):
        place = place_in_clause(verb, ix)
        if place is not None:
            return place
    return None


def borrowed_agent(trigger: Token, ix: ClaimIndex) -> Token | None:
    """The subject of the clause that tells who did it ("… killed when gunmen attacked …",
    "gunmen ambushed a bus, killing …"); not a coordinated clause's subject ("the town has not
    fallen and no soldier was killed"), a passive's, or a place."""
    for verb in incident_clauses(trigger, ix):
        if verb.dep_ == "conj" or trigger.dep_ == "conj" and verb == trigger.head:
            continue
        if any(c.dep_ == "auxpass" for c in verb.children):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lemma_.lower() in ix.lex.place_nouns:
            continue
        if ix.places_in(subject.idx, subject.idx + len(subject.text)) and not _state(subject, ix):
            continue  # a place, unless it is a state that acts ("after Israel opened …")
        return subject
    return None


def _state(token: Token, ix: ClaimIndex) -> bool:
    ref = ix.resolve(token)
    return ref is not None and ref.actor is not None and ref.actor.kind == "state"


def fill_places(drafts: list[Draft], ix: ClaimIndex) -> None:
    """Give a place to incident claims whose clause names none: a place named as a location
    later in the sentence's account of the incident (not in its attribution), else the place
    of an earlier claim about the same victims nearby ("two children were killed at the camp
    … 'we received two children'"), else the last place named before it in its paragraph,
    else the place the article is about (the one it names most often as a location) when it
    lies in the country the events take as the focus, else that country: a town repeated in a
    side story ("sources in Washington") is not where every unplaced incident happened. Only
    places named in a locative phrase count ("a U.S. strike" places nothing in the U.S.)."""
    topic, country = _fallback_place(ix), _focus_country(ix)
    for i, d in enumerate(drafts):
        if d.place is None and country is not None and d.predicate in ix.lex.national_predicates:
            d.place, d.place_inferred = country, True  # a truce holds for the country
        if d.place is not None or d.predicate not in ix.lex.located_predicates:
            continue
        own = _sentence_locative(d, ix)
        if own is not None:
            d.place, d.place_inferred = ix.place_name(own), True
            continue
        p_start, _ = ix.paragraph_of(d.pos)
        window = ix.paragraph_of(max(0, p_start - 2))[0]
        lo = bisect.bisect_left(drafts, window, hi=i, key=lambda e: e.pos)  # drafts are by pos
        same = next(
            (
                e
                for e in reversed(drafts[lo:i])
                if e.place and e.predicate == d.predicate
                and e.object == d.object and d.object is not None
            ),
            None,
        )  # fmt: skip
        if same is not None:
            d.place, d.place_inferred = same.place, True
            continue
        recent = recent_locative(d.pos, ix)
        if recent is not None and _dateline(recent, ix):
            recent = None  # "PEMBA, Mozambique (Wire) -": where the reporter files from
        if recent is not None and recent.start >= p_start:
            d.place, d.place_inferred = ix.place_name(recent), True
        elif topic is not None:
            d.place, d.place_inferred = topic, True


def _sentence_locative(d: Draft, ix: ClaimIndex) -> Place | None:
    """The first place named as a location after the trigger in the words its sentence says
    about the incident ("… have killed 300 soldiers using gas for the first time in X"), not
    in the words reporting it ("…, the army said in a statement issued in X")."""
    span = ix.doc.char_span(d.pos, d.pos + 1, alignment_mode="expand")
    if span is None:
        return None
    reporting = ix.lex.reporting_verbs
    top = span.root
    while top.head.i != top.i and top.head.lemma_.lower() not in reporting:
        top = top.head
    found = [
        p
        for p in ix.places_in(d.pos, top.right_edge.idx + len(top.right_edge.text))
        if p.lat is not None
        and not ix.names_no_place(p)
        and not _dateline(p, ix)
        and locative(p, ix)
    ]
    local = [p for p in found if not (p.feature or "").startswith("PCL")]
    return (local or found or [None])[0]


def _dateline(place: Place, ix: ClaimIndex) -> bool:
    text = ix.text[place.start : place.end]
    return text.isupper() and len(text) > 3


def _fallback_place(ix: ClaimIndex) -> str | None:
    """The name of the article's topic place if it lies in the focus country, else of the
    focus (:func:`focus_place` of the events layer: the country, or its most named place)."""
    focus = focus_place(mentions(ix))
    topic = _topic_place(ix)
    if topic is not None and (focus is None or topic.country_code == focus.country_code):
        return ix.place_name(topic)
    return focus.name if focus is not None else None


def _focus_country(ix: ClaimIndex) -> str | None:
    """The focus country's name as the text writes it anywhere ("Nigeria's army" counts),
    else the focus itself."""
    focus = focus_place(mentions(ix))
    if focus is None:
        return None
    named = (
        p.name
        for p in ix.places
        if (p.feature or "").startswith("PCL") and p.country_code == focus.country_code
    )
    return next(named, focus.name)


def _topic_place(ix: ClaimIndex) -> Place | None:
    """The place (not a country) whose name the article repeats most (counted in the text:
    a name also read as an actor still names the place), among those it names at least once
    as a location; None when none stands out."""
    first: dict[str, Place] = {}
    for p in ix.places:
        if p.lat is None or (p.feature or "").startswith("PCL") or _dateline(p, ix):
            continue
        if not ix.names_no_place(p):
            first.setdefault(p.name, p)
    located = {p.name for p in ix.places if p.name in first and locative(p, ix)}
    counts = sorted(
        ((ix.word_count(name), p) for name, p in first.items() if name in located),
        key=lambda np: (-np[0], np[1].start),
    )
    if not counts or counts[0][0] < 2:
        return None
    if len(counts) > 1 and counts[1][0] == counts[0][0]:
        return None
    return counts[0][1]


def place_in_content(trigger: Token, agent: Token | None, ix: ClaimIndex) -> Place | None:
    """The first place named in what is demanded or negotiated ("demanded that the army leave
    X", "will hold talks with elders in X"), never in the words naming who demands it."""
    scope = trigger
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("dobj", "pobj", "nsubj"):
        scope = trigger.head.head if trigger.dep_ == "pobj" else trigger.head
    own = set() if agent is None else {t.i for t in agent.subtree}
    for t in scope.subtree:  # who demands, and of whom: actors, not the place
        if t.dep_ in ("nsubj", "nsubjpass") and t.lemma_.lower() not in ix.lex.place_nouns:
            own |= {c.i for c in t.subtree}
    found: list[Place] = []
    for t in scope.subtree:
        if t.i in own or t.pos_ not in ("PROPN", "NOUN", "ADJ"):
            continue
        for p in ix.places_in(t.idx, t.idx + len(t.text)):
            if p not in found and not ix.names_no_place(p) and not modifier(p, ix):
                found.append(p)
    local = [p for p in found if not (p.feature or "").startswith("PCL")]
    return (local or found or [None])[0]


def where_place(trigger: Token, ix: ClaimIndex) -> Place | None:
    """The place a "where" clause hangs on: "in Lebanon, where the woman was arrested"."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    if verb.dep_ != "relcl" or not any(
        c.dep_ == "advmod" and c.lower_ == "where" for c in verb.children
    ):
        return None
    host = verb.head
    found = ix.places_in(host.idx, host.idx + len(host.text))
    return found[0] if found and not ix.names_no_place(found[0]) else None

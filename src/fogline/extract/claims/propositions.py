"""Propositions from the parse: a predicate cue and its arguments (agent, patient, place).

Each cue of ``data/claims/predicates.yaml`` comes with a frame that says where the parse
keeps its arguments ("they seized the town": agent = subject, patient = object; "the town
fell to X": place = subject, agent = "to X"; "the area is under rebel control": place =
subject, agent = the modifier of "control").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from fogline.extract.claims.advances import advance_args
from fogline.extract.claims.agreements import agreement_args, author, intent_patient, intent_verbs
from fogline.extract.claims.event_words import violent_act
from fogline.extract.claims.index import ClaimIndex
from fogline.extract.claims.lexicon import PredicateCue
from fogline.extract.claims.locatives import modifier
from fogline.extract.claims.syntax import (
    agent_of,
    dobj,
    is_passive,
    member_subject,
    misparsed_subject,
    negated,
    objects,
    passive_patient,
    phrase_tokens,
    prep_object,
    reduced_passive,
    small_clause_passive,
    subject_of,
    under_irrealis,
)


@dataclass(slots=True)
class Prop:
    """One proposition found in the parse, before stance and source are read."""

    predicate: str
    trigger: Token
    frame: str
    agent: Token | None = None
    patient: Token | None = None
    place: Token | None = None  # a token inside a place mention or a place noun
    negated: bool = False


@dataclass(frozen=True, slots=True)
class _Args:
    """A verb cue's trigger and the arguments its clause gives, before the frame reads them."""

    tok: Token
    cue: PredicateCue
    agent: Token | None
    patient: Token | None
    passive: bool
    negated: bool


class PropositionReader:
    """Finds the propositions of one document."""

    def __init__(self, ix: ClaimIndex) -> None:
        self.ix = ix
        self.lex = ix.lex
        self.reporting = ix.lex.reporting_verbs - intent_verbs(ix.lex)  # not "threatened to"

    def read(self, doc: Doc) -> Iterator[Prop]:
        """Every proposition the document's clauses state."""
        for tok in doc:
            if tok.is_punct or tok.is_space:
                continue
            lemma = tok.lemma_.lower()
            if tok.pos_ in ("VERB", "AUX"):
                prop = self._verb(tok, lemma)
                if prop is not None:
                    yield prop
            elif tok.pos_ in ("NOUN", "PROPN"):
                yield from self._noun(tok, lemma)
                if tok.dep_ == "pobj":  # "among the dead", the adjective read as a noun
                    yield from self._adjective(tok, lemma)
            elif tok.pos_ == "ADJ":
                yield from self._adjective(tok, lemma)

    # --- verbs ----------------------------------------------------------------------------
    def _verb(self, tok: Token, lemma: str) -> Prop | None:
        """The one proposition a verb states: a meeting of negotiators, a cue of the lexicon,
        else one of the phrase frames (projectile, part in a fight, control, presence …)."""
        if lemma in self.lex.meeting:  # planned talks are talks too: "are due to meet"
            meeting = self._meeting(tok)
            if meeting is not None:
                return meeting
        if not self._factual(tok):
            return None
        return self._cued(tok, lemma) or self._phrase_frame(tok, lemma)

    def _cued(self, tok: Token, lemma: str) -> Prop | None:
        """The first cue of the verb whose following words and frame match."""
        particles = {c.lower_ for c in tok.children if c.dep_ == "prt"}
        for cue in self.lex.verbs.get(lemma, ()):
            if not self._rest_matches(tok, cue) or (particles - set(cue.rest)):
                continue
            prop = self._verb_frame(tok, cue)
            if prop is not None and prop.predicate == "DEMAND" and violent_act(prop.patient):
                return None  # "ordered the massacre": its author's act, not a demand
            if prop is not None:
                return prop
        return None

    def _phrase_frame(self, tok: Token, lemma: str) -> Prop | None:
        """A proposition stated by the verb with its phrase ("fired mortars at", "took part
        in", "took control of", "is under … control", "were still in", "must surrender")."""
        prop = self._projectile(tok, lemma) or self._participation(tok, lemma)
        if prop is None and lemma in self.lex.control_of:
            prop = self._control_of(tok)
        if prop is None and lemma in self.lex.under_verbs:
            prop = self._under(tok)
        if prop is None and (lemma in self.lex.advance_verbs or lemma in self.lex.near_verbs):
            args = advance_args(tok, lemma, self.lex, self.armed, self.place_like)
            if args is not None:  # "near X", "10 km from X": never CONTROL
                agent, place = args
                prop = Prop("ADVANCED", tok, "advance", agent, place=place,
                            negated=negated(tok, self.lex))  # fmt: skip
        if prop is None and lemma in self.lex.presence:
            prop = self._presence(tok)
        if prop is not None:
            return prop
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() == "surrender":
            return None
        if lemma in self.lex.obligation and any(
            c.dep_ == "aux" and c.lower_ == "must" for c in tok.children
        ):
            return Prop("DEMAND", tok, "obligation", patient=subject_of(tok))
        return None

    def _factual(self, tok: Token) -> bool:
        """Not a wish, plan or obligation: no bare modal, not the complement of "want to".

        "could have taken" and "claims to have taken" stay (a hedge, an attribution).
        """
        if under_irrealis(tok, self.lex.irrealis_heads):
            return False
        modals = self.lex.grammar["modals"]
        conditionals = self.lex.grammar["conditional_subordinators"]
        cur = tok
        for _ in range(3):
            auxes = [c.lower_ for c in cur.children if c.dep_ == "aux"]
            if any(a in modals for a in auxes) and "have" not in auxes:
                return False
            if any(c.dep_ == "mark" and c.lower_ in conditionals for c in cur.children):
                return False  # "if the army controlled the town, …"
            if cur.dep_ == "conj" and not any(c.dep_ in ("nsubj", "aux") for c in cur.children):
                cur = cur.head  # "must surrender or die": the modal governs both
                continue
            if cur.dep_ != "xcomp" or cur.head == cur:
                break
            head = cur.head.lemma_.lower()
            if head in self.lex.causatives and (dobj(cur.head) or is_passive(cur.head)):
                cur = cur.head  # "forced families to flee": as factual as the forcing
                continue
            if head not in self.reporting and head not in self.lex.raising_verbs:
                return False
            cur = cur.head
        return True

    def _rest_matches(self, tok: Token, cue: PredicateCue) -> bool:
        if not cue.rest:
            return True
        following = [t.lower_ for t in tok.doc[tok.i + 1 : tok.i + 1 + len(cue.rest) + 1]]
        children = {c.lower_ for c in tok.children}
        return all(w in following or w in children for w in cue.rest)

    def _verb_frame(self, tok: Token, cue: PredicateCue) -> Prop | None:
        """The proposition of a verb cue, its arguments read by the cue's frame."""
        participle = tok.dep_ == "acl" and tok.tag_ == "VBN"  # "six people killed in the strike"
        small = small_clause_passive(tok, self.lex) or reduced_passive(tok)  # "saw 40 abducted"
        named = misparsed_subject(tok, self.actorish)  # "IS has seized …": no auxiliary
        passive = (participle or small or is_passive(tok)) and named is None
        agent = named or (agent_of(tok) if passive else subject_of(tok))
        patient = (subject_of(tok) if small else passive_patient(tok)) if passive else dobj(tok)
        if participle and patient is None:
            patient = member_subject(tok.head, self.lex.preps["member_of"]) or tok.head
        intended = cue.predicate in self.lex.intent_predicates
        if intended:  # "threatened to kill the hostage" (also in "the video where he …")
            patient = patient or intent_patient(tok, self.lex)
        if patient is None and tok.dep_ == "relcl" and not passive:
            patient = tok.head  # "the town the militants had held"
        if intended:
            agent = author(agent, self.lex)  # "a video threatening …": who posted it
            if agent is None or not (self.actorish(agent) or self.armed(agent)):
                return None  # "the loss of the dam would threaten …": nobody threatens
        args = _Args(tok, cue, agent, patient, passive, negated(tok, self.lex))
        if self.caused(tok):
            return self._caused_frame(args)
        frames = {"fall": self._fall, "lose": self._lose, "from_verbs": self._from_place,
                  "intransitive": self._intransitive}  # fmt: skip
        return frames.get(cue.frame, self._transitive)(args)

    def _caused_frame(self, a: _Args) -> Prop | None:
        """ "armed men forced families to flee": the causer displaced them."""
        if a.cue.predicate != "DISPLACED" or a.cue.frame != "intransitive":
            return None
        cause = a.tok.head
        agent = agent_of(cause) if is_passive(cause) else subject_of(cause)
        patient = passive_patient(cause) if is_passive(cause) else dobj(cause)
        return Prop(a.cue.predicate, a.tok, a.cue.frame, agent=agent, patient=patient,
                    negated=a.negated)  # fmt: skip

    def _fall(self, a: _Args) -> Prop | None:
        """ "the town fell (to X / into the hands of X)"."""
        place = subject_of(a.tok) or passive_patient(a.tok)
        if place is None or not self.place_like(place):
            return None
        by = prep_object(a.tok, self.lex.preps["fall_agent"])
        if by is not None and by.lower_ == "hands":
            by = prep_object(by, self.lex.preps["hands_of"])
        return Prop(a.cue.predicate, a.tok, "fall", agent=by, place=place, negated=a.negated)

    def _lose(self, a: _Args) -> Prop | None:
        """ "X lost the town": the place changed hands away from the subject."""
        if a.patient is None or not self.place_like(a.patient):
            return None
        return Prop(a.cue.predicate, a.tok, "lose", agent=None, patient=a.agent,
                    place=a.patient, negated=a.negated)  # fmt: skip

    def _from_place(self, a: _Args) -> Prop | None:
        """ "the fighters withdrew from X", "were driven out of X": an armed subject only."""
        p, tok = a.cue.predicate, a.tok
        place = prep_object(tok, self.lex.preps["left_place"]) or a.patient
        if not self.armed(a.agent):
            return None
        if place is None and p == "WITHDREW" and dobj(tok) is None:
            # "the fighters withdrew (towards X)": the place left is the one of the story
            return Prop(p, tok, a.cue.frame, agent=a.agent, negated=a.negated)
        if place is None or not self.place_like(place):
            return None
        return Prop(p, tok, a.cue.frame, agent=a.agent, place=place, negated=a.negated)

    def _intransitive(self, a: _Args) -> Prop | None:
        """ "five civilians died", "families fled": the subject is the patient."""
        if a.passive or dobj(a.tok) is not None:
            return None
        patient = subject_of(a.tok)
        if patient is None or self.armed(patient) and a.cue.predicate == "DISPLACED":
            return None
        return Prop(a.cue.predicate, a.tok, a.cue.frame, patient=patient, negated=a.negated)

    def _transitive(self, a: _Args) -> Prop | None:
        """Agent and patient; the predicate's place rule says whether the patient is a place."""
        p, tok, agent, patient = a.cue.predicate, a.tok, a.agent, a.patient
        rule = self.lex.place_patient.get(p, "any")
        if rule == "required":
            if patient is None or not self.place_like(patient):
                return None
            if p == "WITHDREW" and not self.armed(agent):
                return None
            if agent is not None and self.place_like(agent) and not self.actorish(agent):
                return None  # a place that "held out" holds nothing
            return Prop(p, tok, a.cue.frame, agent=agent, place=patient, negated=a.negated)
        if rule == "forbidden" and (patient is None or self.place_head(patient)):
            return None  # "seized the town" is CONTROL; "abducted farmers near X" is not
        if patient is None and agent is None:
            return None
        return Prop(p, tok, a.cue.frame, agent=agent, patient=patient, negated=a.negated)

    def _meeting(self, tok: Token) -> Prop | None:
        """ "X's negotiators will meet their counterparts": a meeting of negotiators."""
        agent = subject_of(tok)
        other = dobj(tok) or prep_object(tok, self.lex.preps["meeting_with"])
        words = self.lex.meeting_nouns
        if not any(t is not None and t.lemma_.lower() in words for t in (agent, other)):
            return None
        return Prop("NEGOTIATE", tok, "transitive", agent=agent, patient=other)

    def _projectile(self, tok: Token, lemma: str) -> Prop | None:
        """ "X fired mortars at Y", "drones were launched on Y": an attack on Y."""
        if lemma not in self.lex.projectile:
            return None
        weapon = dobj(tok) or (passive_patient(tok) if is_passive(tok) else None)
        if weapon is not None and weapon.lemma_.lower() not in self.lex.weapons:
            return None
        if weapon is None and lemma != "fire":
            return None
        preps = tuple(self.lex.projectile_preps)
        target = prep_object(tok, preps)
        if target is None and weapon is not None:
            target = prep_object(weapon, preps)
        if target is None or target.ent_type_ in ("DATE", "TIME"):
            return None
        agent = agent_of(tok) if is_passive(tok) else subject_of(tok)
        neg = negated(tok, self.lex)
        return Prop("ATTACKED", tok, "transitive", agent=agent, patient=target, negated=neg)

    def _participation(self, tok: Token, lemma: str) -> Prop | None:
        """ "X took part in the clashes", "X was not involved in the attack": X attacked."""
        for phrase in self.lex.participation:
            words = [w for w in phrase.split() if w != "be"]
            if words[0] != lemma:
                continue
            children = {c.lower_ for c in tok.children}
            if not all(w in children for w in words[1:]):
                continue
            fight = prep_object(tok, self.lex.preps["participation"]) or dobj(tok)
            if fight is None or fight.lemma_.lower() not in self.lex.fight_nouns:
                continue
            if fight.lower_ in words:
                continue
            agent = passive_patient(tok) if is_passive(tok) else subject_of(tok)
            if agent is None:
                return None
            neg = negated(tok, self.lex)
            return Prop("ATTACKED", tok, "transitive", agent=agent, patient=None, negated=neg)
        return None

    def caused(self, tok: Token) -> bool:
        """The verb is what a causative made its object do ("forced families to flee")."""
        return (
            tok.dep_ in ("xcomp", "ccomp")
            and tok.head.lemma_.lower() in self.lex.causatives
            and (dobj(tok.head) is not None or is_passive(tok.head))  # "were forced to flee"
        )

    def _control_of(self, tok: Token) -> Prop | None:
        """ "took control of X", "is in full control of X", "tightened their grip on X"."""
        for noun in objects(tok, self.lex):
            if noun.lemma_.lower() not in self.lex.control_nouns:
                continue
            if noun.dep_ == "pobj" and noun.head.lower_ == "under":
                continue  # "X remains under the control of Y": Y holds X (read by _under)
            place = prep_object(noun, self.lex.preps["control_place"])
            if place is None and noun.dep_ == "dobj":  # "of X" parsed as the verb's
                place = prep_object(tok, self.lex.preps["control_place_verb"])
            if place is None or not self.place_like(place):
                continue
            return Prop(
                "CONTROL", tok, "control_of", agent=subject_of(tok), place=place,
                negated=negated(tok, self.lex),
            )  # fmt: skip
        return None

    def _under(self, tok: Token) -> Prop | None:
        """ "the area is still under rebel control", "came under the control of X"."""
        for c in tok.children:
            if c.dep_ != "prep" or c.lower_ != "under":
                continue
            noun = next((g for g in c.children if g.dep_ == "pobj"), None)
            if noun is None or noun.lemma_.lower() not in self.lex.under:
                continue
            place = subject_of(tok)
            if place is None or not self.place_like(place):
                return None
            agent = prep_object(noun, self.lex.preps["under_agent"])
            if agent is None:
                agent = next(
                    (m for m in noun.lefts if m.dep_ in ("compound", "amod", "poss", "nmod")),
                    None,
                )
            if agent is not None and agent.lower_ in self.lex.control_degrees:
                agent = None
            return Prop(
                "CONTROL", tok, "under", agent=agent, place=place, negated=negated(tok, self.lex)
            )
        return None

    def _presence(self, tok: Token) -> Prop | None:
        """ "insurgents were still in Macomia": an armed subject present in a place."""
        holder = tok
        if tok.lemma_.lower() == "be":
            acomp = next((c for c in tok.children if c.dep_ == "acomp"), None)
            if acomp is not None and acomp.lemma_.lower() in self.lex.presence:
                holder = acomp
        place = prep_object(holder, tuple(self.lex.presence_preps))
        subject = subject_of(tok)
        if place is None or subject is None or not self.armed(subject):
            return None
        if self.ix.places_in(place.idx, place.idx + len(place.text)) == [] and not (
            self.place_like(place)
        ):
            return None
        # "in the outskirts of X": close to the place, not in it
        predicate = "ADVANCED" if place.lemma_.lower() in self.lex.front_parts else "CONTROL"
        return Prop(
            predicate, tok, "presence", agent=subject, place=place, negated=negated(tok, self.lex)
        )

    # --- nouns and adjectives -----------------------------------------------------------------
    def _noun(self, tok: Token, lemma: str) -> Iterator[Prop]:
        for cue in self.lex.nouns.get(lemma, ()) or self.lex.nouns.get(tok.lower_, ()):
            if not self._rest_matches(tok, cue):
                continue
            if cue.predicate == "CEASEFIRE":  # who agreed it, from the verb that agrees it
                found = agreement_args(tok, self.lex, self._factual)
                if found is not None and found.party is not None:
                    frame = "announced" if found.announced else "noun"
                    yield Prop(cue.predicate, tok, frame, agent=found.party,
                               patient=found.other, negated=found.negated)  # fmt: skip
                return
            agent = next(
                (c for c in tok.lefts if c.dep_ in ("poss", "compound", "amod", "nmod")), None
            )
            if agent is not None and self.ix.resolve(agent) is None:
                agent = None
            by = prep_object(tok, self.lex.preps["noun_agent"])
            agent = by or (agent if agent is not None and self.actorish(agent) else None)
            light = tok.head.lemma_.lower() in self.lex.light_verbs
            if agent is None and tok.dep_ == "dobj" and light:
                agent = subject_of(tok.head)  # "our troops made a tactical withdrawal"
                if cue.predicate == "WITHDREW" and not self.armed(agent):
                    continue
            patient = prep_object(tok, self.lex.preps["noun_patient"])
            if patient is not None and patient.ent_type_ in ("DATE", "TIME"):
                patient = None  # "the attack on Saturday": when, not what was attacked
            if cue.predicate == "KILLED" and patient is None:
                continue
            if agent is None and patient is None:
                continue
            yield Prop(cue.predicate, tok, "noun", agent=agent, patient=patient)
            return

    def _adjective(self, tok: Token, lemma: str) -> Iterator[Prop]:
        for cue in self.lex.adjectives.get(lemma, ()) or self.lex.adjectives.get(tok.lower_, ()):
            if tok.dep_ == "amod":
                patient = tok.head
            elif tok.dep_ == "acomp":
                patient = subject_of(tok.head)
            elif tok.dep_ == "pobj":  # "X is among the dead": X
                patient = member_subject(tok, self.lex.preps["member_of"])
            elif tok.head.pos_ in ("NOUN", "NUM", "PROPN"):
                patient = tok.head  # 8,000 people displaced
            else:
                patient = None
            if patient is None:
                continue
            yield Prop(cue.predicate, tok, "adjective", patient=patient)
            return

    # --- argument tests -------------------------------------------------------------------
    def place_like(self, token: Token) -> bool:
        """A place mention, or a place noun ("the town", "the province") inside the phrase."""
        return self.place_token(token) is not None

    def place_token(self, token: Token) -> Token | None:
        """A token of a place mention in the phrase, else its first place noun that points
        back to one place; a country that only locates "a town in X" is not the place."""
        tokens = phrase_tokens(token)
        nouns = [t for t in tokens if t.lemma_.lower() in self.lex.place_nouns]
        for t in tokens:
            if t.pos_ == "PROPN" and any(
                c.dep_ == "appos"
                and any(g.lemma_.lower() in self.lex.place_nouns for g in c.subtree if g.i <= c.i)
                for c in t.children
            ):
                return t  # "Sake, a town west of Goma": the name the place noun describes
            found = self.ix.places_in(t.idx, t.idx + len(t.text))
            if found and modifier(found[0], self.ix):
                continue  # "a U.S. airstrike on cars near X": X, never the U.S.
            if found and (found[0].feature or "").startswith("PCL") and nouns:
                continue
            if found:
                return t
        for t in nouns:
            if self.inferable(t):
                return t
        return nouns[0] if nouns else None

    def place_head(self, token: Token) -> bool:
        """The phrase's head itself is a place (a mention or a place noun), not a complement."""
        if self.ix.places_in(token.idx, token.idx + len(token.text)):
            return True
        return token.lemma_.lower() in self.lex.place_nouns

    def inferable(self, token: Token) -> bool:
        """A place noun that points back to one place: "the town", not "other areas"."""
        if token.tag_ in ("NNS", "NNPS"):
            return False
        nonspecific = self.lex.grammar["nonspecific_determiners"]
        return not any(c.lower_ in nonspecific for c in token.children)

    def armed(self, token: Token | None) -> bool:
        """Whether the token names an armed actor (by its noun, else by its resolved actor)."""
        if token is None:
            return False
        if any(t.lemma_.lower() in self.lex.armed_nouns for t in phrase_tokens(token)):
            return True  # "our troops": armed whoever they resolve to
        ref = self.ix.resolve(token)
        return ref is not None and ref.actor is not None and ref.actor.kind in self.lex.armed_kinds

    def actorish(self, token: Token) -> bool:
        """Whether the token resolves to a known actor."""
        ref = self.ix.resolve(token)
        return ref is not None and ref.actor is not None

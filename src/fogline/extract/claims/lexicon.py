"""The claims lexicon: predicate cues, stance cues, hedges and argument nouns (``data/claims/``)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from fogline.data import load_yaml
from fogline.errors import LexiconError

#: frames a predicate entry may list, in the order they are tried for one trigger word
VERB_FRAMES = ("transitive", "from_verbs", "intransitive", "fall", "lose")


@dataclass(frozen=True, slots=True)
class Cue:
    """One way a word states a predicate: ``rest`` are the words that must follow the lemma."""

    predicate: str
    frame: str
    rest: tuple[str, ...] = ()


@dataclass(slots=True)
class ClaimLexicon:
    """Everything the claims extractor reads from its data files, indexed for lookup."""

    verbs: dict[str, list[Cue]] = field(default_factory=dict)  # first lemma → cues
    nouns: dict[str, list[Cue]] = field(default_factory=dict)
    adjectives: dict[str, list[Cue]] = field(default_factory=dict)
    control_of: frozenset[str] = frozenset()
    control_nouns: frozenset[str] = frozenset()
    under: frozenset[str] = frozenset()
    presence: frozenset[str] = frozenset()
    presence_preps: frozenset[str] = frozenset()
    obligation: frozenset[str] = frozenset()
    projectile: frozenset[str] = frozenset()
    meeting: frozenset[str] = frozenset()
    meeting_nouns: frozenset[str] = frozenset()
    projectile_preps: frozenset[str] = frozenset()
    weapons: frozenset[str] = frozenset()
    participation: tuple[str, ...] = ()
    fight_nouns: frozenset[str] = frozenset()
    causatives: frozenset[str] = frozenset()
    place_patient: dict[str, str] = field(default_factory=dict)
    denial_verbs: frozenset[str] = frozenset()
    denial_phrases: tuple[str, ...] = ()
    false_words: frozenset[str] = frozenset()
    doubt_words: frozenset[str] = frozenset()
    confirm_verbs: frozenset[str] = frozenset()
    claim_nouns: frozenset[str] = frozenset()
    blame_verbs: frozenset[str] = frozenset()
    anaphors: frozenset[str] = frozenset()
    negations: frozenset[str] = frozenset()
    hedge_words: frozenset[str] = frozenset()
    hedge_phrases: tuple[str, ...] = ()
    hedging_reporters: frozenset[str] = frozenset()
    place_nouns: dict[str, str] = field(default_factory=dict)
    armed_nouns: frozenset[str] = frozenset()
    state_force_nouns: frozenset[str] = frozenset()
    people_nouns: frozenset[str] = frozenset()

    def predicates(self) -> tuple[str, ...]:
        """Every predicate of the closed set, in data-file order."""
        return tuple(self.place_patient)


def _words(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"claims lexicon: {where} must be a list of strings")
    return [v.lower() for v in value]


def _index(table: dict[str, list[Cue]], phrase: str, predicate: str, frame: str) -> None:
    first, *rest = phrase.split()
    table.setdefault(first, []).append(Cue(predicate, frame, tuple(rest)))


@functools.cache
def load_claim_lexicon() -> ClaimLexicon:
    """The claims lexicon, read once from ``data/claims/*.yaml``."""
    lex = ClaimLexicon()
    predicates = load_yaml("claims/predicates.yaml")
    control_of: set[str] = set()
    for predicate, spec in predicates.items():
        if not isinstance(spec, dict):
            raise LexiconError(f"claims lexicon: predicate {predicate} must be a mapping")
        lex.place_patient[predicate] = str(spec.get("place_patient", "any"))
        for frame in VERB_FRAMES:
            for phrase in _words(spec.get(frame, []), f"{predicate}.{frame}"):
                _index(lex.verbs, phrase, predicate, frame)
        for phrase in _words(spec.get("nouns", []), f"{predicate}.nouns"):
            _index(lex.nouns, phrase, predicate, "noun")
        for phrase in _words(spec.get("adjectives", []), f"{predicate}.adjectives"):
            _index(lex.adjectives, phrase, predicate, "adjective")
        if predicate == "CONTROL":
            control_of.update(_words(spec.get("control_of", []), "CONTROL.control_of"))
            lex.control_nouns = frozenset(_words(spec.get("control_nouns", []), "control_nouns"))
            lex.under = frozenset(_words(spec.get("under", []), "CONTROL.under"))
            lex.presence = frozenset(_words(spec.get("presence", []), "CONTROL.presence"))
            lex.presence_preps = frozenset(_words(spec.get("presence_preps", []), "preps"))
        if predicate == "ATTACKED":
            lex.projectile = frozenset(_words(spec.get("projectile", []), "projectile"))
            lex.projectile_preps = frozenset(_words(spec.get("projectile_preps", []), "preps"))
            lex.weapons = frozenset(_words(spec.get("weapons", []), "ATTACKED.weapons"))
            lex.participation = tuple(_words(spec.get("participation", []), "participation"))
            lex.fight_nouns = frozenset(_words(spec.get("fight_nouns", []), "fight_nouns"))
        if predicate == "NEGOTIATE":
            lex.meeting = frozenset(_words(spec.get("meeting", []), "NEGOTIATE.meeting"))
            lex.meeting_nouns = frozenset(_words(spec.get("meeting_nouns", []), "meeting_nouns"))
        if predicate == "DEMAND":
            lex.obligation = frozenset(_words(spec.get("obligation", []), "DEMAND.obligation"))
        if predicate == "DISPLACED":
            lex.causatives = frozenset(_words(spec.get("causatives", []), "DISPLACED.causatives"))
    lex.control_of = frozenset(control_of)
    stance = load_yaml("claims/stance.yaml")
    lex.denial_verbs = frozenset(_words(stance["denial_verbs"], "denial_verbs"))
    lex.denial_phrases = tuple(_words(stance["denial_phrases"], "denial_phrases"))
    lex.false_words = frozenset(_words(stance["false_words"], "false_words"))
    lex.doubt_words = frozenset(_words(stance["doubt_words"], "doubt_words"))
    lex.confirm_verbs = frozenset(_words(stance["confirm_verbs"], "confirm_verbs"))
    lex.claim_nouns = frozenset(_words(stance["claim_nouns"], "claim_nouns"))
    lex.blame_verbs = frozenset(_words(stance.get("blame_verbs", []), "blame_verbs"))
    lex.anaphors = frozenset(_words(stance["anaphors"], "anaphors"))
    lex.negations = frozenset(_words(stance["negations"], "negations"))
    hedges = load_yaml("claims/hedges.yaml")
    lex.hedge_words = frozenset(_words(hedges["words"], "hedges.words"))
    lex.hedge_phrases = tuple(_words(hedges["phrases"], "hedges.phrases"))
    lex.hedging_reporters = frozenset(_words(hedges["hedging_reporters"], "hedging_reporters"))
    nouns = load_yaml("claims/nouns.yaml")
    lex.place_nouns = {str(k).lower(): str(v or "") for k, v in nouns["place_nouns"].items()}
    lex.armed_nouns = frozenset(_words(nouns["armed_nouns"], "armed_nouns"))
    lex.state_force_nouns = frozenset(_words(nouns["state_force_nouns"], "state_force_nouns"))
    lex.people_nouns = frozenset(_words(nouns["people_nouns"], "people_nouns"))
    return lex

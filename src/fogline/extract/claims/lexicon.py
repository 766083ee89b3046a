"""The claims lexicon: every word list and label set the claims extractor reads.

One loader, :func:`load_lexicon`, reads ``data/claims/*.yaml`` and the shared closed-class
words of ``data/grammar.yaml`` into a frozen :class:`ClaimLexicon`. Two lists are borrowed,
not copied: the shared reporting verbs (what counts as "said", :mod:`fogline.extract.words`)
and the places lexicon's feature words (what "Rutshuru territory" strips).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, get_args

from fogline.data import load_yaml
from fogline.errors import LexiconError
from fogline.extract.places.lexicon import load_feature_words
from fogline.extract.words import grammar_words, reporting_verbs
from fogline.model import Stance

#: frames a predicate entry may list, in the order they are tried for one trigger word
VERB_FRAMES = ("transitive", "from_verbs", "intransitive", "fall", "lose")
#: keys of data/grammar.yaml this extractor reads
GRAMMAR_KEYS = (
    "first_person", "personal_pronouns", "nonpersonal_pronouns", "nonpersonal_possessives",
    "relative_pronouns", "modals", "conditional_subordinators", "negative_adverbs",
    "negative_pronouns", "nonspecific_determiners",
)  # fmt: skip

Words = frozenset[str]


@dataclass(frozen=True, slots=True)
class PredicateCue:
    """One way a word states a predicate: ``rest`` are the words that must follow the lemma."""

    predicate: str
    frame: str
    rest: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimLexicon:
    """Everything the claims extractor reads from its data files, indexed for lookup."""

    # predicates.yaml: cues by first lemma, and the frame words of single predicates
    verbs: Mapping[str, tuple[PredicateCue, ...]]
    nouns: Mapping[str, tuple[PredicateCue, ...]]
    adjectives: Mapping[str, tuple[PredicateCue, ...]]
    place_patient: Mapping[str, str]
    control_of: Words
    control_nouns: Words
    under: Words
    under_verbs: Words
    control_degrees: Words
    presence: Words
    presence_preps: Words
    projectile: Words
    projectile_preps: Words
    weapons: Words
    participation: tuple[str, ...]
    fight_nouns: Words
    meeting: Words
    meeting_nouns: Words
    obligation: Words
    causatives: Words
    advance_verbs: Words
    advance_preps: Words
    near_verbs: Words
    near_preps: Words
    distance_units: Words
    front_parts: Words
    agreement_verbs: Words
    agreement_nouns: Words
    announcement_verbs: Words
    messages: Words
    # predicate_sets.yaml
    people_predicates: Words
    content_predicates: Words
    borrow_agent_predicates: Words
    blamable_predicates: Words
    located_predicates: Words
    need_subject_predicates: Words
    intent_predicates: Words
    national_predicates: Words
    reporter_party_predicates: Words
    # stance.yaml and hedges.yaml
    denial_verbs: Words
    denial_phrases: tuple[str, ...]
    belief_verbs: Words
    false_words: Words
    groundless_nouns: Words  # "no truth to", "no validity to" reports that …
    doubt_words: Words
    confirm_verbs: Words
    unconfirmed_nouns: Words
    unconfirmed_adjectives: Words
    claim_nouns: Words
    blame_verbs: Words
    anaphors: Words
    hedge_words: Words
    hedge_phrases: tuple[str, ...]
    hedging_reporters: Words
    hedge_modals: Words
    rumour_nouns: Words
    irrealis_heads: Words  # "fears of being arrested": the content states nothing
    survival_words: Mapping[str, Words]  # "X is alive" denies KILLED(…, X)
    # nouns.yaml
    place_nouns: Mapping[str, str]
    armed_nouns: Words
    state_force_nouns: Words
    people_nouns: Words
    own_force_nouns: Words
    irregular_plurals: Mapping[str, str]
    unchanged_plurals: Words
    not_man_compounds: Words
    vowels_before_y: Words
    # syntax.yaml
    preps: Mapping[str, Words]
    other_time: Words
    same_incident: Words
    light_verbs: Words
    raising_verbs: Words
    count_heads: Words
    small_clause_heads: Words
    # references.yaml
    armed_kinds: Words
    place_named_kinds: Words
    organisation_pronouns: Words
    linked_after: re.Pattern[str]
    linked_modifiers: Words
    generic_forces: tuple[str, str]
    # from_events.yaml
    control_subtypes: Words
    certainty_stance: Mapping[str, Stance]
    skipped_modes: tuple[str, ...]
    cluster_events: Mapping[str, frozenset[str]]  # predicate → event types / sub-event types
    cluster_skip_subtypes: frozenset[str]
    # data/grammar.yaml (shared closed-class words)
    grammar: Mapping[str, Words]
    # borrowed: reporting verbs (quotes extractor), feature words (data/places/), longest first
    reporting_verbs: Words
    feature_words: tuple[str, ...]

    def predicates(self) -> tuple[str, ...]:
        """Every predicate of the closed set, in data-file order."""
        return tuple(self.place_patient)


def _words(value: object, where: str, *, lower: bool = True) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"claims lexicon: {where} must be a list of strings")
    return [v.lower() for v in value] if lower else list(value)


def _set(data: Mapping[str, Any], key: str, where: str, default: list[str] | None = None) -> Words:
    """The words under ``key`` (required unless a ``default`` is given)."""
    return frozenset(_words(data.get(key, default), f"{where}.{key}"))


def _mapping(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise LexiconError(f"claims lexicon: {where} must be a mapping")
    return value


def _cues(predicates: Mapping[str, Any]) -> dict[str, Any]:
    """The cue tables of predicates.yaml (by first lemma) and each predicate's place rule."""
    tables: dict[str, dict[str, list[PredicateCue]]] = {"verbs": {}, "nouns": {}, "adjectives": {}}

    def index(table: str, phrases: object, predicate: str, frame: str, where: str) -> None:
        for phrase in _words(phrases, where):
            first, *rest = phrase.split()
            cue = PredicateCue(predicate, frame, tuple(rest))
            tables[table].setdefault(first, []).append(cue)

    place_patient = {}
    for predicate, spec in predicates.items():
        spec = _mapping(spec, f"predicate {predicate}")
        place_patient[predicate] = str(spec.get("place_patient", "any"))
        for frame in VERB_FRAMES:
            index("verbs", spec.get(frame, []), predicate, frame, f"{predicate}.{frame}")
        index("nouns", spec.get("nouns", []), predicate, "noun", f"{predicate}.nouns")
        index("adjectives", spec.get("adjectives", []), predicate, "adjective", predicate)
    out: dict[str, Any] = {
        name: MappingProxyType({k: tuple(v) for k, v in table.items()})
        for name, table in tables.items()
    }
    out["place_patient"] = MappingProxyType(place_patient)
    return out


def _frame_words(predicates: Mapping[str, Any]) -> dict[str, Any]:
    """The words of the frames that belong to one predicate (control of, under, projectile …)."""
    fields = {
        "CONTROL": ("control_of", "control_nouns", "under", "under_verbs", "control_degrees",
                    "presence", "presence_preps"),
        "ATTACKED": ("projectile", "projectile_preps", "weapons", "fight_nouns"),
        "NEGOTIATE": ("meeting", "meeting_nouns"),
        "DEMAND": ("obligation",),
        "DISPLACED": ("causatives",),
        "ADVANCED": ("advance_verbs", "advance_preps", "near_verbs", "near_preps",
                     "distance_units", "front_parts"),
        "CEASEFIRE": ("agreement_verbs", "agreement_nouns", "announcement_verbs"),
        "THREATEN": ("messages",),
    }  # fmt: skip
    out: dict[str, Any] = {}
    for predicate, keys in fields.items():
        spec = _mapping(predicates.get(predicate, {}), f"predicate {predicate}")
        out.update({key: _set(spec, key, predicate, []) for key in keys})
    attacked = _mapping(predicates.get("ATTACKED", {}), "predicate ATTACKED")
    out["participation"] = tuple(_words(attacked.get("participation", []), "participation"))
    return out


def _predicate_sets(known: tuple[str, ...]) -> dict[str, Words]:
    data = _mapping(load_yaml("claims/predicate_sets.yaml"), "predicate_sets.yaml")
    out = {}
    keys = ("people", "content", "borrow_agent", "blamable", "located", "need_subject", "intent",
            "national", "reporter_party")  # fmt: skip
    for key in keys:
        labels = _words(data.get(key), f"predicate_sets.{key}", lower=False)
        unknown = sorted(set(labels) - set(known))
        if unknown:
            raise LexiconError(f"claims lexicon: predicate_sets.{key}: unknown {unknown}")
        out[f"{key}_predicates"] = frozenset(labels)
    return out


def _stance_words() -> dict[str, Any]:
    stance = _mapping(load_yaml("claims/stance.yaml"), "stance.yaml")
    hedges = _mapping(load_yaml("claims/hedges.yaml"), "hedges.yaml")
    keys = ("denial_verbs", "false_words", "doubt_words", "confirm_verbs", "claim_nouns",
            "anaphors", "unconfirmed_nouns", "unconfirmed_adjectives")  # fmt: skip
    out: dict[str, Any] = {key: _set(stance, key, "stance") for key in keys}
    out["blame_verbs"] = _set(stance, "blame_verbs", "stance", [])
    out["belief_verbs"] = _set(stance, "belief_verbs", "stance", [])
    out["groundless_nouns"] = _set(stance, "groundless_nouns", "stance", [])
    out["irrealis_heads"] = _set(stance, "irrealis_heads", "stance", [])
    out["denial_phrases"] = tuple(_words(stance.get("denial_phrases"), "denial_phrases"))
    out["hedge_words"] = _set(hedges, "words", "hedges")
    out["hedge_phrases"] = tuple(_words(hedges.get("phrases"), "hedges.phrases"))
    out["hedging_reporters"] = _set(hedges, "hedging_reporters", "hedges")
    out["hedge_modals"] = _set(hedges, "modals", "hedges")
    out["rumour_nouns"] = _set(hedges, "rumour_nouns", "hedges")
    survival = _mapping(stance.get("survival_words", {}), "stance.survival_words")
    out["survival_words"] = {
        word.lower(): frozenset(_words(preds, f"survival_words.{word}", lower=False))
        for word, preds in survival.items()
    }
    return out


def _nouns() -> dict[str, Any]:
    nouns = _mapping(load_yaml("claims/nouns.yaml"), "nouns.yaml")
    places = _mapping(nouns.get("place_nouns"), "nouns.place_nouns")
    plurals = _mapping(nouns.get("plurals"), "nouns.plurals")
    irregular = _mapping(plurals.get("irregular"), "nouns.plurals.irregular")
    out: dict[str, Any] = {
        key: _set(nouns, key, "nouns")
        for key in ("armed_nouns", "state_force_nouns", "people_nouns", "own_force_nouns")
    }
    out["place_nouns"] = MappingProxyType({str(k).lower(): str(v or "") for k, v in places.items()})
    out["irregular_plurals"] = MappingProxyType(
        {str(k).lower(): str(v).lower() for k, v in irregular.items()}
    )
    out["unchanged_plurals"] = _set(plurals, "unchanged", "nouns.plurals")
    out["not_man_compounds"] = _set(plurals, "not_man_compounds", "nouns.plurals")
    out["vowels_before_y"] = _set(plurals, "vowels_before_y", "nouns.plurals")
    return out


def _syntax() -> dict[str, Any]:
    syntax = _mapping(load_yaml("claims/syntax.yaml"), "syntax.yaml")
    preps = _mapping(syntax.get("preps"), "syntax.preps")
    out: dict[str, Any] = {
        key: _set(syntax, key, "syntax")
        for key in (
            "other_time",
            "same_incident",
            "light_verbs",
            "raising_verbs",
            "count_heads",
            "small_clause_heads",
        )
    }
    out["preps"] = MappingProxyType({role: _set(preps, role, "syntax.preps") for role in preps})
    return out


def _references() -> dict[str, Any]:
    refs = _mapping(load_yaml("claims/references.yaml"), "references.yaml")
    keys = ("armed_kinds", "place_named_kinds", "organisation_pronouns", "linked_modifiers")
    out: dict[str, Any] = {key: _set(refs, key, "references") for key in keys}
    suffixes = _words(refs.get("linked_suffixes"), "references.linked_suffixes")
    out["linked_after"] = re.compile(
        r"\s*-\s*(?:" + "|".join(re.escape(w) for w in suffixes) + r")\b"
    )
    forces = _words(refs.get("generic_forces"), "references.generic_forces")
    if len(forces) != 2:
        raise LexiconError("claims lexicon: references.generic_forces must be [lemma, word]")
    out["generic_forces"] = (forces[0], forces[1])
    return out


def _from_events() -> dict[str, Any]:
    data = _mapping(load_yaml("claims/from_events.yaml"), "from_events.yaml")
    stances = set(get_args(Stance))
    certainty = _mapping(data.get("certainty_stance"), "from_events.certainty_stance")
    if not set(certainty.values()) <= stances:
        raise LexiconError(f"claims lexicon: certainty_stance values must be in {stances}")
    subtypes = _words(data.get("control_subtypes"), "control_subtypes", lower=False)
    return {
        "control_subtypes": frozenset(subtypes),
        "certainty_stance": MappingProxyType(dict(certainty)),
        "skipped_modes": tuple(_words(data.get("skipped_modes"), "skipped_modes")),
        "cluster_events": MappingProxyType(
            {
                str(pred): frozenset(_words(kinds, "cluster_events", lower=False))
                for pred, kinds in _mapping(
                    data.get("cluster_events"), "from_events.cluster_events"
                ).items()
            }
        ),
        "cluster_skip_subtypes": frozenset(
            _words(data.get("cluster_skip_subtypes"), "cluster_skip_subtypes", lower=False)
        ),
    }


def _grammar() -> Mapping[str, Words]:
    return MappingProxyType({key: grammar_words(key) for key in GRAMMAR_KEYS})


def _borrowed() -> dict[str, Any]:
    words = load_feature_words()
    return {
        "reporting_verbs": reporting_verbs(),
        # longest first, then alphabetical: not the set's order, which depends on the hash seed
        "feature_words": tuple(sorted(words, key=lambda w: (-len(w), w))),
    }


@functools.cache
def load_lexicon() -> ClaimLexicon:
    """The claims lexicon, read once from ``data/claims/*.yaml`` and ``data/grammar.yaml``."""
    predicates = _mapping(load_yaml("claims/predicates.yaml"), "predicates.yaml")
    cues = _cues(predicates)
    return ClaimLexicon(
        **cues,
        **_frame_words(predicates),
        **_predicate_sets(tuple(cues["place_patient"])),
        **_stance_words(),
        **_nouns(),
        **_syntax(),
        **_references(),
        **_from_events(),
        grammar=_grammar(),
        **_borrowed(),
    )

"""The words of people and organisations: actor descriptors, role titles and the words read
around names and titles (``data/actors/``) and the shared reporting verbs (a speaker's verbs);
loaded on first use and cached. Quotes and claims read the descriptors from here too."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from fogline.data import load_lines, load_tsv, load_yaml
from fogline.errors import LexiconError
from fogline.extract.words import reporting_verbs

DEMONYMS = "actors/demonyms.tsv"
WORDS = (  # the word lists of data/actors/words.yaml, each a field of Lexicon
    "title_modifiers",
    "former_words",
    "leadership_verbs",
    "employment_verbs",
    "employment_prepositions",
    "self_naming_verbs",
    "partitive_heads",
    "unnamed_official_roles",
    "generic_name_words",
    "phrase_prepositions",
    "setting_prepositions",
    "membership_prepositions",
    "affiliation_prepositions",
    "owner_prepositions",
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Reporting verbs, role titles and descriptor nouns."""

    cue_verbs: frozenset[str]
    roles: frozenset[str]  # lower-case titles, multi-word titles joined by spaces
    group_nouns: frozenset[str]
    state_nouns: frozenset[str]
    people_nouns: frozenset[str]
    document_nouns: frozenset[str]
    document_verbs: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    units: frozenset[str] = frozenset()  # nouns naming a body of a state ("army", "ministry")
    organisation_words: frozenset[str] = frozenset()  # "institute", "group", "council"
    honorifics: frozenset[str] = frozenset()  # "mr", "ms"
    media_nouns: frozenset[str] = frozenset()  # "broadcaster", "news agency"
    state_offices: frozenset[str] = frozenset()  # "governor", "prefect": the state's offices
    state_body_words: frozenset[str] = frozenset()  # "intelligence official": a state's body
    demonyms: Mapping[str, str] = field(default_factory=dict)  # "russian" → "Russia"
    # data/actors/words.yaml (see there what each list is for)
    title_modifiers: frozenset[str] = frozenset()  # "former", "acting"
    former_words: frozenset[str] = frozenset()
    leadership_verbs: frozenset[str] = frozenset()  # "run", "head"
    employment_verbs: frozenset[str] = frozenset()  # "work", "write" (for Y)
    employment_prepositions: frozenset[str] = frozenset()  # "for", "with"
    self_naming_verbs: frozenset[str] = frozenset()  # "identify", "call"
    partitive_heads: frozenset[str] = frozenset()  # "one" of "one of the commanders"
    unnamed_official_roles: frozenset[str] = frozenset()
    generic_name_words: frozenset[str] = frozenset()  # "republic", "united"
    phrase_prepositions: frozenset[str] = frozenset()
    setting_prepositions: frozenset[str] = frozenset()
    membership_prepositions: frozenset[str] = frozenset()
    affiliation_prepositions: frozenset[str] = frozenset()
    owner_prepositions: frozenset[str] = frozenset()


@functools.cache
def lexicon() -> Lexicon:
    """The packaged lexicon (raises :class:`LexiconError` when a file is missing or malformed)."""
    desc = load_yaml("actors/descriptors.yaml")
    words = load_yaml("actors/words.yaml")
    try:
        pronouns = desc["pronouns"]
        return Lexicon(
            cue_verbs=reporting_verbs(),
            roles=frozenset(r.lower() for r in load_lines("actors/roles.txt")),
            group_nouns=frozenset(desc["group"]),
            state_nouns=frozenset(desc["state"]),
            people_nouns=frozenset(desc["people"]),
            document_nouns=frozenset(desc["documents"]),
            document_verbs=frozenset(desc["document_verbs"]),
            person_pronouns=frozenset(pronouns["person"]),
            group_pronouns=frozenset(pronouns["group"]),
            units=frozenset(str(u).lower() for u in desc.get("units", ())),
            organisation_words=frozenset(str(w) for w in desc.get("organisation_words", ())),
            honorifics=frozenset(str(w) for w in desc.get("honorifics", ())),
            media_nouns=frozenset(str(w) for w in desc.get("media_nouns", ())),
            state_offices=frozenset(str(w).lower() for w in desc.get("state_offices", ())),
            state_body_words=frozenset(str(w).lower() for w in desc.get("state_body_words", ())),
            demonyms=MappingProxyType(
                {r["demonym"].strip().lower(): r["state"].strip() for r in load_tsv(DEMONYMS)}
            ),
            **{key: frozenset(str(w).lower() for w in words[key]) for key in WORDS},
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise LexiconError(f"actors lexicon is malformed: {exc!r}") from exc

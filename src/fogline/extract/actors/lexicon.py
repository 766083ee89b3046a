"""The words of people and organisations: actor descriptors and role titles (``data/actors/``)
and the shared reporting verbs (a speaker's verbs); loaded on first use and cached. Quotes and
claims read the descriptors from here too."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from fogline.data import load_lines, load_tsv, load_yaml
from fogline.errors import LexiconError
from fogline.extract.words import reporting_verbs

DEMONYMS = "actors/demonyms.tsv"


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


@functools.cache
def lexicon() -> Lexicon:
    """The packaged lexicon (raises :class:`LexiconError` when a file is missing or malformed)."""
    desc = load_yaml("actors/descriptors.yaml")
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
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise LexiconError(f"actors lexicon is malformed: {exc!r}") from exc

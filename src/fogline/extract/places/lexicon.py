"""The place lexicon under ``data/places/``: place cues, never-a-place words, feature words and
the words around and inside place names (``words.yaml``)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from fogline.data import load_lines, load_tsv, load_yaml


@dataclass(frozen=True, slots=True)
class Cues:
    """Place cues from ``data/places/cues.yaml``."""

    before_words: frozenset[str]
    before_phrases: tuple[tuple[str, ...], ...]
    after_words: frozenset[str]
    after_hyphen: frozenset[str]
    not_places: frozenset[str]


@dataclass(frozen=True, slots=True)
class PlaceWords:
    """Words around and inside place names, from ``data/places/words.yaml`` (lower case)."""

    feature_after: frozenset[str]
    name_nouns: tuple[tuple[str, ...], ...]  # in the order tried
    settlement_nouns: frozenset[str]
    of_nouns: frozenset[str]
    directions: frozenset[str]
    skipped_before_place: frozenset[str]
    distance_words: frozenset[str]
    name_connectors: frozenset[str]
    arabic_articles: frozenset[str]
    name_particles: frozenset[str]


@functools.cache
def load_words() -> PlaceWords:
    """The words of ``data/places/words.yaml`` (loaded once, on first use)."""
    data = load_yaml("places/words.yaml")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data[key])

    return PlaceWords(
        feature_after=words("feature_after"),
        name_nouns=tuple(tuple(str(p).lower().split()) for p in data["name_nouns"]),
        settlement_nouns=words("settlement_nouns"),
        of_nouns=words("of_nouns"),
        directions=words("directions"),
        skipped_before_place=words("skipped_before_place"),
        distance_words=words("distance_words"),
        name_connectors=words("name_connectors"),
        arabic_articles=words("arabic_articles"),
        name_particles=words("name_particles"),
    )


@functools.cache
def load_cues() -> Cues:
    """The place cues and the never-a-place words (loaded once, on first use)."""
    data = load_yaml("places/cues.yaml")
    before = [str(c).lower() for c in data["before"]]
    return Cues(
        before_words=frozenset(c for c in before if " " not in c and "," not in c),
        before_phrases=tuple(tuple(c.replace(",", " ,").split()) for c in before if " " in c),
        after_words=frozenset(str(c).lower() for c in data["after"]),
        after_hyphen=frozenset(str(c).lower() for c in data.get("after_hyphen", ())),
        not_places=frozenset(load_lines("places/not_places.txt")),
    )


@functools.cache
def load_feature_words() -> frozenset[str]:
    """Generic feature words ("province", "district of") of ``data/places/feature_words.tsv``,
    lower case; the gazetteer keys fold them its own way (:mod:`fogline.gazetteer.keys`)."""
    return frozenset(row["word"].lower() for row in load_tsv("places/feature_words.tsv"))


@dataclass(frozen=True, slots=True)
class Senses:
    """Words whose usual sense is not a place, from ``data/places/senses.yaml`` and the
    nationality adjectives of ``data/actors/demonyms.tsv`` (lower case)."""

    given_names: frozenset[str]
    titles: frozenset[str]
    common_words: frozenset[str]
    peoples: frozenset[str]  # peoples, languages and nationality adjectives


@functools.cache
def load_senses() -> Senses:
    """The words of ``data/places/senses.yaml`` (loaded once, on first use)."""
    data = load_yaml("places/senses.yaml")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data[key])

    demonyms = frozenset(row["demonym"].lower() for row in load_tsv("actors/demonyms.tsv"))
    return Senses(
        given_names=words("given_names"),
        titles=words("titles"),
        common_words=words("common_words"),
        peoples=words("peoples") | demonyms,
    )

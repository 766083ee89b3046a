"""The time lexicon's record and the tense type, apart from the grammar that builds them
(:mod:`fogline.extract.times.lexicon`), so that every module of the grammar can name them."""

from __future__ import annotations

import re
from dataclasses import dataclass

Tense = str | None  # "past" | "present" | "future" | "conditional" | None


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Month, weekday and number words and the compiled time grammar."""

    months: dict[str, int]
    month_full: frozenset[str]
    weekdays: dict[str, int]
    weekday_full: frozenset[str]
    numbers: dict[str, int]
    ordinals: dict[str, int]
    decade_words: dict[str, int]
    seasons: dict[str, tuple[str, int]]
    ambiguous_months: frozenset[str]
    preps: frozenset[str]
    future_heads: frozenset[str]
    future_modals: frozenset[str]
    future_verbs: frozenset[str]
    deadline_words: frozenset[str]
    not_deictic_after: frozenset[str]
    age_possessives: frozenset[str]
    past_auxiliaries: frozenset[str]
    conditional_modals: frozenset[str]
    present_auxiliaries: frozenset[str]
    holidays: dict[str, tuple[int, int | tuple[int, int]]]
    deictic: dict[str, int]
    named_days: dict[tuple[int, int], int]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    # per pattern, a cheap one that every match contains ("ago"), or None: the pattern is
    # then only run near its matches (:func:`fogline.extract.times.lexicon.matches`)
    triggers: tuple[re.Pattern[str] | None, ...] = ()

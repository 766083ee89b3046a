"""The quotes lexicon: channels of attribution and the words read around reporting verbs and
speakers (``data/quotes/``) and the shared reporting verbs; loaded on first use and cached.
Descriptor nouns and role titles are the actors' (:mod:`fogline.extract.actors.lexicon`),
closed-class words the shared grammar's (:func:`fogline.extract.words.grammar_words`)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from fogline.data import load_yaml
from fogline.errors import LexiconError
from fogline.extract.words import reporting_verbs

WORDS = (  # the word lists of data/quotes/words.yaml, each a field of QuoteLexicon
    "outlet_verbs",
    "outlet_prepositions",
    "title_prepositions",
    "state_speaker_words",
    "member_words",
    "allegiance_adjectives",
)


@dataclass(frozen=True, slots=True)
class QuoteLexicon:
    """Cue verbs, channel triggers and the words of ``data/quotes/words.yaml``."""

    cue_verbs: frozenset[str]
    channels: tuple[tuple[str, tuple[str, ...]], ...]  # (channel, lower-case trigger words)
    # data/quotes/words.yaml (see there what each list is for)
    appeal_verbs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # "call": on, upon
    outlet_verbs: frozenset[str] = frozenset()  # "read", "carry" (on/by an outlet)
    outlet_prepositions: frozenset[str] = frozenset()  # "on", "by", "in"
    title_prepositions: frozenset[str] = frozenset()  # "Ambassador to the UN X"
    state_speaker_words: frozenset[str] = frozenset()  # "official", "commander", "army"
    member_words: frozenset[str] = frozenset()  # "member", "members"
    allegiance_adjectives: frozenset[str] = frozenset()  # "loyal" (to), "close" (to)


@functools.cache
def load_lexicon() -> QuoteLexicon:
    """The packaged lexicon (raises :class:`LexiconError` when a file is malformed)."""
    channels = load_yaml("quotes/channels.yaml")
    words = load_yaml("quotes/words.yaml")
    try:
        return QuoteLexicon(
            cue_verbs=reporting_verbs(),
            channels=tuple(
                (name, tuple(str(t).lower() for t in triggers))
                for name, triggers in channels.items()
            ),
            appeal_verbs=MappingProxyType(
                {
                    str(verb).lower(): tuple(str(p).lower() for p in preps or ())
                    for verb, preps in words["appeal_verbs"].items()
                }
            ),
            **{key: frozenset(str(w).lower() for w in words[key]) for key in WORDS},
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise LexiconError(
            f"quotes/channels.yaml or quotes/words.yaml is malformed: {exc!r}"
        ) from exc

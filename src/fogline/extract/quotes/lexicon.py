"""The quotes lexicon: channels of attribution (``data/quotes/``) and the shared reporting
verbs; loaded on first use and cached. Descriptor nouns and role titles are the actors'
(:mod:`fogline.extract.actors.lexicon`)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from fogline.data import load_yaml
from fogline.errors import LexiconError
from fogline.extract.words import reporting_verbs


@dataclass(frozen=True, slots=True)
class QuoteLexicon:
    """Cue verbs and channel triggers."""

    cue_verbs: frozenset[str]
    channels: tuple[tuple[str, tuple[str, ...]], ...]  # (channel, lower-case trigger words)


@functools.cache
def load_lexicon() -> QuoteLexicon:
    """The packaged lexicon (raises :class:`LexiconError` when a file is malformed)."""
    channels = load_yaml("quotes/channels.yaml")
    try:
        return QuoteLexicon(
            cue_verbs=reporting_verbs(),
            channels=tuple(
                (name, tuple(str(t).lower() for t in triggers))
                for name, triggers in channels.items()
            ),
        )
    except (TypeError, AttributeError) as exc:
        raise LexiconError(f"quotes/channels.yaml is malformed: {exc!r}") from exc

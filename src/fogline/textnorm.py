"""Name folding shared by the gazetteer and the actor dictionary."""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bb\u02bc\u02be\u02bf'`\u00b4]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(name: str) -> str:
    """Case-, diacritic- and punctuation-insensitive key: "’Unābah" → "unabah"."""
    name = unicodedata.normalize("NFKC", name)
    name = _APOSTROPHES.sub("", name)
    name = anyascii(name).lower()
    return _NON_ALNUM.sub(" ", name).strip()

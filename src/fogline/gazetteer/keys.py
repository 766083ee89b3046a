"""Name keys of the gazetteer index: folded name, base name and transliteration skeleton.

Three keys per name, from strict to loose:

- ``fold``: case, diacritics and punctuation removed (``fogline.textnorm.fold``);
- ``base``: the folded name without a leading Arabic article (al-, el-, ad-, as-, ...)
  and without a trailing feature word (province, governorate, district, ...), the
  feature word being kept as a *hint* of the feature type;
- ``skeleton``: the base's consonants, with common transliteration digraphs merged
  (kh/k, q/k, ou/u, ...), so that spelling variants of one name meet:
  ``Saqlawiyah`` / ``Saqlawiya``, ``Baraawe`` / ``Barawe``, ``Abu Kamal`` / ``Boukamal``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from fogline.data import load_tsv
from fogline.textnorm import fold

# Arabic definite article as transliterated (assimilated forms included).
_ARTICLE = re.compile(r"^(?:al|el|ul|ad|ar|as|ash|at|az|an|ath|adh|dh)\s+")
_DIGRAPHS = (
    ("kh", "k"),
    ("gh", "g"),
    ("sh", "s"),
    ("ch", "c"),
    ("th", "t"),
    ("dh", "d"),
    ("ph", "f"),
    ("zh", "z"),
    ("q", "k"),
    ("ck", "k"),
    ("j", "j"),
    ("x", "ks"),
)
_VOWELS = re.compile(r"[aeiouy]+")
_H_AFTER = re.compile(r"(?<=[bcdfgjklmnpqrstvwxz])h|h$")
_DOUBLE = re.compile(r"(.)\1+")


@dataclass(frozen=True, slots=True)
class NameKeys:
    """The index keys of one name, and the feature hinted by a stripped suffix."""

    fold: str
    base: str
    skeleton: str
    hint: str | None = None
    loose: str = ""  # base with settlement/terrain words also stripped (query fallback)


@functools.cache
def _suffixes(index: bool) -> tuple[tuple[str, str], ...]:
    """(folded feature word, feature code), longest first, from data/places/feature_words.tsv;
    ``index``: only the words also stripped from gazetteer names."""
    rows = load_tsv("places/feature_words.tsv")
    pairs = {
        (fold(r["word"]), r["feature"])
        for r in rows
        if not index or r.get("strip_in_index", "yes") == "yes"
    }
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def strip_feature_word(folded: str, *, index: bool = True) -> tuple[str, str | None]:
    """``"idlib province"`` → ``("idlib", "ADM1")``; names without one are returned as-is.

    ``index=False`` also strips settlement and terrain words ("city", "valley").
    """
    for word, feature in _suffixes(index):
        if folded.endswith(" " + word) and len(folded) > len(word) + 2:
            return folded[: -len(word) - 1].strip(), feature
        if folded.startswith(word + " of ") and len(folded) > len(word) + 5:
            return folded[len(word) + 4 :].strip(), feature
    return folded, None


def strip_article(folded: str) -> str:
    """Drop a leading Arabic article: ``"al qaim"`` → ``"qaim"`` (never down to nothing)."""
    stripped = _ARTICLE.sub("", folded)
    return stripped if len(stripped) >= 3 else folded


def skeleton(base: str) -> str:
    """Consonant skeleton of a folded name: ``"boukamal"`` and ``"abu kamal"`` → ``"bkml"``."""
    s = base.replace(" ", "")
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    s = _H_AFTER.sub("", s)
    s = _VOWELS.sub("", s)
    s = _DOUBLE.sub(r"\1", s)
    # "abu kamal" and "boukamal": an initial vowel before b/w is often dropped in transliteration
    return s


def aspirated_skeleton(base: str) -> str | None:
    """The skeleton with "ph" read as an aspirated p (Burmese, Thai and Indic romanisation:
    ``"kyaukphyu"`` meets ``"kyaukpyu"``, ``"phuket"`` meets ``"puket"``); None when it is the
    same as :func:`skeleton`."""
    if "ph" not in base:
        return None
    alt = skeleton(base.replace("ph", "p"))
    return alt if alt != skeleton(base) else None


def name_keys(name: str) -> NameKeys:
    """All keys of a name, e.g. ``name_keys("Al-Anbar Governorate")``."""
    folded = fold(name)
    if folded.startswith("the ") and len(folded) > 6:
        folded = folded[4:]
    base, hint = strip_feature_word(folded)
    base = strip_article(base)
    loose, loose_hint = strip_feature_word(base, index=False)
    return NameKeys(folded, base, skeleton(base), hint or loose_hint, loose)

"""What a resolved place mention is called, whether its reading is credible, and where a
name the gazetteer cannot place lies by what the text says around it.

- name: a facility noun after the name belongs to it ("al-Bureij refugee camp"); a feature
  word does when the bare name is another place in the same text ("Aleppo province" beside
  the city of Aleppo);
- credibility: a one-word name with no place cue around it is geocoded only to a strong
  entry (a country, a province, a large city) or to a place in a country the other names of
  the text point to ("Bale", "Time" or "Earth" are no towns abroad);
- containment: a name the gazetteer lacks, or places in another province than the text says,
  takes the point of the place the text puts it in ("Wadi Abdan in Shabwa province", "the
  Borno town of Sabon Gida", "Saqlawiyah, north of Fallujah"), marked approximate.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from fogline.extract.places.evidence import LOOSE_MATCHES, STRONG_FEATURES, _has_cue
from fogline.extract.places.lexicon import Cues, load_words
from fogline.gazetteer import Candidate, haversine_km
from fogline.gazetteer.keys import name_keys
from fogline.textnorm import fold

LARGE_CITY = 100_000
TOWN = 20_000  # a town this size is credible by itself unless the name is a person's too
CONTAINERS = frozenset({"ADM1", "ADM2", "ADM3", "PPL", "PPLA", "PPLA2", "PPLC", "RGN"})
OUTSIDE_KM = {"ADM1": 250.0, "RGN": 250.0, "ADM2": 100.0, "ADM3": 60.0}  # else 40 km (a town)


def name_end(mention: Span) -> int:
    """The token index where the place's name ends: after "refugee camp" or "camp"."""
    doc = mention.doc
    for nouns in load_words().name_nouns:  # part of the place's own name after it
        end = mention.end + len(nouns)
        if end <= len(doc) and tuple(t.lower_ for t in doc[mention.end : end]) == nouns:
            return end
    return mention.end


def credible(
    mention: Span, cand: Candidate, context: set[str], cues: Cues, person_words: set[str]
) -> bool:
    """Whether ``cand`` may stand for ``mention``; ``context``: the countries the document's
    other place names point to; ``person_words``: words of the document's person names."""
    text = mention.text
    if not any(ch.isupper() for ch in text) or fold(text) in cues.not_places:
        return False  # "n't", "kimchi"; "Earth", "West"
    if " " in text or _has_cue(mention, cues, phrase=False):
        return True
    large = cand.kind.startswith("PPL") and cand.population >= LARGE_CITY
    if cand.match not in LOOSE_MATCHES and (cand.kind in STRONG_FEATURES or large):
        return True
    if cand.kind.startswith("PPL") and cand.population >= TOWN and cand.match != "skeleton":
        return text.lower() not in person_words  # Kobani, not Bale of Christian Bale
    return cand.country_code in context


def container(mention: Span, spans: dict[int, Span]) -> tuple[Span, str] | None:
    """The place the text puts ``mention`` in or near, and how: "in" ("Wadi Abdan in Shabwa
    province"), "of" ("the Borno town of Sabon Gida") or a direction ("Saqlawiyah, north of
    Fallujah", "Abadam, 20 km south of Maiduguri"); ``spans``: place mentions by first token."""
    doc, words = mention.doc, load_words()
    i = name_end(mention)
    while i < len(doc) and doc[i].lower_ in words.settlement_nouns and i - mention.end < 2:
        i += 1  # "Sablale district south of ..."
    if i < len(doc) and doc[i].lower_ == "in":
        return _span_after(doc, i + 1, spans, "in")
    j = i + 1 if i < len(doc) and doc[i].text == "," else i
    while j < len(doc) and j - i < 5 and (doc[j].like_num or doc[j].lower_ in _distance(words)):
        j += 1
    if j + 1 < len(doc) and doc[j].lower_ in words.directions and doc[j + 1].lower_ == "of":
        return _span_after(doc, j + 2, spans, doc[j].lower_)
    k = mention.start
    if k >= 3 and doc[k - 1].lower_ == "of" and doc[k - 2].lower_ in words.of_nouns:
        for place in spans.values():
            if place.end == k - 2:
                return place, "of"
    return None


def _distance(words) -> frozenset[str]:
    """Words of a distance ("20 km", "some 40 miles") and an opening bracket ("(20 km)")."""
    return words.distance_words | {"("}


def _span_after(doc: Doc, i: int, spans: dict[int, Span], how: str) -> tuple[Span, str] | None:
    """The place mention at token ``i``, past a determiner or a direction adjective."""
    while i < len(doc) and doc[i].lower_ in load_words().skipped_before_place:
        i += 1
    place = spans.get(i)
    return (place, how) if place is not None else None


def outside(cand: Candidate, box: Candidate) -> bool:
    """Whether ``cand`` lies outside the place ``box`` the text puts it in."""
    same = cand.admin1 and box.admin1 and _base(cand.admin1) == _base(box.admin1)
    if box.kind in ("ADM1", "RGN") and same:
        return False
    limit = OUTSIDE_KM.get(box.kind, 40.0)
    return haversine_km(cand.lat, cand.lon, box.lat, box.lon) > limit


def _base(name: str) -> str:
    return name_keys(name).base


def usable_box(box: Candidate | None) -> bool:
    """A place small enough to stand for what lies in it (no country, no continent)."""
    return box is not None and box.kind in CONTAINERS

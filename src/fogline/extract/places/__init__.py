"""Toponyms (GPE and LOC entities) geocoded against the offline gazetteer.

Disambiguation, in two passes over the document's distinct place names:

1. each name's candidates are ranked by their prior (feature type, population,
   match quality; ``fogline.gazetteer.prior``) plus a bonus when the candidate lies
   in a country the document names (or that its unambiguous places lie in);
2. then re-ranked with the coherence of places named together: a candidate whose
   province is itself named in the document, or that lies near the first-pass
   choices of the other names, gains.

A candidate found only through its transliteration skeleton is accepted only in a
country of the document's context. ``score`` is the margin of the winner over the
runner-up, squashed to 0..1.
"""

from __future__ import annotations

import functools
import math
from collections import Counter

from spacy.tokens import Doc, Span

from fogline.extract.context import DocContext
from fogline.extract.places.evidence import PLACE_LABELS, POSSESSIVE, STRONG_FEATURES, _has_cue
from fogline.extract.places.lexicon import Cues, load_cues, load_words
from fogline.extract.places.mentions import (
    beside_place,
    container,
    credible,
    name_end,
    outside,
    title_of_work,
    usable_box,
)
from fogline.extract.places.senses import demonym_countries, other_sense, person_words
from fogline.gazetteer import Candidate, haversine_km
from fogline.gazetteer.keys import name_keys
from fogline.model import Place
from fogline.textnorm import fold

BROAD = frozenset({"PCLI", "CONT", "RGN", "OCN", "SEA"})  # no coherence by distance
COUNTRY_BONUS = 1.5  # candidate in the document's leading country (less for other countries)
ADMIN_BONUS = 2.0  # candidate's province is named in the document
NEAR_BONUS = 1.5  # candidate within NEAR_KM of another place's first-pass choice
NEAR_KM = 250.0
SKELETON_MIN_SHARE = 0.3  # a spelling variant is trusted only in a leading country
MAX_CANDIDATES = 200
MAJOR = frozenset({"PCLI", "CONT", "RGN", "OCN", "SEA", "ADM1"})
MAJOR_GAP = 2.0  # a place this far below such a namesake in prior gets no coherence bonus
FAMOUS_POP = 1_000_000  # a city this large is a major namesake too (London, not London, CA)
NEAR_CHECKED = 30  # distance checks only for the best candidates by prior (speed)
APART_KM = 5.0  # a province's point this far from its namesake town's: two places
APPROX_SCORE = 0.3  # confidence of a point taken from the place the text puts a name in


def extract_places(doc: Doc, ctx: DocContext) -> list[Place]:
    """Every place mention of ``doc``, resolved to coordinates where ``ctx.gazetteer`` can.

    Example:
        >>> doc = nlp("Shelling hit Gao.")
        >>> [p.country_code for p in extract_places(doc, DocContext.of(doc, gazetteer=gaz))]
        ['ML']
    """
    gazetteer = ctx.gazetteer
    mentions = [m for e in doc.ents if e.label_ in PLACE_LABELS for m in _mentions(e)]
    if gazetteer is None:
        return [Place(name=m.text, start=m.start_char, end=m.end_char) for m in mentions]
    keys = [_lookup_key(m) for m in mentions]
    counts = Counter(keys)
    cands = {n: gazetteer.lookup(n, limit=MAX_CANDIDATES) for n in sorted(counts)}
    ends = {m.end for m in mentions}
    divisions = {  # "Parkland, Florida", "Marte, Borno State": the second names a division
        k
        for m, k in zip(mentions, keys, strict=True)
        if m.start >= 2 and doc[m.start - 1].text == "," and m.start - 1 in ends
    }
    choice = resolve(cands, counts, divisions)
    votes = country_votes(cands, counts)
    cues = load_cues()
    spans = {m.start: m for m in mentions}
    persons = person_words(doc, doc.ents, single=False)
    tagged = {e[0].lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) == 1}
    peoples = demonym_countries(doc, gazetteer)
    picked: dict[int, tuple[Candidate, float] | None] = {}
    for m, key in zip(mentions, keys, strict=True):
        best = choice.get(key)
        context = {cc for n, cc in votes.items() if n != key} | peoples
        picked[m.start] = (
            best if best and credible(m, best[0], context, cues, persons, tagged) else None
        )
    out: list[Place] = []
    for m, key in zip(mentions, keys, strict=True):
        end = _name_end(m, key, choice)
        best = picked[m.start]
        where = container(m, spans)
        box = picked.get(where[0].start) if where else None
        if where and box and usable_box(box[0]) and _contradicts(best, box[0], where[1]):
            out.append(_approximate(m, end, box[0], where[1]))
        elif best is None:
            if not _unresolved_kept(m, cues, persons):
                continue
            out.append(
                Place(
                    name=doc[m.start : end].text,
                    start=m.start_char,
                    end=doc[end - 1].idx + len(doc[end - 1]),
                )
            )
        else:
            out.append(_place(m, end, *best))
    return out


def _unresolved_kept(m: Span, cues: Cues, persons: set[str]) -> bool:
    """Whether a mention no reading was credible for is still recorded as a place (without a
    point): not a lower-case word, a never-a-place word, a handle or a link, a title of a work,
    a word in another sense without a feature cue, nor a one-word name with nothing around it
    that makes it a place ("Netflix", "Twister", "Magneto")."""
    text = m.text
    if not any(ch.isupper() for ch in text) or fold(text) in cues.not_places:
        return False
    if any(ch in text for ch in "@/#") or title_of_work(m):
        return False
    if other_sense(text, persons):
        return _has_cue(m, cues, phrase=True)
    return " " in text or _has_cue(m, cues, phrase=False) or beside_place(m)


def _contradicts(best: tuple[Candidate, float] | None, box: Candidate, how: str) -> bool:
    """Whether the reading of a name disagrees with where the text puts it (or is none)."""
    if best is None:
        return True
    if how not in ("in", "of") or best[0].kind in STRONG_FEATURES:
        return False  # "X, 132 miles south of Y" may lie far off; a province is no village
    return outside(best[0], box)


def _name_end(m: Span, key: str, choice: dict[str, tuple[Candidate, float]]) -> int:
    """Where the place's name ends: past "refugee camp", or past a feature word when the bare
    name is another place of the text ("Aleppo province" beside Aleppo, the city)."""
    end = name_end(m)
    bare, full = choice.get(m.text), choice.get(key)
    if end == m.end and key != m.text and bare and full and _another(bare[0], full[0]):
        return m.end + 1
    return end


def _another(town: Candidate, division: Candidate) -> bool:
    """Whether a bare name and the name with its feature word are two places: a town, and
    a province apart from it (not one province twice, nor a district at its town's point)."""
    return (
        town.kind.startswith("PPL")
        and not division.kind.startswith("PPL")
        and haversine_km(town.lat, town.lon, division.lat, division.lon) > APART_KM
    )


def _place(m: Span, end: int, cand: Candidate, score: float) -> Place:
    """The record of a mention resolved to ``cand``."""
    last = m.doc[end - 1]
    return Place(
        name=m.doc[m.start : end].text,
        start=m.start_char,
        end=last.idx + len(last),
        lat=round(cand.lat, 5),
        lon=round(cand.lon, 5),
        country_code=cand.country_code,
        feature=cand.feature,
        admin1=cand.admin1,
        gazetteer_id=cand.gazetteer_id,
        resolved_name=cand.name,
        score=round(score, 3),
    )


def _approximate(m: Span, end: int, box: Candidate, how: str) -> Place:
    """The record of a mention placed at the point of the place the text puts it in or near."""
    last = m.doc[end - 1]
    relation = "in" if how in ("in", "of") else f"{how} of"
    return Place(
        name=m.doc[m.start : end].text,
        start=m.start_char,
        end=last.idx + len(last),
        lat=round(box.lat, 5),
        lon=round(box.lon, 5),
        country_code=box.country_code,
        feature=f"PPL (approx: {relation} {box.name})",
        admin1=box.admin1,
        score=APPROX_SCORE,
    )


def _lookup_key(mention: Span) -> str:
    """The name to look up: the mention, with a feature word that follows it ("Idlib province")."""
    doc = mention.doc
    if mention.end < len(doc) and doc[mention.end].lower_ in load_words().feature_after:
        return f"{mention.text} {doc[mention.end].lower_}"
    return mention.text


def _mentions(ent: Span) -> list[Span]:
    """The place names of an entity: without a lowercase determiner, trailing possessive or
    lowercase words ("Soum province" -> "Soum", "the dam east" -> "dam"), one per part of a
    comma list ("Washington, DC" -> "Washington", "DC")."""
    doc = ent.doc
    parts: list[Span] = []
    start = ent.start
    for i in range(ent.start, ent.end + 1):
        if i == ent.end or doc[i].text == ",":
            if i > start:
                parts.append(doc[start:i])
            start = i + 1
    out = []
    for part in parts:
        a, b = part.start, part.end
        if b - a > 1 and doc[a].lower_ == "the" and (doc[a].text == "the" or doc[a].is_sent_start):
            a += 1
        while b - a > 1 and doc[a].is_lower and doc[a].text in _area_words():
            a += 1  # "west London", "northeast Nigeria": the place is London, Nigeria
        while b - a > 1 and (doc[b - 1].lower_ in POSSESSIVE or doc[b - 1].is_lower):
            b -= 1
        span = doc[a:b]
        if span.text.strip() and not span[0].is_punct:
            out.append(span)
    return out


@functools.cache
def _area_words() -> frozenset[str]:
    """Compass words and adjectives before a place name: "west", "northern", "south-east"."""
    words = load_words()
    return words.directions | (words.skipped_before_place - {"the"})


def country_votes(cands: dict[str, list[Candidate]], counts: Counter[str]) -> dict[str, str]:
    """The country each name points to without context: a country name its own country, a name
    whose candidates lie in one country (or whose best candidate clearly leads) that country."""
    votes: dict[str, str] = {}
    for name, cs in cands.items():
        exact = [c for c in cs if c.match != "skeleton"]
        if not exact or counts[name] == 0:
            continue
        top = exact[0]
        ccs = {c.country_code for c in exact[:5]}
        margin = top.prior - exact[1].prior if len(exact) > 1 else 9.0
        if _rival_country(exact):  # "Congo": both Congos; the other names decide
            continue
        if top.country_code and (top.kind == "PCLI" or len(ccs) == 1 or margin >= 1.5):
            votes[name] = top.country_code
    return votes


def _rival_country(cands: list[Candidate]) -> bool:
    """Whether the name is as much the name of another country as of the first one."""
    top = cands[0]
    return top.kind == "PCLI" and any(
        c.kind == "PCLI" and c.country_code != top.country_code and c.prior >= top.prior - 0.5
        for c in cands[1:5]
    )


def resolve(
    cands: dict[str, list[Candidate]],
    counts: Counter[str] | None = None,
    divisions: set[str] | None = None,
) -> dict[str, tuple[Candidate, float]]:
    """The chosen candidate and its confidence for each name (names without one are absent).

    ``counts`` is how often each name is mentioned (the weight of its country vote);
    ``divisions`` are names written after a place and a comma, read as its province or country.
    """
    counts = counts or Counter(dict.fromkeys(cands, 1))
    votes = country_votes(cands, counts)
    weights: Counter[str] = Counter()
    for name, cc in votes.items():
        weights[cc] += counts[name]

    def context(name: str) -> dict[str, float]:
        own = Counter(weights)
        if name in votes:  # a name does not vote for its own reading
            own[votes[name]] -= counts[name]
        top = max(own.values(), default=0)
        return {cc: w / top for cc, w in own.items() if w > 0} if top > 0 else {}

    first = {n: _rank(cs, context(n), None, set(), n) for n, cs in cands.items()}
    chosen = {n: r[0][1] for n, r in first.items() if r}
    admin_names = {_fold(n) for n, c in chosen.items() if c.kind in ("ADM1", "ADM2")}
    pool = _Pool(chosen)
    out: dict[str, tuple[Candidate, float]] = {}
    for name, cs in cands.items():
        division = name in (divisions or ())
        ranked = _rank(cs, context(name), pool.others(name), admin_names, name, division)
        if not ranked:
            continue
        s1, best = ranked[0]
        country = _namesake_country(ranked, best, name)
        if country is not None:
            s1, best = country
        # the runner-up that lies elsewhere (a city and its province are no rival)
        s2 = next(
            (s for s, c in ranked[1:20] if haversine_km(c.lat, c.lon, best.lat, best.lon) > 50),
            s1 - 4.0,
        )
        out[name] = (best, 1.0 / (1.0 + math.exp(-(s1 - s2))))
    return out


def _namesake_country(
    ranked: list[tuple[float, Candidate]], best: Candidate, name: str
) -> tuple[float, Candidate] | None:
    """The country a name is the own name of, when a city of that country named otherwise
    won ("Mexico" is Mexico, not Mexico City; "Kuwait" is Kuwait, not Kuwait City)."""
    if not best.kind.startswith("PPL") or _fold(best.name) == _fold(name):
        return None
    return next(
        (
            (s, c)
            for s, c in ranked
            if c.kind == "PCLI"
            and c.country_code == best.country_code
            and c.match in ("exact", "base")
            and _fold(c.name) == _fold(name)
        ),
        None,
    )


@functools.lru_cache(maxsize=65536)
def _fold(name: str) -> str:
    return name_keys(name).base


def _rank(
    cs: list[Candidate],
    countries: dict[str, float],
    others: _Others | None,
    admin_names: set[str],
    name: str,
    division: bool = False,
) -> list[tuple[float, Candidate]]:
    scored: list[tuple[float, Candidate]] = []
    # capitals often stand for their governments ("Kyiv denies"): no evidence of a spelling
    located = others is not None and others.any_located()
    exact = [c for c in cs if c.match in ("exact", "base")]
    major = exact[0] if exact and _major(exact[0]) else None
    for i, c in enumerate(cs):
        share = countries.get(c.country_code, 0.0)  # relative to the leading country
        if c.match == "skeleton" and share < SKELETON_MIN_SHARE:
            continue
        s = c.prior + COUNTRY_BONUS * share
        if division and c.kind in ("PCLI", "ADM1", "ADM2"):
            s += ADMIN_BONUS
        if (
            c.match == "skeleton"
            and located
            and c.kind != "ADM1"  # a province of a country named is no far-off namesake
            and not others.near(c, located=True)  # type: ignore[union-attr]
        ):
            continue  # a spelling variant far from every other place named is another place
        if others is not None and _coheres(c, bool(exact), major):
            if c.admin1 and _fold(c.admin1) in admin_names and _fold(c.admin1) != _fold(name):
                s += ADMIN_BONUS
            if i < NEAR_CHECKED and c.kind not in BROAD and others.near(c):
                s += NEAR_BONUS
        scored.append((s, c))
    scored.sort(key=lambda x: -x[0])
    return scored


def _major(c: Candidate) -> bool:
    """A country, region or province, or a city of world renown by its population."""
    return c.kind in MAJOR or (c.kind.startswith("PPL") and c.population >= FAMOUS_POP)


def _near_any(c: Candidate, others: list[Candidate]) -> bool:
    return any(haversine_km(c.lat, c.lon, o.lat, o.lon) < NEAR_KM for o in others)


# a chord of the unit sphere longer than this joins points more than NEAR_KM apart (with a
# margin for rounding): the grid cell of the spatial index below
_CELL = 2 * math.sin(NEAR_KM / 6371.0 / 2) * 1.01


def _cell(lat: float, lon: float) -> tuple[int, int, int]:
    p, q = math.radians(lat), math.radians(lon)
    x, y, z = math.cos(p) * math.cos(q), math.cos(p) * math.sin(q), math.sin(p)
    return math.floor(x / _CELL), math.floor(y / _CELL), math.floor(z / _CELL)


class _Pool:
    """The first-pass choices that may lend a reading coherence (not country-sized, not a
    spelling variant), in a grid of cells NEAR_KM wide: a place near a candidate lies in one of
    the 27 cells around the candidate's. Scanning every other name's choice for every name
    made resolution quadratic in the number of places named."""

    def __init__(self, chosen: dict[str, Candidate]) -> None:
        self.chosen = {
            n: c for n, c in chosen.items() if c.kind not in BROAD and c.match != "skeleton"
        }
        self.located = sum(1 for c in self.chosen.values() if c.kind != "PPLC")
        self.grid: dict[tuple[int, int, int], list[tuple[str, Candidate]]] = {}
        for n, c in self.chosen.items():
            self.grid.setdefault(_cell(c.lat, c.lon), []).append((n, c))

    def others(self, name: str) -> _Others:
        """The pool as seen from ``name``: every choice but its own."""
        return _Others(self, name)


class _Others:
    """The other names' choices for one name, as ``_rank`` asks about them."""

    def __init__(self, pool: _Pool, name: str) -> None:
        self.pool = pool
        self.name = name

    def any_located(self) -> bool:
        """Whether another name's choice is no capital (capitals stand for governments)."""
        own = self.pool.chosen.get(self.name)
        return self.pool.located - (own is not None and own.kind != "PPLC") > 0

    def near(self, c: Candidate, *, located: bool = False) -> bool:
        """``_near_any(c, others)`` (``located``: among those that are no capital)."""
        cx, cy, cz = _cell(c.lat, c.lon)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for dz in (-1, 0, 1):
                    for n, o in self.pool.grid.get((cx + dx, cy + dy, cz + dz), ()):
                        if n == self.name or (located and o.kind == "PPLC"):
                            continue
                        if haversine_km(c.lat, c.lon, o.lat, o.lon) < NEAR_KM:
                            return True
        return False


def _coheres(c: Candidate, exact: bool, major: Candidate | None) -> bool:
    """Whether ``c`` may gain from the places named with it. Not a point that is only an
    approximation, not a reading through an alternate name when the name has its own entry,
    and not a hamlet against a country, region or province of that very name ("Middle East",
    Maryland, is no rival of the Middle East)."""
    if "approx" in c.feature or (c.match == "alt" and exact):
        return False
    return major is None or c is major or c.prior >= major.prior - MAJOR_GAP

"""Claims and events of one analysis → proposition reports with canonical keys.

A proposition is (predicate, subject, place or object); its key uses the actor
dictionary's id for the subject when the name is known there, and the gazetteer
id (else a folded base name) for the place, so that "the Taliban" / "Taliban" and
"Idlib province" / "Idlib" meet.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from fogline.model import Analysis, Claim
from fogline.textnorm import fold


@dataclass(frozen=True, slots=True)
class Report:
    """One source's stance on one proposition, in one document."""

    proposition_id: str
    predicate: str
    subject: str | None
    subject_key: str
    place: str | None
    place_key: str
    obj: str | None
    lat: float | None
    lon: float | None
    document_id: str
    claim_idx: int
    stance: str
    source_name: str
    source_key: str  # who counts as one source: the speaker's organisation, else the speaker
    outlet: str | None
    published: str | None
    date: str | None
    text: str
    start: int
    end: int


# Predicates whose object tells propositions apart: KILLED(group, soldiers) is not
# KILLED(group, civilians). For CONTROL and the like the place alone is the object.
OBJECT_PREDICATES = frozenset(
    {
        "KILLED",
        "WOUNDED",
        "CAPTURED",
        "ARRESTED",
        "DISPLACED",
        "ATTACKED",
        "NEGOTIATE",
        "DEMAND",
        "THREATEN",
        "CEASEFIRE",
    }
)


@functools.lru_cache(maxsize=65536)
def place_base(name: str) -> str:
    """A place name folded, without article and feature word: "the Idlib province" → "idlib"."""
    from fogline.gazetteer.keys import name_keys

    return name_keys(name).base or fold(name)


class Canonicalizer:
    """Maps actor and place names to stable keys (actor dictionary id, gazetteer id)."""

    def __init__(self, actor_lookup: Callable[[str], object | None] | None = None) -> None:
        self._lookup = actor_lookup

    def actor_key(self, name: str | None, actor_id: str | None = None) -> str:
        """``actor:<id>`` when the actor dictionary knows ``name``, else ``name:<folded name>``.

        A leading "the" is dropped from the folded name; "" for no name.
        """
        if not name:
            return ""
        if self._lookup is not None:
            entry = self._lookup(name)
            if entry is not None:
                return f"actor:{entry.id}"  # type: ignore[attr-defined]
        return "name:" + fold(name.removeprefix("the ").removeprefix("The "))

    def place_key(
        self, name: str | None, analysis: Analysis
    ) -> tuple[str, float | None, float | None]:
        """The key and point of a place name: ``gaz:<id>`` from a geocoded place of ``analysis``.

        That place matches by name, resolved name or base name ("Idlib province" ~ "Idlib");
        without one, ``place:<base name>`` and no point; "" for no name.
        """
        if not name:
            return "", None, None
        folded = fold(name)
        for p in analysis.places:
            names = (p.name, p.resolved_name or "")
            if p.gazetteer_id and folded in (fold(n) for n in names):
                return f"gaz:{p.gazetteer_id}", p.lat, p.lon
        base = place_base(name)
        for p in analysis.places:  # "Idlib province" in the claim, "Idlib" resolved
            if p.gazetteer_id and place_base(p.name) == base:
                return f"gaz:{p.gazetteer_id}", p.lat, p.lon
        return f"place:{base}", None, None


def proposition_id(predicate: str, subject_key: str, place_key: str, object_key: str) -> str:
    """A 16-hex-digit id hashed from the predicate and the three keys."""
    raw = "\x1f".join((predicate, subject_key, place_key, object_key))
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def claim_reports(analysis: Analysis, canon: Canonicalizer) -> Iterator[Report]:
    """One :class:`Report` per claim of the analysis."""
    doc = analysis.document
    for i, claim in enumerate(analysis.claims):
        yield _report(analysis, canon, i, claim, doc.source, doc.published)


def _report(
    analysis: Analysis,
    canon: Canonicalizer,
    idx: int,
    claim: Claim,
    outlet: str | None,
    published: str | None,
) -> Report:
    subject_key = canon.actor_key(claim.subject)
    place_key, lat, lon = canon.place_key(claim.place, analysis)
    keep_object = claim.predicate in OBJECT_PREDICATES or not claim.place
    object_key = fold(claim.object or "") if keep_object else ""
    source_name = claim.source.name or outlet or "unknown"
    return Report(
        proposition_id=proposition_id(claim.predicate, subject_key, place_key, object_key),
        predicate=claim.predicate,
        subject=claim.subject,
        subject_key=subject_key,
        place=claim.place,
        place_key=place_key,
        obj=claim.object,
        lat=lat,
        lon=lon,
        document_id=analysis.document.id,
        claim_idx=idx,
        stance=claim.stance,
        source_name=source_name,
        source_key=canon.actor_key(claim.source.affiliation or source_name, claim.source.actor_id),
        outlet=outlet,
        published=published,
        date=claim.date,
        text=claim.text,
        start=claim.start,
        end=claim.end,
    )

"""Origins: the first speaker who vouches for a report, which independence counts.

- a speaker and the organisation he speaks for are one origin, and every organ of one state
  (army, ministries, officials, state media) is the state (:mod:`fogline.reconcile.actors`);
- an outlet's own narration goes back to the news agency it credits for its text ("(AP)",
  "[Reuters]", "told the Associated Press", ``data/reconcile/origins.yaml``), else to its
  cluster of copied articles (:mod:`fogline.reconcile.independence`);
- narration repeated word for word by another outlet (a reused wire paragraph) is the origin
  of its first telling: :func:`merge_retold` joins such origins.

Each origin carries a readable chain, speaker first: ``Saad Maan → Iraq``,
``outlet-931 → Associated Press (agency credit)``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from fogline.actordict import ActorDictionary
from fogline.data import load_yaml
from fogline.model import Analysis, Claim
from fogline.reconcile.actors import ORIGIN_WORDS, ActorCanon
from fogline.textnorm import fold

# predicates of a gain or of an enemy's loss: vouched for by their own doer, a party's claim
PARTY_PREDICATES = frozenset(
    {"CONTROL", "CAPTURED", "KILLED", "WOUNDED", "ATTACKED", "ADVANCED", "ARRESTED", "DISPLACED"}
)


@dataclass(frozen=True, slots=True)
class Origin:
    """Who a report comes from: the key independence counts, its name and its chain."""

    key: str
    name: str
    chain: str


@functools.cache
def _credit_patterns() -> tuple[str, ...]:
    return tuple(load_yaml(ORIGIN_WORDS)["agency_credit"])


@functools.cache
def _credit_regexes(
    dictionary: ActorDictionary | None,
) -> tuple[tuple[str, bool, re.Pattern[str], str, str], ...]:
    """(form, case-sensitive, regex of every credit pattern, key, name) per agency form."""
    if dictionary is None:
        return ()
    out = []
    for entry in dictionary.with_descriptor("the news agency"):
        for form in entry.names:
            exact = dictionary.case_sensitive(form, entry)
            body = "|".join(
                re.escape(p).replace("NAME", re.escape(form)) for p in _credit_patterns()
            )
            regex = re.compile(rf"(?<!\w)(?:{body})(?!\w)", 0 if exact else re.IGNORECASE)
            out.append((form, exact, regex, f"actor:{entry.id}", entry.name))
    return tuple(out)


def agency_credit(text: str, canon: ActorCanon) -> tuple[str, str] | None:
    """(key, name) of the news agency ``text`` credits for itself ("(AP)", "[Reuters]"), or None.

    Example:
        >>> agency_credit("BEIRUT (AP) — Six soldiers were killed.", ActorCanon.default())
        ('actor:associated-press', 'Associated Press')
    """
    lower = text.lower()
    found: list[tuple[int, str, str]] = []
    for form, exact, regex, key, name in _credit_regexes(canon.dictionary):
        if (form not in text) if exact else (form.lower() not in lower):
            continue  # a cheap test first: most texts name no agency
        hit = regex.search(text)
        if hit:
            found.append((hit.start(), key, name))
    if not found or len({k for _, k, _ in found}) > 1:
        return None  # none, or two agencies credited: a blend, credit neither
    _, key, name = min(found)
    return key, name


def is_narration(speaker: str | None, outlet: str | None) -> bool:
    """Whether the claim is the outlet's own voice (no speaker, or the outlet named as one)."""
    return not speaker or (outlet is not None and fold(speaker) == fold(outlet))


def origin_of(
    claim: Claim,
    analysis: Analysis,
    canon: ActorCanon,
    *,
    credit: tuple[str, str] | None,
    copies: str,
    similarity: float | None = None,
) -> Origin:
    """The origin of one claim of ``analysis``; ``copies`` is the document's copy cluster and
    ``similarity`` the estimated similarity that made it a copy (None for the cluster's first)."""
    outlet = analysis.document.source
    speaker = claim.source.name
    if is_narration(speaker, outlet):
        who = outlet or "the outlet"
        if copies != analysis.document.id:  # near-copies are symmetric: "same text as"
            near = f" (similarity {similarity:.2f})" if similarity is not None else ""
            who = f"{who}, same text as {copies}{near}"
        media = canon.resolve(outlet) if outlet else None
        own = media.root_key if media is not None and media.kind == "media" else None
        if credit is not None and credit[0] != own:
            return Origin(credit[0], credit[1], f"{who} → {credit[1]} (agency credit)")
        if media is not None and own is not None:  # an agency's or a paper's own story
            return Origin(own, media.root_name, who if who != outlet else media.root_name)
        return Origin(f"copies:{copies}", outlet or who, who)
    found = canon.resolve(speaker, analysis)
    if found is None and claim.source.affiliation:
        found = canon.resolve(claim.source.affiliation, analysis)
    if found is None:
        return Origin("name:" + fold(speaker), speaker, speaker)
    chain = speaker if fold(speaker) == fold(found.root_name) else f"{speaker} → {found.root_name}"
    return Origin(found.root_key, found.root_name, chain)


def is_party_claim(predicate: str, subject_key: str, origin_key: str) -> bool:
    """A party's own claim: the doer of a gain or of an enemy's loss vouches for it."""
    return bool(subject_key) and predicate in PARTY_PREDICATES and subject_key == origin_key


def merge_retold(
    reports: Sequence[dict[str, object]], clusters: Mapping[str, str] | None = None
) -> None:
    """Give narration told word for word in several documents its first telling's origin.

    ``reports`` are dicts with ``text``, ``source_name``, ``outlet``, ``source_key``,
    ``origin``, ``published`` and ``document_id``; only ``copies:`` origins (an outlet's
    unattributed narration) are joined: to a retelling's first teller, and to the origin of the
    narration of the document they copy (an agency's own story).
    """
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.get(k, k) != k:
            k = parent[k]
        return k

    first: dict[str, dict[str, object]] = {}
    ordered = sorted(reports, key=lambda r: (str(r["published"] or ""), str(r["document_id"])))
    for r in ordered:  # the copies of a document go back to where its own narration does
        doc = str(r["document_id"])
        key, own = str(r["source_key"]), f"copies:{(clusters or {}).get(doc, doc)}"
        narrated = is_narration(str(r["source_name"]), r["outlet"])  # type: ignore[arg-type]
        if narrated and key != own and find(own) == own:
            parent[own] = find(key)
    for r in ordered:
        key = str(r["source_key"])
        if not key.startswith(("copies:", "actor:")):
            continue
        said = fold(str(r["text"]))
        if len(said.split()) < 8:
            continue  # too short to be a copy rather than a common phrase
        seen = first.setdefault(said, r)
        a, b = find(str(seen["source_key"])), find(key)
        if a != b and b.startswith("copies:"):
            parent[b] = a
    told = {str(r["source_key"]): str(r["origin"]) for r in reversed(ordered)}
    for r in reports:
        key = str(r["source_key"])
        root = find(key)
        if root != key:
            r["source_key"] = root
            r["origin"] = f"{r['origin']} → as told by {told.get(root, root)}"

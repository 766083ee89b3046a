"""The side an actor speaks for when it is a body of a state.

News names officials by their body ("Pentagon press secretary X", "State Department
spokeswoman Y", "U.S. Central Command said"); the side an analyst counts them for is the state
itself, as for "police spokesman X" (:mod:`.units`). The actor dictionary says which bodies
belong to a state: an entry whose chain of affiliations reaches a state and whose code starts
with that state's code (CAMEO: ``USAMIL``, ``GBRGOV``); a non-governmental, intergovernmental
or media entry (``NGO…``, ``IGO…``, ``…MED``) never does.
"""

from __future__ import annotations

from typing import Any

from fogline.extract.actors.clusters import Cluster

_MAX_DEPTH = 4
_NOT_STATE_SEGMENTS = ("MED",)


def state_served(cluster: Cluster | None, dictionary: Any) -> str | None:
    """The name of the state whose body ``cluster`` is, climbing the dictionary's affiliations
    ("United States Central Command" → "United States Armed Forces" → "United States"), or the
    state the text names as its owner for a body the dictionary lacks; None for anything else."""
    if cluster is None or cluster.kind != "organisation":
        return None  # an armed group is a side of its own, even when it serves a government
    owner = cluster.affiliation
    if cluster.entry is None:  # "Ukraine's Khortytsia group of forces": the owner the text names
        if owner is not None and owner.kind == "organisation" and owner is not cluster:
            return state_served(owner, dictionary)  # "White House National Security Council"
        return owner.name if owner is not None and owner.kind == "state" else None
    if dictionary is None or not hasattr(dictionary, "get"):
        return None
    entry = cluster.entry
    code = str(getattr(entry, "code", "") or "")
    if len(code) < 6 or code[3:6] in _NOT_STATE_SEGMENTS:
        return None
    for _ in range(_MAX_DEPTH):
        parent_id = getattr(entry, "affiliation", None)
        parent = dictionary.get(parent_id) if parent_id else None
        if parent is None:
            return None
        kind = str(getattr(parent, "kind", ""))
        if kind not in ("state", "organisation"):
            return None
        if kind == "state":
            state_code = str(getattr(parent, "code", "") or "")
            return str(parent.name) if state_code and code.startswith(state_code) else None
        entry = parent
    return None


def dictionary_affiliations(clusters: dict[str, Cluster], dictionary: Any) -> None:
    """Fall back on the dictionary's affiliation (an entry id) when the text gave none; a
    parent the text does not name gets its own, so the chain reaches the state."""
    pending, made = list(clusters.values()), 0
    while pending and made < 64:
        cluster = pending.pop()
        parent_id = getattr(cluster.entry, "affiliation", None)
        if cluster.affiliation is not None or not parent_id or dictionary is None:
            continue
        parent = dictionary.get(parent_id) if hasattr(dictionary, "get") else None
        if parent is None:
            continue
        key = f"d:{parent.id}"
        cluster.affiliation = clusters.get(key)
        if cluster.affiliation is None:  # not an actor of the text: climbed, not listed
            cluster.affiliation = Cluster(key, parent.name, parent.kind, parent)
            pending.append(cluster.affiliation)
            made += 1

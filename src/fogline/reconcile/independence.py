"""Which documents are copies of one another (syndication, light edits): MinHash LSH.

Copies form one cluster; a cluster counts as one origin when claims are counted. Shingles are
five words; ``THRESHOLD`` 0.5 catches a copy that keeps 90 % of a text and rewrites or adds
the rest (a rewritten paragraph drops the Jaccard similarity of five-word shingles to about
0.6-0.8), while independent reports of one event share a few per cent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

SHINGLE_WORDS = 5
NUM_PERM = 64
THRESHOLD = 0.5

_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    """The lower-cased ``k``-word shingles of ``text`` as bytes (one for ``k`` words or fewer)."""
    words = _WORD.findall(text.lower())
    if len(words) <= k:
        return {" ".join(words).encode()}
    return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}


def minhash(text: str) -> MinHash:
    """The MinHash of ``text``'s shingles (``NUM_PERM`` permutations, fixed seed)."""
    m = MinHash(num_perm=NUM_PERM, seed=7)
    m.update_batch(list(shingles(text)))
    return m


def signature(text: str) -> bytes:
    """The MinHash of ``text`` as bytes, to store and reuse (:func:`copy_links_signed`)."""
    m = minhash(text)
    return m.hashvalues.astype(m.hashvalues.dtype.newbyteorder("<")).tobytes()


def _lean(sig: bytes) -> LeanMinHash:
    dtype = _SCHEME[1].newbyteorder("<")
    values = np.frombuffer(sig, dtype=dtype).astype(_SCHEME[1])
    return LeanMinHash(seed=7, hashvalues=values, scheme=_SCHEME[0])


_PROBE = MinHash(num_perm=NUM_PERM, seed=7)
_SCHEME = (_PROBE.scheme, _PROBE.hashvalues.dtype)  # how this datasketch hashes


def copy_clusters(
    documents: Iterable[tuple[str, str]], *, threshold: float = THRESHOLD
) -> dict[str, str]:
    """document id → cluster id (the first-seen member's id) for (id, text) pairs.

    Example:
        >>> copy_clusters([("a", "x " * 50), ("b", "x " * 50 + "y"), ("c", "z w " * 40)])["b"]
        'a'
    """
    return copy_links(documents, threshold=threshold)[0]


def copy_links(
    documents: Iterable[tuple[str, str]], *, threshold: float = THRESHOLD
) -> tuple[dict[str, str], dict[str, float]]:
    """(document id → cluster id, document id → estimated similarity to its nearest earlier
    copy) for (id, text) pairs; a document with no earlier copy has no similarity."""
    return copy_links_signed(((d, signature(t)) for d, t in documents), threshold=threshold)


def copy_links_signed(
    signatures: Iterable[tuple[str, bytes]], *, threshold: float = THRESHOLD
) -> tuple[dict[str, str], dict[str, float]]:
    """:func:`copy_links` over stored signatures (:func:`signature`), in the order given."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    cluster: dict[str, str] = {}
    similarity: dict[str, float] = {}
    hashes: dict[str, LeanMinHash] = {}
    for doc_id, sig in signatures:
        m = _lean(sig)
        scored = [(m.jaccard(hashes[n]), n) for n in lsh.query(m)]
        near = [(s, n) for s, n in scored if s >= threshold]
        cluster[doc_id] = min((cluster[n] for _, n in near), default=doc_id)
        if near:
            similarity[doc_id] = round(max(near)[0], 2)
        lsh.insert(doc_id, m)
        hashes[doc_id] = m
    return cluster, similarity

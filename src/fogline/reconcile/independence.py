"""Which documents are copies of one another (syndication, light edits): MinHash LSH.

Copies form one cluster; a cluster counts as one source when claims are counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 5
NUM_PERM = 64
THRESHOLD = 0.7

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


def copy_clusters(
    documents: Iterable[tuple[str, str]], *, threshold: float = THRESHOLD
) -> dict[str, str]:
    """document id → cluster id (the first-seen member's id) for (id, text) pairs.

    Example:
        >>> copy_clusters([("a", "x " * 50), ("b", "x " * 50 + "y"), ("c", "z w " * 40)])["b"]
        'a'
    """
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    cluster: dict[str, str] = {}
    for doc_id, text in documents:
        m = minhash(text)
        near = lsh.query(m)
        cluster[doc_id] = min((cluster[n] for n in near), default=doc_id)
        lsh.insert(doc_id, m)
    return cluster

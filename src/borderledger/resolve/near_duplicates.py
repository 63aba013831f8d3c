"""Syndicated copies and light rewrites: MinHash over word shingles, LSH to find pairs."""

from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH

_WORD = re.compile(r"\w+", re.UNICODE)
NUM_PERM = 128
SHINGLE = 5
SCHEME = "affine64"  # stored signatures must be read back with the scheme that made them


def _minhash(text: str) -> MinHash:
    words = [w.lower() for w in _WORD.findall(text)]
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    mh = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    mh.update_batch([s.encode("utf-8") for s in sorted(shingles)])
    return mh


def signature(text: str) -> bytes:
    """A document's MinHash signature, as bytes to store (compute once per source)."""
    return _minhash(text).hashvalues.astype(np.uint64).tobytes()


def groups_from_signatures(signatures: dict[str, bytes], threshold: float = 0.6) -> dict[str, str]:
    """Map each document id to its copy group (the smallest id among its near-duplicates)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes: dict[str, MinHash] = {}
    parent = {doc: doc for doc in signatures}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for doc in sorted(signatures):
        mh = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME,
                     hashvalues=np.frombuffer(signatures[doc], dtype=np.uint64))
        for other in lsh.query(mh):
            if hashes[other].jaccard(mh) >= threshold:
                a, b = find(doc), find(other)
                parent[max(a, b)] = min(a, b)
        lsh.insert(doc, mh)
        hashes[doc] = mh
    return {doc: find(doc) for doc in signatures}


def near_duplicate_groups(texts: dict[str, str], threshold: float = 0.6) -> dict[str, str]:
    """Map each document id to its copy group (the smallest id among its near-duplicates)."""
    return groups_from_signatures({doc: signature(text) for doc, text in texts.items()}, threshold)


def near_duplicate_pairs(texts: dict[str, str], threshold: float = 0.6) -> list[tuple[str, str]]:
    groups = near_duplicate_groups(texts, threshold)
    members: dict[str, list[str]] = {}
    for doc, group in groups.items():
        members.setdefault(group, []).append(doc)
    return [(a, b) for docs in members.values() for i, a in enumerate(sorted(docs))
            for b in sorted(docs)[i + 1:]]

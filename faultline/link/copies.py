"""Copies: articles that are one story republished, lightly edited, machine-spun or disguised.

Method (thresholds are module constants):

1. **Shingles.** An article's text (already folded of look-alike letters at ingest, so a
   homoglyph copy reads as its clean twin) is lower-cased, stripped of accents and split
   into words; its shingles are the overlapping word pairs. Pairs rather than longer runs,
   because a spun copy changes one word in five or six ("mentioned" for "said") and every
   changed word breaks only two pairs.
2. **Candidates.** A MinHash signature of the shingles (`datasketch`, NUM_PERM
   permutations) goes into an LSH index tuned to LSH_THRESHOLD; only articles that land in
   a shared bucket, and whose signatures put them near the thresholds below (within
   ESTIMATE_MARGIN), are compared, so the cost stays near-linear in the number of articles.
3. **Check.** A candidate pair is a copy when the exact Jaccard similarity of the two
   shingle sets reaches JACCARD, or the smaller set lies mostly inside the larger
   (containment CONTAINMENT: a site that ran only the first half of a wire story).
   Articles too short to judge (fewer than MIN_SHINGLES shingles) are never copies.
4. **Family.** Copy pairs are joined transitively (union-find); every article of a family
   of two or more gets `copy_of` = the id of the family's earliest article (by published
   date, then id), which itself gets null.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from faultline.store import Store

NUM_PERM = 128
LSH_THRESHOLD = 0.3
JACCARD = 0.4
CONTAINMENT = 0.8
MIN_SHINGLES = 20

_WORD = re.compile(r"[a-z0-9]+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# How far below the thresholds a MinHash estimate may fall and the pair still be checked
# exactly (the estimate's standard deviation is at most 0.045 with 128 permutations).
ESTIMATE_MARGIN = 0.15


def shingles(text: str) -> set[str]:
    """The word pairs of a text, lower-cased and without accents."""
    plain = text.lower()
    if not plain.isascii():
        plain = _COMBINING.sub("", unicodedata.normalize("NFKD", plain))
    words = _WORD.findall(plain)
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


def similarity(a: set[str], b: set[str]) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set in the larger)."""
    if not a or not b:
        return 0.0, 0.0
    shared = len(a & b)
    return shared / len(a | b), shared / min(len(a), len(b))


def is_copy(a: set[str], b: set[str]) -> bool:
    if min(len(a), len(b)) < MIN_SHINGLES:
        return False
    jaccard, containment = similarity(a, b)
    return jaccard >= JACCARD or containment >= CONTAINMENT


def _maybe_copy(jaccard: float, size_a: int, size_b: int) -> bool:
    """Whether a pair whose signatures estimate this Jaccard similarity could be a copy:
    the estimate, or the containment it implies, lies within ESTIMATE_MARGIN of its
    threshold."""
    if jaccard >= JACCARD - ESTIMATE_MARGIN:
        return True
    shared = jaccard * (size_a + size_b) / (1 + jaccard)
    return shared / max(1, min(size_a, size_b)) >= CONTAINMENT - ESTIMATE_MARGIN


@dataclass
class Family:
    """One story and its copies: `origin` is the earliest article, `copies` the others."""

    origin: str
    copies: list[str] = field(default_factory=list)

    @property
    def members(self) -> list[str]:
        return [self.origin, *self.copies]


def find_copies(articles: Iterable[tuple[str, str | None, str]]) -> dict[str, str]:
    """{copy id: origin id} for (id, published, text) triples; originals are left out."""
    from datasketch import MinHash, MinHashLSH

    items = sorted(articles, key=lambda a: (a[1] or "9999", a[0]))
    sets: dict[str, set[str]] = {}
    signatures: dict[str, Any] = {}
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    # one set of permutations for all signatures (datasketch draws them per object
    # otherwise), and CRC-32 as the base hash: fast, stable across processes
    first = MinHash(num_perm=NUM_PERM, seed=1)
    permutations, scheme = first.permutations, first.scheme
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    order = {article_id: n for n, (article_id, _, _) in enumerate(items)}
    for article_id, _, text in items:
        parent[article_id] = article_id
        grams = shingles(text)
        if len(grams) < MIN_SHINGLES:
            continue
        sets[article_id] = grams
        signature = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32,
                            permutations=permutations, scheme=scheme)
        signature.update_batch([g.encode() for g in grams])
        signatures[article_id] = signature
        for other in lsh.query(signature):
            if not _maybe_copy(signature.jaccard(signatures[other]), len(grams),
                               len(sets[other])):
                continue
            if is_copy(grams, sets[other]):
                a, b = root(article_id), root(other)
                if a != b:  # the earlier article stays the root of the family
                    first, second = (a, b) if order[a] < order[b] else (b, a)
                    parent[second] = first
        lsh.insert(article_id, signature)
    return {a: root(a) for a in parent if root(a) != a}


def families(copy_of: dict[str, str]) -> list[Family]:
    """The families of a {copy: origin} map, largest first."""
    grouped: dict[str, Family] = {}
    for copy, origin in sorted(copy_of.items()):
        grouped.setdefault(origin, Family(origin)).copies.append(copy)
    return sorted(grouped.values(), key=lambda f: (-len(f.copies), f.origin))


def mark_copies(store: Store) -> dict[str, str]:
    """Compute `copy_of` over every stored article and write it to the store."""
    rows = store.con.execute("SELECT id, published, text FROM articles").fetchall()
    copy_of = find_copies((r[0], r[1], r[2] or "") for r in rows)
    store.set_copy_of(copy_of)
    return copy_of

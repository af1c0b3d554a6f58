"""Shared words, weighted by how rare they are among the stored claims (idf), across scripts."""

from __future__ import annotations

import math
from collections import defaultdict


class StemIndex:
    """Postings of latin stems to stored claims, and their document frequencies."""

    def __init__(self) -> None:
        self.postings: dict[str, set[int]] = defaultdict(set)
        self.size = 0

    def add(self, row: int, stems: frozenset[str]) -> None:
        for s in stems:
            self.postings[s].add(row)

    def remove(self, row: int, stems: frozenset[str]) -> None:
        for s in stems:
            rows = self.postings.get(s)
            if rows is not None:
                rows.discard(row)

    def idf(self, stem: str) -> float:
        df = len(self.postings.get(stem, ()))
        return math.log((self.size + 1) / (df + 1)) + 1.0

    def similarity(self, a: frozenset[str], b: frozenset[str], memo: dict[str, float] | None = None) -> float:
        """Cosine of the two stem sets with idf weights: 1 for the same words, 0 for none shared."""
        if not a or not b:
            return 0.0
        memo = {} if memo is None else memo

        def w(s: str) -> float:
            if s not in memo:
                memo[s] = self.idf(s) ** 2
            return memo[s]

        wa = sum(w(s) for s in a)
        wb = sum(w(s) for s in b)
        shared = sum(w(s) for s in a & b)
        return shared / math.sqrt(wa * wb)

    def shortlist(self, stems: frozenset[str], limit: int, max_postings: int,
                  bonus: set[int] | None = None) -> list[int]:
        """The stored claims sharing the most rare stems; those in `bonus` (a shared figure) count one stem more."""
        scores: dict[int, float] = defaultdict(float)
        for r in bonus or ():
            scores[r] += 1.0
        for s in stems:
            rows = self.postings.get(s)
            if not rows or len(rows) > max_postings:
                continue
            w = self.idf(s)
            for r in rows:
                scores[r] += w
        return sorted(scores, key=scores.__getitem__, reverse=True)[:limit]

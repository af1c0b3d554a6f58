"""The matcher: has this claim been checked before? An in-process index of stored claims.

Each stored claim keeps a Prepared record: its embedding (when the model is there), the
figures and dates the extractor found, and its words. `search` shortlists by meaning, by
shared rare words and by shared figures, then scores each candidate by all three and lets
the figures, dates and places decide `same`.
"""

from __future__ import annotations

import datetime
import functools
import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from threadpoolctl import ThreadpoolController

from . import thresholds as t
from .embedding import DIM, Embedder, embedder
from .figures import Agreement, Signature, compare, label, signature_of
from .hits import Hit
from .lexical import StemIndex
from .places import place_of, places_differ
from .words import words_of

_AUTO: Any = object()


@dataclass(frozen=True)
class Prepared:
    """What the index keeps of one stored claim; the database stores the same, to rebuild from."""

    id: str
    language: str | None
    published: datetime.date | None
    stems: frozenset[str]
    places: frozenset[str]
    signature: Signature
    n_words: int
    vector: bytes | None     # float32 little-endian, DIM values; None when embedded without the model

    def signature_dict(self) -> dict[str, Any]:
        return {"stems": sorted(self.stems), "places": sorted(self.places), "n_words": self.n_words,
                **self.signature.to_dict()}

    @classmethod
    def from_stored(cls, id: str, language: str | None, published: datetime.date | None,
                    signature: dict[str, Any], vector: bytes | None) -> Prepared:
        return cls(id, language, published, frozenset(signature["stems"]), frozenset(signature["places"]),
                   Signature.from_dict(signature), int(signature["n_words"]), vector)


def _vector_bytes(v: np.ndarray) -> bytes:
    return np.ascontiguousarray(v, dtype="<f4").tobytes()


class Matcher:
    def __init__(self, embedder_: Embedder | None = _AUTO) -> None:
        self.embedder: Embedder | None = embedder() if embedder_ is _AUTO else embedder_
        self._rows: list[Prepared | None] = []
        self._row_of: dict[str, int] = {}
        self._vectors = np.zeros((0, DIM), dtype=np.float32)
        self._stems = StemIndex()
        self._figures: dict[int, set[int]] = defaultdict(set)
        # Per stored row: its language's number (for per-language cosine statistics) and
        # whether it carries a vector.
        self._lang_codes = np.zeros(0, dtype=np.int8)
        self._has_vector = np.zeros(0, dtype=bool)
        self._languages: dict[str | None, int] = {}
        # Per language: count, sum and second moment of the stored vectors, so the mean and
        # spread of a query's cosines to each language cost a 384x384 product, not a pass.
        self._moments: dict[int, tuple[int, np.ndarray, np.ndarray]] = {}
        # Past COARSE_FROM stored vectors, the same vectors on their main axes (principal
        # components of the store, refitted each time it doubles): a pass over these a third
        # the size picks the rows whose full cosine is then computed.
        self._axes: np.ndarray | None = None
        self._coarse = np.zeros((0, t.COARSE_DIMS), dtype=np.float32)
        self._axes_fitted_at = 0

    # ------------------------------------------------------------------ building
    @property
    def reduced(self) -> bool:
        """Matching by words and figures only: no embedding model in this process."""
        return self.embedder is None

    def __len__(self) -> int:
        return len(self._row_of)

    def __contains__(self, id: object) -> bool:
        return id in self._row_of

    def prepare_many(self, items: Iterable[tuple[str, str, str | None, datetime.date | None]],
                     *, as_query: bool = False) -> list[Prepared]:
        items = list(items)
        vectors: np.ndarray | None = None
        if self.embedder is not None:
            texts = [text for _, text, _, _ in items]
            vectors = (np.stack([self.embedder.query(x) for x in texts]) if as_query
                       else self.embedder.passages(texts))
        out = []
        for n, (id_, text, language, published) in enumerate(items):
            words = words_of(text)
            places = frozenset(p for p in (place_of(k) for k in words.capitalised) if p)
            out.append(Prepared(str(id_), language, published, words.stems, places,
                                signature_of(text, language, published), words.count,
                                _vector_bytes(vectors[n]) if vectors is not None else None))
        return out

    def add(self, id: str, text: str, language: str | None = None, published: datetime.date | None = None) -> None:
        self.add_many([(id, text, language, published)])

    def add_many(self, items: Iterable[tuple[str, str, str | None, datetime.date | None]]) -> None:
        self.add_prepared(self.prepare_many(items))

    def add_prepared(self, prepared: Sequence[Prepared]) -> None:
        """Add claims as stored; a vector of another model or size (or none) leaves the claim to words."""
        rows_needed = len(self._rows) + len(prepared)
        if rows_needed > self._vectors.shape[0]:
            grown = np.zeros((max(rows_needed, 2 * self._vectors.shape[0], 1024), DIM), dtype=np.float32)
            grown[: self._vectors.shape[0]] = self._vectors
            self._vectors = grown
            self._lang_codes = np.resize(self._lang_codes, grown.shape[0])
            self._has_vector = np.resize(self._has_vector, grown.shape[0])
        batch: dict[int, list[int]] = defaultdict(list)
        for p in prepared:
            self.remove(p.id)
            row = len(self._rows)
            self._rows.append(p)
            self._row_of[p.id] = row
            self._lang_codes[row] = self._languages.setdefault(p.language, len(self._languages))
            self._has_vector[row] = p.vector is not None and len(p.vector) == DIM * 4
            if p.vector is not None and self._has_vector[row]:
                self._vectors[row] = np.frombuffer(p.vector, dtype="<f4")
                batch[int(self._lang_codes[row])].append(row)
            else:
                self._vectors[row] = 0.0
            self._stems.add(row, p.stems)
            for key in _figure_keys(p.signature):
                self._figures[key].add(row)
        for code, rows in batch.items():
            self._add_moments(code, self._vectors[rows], +1)
        self._stems.size = len(self._row_of)
        self._fit_axes([row for rows in batch.values() for row in rows])

    def _fit_axes(self, new_rows: list[int]) -> None:
        n_vectors = sum(n for n, _, _ in self._moments.values())
        if n_vectors < t.COARSE_FROM:
            self._axes = None
            return
        if self._coarse.shape[0] != self._vectors.shape[0]:
            grown = np.zeros((self._vectors.shape[0], t.COARSE_DIMS), dtype=np.float32)
            grown[: self._coarse.shape[0]] = self._coarse[: grown.shape[0]]
            self._coarse = grown
        if self._axes is None or n_vectors >= 2 * self._axes_fitted_at:
            second = sum(outer for _, _, outer in self._moments.values())
            _, vectors = np.linalg.eigh(second)   # ascending: the main axes come last
            self._axes = np.ascontiguousarray(vectors[:, -t.COARSE_DIMS:], dtype=np.float32)
            self._axes_fitted_at = n_vectors
            # In slices, straight into the block: no second copy of it in memory, even for a moment.
            for a in range(0, len(self._rows), 8192):
                b = min(a + 8192, len(self._rows))
                np.matmul(self._vectors[a:b], self._axes, out=self._coarse[a:b])
        elif new_rows:
            self._coarse[new_rows] = self._vectors[new_rows] @ self._axes

    def _add_moments(self, code: int, vectors: np.ndarray, sign: int) -> None:
        n, total, outer = self._moments.get(code, (0, np.zeros(DIM, np.float64), np.zeros((DIM, DIM), np.float64)))
        v = vectors.astype(np.float64)
        self._moments[code] = (n + sign * len(v), total + sign * v.sum(axis=0), outer + sign * (v.T @ v))

    def remove(self, id: str) -> None:
        row = self._row_of.pop(id, None)
        if row is None:
            return
        p = self._rows[row]
        self._rows[row] = None
        if self._has_vector[row]:
            self._add_moments(int(self._lang_codes[row]), self._vectors[row: row + 1], -1)
        self._vectors[row] = 0.0
        if row < self._coarse.shape[0]:
            self._coarse[row] = 0.0
        self._has_vector[row] = False
        if p is not None:
            self._stems.remove(row, p.stems)
            for key in _figure_keys(p.signature):
                self._figures[key].discard(row)
        self._stems.size = len(self._row_of)

    def memory_bytes(self) -> int:
        """The vector block, the larger part of the index (the rest is Python objects)."""
        return int(self._vectors.nbytes + self._coarse.nbytes)

    # ------------------------------------------------------------------ searching
    def search(self, text: str, language: str | None = None, published: datetime.date | None = None,
               k: int = 5, among: Collection[str] | None = None) -> list[Hit]:
        """The stored claims most like `text`, best first; `among` limits them to those ids."""
        if not text or not text.strip() or k <= 0 or not self._row_of:
            return []
        query = self.prepare_many([("", text, language, published)], as_query=True)[0]
        cosines: np.ndarray | None = None
        standing: np.ndarray | None = None
        if query.vector is not None:
            qv = np.frombuffer(query.vector, dtype="<f4")
            cosines, standing = self.meaning(qv)
        candidates = self.shortlist(query, cosines, standing, among)
        if query.vector is not None and self._axes is not None:
            self._exact_at(qv, np.fromiter(candidates, dtype=np.int64), cosines, standing)  # type: ignore[arg-type]
        return self.best(query, candidates, cosines, standing, k, among)

    def shortlist(self, query: Prepared, cosines: np.ndarray | None, standing: np.ndarray | None,
                  among: Collection[str] | None = None) -> set[int]:
        """The rows worth scoring: nearest in meaning, sharing the rarest words, sharing a figure."""
        n_rows = len(self._rows)
        max_postings = max(t.POSTINGS_MIN, int(t.POSTINGS_MAX_SHARE * len(self._row_of)))
        sharing_figures: set[int] = set()
        for key in _figure_keys(query.signature):
            rows = self._figures.get(key, set())
            if len(rows) <= max_postings:
                sharing_figures |= rows
        candidates: set[int] = set(self._stems.shortlist(query.stems, t.SHORTLIST_LEXICAL, max_postings,
                                                         bonus=sharing_figures))
        if cosines is not None and standing is not None:
            top = min(t.SHORTLIST_VECTOR, n_rows)
            pool = standing
            if among is not None:
                allowed = np.zeros(n_rows, dtype=bool)
                allowed[[self._row_of[i] for i in among if i in self._row_of]] = True
                pool = np.where(allowed, standing, -np.inf).astype(np.float32)
            candidates.update(np.argpartition(-pool, top - 1)[:top].tolist())
            if sharing_figures:
                # Of the claims sharing a figure, those nearest in meaning.
                shared = np.fromiter(sharing_figures, dtype=np.int64)
                if self._axes is not None and query.vector is not None:
                    self._exact_at(np.frombuffer(query.vector, dtype="<f4"), shared, cosines, standing)
                nearest = shared[np.argsort(-standing[shared])[: t.SHORTLIST_FIGURES]]
                candidates.update(nearest.tolist())
        return candidates

    def best(self, query: Prepared, candidates: Iterable[int], cosines: np.ndarray | None,
             standing: np.ndarray | None, k: int, among: Collection[str] | None) -> list[Hit]:
        """The k best hits among the candidates, each scored in full.

        (Skipping the figures' comparison for candidates whose best possible score could not
        reach the k-th hit was tried: on the benchmark's store it skipped almost none and cost
        more than it saved; scoring is about a millisecond of a search.)
        """
        idf: dict[str, float] = {}
        hits = []
        for row in candidates:
            stored = self._rows[row]
            if stored is None or (among is not None and stored.id not in among):
                continue
            has = cosines is not None and standing is not None and bool(self._has_vector[row])
            cos = (float(cosines[row]), float(standing[row])) if has else None  # type: ignore[index]
            hit = self._score(query, stored, cos, self._stems.similarity(query.stems, stored.stems, idf))
            if hit is not None:
                hits.append(hit)
        hits.sort(key=lambda h: (-h.score, h.id))
        return hits[:k]

    def meaning(self, qv: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The query vector's cosine to every stored row, and each cosine's standing.

        In a large store the cosines come from the main axes, except for the COARSE_RERANK
        rows standing highest there, which get their full cosine (as do the candidates, later).
        """
        n_rows = len(self._rows)
        mean, std = self._spread(qv)
        codes = self._lang_codes[:n_rows]
        # One pass over a vector block: memory-bound, so a second BLAS thread on a busy
        # machine costs more CPU (and often more wall time) than it saves.
        with _blas().limit(limits=1, user_api="blas"):
            if self._axes is None:
                cosines = self._vectors[:n_rows] @ qv
                return cosines, ((cosines - mean[codes]) / std[codes]).astype(np.float32)
            cosines = self._coarse[:n_rows] @ (qv @ self._axes)
        standing = ((cosines - mean[codes]) / std[codes]).astype(np.float32)
        top = min(t.COARSE_RERANK, n_rows)
        self._exact_at(qv, np.argpartition(-standing, top - 1)[:top], cosines, standing)
        return cosines, standing

    def _exact_at(self, qv: np.ndarray, rows: np.ndarray, cosines: np.ndarray, standing: np.ndarray) -> None:
        """The full cosines (and their standing) at these rows, in place."""
        mean, std = self._spread(qv)
        cosines[rows] = self._vectors[rows] @ qv
        codes = self._lang_codes[rows]
        standing[rows] = (cosines[rows] - mean[codes]) / std[codes]

    def _spread(self, qv: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per language: the mean and spread of the query's cosines to the stored claims.

        Standing, in standard deviations above that mean, is what ranks by meaning: cosines
        between languages run lower than within one (kk↔ru translations near 0.87, ru↔ru
        paraphrases near 0.97), and some queries are near everything; the standing is
        comparable across both. Small groups lean on a prior.
        """
        n_codes = max(len(self._languages), 1)
        mean = np.full(n_codes, t.PRIOR_MEAN)
        std = np.full(n_codes, t.PRIOR_STD)
        q = qv.astype(np.float64)
        m0 = t.PRIOR_WEIGHT
        for code, (n, total, outer) in self._moments.items():
            mean[code] = (float(q @ total) + m0 * t.PRIOR_MEAN) / (n + m0)
            second = (float(q @ outer @ q) + m0 * (t.PRIOR_STD**2 + t.PRIOR_MEAN**2)) / (n + m0)
            std[code] = max(second - mean[code] ** 2, 1e-6) ** 0.5
        return mean.astype(np.float32), std.astype(np.float32)

    def _score(self, query: Prepared, stored: Prepared, cos: tuple[float, float] | None, lex: float) -> Hit | None:
        agreement = compare(query.signature, stored.signature)
        figures = _figures_term(query.signature, stored.signature, agreement)
        if cos is not None:
            score = _base_score(cos, lex) + t.W_FIGURES * figures
            same_at, related_at = t.SAME, t.RELATED
        else:
            score = _base_score(cos, lex) + t.W_FIGURES_ONLY * figures
            same_at, related_at = t.SAME_REDUCED, t.RELATED_REDUCED
        conflict = agreement.conflict
        places = places_differ(query.places, stored.places)
        if conflict is None and places is not None:
            conflict = f"{places[0]} vs {places[1]}"
        if score < related_at:
            return None
        if conflict is not None:
            # Shown, since it looks alike and a fact-checker should see why it is not the same.
            score *= t.CONFLICT_SHARE
        score = round(min(1.0, max(0.0, score)), 4)
        same = (conflict is None and agreement.decided and score >= same_at
                and min(query.n_words, stored.n_words) >= t.SAME_MIN_WORDS)
        return Hit(stored.id, score, same, _why(agreement, lex, cos, query, stored), conflict)


@functools.cache
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


def _base_score(cos: tuple[float, float] | None, lex: float) -> float:
    """The score's part from meaning and shared words, before the figures add theirs."""
    if cos is None:
        return t.W_LEXICAL_ONLY * lex
    raw = min(1.0, max(0.0, (cos[0] - t.COS_FLOOR) / (t.COS_CEIL - t.COS_FLOOR)))
    standing = min(1.0, max(0.0, (cos[1] - t.Z_FLOOR) / (t.Z_CEIL - t.Z_FLOOR)))
    semantic = t.SHARE_STANDING * standing + (1 - t.SHARE_STANDING) * raw
    return t.W_SEMANTIC * semantic + t.W_LEXICAL * lex


def _figure_keys(sig: Signature) -> set[int]:
    # Buckets of about 2% in log scale: a figure and its rounding land in the same or the next bucket.
    keys: set[int] = set()
    for f in sig.figures:
        if f.value > 0:
            b = math.floor(math.log10(f.value) * 100)
            keys.update((b - 1, b, b + 1))
    return keys


def _figures_term(a: Signature, b: Signature, agreement: Agreement) -> float:
    if agreement.conflict:
        return t.FIGURES_CONFLICT
    if agreement.related:
        return t.FIGURES_RELATED
    if agreement.figures_matched:
        return t.FIGURES_AGREE
    if agreement.figure_free:
        return t.DATES_AGREE if agreement.dates_matched else t.FIGURES_NONE
    return t.FIGURES_ONE_SIDED


def _why(agreement: Agreement, lex: float, cos: tuple[float, float] | None, query: Prepared, stored: Prepared) -> str:
    parts = []
    if agreement.matched:
        parts.append("same figures: " + ", ".join(agreement.matched))
    if agreement.dates:
        parts.append("same dates: " + ", ".join(agreement.dates))
    if agreement.related:
        parts.append("compatible figures: " + ", ".join(agreement.related))
    shared_places = sorted(query.places & stored.places)
    if shared_places:
        parts.append("places: " + ", ".join(shared_places))
    if cos is not None:
        parts.append(f"meaning {cos[0]:.2f} (z {cos[1]:.1f})")
    if lex > 0:
        parts.append(f"shared words {lex:.2f}")
    if query.language and stored.language and query.language != stored.language:
        parts.append(f"{query.language}→{stored.language}")
    return "; ".join(parts) or "similar wording"


__all__ = ["Matcher", "Prepared", "label"]

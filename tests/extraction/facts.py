"""Compact views of extracted claims, so behaviour tests read as tables."""

from __future__ import annotations

import datetime

from claims.extraction import ExtractedClaim, extract


def claims_of(text: str, published: str, language: str | None = None) -> list[ExtractedClaim]:
    return extract(text, published=datetime.date.fromisoformat(published), language=language)


def quantities(text: str, published: str = "2024-05-10", language: str | None = None) -> list[tuple]:
    """(value, comparator, upper, unit) of each quantity, in order."""
    return [
        (c.quantity.value, c.quantity.comparator, c.quantity.upper, c.quantity.unit)
        for c in claims_of(text, published, language)
        if c.quantity
    ]


def dates(text: str, published: str, language: str | None = None) -> list[tuple[str, str, str, str | None]]:
    """(kind, earliest, latest, check_after) of each distinct date window, in order."""
    found: list[tuple[str, str, str, str | None]] = []
    for c in claims_of(text, published, language):
        if c.date:
            fact = (
                c.kind,
                c.date.earliest.isoformat(),
                c.date.latest.isoformat(),
                c.check_after.isoformat() if c.check_after else None,
            )
            if fact not in found:
                found.append(fact)
    return found


def speakers(text: str, published: str = "2024-05-10") -> set[str | None]:
    return {c.speaker for c in claims_of(text, published)}

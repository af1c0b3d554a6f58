"""Figures and dates of a claim, through the extractor, and how two claims' figures agree.

Two figures are the same when they agree within the rounding of the way each is written
(1,5 млн = 1.5 million = 1 500 000; 71% = 70.96%), in the same unit, with comparators that do
not point opposite ways. A figure left over on each side in the same unit is a conflict
("401 000 vs 411 000"), unless one bound admits the other (at least 340 / more than 300:
related). Dates agree when their windows overlap.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass, field, replace
from typing import Any

from claims.extraction import extract

_LOWER = frozenset({"at_least", "more_than"})
_UPPER = frozenset({"at_most", "less_than"})
_DIGITS = re.compile(r"\d+(?:[  \u202f]\d{3})*(?:[.,]\d+)?")
_RAW = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])")


@dataclass(frozen=True)
class Figure:
    value: float
    comparator: str
    unit: str | None
    upper: float | None = None
    half_ulp: float = 0.0     # half the last written digit: how far rounding can move it

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "comparator": self.comparator, "unit": self.unit,
                "upper": self.upper, "half_ulp": self.half_ulp}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Figure:
        return cls(float(d["value"]), d["comparator"], d["unit"],
                   None if d["upper"] is None else float(d["upper"]), float(d["half_ulp"]))


@dataclass(frozen=True)
class Window:
    earliest: datetime.date
    latest: datetime.date

    def overlaps(self, other: Window) -> bool:
        return self.earliest <= other.latest and other.earliest <= self.latest

    def label(self) -> str:
        a, b = self.earliest, self.latest
        if a == b:
            return a.isoformat()
        if (a.month, a.day, b.month, b.day) == (1, 1, 12, 31) and a.year == b.year:
            return str(a.year)
        if a.year == b.year and a.month == b.month and a.day == 1 and (b + datetime.timedelta(days=1)).day == 1:
            return f"{a.year}-{a.month:02d}"
        return f"{a.isoformat()}..{b.isoformat()}"


@dataclass(frozen=True)
class Signature:
    """What the extractor found in one claim, kept with it so an index rebuild need not re-run it."""

    figures: tuple[Figure, ...] = ()
    windows: tuple[Window, ...] = ()
    raw_numbers: tuple[float, ...] = field(default=())   # digits the extractor did not take up

    def to_dict(self) -> dict[str, Any]:
        return {"figures": [f.to_dict() for f in self.figures],
                "windows": [[w.earliest.isoformat(), w.latest.isoformat()] for w in self.windows],
                "raw_numbers": list(self.raw_numbers)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Signature:
        return cls(tuple(Figure.from_dict(f) for f in d["figures"]),
                   tuple(Window(datetime.date.fromisoformat(a), datetime.date.fromisoformat(b))
                         for a, b in d["windows"]),
                   tuple(float(x) for x in d["raw_numbers"]))


def _half_ulp(written: str, value: float) -> float:
    """Half the last written digit of a figure, in the figure's own scale (1,5 млн: 50 000)."""
    m = _DIGITS.search(written)
    if not m or value == 0:
        return 0.0
    digits = re.sub(r"[  \u202f]", "", m.group())
    readings: list[tuple[float, int]] = []
    if "," in digits or "." in digits:
        head, _, tail = digits.replace(",", ".").partition(".")
        readings.append((float(f"{head}.{tail}"), len(tail)))
        readings.append((float(head + tail), 0))
    else:
        readings.append((float(digits), 0))
    for number, decimals in readings:
        if number == 0:
            continue
        scale = value / number
        if any(math.isclose(scale, 10.0 ** e, rel_tol=1e-9) for e in range(0, 13, 3)):
            return 0.5 * (10.0 ** -decimals) * scale
    return 0.0


def _raw_number(token: str) -> float:
    return float(token.replace(",", "."))


def signature_of(text: str, language: str | None, published: datetime.date | None) -> Signature:
    # Relative dates ("last year") are read from the publication date; a text given without one
    # is read as of today, as a person asking now would mean it.
    claims = extract(text, published=published or datetime.date.today(), language=language)
    figures: list[Figure] = []
    windows: list[Window] = []
    taken: list[tuple[int, int]] = []
    for c in claims:
        q = c.quantity
        if q is not None:
            written = text[q.span[0]:q.span[1]]
            fig = Figure(float(q.value), q.comparator, q.unit,
                         None if q.upper is None else float(q.upper), _half_ulp(written, float(q.value)))
            if fig not in figures:
                figures.append(fig)
            taken.append(q.span)
        if c.date is not None:
            w = Window(c.date.earliest, c.date.latest)
            if w not in windows:
                windows.append(w)
            taken.append(c.date.span)
    raw: list[float] = []
    for m in _RAW.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        value = _raw_number(m.group())
        if value not in raw:
            raw.append(value)
    return Signature(tuple(figures), tuple(windows), tuple(raw))


@dataclass
class Agreement:
    matched: list[str] = field(default_factory=list)   # figures and dates both claims state
    related: list[str] = field(default_factory=list)   # compatible but not equal ("at least 340 / more than 300")
    conflict: str | None = None
    dates: list[str] = field(default_factory=list)     # the date window both claims give
    figures_matched: int = 0
    figure_free: bool = False                          # neither claim states a figure

    @property
    def dates_matched(self) -> bool:
        return bool(self.dates)

    @property
    def decided(self) -> bool:
        """A figure agrees on both sides, or neither side has any, and nothing disagrees: `same` is allowed."""
        return not self.conflict and not self.related and (self.figures_matched > 0 or self.figure_free)


def _fmt(x: float) -> str:
    if x == int(x) and abs(x) < 1e15:
        s = f"{int(x):,}".replace(",", " ")
    else:
        s = f"{x:,.4f}".rstrip("0").rstrip(".").replace(",", " ")
    return s


def label(f: Figure) -> str:
    unit = {"percent": "%"}.get(f.unit or "", f" {f.unit}" if f.unit else "")
    body = f"{_fmt(f.value)}–{_fmt(f.upper)}" if f.upper is not None else _fmt(f.value)
    return body + unit


def _units_fit(a: Figure, b: Figure) -> bool:
    """The same unit, or one side's unit missing on a figure too particular to be a coincidence."""
    if a.unit == b.unit:
        return True
    if a.unit is not None and b.unit is not None:
        return False
    return max(abs(a.value), abs(b.value)) >= 100 or a.value != int(a.value)


def _equal(a: Figure, b: Figure) -> bool:
    tolerance = max(a.half_ulp, b.half_ulp) + 1e-9 * max(abs(a.value), abs(b.value))
    if abs(a.value - b.value) > tolerance:
        return False
    if (a.upper is None) != (b.upper is None):
        return False
    if a.upper is not None and b.upper is not None and abs(a.upper - b.upper) > tolerance:
        return False
    bounds = {a.comparator, b.comparator}
    opposite = bool(bounds & _LOWER) and bool(bounds & _UPPER)
    return not opposite


def _admits(a: Figure, b: Figure) -> bool:
    """One figure's bound holds for the other (at least 340 / more than 300; about 5 000 / 4 800)."""
    def holds(bound: Figure, x: float) -> bool:
        if bound.comparator in _LOWER:
            return x >= bound.value
        if bound.comparator in _UPPER:
            return x <= bound.value
        if bound.comparator == "between" and bound.upper is not None:
            return bound.value <= x <= bound.upper
        if bound.comparator == "about":
            return abs(x - bound.value) <= 0.1 * abs(bound.value)
        return False
    return holds(a, b.value) or holds(b, a.value)


def _near_raw(f: Figure, raw: tuple[float, ...]) -> bool:
    return any(abs(f.value - r) <= f.half_ulp + 1e-9 * abs(f.value) for r in raw)


def compare(a: Signature, b: Signature) -> Agreement:
    out = Agreement()
    left, right = list(a.figures), list(b.figures)
    for f in list(left):
        partner = next((g for g in right if _units_fit(f, g) and _equal(f, g)), None)
        if partner is not None:
            out.matched.append(label(f) if f.unit or not partner.unit else label(partner))
            left.remove(f)
            right.remove(partner)
    # A figure the other side's extractor missed may still stand there in digits.
    for side, raw in ((left, b.raw_numbers), (right, a.raw_numbers)):
        for f in list(side):
            if _near_raw(f, raw):
                out.matched.append(label(f))
                side.remove(f)
    # What is left on both sides states another figure for the claim: a conflict, unless one
    # side's bound admits the other's figure.
    for f in list(left):
        if not right:
            break
        g = next((g for g in right if g.unit == f.unit), None) or next(
            (g for g in right if _units_fit(f, g)), None)
        if g is None:
            continue   # figures of different things (tonnes, percent): neither agree nor conflict
        right.remove(g)
        left.remove(f)
        if _admits(f, g):
            out.related.append(f"{label(f)} / {label(g)}")
        elif out.conflict is None:
            out.conflict = f"{label(f)} vs {label(g)}"
    # The same number in two different units ($700 million / 700 million tenge) disagrees.
    for f in left:
        g = next((g for g in right if _equal(replace(f, unit=None), replace(g, unit=None))), None)
        if g is not None and out.conflict is None:
            out.conflict = f"{label(f)} vs {label(g)}"
    out.figures_matched = len(out.matched)
    out.figure_free = not a.figures and not b.figures
    if a.windows and b.windows:
        pair = next(((x, y) for x in a.windows for y in b.windows if x.overlaps(y)), None)
        if pair is not None:
            out.dates.append(pair[0].label())
        elif out.conflict is None:
            out.conflict = f"{a.windows[0].label()} vs {b.windows[0].label()}"
    return out

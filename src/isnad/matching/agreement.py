"""When two figures of one claim agree, and what kind of disagreement it is when they do not.

A figure is read as the set of values it allows (:class:`Reading`):

- an exact figure allows its value; «نحو 60 مليون» allows its value give or take its rounding (half the
  step of its last non-zero digit, at least 5% and at most 10% of it: «نحو 60 مليون» allows 59 million,
  «نحو 34» does not allow 32);
- «أكثر من / على الأقل» on a round number (a multiple of ten: «أكثر من 30»، «ألف على الأقل») is a bound
  and allows every value above it; on a specific number («16 على الأقل») it is that count, hedged, and
  disagrees with any other count (each outlet presents its figure as the current one);
- a range («بين 50 و60») allows its interval;
- a vague word («عشرات»، «مئات»، «آلاف») allows at least two of its order (a plural: «عشرات» is twenty
  or more), and two vague words of different orders disagree («عشرات العائلات» / «مئات الأسر»).

Durations are compared in minutes, so «عاما ونصف العام» and «21 شهرا» disagree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from isnad.matching.units import Figure

_MINUTES = {"minute": 1.0, "hour": 60.0, "day": 1440.0, "week": 10080.0, "month": 43830.0, "year": 525960.0}
_EPSILON = 1e-9


@dataclass(frozen=True)
class Reading:
    """The values a figure allows: ``[low, high]``; ``point`` is the number as stated."""

    low: float
    high: float
    point: float | None
    kind: str  # exact | approx | count (a hedged specific count) | bound | range | vague
    order: float | None = None  # a vague word's order (10 for «عشرات», 1000 for «آلاف»)


def family(unit: str | None) -> str:
    """Units that can be compared: durations together, a figure with no unit together with people."""
    if unit in _MINUTES:
        return "duration"
    return "person" if unit is None else unit


def _base(value: float, unit: str | None) -> float:
    return value * _MINUTES.get(unit or "", 1.0)


def _step(value: float) -> float:
    """The rounding step of a stated number: 10 for 60, 5 for 45, 1 for 34, 0.1 for 52.5."""
    if not float(value).is_integer():
        decimals = len(f"{value:g}".split(".")[1]) if "." in f"{value:g}" else 0
        return 10.0 ** -decimals
    number = abs(int(value))
    if number == 0:
        return 1.0
    step = 1
    while number % (step * 10) == 0:
        step *= 10
    return 5.0 if step == 1 and number % 5 == 0 else float(step)


def tolerance(value: float) -> float:
    """How far an approximate figure reaches on each side."""
    magnitude = abs(value)
    return max(0.05 * magnitude, min(_step(value) / 2, 0.1 * magnitude))


def is_round(value: float) -> bool:
    return float(value).is_integer() and value != 0 and int(value) % 10 == 0


def read(figure: Figure) -> Reading | None:
    """The reading of a figure, in base units (minutes for durations); None when it states no number."""
    unit = figure.unit
    value, low, high = figure.value, figure.low, figure.high
    if value is None and low is not None and high is not None:
        if figure.approx:  # a vague word: its extracted interval is [order, 10 × order)
            order = (high + 1) / 10
            return Reading(_base(2 * order, unit), math.inf, None, "vague", order)
        return Reading(_base(low, unit), _base(high, unit), None, "range")
    if value is None:
        return None
    base = _base(value, unit)
    if low is not None and abs(low - value) < _EPSILON and high is None:
        if is_round(value):
            return Reading(base, math.inf, base, "bound")
        return Reading(base, base, base, "count")
    if high is not None and abs(high - value) < _EPSILON and low is None:
        if is_round(value):
            return Reading(-math.inf, base, base, "bound")
        return Reading(base, base, base, "count")
    if figure.approx:
        reach = _base(tolerance(value), unit)
        return Reading(base - reach, base + reach, base, "approx")
    return Reading(base, base, base, "exact")


def _within(value: float, reading: Reading) -> bool:
    return reading.low - _EPSILON <= value <= reading.high + _EPSILON


def agree(a: Reading, b: Reading) -> bool:
    """True when both figures can be true of the same quantity (the rules of the module docstring)."""
    if a.kind == "vague" and b.kind == "vague":
        return a.order == b.order
    if a.kind == "vague" or b.kind == "vague":
        vague, other = (a, b) if a.kind == "vague" else (b, a)
        return other.high + _EPSILON >= vague.low
    if a.kind in ("bound", "range") or b.kind in ("bound", "range"):
        # a bound or range agrees with a figure it allows, and with another bound or range it overlaps
        if a.point is not None and b.kind in ("bound", "range") and a.kind not in ("bound", "range"):
            return _within(a.point, b)
        if b.point is not None and a.kind in ("bound", "range") and b.kind not in ("bound", "range"):
            return _within(b.point, a)
        return a.low <= b.high + _EPSILON and b.low <= a.high + _EPSILON
    # two stated numbers: the same, or one within the other's rounding
    assert a.point is not None and b.point is not None
    if abs(a.point - b.point) <= _EPSILON * max(1.0, abs(a.point)):
        return True
    return (a.kind == "approx" and _within(b.point, a)) or (b.kind == "approx" and _within(a.point, b))


def describe(reading: Reading, figure: Figure) -> str:
    """A figure as a fact-checker says it: «at least 16», «about 60», «dozens»."""
    unit = f" {figure.unit}" if figure.unit else ""
    if reading.kind == "vague":
        names = {10: "dozens", 100: "hundreds", 1000: "thousands", 10000: "tens of thousands",
                 100000: "hundreds of thousands", 1e6: "millions"}
        return names.get(reading.order or 0, f"many (order {reading.order:g})") + unit
    if reading.kind == "range":
        return f"{figure.low:g}-{figure.high:g}{unit}"
    assert figure.value is not None
    prefix = {"bound": "at least " if reading.high == math.inf else "at most ", "approx": "about ",
              "count": "at least " if reading.low == reading.high and figure.low is not None else ""}
    return f"{prefix.get(reading.kind, '')}{figure.value:g}{unit}"

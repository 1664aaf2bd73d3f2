"""Checks of the numbers a confidentiality algorithm counts or sums (pure): what cannot be counted is refused,
never read as zero.
"""

from __future__ import annotations

import math

from ..messages import QT_TR_NOOP, Message

# Beyond 2**53 a float no longer holds every integer: sums of counts or amounts would not be exact.
EXACT_LIMIT = 2.0**53


def as_number(value):
    """``value`` as a finite float, or None if it is not a number (NULL, NaN, infinite, bool, text that is not a
    number). Text holding a number (``"12"``, ``" 3.5 "``, as a CSV file without types gives) is read as that number.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) or type(value).__name__.startswith(("int", "uint", "float")):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def invalid_counts(values) -> list:
    """``[(row index, value)]`` of the values that are not whole, non-negative, finite numbers of units."""
    bad = []
    for i, value in enumerate(values):
        number = as_number(value)
        if number is None or number < 0 or not number.is_integer() or number >= EXACT_LIMIT:
            bad.append((i, value))
    return bad


def invalid_amounts(values) -> list:
    """``[(row index, value)]`` of the values that are not non-negative finite numbers below 2**53."""
    bad = []
    for i, value in enumerate(values):
        if value is None:
            continue  # no amount: nothing contributed
        number = as_number(value)
        if number is None or number < 0 or number >= EXACT_LIMIT:
            bad.append((i, value))
    return bad


def numbers(values) -> list:
    """The values as floats (None where :func:`as_number` gives None), once they were checked."""
    return [as_number(v) for v in values]


def totals_are_exact(totals) -> bool:
    """True when every total (non-negative) is finite and below 2**53: float sums of integers were exact."""
    return all(math.isfinite(float(t)) and float(t) < EXACT_LIMIT for t in totals)


def describe_rows(bad: list, limit: int = 10) -> str:
    """``row 3 ('x'), row 7 (13.5)…`` (rows numbered from 1, as in the attribute table)."""
    shown = ", ".join(Message(QT_TR_NOOP("row {} ({!r})"), i + 1, value) for i, value in bad[:limit])
    return shown + (Message(QT_TR_NOOP(" and {} more"), len(bad) - limit) if len(bad) > limit else "")


def invalid_weights(values) -> list:
    """``[(row index, value)]`` of the values that are not non-negative finite numbers (NULL included)."""
    bad = []
    for i, value in enumerate(values):
        number = as_number(value)
        if number is None or number < 0 or number >= EXACT_LIMIT:
            bad.append((i, value))
    return bad

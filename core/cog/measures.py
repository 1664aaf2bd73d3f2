"""Measures to re-code (``harmonise``): they are summed or averaged, so every value must be a number.

A text column used as a measure used to become NULL without a word (``pd.to_numeric(errors="coerce")``):
:func:`non_numeric_values` finds the values that are not numbers so that the caller can refuse them, naming them.
"""

from __future__ import annotations

import math


def as_number(value):
    """``value`` as a float, or None when it is not a number (booleans and text such as "x" or "1,5" are not).
    Missing values (None, NaN, empty text) are None too: test them with :func:`is_missing`."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) or type(value).__name__.startswith(("int", "uint", "float")):
        number = float(value)
        return None if math.isnan(number) else number
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return None if math.isnan(number) else number


def is_missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip() == ""


def non_numeric_values(values, examples: int = 5) -> tuple:
    """``(count, first distinct examples)`` of the values that are neither missing nor numbers."""
    count = 0
    seen = []
    for value in values:
        if is_missing(value) or as_number(value) is not None:
            continue
        count += 1
        if len(seen) < examples and value not in seen:
            seen.append(value)
    return count, seen

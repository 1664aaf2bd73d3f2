"""Order of values sorted by group then by value, without a lexicographic sort of two keys.

``np.lexsort((values, groups))`` on 10 million values takes several seconds (two passes of merge sort over
indirect keys). The same order comes from one argsort of the values and one sort of single 64-bit integer keys:
each value's group in the high bits, its position in the value order in the low bits.
"""

from __future__ import annotations

import numpy as np


def sort_by_group_then_value(groups, values) -> np.ndarray:
    """Indices that sort ``values`` by ``groups`` (non-negative ints) then by value; equal (group, value) pairs
    keep their original order. Exactly ``np.lexsort((values, groups))``."""
    groups = np.asarray(groups, dtype=np.int64)
    values = np.asarray(values)
    n = len(values)
    if groups.shape != values.shape:
        raise ValueError("groups and values must have the same length")
    if n == 0:
        return np.empty(0, dtype=np.int64)
    top = int(groups.max())
    if int(groups.min()) < 0:
        raise ValueError("groups must be non-negative")
    bits = max(int(n - 1).bit_length(), 1)
    if top.bit_length() + bits > 63:  # keys do not fit 63 bits
        return np.lexsort((values, groups))
    by_value = np.argsort(values, kind="stable")
    keys = groups[by_value] << bits
    keys |= np.arange(n, dtype=np.int64)
    keys.sort()
    keys &= (1 << bits) - 1
    return by_value[keys]


def values_sorted_by_group(groups, values) -> np.ndarray:
    """``values[np.lexsort((values, groups))]`` (no NaN in ``values``), by one direct sort of complex numbers
    ``group + i·value``, which numpy orders by real then imaginary part: no indirect sort, about three times
    faster than the lexicographic sort at 10 million values. Groups must be below 2**53 (exact as floats).

    When a zero of both signs is present the order of -0.0 and 0.0 (equal for a sort) would not be the
    lexicographic sort's: that rare case goes through :func:`sort_by_group_then_value`.
    """
    groups = np.asarray(groups, dtype=np.int64)
    values = np.asarray(values, dtype=np.float64)
    if groups.shape != values.shape:
        raise ValueError("groups and values must have the same length")
    if len(values) == 0:
        return values.copy()
    if int(groups.min()) < 0 or int(groups.max()) >= 2**53:
        raise ValueError("groups must be non-negative and below 2**53")
    zero = values == 0
    if zero.any() and np.signbit(values[zero]).any():
        return values[sort_by_group_then_value(groups, values)]
    packed = np.empty(len(values), dtype=np.complex128)
    packed.real = groups
    packed.imag = values
    packed.sort()
    return packed.imag.copy()

"""Territorial codes as INSEE writes them, whatever a spreadsheet or a layer did to them.

The one place where a code read from user data is normalised: every algorithm that reads commune, département,
région or EPCI codes calls ``normalise_code`` (pure, no QGIS).
"""

import math
import re

_WIDTHS = {
    # level name (any of the spellings used across TerriData) → width of the code
    "commune": 5,
    "com": 5,
    "arm": 5,
    "departement": 2,
    "dep": 2,
    "region": 2,
    "reg": 2,
    "epci": 0,  # EPCI SIREN codes start with 2: they never lose a leading zero, and are never padded
}
_DIGITS = re.compile(r"^\d+$")
_MISSING = {"", "NULL", "NONE", "NAN"}


def normalise_code(value, level: str = "commune") -> str:
    """A code as text: ``1001``, ``1001.0``, ``"1001"``, ``"1001.0"``, ``" 01001 "`` → ``"01001"``;
    ``"2a004"`` → ``"2A004"``; ``1.0`` → ``"01"`` for a département. ``""`` for a missing value (None, NaN,
    empty or "NULL" text). A number that lost its leading zero is padded to the level's width; anything else
    is kept as it is (trimmed, upper case), so that a wrong code stays visible as wrong.
    """
    width = _WIDTHS.get(str(level).strip().lower())
    if width is None:
        raise ValueError(f"unknown territorial level {level!r}; use one of commune, departement, region, epci")
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) or type(value).__name__.startswith("float"):
        number = float(value)
        if not math.isfinite(number):
            return ""
        # Python writes integral floats below 1e16 in full ("1000000000000000.0"): written as integers, so that
        # the text of a normalised code normalises to itself; larger ones and fractions as Python writes them
        text = str(int(number)) if number.is_integer() and abs(number) < 1e16 else repr(number).upper()
    elif isinstance(value, int) or type(value).__name__.startswith(("int", "uint")):
        text = str(int(value))
    else:
        text = str(value).strip().upper()
        if text in _MISSING:
            return ""
        if text.endswith(".0") and _DIGITS.match(text[:-2]):
            text = text[:-2]
    if _DIGITS.match(text) and len(text) == width - 1:  # no valid code starts with "00": one zero at most is lost
        text = text.zfill(width)
    return text

"""French business identifiers: SIREN (9 digits) and SIRET (14 digits) with their Luhn key.

La Poste's establishments share the SIREN 356000000 and are too many for the Luhn key: INSEE numbers them so
that the sum of the 14 digits is a multiple of 5 instead (the rule validators of schema.data.gouv.fr apply).
"""

from __future__ import annotations

import re

LA_POSTE_SIREN = "356000000"
_SIREN_RE = re.compile(r"\d{9}")
_SIRET_RE = re.compile(r"\d{14}")


def luhn_ok(digits: str) -> bool:
    """The Luhn check: doubling every second digit from the right, the sum is a multiple of 10."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def siren_ok(value) -> bool:
    """A SIREN: 9 digits whose Luhn key holds."""
    text = str(value if value is not None else "").strip()
    return bool(_SIREN_RE.fullmatch(text)) and luhn_ok(text)


def siret_ok(value) -> bool:
    """A SIRET: 14 digits whose Luhn key holds; for La Poste (SIREN 356000000) the digit sum is a multiple of 5."""
    text = str(value if value is not None else "").strip()
    if not _SIRET_RE.fullmatch(text):
        return False
    if text.startswith(LA_POSTE_SIREN):
        return sum(int(c) for c in text) % 5 == 0
    return luhn_ok(text)

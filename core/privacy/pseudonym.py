"""Keyed pseudonymisation with HMAC-SHA-256.

The same value and key always give the same pseudonym (records of one person stay linkable inside the export), and
without the key the pseudonym cannot be recomputed from a guessed value. Pseudonymised data is still personal data
(GDPR recital 26): reports must call it pseudonymisation, never anonymisation. The key is never stored or logged.
"""

from __future__ import annotations

import hashlib
import hmac

from ..messages import QT_TR_NOOP, Message

MIN_KEY_BYTES = 16


def check_key(key) -> bytes:
    """The key as bytes; ``ValueError`` if it is empty or shorter than 16 bytes (too easy to brute-force)."""
    if key is None:
        raise ValueError("No pseudonymisation key was given")
    key_bytes = key.encode("utf-8") if isinstance(key, str) else bytes(key)
    if len(key_bytes) < MIN_KEY_BYTES:
        raise ValueError(
            Message(
                QT_TR_NOOP("The pseudonymisation key must be at least {} characters long"),
                MIN_KEY_BYTES,
            )
        )
    return key_bytes


def pseudonymise(values, key, length: int = 32) -> list:
    """HMAC-SHA-256 of each value (normalised: stripped, case-folded) as ``length`` hexadecimal characters.

    Empty values stay empty (``None``) so that a missing identifier is not turned into a shared pseudonym.
    """
    key_bytes = check_key(key)
    out = []
    for value in values:
        if value is None or str(value).strip() == "":
            out.append(None)
            continue
        norm = " ".join(str(value).strip().casefold().split())
        out.append(hmac.new(key_bytes, norm.encode("utf-8"), hashlib.sha256).hexdigest()[:length])
    return out

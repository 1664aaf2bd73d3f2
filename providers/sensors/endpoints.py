"""SensorThings services offered by name: presets plus the user's own list (setting ``sensorthings_endpoints``,
``name|url`` pairs separated by ``;``, the same form as ``extra_wfs_endpoints``)."""

from __future__ import annotations

from typing import List, Tuple

from ...toolbelt.settings import PlgSettings

#: (name, service root). Public services seen in use; a user adds theirs in the settings.
PRESETS = (
    ("BRGM groundwater (SensorThings)", "https://sensorthings.brgm-rec.fr/SensorThingsGroundWater/v1.0"),
    ("Hamburg urban data platform", "https://iot.hamburg.de/v1.1"),
    ("Fraunhofer IOSB air quality (FROST demo)", "https://airquality-frost.k8s.ilt-dmz.iosb.fraunhofer.de/v1.1"),
)


def parse_endpoints(text: str) -> List[Tuple[str, str]]:
    """``"A|https://a/v1.1; https://b/v1.0"`` → ``[("A", "https://a/v1.1"), ("https://b/v1.0", "https://b/v1.0")]``."""
    found = []
    for piece in (text or "").split(";"):
        piece = piece.strip()
        if not piece:
            continue
        name, sep, url = piece.partition("|")
        name, url = (name.strip(), url.strip()) if sep else (piece, piece)
        if url:
            found.append((name or url, url.rstrip("/")))
    return found


def endpoints() -> List[Tuple[str, str]]:
    """The user's services first, then the presets (a URL listed once)."""
    seen, result = set(), []
    for name, url in parse_endpoints(PlgSettings.get().sensorthings_endpoints) + list(PRESETS):
        if url not in seen:
            seen.add(url)
            result.append((name, url))
    return result


def resolve(value: str) -> str:
    """A service root from a URL or the name of a configured/preset endpoint (names compared without case)."""
    text = str(value or "").strip()
    if "://" in text:
        return text.rstrip("/")
    for name, url in endpoints():
        if name.lower() == text.lower():
            return url
    return text

"""Find a territory (commune, EPCI, département, région) of the COG by name or code.

Names are compared without accents, case or punctuation, and "St"/"Ste" are read as "Saint"/"Sainte" (the COG
writes "Saint-Denis", people type "st denis"). Ranking: exact name, then names starting with the query, then a word
of the name starting with it, then the query anywhere in the name; in each tier the larger territories first
(région, département, EPCI, commune) and the more populous communes first.

Pure Python (no ``qgis``): the dock's territory picker and the locator filter call it.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass

from .referential import COMMUNE, DEPARTEMENT, EPCI, REGION, CogReferential, VintageTables

#: Levels offered, largest first (the order of a tie).
LEVELS = (REGION, DEPARTEMENT, EPCI, COMMUNE)
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_CODE = re.compile(r"^(?:\d{2,9}|2[ab]\d{0,3})$", re.IGNORECASE)


@dataclass(frozen=True)
class TerritoryMatch:
    """One territory found: its COG level, code (INSEE; SIREN for an EPCI), official name and département."""

    level: str
    code: str
    name: str
    departement: str = ""
    population: int = 0

    @property
    def key(self) -> str:
        """``level:code``, the form stored in the settings."""
        return f"{self.level}:{self.code}"


def normalise_name(text: str) -> str:
    """``"St-Étienne-du-Rouvray"`` -> ``"saint etienne du rouvray"``: lower case, no accents, words separated by one
    space (hyphens and apostrophes split words), St/Ste/Sts/Stes spelt out."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    stripped = stripped.replace("œ", "oe").replace("æ", "ae")
    words = "".join(c if c.isalnum() else " " for c in stripped).split()
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


class TerritoryIndex:
    """The names of one COG vintage, normalised once, searched by :meth:`search`."""

    def __init__(self, entries):
        # (normalised name, level rank, TerritoryMatch)
        self._entries = [(normalise_name(m.name), LEVELS.index(m.level), m) for m in entries]
        self._by_key = {m.key: m for _, _, m in self._entries}

    @classmethod
    def from_tables(cls, tables: VintageTables, epci_tables: VintageTables | None = None) -> TerritoryIndex:
        entries = [TerritoryMatch(REGION, r.code, r.name) for r in tables.regions.values()]
        entries += [TerritoryMatch(DEPARTEMENT, d.code, d.name, d.code) for d in tables.departements.values()]
        entries += [TerritoryMatch(EPCI, e.code, e.name) for e in (epci_tables or tables).epci.values()]
        entries += [
            TerritoryMatch(COMMUNE, c.code, c.name, c.departement, int(tables.population.get(c.code) or 0))
            for c in tables.communes.values()
        ]
        return cls(entries)

    @classmethod
    def from_referential(cls, referential: CogReferential) -> TerritoryIndex:
        """The latest vintage (and the latest one that has EPCI, when the latest has none)."""
        tables = referential.tables(referential.latest_vintage(COMMUNE))
        try:
            epci_tables = referential.tables(referential.latest_vintage(EPCI))
        except KeyError:
            epci_tables = tables
        return cls.from_tables(tables, epci_tables)

    def get(self, level: str, code: str) -> TerritoryMatch | None:
        return self._by_key.get(f"{level}:{code}")

    def search(self, query: str, levels=LEVELS, limit: int = 20) -> list:
        """Territories whose name (or code) matches ``query``, best first."""
        text = (query or "").strip()
        if not text:
            return []
        levels = set(levels)
        if _CODE.match(text):
            code = text.upper()
            found = [
                (0 if m.code == code else 1, rank, m)
                for _, rank, m in self._entries
                if m.level in levels and m.code.startswith(code)
            ]
        else:
            wanted = normalise_name(text)
            if not wanted:
                return []
            found = []
            for name, rank, m in self._entries:
                if m.level not in levels or wanted not in name:
                    continue
                if name == wanted:
                    tier = 0
                elif name.startswith(wanted):
                    tier = 1
                elif f" {wanted}" in f" {name}":
                    tier = 2
                else:
                    tier = 3
                found.append((tier, rank, m))
        found.sort(key=lambda t: (t[0], t[1], -t[2].population, t[2].name, t[2].code))
        matches = [m for _, _, m in found]
        return matches[:limit] if limit else matches


_INDEX = None
_INDEX_LOCK = threading.Lock()


def default_index() -> TerritoryIndex:
    """The index of the default COG referential (built once, on first use; thread-safe)."""
    global _INDEX
    with _INDEX_LOCK:
        if _INDEX is None:
            from .referential import default_referential

            _INDEX = TerritoryIndex.from_referential(default_referential())
        return _INDEX


def search_territories(query: str, levels=LEVELS, limit: int = 20) -> list:
    return default_index().search(query, levels, limit)


__all__ = ["LEVELS", "TerritoryIndex", "TerritoryMatch", "default_index", "normalise_name", "search_territories"]

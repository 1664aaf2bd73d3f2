"""The official projected CRS of each part of France, and the grid INSEE uses there (pure, no QGIS).

Sources:
- CRS: IGN, Service de Géodésie et de Métrologie, "Systèmes de Référence de Coordonnées usités en France —
  Équivalence des registres pour les représentations planes" (EPSG 10.078): Lambert-93 (EPSG:2154) for
  metropolitan France and Corsica, RGAF09 / UTM 20N (EPSG:5490) for Guadeloupe and Martinique (and the other French
  Antilles: Saint-Martin, Saint-Barthélemy), RGFG95 / UTM 22N (EPSG:2972) for Guyane, RGR92 / UTM 40S (EPSG:2975) for
  La Réunion, RGM04 / UTM 38S (EPSG:4471) for Mayotte, RGSPM06 / UTM 21N (EPSG:4467) for Saint-Pierre-et-Miquelon;
  décret n° 2000-1276 modified by décret n° 2019-165 (système national de référence de coordonnées).
  Each code is checked against the PROJ database QGIS ships in tests/qgis/test_territory_crs.py.
- Grids: INSEE, "Documentation générale sur le carroyage" (données carroyées, revenus fiscaux localisés): a point's
  cell is the integer part of its coordinates divided by the cell size, in EPSG:3035 in metropolitan France and in
  the local UTM CRS overseas, Martinique and La Réunion only ("les autres régions (Guyane, Guadeloupe et Mayotte) ne
  peuvent actuellement pas être l'objet des traitements"). Filosofi 2017 and 2021 (carreaux_200m_met / _mart /
  _reun) name cells ``CRS3035RES200mN…E…``, ``CRS5490RES200mN…E…`` (Martinique, RGAF09 since 2019) and
  ``CRS2975RES200mN…E…`` (La Réunion). INSEE publishes no grid for Guadeloupe, Guyane and Mayotte: TerriData grids
  them with the same rule in their official CRS (the INSPIRE identifier convention that INSEE's btb package applies
  to any CRS), and says that no INSEE data joins those cells.

Codes: départements and communes as INSEE writes them (971 to 976 overseas, 975/977/978 for Saint-Pierre-et-Miquelon,
Saint-Barthélemy and Saint-Martin); régions 01 to 06 overseas. Locations: longitude/latitude (WGS84) boxes around
each part, from the EPSG areas of use (onshore), never overlapping.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

WGS84 = 4326


@dataclass(frozen=True)
class Part:
    """One part of France with its own official CRS."""

    key: str  # "metropole" or the département / collectivity code
    name: str
    epsg: int  # official projected CRS
    box: tuple  # (lon_min, lat_min, lon_max, lat_max), WGS84
    grid_epsg: int  # CRS of the statistical grid cells there
    insee_grid: bool  # INSEE publishes gridded data there (its cells join TerriData's)
    region: str = ""  # région code (overseas)


METROPOLE = Part("metropole", "Metropolitan France and Corsica", 2154, (-5.6, 41.2, 9.8, 51.2), 3035, True)
PARTS = (
    METROPOLE,
    Part("971", "Guadeloupe", 5490, (-61.9, 15.75, -60.9, 16.6), 5490, False, "01"),
    Part("972", "Martinique", 5490, (-61.3, 14.3, -60.7, 14.95), 5490, True, "02"),
    Part("973", "Guyane", 2972, (-54.7, 2.0, -51.5, 6.0), 2972, False, "03"),
    Part("974", "La Réunion", 2975, (55.1, -21.5, 56.0, -20.8), 2975, True, "04"),
    Part("976", "Mayotte", 4471, (44.9, -13.1, 45.4, -12.55), 4471, False, "06"),
    Part("975", "Saint-Pierre-et-Miquelon", 4467, (-56.5, 46.7, -56.1, 47.2), 4467, False),
    Part("977", "Saint-Barthélemy", 5490, (-62.95, 17.85, -62.75, 17.98), 5490, False),
    Part("978", "Saint-Martin", 5490, (-63.2, 18.0, -62.95, 18.15), 5490, False),
)
BY_KEY = {p.key: p for p in PARTS}
# Layer names of the parts when a layer is split by part of France (ASCII, lower case: safe in any GeoPackage tool)
LAYER_NAMES = {
    "metropole": "metropole",
    "971": "guadeloupe",
    "972": "martinique",
    "973": "guyane",
    "974": "reunion",
    "976": "mayotte",
    "975": "saint_pierre_et_miquelon",
    "977": "saint_barthelemy",
    "978": "saint_martin",
}
OUTSIDE_LAYER = "outside"
DROM = ("971", "972", "973", "974", "976")
_METRO_REGIONS = {"11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"}
_REGIONS = {p.region: p for p in PARTS if p.region}


def part_of_code(code: str, level: str = "") -> Part | None:
    """The part of France of a commune, département or région code (``level`` "commune", "departement",
    "region"; guessed from the code's length when empty: 5 characters a commune, else a département). None
    for an EPCI (its SIREN code says nothing of its place: use :func:`part_of_location`) or an unknown code."""
    code = str(code or "").strip().upper()
    level = (level or "").strip().lower()
    if not code or level == "epci":
        return None
    if level in ("region", "reg"):
        if code in _REGIONS:
            return _REGIONS[code]
        return METROPOLE if code in _METRO_REGIONS else None
    if level in ("commune", "com", "arm") or (not level and len(code) == 5):
        if len(code) != 5:
            return None
        dep = code[:3] if code.startswith("97") else code[:2]
    else:
        dep = code
    if dep.startswith("97"):
        return BY_KEY.get(dep)
    if dep in ("2A", "2B") or (dep.isdigit() and len(dep) == 2 and 1 <= int(dep) <= 95 and dep != "20"):
        return METROPOLE
    return None


def part_of_location(lon: float, lat: float) -> Part | None:
    """The part of France whose box holds ``lon``, ``lat`` (WGS84 degrees), None outside them all."""
    for p in PARTS:
        x0, y0, x1, y1 = p.box
        if x0 <= lon <= x1 and y0 <= lat <= y1:
            return p
    return None


def parts_of_extent(lon_min: float, lat_min: float, lon_max: float, lat_max: float) -> list:
    """The parts of France whose box meets the WGS84 rectangle (in :data:`PARTS` order)."""
    return [
        p for p in PARTS if p.box[0] <= lon_max and lon_min <= p.box[2] and p.box[1] <= lat_max and lat_min <= p.box[3]
    ]


def parts_of_points(lon, lat) -> np.ndarray:
    """Index in :data:`PARTS` of the part holding each point (WGS84 arrays), -1 outside them all."""
    lon = np.asarray(lon, dtype="float64")
    lat = np.asarray(lat, dtype="float64")
    out = np.full(len(lon), -1, dtype=np.int8)
    with np.errstate(invalid="ignore"):
        for i, p in enumerate(PARTS):
            x0, y0, x1, y1 = p.box
            out[(out < 0) & (lon >= x0) & (lon <= x1) & (lat >= y0) & (lat <= y1)] = i
    return out


def crs_for_parts(parts, fallback: str = "EPSG:4326") -> str:
    """``EPSG:nnnn`` of the one CRS official for every part in ``parts``; ``fallback`` (valid everywhere) when
    they have different CRSs; Lambert-93 when ``parts`` is empty (nothing known: the historical default)."""
    codes = {p.epsg for p in parts}
    if not codes:
        return "EPSG:2154"
    return f"EPSG:{codes.pop()}" if len(codes) == 1 else fallback


def names(parts) -> str:
    """``"Guadeloupe, Martinique"``: the parts' names, for a message."""
    return ", ".join(p.name for p in parts)

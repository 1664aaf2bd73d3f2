"""Detect how a downloaded CSV is written and where its geometry is.

- :func:`detect_encoding`: UTF-8 (with or without BOM) when the bytes decode, else cp1252 (a superset of the
  latin-1 letters French files use).
- :func:`detect_dialect`: the delimiter among ``;`` ``,`` tab ``|`` (the one that splits the sample lines into the
  same, largest number of columns, quotes respected).
- :func:`detect_geometry`: which columns hold the geometry: longitude/latitude pairs (usual French and English
  names), a ``geo_point_2d``-style ``"lat,lon"`` column, Lambert-93 X/Y, a WKT or GeoJSON column; with the decimal
  comma detected on the coordinate values.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

DELIMITERS = (";", ",", "\t", "|")

LON_NAMES = ("longitude", "lon", "long", "lng", "x_wgs84", "lon_wgs84", "longitude_wgs84", "coord_x_wgs84", "xlong")
LAT_NAMES = ("latitude", "lat", "y_wgs84", "lat_wgs84", "latitude_wgs84", "coord_y_wgs84", "ylat")
X_NAMES = ("x", "x_l93", "coord_x", "x_lambert93", "xl93", "coordonnee_x", "x_2154", "lambert_x", "coordx")
Y_NAMES = ("y", "y_l93", "coord_y", "y_lambert93", "yl93", "coordonnee_y", "y_2154", "lambert_y", "coordy")
POINT_NAMES = ("geo_point_2d", "geo_point", "geopoint", "coordonnees", "coordinates", "coordonnees_gps", "latlon")
GEOM_NAMES = ("geo_shape", "geometry", "geom", "wkt", "the_geom", "geometrie", "shape", "geojson")

_NUMBER = re.compile(r"^\s*[-+]?\d+(?:[.,]\d+)?\s*$")
_WKT = re.compile(r"^\s*(SRID=\d+;)?\s*(MULTI)?(POINT|LINESTRING|POLYGON|GEOMETRYCOLLECTION)\s*(Z|M|ZM)?\s*\(", re.I)


@dataclass
class Dialect:
    encoding: str  # Python codec name: "utf-8-sig", "utf-8" or "cp1252"
    delimiter: str
    has_bom: bool = False


@dataclass
class GeometrySpec:
    """Where the geometry is. ``kind``: ``"xy"`` (two columns), ``"pair"`` (one "lat,lon" column), ``"wkt"``,
    ``"geojson"`` or ``"none"``. ``crs``: ``EPSG:4326`` or ``EPSG:2154``."""

    kind: str = "none"
    x: str = ""
    y: str = ""
    column: str = ""
    crs: str = "EPSG:4326"
    decimal_comma: bool = False
    swapped: bool = False  # the columns named longitude/latitude hold latitude/longitude
    notes: list = field(default_factory=list)


def detect_encoding(sample: bytes) -> str:
    """``utf-8-sig`` (BOM), ``utf-8`` or ``cp1252``. A sample cut in the middle of a UTF-8 character still counts
    as UTF-8."""
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3 and exc.reason in ("unexpected end of data",):
            return "utf-8"
        return "cp1252"


def detect_dialect(text: str) -> str:
    """The delimiter of a CSV sample (text, first lines). Raises ValueError when the sample has no data line."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise ValueError("empty file")
    complete = lines[:-1] if len(lines) > 2 else lines  # the last line of a sample may be cut
    best, best_score = ";", (-1, 0)
    for delim in DELIMITERS:
        try:
            rows = list(csv.reader(io.StringIO("\n".join(complete)), delimiter=delim))
        except csv.Error:
            continue
        widths = [len(r) for r in rows if r]
        if not widths or widths[0] < 2:
            continue
        consistent = sum(1 for w in widths if w == widths[0])
        score = (consistent, widths[0])
        if score > best_score:
            best, best_score = delim, score
    return best


def normalise_name(name: str) -> str:
    text = (name or "").strip().lower().replace("-", "_").replace(" ", "_")
    for a, b in (("é", "e"), ("è", "e"), ("ê", "e"), ("à", "a"), ("ô", "o"), ("ç", "c")):
        text = text.replace(a, b)
    return text


def _find(header, names) -> str:
    norm = {normalise_name(h): h for h in header}
    for candidate in names:
        if candidate in norm:
            return norm[candidate]
    return ""


def parse_number(value, decimal_comma: bool = False):
    """A float from ``"2,35"``/``"2.35"``/``" 2 "``, or None."""
    text = str(value or "").strip()
    if not text:
        return None
    if decimal_comma:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def _numbers(rows, col_index):
    values = [r[col_index] for r in rows if col_index < len(r) and r[col_index].strip()]
    return values


def _uses_decimal_comma(values) -> bool:
    with_comma = sum(1 for v in values if "," in v and _NUMBER.match(v))
    with_point = sum(1 for v in values if "." in v and _NUMBER.match(v))
    return with_comma > with_point


def parse_pair(value):
    """``"48.85, 2.35"`` (or ``[48.85, 2.35]``, or ``"48,85 2,35"`` is not supported) → (first, second) floats."""
    text = str(value or "").strip().strip("[]()")
    if not text:
        return None
    parts = [p for p in re.split(r"[,;\s]+", text) if p]
    if len(parts) != 2:
        return None
    try:
        return float(parts[0]), float(parts[1])
    except ValueError:
        return None


def detect_geometry(header, rows) -> GeometrySpec:
    """The geometry columns of a table from its header and a sample of rows (lists of strings)."""
    idx = {h: i for i, h in enumerate(header)}
    lon, lat = _find(header, LON_NAMES), _find(header, LAT_NAMES)
    if lon and lat:
        values = _numbers(rows, idx[lon]) + _numbers(rows, idx[lat])
        spec = GeometrySpec("xy", x=lon, y=lat, crs="EPSG:4326", decimal_comma=_uses_decimal_comma(values))
        pts = [
            (parse_number(r[idx[lon]], spec.decimal_comma), parse_number(r[idx[lat]], spec.decimal_comma))
            for r in rows
            if max(idx[lon], idx[lat]) < len(r)
        ]
        spec.swapped = looks_swapped([p for p in pts if None not in p])
        return spec
    point = _find(header, POINT_NAMES)
    if point:
        pairs = [parse_pair(r[idx[point]]) for r in rows if idx[point] < len(r)]
        pairs = [p for p in pairs if p]
        if pairs:
            spec = GeometrySpec("pair", column=point, crs="EPSG:4326")
            # ODS and most French portals write "lat,lon"; detect the rare "lon,lat" by the values
            lonlat = [(b, a) for a, b in pairs]
            spec.swapped = looks_swapped(lonlat)  # True: the pair is in fact "lon,lat"
            return spec
    geom = _find(header, GEOM_NAMES)
    if geom:
        sample = [r[idx[geom]] for r in rows if idx[geom] < len(r) and r[idx[geom]].strip()]
        if sample and all(_WKT.match(v) for v in sample[:20]):
            return GeometrySpec("wkt", column=geom, crs="EPSG:4326")
        if sample and all(v.lstrip().startswith("{") and '"coordinates"' in v for v in sample[:20]):
            return GeometrySpec("geojson", column=geom, crs="EPSG:4326")
    x, y = _find(header, X_NAMES), _find(header, Y_NAMES)
    if x and y:
        values = _numbers(rows, idx[x]) + _numbers(rows, idx[y])
        comma = _uses_decimal_comma(values)
        pts = [(parse_number(r[idx[x]], comma), parse_number(r[idx[y]], comma)) for r in rows if idx[y] < len(r)]
        pts = [p for p in pts if None not in p]
        if pts and sum(1 for p in pts if in_lambert93(*p)) >= 0.8 * len(pts):
            return GeometrySpec("xy", x=x, y=y, crs="EPSG:2154", decimal_comma=comma)
        if pts and sum(1 for p in pts if -180 <= p[0] <= 180 and -90 <= p[1] <= 90) >= 0.8 * len(pts):
            spec = GeometrySpec("xy", x=x, y=y, crs="EPSG:4326", decimal_comma=comma)
            spec.swapped = looks_swapped(pts)
            return spec
    return GeometrySpec("none")


# ------------------------------------------------------------------------------------------ coordinates

#: Metropolitan France and overseas départements (lon/lat boxes, generous).
FRANCE_BOXES = (
    (-5.9, 41.2, 10.0, 51.3),  # metropolitan France and Corsica
    (-61.9, 15.8, -60.8, 16.6),  # Guadeloupe
    (-61.3, 14.3, -60.7, 14.9),  # Martinique
    (-54.7, 2.0, -51.5, 6.0),  # Guyane
    (55.1, -21.5, 56.0, -20.8),  # La Réunion
    (44.9, -13.1, 45.4, -12.5),  # Mayotte
    (-56.5, 46.7, -56.0, 47.2),  # Saint-Pierre-et-Miquelon
    (-63.2, 17.8, -62.7, 18.2),  # Saint-Martin, Saint-Barthélemy
)
LAMBERT93_BOX = (-400000.0, 5900000.0, 1400000.0, 7300000.0)


def in_france(lon: float, lat: float) -> bool:
    return any(x0 <= lon <= x1 and y0 <= lat <= y1 for x0, y0, x1, y1 in FRANCE_BOXES)


def in_lambert93(x: float, y: float) -> bool:
    x0, y0, x1, y1 = LAMBERT93_BOX
    return x0 <= x <= x1 and y0 <= y <= y1


def looks_swapped(points) -> bool:
    """True when most (lon, lat) points fall outside France but inside it once swapped."""
    points = list(points)
    if not points:
        return False
    inside = sum(1 for lon, lat in points if in_france(lon, lat))
    swapped = sum(1 for lon, lat in points if in_france(lat, lon))
    return swapped > inside and swapped >= 0.5 * len(points)


def count_outside_france(points) -> int:
    return sum(1 for lon, lat in points if not in_france(lon, lat))

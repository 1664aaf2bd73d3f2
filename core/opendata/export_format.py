"""The CSV a Table Schema wants: field mapping, column order, value formats, geometry columns.

- A **mapping** says where each schema field takes its values: ``"schema_field=layer_field;…"``. A value in quotes
  is a constant (``COLL_NOM='Ville d''Évry'``: quotes doubled inside), ``@lat``/``@lon`` are the WGS 84
  coordinates of the feature's geometry (its centroid for lines and polygons), ``@geojson`` its GeoJSON geometry,
  ``@geopoint`` ``"lon,lat"``; an empty right-hand side leaves the field empty. :func:`propose_mapping` proposes
  one by name (exact, then ignoring case, accents and separators; coordinates for latitude/longitude fields).
- **Values** (:func:`format_value`): ISO 8601 dates (``2024-03-05``, also from ``05/03/2024``), date-times, a point
  as decimal separator (``12,5`` → ``12.5``), integers without ``.0``, booleans as the schema's ``trueValues`` /
  ``falseValues`` (else ``true``/``false``), text as it is. A value that cannot be converted is written as it came
  (the validation then names it).
- **CSV** (:func:`csv_text`): UTF-8 without BOM, comma separator, double quotes when needed, the schema's column
  order, header = the schema's field names.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import math
import re
import unicodedata

GEOMETRY_SOURCES = ("@lat", "@lon", "@geojson", "@geopoint")
LAT_NAME_RE = re.compile(r"(?:^|_)(?:lat|latitude|lat_?coor\d*|y_?wgs84|coordonnees?_?y)(?:$|_)", re.I)
LON_NAME_RE = re.compile(r"(?:^|_)(?:lon|long|lng|longitude|long?_?coor\d*|x_?wgs84|coordonnees?_?x)(?:$|_)", re.I)
_FR_DATE_RE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_LOOSE_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class MappingError(ValueError):
    """A mapping the schema or the layer cannot accept (message says which field)."""


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", text.lower())


def geometry_role(field: dict) -> str:
    """``@lat``, ``@lon``, ``@geojson`` or ``@geopoint`` when the schema field holds the location, else ``""``."""
    ftype = field.get("type")
    if ftype == "geojson":
        return "@geojson"
    if ftype == "geopoint":
        return "@geopoint"
    if ftype not in ("number", "string", None):
        return ""
    name = field["name"]
    if LAT_NAME_RE.search(name):
        return "@lat"
    if LON_NAME_RE.search(name):
        return "@lon"
    return ""


def propose_mapping(schema_fields: list, layer_fields: list, has_geometry: bool) -> dict:
    """``{schema field: source}``: the layer field of the same name (exact, then loose), else the geometry for a
    coordinate field, else ``""`` (left empty)."""
    exact = {name: name for name in layer_fields}
    loose = {}
    for name in layer_fields:
        loose.setdefault(_key(name), name)
    proposal = {}
    for f in schema_fields:
        name = f["name"]
        source = exact.get(name) or loose.get(_key(name)) or ""
        if not source and has_geometry:
            source = geometry_role(f)
        proposal[name] = source
    return proposal


def parse_mapping(text: str) -> dict:
    """``{schema field: source}`` from ``"a=b;c='constant';d=@lat"`` (sources: a layer field, a quoted constant,
    a geometry source, or nothing). Raises :class:`MappingError` on a malformed entry."""
    mapping = {}
    for part in _split_entries(text or ""):
        if not part.strip():
            continue
        if "=" not in part:
            raise MappingError(f"'{part.strip()}' is not of the form schema_field=layer_field")
        target, source = part.split("=", 1)
        target, source = target.strip(), source.strip()
        if not target:
            raise MappingError(f"'{part.strip()}' names no schema field")
        if target in mapping:
            raise MappingError(f"the schema field '{target}' is mapped twice")
        mapping[target] = source
    return mapping


def _split_entries(text: str) -> list:
    """Split on ``;`` outside single quotes."""
    parts, current, quoted = [], [], False
    for char in text:
        if char == "'":
            quoted = not quoted
        if char == ";" and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def mapping_text(mapping: dict) -> str:
    """The mapping written back as ``a=b;c=d`` (what the help shows and the log records)."""
    return ";".join(f"{k}={v}" for k, v in mapping.items())


def resolve_mapping(schema_fields: list, layer_fields: list, given: dict, proposed: dict) -> dict:
    """The mapping used: ``given`` entries over ``proposed`` ones. Raises :class:`MappingError` naming an unknown
    schema field, a missing layer field, or a required schema field left empty."""
    names = [f["name"] for f in schema_fields]
    unknown = [k for k in given if k not in names]
    if unknown:
        raise MappingError(f"not fields of the schema: {', '.join(unknown)} (its fields: {', '.join(names)})")
    mapping = {name: given.get(name, proposed.get(name, "")) for name in names}
    missing = [
        f"{k}={v}"
        for k, v in mapping.items()
        if v and not _is_constant(v) and v not in GEOMETRY_SOURCES and v not in layer_fields
    ]
    if missing:
        raise MappingError(f"these sources are not fields of the layer: {', '.join(missing)}")
    empty = [
        f["name"] for f in schema_fields if (f.get("constraints") or {}).get("required") and not mapping[f["name"]]
    ]
    if empty:
        raise MappingError(f"required fields of the schema left without a source: {', '.join(empty)}")
    return mapping


def _is_constant(source: str) -> bool:
    return len(source) >= 2 and source[0] == "'" and source[-1] == "'"


def constant_value(source: str) -> str:
    return source[1:-1].replace("''", "'")


def format_value(value, field: dict) -> str:
    """The text the schema wants for ``value`` (None → empty)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    ftype = field.get("type", "string")
    try:
        if ftype == "boolean":
            return _boolean(value, field)
        if ftype == "date":
            return _date(value, field.get("format", "default"))
        if ftype == "datetime" and isinstance(value, _dt.datetime):
            return value.isoformat()
        if ftype == "integer":
            return _integer(value)
        if ftype == "number":
            return _number(value)
        if ftype == "year" and isinstance(value, (_dt.date, _dt.datetime)):
            return str(value.year)
        if ftype in ("object", "array", "geojson") and isinstance(value, (dict, list)):
            return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    except (ValueError, TypeError, OverflowError):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _boolean(value, field) -> str:
    true_values = field.get("trueValues") or ["true"]
    false_values = field.get("falseValues") or ["false"]
    if isinstance(value, str):
        low = value.strip().lower()
        if low in {str(v).lower() for v in true_values} | {"true", "1", "oui", "yes", "vrai", "t", "o", "y"}:
            return str(true_values[0])
        if low in {str(v).lower() for v in false_values} | {"false", "0", "non", "no", "faux", "f", "n"}:
            return str(false_values[0])
        return value
    return str(true_values[0] if bool(value) else false_values[0])


def _date(value, fmt: str) -> str:
    if isinstance(value, _dt.datetime):
        day = value.date()
    elif isinstance(value, _dt.date):
        day = value
    else:
        text = str(value).strip()
        match = _FR_DATE_RE.fullmatch(text)
        if match:
            day = _dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        else:
            match = _LOOSE_ISO_RE.match(text)
            if not match:
                return text
            day = _dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if fmt and fmt not in ("default", "any"):
        return day.strftime(fmt)
    return day.isoformat()


def _integer(value) -> str:
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    number = float(str(value).strip().replace(",", ".")) if not isinstance(value, float) else value
    return str(int(number)) if number.is_integer() else str(value)


def _number(value) -> str:
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"[+-]?\d+,\d+", text):
        text = text.replace(",", ".")
    float(text)  # raises ValueError: written as it came
    return text


def build_rows(schema_fields: list, mapping: dict, records, geometry=None) -> list:
    """The CSV rows (lists of text, schema order). ``records`` yields ``dict`` of layer values; ``geometry``
    (same length) yields ``{"@lat": …, "@lon": …, "@geojson": …}`` per record (or None)."""
    rows = []
    for i, record in enumerate(records):
        where = geometry[i] if geometry is not None else None
        row = []
        for f in schema_fields:
            source = mapping.get(f["name"], "")
            if not source:
                value = None
            elif _is_constant(source):
                value = constant_value(source)
            elif source in GEOMETRY_SOURCES:
                value = (where or {}).get(source)
            else:
                value = record.get(source)
            row.append(format_value(value, f))
        rows.append(row)
    return rows


def geometry_values(lon, lat, geojson: str | None) -> dict:
    """The geometry sources of one feature (lon/lat in WGS 84, rounded to 7 decimals, about 1 cm)."""
    if lon is None or lat is None:
        return {}
    return {
        "@lat": round(float(lat), 7),
        "@lon": round(float(lon), 7),
        "@geopoint": f"{round(float(lon), 7)},{round(float(lat), 7)}",
        "@geojson": geojson,
    }


def csv_text(header: list, rows: list) -> str:
    """UTF-8 CSV text: comma separator, minimal double-quoting, CRLF line ends (RFC 4180)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=",", quotechar='"', quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()

"""Fast GeoPackage writer for the sensor observation outputs (a plain new ``.gpkg`` file as OUTPUT).

A million observations written through the feature sink cost about 20 µs each in SIP conversions (QgsFeature,
QDateTime) and in QgsVectorFileWriter; here the table is created by OGR (metadata tables, field types, CRS) and
filled with one SQLite ``executemany`` per page, inside one transaction, in a temporary file renamed into place
(``toolbelt.atomic``). The same rows as the sink path (``tests/qgis/test_sensorthings.py`` compares both): date-times
as GeoPackage UTC text (``YYYY-MM-DDTHH:MM:SS.sssZ``), points as GeoPackage binary geometries in EPSG:4326.
"""

from __future__ import annotations

import sqlite3
import struct
from itertools import chain
from pathlib import Path
from typing import Optional

from osgeo import ogr, osr
from qgis.core import QgsProcessingOutputLayerDefinition

from ...providers.sensors.iso_times import format_utc_ms
from ...toolbelt.atomic import atomic_path
from ..ogr_arrays import SPATIAL_INDEX_MAX_FEATURES

#: Rows inserted by one SQLite statement (``INSERT ... VALUES (...), (...), ...``).
ROWS_PER_INSERT = 50
_OGR_TYPES = {"string": ogr.OFTString, "datetime": ogr.OFTDateTime, "double": ogr.OFTReal}


class WriteCancelled(Exception):  # noqa: N818
    """The user cancelled while the GeoPackage was written (the temporary file is removed)."""


def gpkg_target(parameters, name: str = "OUTPUT") -> Optional[Path]:
    """The GeoPackage file of the output when it is a plain new file, else None (then the sink is used)."""
    value = parameters.get(name)
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        sink = value.sink.staticValue() if hasattr(value.sink, "staticValue") else value.sink
        text = str(sink)
    else:
        text = str(value or "")
    if text.lower().endswith(".gpkg") and "|" not in text and not text.startswith(("memory:", "ogr:")):
        return Path(text)
    return None


def iso_column(values) -> list:
    """UTC milliseconds (None for missing) → GeoPackage date-time text ``YYYY-MM-DDTHH:MM:SS.sssZ`` (vectorised)."""
    return format_utc_ms(values)


def _sql_literal(value) -> Optional[str]:
    """``value`` as an SQLite literal when it can be written in the statement itself (text, NULL), else None."""
    if value is None:
        return "NULL"
    if type(value) is str and len(value) <= 200 and "\x00" not in value:  # short: the statement stays small
        return "'" + value.replace("'", "''") + "'"
    if type(value) is bytes and len(value) <= 200:
        return f"X'{value.hex()}'"
    return None


def _insert_page(connection, table: str, names: list, columns: list) -> None:
    """Insert one page given as columns. A column holding one text (or NULL, or blob) in every row of the page is
    written in the statement (binding the same value a million times is what costs most), a column equal to an
    earlier one reuses its parameter number, and each statement inserts :data:`ROWS_PER_INSERT` rows (one SQLite
    step per row costs about five times more)."""
    expressions, bound = [], []
    for column in columns:
        first = column[0]
        literal = _sql_literal(first) if column.count(first) == len(column) else None
        if literal is not None:
            expressions.append(literal)
            continue
        same = next((number for number, other in enumerate(bound) if other is column), None)
        if same is None:
            bound.append(column)
            same = len(bound) - 1
        expressions.append(same)
    width = len(bound)
    targets = ", ".join(f'"{name}"' for name in names)

    def statement(rows: int) -> str:
        values = ", ".join(
            "(" + ", ".join(e if isinstance(e, str) else f"?{row * width + e + 1}" for e in expressions) + ")"
            for row in range(rows)
        )
        return f'INSERT INTO "{table}" ({targets}) VALUES {values}'

    count = len(columns[0])
    whole = count - count % ROWS_PER_INSERT
    if width == 0:
        parameters = [()] * (whole // ROWS_PER_INSERT)
        rest = []
    else:
        flat = list(chain.from_iterable(zip(*bound)))
        step = ROWS_PER_INSERT * width
        parameters = [flat[i : i + step] for i in range(0, whole * width, step)]
        rest = flat[whole * width :]
    if parameters:
        connection.executemany(statement(ROWS_PER_INSERT), parameters)
    if count > whole:
        connection.execute(statement(count - whole), rest)


def _point_blob(srs_id: int, x: float, y: float) -> bytes:
    """GeoPackage binary point: header (magic, version 0, flags: little-endian, no envelope), srs id, WKB point."""
    return b"GP\x00\x01" + struct.pack("<i", srs_id) + struct.pack("<BIdd", 1, 1, x, y)


def write_gpkg(target: Path, spec, pages, points: Optional[dict], key_index: int, feedback, total: int) -> str:
    """Write pages (each a list of columns, see ``Spool.column_pages``) into a new GeoPackage layer named after the
    file; ``points`` maps a row's ``key_index`` value to ``(x, y)`` in EPSG:4326
    (None: a table without geometry). Returns the QGIS source of the layer."""
    layer_name = target.stem
    names = [name for name, _ in spec]
    time_columns = [i for i, (_n, kind) in enumerate(spec) if kind == "datetime"]
    written = 0
    bounds = [None, None, None, None]
    with atomic_path(target) as tmp:
        dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(tmp))
        srs = None
        if points is not None:
            srs = osr.SpatialReference()
            srs.ImportFromEPSG(4326)
        options = ["SPATIAL_INDEX=NO", "GEOMETRY_NAME=geom"] if points is not None else []
        layer = dataset.CreateLayer(layer_name, srs, ogr.wkbPoint if points is not None else ogr.wkbNone, options)
        for name, kind in spec:
            layer.CreateField(ogr.FieldDefn(name, _OGR_TYPES[kind]))
        dataset = None
        connection = sqlite3.connect(str(tmp))
        try:
            # A temporary file renamed at the end (toolbelt.atomic): no journal is needed to stay consistent.
            connection.execute("PRAGMA synchronous = OFF")
            connection.execute("PRAGMA journal_mode = OFF")
            # Rows are appended at the end of the table: a small page cache is enough (and keeps memory flat).
            connection.execute("PRAGMA cache_size = -8192")
            blobs = {}
            if points is not None:
                srs_id = connection.execute(
                    "SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = ?", (layer_name,)
                ).fetchone()[0]
                for key, xy in points.items():
                    if xy is not None:
                        blobs[key] = _point_blob(srs_id, *xy)
                        x, y = xy
                        bounds = [
                            x if bounds[0] is None else min(bounds[0], x),
                            y if bounds[1] is None else min(bounds[1], y),
                            x if bounds[2] is None else max(bounds[2], x),
                            y if bounds[3] is None else max(bounds[3], y),
                        ]
            # GDAL's feature-count trigger runs an UPDATE per inserted row: set the count once at the end instead.
            triggers = connection.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name LIKE "
                "'trigger_insert_feature_count_%'",
                (layer_name,),
            ).fetchall()
            for name, _sql in triggers:
                connection.execute(f'DROP TRIGGER "{name}"')
            for columns_values in pages:
                if feedback.isCanceled():
                    raise WriteCancelled()
                if not columns_values or not columns_values[0]:
                    continue
                size = len(columns_values[0])
                formatted = []  # (milliseconds, text) of the time columns already done
                for i in time_columns:
                    ms = columns_values[i]
                    # an instant: observed_end is observed_at, formatted once (and bound once, see _insert)
                    columns_values[i] = next((text for done, text in formatted if done == ms), None)
                    if columns_values[i] is None:
                        columns_values[i] = iso_column(ms)
                        formatted.append((ms, columns_values[i]))
                if points is not None:
                    keys = columns_values[key_index]
                    first = keys[0]
                    if keys.count(first) == len(keys):  # one series, one place: one blob for the page
                        columns_values.insert(0, [blobs.get(first)] * len(keys))
                    else:
                        columns_values.insert(0, [blobs.get(key) for key in keys])
                _insert_page(connection, layer_name, (["geom"] if points is not None else []) + names, columns_values)
                written += size
                if total:
                    feedback.setProgress(50 + 50 * written / total)
            if points is not None and bounds[0] is not None:
                connection.execute(
                    "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?",
                    (*bounds, layer_name),
                )
            for _name, trigger_sql in triggers:
                connection.execute(trigger_sql)
            connection.execute(
                "UPDATE gpkg_ogr_contents SET feature_count = ? WHERE lower(table_name) = lower(?)",
                (written, layer_name),
            )
            connection.commit()
        finally:
            connection.close()
        if points is not None and written <= SPATIAL_INDEX_MAX_FEATURES:
            dataset = ogr.Open(str(tmp), 1)
            dataset.ExecuteSQL(f"SELECT CreateSpatialIndex('{layer_name}', 'geom')")
            dataset = None
    return f"{target}|layername={layer_name}"

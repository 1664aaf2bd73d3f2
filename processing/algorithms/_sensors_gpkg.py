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
from pathlib import Path
from typing import Optional

import numpy as np
from osgeo import ogr, osr
from qgis.core import QgsProcessingOutputLayerDefinition

from ...toolbelt.atomic import atomic_path
from ..ogr_arrays import SPATIAL_INDEX_MAX_FEATURES

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
    missing = [v is None for v in values]
    array = np.array([0 if v is None else v for v in values], dtype="int64").astype("datetime64[ms]")
    texts = np.char.add(array.astype(str), "Z").tolist()
    if any(missing):
        texts = [None if m else t for t, m in zip(texts, missing)]
    return texts


def _point_blob(srs_id: int, x: float, y: float) -> bytes:
    """GeoPackage binary point: header (magic, version 0, flags: little-endian, no envelope), srs id, WKB point."""
    return b"GP\x00\x01" + struct.pack("<i", srs_id) + struct.pack("<BIdd", 1, 1, x, y)


def write_gpkg(target: Path, spec, pages, points: Optional[dict], key_index: int, feedback, total: int) -> str:
    """Write row pages into a new GeoPackage layer named after the file; ``points`` maps a row's ``key_index``
    value to ``(x, y)`` in EPSG:4326 (None: a table without geometry). Returns the QGIS source of the layer."""
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
            connection.execute("PRAGMA cache_size = -65536")
            columns = ", ".join(f'"{n}"' for n in names)
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
                sql = f'INSERT INTO "{layer_name}" (geom, {columns}) VALUES (?, {", ".join("?" * len(names))})'
            else:
                sql = f'INSERT INTO "{layer_name}" ({columns}) VALUES ({", ".join("?" * len(names))})'
            # GDAL's feature-count trigger runs an UPDATE per inserted row: set the count once at the end instead.
            triggers = connection.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name LIKE "
                "'trigger_insert_feature_count_%'",
                (layer_name,),
            ).fetchall()
            for name, _sql in triggers:
                connection.execute(f'DROP TRIGGER "{name}"')
            for rows in pages:
                if feedback.isCanceled():
                    raise WriteCancelled()
                if not rows:
                    continue
                columns_values = [list(c) for c in zip(*rows)]
                for i in time_columns:
                    columns_values[i] = iso_column(columns_values[i])
                if points is not None:
                    columns_values.insert(0, [blobs.get(key) for key in columns_values[key_index]])
                connection.executemany(sql, zip(*columns_values))
                written += len(rows)
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

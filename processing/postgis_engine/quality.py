"""The geometry checks of ``quality_report`` run inside PostGIS: the database finds the rows that can have a finding
(SQL of :mod:`terridata.core.quality.geometry_sql`), QGIS reads only those rows and words the findings with the
desktop's own code (``_quality_geometry``), so that the report is the desktop engine's.

:func:`quality_in_database` decides (the ENGINE choice, then :func:`.zones.database_layer`: a plain PostGIS table
read whole) and says why not otherwise. For gaps and overlaps, the database finds the polygons with an edge no
neighbour shares (the desktop's candidates); QGIS reads only those, and runs the desktop's overlap and gap search on
them, asking the database whether a gap is covered by another polygon.
"""

from __future__ import annotations

from qgis.core import QgsFeatureRequest, QgsGeometry, QgsProcessingException, QgsWkbTypes
from qgis.PyQt.QtCore import QVariant

from ...core.quality.geometry_sql import (
    covered_sql,
    duplicates_sql,
    missing_sql,
    outside_extent_sql,
    unshared_edges_sql,
    validity_candidates_sql,
)
from ...providers.postgis.connection import PostgisError, PostgisLayer, execute
from ...toolbelt.i18n import tr
from ..algorithms._outputs_together import CancelledError
from ..algorithms._quality_geometry import (
    SKIP_VALIDITY_CHECKS,
    LayerData,
    crs_area_check,
    crs_extent,
    duplicate_check,
    edge_quantum,
    partition_check,
    polygon_only,
    validate_one,
    validity_notes,
    validity_results,
)
from .zones import DESKTOP, database_layer, desktop_or_refuse


def quality_in_database(alg, parameters, context, engine: int, feedback) -> PostgisLayer | None:
    """The :class:`PostgisLayer` of the input when its geometry checks run in the database, else None (the log says
    why when the input is a PostgreSQL layer); a forced database engine that cannot run is refused."""
    if engine == DESKTOP:
        return None
    layer, pg, reason = database_layer(alg, parameters, context, "INPUT")
    if pg is not None:
        index = layer.fields().lookupField(pg.table.key)
        kind = layer.fields().field(index).type() if index >= 0 else None
        if kind not in (QVariant.Int, QVariant.LongLong):
            pg, reason = None, tr("{}: its key column is not an integer field", layer.name())
        elif QgsWkbTypes.isCurvedType(layer.wkbType()):
            pg, reason = None, tr("{}: curved geometries", layer.name())
    if pg is None:
        desktop_or_refuse(engine, reason, [layer], feedback)
        return None
    feedback.pushInfo(tr("Database engine: the geometry checks run in {}.", pg.label))
    return pg


def _keys(pg: PostgisLayer, sql: str, feedback) -> list:
    """The first column of the rows of ``sql``; CancelledError when the user cancelled (the statement is stopped on
    the server), QgsProcessingException when the database fails."""
    try:
        return [r[0] for r in execute(pg, sql, feedback)]
    except PostgisError as exc:
        if feedback.isCanceled():
            raise CancelledError() from None
        raise QgsProcessingException(str(exc)) from None


def fetch_geometries(source, data: LayerData, fids, tick) -> None:
    """Fill ``data.geometries`` for the features ``fids`` (those not read yet), read through QGIS's source as the
    desktop engine reads them."""
    position = {fid: i for i, fid in enumerate(data.ids)}
    wanted = sorted({fid for fid in fids if fid in position and data.geometries[position[fid]] is None})
    if not wanted:
        return
    request = QgsFeatureRequest().setFilterFids(wanted).setNoAttributes()
    for k, feat in enumerate(source.getFeatures(request, SKIP_VALIDITY_CHECKS)):
        if k % 1000 == 0:
            tick()
        g = feat.geometry()
        data.geometries[position[feat.id()]] = None if g is None or g.isNull() or g.isEmpty() else g


def database_geometry_checks(
    report, pg: PostgisLayer, source, data: LayerData, crs, transform_context, tick, locations, feedback
) -> None:
    """The checks of the desktop's ``geometry_checks`` (same results, same order, same words), the rows to look at
    found by the database. ``data`` was read without geometries."""
    ids, n = data.ids, len(data.ids)
    position = {fid: i for i, fid in enumerate(ids)}
    t = pg.table

    def positions(sql):
        return sorted({position[int(k)] for k in _keys(pg, sql, feedback) if int(k) in position})

    missing = positions(missing_sql(t))
    tick(25)
    candidates = positions(validity_candidates_sql(t))
    tick(40)
    groups = []
    for keys in _keys(pg, duplicates_sql(t), feedback):
        group = sorted(position[int(k)] for k in str(keys).split(",") if int(k) in position)
        if len(group) > 1:
            groups.append(group)
    groups.sort(key=lambda g: g[0])  # the desktop's order: by first feature read
    tick(45)
    extent = crs_extent(crs, transform_context)
    outside = positions(outside_extent_sql(t, extent)) if extent is not None else []
    tick(48)
    fetch_geometries(source, data, [ids[i] for i in candidates + outside + [k for g in groups for k in g]], tick)

    checks = validity_results(report, n)
    data.geos_valid = valid = [True] * n
    for i in sorted(set(missing) | set(candidates)):
        valid[i] = validate_one(checks, ids[i], data.geometries[i], locations)
    validity_notes(checks, n)
    tick(52)
    duplicate_check(report, data, locations, groups)
    tick(55)
    around = LayerData(
        [ids[i] for i in outside], {}, [data.geometries[i] for i in outside], [], None, data.geometry_type
    )
    around.bounds = data.bounds[outside] if len(outside) else data.bounds[:0]
    for k, g in enumerate(around.geometries):
        if g is not None:
            r = g.boundingBox()
            around.bounds[k] = (r.xMinimum(), r.yMinimum(), r.xMaximum(), r.yMaximum())
    crs_area_check(report, around, crs, transform_context, locations)
    report.checks[-1].checked = n


def database_partition_check(
    report, pg: PostgisLayer, source, data: LayerData, crs, transform_context, tolerance, tick, locations, feedback
) -> None:
    """The desktop's ``partition_check`` (same results), its candidates found by the database."""
    ids, n = data.ids, len(data.ids)
    position = {fid: i for i, fid in enumerate(ids)}
    t = pg.table
    if data.geos_valid is None:  # the geometry checks were not asked: which polygons are invalid
        rows = [position[int(k)] for k in _keys(pg, validity_candidates_sql(t), feedback) if int(k) in position]
        fetch_geometries(source, data, [ids[i] for i in rows], tick)
        invalid = sorted(i for i in rows if data.geometries[i] is not None and not data.geometries[i].isGeosValid())
    else:
        invalid = [i for i, ok in enumerate(data.geos_valid) if not ok and data.geometries[i] is not None]
    repaired = {i: polygon_only(data.geometries[i].makeValid()) for i in invalid}
    hexes = [(ids[i], bytes(g.asWkb()).hex()) for i, g in repaired.items() if not g.isEmpty()]
    tick(57)
    try:
        rows = execute(pg, unshared_edges_sql(t, edge_quantum(crs), hexes, [ids[i] for i in invalid]), feedback)
    except PostgisError as exc:
        if feedback.isCanceled():
            raise CancelledError() from None
        raise QgsProcessingException(str(exc)) from None
    candidates, share = [], 0.0
    for kind, value, total in rows:
        if kind == "s":
            share = int(value) / int(total) if int(total or 0) else 0.0
        elif int(value) in position:
            candidates.append(position[int(value)])
    candidates.sort()
    fetch_geometries(source, data, [ids[i] for i in candidates], tick)
    fixed = [QgsGeometry()] * n
    for i in candidates:
        if data.geometries[i] is not None:
            fixed[i] = data.geometries[i]
    for i, g in repaired.items():
        fixed[i] = g
    given = set(candidates) | set(invalid)

    def covered_elsewhere(point) -> bool:
        sql = covered_sql(t, bytes(point.asWkb()).hex(), [ids[i] for i in sorted(given)])
        return int(_keys(pg, sql, feedback)[0]) == 1

    found = (fixed, candidates, share, covered_elsewhere)
    partition_check(report, data, crs, transform_context, tolerance, tick, locations, found)

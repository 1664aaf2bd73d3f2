"""``aggregate_points_to_zones`` run inside PostGIS: the (zone, point) pairs and the statistics are computed by the
database (SQL of :mod:`terridata.core.aggregation.pushdown_sql`), only one row per zone comes back.

:func:`database_inputs` decides whether the push-down can read exactly what the desktop engine reads (both layers
plain PostGIS tables of one database, read whole: no unsaved edits, joins, virtual fields, selection, feature limit
or filter expression), and says why not otherwise. :func:`zone_statistics` runs it and returns the statistic
columns in the form of the desktop's ``compute_statistics`` (same names, types, values), for the zones in the order
of the features the algorithm writes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from qgis.core import (
    QgsFields,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingUtils,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ...core.aggregation.pushdown_sql import (
    ZonesQuery,
    aggregation_script,
    invalid_zones_sql,
    point_totals_sql,
    quote_literal,
)
from ...providers.postgis.connection import PostgisError, PostgisLayer, execute, postgis_layer
from ...toolbelt.i18n import tr

MAX_CATEGORIES = 200  # as the desktop engine (core.aggregation.stats.category_counts)


@dataclass
class DatabaseInputs:
    zones: PostgisLayer
    points: PostgisLayer
    points_indexed: bool = True


@dataclass
class DatabaseResult:
    columns: list  # [(name, QVariant type, array)] as compute_statistics
    points_in_zones: int
    points_outside: int
    without_geometry: int


def _read_whole(layer, definition) -> str:
    """Why QGIS's feature source of ``layer`` would not give the table's rows as they are ("" when it does)."""
    if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
        return tr("the layer is not valid")
    if layer.isModified():
        return tr("the layer has unsaved edits")
    if layer.vectorJoins():
        return tr("the layer has joins")
    fields = layer.fields()
    if any(fields.fieldOrigin(i) != QgsFields.OriginProvider for i in range(fields.count())):
        return tr("the layer has virtual fields")
    if definition is not None and (
        definition.selectedFeaturesOnly
        or getattr(definition, "featureLimit", -1) not in (-1, None)
        or getattr(definition, "filterExpression", "")
    ):
        return tr("only part of the layer is used (selection, feature limit or filter)")
    return ""


def database_layer(alg, parameters, context, name, need_geometry: bool = True):
    """``(layer, PostgisLayer, "")`` when input ``name`` is a PostGIS table read whole, else
    ``(layer, None, reason)``."""
    value = parameters.get(name)
    definition = value if isinstance(value, QgsProcessingFeatureSourceDefinition) else None
    layer = alg.parameterAsVectorLayer(parameters, name, context)
    if layer is None and definition is not None:  # QGIS 3.22 gives no layer for a source definition
        layer = QgsProcessingUtils.mapLayerFromString(definition.source.staticValue(), context)
    pg, reason = postgis_layer(layer, need_geometry)
    if pg is None:
        return layer, None, tr("{}: {}", layer.name() if layer is not None else name, reason)
    reason = _read_whole(layer, definition)
    if reason:
        return layer, None, tr("{}: {}", layer.name(), reason)
    return layer, pg, ""


def database_inputs(alg, parameters, context, names, category: str = ""):
    """``(DatabaseInputs, "")`` when the push-down can run on the inputs ``names`` (points, zones), else
    ``(None, reason)``."""
    found = []
    for name in names:
        layer, pg, reason = database_layer(alg, parameters, context, name)
        if pg is None:
            return None, reason
        found.append((layer, pg))
    (points_layer, points), (zones_layer, zones) = found
    if points.database != zones.database:
        return None, tr("the points ({}) and the zones ({}) are in two different databases", points.label, zones.label)
    if QgsWkbTypes.isCurvedType(zones_layer.wkbType()):
        return None, tr("{}: curved zone geometries", zones_layer.name())
    if zones_layer.fields().lookupField(zones.table.key) < 0:
        return None, tr("{}: its key column is not one of its fields", zones_layer.name())
    if category:
        index = points_layer.fields().lookupField(category)
        kind = points_layer.fields().field(index).type() if index >= 0 else None
        if kind not in (QVariant.String, QVariant.Int, QVariant.LongLong):
            return None, tr("the category field {} is neither text nor integer", category)
    return DatabaseInputs(zones, points), ""


def check_database(inputs: DatabaseInputs, feedback) -> bool:
    """PostGIS 3.2 or later (ST_DumpSegments) is required; a table without spatial index is warned about.
    Returns whether the points have a spatial index."""
    rows = execute(inputs.zones, "SELECT postgis_lib_version()", feedback)
    version = tuple(int(p) for p in str(rows[0][0]).split(".")[:2] if p.isdigit())
    if version < (3, 2):
        raise PostgisError(
            tr(
                "The database {} has PostGIS {}: the database engine needs 3.2 or later.",
                inputs.zones.label,
                rows[0][0],
            )
        )
    indexed = {}
    for pg in (inputs.points, inputs.zones):
        t = pg.table
        sql = (
            "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_class ic ON ic.oid = i.indexrelid "
            "JOIN pg_am am ON am.oid = ic.relam JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey) "
            f"WHERE n.nspname = {quote_literal(t.schema or 'public')} AND c.relname = {quote_literal(t.table)} "
            f"AND a.attname = {quote_literal(t.geometry)} AND am.amname IN ('gist', 'spgist', 'brin')"
        )
        indexed[pg is inputs.points] = int(execute(pg, sql, feedback)[0][0]) > 0
        if not indexed[pg is inputs.points]:
            feedback.pushWarning(
                tr(
                    "The table {} of {} has no spatial index on {}: the database engine still gives the right "
                    "result, more slowly. Create one: CREATE INDEX ON {} USING GIST ({}).",
                    t.table,
                    pg.label,
                    t.geometry,
                    t.qualified,
                    '"' + t.geometry.replace('"', '""') + '"',
                )
            )
    return indexed[True]


def zone_statistics(inputs, zone_keys, request, invalid_mode, invalid_keys, feedback) -> DatabaseResult:
    """Run the push-down; ``zone_keys`` are the key values (text) of the output zones, in output order;
    ``invalid_keys`` those of the zones QGIS found invalid (modes 1 and 2). In mode 0 the database lists the invalid
    zones itself: they are used as they are, by the even-odd rule, as on the desktop."""
    if invalid_mode == 0:
        invalid_keys = [str(r[0]) for r in execute(inputs.zones, invalid_zones_sql(inputs.zones.table), feedback)]
    query = ZonesQuery(
        zones=inputs.zones.table,
        points=inputs.points.table,
        fields=list(request.fields),
        statistics=list(request.statistics) if request.fields else [],
        weight=request.weight,
        category=request.category,
        invalid_mode=invalid_mode,
        invalid_keys=tuple(invalid_keys),
    )
    totals = execute(inputs.points, point_totals_sql(inputs.points.table), feedback)[0]
    rows = execute(inputs.zones, aggregation_script(query, inputs.points_indexed), feedback)
    return statistic_columns(query, zone_keys, rows, [int(v or 0) for v in totals])


def statistic_columns(query: ZonesQuery, zone_keys, rows, totals) -> DatabaseResult:
    n = len(zone_keys)
    position = {k: i for i, k in enumerate(zone_keys)}
    stats = [(f, s) for f in query.fields for s in query.statistics]
    count = np.zeros(n, dtype=np.int64)
    values = [np.full(n, 0.0 if s in ("count", "sum") else np.nan) for _, s in stats]
    by_category = {}
    n_in = 0
    for row in rows:
        kind, zid, cat, points = row[0], row[1], row[2], row[3]
        if kind == "t":
            n_in = int(points)
            continue
        i = position.get(str(zid))
        if i is None:
            continue  # a zone QGIS does not show (cannot happen when both read the same table)
        if kind == "z":
            count[i] = int(points)
            for j, v in enumerate(row[4:]):
                values[j][i] = np.nan if v is None else float(v)
        else:
            by_category.setdefault(cat, np.zeros(n, dtype=np.int64))[i] = int(points)
    columns = [("count", QVariant.Int, count)]
    for (f, s), arr in zip(stats, values):
        if s == "count":
            columns.append((f"{f}_{s}", QVariant.Int, arr.astype(np.int64)))
        else:
            columns.append((f"{f}_{s}", QVariant.Double, arr))
    if query.category:
        if len(by_category) > MAX_CATEGORIES:
            raise PostgisError(
                tr(
                    "The category field {} has too many distinct values ({}): choose a field with categories.",
                    query.category,
                    f"{len(by_category)} distinct categories: at most {MAX_CATEGORIES} are supported",
                )
            )
        labels = sorted(by_category, key=lambda c: (c is not None, c or ""))
        for label in labels:
            name = f"{query.category}_{'null' if label is None else label}"
            columns.append((name, QVariant.Int, by_category[label]))
    features, without, usable = totals
    return DatabaseResult(columns, n_in, usable - n_in, without)


AUTOMATIC, DESKTOP, DATABASE = 0, 1, 2


def in_database(alg, parameters, context, request, feedback):
    """The :class:`DatabaseInputs` when the run goes to the database (the ENGINE choice, then what the inputs
    allow), else None; says in the log why the desktop engine is used, and refuses a forced database engine
    that cannot run."""
    engine = request.engine
    if engine == DESKTOP:
        return None
    inputs, reason = database_inputs(alg, parameters, context, ("INPUT", "ZONES"), request.points.category)
    if inputs is not None:
        try:
            inputs.points_indexed = check_database(inputs, feedback)
        except PostgisError as exc:
            if engine == DATABASE:
                raise QgsProcessingException(str(exc)) from None
            inputs, reason = None, str(exc)
    if inputs is None:
        layers = [alg.parameterAsVectorLayer(parameters, name, context) for name in ("INPUT", "ZONES")]
        desktop_or_refuse(engine, reason, layers, feedback)
        return None
    feedback.pushInfo(tr("Database engine: the aggregation runs in {}.", inputs.zones.label))
    return inputs


def desktop_or_refuse(engine: int, reason: str, layers, feedback) -> None:
    """The database engine cannot run (``reason``): refuse a forced database engine, else say in the log why the
    desktop engine runs when one of ``layers`` is a PostgreSQL layer (shared by every push-down)."""
    if engine == DATABASE:
        raise QgsProcessingException(
            tr("The database engine cannot run: {}. Choose the automatic or desktop engine.", reason)
        )
    if reason and any(isinstance(layer, QgsVectorLayer) and layer.providerType() == "postgres" for layer in layers):
        feedback.pushInfo(tr("Desktop engine: {}.", reason))

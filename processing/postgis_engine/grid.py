"""``aggregate_points_to_grid`` run inside PostGIS: the points are placed on their grid, binned into cells and
summarised by the database (SQL of :mod:`terridata.core.aggregation.grid_sql`); one row per non-empty cell comes
back.

:func:`grid_in_database` decides, with the helpers of :mod:`.zones` (a PostGIS table read whole, the ENGINE
choice and its messages), whether the run goes to the database. :func:`grid_cells` runs it and returns the cells
(corners, grid EPSG, INSEE ids, in the desktop's order) and the statistic columns in the form of the desktop's
``compute_statistics``, for the algorithm's own writers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from qgis.core import QgsProcessingException, QgsRectangle
from qgis.PyQt.QtCore import QVariant

from ...core import territory_crs
from ...core.aggregation.grid_sql import EUROPE, GridQuery, aggregation_script, summary_sql
from ...core.inspire_grid import cell_ids
from ...providers.postgis.connection import PostgisError, PostgisLayer, execute
from ...toolbelt.i18n import tr
from ..territory_defaults import GridPlacement, GridPoints, parts_of_rectangle
from .zones import DATABASE, DESKTOP, database_layer, desktop_or_refuse, statistic_columns


@dataclass
class DatabaseCells:
    """The non-empty cells (sorted as the desktop sorts them: grids in the order of ``placement``, then east,
    then north), their statistic columns, and the counts of the run."""

    east: np.ndarray
    north: np.ndarray
    epsg: np.ndarray
    ids: np.ndarray
    epsgs: list
    columns: list  # [(name, QVariant type, array)] as compute_statistics
    points: int  # points counted in a cell
    without_geometry: int
    placement: GridPlacement  # the grids met and the points outside them, for the desktop's messages


def grid_in_database(alg, parameters, context, engine: int, category: str, feedback) -> PostgisLayer | None:
    """The points' :class:`PostgisLayer` when the run goes to the database (the ENGINE choice, then what the
    input allows), else None; says in the log why the desktop engine is used, and refuses a forced database
    engine that cannot run (same rules and messages as :func:`.zones.in_database`)."""
    if engine == DESKTOP:
        return None
    layer, pg, reason = database_layer(alg, parameters, context, "INPUT")
    if pg is not None and category:
        index = layer.fields().lookupField(category)
        kind = layer.fields().field(index).type() if index >= 0 else None
        if kind not in (QVariant.String, QVariant.Int, QVariant.LongLong):
            pg, reason = None, tr("the category field {} is neither text nor integer", category)
    if pg is not None:
        try:
            execute(pg, "SELECT postgis_lib_version()", feedback)
        except PostgisError as exc:
            if engine == DATABASE:
                raise QgsProcessingException(str(exc)) from None
            pg, reason = None, str(exc)
    if pg is None:
        desktop_or_refuse(engine, reason, [layer], feedback)
        return None
    feedback.pushInfo(tr("Database engine: the aggregation runs in {}.", pg.label))
    return pg


def grid_cells(points: PostgisLayer, request, size: int, crs, transform_context, feedback) -> DatabaseCells:
    """Run the push-down for the PointRequest ``request`` (its points are the table of ``points``, in ``crs``)
    with cells of ``size`` metres. PostgisError when the database fails or the run is cancelled."""
    query = GridQuery(
        points=points.table,
        size=int(size),
        fields=list(request.fields),
        statistics=list(request.statistics) if request.fields else [],
        weight=request.weight,
        category=request.category,
    )
    xmin, ymin, xmax, ymax, *totals, negative = execute(points, summary_sql(query), feedback)[0]
    if negative:
        raise PostgisError(
            tr("The weight field {} has negative values: weights must be zero or positive.", request.weight)
        )
    overseas = False
    if xmin is not None:
        # The desktop's rule (place_on_grids): the extent of the usable points decides whether any may be overseas.
        met = parts_of_rectangle(QgsRectangle(xmin, ymin, xmax, ymax), crs, transform_context)
        overseas = any(p.grid_epsg != EUROPE for p in (territory_crs.PARTS if met is None else met))
    query = replace(query, overseas=overseas)
    rows = execute(points, aggregation_script(query), feedback)
    part_rows = [r for r in rows if r[0] == "p"]
    rows = [r for r in rows if r[0] != "p"]
    keys = [tuple(int(v) for v in str(r[1]).split(" ")) for r in rows if r[0] == "z"]
    # Grids as the desktop orders them: EPSG:3035 first, then the overseas grids by EPSG code; cells by east, north.
    keys.sort(key=lambda k: (k[0] != EUROPE, k[0], k[1], k[2]))
    zone_keys = [f"{e} {ix} {iy}" for e, ix, iy in keys]
    result = statistic_columns(query.statistics_query(), zone_keys, rows, [int(v or 0) for v in totals])
    in_cells = int(np.sum(result.columns[0][2]))  # a point is in one cell: the sum of the counts
    epsg = np.array([k[0] for k in keys], dtype=np.int64)
    east = np.array([k[1] for k in keys], dtype=np.int64) * int(size)
    north = np.array([k[2] for k in keys], dtype=np.int64) * int(size)
    epsgs = sorted(set(epsg.tolist()), key=lambda e: (e != EUROPE, e))
    ids = np.empty(len(keys), dtype=object)
    for code in epsgs:
        mask = epsg == code
        ids[mask] = cell_ids(east[mask], north[mask], size, code)
    return DatabaseCells(
        east, north, epsg, ids, epsgs, result.columns, in_cells, result.without_geometry,
        _placement(epsgs, part_rows, in_cells, int(totals[2] or 0) - in_cells),
    )  # fmt: skip


def _placement(epsgs, part_rows, points: int, outside: int) -> GridPlacement:
    """The desktop's GridPlacement of the grids met: their parts of France and numbers of points (the points
    themselves stay in the database: ``index`` only has their number as its length)."""
    parts = {e: [] for e in epsgs}
    counts = {e: 0 for e in epsgs}
    for _kind, code, part, n, *_ in part_rows:
        parts[int(code)].append(int(part))
        counts[int(code)] += int(n)
    grids = []
    for code in epsgs:
        members = [territory_crs.PARTS[i] for i in sorted(parts[code])] if code != EUROPE else [territory_crs.METROPOLE]
        n = counts[code] if part_rows else points
        empty = np.empty(0)
        grids.append(GridPoints(code, members, np.broadcast_to(np.int8(0), (n,)), empty, empty))
    return GridPlacement(grids, outside)

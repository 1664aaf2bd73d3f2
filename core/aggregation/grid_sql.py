"""SQL of the PostGIS engine of ``aggregate_points_to_grid`` (pure: builds text, runs nothing).

The points of one table are put on the grid of the part of France they lie in, as the desktop engine does
(:func:`terridata.processing.territory_defaults.place_on_grids`): EPSG:3035 inside its area of use
(:data:`terridata.core.inspire_grid.DOMAIN_EAST_MIN` …), the local CRS of an overseas part when its
longitude/latitude falls in that part's box (:data:`terridata.core.territory_crs.PARTS`, first box first). Points
are transformed by PostGIS (``ST_Transform``) when the table's SRID is not the grid's. A point's cell is
``floor(x / size)``, ``floor(y / size)`` in float8 arithmetic, as numpy bins on the desktop
(:func:`terridata.core.inspire_grid.pack_cells`): a point on a cell's west or south edge is in that cell.

The (cell, point) rows go into the work table of the zones push-down (:data:`.pushdown_sql.PAIRS`, the cell as
its ``zid``: ``"<epsg> <east index> <north index>"``), so the statistics are those of
:func:`.pushdown_sql.result_sql`, the SQL already held equal to the desktop's ``compute_statistics``. Every
identifier and value goes through the quoting helpers of :mod:`.pushdown_sql`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..inspire_grid import DOMAIN_EAST_MAX, DOMAIN_EAST_MIN, DOMAIN_NORTH_MAX, DOMAIN_NORTH_MIN
from ..territory_crs import PARTS
from .pushdown_sql import (
    PAIRS,
    TableRef,
    ZonesQuery,
    finite_sql,
    float_literal,
    point_source,
    quote_identifier,
    result_sql,
    value_sql,
)

EUROPE = 3035  # the grid of metropolitan France and Europe (INSEE's)
WGS84 = 4326


@dataclass(frozen=True)
class GridQuery:
    """What the push-down computes (same meaning as the desktop parameters). ``overseas``: the points' extent
    meets an overseas part of France, so each point is placed by its longitude/latitude first."""

    points: TableRef
    size: int
    fields: list = field(default_factory=list)
    statistics: list = field(default_factory=list)
    weight: str = ""
    category: str = ""
    overseas: bool = False

    def statistics_query(self) -> ZonesQuery:
        """The statistics part as the zones push-down's query (its SQL reads only fields, statistics, weight,
        category)."""
        return ZonesQuery(
            zones=self.points,
            points=self.points,
            fields=list(self.fields),
            statistics=list(self.statistics),
            weight=self.weight,
            category=self.category,
        )


def _transform(geom: str, source_srid: int, target: int) -> str:
    return geom if int(source_srid) == int(target) else f"ST_Transform({geom}, {int(target)})"


def _point_rows(q: GridQuery) -> str:
    """SELECT of the usable points (one row per part of a multipoint) with their values. A point lies in one cell
    only, so no point id is kept (``pid`` stays NULL): the points in cells are the sum of the cells' counts."""
    source, _raw, geom, _pid = point_source(q.statistics_query())
    columns = ["NULL::text AS pid", f"{geom} AS pt"]
    columns += [f"{value_sql(f)} AS v{i}" for i, f in enumerate(q.fields)]
    if q.weight:
        columns.append(f"{value_sql(q.weight)} AS w")
    if q.category:
        columns.append(f"NULLIF(p.{quote_identifier(q.category)}::text, '') AS c")
    return f"SELECT {', '.join(columns)} FROM {source} WHERE {q.points.where('p')} AND {finite_sql(geom)}"


def summary_sql(q: GridQuery) -> str:
    """One row, in one pass over the table: ``xmin, ymin, xmax, ymax`` of the usable points (table SRID), the
    numbers of features, of features without a usable point (NULL or empty geometry, NaN or infinite
    coordinates), of usable points (each part of a multipoint), and of rows with a negative weight."""
    t = q.points
    geom = f"p.{quote_identifier(t.geometry)}"
    negative = f"p.{quote_identifier(q.weight)}::float8 < 0" if q.weight else "false"
    if t.multi:
        source = f"{t.qualified} AS p LEFT JOIN LATERAL ST_Dump({geom}) AS d ON true"
        geom, row = "d.geom", "p.ctid"
        features = "count(DISTINCT x.r)"
        counts = (
            f"{features}, {features} - count(DISTINCT x.r) FILTER (WHERE x.ok), count(*) FILTER (WHERE x.ok), "
            "count(DISTINCT x.r) FILTER (WHERE x.neg)"
        )
    else:
        source, row = f"{t.qualified} AS p", "NULL::tid"
        counts = (
            "count(*), count(*) FILTER (WHERE NOT x.ok), count(*) FILTER (WHERE x.ok), count(*) FILTER (WHERE x.neg)"
        )
    extent = ", ".join(
        f"{f}(ST_{c}(x.g)) FILTER (WHERE x.ok)" for f, c in (("min", "X"), ("min", "Y"), ("max", "X"), ("max", "Y"))
    )
    return (
        f"SELECT {extent}, {counts} FROM (SELECT {row} AS r, {geom} AS g, coalesce({finite_sql(geom)}, false) AS ok, "
        f"coalesce({negative}, false) AS neg FROM {source} WHERE {t.where('p')}) AS x"
    )


def _part_case(lon: str, lat: str) -> str:
    """Index in PARTS of the first part whose box holds ``lon``, ``lat`` (edges included), -1 outside all."""
    whens = []
    for i, part in enumerate(PARTS):
        x0, y0, x1, y1 = (float_literal(v) for v in part.box)
        whens.append(f"WHEN {lon} >= {x0} AND {lon} <= {x1} AND {lat} >= {y0} AND {lat} <= {y1} THEN {i}")
    return "CASE " + " ".join(whens) + " ELSE -1 END"


def pairs_sql(q: GridQuery) -> str:
    """CREATE TEMPORARY TABLE of the (cell, point) rows of the points inside a grid's area, with the values and
    the part of France of the point (index in PARTS; 0, metropolitan France, for the EPSG:3035 grid)."""
    srid = q.points.srid
    carried = ["pid"] + [f"v{i}" for i in range(len(q.fields))] + (["w"] if q.weight else [])
    carried += ["c"] if q.category else []
    keep = ", ".join(f"x.{c}" for c in carried)
    if not q.overseas:
        placed = (
            f"SELECT {keep}, 0 AS part, {EUROPE} AS epsg, {_transform('x.pt', srid, EUROPE)} AS g "
            f"FROM ({_point_rows(q)}) AS x"
        )
    else:
        overseas = [(i, p.grid_epsg) for i, p in enumerate(PARTS) if p.grid_epsg != EUROPE]
        located = (
            f"SELECT x.*, {_part_case('ST_X(x.ll)', 'ST_Y(x.ll)')} AS part "
            f"FROM (SELECT x.*, {_transform('x.pt', srid, WGS84)} AS ll FROM ({_point_rows(q)}) AS x OFFSET 0) AS x"
        )
        epsg = "CASE x.part " + " ".join(f"WHEN {i} THEN {e}" for i, e in overseas) + f" ELSE {EUROPE} END"
        transforms = " ".join(f"WHEN {e} THEN {_transform('x.pt', srid, e)}" for e in sorted({e for _, e in overseas}))
        placed = (
            f"SELECT {keep}, CASE WHEN y.epsg = {EUROPE} THEN 0 ELSE x.part END AS part, y.epsg, "
            f"CASE y.epsg {transforms} ELSE {_transform('x.pt', srid, EUROPE)} END AS g "
            f"FROM ({located} OFFSET 0) AS x CROSS JOIN LATERAL (SELECT {epsg} AS epsg) AS y"
        )
    size = float_literal(q.size)
    gx, gy = "ST_X(y.g)", "ST_Y(y.g)"
    domain = (
        f"{gx} >= {float_literal(DOMAIN_EAST_MIN)} AND {gx} <= {float_literal(DOMAIN_EAST_MAX)} "
        f"AND {gy} >= {float_literal(DOMAIN_NORTH_MIN)} AND {gy} <= {float_literal(DOMAIN_NORTH_MAX)}"
    )
    # Text compared byte by byte (C collation): grouping by cell sorts fast whatever the database's locale.
    cell = (
        f"(y.epsg::text || ' ' || floor({gx} / {size})::bigint::text || ' ' || floor({gy} / {size})::bigint::text) "
        'COLLATE "C"'
    )
    columns = ", ".join(f"y.{c}" for c in carried)
    return (
        f"CREATE TEMPORARY TABLE {PAIRS} ON COMMIT DROP AS SELECT {cell} AS zid, {columns}, y.epsg, y.part "
        f"FROM ({placed} OFFSET 0) AS y WHERE {finite_sql('y.g')} AND (y.epsg <> {EUROPE} OR ({domain}))"
    )


def aggregation_script(q: GridQuery) -> str:
    """The statements sent at once (one implicit transaction: the work table lives only for it). The rows of the
    last one: those of :func:`.pushdown_sql.result_sql` (``z`` per cell, ``c`` per cell and category, ``t`` the
    points in a cell), then, when the points may be overseas, ``p`` rows ``('p', grid EPSG, part index, points)``:
    the parts of France met on each grid."""
    statistics = q.statistics_query()
    script = "SET LOCAL work_mem = '256MB';\nSET LOCAL jit = off;\n" + pairs_sql(q) + ";\n" + result_sql(statistics)
    if q.overseas:
        n_stat = len(statistics.fields) * len(statistics.statistics)
        script += (
            " UNION ALL SELECT 'p'::text, epsg::text, part::text, count(*)"
            + "".join(", NULL::float8" for _ in range(n_stat))
            + f" FROM {PAIRS} GROUP BY epsg, part"
        )
    return script

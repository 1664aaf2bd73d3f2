"""SQL of the database (PostGIS) engine of ``quality_report``'s geometry checks (pure: builds text, runs nothing).

The database finds which rows can have a finding; QGIS then reads only those rows and words each finding with the
desktop's own code, so that the report is the desktop's:

- missing geometries: NULL or empty;
- validity: every row GEOS finds invalid (``ST_IsValid``, the same GEOS test QGIS runs), plus every row QGIS's own
  validator could object to although GEOS accepts it (consecutive nodes closer than 2e-8, QGIS's 1e-8 per
  coordinate; lines or rings that cross or touch, ``ST_IsSimple`` of the boundary; any other geometry type);
- exact duplicates: the same WKB (``ST_AsBinary``; multi-part form when the layer promotes single parts, as QGIS
  does), grouped first by an md5 so that only the repeated geometries are compared byte by byte;
- outside the CRS's area of use: the rows whose bounding box is not inside the area (PostGIS boxes are rounded
  outwards, so this keeps every row the desktop's exact test can keep).

Identifiers go through :func:`quote_identifier`, numbers through :func:`float_literal`, as in
:mod:`terridata.core.aggregation.pushdown_sql`.
"""

from __future__ import annotations

from ..aggregation.pushdown_sql import TableRef, float_literal, quote_identifier, quote_literal

REPEATED_POINT_TOLERANCE = 2e-8  # ≥ √2 × 1e-8: QGIS's duplicate node test (1e-8 on x and on y)


def _parts(t: TableRef, alias: str = "t") -> tuple:
    """(key expression, geometry expression, FROM … WHERE … of the rows with a geometry)."""
    key = f"{alias}.{quote_identifier(t.key)}"
    geom = f"{alias}.{quote_identifier(t.geometry)}"
    source = f"FROM {t.qualified} AS {alias} WHERE {t.where(alias)}"
    return key, geom, source


def missing_sql(t: TableRef) -> str:
    """Keys (text) of the rows without a geometry (NULL or empty)."""
    key, geom, source = _parts(t)
    return f"SELECT {key}::text {source} AND ({geom} IS NULL OR ST_IsEmpty({geom}))"


def validity_candidates_sql(t: TableRef) -> str:
    """Keys (text) of the rows GEOS finds invalid or QGIS's validator could object to."""
    key, geom, source = _parts(t)
    simple_test = (
        f"CASE WHEN GeometryType({geom}) IN ('POLYGON', 'MULTIPOLYGON') THEN NOT ST_IsSimple(ST_Boundary({geom})) "
        f"WHEN GeometryType({geom}) IN ('LINESTRING', 'MULTILINESTRING') THEN NOT ST_IsSimple({geom}) "
        f"ELSE GeometryType({geom}) NOT IN ('POINT', 'MULTIPOINT') END"
    )
    repeated = (
        f"ST_NPoints({geom}) <> ST_NPoints(ST_RemoveRepeatedPoints({geom}, {float_literal(REPEATED_POINT_TOLERANCE)}))"
    )
    return (
        f"SELECT {key}::text {source} AND {geom} IS NOT NULL AND NOT ST_IsEmpty({geom}) "
        f"AND (NOT ST_IsValid({geom}) OR {repeated} OR {simple_test})"
    )


def duplicates_sql(t: TableRef) -> str:
    """One row per group of rows with byte-identical geometries: the keys, comma-separated (text)."""
    key, geom, source = _parts(t)
    wkb = f"ST_AsBinary(ST_Multi({geom}))" if t.multi else f"ST_AsBinary({geom})"
    present = f"{source} AND {geom} IS NOT NULL AND NOT ST_IsEmpty({geom})"
    return (
        f"WITH h AS (SELECT {key} AS k, md5({wkb}) AS h {present}), "
        "r AS (SELECT h FROM h GROUP BY h HAVING count(*) > 1) "
        f"SELECT string_agg(s.k::text, ',' ORDER BY s.k) FROM (SELECT {key} AS k, {wkb} AS b {present} "
        f"AND md5({wkb}) IN (SELECT h FROM r)) AS s GROUP BY s.b HAVING count(*) > 1"
    )


def outside_extent_sql(t: TableRef, extent: tuple) -> str:
    """Keys (text) of the rows whose bounding box is not inside ``extent`` (xmin, ymin, xmax, ymax)."""
    key, geom, source = _parts(t)
    xmin, ymin, xmax, ymax = (float_literal(v) for v in extent)
    return (
        f"SELECT {key}::text {source} AND {geom} IS NOT NULL AND NOT ST_IsEmpty({geom}) "
        f"AND NOT (ST_XMin({geom}) >= {xmin} AND ST_YMin({geom}) >= {ymin} "
        f"AND ST_XMax({geom}) <= {xmax} AND ST_YMax({geom}) <= {ymax})"
    )


def _int_list(keys) -> str:
    return ", ".join(str(int(k)) for k in keys)


def unshared_edges_sql(t: TableRef, quantum: float, repaired: list, excluded: list) -> str:
    """The desktop's ``core.quality.geometry.unshared_edge_owners`` in SQL: rows ``('c', key, NULL)`` for each
    polygon owning an edge that no other polygon shares (or that three or more share), and one row
    ``('s', unshared edges, all edges)``.

    The polygons are the table's, but ``excluded`` keys (missing, invalid), plus ``repaired`` ((key, hex WKB): the
    invalid ones as QGIS repaired them). Coordinates are divided by ``quantum`` and rounded half to even, as numpy
    does; segments of zero length after rounding are dropped; a segment and its reverse are the same edge."""
    key, geom, source = _parts(t)
    q = float_literal(quantum)
    skip = f" AND {key} NOT IN ({_int_list(excluded)})" if excluded else ""
    polygons = f"SELECT {key}::int8 AS k, {geom} AS g {source} AND {geom} IS NOT NULL AND NOT ST_IsEmpty({geom}){skip}"
    if repaired:
        values = ", ".join(f"({int(k)}::int8, ST_GeomFromWKB(decode({quote_literal(h)}, 'hex')))" for k, h in repaired)
        polygons += f" UNION ALL SELECT k, g FROM (VALUES {values}) AS r(k, g)"
    point = "round(ST_{}(ST_{}Point(d.geom)) / {})::int8"
    ends = ", ".join(point.format(c, e, q) + f" AS {n}" for n, c, e in (
        ("ax", "X", "Start"), ("ay", "Y", "Start"), ("cx", "X", "End"), ("cy", "Y", "End")))  # fmt: skip
    swap = "(s.ax > s.cx OR (s.ax = s.cx AND s.ay > s.cy))"
    return (
        f"WITH p AS ({polygons}), "
        # materialised: the CASEs below would otherwise compute each end point up to four times
        f"s AS MATERIALIZED (SELECT p.k, {ends} FROM p CROSS JOIN LATERAL ST_DumpSegments(p.g) AS d), "
        f"e AS (SELECT s.k, CASE WHEN {swap} THEN s.cx ELSE s.ax END AS x1, CASE WHEN {swap} THEN s.cy ELSE s.ay END "
        f"AS y1, CASE WHEN {swap} THEN s.ax ELSE s.cx END AS x2, CASE WHEN {swap} THEN s.ay ELSE s.cy END AS y2 "
        "FROM s WHERE NOT (s.ax = s.cx AND s.ay = s.cy)), "
        "n AS (SELECT e.k, count(*) OVER (PARTITION BY e.x1, e.y1, e.x2, e.y2) AS n FROM e) "
        "SELECT 'c', n.k::text, NULL FROM n WHERE n.n <> 2 GROUP BY n.k "
        "UNION ALL SELECT 's', (count(*) FILTER (WHERE n.n <> 2))::text, count(*)::text FROM n"
    )


def covered_sql(t: TableRef, point_wkb_hex: str, excluded: list) -> str:
    """Whether a polygon of the table (but the ``excluded`` keys) contains the point (hex WKB): one row, 1 or
    0. The ``&&`` lets the GiST index of the geometry column find the polygons around the point."""
    key, geom, source = _parts(t)
    skip = f" AND {key} NOT IN ({_int_list(excluded)})" if excluded else ""
    point = f"ST_GeomFromWKB(decode({quote_literal(point_wkb_hex)}, 'hex'), {int(t.srid)})"
    inside = f"SELECT 1 {source} AND {geom} && {point} AND ST_Contains({geom}, {point}){skip}"
    return f"SELECT CASE WHEN EXISTS ({inside}) THEN 1 ELSE 0 END"

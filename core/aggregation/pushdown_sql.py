"""SQL of the PostGIS engine of ``aggregate_points_to_zones`` (pure: builds text, runs nothing).

Every identifier (schema, table, column) goes through :func:`quote_identifier` and every value through
:func:`quote_literal` or :func:`float_literal`; nothing typed by a user is pasted as SQL. The one exception is the
layer's own filter (the "subset string" of a PostgreSQL layer), which QGIS itself sends to the server as SQL: it
is kept in parentheses, as QGIS does.

The boundary rule is the desktop engine's (:mod:`.pip`): a point counts in a zone when a ray from it towards +x
crosses the zone's rings an odd number of times, an edge spanning ``y1 <= py < y2`` and crossed only when the point
is strictly west of it (same floating-point formula as the desktop, ``ax + (py - ay) * ((bx - ax) / (by - ay))``).
For a valid zone, PostGIS decides the points away from its boundary (``ST_Intersects``) with its GiST index and
prepared geometries; only the points on or within a few hundred floating-point steps of the zone's boundary (and
every candidate point of an invalid zone used as it is, by the even-odd rule) go through the crossing count over
``ST_DumpSegments``, in the desktop's arithmetic.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .stats import percentile_of

PAIRS = "terridata_pairs"  # the temporary table of (zone, point) pairs, dropped at the end of the transaction
ZONES = "terridata_zones"  # the zones used, with their boundary (only when the points have no spatial index)


def quote_identifier(name: str) -> str:
    """A PostgreSQL identifier in double quotes (embedded quotes doubled); ValueError for a NUL character."""
    text = str(name)
    if "\x00" in text:
        raise ValueError("an identifier cannot contain a NUL character")
    return '"' + text.replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    """A PostgreSQL string constant: ``'…'`` with quotes doubled, or ``E'…'`` with backslashes doubled too."""
    text = str(value)
    if "\x00" in text:
        raise ValueError("a text value cannot contain a NUL character")
    body = text.replace("'", "''")
    if "\\" in body:
        return "E'" + body.replace("\\", "\\\\") + "'"
    return "'" + body + "'"


def float_literal(value: float) -> str:
    """A float8 constant with every bit of ``value`` (``repr`` round-trips)."""
    v = float(value)
    if math.isnan(v):
        return "'NaN'::float8"
    if math.isinf(v):
        return "'Infinity'::float8" if v > 0 else "'-Infinity'::float8"
    return f"{v!r}::float8"


@dataclass(frozen=True)
class TableRef:
    """A PostGIS table as a QGIS layer sees it."""

    schema: str
    table: str
    geometry: str
    srid: int
    key: str = ""  # the primary key column of the layer (zones: identifies each output row)
    subset: str = ""  # the layer's filter (SQL of the layer's provider)
    multi: bool = False  # multi-part geometries (points: each part counts, as on the desktop)

    @property
    def qualified(self) -> str:
        if self.schema:
            return f"{quote_identifier(self.schema)}.{quote_identifier(self.table)}"
        return quote_identifier(self.table)

    def where(self, alias: str) -> str:
        return f"({self.subset})" if self.subset.strip() else "true"


@dataclass(frozen=True)
class ZonesQuery:
    """What the push-down computes (same meaning as the desktop parameters)."""

    zones: TableRef
    points: TableRef
    fields: list = field(default_factory=list)
    statistics: list = field(default_factory=list)
    weight: str = ""
    category: str = ""
    invalid_mode: int = 0  # 0 as they are (even-odd), 1 skip, 2 repair (make valid); 3 stops before any SQL
    invalid_keys: tuple = ()  # key values (text) of the invalid zones


def _key_list(keys) -> str:
    return "ARRAY[" + ", ".join(quote_literal(k) for k in keys) + "]::text[]"


def crossing_count_sql(zone_geom: str, px: str, py: str, gate: str) -> str:
    """A subquery ``k``: the number of edges of ``zone_geom`` that a ray from (px, py) towards +x crosses, by the
    desktop's rule; computed only when ``gate`` is true (a one-time filter: 0 otherwise)."""
    return (
        "SELECT count(*) AS k FROM ST_DumpSegments("
        + zone_geom
        + ") AS s, LATERAL (SELECT ST_X(ST_StartPoint(s.geom)) AS x1, ST_Y(ST_StartPoint(s.geom)) AS y1, "
        "ST_X(ST_EndPoint(s.geom)) AS x2, ST_Y(ST_EndPoint(s.geom)) AS y2) AS e, "
        "LATERAL (SELECT CASE WHEN e.y1 < e.y2 THEN e.x1 ELSE e.x2 END AS ax, least(e.y1, e.y2) AS ay, "
        "CASE WHEN e.y1 < e.y2 THEN e.x2 ELSE e.x1 END AS bx, greatest(e.y1, e.y2) AS by) AS o "
        f"WHERE ({gate}) AND e.y1 <> e.y2 AND o.ay <= {py} AND {py} < o.by "
        f"AND {px} < o.ax + ({py} - o.ay) * ((o.bx - o.ax) / (o.by - o.ay))"
    )


def point_totals_sql(points: TableRef) -> str:
    """One row: features, features without a usable point, usable points (parts with finite coordinates).

    One pass over the table; a multipoint's parts are counted through one ``ST_Dump`` per row (a correlated
    subquery per row cost ~20 s per million points), a single-point table needs no dump at all."""
    geom = f"p.{quote_identifier(points.geometry)}"
    if not points.multi:
        ok = f"coalesce(NOT ST_IsEmpty({geom}) AND {finite_sql(geom)}, false)"
        return (
            "SELECT count(*), count(*) FILTER (WHERE NOT x.ok), count(*) FILTER (WHERE x.ok) "
            f"FROM (SELECT {ok} AS ok FROM {points.qualified} AS p WHERE {points.where('p')}) AS x"
        )
    ok = f"coalesce(NOT ST_IsEmpty(d.geom) AND {finite_sql('d.geom')}, false)"
    return (
        "SELECT count(*), count(*) FILTER (WHERE n = 0), coalesce(sum(n), 0) FROM ("
        f"SELECT p.ctid, count(*) FILTER (WHERE {ok}) AS n FROM {points.qualified} AS p "
        f"LEFT JOIN LATERAL ST_Dump({geom}) AS d ON true WHERE {points.where('p')} GROUP BY p.ctid) AS t"
    )


def finite_sql(geom: str) -> str:
    """SQL: the point ``geom`` has finite coordinates (NaN is above Infinity in PostgreSQL: also refused)."""
    return f"abs(ST_X({geom})) < 'Infinity'::float8 AND abs(ST_Y({geom})) < 'Infinity'::float8"


def _zone_columns(q: ZonesQuery, alias: str = "z") -> tuple:
    """``(key, geometry, invalid)`` SQL expressions of a zone row of the zone table: the geometry repaired when
    asked, ``invalid`` true for the zones used as they are by the even-odd rule."""
    key = f"{alias}.{quote_identifier(q.zones.key)}::text"
    geom = f"{alias}.{quote_identifier(q.zones.geometry)}"
    invalid = "false"
    if q.invalid_keys and q.invalid_mode == 2:
        geom = (
            f"(CASE WHEN {key} = ANY({_key_list(q.invalid_keys)}) "
            f"THEN ST_CollectionExtract(ST_MakeValid({geom}), 3) ELSE {geom} END)"
        )
    elif q.invalid_keys and q.invalid_mode == 0:
        invalid = f"{key} = ANY({_key_list(q.invalid_keys)})"
    return key, geom, invalid


def _zone_filter(q: ZonesQuery, alias: str = "z") -> str:
    key, _geom, _ = _zone_columns(q, alias)
    geom = f"{alias}.{quote_identifier(q.zones.geometry)}"
    where = f"{q.zones.where(alias)} AND {geom} IS NOT NULL AND NOT ST_IsEmpty({geom})"
    if q.invalid_mode == 1 and q.invalid_keys:
        where += f" AND NOT {key} = ANY({_key_list(q.invalid_keys)})"
    return where


def invalid_zones_sql(zones: TableRef) -> str:
    """The key (text) of every zone whose geometry is not valid (GEOS validity, as QGIS's isGeosValid)."""
    key = quote_identifier(zones.key)
    geom = quote_identifier(zones.geometry)
    return (
        f"SELECT z.{key}::text FROM {zones.qualified} AS z "
        f"WHERE {zones.where('z')} AND z.{geom} IS NOT NULL AND NOT ST_IsEmpty(z.{geom}) AND NOT ST_IsValid(z.{geom})"
    )


def zones_sql(q: ZonesQuery) -> str:
    """CREATE TEMPORARY TABLE of the zones used, with a GiST index: the join when the points have no spatial index
    (each point then looks its zones up in this index)."""
    key, geom, invalid = _zone_columns(q)
    return (
        f"CREATE TEMPORARY TABLE {ZONES} ON COMMIT DROP AS SELECT {key} AS zid, ST_Force2D({geom}) AS geom, "
        f"ST_Boundary(ST_Force2D({geom})) AS edge, {invalid} AS invalid "
        f"FROM {q.zones.qualified} AS z WHERE {_zone_filter(q)};\n"
        f"CREATE INDEX ON {ZONES} USING GIST (geom);\nANALYZE {ZONES}"
    )


def point_source(q: ZonesQuery) -> tuple:
    """``(FROM items, raw geometry, point geometry expression in the zones' SRID, point id expression)``."""
    p = q.points
    raw = f"p.{quote_identifier(p.geometry)}"
    if p.multi:
        source = f"{p.qualified} AS p CROSS JOIN LATERAL ST_Dump({raw}) AS d"
        geom, pid = "d.geom", "(p.ctid::text || ':' || coalesce(d.path[1], 0)::text)"
    else:
        source, geom, pid = f"{p.qualified} AS p", raw, "p.ctid::text"
    if p.srid != q.zones.srid:
        geom = f"ST_Transform({geom}, {int(q.zones.srid)})"
    return source, raw, geom, pid


def value_sql(name: str) -> str:
    return f"NULLIF(p.{quote_identifier(name)}::float8, 'NaN'::float8)"


def pairs_sql(q: ZonesQuery, points_indexed: bool = True) -> str:
    """CREATE TEMPORARY TABLE of the (zone, point) pairs where the point counts in the zone, with the values.

    A point farther than a few hundred floating-point steps from the zone's boundary is decided by PostGIS
    (``ST_Intersects``, its prepared point-in-polygon); a point on or next to an edge, and every candidate point
    of an invalid zone used as it is (even-odd rule), by the desktop's crossing count, so that such a point lands
    where the desktop puts it.

    With a spatial index on the points, the planner can let each zone look its points up in that index: the zone's
    geometry then stays the same through its points, so PostGIS prepares it once (parallel workers may read the
    zones; the per-pair tests run in one backend). Without one, each point looks up its zones in the
    indexed temporary table of :func:`zones_sql` (created first).
    """
    source, raw, pg, pid = point_source(q)
    inner = [f"{pid} AS pid", f"{pg} AS pt"]
    inner += [f"{value_sql(f)} AS v{i}" for i, f in enumerate(q.fields)]
    if q.weight:
        inner.append(f"{value_sql(q.weight)} AS w")
    if q.category:
        inner.append(f"NULLIF(p.{quote_identifier(q.category)}::text, '') AS c")
    outer = ["x.pid"] + [f"x.v{i}" for i in range(len(q.fields))] + (["x.w"] if q.weight else [])
    outer += ["x.c"] if q.category else []
    px, py = "ST_X(x.pt)", "ST_Y(x.pt)"
    finite = f"abs(ST_X({pg})) < 'Infinity'::float8 AND abs(ST_Y({pg})) < 'Infinity'::float8"

    def near(edge: str, point: str) -> str:
        # On or next to the zone's boundary: within a few hundred floating-point steps of it.
        return f"ST_DWithin({edge}, {point}, 1e-12 * greatest(1, abs(ST_X({point})), abs(ST_Y({point}))))"

    if points_indexed:
        zid, zg, invalid = _zone_columns(q)
        geom = "z." + quote_identifier(q.zones.geometry)
        search = zg
        if q.points.srid != q.zones.srid:
            # The zone's box in the points' SRID, enlarged (its edges bend when transformed): once per zone.
            t = f"ST_Transform({geom}, {int(q.points.srid)})"
            search = f"ST_Expand({t}, 1e-3 * greatest(ST_XMax({t}) - ST_XMin({t}), ST_YMax({t}) - ST_YMin({t})))"
        index = f"{raw} && z.search"
        if q.points.multi or q.points.srid != q.zones.srid:
            index += f" AND {pg} && z.g"
        # Zones first, each read (detoasted, copied by ST_Force2D) and its boundary made once: OFFSET 0 keeps
        # them a subquery. Each zone then looks its points up in their index (LATERAL; OFFSET 0 again so that
        # each point's test near the boundary runs once), the zone's geometry staying the same through its
        # points, so PostGIS prepares it once (the other way round, each point looking up its zones, is several
        # times slower on communes). No correlated subplan or temporary table on this path.
        joined = (
            f"(SELECT {zid} AS zid, ST_Force2D({zg}) AS g, ST_Boundary(ST_Force2D({zg})) AS edge, "
            f"{invalid} AS invalid, {search} AS search FROM {q.zones.qualified} AS z WHERE {_zone_filter(q)} "
            f"OFFSET 0) AS z CROSS JOIN LATERAL (SELECT {', '.join(inner)}, {near('z.edge', pg)} AS near "
            f"FROM {source} WHERE {index} AND {q.points.where('p')} AND {finite} OFFSET 0) AS x"
        )
        zid, zg, invalid, is_near = "z.zid", "z.g", "z.invalid", "x.near"
    else:
        zid, zg, invalid = "z.zid", "z.geom", "z.invalid"
        joined = (
            f"(SELECT {', '.join(inner)} FROM {source} WHERE {q.points.where('p')} AND {finite}) AS x "
            f"JOIN {ZONES} AS z ON z.geom && x.pt"
        )
        is_near = near("z.edge", "x.pt")
    odd = "k.k % 2 = 1"
    decide = f"CASE WHEN {invalid} OR {is_near} THEN {odd} ELSE ST_Intersects({zg}, x.pt) END"
    crossing = crossing_count_sql(zg, px, py, f"{invalid} OR {is_near}")
    return (
        f"CREATE TEMPORARY TABLE {PAIRS} ON COMMIT DROP AS SELECT {zid} AS zid, {', '.join(outer)} "
        f"FROM {joined} LEFT JOIN LATERAL ({crossing}) AS k ON true WHERE {decide}"
    )


def _statistic(stat: str, i: int, weighted: bool) -> str:
    v = f"v{i}"
    if not weighted:
        q = percentile_of(stat)
        if q is not None:
            return f"percentile_cont({float_literal(q)}) WITHIN GROUP (ORDER BY {v})"
        return {
            "count": f"count({v})::float8",
            "sum": f"coalesce(sum({v}), 0)",
            "mean": f"avg({v})",
            "min": f"min({v})",
            "max": f"max({v})",
            "std": f"stddev_pop({v})",
        }[stat]
    ok = f"FILTER (WHERE {v} IS NOT NULL AND w > 0)"
    q = percentile_of(stat)
    if q is not None:
        target = f"({float_literal(q)} * wt{i})"
        return f"min({v}) FILTER (WHERE cw{i}_{_pname(stat)} >= {target} - 1e-12 * greatest(abs({target}), 1))"
    return {
        "count": f"(count(*) {ok})::float8",
        "sum": f"coalesce(sum(w * {v}) {ok}, 0)",
        "mean": f"sum(w * {v}) {ok} / sum(w) {ok}",
        "min": f"min({v}) {ok}",
        "max": f"max({v}) {ok}",
        "std": f"sqrt(sum(w * ({v} - m{i}) * ({v} - m{i})) {ok} / sum(w) {ok})",
    }[stat]


def _pname(stat: str) -> str:
    return stat.replace(".", "_")


def result_sql(q: ZonesQuery) -> str:
    """One result set from the pairs table, rows ``(kind, zone key, category, points, statistic columns…)``:
    ``z`` per zone, ``c`` per zone and category, ``t`` one row with the points counted in at least one zone."""
    weighted = bool(q.weight)
    stats = [(i, s) for i in range(len(q.fields)) for s in q.statistics]
    n_stat = len(stats)
    source = PAIRS
    if weighted and q.fields:
        # Per-zone weighted means (for std) and cumulative weights by value (for percentiles), as window columns.
        ok = lambda i: f"v{i} IS NOT NULL AND w > 0"  # noqa: E731
        extra = []
        for i in range(len(q.fields)):
            extra.append(f"sum(w * v{i}) FILTER (WHERE {ok(i)}) OVER z / sum(w) FILTER (WHERE {ok(i)}) OVER z AS m{i}")
            extra.append(f"sum(w) FILTER (WHERE {ok(i)}) OVER z AS wt{i}")
            for s in q.statistics:
                if percentile_of(s) is not None:
                    extra.append(
                        f"CASE WHEN {ok(i)} THEN sum(w) FILTER (WHERE {ok(i)}) OVER (PARTITION BY zid ORDER BY v{i} "
                        f"ROWS UNBOUNDED PRECEDING) END AS cw{i}_{_pname(s)}"
                    )
        source = f"(SELECT *, {', '.join(extra)} FROM {PAIRS} WINDOW z AS (PARTITION BY zid)) AS x"
    columns = [_statistic(s, i, weighted) for i, s in stats]
    nulls = ["NULL::float8"] * n_stat
    parts = [
        "SELECT 'z'::text AS kind, zid, NULL::text AS cat, count(*) AS n"
        + "".join(f", {c}" for c in columns)
        + f" FROM {source} GROUP BY zid"
    ]
    if q.category:
        parts.append(
            "SELECT 'c'::text, zid, c, count(*)" + "".join(f", {c}" for c in nulls) + f" FROM {PAIRS} GROUP BY zid, c"
        )
    parts.append(
        "SELECT 't'::text, NULL::text, NULL::text, (SELECT count(*) FROM (SELECT DISTINCT pid FROM "
        + PAIRS
        + ") AS d)"
        + "".join(f", {c}" for c in nulls)
    )
    return " UNION ALL ".join(parts)


def aggregation_script(q: ZonesQuery, points_indexed: bool = True) -> str:
    """The statements sent at once (one implicit transaction: the work tables live only for it). JIT compilation
    is off: it costs more than it saves on these plans."""
    script = "SET LOCAL work_mem = '256MB';\nSET LOCAL jit = off;\n"
    if not points_indexed:
        script += zones_sql(q) + ";\n"
    return script + pairs_sql(q, points_indexed) + ";\n" + result_sql(q)


# -- rollup_territories ---------------------------------------------------------------------------------------
def rollup_codes_sql(table: TableRef, code: str) -> str:
    """The distinct codes of a table, typed and as text, with their number of rows, in the order of the table."""
    c = f"t.{quote_identifier(code)}"
    return (
        f"SELECT {c}, {c}::text, count(*) FROM {table.qualified} AS t WHERE {table.where('t')} "
        f"GROUP BY {c} ORDER BY min(t.ctid)"
    )


def rollup_sql(table: TableRef, code: str, parents: dict, sums: list, rates: list, weight: str) -> str:
    """One row per parent: ``(parent, rows, sums…, rates…, weight total)``, the rules of core.aggregation.rollup:
    a sum is NULL when all its values are; a rate is Σ r·w / Σ w over the rows where both are known (w = 1 without
    weight); the weight total counts the known weights (0 when none). ``parents`` maps a code's text to its parent
    code (codes without a parent are left out)."""
    rows = ", ".join(f"({quote_literal(k)}, {quote_literal(v)})" for k, v in parents.items())
    c = f"t.{quote_identifier(code)}"
    w = f"t.{quote_identifier(weight)}::float8" if weight else "1::float8"
    columns = ["m.parent", "count(*)"]
    columns += [f"sum(NULLIF(t.{quote_identifier(f)}::float8, 'NaN'::float8))" for f in sums]
    for f in rates:
        v = f"NULLIF(t.{quote_identifier(f)}::float8, 'NaN'::float8)"
        known = f"FILTER (WHERE {v} IS NOT NULL AND NULLIF({w}, 'NaN'::float8) IS NOT NULL)"
        columns.append(f"sum({v} * {w}) {known} / NULLIF(sum({w}) {known}, 0)")
    columns.append(f"coalesce(sum(NULLIF({w}, 'NaN'::float8)), 0)" if weight else "NULL::float8")
    return (
        f"SELECT {', '.join(columns)} FROM {table.qualified} AS t JOIN (VALUES {rows}) AS m(code, parent) "
        f"ON {c}::text = m.code WHERE {table.where('t')} GROUP BY m.parent ORDER BY m.parent"
    )

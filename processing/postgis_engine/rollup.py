"""``rollup_territories`` run inside PostGIS: the distinct codes come to QGIS (normalised and looked up in the COG
there, exactly as on the desktop), the sums and weighted means are computed by the database over all rows."""

from __future__ import annotations

import numpy as np

from ...core.aggregation.pushdown_sql import quote_identifier, rollup_codes_sql, rollup_sql
from ...core.aggregation.rollup import RollupResult
from ...core.territory_codes import normalise_code
from ...providers.postgis.connection import PostgisError, PostgisLayer, execute
from ...toolbelt.i18n import tr


def rollup_in_database(table: PostgisLayer, code_field, parent_of, sums, rates, weight, feedback):
    """``(RollupResult, rows per normalised code)`` computed in the database, equal to the desktop's
    ``core.aggregation.rollup.rollup`` over the same rows."""
    if weight:
        t = table.table
        sql = f"SELECT count(*) FROM {t.qualified} AS t WHERE {t.where('t')} AND t.{quote_identifier(weight)} < 0"
        if int(execute(table, sql, feedback)[0][0]):
            raise PostgisError(tr("The weight field {} has negative values: weights must be zero or positive.", weight))
    distinct = execute(table, rollup_codes_sql(table.table, code_field), feedback)
    rows_per_code, parents, not_found = {}, {}, []
    for value, text, n in distinct:
        code = normalise_code(value)
        rows_per_code[code] = rows_per_code.get(code, 0) + int(n)
        parent = parent_of(code) if code else None
        if parent is None:
            if code not in not_found:
                not_found.append(code)
        elif text is not None:
            parents[text] = parent
    n_parents = len(set(parents.values()))
    out = execute(table, rollup_sql(table.table, code_field, parents, sums, rates, weight), feedback) if parents else []
    if len(out) != n_parents:
        raise PostgisError(
            tr("The database {} returned {} parents where {} were expected.", table.label, len(out), n_parents)
        )
    out.sort(key=lambda r: r[0])  # Python's order, as the desktop (not the database's collation)
    column = 2

    def take(k):
        return np.array([np.nan if r[k] is None else float(r[k]) for r in out], dtype=np.float64)

    result_sums = {}
    for f in sums:
        result_sums[f] = take(column)
        column += 1
    result_rates = {}
    for f in rates:
        result_rates[f] = take(column)
        column += 1
    result = RollupResult(
        parents=[r[0] for r in out],
        n_rows=np.array([int(r[1]) for r in out], dtype=np.int64),
        sums=result_sums,
        rates=result_rates,
        weight_totals=take(column) if weight else None,
        not_found=not_found,
        rows_not_found=sum(rows_per_code[c] for c in not_found),
    )
    return result, rows_per_code

"""Property-based tests (hypothesis) of the pure disclosure-control core: random tables and populations.

- cell suppression: no hidden cell holding units can be recomputed exactly by the linear-programming attacker
  (``attacker_intervals``, the attack of test_privacy_cell_suppression.py), and every cell the linear-algebra audit
  calls determined is also pinned by the attacker (the audit never misses what it claims to see);
- k-anonymity: every published group of a feasible result holds at least k records (and l distinct sensitive
  values), recounted from the generalised values, with at most the budget of records suppressed.
"""

import sys
from collections import Counter
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scipy.optimize import linprog  # noqa: E402
from test_privacy_cell_suppression import EPCI, records  # noqa: E402

from terridata.core.privacy import cell_suppression as cs  # noqa: E402
from terridata.core.privacy import generalise as gen  # noqa: E402
from terridata.core.privacy.kanonymity import anonymise  # noqa: E402

COMMUNES = sorted(EPCI)
CATEGORIES = ("a", "b", "c")
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def unit_tables(draw):
    """``{(commune, category): units}`` over 2 to 5 communes of two EPCIs and 2 or 3 categories."""
    communes = draw(st.lists(st.sampled_from(COMMUNES), min_size=2, max_size=5, unique=True))
    categories = CATEGORIES[: draw(st.integers(2, 3))]
    counts = st.one_of(st.integers(0, 12), st.integers(11, 60))  # many cells on both sides of the threshold
    return {(com, cat): draw(counts) for com in communes for cat in categories}


def attacker_intervals(cells):
    """The linear-programming attacker of test_privacy_cell_suppression.py, for any table: feasible [min, max] of
    every hidden cell given the published cells and the definitional sums (``inf`` when nothing bounds it)."""
    leaf = cells[(cells["level"] == "commune") & (cells["category"] != cs.TOTAL)]
    var = {(t, c): i for i, (t, c) in enumerate(zip(leaf["territory"], leaf["category"]))}
    groups = {
        "commune": {t: t for t in set(leaf["territory"])},
        "epci": {t: EPCI[t] for t in set(leaf["territory"])},
        "departement": {t: t[:2] for t in set(leaf["territory"])},
        "total": {t: cs.TOTAL for t in set(leaf["territory"])},
    }

    def coefficients(cell):
        coef = np.zeros(len(var))
        members = {t for t, g in groups[cell["level"]].items() if g == cell["territory"]}
        for (vt, vc), i in var.items():
            if vt in members and (cell["category"] == cs.TOTAL or vc == cell["category"]):
                coef[i] = 1
        return coef

    rows = [coefficients(cell) for _, cell in cells[~cells["hidden"]].iterrows()]
    a_eq = np.array(rows) if rows else None
    b_eq = cells.loc[~cells["hidden"], "count"].to_numpy(dtype="float64") if rows else None
    out = {}
    for _, cell in cells[cells["hidden"]].iterrows():
        obj = coefficients(cell)
        lo = linprog(obj, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        hi = linprog(-obj, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        assert lo.status == 0 and hi.status in (0, 3)  # 3: unbounded above
        out[(cell["level"], cell["territory"], cell["category"])] = (
            lo.fun,
            -hi.fun if hi.status == 0 else np.inf,
            cell["count"],
        )
    return out


def _protect(spec, threshold):
    territory, category = records(spec)
    groupings = cs.hierarchy_from_codes(set(territory), EPCI)
    table = cs.build_table(territory, category, groupings)
    return cs.protect(table, groupings, threshold=threshold), groupings


@SLOW
@given(spec=unit_tables(), threshold=st.sampled_from([3, 11]))
def test_no_hidden_cell_with_units_is_recovered_by_the_lp_attack(spec, threshold):
    if sum(spec.values()) == 0:
        return
    result, _ = _protect(spec, threshold)
    cells = result.cells
    # the primary rule: no published cell counts 1 .. threshold - 1 units
    published = cells[~cells["hidden"]]
    assert not ((published["count"] > 0) & (published["count"] < threshold)).any()
    # the margin rule holds on every equation
    hidden = cells["hidden"].to_numpy()
    assert all(sum(hidden[i] for i in eq) != 1 for eq in result.equations)
    # the attacker: a hidden cell that holds units is never pinned to its value
    for key, (lo, hi, true) in attacker_intervals(cells).items():
        assert lo - 1e-6 <= true <= hi + 1e-6, key
        if true > 0:
            assert hi - lo > 1e-6, (key, lo, hi, true)
    if result.audit_complete:
        assert cs.determined_cells(result.equations, hidden)[0] == []


@SLOW
@given(spec=unit_tables(), data=st.data())
def test_cells_the_audit_calls_determined_are_pinned_by_the_attacker(spec, data):
    """On an arbitrary (unprotected) hidden set, the audit's determined cells are exactly recomputable."""
    territory, category = records(spec)
    if not territory:
        return
    groupings = cs.hierarchy_from_codes(set(territory), EPCI)
    table = cs.build_table(territory, category, groupings)
    hidden = np.array(data.draw(st.lists(st.booleans(), min_size=len(table), max_size=len(table))))
    table["hidden"] = hidden
    determined, complete = cs.determined_cells(cs.margin_equations(table, groupings), hidden)
    if not complete:
        return
    intervals = attacker_intervals(table)
    keys = list(zip(table["level"], table["territory"], table["category"]))
    for i in determined:
        lo, hi, true = intervals[keys[int(i)]]
        assert abs(hi - lo) < 1e-6 and abs(lo - true) < 1e-6, (keys[int(i)], lo, hi, true)


@st.composite
def populations(draw):
    n = draw(st.integers(1, 300))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    communes = rng.choice(COMMUNES + ["22113"], n, p=[0.4, 0.2, 0.15, 0.1, 0.1, 0.05])
    ages = rng.integers(0, 100, n)
    sex = rng.choice(["F", "M"], n)
    sensitive = rng.choice(["A", "B", "C", "D"][: draw(st.integers(1, 4))], n)
    return communes, ages, sex, sensitive


@SLOW
@given(
    population=populations(),
    k=st.integers(2, 15),
    l_div=st.integers(1, 3),
    budget=st.sampled_from([0.0, 0.02, 0.1, 0.3]),
    with_sex=st.booleans(),
)
def test_every_published_group_holds_at_least_k_records(population, k, l_div, budget, with_sex):
    communes, ages, sex, sensitive = population
    hierarchies = [gen.commune("commune", communes, EPCI), gen.age("age", ages)]
    if with_sex:
        hierarchies.append(gen.categorical("sex", sex))
    result = anonymise(hierarchies, k=k, l=l_div, budget=budget, sensitive=sensitive if l_div > 1 else None)
    n = len(communes)
    if not result.feasible:
        assert result.reason and result.suggestions
        return
    kept = result.kept
    assert 0 < kept.sum() and (~kept).sum() <= np.floor(budget * n + 1e-9)
    keys = list(zip(*[h.values(lv)[kept] for h, lv in zip(hierarchies, result.node.levels)]))
    sizes = Counter(keys)
    assert min(sizes.values()) >= k and min(sizes.values()) == result.node.k_achieved
    if l_div > 1:
        distinct = {}
        for key, value in zip(keys, np.asarray(sensitive)[kept]):
            distinct.setdefault(key, set()).add(value)
        assert min(len(v) for v in distinct.values()) >= l_div

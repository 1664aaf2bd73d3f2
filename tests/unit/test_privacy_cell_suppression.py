"""Primary and secondary cell suppression, proved by an attacker who solves the published margins.

The attacker knows every published cell and the structure of the table: each aggregate cell (row totals, EPCI,
département and grand totals) is the sum of its commune × category cells. For each hidden cell, linear programming
over those equations with non-negative unknowns gives the interval of values consistent with what is published;
the protection holds when that interval is wide (not a single value).
"""

import numpy as np
import pytest
from scipy.optimize import linprog

from terridata.core.privacy import cell_suppression as cs

# two EPCIs of one département (the differencing attack: commune vs EPCI totals), communes coded like INSEE's
EPCI = {"35001": "E1", "35002": "E1", "35003": "E1", "35004": "E2", "35005": "E2"}


def records(spec):
    """spec: {(commune, category): n} → unit records."""
    territory, category = [], []
    for (com, cat), n in spec.items():
        territory += [com] * n
        category += [cat] * n
    return territory, category


def attacker_intervals(cells):
    """Feasible [min, max] of every hidden cell from the published cells and the definitional sums."""
    leaf = cells[(cells["level"] == "commune") & (cells["category"] != cs.TOTAL)]
    var = {(t, c): i for i, (t, c) in enumerate(zip(leaf["territory"], leaf["category"]))}
    commune_groups = {
        "commune": {t: t for t in set(leaf["territory"])},
        "epci": {t: EPCI[t] for t in set(leaf["territory"])},
        "departement": {t: t[:2] for t in set(leaf["territory"])},
        "total": {t: cs.TOTAL for t in set(leaf["territory"])},
    }
    rows, rhs = [], []
    for _, cell in cells[~cells["hidden"]].iterrows():
        members = [t for t, g in commune_groups[cell["level"]].items() if g == cell["territory"]]
        coef = np.zeros(len(var))
        for t in members:
            for (vt, vc), i in var.items():
                if vt == t and (cell["category"] == cs.TOTAL or vc == cell["category"]):
                    coef[i] = 1
        rows.append(coef)
        rhs.append(cell["count"])
    a_eq, b_eq = np.array(rows), np.array(rhs)
    out = {}
    for _, cell in cells[cells["hidden"]].iterrows():
        members = [t for t, g in commune_groups[cell["level"]].items() if g == cell["territory"]]
        obj = np.zeros(len(var))
        for t in members:
            for (vt, vc), i in var.items():
                if vt == t and (cell["category"] == cs.TOTAL or vc == cell["category"]):
                    obj[i] = 1
        lo = linprog(obj, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        hi = linprog(-obj, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        assert lo.status == 0 and hi.status == 0
        out[(cell["level"], cell["territory"], cell["category"])] = (lo.fun, -hi.fun, cell["count"])
    return out


DIFFERENCING = {
    ("35001", "a"): 40,
    ("35001", "b"): 25,
    ("35001", "c"): 30,
    ("35002", "a"): 15,
    ("35002", "b"): 3,
    ("35002", "c"): 22,  # 3 units: primary
    ("35003", "a"): 18,
    ("35003", "b"): 14,
    ("35003", "c"): 12,
    ("35004", "a"): 31,
    ("35004", "b"): 27,
    ("35004", "c"): 7,  # 7 units: primary
    ("35005", "a"): 13,
    ("35005", "b"): 19,
    ("35005", "c"): 16,
}


def protect(spec, **kw):
    groupings = cs.hierarchy_from_codes({t for t, _ in spec}, EPCI)
    table = cs.build_table(*records(spec), groupings)
    return cs.protect(table, groupings, **kw)


def test_differencing_attack_across_commune_and_epci_totals_is_defeated():
    result = protect(DIFFERENCING)
    cells = result.cells
    primary = cells[cells["reason"].isin(["frequency", "dominance"])]
    assert set(zip(primary["territory"], primary["category"])) == {("35002", "b"), ("35004", "c")}
    assert result.n_secondary >= 3
    # the margin rule: no published margin holds exactly one hidden cell
    hidden = cells["hidden"].to_numpy()
    assert all(sum(hidden[i] for i in eq) != 1 for eq in result.equations)
    # the attacker's proof: every hidden cell keeps a wide feasible interval around its true value
    intervals = attacker_intervals(cells)
    assert len(intervals) == hidden.sum()
    for key, (lo, hi, true) in intervals.items():
        assert lo - 1e-6 <= true <= hi + 1e-6, key
        assert hi - lo >= 3, (key, lo, hi, true)  # protection margin: at least 3 units of uncertainty
    # the primary cells cannot be pinned into the confidential range 1..10 either
    for key in (("commune", "35002", "b"), ("commune", "35004", "c")):
        lo, hi, _ = intervals[key]
        assert lo == pytest.approx(0) and hi >= 11
    # published totals are the true totals
    published = cells[~cells["hidden"]]
    grand = published[(published["level"] == "total") & (published["category"] == cs.TOTAL)]["count"]
    assert list(grand) == [sum(DIFFERENCING.values())]


def test_without_secondary_suppression_the_attack_recovers_the_cell():
    groupings = cs.hierarchy_from_codes({t for t, _ in DIFFERENCING}, EPCI)
    table = cs.build_table(*records(DIFFERENCING), groupings)
    reason = cs.primary(table, threshold=11)
    table["hidden"] = (reason != "").to_numpy()
    intervals = attacker_intervals(table)
    lo, hi, true = intervals[("commune", "35002", "b")]
    assert lo == pytest.approx(hi) == pytest.approx(true) == 3  # recovered exactly: why secondary suppression exists
    eqs = cs.margin_equations(table, groupings)
    assert cs.determined_cells(eqs, table["hidden"].to_numpy())[0]


def test_hidden_epci_total_cannot_be_recovered_from_departement_minus_other_epci():
    # E2 is small in category c overall (2 + 3): its EPCI cell is primary and must not be département − E1
    spec = dict(DIFFERENCING)
    spec[("35004", "c")] = 2
    spec[("35005", "c")] = 3
    result = protect(spec)
    cells = result.cells
    key = ("epci", "E2", "c")
    row = cells[(cells["level"] == "epci") & (cells["territory"] == "E2") & (cells["category"] == "c")].iloc[0]
    assert row["hidden"] and row["reason"] == "frequency"
    lo, hi, true = attacker_intervals(cells)[key]
    assert hi - lo >= 3 and lo <= true <= hi


def test_frequency_thresholds_on_both_sides():
    spec = {("35001", "a"): 10, ("35001", "b"): 11, ("35002", "a"): 0, ("35002", "b"): 40}
    cells = protect(spec).cells
    reason = {
        (t, c): r
        for lv, t, c, r in zip(cells["level"], cells["territory"], cells["category"], cells["reason"])
        if lv == "commune"
    }
    assert reason[("35001", "a")] == "frequency" and reason[("35001", "b")] != "frequency"
    assert reason[("35002", "a")] != "frequency"  # zero is not a breach
    # businesses: threshold 3
    spec = {("35001", "a"): 2, ("35001", "b"): 3, ("35002", "a"): 30, ("35002", "b"): 30}
    cells = protect(spec, threshold=3).cells
    leaf = cells[cells["level"] == "commune"].set_index(["territory", "category"])["reason"]
    assert leaf[("35001", "a")] == "frequency" and leaf[("35001", "b")] != "frequency"


@pytest.mark.parametrize(
    "top, inclusive, hidden",
    [(85.0, False, False), (85.0, True, True), (85.01, False, True), (84.99, True, False)],
)
def test_dominance_at_exactly_85_percent_and_just_above(top, inclusive, hidden):
    # cell (35001, a): 4 businesses, one contributes `top` % of the amount
    rest = (100.0 - top) / 3
    territory = ["35001"] * 4 + ["35001"] * 4 + ["35002"] * 8
    category = ["a"] * 4 + ["b"] * 4 + ["a"] * 4 + ["b"] * 4
    amount = [top, rest, rest, rest] + [25.0] * 4 + [10.0] * 8
    groupings = cs.hierarchy_from_codes(set(territory), EPCI)
    table = cs.build_table(territory, category, groupings, amount=amount)
    reason = cs.primary(table, threshold=3, dominance=0.85, dominance_inclusive=inclusive)
    idx = table.index[(table["level"] == "commune") & (table["territory"] == "35001") & (table["category"] == "a")][0]
    assert (reason[idx] == "dominance") is hidden
    assert reason[table.index[(table["territory"] == "35002") & (table["category"] == "a")][0]] == ""


def test_dominance_uses_the_sum_per_contributor():
    # two records of the same business: together 90 % of the cell
    territory = ["35001"] * 5
    category = ["a"] * 5
    amount = [45.0, 45.0, 4.0, 3.0, 3.0]
    contributor = ["X", "X", "Y", "Z", "W"]
    groupings = cs.hierarchy_from_codes(set(territory), EPCI)
    table = cs.build_table(territory, category, groupings, amount=amount, contributor=contributor)
    cell = table[(table["level"] == "commune") & (table["category"] == "a")].iloc[0]
    assert cell["top"] == 90.0 and cell["count"] == 5
    assert cs.primary(table, threshold=3, dominance=0.85).loc[cell.name] == "dominance"
    table2 = cs.build_table(territory, category, groupings, amount=amount)
    assert cs.primary(table2, threshold=3, dominance=0.85).loc[table2.index[cell.name]] == ""


def test_secondary_is_deterministic_and_prefers_small_cells():
    a, b = protect(DIFFERENCING), protect(DIFFERENCING)
    assert a.cells["hidden"].tolist() == b.cells["hidden"].tolist()
    sec = a.cells[a.cells["reason"] == "secondary"]
    # the complement chosen in the row of 35002 is its smallest other category (15 < 22)
    assert ("35002", "a") in set(zip(sec["territory"], sec["category"]))
    with pytest.raises(ValueError, match="reserved"):
        cs.build_table(["35001"], ["TOTAL"], cs.hierarchy_from_codes(["35001"], EPCI))


def test_direct_equations_span_every_margin():
    """The audit's smaller set of equations implies every published margin (same rank, and more equations)."""
    groupings = cs.hierarchy_from_codes({t for t, _ in DIFFERENCING}, EPCI)
    table = cs.build_table(*records(DIFFERENCING), groupings)

    def matrix(eqs):
        a = np.zeros((len(eqs), len(table)))
        for r, eq in enumerate(eqs):
            a[r, eq[0]] = 1
            a[r, eq[1:]] -= 1
        return a

    every, direct = cs.margin_equations(table, groupings), cs.margin_equations(table, groupings, direct_only=True)
    assert len(direct) < len(every)
    rank = np.linalg.matrix_rank
    assert rank(matrix(direct)) == rank(matrix(every)) == rank(np.vstack([matrix(direct), matrix(every)]))

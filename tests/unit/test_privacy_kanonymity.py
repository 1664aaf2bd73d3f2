"""k-anonymity / l-diversity search with a suppression budget (pure Python, no QGIS)."""

from collections import Counter

import numpy as np

from terridata.core.privacy import generalise as gen
from terridata.core.privacy.kanonymity import anonymise

EPCI = {"35238": "243500139", "35051": "243500139", "35047": "243500139", "35001": "243500139", "22113": "200069391"}


def classes(hierarchies, levels, kept):
    keys = zip(*[h.values(lv)[kept] for h, lv in zip(hierarchies, levels)])
    return Counter(keys)


def population(seed=0):
    rng = np.random.default_rng(seed)
    communes = ["35238"] * 300 + ["35051"] * 120 + ["35047"] * 80 + ["35001"] * 2 + ["22113"] * 1
    ages = rng.integers(18, 90, len(communes))
    sens = rng.choice(["A", "B", "C"], len(communes))
    return communes, ages, sens


def test_unique_individuals_in_small_communes_are_generalised_or_suppressed():
    communes, ages, sens = population()
    hs = [gen.commune("commune", communes, EPCI), gen.age("age", ages)]
    res = anonymise(hs, k=11, budget=0.02)
    assert res.feasible
    kept = res.kept
    sizes = classes(hs, res.node.levels, kept)
    assert min(sizes.values()) >= 11 == res.k
    assert res.node.k_achieved == min(sizes.values())
    # the three individuals of 35001 and 22113 are not visible as themselves
    com_out = hs[0].values(res.node.levels[0])[kept]
    assert "35001" not in set(com_out) and "22113" not in set(com_out)
    assert (~kept).sum() <= 0.02 * len(communes)
    # the least generalisation: no lower node of the lattice is feasible
    for i in range(2):
        lower = list(res.node.levels)
        if lower[i] == 0:
            continue
        lower[i] -= 1
        res_low = anonymise(hs, k=11, budget=0.02, fixed_max_levels={h.name: lv for h, lv in zip(hs, lower)})
        assert not res_low.feasible or sum(res_low.node.levels) == sum(res.node.levels)


def test_l_diversity_removes_homogeneous_groups():
    commune = ["35238"] * 30 + ["35051"] * 30
    sens = ["A", "B", "C"] * 10 + ["A"] * 30  # every record of 35051 has the same sensitive value
    hs = [gen.commune("commune", commune, EPCI)]
    res = anonymise(hs, k=11, l=2, budget=0.6, sensitive=sens, fixed_max_levels={"commune": 0})
    assert res.feasible and res.node.l_achieved >= 2
    assert res.kept[:30].all() and not res.kept[30:].any()
    res2 = anonymise(hs, k=11, l=2, budget=0.1, sensitive=sens, fixed_max_levels={"commune": 0})
    assert not res2.feasible
    assert "l = 2" in res2.reason and any("50.0 %" in s for s in res2.suggestions)


def test_refusal_when_k_cannot_be_met_says_what_would_work():
    communes, ages, sens = population()
    hs = [gen.commune("commune", communes[:40], EPCI), gen.age("age", ages[:40])]
    res = anonymise(hs, k=50, budget=0.05)
    assert not res.feasible
    assert "cannot be met" in res.reason
    assert any("only 40 records" in s for s in res.suggestions)
    # a smaller k within the budget is suggested and is indeed feasible
    res = anonymise([gen.age("age", ages[:200])], k=200, budget=0.05, fixed_max_levels={"age": 2})
    assert not res.feasible
    hint = next(s for s in res.suggestions if "smaller k" in s)
    k_hint = int(hint.split("smaller k of ")[1].split()[0])
    assert anonymise([gen.age("age", ages[:200])], k=k_hint, budget=0.05, fixed_max_levels={"age": 2}).feasible


def test_dates_of_every_form_are_read_by_calendar_day():
    import datetime

    values = [
        "2024-03-05",
        datetime.date(2024, 3, 6),
        datetime.datetime(2024, 3, 7, 23, 30),
        "2024-03-08T23:30:00+01:00",
    ]
    values += ["09/03/2024", "not a date", "2024-02-30", None]
    h = gen.date("d", values)
    assert list(h.values(0)) == ["2024-03-05", "2024-03-06", "2024-03-07", "2024-03-08", "2024-03-09", "", "", ""]
    assert set(h.values(1)[:5]) == {"2024-W10"} and set(h.values(3)[:5]) == {"2024"}


def test_generalisation_hierarchies():
    h = gen.date("d", ["2024-03-05", None, "2024-12-30"])
    assert [h.values(i)[0] for i in range(5)] == ["2024-03-05", "2024-W10", "2024-03", "2024", "*"]
    assert h.values(1)[2] == "2025-W01" and h.values(0)[1] == ""
    a = gen.age("a", [34, 7, None])
    assert list(a.values(1)) == ["30-34", "5-9", ""] and a.values(3)[0] == "20-39"
    c = gen.commune("c", ["2A004", "97411", "35238"], EPCI)
    assert list(c.values(2)) == ["2A", "974", "35"]
    assert c.values(1)[2] == "EPCI 243500139" and c.values(1)[0] == "DEP 2A"
    g = gen.grid("g", [4252450.0], [2029850.0])
    assert g.values(0)[0] == "CRS3035RES200mN2029800E4252400"
    assert g.values(1)[0] == "CRS3035RES1000mN2029000E4252000"

"""Primary and secondary cell suppression of a territory × category table ("secret statistique").

The table holds every territory of the hierarchy (communes, their EPCI, their département and the grand total
``TOTAL``) crossed with every category and the row total ``TOTAL``; each cell is a count of units (persons,
households or businesses) and optionally an amount with its largest contributor.

Primary suppression (privacy-and-quality.md):
- frequency: a cell of 1 to ``threshold - 1`` units is hidden (11 for persons/households, 3 for businesses); 0 is
  not a breach;
- dominance: a cell where one contributor holds more than ``dominance`` (0.85) of the amount is hidden; with
  ``dominance_inclusive`` the rule is "``dominance`` or more" (INSEE wordings differ; the default is "more than").

Secondary suppression: every published margin is an equation (row: territory total = sum of its categories;
hierarchy: a parent cell = sum of the cells of the territories it is made of, for each level nested in it). A margin
with exactly one hidden cell is a leak, so the smallest non-hidden cell of that margin (positive values first) is
hidden too, until a fixed point. Then an exact linear-algebra audit looks for any hidden cell still determined by
the published equations (its unit vector in the row space of the hidden part) and breaks it the same way.
Published values are the true values: totals are never perturbed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..messages import QT_TR_NOOP, Message

TOTAL = "TOTAL"
LEVELS = ("commune", "epci", "departement", "total")
MAX_AUDIT_CELLS = 1500


@dataclass
class SuppressionResult:
    cells: pd.DataFrame  # territory, level, category, count, amount, top, hidden, reason
    equations: list = field(repr=False)  # lists of cell row indices (the margins checked)
    n_primary: int = 0
    n_secondary: int = 0
    audit_complete: bool = True  # False if a component was too large for the rank audit
    passes: int = 0


def hierarchy_from_codes(communes, epci_of: dict | None = None, use_epci: bool = True, use_dep: bool = True):
    """``{level: {commune: code}}`` for the EPCI (unknown EPCI → the commune alone) and département levels."""
    from .generalise import departement_of

    communes = sorted({str(c) for c in communes})
    out = {}
    if use_epci:
        epci_of = epci_of or {}
        out["epci"] = {c: str(epci_of.get(c, f"{c}*")) for c in communes}
    if use_dep:
        out["departement"] = {c: departement_of(c) or "?" for c in communes}
    return out


def build_table(
    territory,
    category,
    groupings: dict,
    weight=None,
    amount=None,
    contributor=None,
) -> pd.DataFrame:
    """Aggregate unit records into every (territory at every level, category incl. ``TOTAL``) cell.

    ``groupings``: ``{level: {commune: group code}}`` (levels among ``epci``, ``departement``). ``weight``: units per
    record (default 1). ``amount``: value used by the dominance rule; ``contributor``: id of the contributing unit
    (default each record is its own contributor), the largest contributor being the largest sum per contributor.
    """
    n = len(territory)
    df = pd.DataFrame(
        {
            "commune": pd.Series(territory, dtype=object).astype(str).to_numpy(),
            "category": pd.Series(category, dtype=object).fillna("").astype(str).to_numpy(),
            "w": np.ones(n)
            if weight is None
            else pd.to_numeric(pd.Series(weight), errors="coerce").fillna(0).to_numpy(),
            "a": np.zeros(n)
            if amount is None
            else pd.to_numeric(pd.Series(amount), errors="coerce").fillna(0).to_numpy(),
            "c": np.arange(n).astype(str) if contributor is None else pd.Series(contributor).astype(str).to_numpy(),
        }
    )
    if (df["w"] < 0).any() or (df["a"] < 0).any():
        raise ValueError("Counts and amounts must not be negative")
    if TOTAL in set(df["category"]) or TOTAL in set(df["commune"]):
        raise ValueError(
            Message(
                QT_TR_NOOP("'{}' is reserved for totals and cannot be a category or territory code"),
                TOTAL,
            )
        )
    frames = []
    level_maps = [("commune", None)] + [(lv, groupings[lv]) for lv in LEVELS[1:3] if lv in groupings] + [("total", "T")]
    for level, mapping in level_maps:
        if mapping is None:
            terr = df["commune"]
        elif mapping == "T":
            terr = pd.Series(TOTAL, index=df.index)
        else:
            terr = df["commune"].map(mapping).fillna("?")
        for cat_total in (False, True):
            cat = pd.Series(TOTAL, index=df.index) if cat_total else df["category"]
            g = pd.DataFrame(
                {"territory": terr.to_numpy(), "category": cat.to_numpy(), "c": df["c"], "w": df["w"], "a": df["a"]}
            )
            if contributor is not None:
                # the largest contributor is the largest sum over one contributor's records
                g = g.groupby(["territory", "category", "c"], sort=False).agg(w=("w", "sum"), a=("a", "sum"))
                g = g.reset_index()
            cell = g.groupby(["territory", "category"], sort=False).agg(
                count=("w", "sum"), amount=("a", "sum"), top=("a", "max"), contributors=("a", "size")
            )
            cell = cell.reset_index()
            cell["level"] = level
            frames.append(cell)
    table = pd.concat(frames, ignore_index=True)
    # add the zero cells of the full cross (territory × category) so that margins are complete
    cats = sorted(set(df["category"])) + [TOTAL]
    full = []
    for level, terrs in table.groupby("level")["territory"]:
        for t in sorted(set(terrs)):
            for c in cats:
                full.append((level, t, c))
    full = pd.DataFrame(full, columns=["level", "territory", "category"])
    table = full.merge(table, on=["level", "territory", "category"], how="left")
    table[["count", "amount", "top", "contributors"]] = table[["count", "amount", "top", "contributors"]].fillna(0)
    table["level_rank"] = table["level"].map({lv: i for i, lv in enumerate(LEVELS)})
    table = table.sort_values(["level_rank", "territory", "category"]).reset_index(drop=True)
    return table.drop(columns="level_rank")


def margin_equations(table: pd.DataFrame, groupings: dict, direct_only: bool = False) -> list:
    """Every published margin as a list of cell indices ``[total, part, part, …]`` (the total first).

    With ``direct_only``, a parent is only split into its nearest lower level that partitions it (EPCI into
    communes, département into EPCI, total into départements): fewer equations spanning the same relations, which
    keeps the exact audit's groups of hidden cells small.
    """
    index = {(lv, t, c): i for i, (lv, t, c) in enumerate(zip(table["level"], table["territory"], table["category"]))}
    cats = sorted(set(table["category"]) - {TOTAL})
    eqs = []
    # rows: territory total = sum of its categories
    for (lv, t), _ in table.groupby(["level", "territory"], sort=False):
        eqs.append([index[(lv, t, TOTAL)]] + [index[(lv, t, c)] for c in cats])
    # hierarchy: for every aggregate territory, every lower level whose territories partition it
    communes = sorted(set(table.loc[table["level"] == "commune", "territory"]))
    members = {("commune", c): {c} for c in communes}
    for lv in ("epci", "departement"):
        if lv in groupings:
            for c in communes:
                members.setdefault((lv, groupings[lv][c]), set()).add(c)
    members[("total", TOTAL)] = set(communes)
    by_level = {}
    for (lv, t), s in members.items():
        by_level.setdefault(lv, []).append((t, s))
    order = [lv for lv in LEVELS if lv in by_level]
    for hi_i, hi in enumerate(order):
        for parent, pset in by_level[hi]:
            splits = []
            for lo in order[:hi_i]:
                parts = [t for t, s in by_level[lo] if s & pset and s <= pset]
                if parts and sum(len(members[(lo, t)]) for t in parts) == len(pset):
                    splits.append((lo, parts))
            for lo, parts in splits[-1:] if direct_only else splits:
                for c in cats + [TOTAL]:
                    eqs.append([index[(hi, parent, c)]] + [index[(lo, t, c)] for t in parts])
    return eqs


def primary(
    table: pd.DataFrame,
    threshold: int = 11,
    dominance: float | None = None,
    dominance_inclusive: bool = False,
) -> pd.Series:
    """The reason each cell is primary-confidential (``frequency``, ``dominance`` or empty)."""
    count = table["count"].to_numpy()
    reason = np.full(len(table), "", dtype=object)
    reason[(count > 0) & (count < threshold)] = "frequency"
    if dominance is not None:
        amount = table["amount"].to_numpy(dtype="float64")
        top = table["top"].to_numpy(dtype="float64")
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(amount > 0, top / amount, 0.0)
        # compare with a tolerance so that exactly 85 % is "exactly 85 %" despite floating point
        eps = 1e-9
        dominated = (share >= dominance - eps) if dominance_inclusive else (share > dominance + eps)
        reason[(reason == "") & (amount > 0) & dominated] = "dominance"
    return pd.Series(reason, index=table.index)


def _pick(eq, hidden, values, order_key):
    candidates = [i for i in eq if not hidden[i]]
    if not candidates:
        return None
    return min(candidates, key=order_key)


def secondary(
    table: pd.DataFrame, equations: list, hidden: np.ndarray, is_canceled=None, audit_equations: list | None = None
) -> tuple:
    """Hide more cells until no margin has exactly one hidden cell and no hidden cell is determined.

    ``audit_equations``: equations spanning the same relations as ``equations`` used by the exact audit (default
    ``equations``). Returns ``(hidden, secondary_mask, audit_complete, passes)``.
    """
    audit_equations = equations if audit_equations is None else audit_equations
    hidden = hidden.copy()
    values = table["count"].to_numpy(dtype="float64")
    # smallest positive value first, zeros last (a hidden zero next to a structural zero protects nothing);
    # ties: interior cells before totals, then table order (deterministic)
    is_total = (table["category"] == TOTAL).to_numpy() | (table["level"] == "total").to_numpy()

    def order_key(i):
        return (values[i] <= 0, values[i], is_total[i], i)

    primary_mask = hidden.copy()
    audit_complete = True
    passes = 0
    eq_of_cell = {}
    for e, eq in enumerate(equations):
        for i in eq:
            eq_of_cell.setdefault(i, []).append(e)
    while True:
        passes += 1
        if is_canceled and is_canceled():
            raise InterruptedError("cancelled")
        # 1. the margin rule, to a fixed point
        changed = True
        while changed:
            changed = False
            for eq in equations:
                n_hidden = sum(1 for i in eq if hidden[i])
                if n_hidden == 1:
                    pick = _pick(eq, hidden, values, order_key)
                    if pick is not None:
                        hidden[pick] = True
                        changed = True
        # 2. exact audit: any hidden cell determined by the equations restricted to hidden cells?
        determined, complete = determined_cells(audit_equations, hidden)
        audit_complete = audit_complete and complete
        if not determined:
            break
        progress = False
        for i in determined:
            for e in eq_of_cell.get(i, []):
                pick = _pick(equations[e], hidden, values, order_key)
                if pick is not None:
                    hidden[pick] = True
                    progress = True
                    break
            if progress:
                break
        if not progress:
            break
    return hidden, hidden & ~primary_mask, audit_complete, passes


def determined_cells(equations: list, hidden: np.ndarray, tol: float = 1e-9) -> tuple:
    """Hidden cells whose value follows from the published equations (ignoring bounds), and whether all were audited.

    Per connected component of hidden cells: the equations restricted to hidden unknowns ``A x = b``; ``x_i`` is
    determined iff row ``i`` of a basis of the null space of ``A`` is zero.
    """
    hidden_idx = np.flatnonzero(hidden)
    if len(hidden_idx) == 0:
        return [], True
    pos = {int(c): j for j, c in enumerate(hidden_idx)}
    rows = []
    for eq in equations:
        h = [pos[i] for i in eq if i in pos]
        if h:
            coef = {}
            for i in eq:
                if i in pos:
                    coef[pos[i]] = coef.get(pos[i], 0.0) + (1.0 if i == eq[0] else -1.0)
            rows.append(coef)
    # connected components (union-find over unknowns sharing an equation)
    parent = list(range(len(hidden_idx)))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for coef in rows:
        keys = list(coef)
        for k2 in keys[1:]:
            ra, rb = find(keys[0]), find(k2)
            if ra != rb:
                parent[ra] = rb
    comps = {}
    for j in range(len(hidden_idx)):
        comps.setdefault(find(j), []).append(j)
    rows_of_comp = {}
    for coef in rows:
        rows_of_comp.setdefault(find(next(iter(coef))), []).append(coef)
    determined = []
    complete = True
    for root, unknowns in comps.items():
        if len(unknowns) > MAX_AUDIT_CELLS:
            complete = False
            continue
        local = {u: j for j, u in enumerate(unknowns)}
        eqs = rows_of_comp.get(root, [])
        if not eqs:
            continue
        a = np.zeros((len(eqs), len(unknowns)))
        for r, coef in enumerate(eqs):
            for u, v in coef.items():
                a[r, local[u]] = v
        _, s, vt = np.linalg.svd(a, full_matrices=True)
        rank = int((s > tol * max(a.shape) * (s[0] if len(s) else 1)).sum())
        null = vt[rank:]  # basis of the null space (rows)
        for u, j in local.items():
            if null.shape[0] == 0 or np.all(np.abs(null[:, j]) < 1e-8):
                determined.append(int(hidden_idx[u]))
    return sorted(determined), complete


def protect(
    table: pd.DataFrame,
    groupings: dict,
    threshold: int = 11,
    dominance: float | None = None,
    dominance_inclusive: bool = False,
    is_canceled=None,
) -> SuppressionResult:
    """Primary then secondary suppression of ``table`` (from :func:`build_table`)."""
    table = table.copy()
    reason = primary(table, threshold, dominance, dominance_inclusive)
    hidden = (reason != "").to_numpy()
    equations = margin_equations(table, groupings)
    audit_equations = margin_equations(table, groupings, direct_only=True)
    hidden_all, secondary_mask, complete, passes = secondary(table, equations, hidden, is_canceled, audit_equations)
    reason = reason.to_numpy(dtype=object)
    reason[secondary_mask] = "secondary"
    table["hidden"] = hidden_all
    table["reason"] = reason
    return SuppressionResult(table, equations, int(hidden.sum()), int(secondary_mask.sum()), complete, passes)

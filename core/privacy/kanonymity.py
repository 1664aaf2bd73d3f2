"""k-anonymity and (distinct) l-diversity with a suppression budget, least generalisation first.

The search walks the generalisation lattice (one level per quasi-identifier) by increasing height (sum of levels).
At each node, the records of equivalence classes smaller than ``k``, or holding fewer than ``l`` distinct values of
the sensitive attribute, are suppressed (the whole record). A node is feasible when the suppressed share is within
the budget. The first height with a feasible node wins; among its feasible nodes, the one suppressing the fewest
records (then the least generalised on average) is kept. If no node is feasible, the result says why and what
would work (a larger budget, a smaller k or l).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np

from ..messages import QT_TR_NOOP, Joined, Message, join

MAX_NODES = 20000


@dataclass
class NodeResult:
    levels: tuple
    suppressed: np.ndarray = field(repr=False)  # boolean mask of suppressed records
    n_suppressed: int = 0
    k_achieved: int = 0  # smallest class among kept records (0 if none kept)
    l_achieved: int = 0
    n_classes: int = 0
    loss: float = 0.0  # mean of level / max level
    class_sizes: np.ndarray = field(default=None, repr=False)
    class_distinct: np.ndarray = field(default=None, repr=False)  # distinct sensitive values per class (l > 1)


@dataclass
class KAnonymityResult:
    feasible: bool
    k: int
    l: int  # noqa: E741
    budget: float
    n_records: int
    node: NodeResult | None = None  # the chosen node (or the least-suppressing node when infeasible)
    level_names: dict = field(default_factory=dict)  # qi name → chosen level name
    nodes_evaluated: int = 0
    reason: str = ""
    suggestions: list = field(default_factory=list)

    @property
    def kept(self) -> np.ndarray:
        return ~self.node.suppressed


def _codes(values: np.ndarray) -> tuple:
    uniq, inverse = np.unique(values.astype(str), return_inverse=True)
    return inverse.astype("int64"), len(uniq)


def _combine(code_list: list) -> np.ndarray:
    key = np.zeros(len(code_list[0][0]) if code_list else 0, dtype="int64")
    card = 1
    for codes, n in code_list:
        key = key * n + codes
        card *= n
        if card > 2**40:  # re-factorise to keep the mixed-radix key small
            uniq, key = np.unique(key, return_inverse=True)
            key = key.astype("int64")
            card = len(uniq)
    return key


def evaluate(codes_per_qi: list, levels: tuple, k: int, l: int, sensitive_codes=None) -> NodeResult:  # noqa: E741
    """Suppression needed at one lattice node (``codes_per_qi[i][level]`` = (codes, cardinality))."""
    n = len(codes_per_qi[0][0][0]) if codes_per_qi else 0
    if codes_per_qi:
        key = _combine([codes_per_qi[i][lv] for i, lv in enumerate(levels)])
    else:
        key = np.zeros(n, dtype="int64")
    _, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    bad_class = counts < k
    distinct = None
    if sensitive_codes is not None and l > 1:
        pairs = np.unique(inverse.astype("int64") * (int(sensitive_codes.max(initial=0)) + 1) + sensitive_codes)
        distinct = np.bincount(pairs // (int(sensitive_codes.max(initial=0)) + 1), minlength=len(counts))
        bad_class |= distinct < l
    suppressed = bad_class[inverse]
    kept_classes = ~bad_class
    k_achieved = int(counts[kept_classes].min()) if kept_classes.any() else 0
    if distinct is not None:
        l_achieved = int(distinct[kept_classes].min()) if kept_classes.any() else 0
    else:
        l_achieved = 0
    return NodeResult(
        levels=tuple(levels),
        suppressed=suppressed,
        n_suppressed=int(suppressed.sum()),
        k_achieved=k_achieved,
        l_achieved=l_achieved,
        n_classes=int(kept_classes.sum()),
        class_sizes=counts,
        class_distinct=distinct,
    )


def anonymise(
    hierarchies: list,
    k: int = 11,
    l: int = 1,  # noqa: E741
    budget: float = 0.05,
    sensitive=None,
    fixed_max_levels: dict | None = None,
    is_canceled=None,
    progress=None,
) -> KAnonymityResult:
    """Find the least generalisation meeting k-anonymity (and l-diversity) with at most ``budget`` records removed.

    ``hierarchies``: list of :class:`Hierarchy` (all the same length); ``sensitive``: values of the sensitive
    attribute (required when ``l`` > 1); ``fixed_max_levels``: name → highest level the search may use.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    if not 0 <= budget <= 1:
        raise ValueError("The suppression budget must be a share between 0 and 1")
    if l > 1 and sensitive is None:
        raise ValueError("l-diversity needs a sensitive attribute")
    n = len(hierarchies[0].levels[0]) if hierarchies else (len(sensitive) if sensitive is not None else 0)
    result = KAnonymityResult(False, k, l, budget, n)
    if n == 0:
        result.reason = QT_TR_NOOP("the input holds no record")
        return result
    codes_per_qi = [[_codes(lv) for lv in h.levels] for h in hierarchies]
    sensitive_codes = _codes(np.asarray(list(sensitive), dtype=object))[0] if sensitive is not None and l > 1 else None
    fixed_max_levels = fixed_max_levels or {}
    ranges = [range(min(h.max_level, fixed_max_levels.get(h.name, h.max_level)) + 1) for h in hierarchies]
    nodes = sorted(itertools.product(*ranges), key=lambda lv: (sum(lv), lv))
    if len(nodes) > MAX_NODES:
        raise ValueError(
            Message(
                QT_TR_NOOP(
                    "Too many generalisation combinations ({}); declare fewer quasi-identifiers or cap their levels",
                ),
                len(nodes),
            )
        )
    allowed = int(np.floor(budget * n + 1e-9))
    maxes = [max(h.max_level, 1) for h in hierarchies]
    best_height = None
    feasible_nodes = []
    evaluated = []
    for idx, levels in enumerate(nodes):
        height = sum(levels)
        if best_height is not None and height > best_height:
            break
        if is_canceled and is_canceled():
            result.reason = "cancelled"
            return result
        node = evaluate(codes_per_qi, levels, k, l, sensitive_codes)
        node.loss = float(np.mean([lv / m for lv, m in zip(levels, maxes)])) if levels else 0.0
        evaluated.append(node)
        if node.n_suppressed <= allowed and node.n_suppressed < n:
            feasible_nodes.append(node)
            best_height = height
        if progress:
            progress(100.0 * (idx + 1) / len(nodes))
    result.nodes_evaluated = len(evaluated)
    if feasible_nodes:
        chosen = min(feasible_nodes, key=lambda nd: (nd.n_suppressed, nd.loss, nd.levels))
        # drop the per-node arrays of the others
        result.feasible = True
        result.node = chosen
    else:
        chosen = min(evaluated, key=lambda nd: (nd.n_suppressed, nd.loss, nd.levels))
        result.node = chosen
        result.reason, result.suggestions = _explain_failure(evaluated, chosen, n, k, l, budget, hierarchies)
    result.level_names = {h.name: h.level_names[lv] for h, lv in zip(hierarchies, result.node.levels)}
    return result


def _level_names(hierarchies, levels) -> Joined:
    """``age: 10-year bands, commune: EPCI``: each level name translated when shown."""
    return join(", ", (Message("{}: {}", h.name, h.level_names[lv]) for h, lv in zip(hierarchies, levels)))


def _explain_failure(evaluated, least, n, k, l, budget, hierarchies):  # noqa: E741
    share = least.n_suppressed / n
    names = _level_names(hierarchies, least.levels)
    allowed = int(np.floor(budget * n + 1e-9))
    k_alone = _k_alone_feasible(evaluated, k, allowed, n)
    if l > 1 and k_alone is not None:
        reason = Message(
            QT_TR_NOOP(
                "l = {} cannot be met by suppressing at most {:.1%} of the {} records (k = {} "
                "alone could be, with {}): too many groups hold fewer than {} distinct values of "
                "the sensitive attribute; even the best generalisation ({}) would have to "
                "suppress {} records ({:.1%}).",
            ),
            l,
            budget,
            n,
            k,
            k_alone,
            l,
            names,
            least.n_suppressed,
            share,
        )
        return reason, _l_suggestions(evaluated, least, n, k, l, allowed, share, names, hierarchies)
    template = (
        QT_TR_NOOP(
            "k = {} and l = {} cannot be met by suppressing at most {:.1%} of the {} records: even the best "
            "generalisation ({}) would have to suppress {} records ({:.1%})."
        )
        if l > 1
        else QT_TR_NOOP(
            "k = {} cannot be met by suppressing at most {:.1%} of the {} records: even the best "
            "generalisation ({}) would have to suppress {} records ({:.1%})."
        )
    )
    targets = (k, l) if l > 1 else (k,)
    reason = Message(template, *targets, budget, n, names, least.n_suppressed, share)
    suggestions = []
    if least.n_suppressed < n:
        suggestions.append(
            Message(
                QT_TR_NOOP("raise the suppression budget to at least {:.1f} % (generalisation: {})"),
                np.ceil(share * 1000) / 10,
                names,
            )
        )
    # the largest k reachable within the budget (class sizes of each evaluated node, ignoring l)
    best_k, best_node = 0, None
    for node in evaluated:
        sizes = np.sort(node.class_sizes)
        cum = np.cumsum(sizes)  # records in classes up to each size
        for size in np.unique(sizes)[::-1]:
            removed = int(cum[np.searchsorted(sizes, size, side="left") - 1]) if (sizes < size).any() else 0
            if removed <= allowed:
                if size > best_k:
                    best_k, best_node = int(size), node
                break
    if best_k >= 2 and best_k < k:
        names_k = _level_names(hierarchies, best_node.levels)
        suggestions.append(
            Message(
                QT_TR_NOOP("a smaller k of {} would be reachable within the budget ({})"),
                best_k,
                names_k,
            )
        )
    suggestions.append("declare fewer quasi-identifiers, or allow coarser levels (e.g. département, year, 8 km cells)")
    if n < k:
        suggestions.append(Message(QT_TR_NOOP("the input holds only {} records: no k ≥ {} is possible"), n, n + 1))
    return reason, suggestions


def _k_alone_feasible(evaluated, k, allowed, n):
    """The levels (as a tuple) of a node where k alone (l ignored) is met within the budget, else None."""
    for node in evaluated:
        small = int(node.class_sizes[node.class_sizes < k].sum())
        if small <= allowed and small < n:
            return node.levels
    return None


def _l_suggestions(evaluated, least, n, k, l, allowed, share, names, hierarchies):  # noqa: E741
    """What would work when l-diversity (not k) is the blocker: a smaller l, a larger budget, a coarser grouping."""
    suggestions = []
    best_l, best_node = 0, None
    for node in evaluated:
        if node.class_distinct is None:
            continue
        for candidate in range(l - 1, 1, -1):
            bad = (node.class_sizes < k) | (node.class_distinct < candidate)
            removed = int(node.class_sizes[bad].sum())
            if removed <= allowed and removed < n:
                if candidate > best_l:
                    best_l, best_node = candidate, node
                break
    if best_l >= 2:
        names_l = _level_names(hierarchies, best_node.levels)
        suggestions.append(
            Message(
                QT_TR_NOOP("a smaller l of {} would be reachable within the budget ({})"),
                best_l,
                names_l,
            )
        )
    else:
        suggestions.append(
            Message(
                QT_TR_NOOP(
                    "set l to 1 (no l-diversity) or choose another sensitive attribute: no l ≥ 2 is "
                    "reachable within the budget with k = {}",
                ),
                k,
            )
        )
    if least.n_suppressed < n:
        suggestions.append(
            Message(
                QT_TR_NOOP("raise the suppression budget to at least {:.1f} % (generalisation: {})"),
                np.ceil(share * 1000) / 10,
                names,
            )
        )
    suggestions.append(
        "generalise the quasi-identifiers further (larger groups hold more distinct sensitive values), or group rare"
        " values of the sensitive attribute"
    )
    return suggestions

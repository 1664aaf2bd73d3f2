"""The steps of an anonymised export, as pure functions (the Processing algorithm reads parameters and writes).

- :class:`Declaration`: the role of each field (direct identifier, free text, quasi-identifier of each kind, dropped,
  sensitive), completed by :meth:`Declaration.add_detected` from the detection of :mod:`.identifiers`;
- :func:`build_hierarchies`: the generalisation hierarchy of every quasi-identifier (and of the location);
- :func:`alternatives`: when k (and l) cannot be met, which single quasi-identifier, once dropped, would let it be met;
- :func:`build_records`: the published records (kept rows, generalised values, pseudonyms, redacted text, cell ids).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..messages import QT_TR_NOOP, Message, join
from ..territory_codes import normalise_code
from . import generalise as gen
from .identifiers import compile_names, kind_name, name_like_values, propose_declaration, redact
from .kanonymity import anonymise
from .pseudonym import pseudonymise

LOCATION = "location"


@dataclass
class Declaration:
    """Fields by role (lists of field names)."""

    direct: list = field(default_factory=list)
    free_text: list = field(default_factory=list)
    ages: list = field(default_factory=list)
    dates: list = field(default_factory=list)
    communes: list = field(default_factory=list)
    categorical: list = field(default_factory=list)
    drop: list = field(default_factory=list)
    sensitive: str | None = None

    def declared(self) -> set:
        names = self.direct + self.free_text + self.ages + self.dates + self.communes + self.categorical + self.drop
        return set(names) | ({self.sensitive} if self.sensitive else set())

    def add_detected(self, frame: pd.DataFrame) -> dict:
        """Add the fields the detection proposes (never one already declared); ``{field: why}`` of those added."""
        declared = self.declared()
        detected = {}
        proposals = propose_declaration({c: frame[c].tolist() for c in frame.columns})
        for name, prop in proposals.items():
            if name in declared:
                continue
            if prop.role == "direct":
                self.direct.append(name)
                detected[name] = Message(
                    QT_TR_NOOP("direct identifier ({}): {}"), join(", ", map(kind_name, prop.kinds)), prop.reason
                )
            elif prop.role == "free_text":
                self.free_text.append(name)
                detected[name] = Message(QT_TR_NOOP("free text: {}"), prop.reason)
            elif prop.role == "quasi":
                kind = prop.kinds[0] if prop.kinds else "categorical"
                {"age": self.ages, "date": self.dates, "commune": self.communes}.get(kind, self.categorical).append(
                    name
                )
                detected[name] = Message(QT_TR_NOOP("quasi-identifier ({})"), kind_name(kind))
        return detected


def commune_codes(values) -> list:
    """Commune codes as INSEE writes them (``1001`` → ``01001``), ``None`` for a missing code."""
    return [normalise_code(v, "commune") or None for v in values]


def build_hierarchies(frame: pd.DataFrame, declaration: Declaration, epci_of: dict, x=None, y=None) -> list:
    """One hierarchy per quasi-identifier, the location (grid cells) last when ``x``/``y`` are given."""
    hierarchies = [gen.age(name, frame[name].tolist()) for name in declaration.ages]
    hierarchies += [gen.date(name, frame[name].tolist()) for name in declaration.dates]
    hierarchies += [gen.commune(name, commune_codes(frame[name]), epci_of) for name in declaration.communes]
    hierarchies += [gen.categorical(name, frame[name].tolist()) for name in declaration.categorical]
    if x is not None:
        hierarchies.append(gen.grid(LOCATION, x, y))
    return hierarchies


def alternatives(hierarchies: list, is_canceled=None, **search) -> list:
    """``[(hierarchy dropped, feasible result)]``: the single quasi-identifiers whose removal lets the target be met.

    ``search``: the keyword arguments of :func:`.kanonymity.anonymise` (k, l, budget, sensitive, fixed_max_levels).
    """
    found = []
    if len(hierarchies) < 2:
        return found
    for hier in hierarchies:
        if is_canceled and is_canceled():
            break
        alt = anonymise([h for h in hierarchies if h is not hier], is_canceled=is_canceled, **search)
        if alt.feasible:
            found.append((hier, alt))
    return found


def _known_names(frame: pd.DataFrame, direct: list):
    """Values of direct identifiers that look like names: searched in free text too."""
    names = set()
    for name in direct:
        if name in frame.columns:
            names.update(name_like_values(frame[name].dropna().unique()))
    return compile_names(names)


@dataclass
class Records:
    frame: pd.DataFrame
    cells: np.ndarray | None  # grid cell id of each published record (None without location)
    fields: dict  # field → what was done to it (for the risk report)


def build_records(
    frame: pd.DataFrame,
    declaration: Declaration,
    hierarchies: list,
    node,
    kept: np.ndarray,
    key: str | None,
    redact_text: bool,
    seed: int,
) -> Records:
    """The published records: suppressed rows removed, quasi-identifiers generalised to ``node``'s levels,
    direct identifiers dropped (or pseudonymised with ``key``), free text dropped (or redacted), rows shuffled
    with ``seed`` (the output order does not reveal the input order)."""
    d = declaration
    out = pd.DataFrame(index=range(int(kept.sum())))
    known_names = _known_names(frame, d.direct)
    by_name = {h.name: (h, level) for h, level in zip(hierarchies, node.levels)}
    fields = {}
    for name in frame.columns:
        if name in d.drop or (name in d.free_text and not redact_text) or (name in d.direct and key is None):
            continue
        values = frame[name].to_numpy(dtype=object)[kept]
        if name in d.direct:
            out[f"{name}_pseudo"] = pseudonymise(values.tolist(), key)
        elif name in d.free_text:
            out[name] = [redact(v, known_names) for v in values]
        elif name in by_name:
            hier, level = by_name[name]
            out[name] = hier.values(level)[kept]
        else:
            out[name] = values
            fields[name] = QT_TR_NOOP("kept as is") if name != d.sensitive else QT_TR_NOOP("kept (sensitive attribute)")
    cells = None
    if LOCATION in by_name:
        hier, level = by_name[LOCATION]
        cells = hier.values(level)[kept]
        out["cell_id"] = cells
    for hier, level in zip(hierarchies, node.levels):
        fields.setdefault(hier.name, Message(QT_TR_NOOP("generalised to {}"), hier.level_names[level]))
    order = np.random.default_rng(seed).permutation(len(out))
    out = out.iloc[order].reset_index(drop=True)
    if cells is not None:
        cells = cells[order]
    return Records(out, cells, fields)

"""Re-code a commune table from one COG vintage to another, without silent losses.

Every input code gets a *fate*:

- ``unchanged``: still a commune of the target vintage, alone (no other input code joins it);
- ``recoded``: became another code, alone (a commune nouvelle taking the code of a former commune);
- ``merged``: several input codes end in the same target commune (a commune nouvelle): additive measures are
  summed, rates are averaged weighted by the weight column;
- ``split``: the commune was split (communes re-established): additive measures (and the weight) are allocated
  to the resulting communes **in proportion to their population** in the vintage of the split (equal shares when
  the population is unknown), rates are copied (the rate of the whole is the best estimate for its parts);
- ``unknown``: not a commune code of the source vintage, nor a code that can be followed; listed with a note.

Codes older than the first vintage of the referential (e.g. the 2018 codes) are followed through the
``anciensCodes`` of the first vintage: pass any year before it (``2018``) as the source vintage.
Additive totals are preserved: total before = total after + total of the unknown codes (when dropped).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..messages import QT_TR_NOOP, Message, join
from ..territory_codes import normalise_code
from .referential import CogReferential, default_referential

UNCHANGED = "unchanged"
RECODED = "recoded"
MERGED = "merged"
SPLIT = "split"
UNKNOWN = "unknown"
KINDS = (UNCHANGED, RECODED, MERGED, SPLIT, UNKNOWN)
# "3 unchanged": how the summary counts each kind (translated when shown).
KIND_COUNTS = {
    UNCHANGED: QT_TR_NOOP("{} unchanged"),
    RECODED: QT_TR_NOOP("{} recoded"),
    MERGED: QT_TR_NOOP("{} merged"),
    SPLIT: QT_TR_NOOP("{} split"),
    UNKNOWN: QT_TR_NOOP("{} unknown"),
}


def vintage_label(vintage: int, referential: CogReferential) -> str:
    first = referential.vintages[0]
    return Message(QT_TR_NOOP("{} or older"), first - 1) if vintage < first else str(vintage)


def detect_vintage(codes, referential: CogReferential | None = None) -> tuple:
    """``(vintage, scores)``: the vintage whose communes and arrondissements match the most codes.

    ``vintage`` is ``first vintage - 1`` ("older codes") when codes known only as absorbed or delegated
    communes make the older codes match better than any vintage. Ties go to the latest vintage.
    """
    ref = referential or default_referential()
    codes = {normalise_code(c) for c in codes} - {""}
    scores = {}
    for year in ref.vintages:
        tables = ref.tables(year)
        scores[year] = len(codes & tables.communes.keys()) + len(codes & tables.arrondissements.keys())
    older = ref.vintages[0] - 1
    scores[older] = len(codes & ref.transition(older, ref.vintages[0]).keys())
    best = max(ref.vintages, key=lambda y: (scores[y], y))
    if scores[older] > scores[best]:
        best = older
    return best, scores


@dataclass
class HarmonisationReport:
    source_vintage: int
    target_vintage: int
    fates: pd.DataFrame  # one row per distinct input code: code, kind, targets, shares, rows, note
    mapping: pd.DataFrame  # source_code, target_code, share, kind (one row per pair; none for unknown codes)
    totals: pd.DataFrame  # measure, before, after, unknown
    counts: dict = field(default_factory=dict)  # kind -> number of distinct input codes

    @property
    def unknown_codes(self) -> list:
        return sorted(self.fates.loc[self.fates["kind"] == UNKNOWN, "code"])

    def summary(self) -> str:
        parts = join(", ", (Message(KIND_COUNTS[k], self.counts.get(k, 0)) for k in KINDS))
        return Message(QT_TR_NOOP("{} codes: {}"), int(sum(self.counts.values())), parts)


def resolve_codes(codes, source_vintage, target_vintage, referential: CogReferential) -> tuple:
    """``({code: {target: share}}, {code: note})`` for distinct normalised codes."""
    ref = referential
    first = ref.vintages[0]
    source = ref.resolve_vintage(source_vintage)
    target = ref.resolve_vintage(target_vintage)
    main = ref.transition(source, target)
    older = ref.transition(first - 1, target) if source >= first else main
    src_tables = ref.tables(source) if source >= first else None
    first_tables = ref.tables(first)
    later_tables = [(y, ref.tables(y)) for y in ref.vintages if y > source]
    resolved, notes = {}, {}
    label = vintage_label(source, ref)
    for code in codes:
        if code in main:
            resolved[code] = main[code]
            if src_tables is None and code not in first_tables.communes and code not in first_tables.arrondissements:
                notes[code] = Message(QT_TR_NOOP("former commune, absorbed before {}"), first)
            continue
        if not code:
            resolved[code], notes[code] = {}, "empty code"
            continue
        if src_tables is not None and code in src_tables.delegated:
            parent = src_tables.delegated[code].parent
            resolved[code] = main.get(parent, {})
            notes[code] = Message(
                QT_TR_NOOP("{} of {} in {}: counted with it"),
                src_tables.delegated[code].kind,
                parent,
                label,
            )
            continue
        if src_tables is not None and code in older:
            resolved[code] = older[code]
            notes[code] = Message(QT_TR_NOOP("not a commune in {}: older code, followed through anciensCodes"), label)
            continue
        later = [y for y, tables in later_tables if code in tables.communes]
        resolved[code] = {}
        if later:
            notes[code] = Message(QT_TR_NOOP("commune code only from {}: is the source vintage right?"), later[0])
        elif len(code) != 5:
            notes[code] = "not a 5-character commune code (Corsica: 2A/2B, overseas: 97x)"
        else:
            notes[code] = Message(QT_TR_NOOP("not a commune code of {} nor a known older code"), label)
    return resolved, notes


def harmonise(
    table: pd.DataFrame,
    code_column: str,
    source_vintage,
    target_vintage=None,
    additive=(),
    rates=(),
    weight: str | None = None,
    keys=(),
    referential: CogReferential | None = None,
    keep_unknown: bool = False,
    name_column: str | None = None,
) -> tuple:
    """``(recoded table, HarmonisationReport)``.

    ``source_vintage``: a year, a year before the referential's first vintage for older codes, or ``"detect"``.
    ``additive``: columns summed on merges and allocated on splits. ``rates``: columns averaged weighted by
    ``weight`` (itself additive, required with rates). ``keys``: other key columns (period, category...) kept
    apart. The output has ``code_column`` (target codes), the keys, the measures and ``source_codes``
    (``;``-separated input codes), plus ``name_column`` (official name) when given. Unknown codes are dropped
    unless ``keep_unknown`` (then kept with their own code).
    """
    ref = referential or default_referential()
    additive, rates, keys = list(additive), list(rates), list(keys)
    _check_columns(table, code_column, additive, rates, keys, weight)
    codes = table[code_column].map(normalise_code)
    if isinstance(source_vintage, str) and source_vintage.strip().lower() == "detect":
        source, _ = detect_vintage(codes.unique(), ref)
    else:
        source = ref.resolve_vintage(source_vintage)
    target = ref.resolve_vintage(target_vintage)
    distinct = sorted(set(codes))
    resolved, notes = resolve_codes(distinct, source, target, ref)
    _keep_components_of_later_splits(distinct, resolved, notes)
    kinds = _kinds(distinct, resolved)
    rows_per_code = codes.value_counts()
    fates = pd.DataFrame(
        {
            "code": distinct,
            "kind": [kinds[c] for c in distinct],
            "targets": [";".join(sorted(resolved[c])) for c in distinct],
            "shares": [";".join(f"{resolved[c][t]:.6g}" for t in sorted(resolved[c])) for c in distinct],
            "rows": [int(rows_per_code.get(c, 0)) for c in distinct],
            "note": [notes.get(c, "") for c in distinct],
        }
    )
    mapping = pd.DataFrame(
        [(c, t, s, kinds[c]) for c in distinct for t, s in sorted(resolved[c].items())],
        columns=["source_code", "target_code", "share", "kind"],
    )
    counts = {k: int((fates["kind"] == k).sum()) for k in KINDS}

    measures = additive + ([weight] if weight and weight not in additive else [])
    data = table[keys].copy()
    data["_src"] = codes.values
    for col in measures + rates:
        data[col] = pd.to_numeric(table[col], errors="coerce").astype("float64").values
    out = _aggregate(data, mapping, code_column, keys, measures, rates, weight)
    unknown_codes = {c for c, k in kinds.items() if k == UNKNOWN}
    if keep_unknown:
        out = _append_unknown(out, data, unknown_codes, code_column, keys, measures, rates)
    if name_column:
        out[name_column] = out[code_column].map(_official_names(ref, target))
    out = out[[code_column] + ([name_column] if name_column else []) + keys + measures + rates + ["source_codes"]]

    unknown_mask = data["_src"].isin(unknown_codes)
    totals = pd.DataFrame(
        {
            "measure": measures,
            "before": [float(data[c].sum()) for c in measures],
            "after": [float(out[c].sum()) for c in measures],
            "unknown": [float(data.loc[unknown_mask, c].sum()) for c in measures],
        }
    )
    report = HarmonisationReport(source, target, fates, mapping, totals, counts)
    return out, report


def _check_columns(table, code_column, additive, rates, keys, weight) -> None:
    if code_column not in table.columns:
        raise ValueError(Message(QT_TR_NOOP("Column {!r} not found in the table"), code_column))
    missing = [c for c in additive + rates + keys + ([weight] if weight else []) if c not in table.columns]
    if missing:
        raise ValueError(Message(QT_TR_NOOP("Columns not found in the table: {}"), ", ".join(missing)))
    if rates and not weight:
        raise ValueError("Rates need a weight column (for instance the population the rate is computed on)")
    overlap = set(additive) & set(rates)
    if overlap:
        raise ValueError(Message(QT_TR_NOOP("Columns both additive and rate: {}"), ", ".join(sorted(overlap))))


def _keep_components_of_later_splits(distinct, resolved, notes) -> None:
    """A split code whose other parts are all reached, whole, by other rows of the table was only a component of
    the commune that split later (e.g. a 2018 commune merged in 2019 whose commune nouvelle split in 2024):
    it keeps its own part. Otherwise the split is allocated by population."""
    whole_targets = {}
    for code in distinct:
        if len(resolved[code]) == 1:
            (tgt,) = resolved[code]
            whole_targets.setdefault(tgt, []).append(code)
    for code in distinct:
        targets = resolved[code]
        if len(targets) > 1 and code in targets:
            others = [t for t in targets if t != code]
            if all(t in whole_targets for t in others):
                resolved[code] = {code: 1.0}
                claimed = sorted({c for t in others for c in whole_targets[t]})
                notes[code] = Message(
                    QT_TR_NOOP("its later split parts {} are rows {} of the table"),
                    ", ".join(others),
                    ", ".join(claimed),
                )


def _kinds(distinct, resolved) -> dict:
    """The fate of each code, relative to the codes present in the table."""
    inflow = {}
    for code in distinct:
        for tgt in resolved[code]:
            inflow[tgt] = inflow.get(tgt, 0) + 1
    kinds = {}
    for code in distinct:
        targets = resolved[code]
        if not targets:
            kinds[code] = UNKNOWN
        elif len(targets) > 1:
            kinds[code] = SPLIT
        else:
            (tgt,) = targets
            kinds[code] = MERGED if inflow[tgt] > 1 else (UNCHANGED if tgt == code else RECODED)
    return kinds


def _aggregate(data, mapping, code_column, keys, measures, rates, weight) -> pd.DataFrame:
    """Measures summed (shared on splits) and rates averaged with their weight, per target code and keys."""
    merged = data.merge(mapping[["source_code", "target_code", "share"]], left_on="_src", right_on="source_code")
    for col in measures:
        merged[col] = merged[col] * merged["share"]
    for col in rates:
        valid = merged[col].notna() & merged[weight].notna()
        merged[f"_wr_{col}"] = (merged[col] * merged[weight]).where(valid)
        merged[f"_w_{col}"] = merged[weight].where(valid)
    grouped = merged.groupby(["target_code"] + keys, sort=True, dropna=False)
    out = grouped[measures].sum(min_count=1) if measures else grouped.size().to_frame("_n")[[]]
    for col in rates:
        num = grouped[f"_wr_{col}"].sum(min_count=1)
        den = grouped[f"_w_{col}"].sum(min_count=1)
        out[col] = (num / den.replace(0, np.nan)).values
    out = out.reset_index().rename(columns={"target_code": code_column})
    sources_of = {}
    for src, tgt in zip(mapping["source_code"], mapping["target_code"]):
        sources_of.setdefault(tgt, []).append(src)
    sources_of = {tgt: ";".join(sorted(set(srcs))) for tgt, srcs in sources_of.items()}
    out["source_codes"] = out[code_column].map(sources_of)
    return out


def _append_unknown(out, data, unknown_codes, code_column, keys, measures, rates) -> pd.DataFrame:
    unknown_rows = data[data["_src"].isin(unknown_codes)]
    if not len(unknown_rows):
        return out
    extra = unknown_rows[keys + measures + rates].copy()
    extra.insert(0, code_column, unknown_rows["_src"].values)
    extra["source_codes"] = unknown_rows["_src"].values
    return pd.concat([out, extra], ignore_index=True)


def _official_names(ref, vintage) -> dict:
    tables = ref.tables(vintage)
    names = {}
    for table in (tables.delegated, tables.arrondissements, tables.communes):  # communes last: they win
        names.update((code, rec.name) for code, rec in table.items())
    return names

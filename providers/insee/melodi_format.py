"""Pure parsing of INSEE Melodi responses (no ``qgis`` import: unit-testable without QGIS).

Melodi answers, for ``/catalog/all``, a JSON list of dataset entries whose texts are lists of
``{"lang", "content"}``; for ``/data/{DATASET}``, an object
``{identifier, title{fr,en}, publisher, observations:[{dimensions:{GEO, FREQ, TIME_PERIOD, ...},
measures:{OBS_VALUE_NIVEAU:{value}}, attributes:{...}}], paging:{first, next?, count?}}``; for ``/range/{DATASET}``,
``{range:[{concept:{code, label{fr,en}}, values:[{code|id, label{fr,en}}]}]}``.
The territory ``GEO`` carries a vintage prefix (``"2025-COM-44109"``): it is split here into code, level, vintage.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

# Dimensions that every Melodi dataset shares and that are not "breakdowns" chosen by the user.
GEO_DIM = "GEO"
TIME_DIM = "TIME_PERIOD"
FREQ_DIM = "FREQ"
STRUCTURAL_DIMS = (GEO_DIM, TIME_DIM, FREQ_DIM)

# "2025-COM-44109", "COM-44109", "2025-AAV2020-002", "FRANCE-F", "2024-ARM-75101"
_GEO_RE = re.compile(r"^(?:(?P<vintage>\d{4})-)?(?P<level>[A-Z][A-Z0-9_]*)-(?P<code>.+)$")

# Tidy table columns, in this order, before the measure / pivot columns.
CODE_COL = "code"
LEVEL_COL = "level"
VINTAGE_COL = "vintage"
PERIOD_COL = "period"


class MelodiFormatError(ValueError):
    """A Melodi response that does not have the documented shape."""


def parse_geo(value: str) -> tuple:
    """``"2025-COM-44109"`` → ``("44109", "COM", "2025")``; without a prefix the vintage is ``""``."""
    text = str(value or "").strip()
    match = _GEO_RE.match(text)
    if not match:
        return text, "", ""
    return match.group("code"), match.group("level"), match.group("vintage") or ""


def lang_text(value, lang: str = "en", fallback: str = "fr") -> str:
    """Text of a Melodi multilingual value: ``[{"lang","content"}]``, ``{"fr","en"}`` or a plain string."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return str(value.get(lang) or value.get(fallback) or next((v for v in value.values() if v), "") or "").strip()
    if isinstance(value, list):
        by_lang = {}
        for item in value:
            if isinstance(item, dict) and str(item.get("content") or "").strip():
                by_lang.setdefault(item.get("lang", ""), " ".join(str(item["content"]).split()))
        return by_lang.get(lang) or by_lang.get(fallback) or next(iter(by_lang.values()), "")
    return str(value)


def _fold(text: str) -> str:
    """Lower case without accents, for searching."""
    norm = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in norm if not unicodedata.combining(c)).lower()


@dataclass
class DatasetSummary:
    """One catalogue entry, reduced to what TerriData shows and uses."""

    identifier: str
    title: str = ""
    title_fr: str = ""
    subtitle: str = ""
    description: str = ""
    spatial_resolution: list = field(default_factory=list)  # e.g. ["COM", "DEP", "REG"]
    start_period: str = ""
    end_period: str = ""
    modified: str = ""
    num_observations: int | None = None
    components: list = field(default_factory=list)  # "ordreComposants": dimensions, measures and attributes

    @property
    def search_text(self) -> str:
        return _fold(" ".join((self.identifier, self.title, self.title_fr, self.subtitle, self.description)))


def parse_catalogue(payload) -> list:
    """``/catalog/all`` (a list, or an object holding one) → a list of :class:`DatasetSummary`."""
    if isinstance(payload, dict):
        for key in ("datasets", "catalog", "items", "results"):
            if isinstance(payload.get(key), list):
                payload = payload[key]
                break
    if not isinstance(payload, list):
        raise MelodiFormatError("the Melodi catalogue is not a list of datasets")
    entries = []
    for raw in payload:
        if not isinstance(raw, dict) or not raw.get("identifier"):
            continue
        temporal = raw.get("temporal") or {}
        resolutions = []
        for res in raw.get("spatialResolution") or []:
            rid = res.get("id") if isinstance(res, dict) else res
            if rid:
                resolutions.append(str(rid))
        num = raw.get("numObservations")
        entries.append(
            DatasetSummary(
                identifier=str(raw["identifier"]),
                title=lang_text(raw.get("title"), "en"),
                title_fr=lang_text(raw.get("title"), "fr"),
                subtitle=lang_text(raw.get("subtitle"), "en"),
                description=" ".join(
                    t
                    for t in (
                        lang_text(raw.get("abstract"), "fr"),
                        lang_text(raw.get("description"), "fr"),
                        lang_text(raw.get("description"), "en"),
                    )
                    if t
                ),
                spatial_resolution=resolutions,
                start_period=str(temporal.get("startPeriod") or "")[:10],
                end_period=str(temporal.get("endPeriod") or "")[:10],
                modified=str(raw.get("modified") or ""),
                num_observations=int(num) if isinstance(num, (int, float)) else None,
                components=[str(c) for c in raw.get("ordreComposants") or []],
            )
        )
    return entries


def search_catalogue(entries: list, words: str, limit: int = 50) -> list:
    """Datasets whose identifier, titles or descriptions contain every word (accents and case ignored).

    Ranked: identifier matches first, then title matches, then description-only matches.
    """
    terms = [_fold(w) for w in re.split(r"\s+", words or "") if w]
    if not terms:
        return list(entries)[:limit]
    scored = []
    for pos, entry in enumerate(entries):
        text = entry.search_text
        if not all(t in text for t in terms):
            continue
        ident = _fold(entry.identifier)
        titles = _fold(f"{entry.title} {entry.title_fr} {entry.subtitle}")
        score = sum(3 if t in ident else 2 if t in titles else 1 for t in terms)
        scored.append((-score, pos, entry))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [entry for _, _, entry in scored[:limit]]


@dataclass
class Dimension:
    code: str
    label: str = ""
    values: dict = field(default_factory=dict)  # code → label


def parse_range(payload) -> dict:
    """``/range/{DATASET}`` → ``{dimension code: Dimension}``.

    GEO values are keyed by their full id (``2025-DEP-01``: vintage, level and code), never by their bare ``code``:
    the codes of different geographic levels collide (région ``01`` and département ``01``), and only the id carries
    the vintage. Other dimensions are keyed by ``code`` (``id`` when there is none).
    """
    if not isinstance(payload, dict) or not isinstance(payload.get("range"), list):
        raise MelodiFormatError("the Melodi range answer has no 'range' list")
    dims = {}
    for item in payload["range"]:
        concept = item.get("concept") or {}
        code = concept.get("code") or concept.get("id")
        if not code:
            continue
        dim = Dimension(code=str(code), label=lang_text(concept.get("label")))
        keys = ("id", "code") if dim.code == GEO_DIM else ("code", "id")
        for value in item.get("values") or []:
            vcode = value.get(keys[0]) or value.get(keys[1])
            if vcode is not None:
                dim.values[str(vcode)] = lang_text(value.get("label"))
        dims[dim.code] = dim
    return dims


def observations_of(payload) -> list:
    """The ``observations`` list of a ``/data`` answer (checked)."""
    if not isinstance(payload, dict):
        raise MelodiFormatError("the Melodi data answer is not a JSON object")
    obs = payload.get("observations")
    if obs is None:
        return []
    if not isinstance(obs, list):
        raise MelodiFormatError("'observations' is not a list")
    return obs


def _measure_value(measure):
    if isinstance(measure, dict):
        measure = measure.get("value")
    if measure is None or measure == "":
        return None
    try:
        return float(measure)
    except (TypeError, ValueError):
        return None


def observations_to_long(observations: list) -> pd.DataFrame:
    """Flatten observations: one row per (observation, measure), columns code, level, vintage, period, every
    other dimension, ``measure`` and ``value`` (float, NaN when missing or confidential)."""
    rows = []
    for obs in observations:
        dims = dict(obs.get("dimensions") or {})
        code, level, vintage = parse_geo(dims.pop(GEO_DIM, ""))
        period = str(dims.pop(TIME_DIM, "") or "")
        base = {CODE_COL: code, LEVEL_COL: level, VINTAGE_COL: vintage, PERIOD_COL: period}
        base.update({k: ("" if v is None else str(v)) for k, v in dims.items()})
        for measure, value in (obs.get("measures") or {}).items():
            row = dict(base)
            row["measure"] = measure
            row["value"] = _measure_value(value)
            rows.append(row)
    frame = pd.DataFrame(rows)
    if frame.empty:
        return pd.DataFrame(columns=[CODE_COL, LEVEL_COL, VINTAGE_COL, PERIOD_COL, "measure", "value"])
    frame["value"] = frame["value"].astype(float)
    return frame


def tidy(long: pd.DataFrame, pivot: str = "", keep_values=None) -> pd.DataFrame:
    """Tidy table: code, level, vintage, period, the dimensions that still vary, then one column per measure
    (``pivot`` empty) or per value of the ``pivot`` dimension (only ``keep_values`` if given, in that order).

    Constant dimensions (FREQ, or a dimension filtered to one value) are dropped; dimensions that vary stay as
    columns, so no two rows are silently summed.
    """
    fixed = [CODE_COL, LEVEL_COL, VINTAGE_COL, PERIOD_COL]
    if long.empty:
        cols = list(keep_values or [])
        return pd.DataFrame(columns=fixed + cols)
    long = long.copy()
    if pivot:
        if pivot not in long.columns:
            raise MelodiFormatError(f"dimension {pivot} is not in the observations")
        measures = long["measure"].unique()
        if len(measures) > 1:
            long["column"] = long[pivot] + "_" + long["measure"]
        else:
            long["column"] = long[pivot]
        if keep_values:
            long = long[long[pivot].isin(list(keep_values))]
        pivot_dims = {pivot, "measure"}
    else:
        long["column"] = long["measure"]
        if keep_values:
            long = long[long["measure"].isin(list(keep_values))]
        pivot_dims = {"measure"}
    other = [
        c
        for c in long.columns
        if c not in fixed and c not in pivot_dims and c not in ("value", "column") and long[c].nunique() > 1
    ]
    index = fixed + other
    wide = long.pivot_table(index=index, columns="column", values="value", aggfunc="first", dropna=False)
    wide = wide.reset_index()
    wide.columns.name = None
    value_cols = [c for c in wide.columns if c not in index]
    if keep_values and pivot:
        ordered = [v for v in keep_values if v in value_cols]
        ordered += [c for c in value_cols if c not in ordered]
        value_cols = ordered
    wide = wide[index + value_cols]
    return wide.sort_values(index, kind="stable").reset_index(drop=True)


def paging_next(
    payload, current_url: str, page_size: int, received: int, total_so_far: int, next_links_seen: bool = False
) -> str:
    """The next page's URL, or ``""``.

    Follows ``paging.next`` when present (and stops when it disappears after earlier pages had one); otherwise,
    when ``paging.count`` says more remain (or a full page came back and ``isLast`` is not set), derives the next
    page from the 1-based ``page`` parameter of the current URL.
    """
    paging = payload.get("paging") or {} if isinstance(payload, dict) else {}
    nxt = paging.get("next")
    if nxt:
        return str(nxt)
    if next_links_seen or paging.get("isLast") is True or received == 0:
        return ""
    count = paging.get("count")
    if isinstance(count, (int, float)):
        if total_so_far >= int(count):
            return ""
    elif received < page_size:
        return ""
    return set_query_param(current_url, "page", str(page_number(current_url) + 1))


def page_number(url: str) -> int:
    match = re.search(r"[?&]page=(\d+)", url)
    return int(match.group(1)) if match else 1


def set_query_param(url: str, key: str, value: str) -> str:
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != key]
    query.append((key, value))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


def detect_pivot(long: pd.DataFrame, values) -> str:
    """The dimension whose values include every one of ``values`` (``PMUN`` → ``POPREF_MEASURE``), or ``""``."""
    wanted = {str(v) for v in values or () if v}
    if not wanted or long.empty:
        return ""
    if wanted <= set(long["measure"].unique()):
        return ""
    skip = {CODE_COL, LEVEL_COL, VINTAGE_COL, PERIOD_COL, "measure", "value"}
    for column in long.columns:
        if column not in skip and wanted <= set(long[column].astype(str).unique()):
            return column
    return ""


def one_row_per_code(table: pd.DataFrame, value_columns: list) -> tuple:
    """Reduce a tidy table to one row per territory code, for joining to boundaries.

    Several periods: the latest is kept (returned as ``period``). Other varying dimensions: a
    :class:`MelodiFormatError` naming them (they must be filtered or pivoted). Returns ``(table, period_kept)``.
    """
    if table.empty:
        return table, ""
    latest = ""
    if table[PERIOD_COL].nunique() > 1:
        latest = sorted(table[PERIOD_COL].astype(str).unique())[-1]
        table = table[table[PERIOD_COL].astype(str) == latest]
    fixed = {CODE_COL, LEVEL_COL, VINTAGE_COL, PERIOD_COL}
    extra = [c for c in table.columns if c not in fixed and c not in value_columns]
    if table[CODE_COL].duplicated().any():
        varying = [c for c in extra if table[c].nunique() > 1] or extra
        raise MelodiFormatError(
            "several rows per territory: dimension(s) " + ", ".join(varying) + " vary; "
            "filter them (e.g. " + (varying[0] if varying else "DIM") + "=value) or make one of them the pivot"
        )
    return table.reset_index(drop=True), latest or (str(table[PERIOD_COL].iloc[0]) if len(table) else "")


def join_report(boundary_codes, stat_codes) -> tuple:
    """``(boundary codes without statistics, statistics codes without boundary)``, both sorted."""
    boundary = {str(c) for c in boundary_codes if c not in (None, "")}
    stats = {str(c) for c in stat_codes if c not in (None, "")}
    return sorted(boundary - stats), sorted(stats - boundary)

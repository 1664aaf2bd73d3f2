"""French territorial codes: pattern, then existence in a chosen COG vintage, with the successor code(s) proposed
for a commune code that existed in an earlier vintage (merged, split or renumbered communes).

The lookups go through a COG referential (``core.cog.CogReferential`` or any object with ``is_valid(code, level,
vintage)``, ``successors(code, from_vintage, to_vintage)`` and ``vintages``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..messages import QT_TR_NOOP, Message
from ..territory_codes import normalise_code
from .attributes import is_missing
from .model import CONSISTENCY_DOMAIN, CONSISTENCY_FORMAT, TEMPORAL_QUALITY, CheckResult

COMMUNE = "commune"
DEPARTEMENT = "departement"
REGION = "region"
EPCI = "epci"
LEVELS = (COMMUNE, DEPARTEMENT, REGION, EPCI)
# How the messages name each level (translated when shown).
LEVEL_NAMES = {
    COMMUNE: Message(QT_TR_NOOP("commune")),
    DEPARTEMENT: Message(QT_TR_NOOP("departement")),
    REGION: Message(QT_TR_NOOP("region")),
    EPCI: Message(QT_TR_NOOP("epci")),
}
LEVEL_TITLES = {
    COMMUNE: Message(QT_TR_NOOP("Commune")),
    DEPARTEMENT: Message(QT_TR_NOOP("Departement")),
    REGION: Message(QT_TR_NOOP("Region")),
    EPCI: Message(QT_TR_NOOP("Epci")),
}

PATTERNS = {
    # metropolitan (with Corsica 2A/2B) or overseas 97x
    COMMUNE: re.compile(r"(?:[013-9]\d|2[AB1-9])\d{3}"),
    DEPARTEMENT: re.compile(r"(?:0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-8])"),
    REGION: re.compile(r"\d{2}"),
    EPCI: re.compile(r"\d{9}"),
}


def check_codes(
    values: Sequence,
    field: str,
    level: str,
    vintage: int,
    referential,
    rows=None,
    data_vintage: int | None = None,
) -> list:
    """Three checks on a code column: format (pattern, and written exactly as INSEE writes it: ``"1001"``,
    ``" 91377 "`` or ``91377.0`` fail it), obsolete codes (existed in an earlier vintage, with
    successors) and unknown codes (never existed). ``data_vintage`` is the vintage the data were produced with
    (e.g. 2018 for IGN ADMIN EXPRESS 2018); when None, earlier vintages of the referential are searched.
    Existence and successors are looked up with the normalised code (``"1001"`` → ``01001``)."""
    if level not in LEVELS:
        raise ValueError(Message(QT_TR_NOOP("unknown code level {!r}; use one of {}"), level, ", ".join(LEVELS)))
    ids = list(range(1, len(values) + 1)) if rows is None else list(rows)
    params = {"field": field, "level": level, "cog_vintage": vintage}
    if data_vintage is not None:
        params["data_vintage"] = data_vintage
    fmt = CheckResult(
        f"code_format:{field}",
        Message(QT_TR_NOOP("Format of the {} codes of '{}'"), LEVEL_NAMES[level], field),
        CONSISTENCY_FORMAT,
        params=params,
    )
    obsolete = CheckResult(
        f"code_obsolete:{field}",
        Message(QT_TR_NOOP("Obsolete {} codes of '{}' (COG {})"), LEVEL_NAMES[level], field, vintage),
        TEMPORAL_QUALITY,
        params=params,
    )
    unknown = CheckResult(
        f"code_unknown:{field}",
        Message(QT_TR_NOOP("Unknown {} codes of '{}' (COG {})"), LEVEL_NAMES[level], field, vintage),
        CONSISTENCY_DOMAIN,
        params=params,
    )
    pattern = PATTERNS[level]
    earlier = sorted((v for v in getattr(referential, "vintages", []) if v < vintage), reverse=True)
    cache: dict = {}
    n_checked = 0
    for i, raw in enumerate(values):
        if is_missing(raw):
            continue
        n_checked += 1
        code = normalise_code(raw, level)
        if not _check_format(fmt, raw, code, pattern, field, level, ids[i]):
            continue
        if code not in cache:
            cache[code] = _classify(code, level, vintage, referential, data_vintage, earlier)
        status, successors, since = cache[code]
        if status == "valid":
            continue
        if status == "obsolete":
            succ = ", ".join(successors)
            obsolete.problem(
                "code-obsolete",
                Message(
                    QT_TR_NOOP("{} code {} ('{}') no longer exists in the COG {} ({}); replace it with {}"),
                    LEVEL_TITLES[level],
                    code,
                    field,
                    vintage,
                    _since(since, earlier),
                    succ,
                ),
                row=ids[i],
                field=field,
                value=code,
                details={"successors": successors, "known_in": since},
            )
        else:
            unknown.problem(
                "code-unknown",
                Message(
                    QT_TR_NOOP(
                        "{} code {} ('{}') does not exist in the COG {} nor in the earlier vintages known to TerriData",
                    ),
                    LEVEL_TITLES[level],
                    code,
                    field,
                    vintage,
                ),
                row=ids[i],
                field=field,
                value=code,
            )
    for c in (fmt, obsolete, unknown):
        c.checked = n_checked
    fmt.note = Message(QT_TR_NOOP("{} malformed code(s) of {}"), len(fmt.problems), n_checked)
    obsolete.note = Message(
        QT_TR_NOOP("{} obsolete code(s) of {}, successors proposed"),
        len(obsolete.problems),
        n_checked,
    )
    unknown.note = Message(QT_TR_NOOP("{} unknown code(s) of {}"), len(unknown.problems), n_checked)
    return [fmt, obsolete, unknown]


def _check_format(fmt, raw, code, pattern, field, level, row) -> bool:
    """Report a code not written as INSEE writes it (``"1001"``, ``" 91377 "``, ``91377.0``) or malformed;
    True when the normalised code is well-formed (then it is looked up in the COG)."""
    if not pattern.fullmatch(code):
        fmt.problem(
            "pattern-error",
            Message(
                QT_TR_NOOP("'{}' in '{}' is not a well-formed {} code"),
                raw,
                field,
                LEVEL_NAMES[level],
            ),
            row=row,
            field=field,
            value=str(raw),
        )
        return False
    written = _as_written(raw)
    if written != code:
        fmt.problem(
            "format-error",
            Message(
                QT_TR_NOOP(
                    "'{}' in '{}' is not written as INSEE writes {} codes: write it '{}' (text, with "
                    "its leading zeros, no spaces, no decimals)",
                ),
                written,
                field,
                LEVEL_NAMES[level],
                code,
            ),
            row=row,
            field=field,
            value=written,
            details={"normalised": code},
        )
    return True


def _as_written(raw) -> str:
    """The value as the data hold it: text as it is, a number as Python writes it (``1001``, ``91377.0``)."""
    if isinstance(raw, str):
        return raw
    if isinstance(raw, float) or type(raw).__name__.startswith("float"):
        return repr(float(raw))
    return str(raw)


def _since(year, earlier) -> str:
    if earlier and year < min(earlier):
        return Message(QT_TR_NOOP("it disappeared before {}"), min(earlier))
    return Message(QT_TR_NOOP("it existed in {}"), year)


def _classify(code, level, vintage, referential, data_vintage, earlier):
    if referential.is_valid(code, level, vintage):
        return "valid", [], None
    if level != COMMUNE:
        for v in earlier:
            if referential.is_valid(code, level, v):
                return "obsolete", [], v
        return "unknown", [], None
    candidates = [data_vintage] if data_vintage is not None else []
    candidates += [v for v in earlier if v != data_vintage]
    if earlier:  # a code older than the first vintage (absorbed before it: anciensCodes, delegated communes)
        candidates.append(min(earlier) - 1)
    for v in candidates:
        succ = _successors(referential, code, v, vintage)
        if succ:
            return "obsolete", succ, v
    return "unknown", [], None


_TRANSITIONS: dict = {}


def _successors(referential, code, from_vintage, to_vintage) -> list:
    """Successor codes, through one cached ``transition`` table per (referential, vintages) when available."""
    try:
        if hasattr(referential, "transition"):
            key = (id(referential), from_vintage, to_vintage)
            if key not in _TRANSITIONS:
                if len(_TRANSITIONS) > 16:
                    _TRANSITIONS.clear()
                _TRANSITIONS[key] = referential.transition(from_vintage, to_vintage)
            return sorted(_TRANSITIONS[key].get(code, {}))
        return list(referential.successors(code, from_vintage, to_vintage))
    except (KeyError, ValueError):
        return []

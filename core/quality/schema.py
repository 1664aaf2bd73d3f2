"""Validation of a table against a Table Schema (frictionless specs, as published on schema.data.gouv.fr).

Supported: ``fields`` with ``name``, ``type`` (string, integer, number, boolean, date, datetime, year, any...),
``format`` (date/datetime ``%...`` patterns, ``any``, ``default``), ``constraints`` (required, unique, enum,
pattern, minimum, maximum, minLength, maxLength), schema-level ``missingValues`` and ``primaryKey``. Errors use the
Frictionless types: missing-label, extra-label, type-error, constraint-error, unique-error, primary-key.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import re
from pathlib import Path

from .attributes import compile_pattern
from .model import (
    COMPLETENESS_OMISSION,
    CONSISTENCY_CONCEPTUAL,
    CONSISTENCY_DOMAIN,
    CONSISTENCY_FORMAT,
    WARNING,
    CheckResult,
    Problem,
)

_TRUE = {"true", "True", "TRUE", "1", "oui", "Oui", "OUI", "yes"}
_FALSE = {"false", "False", "FALSE", "0", "non", "Non", "NON", "no"}


class SchemaError(ValueError):
    """The schema itself is not a usable Table Schema."""


def load_schema(source) -> dict:
    if isinstance(source, dict):
        schema = source
    else:
        path = Path(source)
        try:
            schema = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise SchemaError(f"Table Schema file not found: {path}") from None
        except json.JSONDecodeError as e:
            raise SchemaError(f"Table Schema file {path} is not valid JSON: {e}") from None
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list) or not schema["fields"]:
        raise SchemaError("a Table Schema needs a non-empty 'fields' list")
    for f in schema["fields"]:
        if not isinstance(f, dict) or "name" not in f:
            raise SchemaError(f"every schema field needs a 'name': {f!r}")
        pattern = (f.get("constraints") or {}).get("pattern")
        if pattern is not None:
            try:
                compile_pattern(pattern, f"the constraint of field '{f['name']}'")
            except ValueError as e:
                raise SchemaError(str(e)) from None
    return schema


def cast(value, ftype: str, fmt: str = "default"):
    """Cast a cell to the field type; raises ValueError when it does not fit. Native values are accepted."""
    if ftype in ("string", "any", None):
        return value if ftype == "any" else str(value)
    if ftype == "integer":
        if isinstance(value, bool):
            raise ValueError
        if isinstance(value, int):
            return value
        if isinstance(value, float):
            if value.is_integer():
                return int(value)
            raise ValueError
        text = str(value).strip()
        if not re.fullmatch(r"[+-]?\d+", text):
            raise ValueError
        return int(text)
    if ftype == "number":
        if isinstance(value, bool):
            raise ValueError
        if isinstance(value, (int, float)):
            return float(value)
        x = float(str(value).strip())
        if math.isnan(x) and str(value).strip().lower() != "nan":
            raise ValueError
        return x
    if ftype == "boolean":
        if isinstance(value, bool):
            return value
        text = str(value).strip()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValueError
    if ftype == "year":
        text = str(value).strip()
        if not re.fullmatch(r"\d{4}", text):
            raise ValueError
        return int(text)
    if ftype in ("date", "datetime"):
        if ftype == "date" and isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
            return value
        if ftype == "datetime" and isinstance(value, _dt.datetime):
            return value
        text = str(value).strip()
        if fmt and fmt not in ("default", "any"):
            parsed = _dt.datetime.strptime(text, fmt)
        elif ftype == "date":
            parsed = _dt.datetime.strptime(text, "%Y-%m-%d")
        else:
            parsed = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        return parsed.date() if ftype == "date" else parsed
    if ftype in ("object", "array"):
        if isinstance(value, (dict, list)):
            return value
        loaded = json.loads(str(value))
        if ftype == "object" and not isinstance(loaded, dict) or ftype == "array" and not isinstance(loaded, list):
            raise ValueError
        return loaded
    # geopoint, geojson, duration, time...: accepted as text
    return value


def validate_table(header: list, rows: list, schema, row_ids=None) -> list:
    """Validate ``rows`` (sequences aligned with ``header``) against ``schema``. Returns four checks (schema
    labels and types, required values, domain constraints, uniqueness/primary key). Rows are numbered from 2 as in
    Frictionless (row 1 is the header) unless ``row_ids`` are given."""
    schema = load_schema(schema)
    fields = schema["fields"]
    missing_values = set(schema.get("missingValues", [""]))
    ids = list(row_ids) if row_ids is not None else list(range(2, len(rows) + 2))
    base = {"schema_fields": [f["name"] for f in fields]}
    labels = CheckResult("schema:types", "Table Schema: columns and types", CONSISTENCY_FORMAT, params=base)
    required = CheckResult("schema:required", "Table Schema: required values", COMPLETENESS_OMISSION, params=base)
    domain = CheckResult("schema:constraints", "Table Schema: value constraints", CONSISTENCY_DOMAIN, params=base)
    unique = CheckResult("schema:unique", "Table Schema: unique and primary key", CONSISTENCY_CONCEPTUAL, params=base)
    checks = [labels, required, domain, unique]
    for c in checks:
        c.checked = len(rows)

    positions = {name: i for i, name in enumerate(header)}
    schema_names = [f["name"] for f in fields]
    for name in schema_names:
        if name not in positions:
            labels.add(Problem("missing-label", f"Column '{name}' of the schema is missing from the table", field=name))
    for name in header:
        if name not in schema_names:
            labels.add(Problem("extra-label", f"Column '{name}' is not in the schema", field=name, severity=WARNING))

    casted: dict = {}
    type_failed: set = set()  # (row index, field) of cells already reported as type errors
    for f in fields:
        name = f["name"]
        if name not in positions:
            continue
        pos = positions[name]
        ftype = f.get("type", "string")
        fmt = f.get("format", "default")
        cons = f.get("constraints", {}) or {}
        pattern = re.compile(cons["pattern"]) if "pattern" in cons else None
        enum = cons.get("enum")
        col = []
        for r, row in enumerate(rows):
            raw = row[pos] if pos < len(row) else None
            is_missing = raw is None or (isinstance(raw, float) and math.isnan(raw)) or str(raw) in missing_values
            if is_missing:
                col.append(None)
                if cons.get("required"):
                    required.add(
                        Problem(
                            "constraint-error",
                            f"Row {ids[r]}: '{name}' is required but empty",
                            row=ids[r],
                            field=name,
                            details={"constraint": "required"},
                        )
                    )
                continue
            try:
                value = cast(raw, ftype, fmt)
            except (ValueError, TypeError):
                labels.add(
                    Problem(
                        "type-error",
                        f"Row {ids[r]}: value {raw!r} of '{name}' is not of type {ftype}"
                        + (f" (format {fmt})" if fmt not in ("default", None) else ""),
                        row=ids[r],
                        field=name,
                        value=str(raw),
                    )
                )
                col.append(None)
                type_failed.add((r, name))
                continue
            col.append(value)
            text = raw if isinstance(raw, str) else str(value)
            if enum is not None and value not in [_try_cast(e, ftype, fmt) for e in enum]:
                _cons(domain, ids[r], name, raw, "enum", f"is not one of {enum[:10]}")
            if pattern is not None and not pattern.fullmatch(text):
                _cons(domain, ids[r], name, raw, "pattern", f"does not match {pattern.pattern}")
            for key, op in (("minimum", "<"), ("maximum", ">")):
                if key in cons:
                    limit = _try_cast(cons[key], ftype, fmt)
                    try:
                        bad = value < limit if op == "<" else value > limit
                    except TypeError:
                        bad = False
                    if bad:
                        _cons(domain, ids[r], name, raw, key, f"is {'below' if op == '<' else 'above'} {limit}")
            for key in ("minLength", "maxLength"):
                if key in cons and hasattr(value, "__len__"):
                    n = len(value)
                    if (key == "minLength" and n < cons[key]) or (key == "maxLength" and n > cons[key]):
                        _cons(domain, ids[r], name, raw, key, f"has length {n} ({key} {cons[key]})")
        casted[name] = col
        if cons.get("unique"):
            _unique(unique, [name], [(v,) for v in col], ids, "unique-error")

    pk = schema.get("primaryKey")
    if pk:
        pk = [pk] if isinstance(pk, str) else list(pk)
        if all(k in casted for k in pk):
            keys = list(zip(*(casted[k] for k in pk)))
            _unique(unique, pk, keys, ids, "primary-key")
            for r, key in enumerate(keys):
                if any(v is None for v in key) and not any((r, k) in type_failed for k in pk):
                    unique.add(
                        Problem(
                            "primary-key", f"Row {ids[r]}: primary key {pk} is empty", row=ids[r], field=",".join(pk)
                        )
                    )
    return checks


def _try_cast(value, ftype, fmt):
    try:
        return cast(value, ftype, fmt)
    except (ValueError, TypeError):
        return value


def _cons(check, row, name, raw, constraint, text):
    check.add(
        Problem(
            "constraint-error",
            f"Row {row}: value {raw!r} of '{name}' {text} (constraint {constraint})",
            row=row,
            field=name,
            value=str(raw),
            details={"constraint": constraint},
        )
    )


def _unique(check, names, keys, ids, etype):
    seen: dict = {}
    for r, key in enumerate(keys):
        if any(v is None for v in key):
            continue
        seen.setdefault(key, []).append(r)
    label = ",".join(names)
    for key, rows in seen.items():
        shown = key[0] if len(key) == 1 else key
        for r in rows[1:]:
            check.add(
                Problem(
                    etype,
                    f"Row {ids[r]}: {label} = {shown!r} already appears in row {ids[rows[0]]}",
                    row=ids[r],
                    field=label,
                    value=str(shown),
                )
            )

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

from ..messages import QT_TR_NOOP, Message
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
            raise SchemaError(Message(QT_TR_NOOP("Table Schema file not found: {}"), path)) from None
        except json.JSONDecodeError as e:
            raise SchemaError(Message(QT_TR_NOOP("Table Schema file {} is not valid JSON: {}"), path, e)) from None
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list) or not schema["fields"]:
        raise SchemaError("a Table Schema needs a non-empty 'fields' list")
    for f in schema["fields"]:
        if not isinstance(f, dict) or "name" not in f:
            raise SchemaError(Message(QT_TR_NOOP("every schema field needs a 'name': {!r}"), f))
        pattern = (f.get("constraints") or {}).get("pattern")
        if pattern is not None:
            try:
                compile_pattern(pattern, Message(QT_TR_NOOP("the constraint of field '{}'"), f["name"]))
            except ValueError as e:
                raise SchemaError(str(e)) from None
    return schema


def _cast_integer(value, fmt):
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


def _cast_number(value, fmt):
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, (int, float)):
        return float(value)
    x = float(str(value).strip())
    if math.isnan(x) and str(value).strip().lower() != "nan":
        raise ValueError
    return x


def _cast_boolean(value, fmt):
    if isinstance(value, bool):
        return value
    text = str(value).strip()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError


def _cast_year(value, fmt):
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}", text):
        raise ValueError
    return int(text)


def _cast_date(value, fmt):
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return value
    text = str(value).strip()
    pattern = fmt if fmt and fmt not in ("default", "any") else "%Y-%m-%d"
    return _dt.datetime.strptime(text, pattern).date()


def _cast_datetime(value, fmt):
    if isinstance(value, _dt.datetime):
        return value
    text = str(value).strip()
    if fmt and fmt not in ("default", "any"):
        return _dt.datetime.strptime(text, fmt)
    return _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _cast_json(kind):
    def cast_json(value, fmt):
        if isinstance(value, kind):
            return value
        loaded = json.loads(str(value))
        if not isinstance(loaded, kind):
            raise ValueError
        return loaded

    return cast_json


_CASTS = {
    "string": lambda value, fmt: str(value),
    "integer": _cast_integer,
    "number": _cast_number,
    "boolean": _cast_boolean,
    "year": _cast_year,
    "date": _cast_date,
    "datetime": _cast_datetime,
    "object": _cast_json(dict),
    "array": _cast_json(list),
}


def cast(value, ftype: str, fmt: str = "default"):
    """Cast a cell to the field type; raises ValueError when it does not fit. Native values are accepted.
    ``any``, geopoint, geojson, duration, time...: accepted as they are."""
    if ftype is None:
        return str(value)
    caster = _CASTS.get(ftype)
    return value if caster is None else caster(value, fmt)


def validate_table(header: list, rows: list, schema, row_ids=None) -> list:
    """Validate ``rows`` (sequences aligned with ``header``) against ``schema``. Returns four checks (schema
    labels and types, required values, domain constraints, uniqueness/primary key). Rows are numbered from 2 as in
    Frictionless (row 1 is the header) unless ``row_ids`` are given."""
    schema = load_schema(schema)
    fields = schema["fields"]
    ids = list(row_ids) if row_ids is not None else list(range(2, len(rows) + 2))
    base = {"schema_fields": [f["name"] for f in fields]}
    run = _Validation(
        ids,
        set(schema.get("missingValues", [""])),
        CheckResult(
            "schema:types",
            QT_TR_NOOP("Table Schema: columns and types"),
            CONSISTENCY_FORMAT,
            params=base,
        ),
        CheckResult(
            "schema:required",
            QT_TR_NOOP("Table Schema: required values"),
            COMPLETENESS_OMISSION,
            params=base,
        ),
        CheckResult(
            "schema:constraints",
            QT_TR_NOOP("Table Schema: value constraints"),
            CONSISTENCY_DOMAIN,
            params=base,
        ),
        CheckResult(
            "schema:unique",
            QT_TR_NOOP("Table Schema: unique and primary key"),
            CONSISTENCY_CONCEPTUAL,
            params=base,
        ),
    )
    checks = [run.labels, run.required, run.domain, run.unique]
    for c in checks:
        c.checked = len(rows)
    positions = {name: i for i, name in enumerate(header)}
    _check_labels(run.labels, header, [f["name"] for f in fields], positions)
    for f in fields:
        if f["name"] in positions:
            run.column(f, [row[positions[f["name"]]] if positions[f["name"]] < len(row) else None for row in rows])
    pk = schema.get("primaryKey")
    if pk:
        run.primary_key([pk] if isinstance(pk, str) else list(pk))
    return checks


def _check_labels(labels, header, schema_names, positions) -> None:
    for name in schema_names:
        if name not in positions:
            labels.add(
                Problem(
                    "missing-label",
                    Message(QT_TR_NOOP("Column '{}' of the schema is missing from the table"), name),
                    field=name,
                )
            )
    for name in header:
        if name not in schema_names:
            labels.add(
                Problem(
                    "extra-label",
                    Message(QT_TR_NOOP("Column '{}' is not in the schema"), name),
                    field=name,
                    severity=WARNING,
                )
            )


class _Validation:
    """One table against one schema: the four checks, the cast columns and the cells that failed their type."""

    def __init__(self, ids, missing_values, labels, required, domain, unique):
        self.ids, self.missing_values = ids, missing_values
        self.labels, self.required, self.domain, self.unique = labels, required, domain, unique
        self.casted: dict = {}
        self.type_failed: set = set()  # (row index, field) of cells already reported as type errors

    def _is_missing(self, raw) -> bool:
        return raw is None or (isinstance(raw, float) and math.isnan(raw)) or str(raw) in self.missing_values

    def column(self, f: dict, values: list) -> None:
        name = f["name"]
        ftype, fmt = f.get("type", "string"), f.get("format", "default")
        cons = f.get("constraints", {}) or {}
        col = []
        for r, raw in enumerate(values):
            if self._is_missing(raw):
                col.append(None)
                if cons.get("required"):
                    self.required.add(
                        Problem(
                            "constraint-error",
                            Message(QT_TR_NOOP("Row {}: '{}' is required but empty"), self.ids[r], name),
                            row=self.ids[r],
                            field=name,
                            details={"constraint": "required"},
                        )
                    )
                continue
            col.append(self._cell(r, raw, name, ftype, fmt, cons))
        self.casted[name] = col
        if cons.get("unique"):
            _unique(self.unique, [name], [(v,) for v in col], self.ids, "unique-error")

    def _cell(self, r, raw, name, ftype, fmt, cons):
        """The cast value of one present cell (None when it fails its type), its constraints checked."""
        try:
            value = cast(raw, ftype, fmt)
        except (ValueError, TypeError):
            self.labels.add(
                Problem(
                    "type-error",
                    Message(
                        QT_TR_NOOP("Row {}: value {!r} of '{}' is not of type {}"),
                        self.ids[r],
                        raw,
                        name,
                        ftype,
                    )
                    + (Message(QT_TR_NOOP(" (format {})"), fmt) if fmt not in ("default", None) else ""),
                    row=self.ids[r],
                    field=name,
                    value=str(raw),
                )
            )
            self.type_failed.add((r, name))
            return None
        text = raw if isinstance(raw, str) else str(value)
        for constraint, message in _constraint_failures(value, text, ftype, fmt, cons):
            _cons(self.domain, self.ids[r], name, raw, constraint, message)
        return value

    def primary_key(self, pk: list) -> None:
        if not all(k in self.casted for k in pk):
            return
        keys = list(zip(*(self.casted[k] for k in pk)))
        _unique(self.unique, pk, keys, self.ids, "primary-key")
        for r, key in enumerate(keys):
            if any(v is None for v in key) and not any((r, k) in self.type_failed for k in pk):
                self.unique.add(
                    Problem(
                        "primary-key",
                        Message(QT_TR_NOOP("Row {}: primary key {} is empty"), self.ids[r], pk),
                        row=self.ids[r],
                        field=",".join(pk),
                    )
                )


def _constraint_failures(value, text, ftype, fmt, cons):
    """``(constraint, message)`` for each constraint a cast value breaks."""
    enum = cons.get("enum")
    if enum is not None and value not in [_try_cast(e, ftype, fmt) for e in enum]:
        yield "enum", Message(QT_TR_NOOP("is not one of {}"), enum[:10])
    if "pattern" in cons and not re.fullmatch(cons["pattern"], text):
        yield "pattern", Message(QT_TR_NOOP("does not match {}"), cons["pattern"])
    for key, op in (("minimum", "<"), ("maximum", ">")):
        if key in cons:
            limit = _try_cast(cons[key], ftype, fmt)
            try:
                bad = value < limit if op == "<" else value > limit
            except TypeError:
                bad = False
            if bad:
                yield key, f"is {'below' if op == '<' else 'above'} {limit}"
    for key in ("minLength", "maxLength"):
        if key in cons and hasattr(value, "__len__"):
            n = len(value)
            if (key == "minLength" and n < cons[key]) or (key == "maxLength" and n > cons[key]):
                yield key, Message(QT_TR_NOOP("has length {} ({} {})"), n, key, cons[key])


def _try_cast(value, ftype, fmt):
    try:
        return cast(value, ftype, fmt)
    except (ValueError, TypeError):
        return value


def _cons(check, row, name, raw, constraint, text):
    check.add(
        Problem(
            "constraint-error",
            Message(
                QT_TR_NOOP("Row {}: value {!r} of '{}' {} (constraint {})"),
                row,
                raw,
                name,
                text,
                constraint,
            ),
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
                    Message(
                        QT_TR_NOOP("Row {}: {} = {!r} already appears in row {}"),
                        ids[r],
                        label,
                        shown,
                        ids[rows[0]],
                    ),
                    row=ids[r],
                    field=label,
                    value=str(shown),
                )
            )

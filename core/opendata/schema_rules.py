"""What the schemas of schema.data.gouv.fr use beyond the quality report's Table Schema check.

:func:`validate` runs ``core.quality.schema.validate_table`` (columns, types, required, enum, pattern, bounds,
lengths, unique, primary key) and adds four checks:

- ``opendata:formats``: string formats ``email``, ``uri``, ``uuid``; ``date`` and ``datetime`` cells written in
  ISO 8601 (``2024-03-05``, not ``5/3/2024`` or ``2024-3-5``) when the schema keeps the default format;
  ``boolean`` cells among the field's ``trueValues``/``falseValues`` when it declares them;
- ``opendata:custom``: the schema's ``custom_checks`` (``french-siret-value``, ``french-siren-value``: the Luhn
  key, La Poste's exception) and INSEE commune codes checked against the COG (``cog-commune-value``, applied by
  default to the columns named like commune codes: ``com_insee``, ``code_insee``, ``codgeo``…);
- ``opendata:foreign_keys``: ``foreignKeys`` whose reference is the same table (``"resource": ""``);
- ``opendata:relations``: the custom checks between columns of the SCDL (``compare-columns-value``,
  ``sum-columns-value``, ``cohesive-columns-value``, ``year-interval-value``); other custom checks (e.g.
  ``nomenclature-actes-value``) are named in the check's note as not applied.

Rows are numbered as in Frictionless (the header is row 1, the first data row is row 2).
"""

from __future__ import annotations

import re
import uuid
from urllib.parse import urlsplit

from ..messages import QT_TR_NOOP, Message
from ..quality.model import CONSISTENCY_DOMAIN, CONSISTENCY_FORMAT, CheckResult, Problem
from ..quality.schema import cast, load_schema, validate_table
from .identifiers import siren_ok, siret_ok

EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_DATETIME_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?")
#: Column names taken for INSEE commune codes when a schema does not say (checked against the COG).
COMMUNE_COLUMN_RE = re.compile(r"^(?:com_?insee|code_?insee|insee_?com|code_?commune(?:_?insee)?|codgeo|depcom)$", re.I)
SIRET_CHECKS = ("french-siret-value", "french_siret_value")
SIREN_CHECKS = ("french-siren-value", "french_siren_value")
COMMUNE_CHECKS = ("cog-commune-value", "french-insee-commune-value")


def custom_checks(schema: dict, header: list) -> list:
    """``(kind, column)`` of the identifier checks to run: the schema's own, then COG checks on commune columns."""
    found = []
    for entry in schema.get("custom_checks") or []:
        if not isinstance(entry, dict):
            continue
        name = str(entry.get("name") or "")
        column = (entry.get("params") or {}).get("column")
        if not column:
            continue
        if name in SIRET_CHECKS:
            found.append(("siret", column))
        elif name in SIREN_CHECKS:
            found.append(("siren", column))
        elif name in COMMUNE_CHECKS:
            found.append(("commune", column))
    named = {column for kind, column in found if kind == "commune"}
    for f in schema["fields"]:
        if COMMUNE_COLUMN_RE.match(f["name"]) and f["name"] not in named and f["name"] in header:
            found.append(("commune", f["name"]))
    return found


def validate(header: list, rows: list, schema, commune_ok=None) -> list:
    """All the checks of ``rows`` (sequences aligned with ``header``, cells as text) against ``schema``.

    ``commune_ok(code) -> bool`` says whether a code is a commune of the COG (None: the COG check is skipped and
    said so in the check's note).
    """
    schema = load_schema(schema)
    checks = validate_table(header, rows, schema)
    positions = {name: i for i, name in enumerate(header)}
    missing = set(schema.get("missingValues", [""]))

    def column(name):
        i = positions[name]
        return [row[i] if i < len(row) else None for row in rows]

    def present(value) -> bool:
        return value is not None and str(value) not in missing

    formats = CheckResult(
        "opendata:formats", QT_TR_NOOP("Formats (e-mail, URI, UUID, ISO 8601 dates, booleans)"), CONSISTENCY_FORMAT
    )
    custom = CheckResult(
        "opendata:custom", QT_TR_NOOP("Identifiers (SIRET, SIREN keys; COG commune codes)"), CONSISTENCY_DOMAIN
    )
    foreign = CheckResult("opendata:foreign_keys", QT_TR_NOOP("Foreign keys within the table"), CONSISTENCY_DOMAIN)
    for check in (formats, custom, foreign):
        check.checked = len(rows)
    for f in schema["fields"]:
        if f["name"] in positions:
            _check_format(formats, f, column(f["name"]), present)
    for kind, name in custom_checks(schema, header):
        if name in positions:
            _check_identifiers(custom, kind, name, column(name), _pattern_of(schema, name), present, commune_ok)
    for fk in schema.get("foreignKeys") or []:
        _check_foreign_key(foreign, fk, positions, column, present)
    relations = CheckResult(
        "opendata:relations", QT_TR_NOOP("Relations between columns (custom checks)"), CONSISTENCY_DOMAIN
    )
    relations.checked = len(rows)
    _check_relations(relations, schema, positions, column, present)
    return checks + [formats, custom, foreign, relations]


def _check_identifiers(check: CheckResult, kind: str, name: str, values: list, pattern: str, present, commune_ok):
    if kind == "commune" and commune_ok is None:
        check.note = Message(
            QT_TR_NOOP("INSEE commune codes were not checked against the COG (no referential available).")
        )
        return
    test = {"siret": siret_ok, "siren": siren_ok, "commune": commune_ok}[kind]
    for r, value in enumerate(values):
        if not present(value) or (pattern and not re.fullmatch(pattern, str(value))):
            continue  # (a value breaking the field's pattern is reported once, by the pattern)
        if not test(str(value).strip()):
            check.add(_problem(r, name, value, kind, _CUSTOM_TEXT[kind]))


def _pattern_of(schema: dict, name: str) -> str:
    field = next((f for f in schema["fields"] if f["name"] == name), {})
    return (field.get("constraints") or {}).get("pattern") or ""


_CUSTOM_TEXT = {
    "siret": Message(
        QT_TR_NOOP("is not a valid SIRET (14 digits whose Luhn key holds; La Poste: digit sum multiple of 5)")
    ),
    "siren": Message(QT_TR_NOOP("is not a valid SIREN (9 digits whose Luhn key holds)")),
    "commune": Message(QT_TR_NOOP("is not an INSEE commune (or municipal arrondissement) code of the current COG")),
}


def _problem(r: int, name: str, value, constraint: str, text: str) -> Problem:
    row = r + 2
    return Problem(
        "constraint-error",
        Message(QT_TR_NOOP("Row {}: value {!r} of '{}' {}"), row, value, name, text),
        row=row,
        field=name,
        value=str(value),
        details={"constraint": constraint},
    )


def _check_format(check: CheckResult, f: dict, values: list, present) -> None:
    ftype, fmt = f.get("type", "string"), f.get("format", "default") or "default"
    test = None
    if ftype == "string" and fmt in _STRING_FORMATS:
        test, text = _STRING_FORMATS[fmt]
    elif ftype == "date" and fmt == "default":
        test, text = ISO_DATE_RE.fullmatch, Message(QT_TR_NOOP("is not an ISO 8601 date (YYYY-MM-DD)"))
    elif ftype == "datetime" and fmt == "default":
        test, text = (
            ISO_DATETIME_RE.fullmatch,
            Message(QT_TR_NOOP("is not an ISO 8601 date-time (YYYY-MM-DDThh:mm:ss)")),
        )
    elif ftype == "boolean" and (f.get("trueValues") or f.get("falseValues")):
        allowed = {str(v) for v in (f.get("trueValues") or []) + (f.get("falseValues") or [])}
        test, text = allowed.__contains__, Message(QT_TR_NOOP("is not one of {}"), str(sorted(allowed)))
    if test is None:
        return
    for r, value in enumerate(values):
        if not present(value) or not _castable(value, ftype, fmt):  # (a cell of the wrong type is reported once)
            continue
        if not test(str(value).strip() if ftype != "boolean" else str(value)):
            check.add(_problem(r, f["name"], value, f"format {fmt}" if ftype == "string" else ftype, text))


def _castable(value, ftype: str, fmt: str) -> bool:
    try:
        cast(value, ftype, fmt)
    except (ValueError, TypeError):
        return False
    return True


def _uri_ok(text: str) -> bool:
    parts = urlsplit(text)
    return bool(parts.scheme) and bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", parts.scheme)) and " " not in text


def _uuid_ok(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


_STRING_FORMATS = {
    "email": (EMAIL_RE.fullmatch, Message(QT_TR_NOOP("is not an e-mail address"))),
    "uri": (_uri_ok, Message(QT_TR_NOOP("is not a URI (scheme:rest, e.g. https://…)"))),
    "uuid": (_uuid_ok, Message(QT_TR_NOOP("is not a UUID"))),
}


def _as_list(value) -> list:
    return [value] if isinstance(value, str) else list(value or [])


def _check_foreign_key(check: CheckResult, fk: dict, positions: dict, column, present) -> None:
    reference = fk.get("reference") or {}
    if reference.get("resource", "") not in ("", None):
        check.note = "Foreign keys to other resources are not checked (only those within the table)."
        return
    fields, targets = _as_list(fk.get("fields")), _as_list(reference.get("fields"))
    if not fields or len(fields) != len(targets) or not all(n in positions for n in fields + targets):
        return
    known = set(zip(*(column(n) for n in targets)))
    for r, key in enumerate(zip(*(column(n) for n in fields))):
        if all(present(v) for v in key) and key not in known:
            shown = key[0] if len(key) == 1 else key
            check.add(
                _problem(
                    r,
                    ",".join(fields),
                    shown,
                    "foreign-key",
                    Message(QT_TR_NOOP("is not a value of {}"), ",".join(targets)),
                )
            )


IDENTIFIER_CHECKS = SIRET_CHECKS + SIREN_CHECKS + COMMUNE_CHECKS
_OPS = {
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    "==": lambda a, b: a == b,
}


def _comparable(value):
    """A number when the text is one, else the text (ISO dates compare as text)."""
    text = str(value).strip()
    try:
        return float(text)
    except ValueError:
        return text


def _check_relations(check: CheckResult, schema: dict, positions: dict, column, present) -> None:
    skipped = []
    for entry in schema.get("custom_checks") or []:
        name = str((entry or {}).get("name") or "").replace("_", "-")
        params = (entry or {}).get("params") or {}
        if name in IDENTIFIER_CHECKS:
            continue
        rule = _RELATIONS.get(name)
        names = [params.get("column")] + [params.get("column2")] + list(params.get("columns") or [])
        names += list(params.get("othercolumns") or [])
        if rule is None or not all(n in positions for n in names if n):
            skipped.append(name)
            continue
        rule(check, params, column, present)
    if skipped:
        check.note = Message(QT_TR_NOOP("Custom checks not applied by TerriData: {}."), ", ".join(sorted(set(skipped))))


def _compare(check, params, column, present):
    op, first, second = params.get("op"), params["column"], params["column2"]
    if op not in _OPS:
        return
    for r, (a, b) in enumerate(zip(column(first), column(second))):
        if present(a) and present(b):
            x, y = _comparable(a), _comparable(b)
            if type(x) is type(y) and not _OPS[op](x, y):
                check.add(
                    _problem(
                        r, first, a, "compare-columns", Message(QT_TR_NOOP("should be {} {} ({})"), op, second, str(b))
                    )
                )


def _sum(check, params, column, present):
    total, parts = params["column"], list(params.get("columns") or [])
    for r, values in enumerate(zip(column(total), *(column(n) for n in parts))):
        if all(present(v) for v in values):
            try:
                numbers = [float(str(v).strip()) for v in values]
            except ValueError:
                continue  # (not numbers: the type check says so)
            if abs(numbers[0] - sum(numbers[1:])) > 1e-9:
                check.add(
                    _problem(
                        r,
                        total,
                        values[0],
                        "sum-columns",
                        Message(QT_TR_NOOP("is not the sum of {}"), " + ".join(parts)),
                    )
                )


def _cohesive(check, params, column, present):
    names = [params["column"]] + list(params.get("othercolumns") or [])
    for r, values in enumerate(zip(*(column(n) for n in names))):
        filled = [present(v) for v in values]
        if any(filled) and not all(filled):
            empty = [n for n, f in zip(names, filled) if not f]
            check.add(
                _problem(
                    r,
                    names[0],
                    values[0],
                    "cohesive-columns",
                    Message(QT_TR_NOOP("is filled with others but not {}"), ", ".join(empty)),
                )
            )


def _year_interval(check, params, column, present):
    allow_single = str(params.get("allow-year-only", "no")).lower() in ("yes", "true")
    for r, value in enumerate(column(params["column"])):
        if not present(value):
            continue
        match = re.fullmatch(r"(\d{4})(?:/(\d{4}))?", str(value).strip())
        if not match:
            continue  # (not years at all: the field's pattern or type says so)
        if not (int(match.group(1)) < int(match.group(2)) if match.group(2) else allow_single):
            check.add(
                _problem(
                    r,
                    params["column"],
                    value,
                    "year-interval",
                    Message(QT_TR_NOOP("is not a year interval YYYY/YYYY (first < second)")),
                )
            )


_RELATIONS = {
    "compare-columns-value": _compare,
    "sum-columns-value": _sum,
    "cohesive-columns-value": _cohesive,
    "year-interval-value": _year_interval,
}

"""What a quality report checks on attributes, as one typed request, and the checks it produces (pure, no QGIS).

``terridata:quality_report`` reads its parameters once into :class:`AttributeRules`; :func:`attribute_checks` runs
completeness, uniqueness, domain, outliers, dates, territorial codes and the Table Schema on plain columns, and
:func:`dataset_checks` says when there is nothing to check (empty layer) or no way to place the features (no CRS),
so that such a layer is never reported valid.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from ..messages import QT_TR_NOOP, Message
from . import attributes as qattr
from .codes import COMMUNE, check_codes
from .model import COMPLETENESS_OMISSION, POSITIONAL_ACCURACY, CheckResult
from .schema import validate_table


@dataclass(frozen=True)
class AttributeRules:
    required: tuple = ()
    threshold: float = 95.0
    keys: tuple = ()
    domain: dict = field(default_factory=dict)
    outliers: tuple = ()
    iqr_factor: float = 1.5
    dates: tuple = ()
    reference: _dt.datetime | None = None
    code_field: str = ""
    code_level: str = COMMUNE
    cog_vintage: int = 2024
    data_vintage: int | None = None
    schema: str = ""

    def fields_used(self) -> list:
        """Every field the rules name (to check they exist before reading anything)."""
        names = [*self.required, *self.keys, *self.outliers, *self.dates, *self.domain]
        return names + ([self.code_field] if self.code_field else [])

    def missing_fields(self, names) -> list:
        present = set(names)
        return [n for n in dict.fromkeys(self.fields_used()) if n not in present]


def attribute_checks(rules: AttributeRules, columns: dict, ids: list, referential=None) -> list:
    """The attribute checks of ``rules`` on ``columns`` (``{field: values}``, every field of the table in order),
    rows reported with ``ids``. ``referential`` (COG) is needed only when ``rules.code_field`` is set.

    Raises ValueError (naming the rule) when a rule cannot be used, e.g. an invalid regular expression."""
    checks = [qattr.check_completeness(columns[name], name, rules.threshold, rows=ids) for name in rules.required]
    if rules.keys:
        checks.append(qattr.check_uniqueness({k: columns[k] for k in rules.keys}, rows=ids))
    checks += [qattr.check_domain(columns[name], name, rule, rows=ids) for name, rule in rules.domain.items()]
    checks += [qattr.check_outliers(columns[name], name, rules.iqr_factor, rows=ids) for name in rules.outliers]
    for name in rules.dates:
        checks += qattr.check_dates(columns[name], name, rules.reference, rows=ids)
    if rules.code_field:
        if referential is None:
            raise ValueError("checking territorial codes needs the COG referential")
        checks += check_codes(
            columns[rules.code_field],
            rules.code_field,
            rules.code_level,
            rules.cog_vintage,
            referential,
            rows=ids,
            data_vintage=rules.data_vintage,
        )
    if rules.schema:
        names = list(columns)
        rows = list(zip(*(columns[n] for n in names))) if names else []
        for check in validate_table(names, rows, rules.schema, row_ids=ids):
            check.params["schema"] = Path(rules.schema).name
            checks.append(check)
    return checks


def dataset_checks(row_count: int, has_geometry: bool, crs_valid: bool, crs_label: str = "") -> list:
    """Two checks of the whole dataset: it has rows (an empty layer proves nothing: not valid), and a layer with
    geometries declares a CRS (without one, positions cannot be checked: not valid)."""
    rows = CheckResult("dataset_not_empty", QT_TR_NOOP("The layer or table has features"), COMPLETENESS_OMISSION)
    rows.checked = row_count
    if row_count == 0:
        rows.problem(
            "dataset-empty",
            QT_TR_NOOP(
                "The layer or table has no feature: nothing could be checked. Check the input "
                "(filter, selection, file) before relying on this report.",
            ),
        )
    rows.note = Message(QT_TR_NOOP("{:,} feature(s) or row(s)"), row_count)
    checks = [rows]
    if has_geometry:
        crs = CheckResult(
            "crs_defined",
            QT_TR_NOOP("The layer declares a coordinate reference system"),
            POSITIONAL_ACCURACY,
        )
        crs.checked = row_count
        crs.params = {"crs": crs_label}
        if not crs_valid:
            crs.problem(
                "crs-missing",
                QT_TR_NOOP(
                    "The layer has no coordinate reference system (CRS): positions, areas and the "
                    "CRS's area of use cannot be checked. Set the right CRS in the layer properties "
                    "(Source), then run the report again.",
                ),
            )
        crs.note = crs_label or "no CRS"
        checks.append(crs)
    return checks

"""The risk report of an anonymised export, for a data-protection officer: model, JSON and self-contained HTML.

It records the parameters (never the seed nor any key), whether the data was exported or refused (and why, and what
would work), the privacy measures achieved (k, l, suppressed records and cells), the information loss, and the
assessment against the three WP29 criteria: singling out, linkability, inference.
"""

from __future__ import annotations

import datetime as _dt
import html
import json
from dataclasses import asdict, dataclass, field

from ..messages import ENGLISH, QT_TR_NOOP, Localiser

SECRET_PARAMETER_WORDS = ("seed", "key", "secret", "password", "authcfg", "token")

CRITERIA = ("singling_out", "linkability", "inference")
CRITERION_TITLES = {
    "singling_out": QT_TR_NOOP("Singling out"),
    "linkability": QT_TR_NOOP("Linkability"),
    "inference": QT_TR_NOOP("Inference"),
}
VERDICTS = ("passed", "residual risk", "failed", "not assessed")
# What the HTML report shows for each verdict and method (the JSON keeps the stable words above).
VERDICT_LABELS = {
    "passed": QT_TR_NOOP("passed"),
    "residual risk": QT_TR_NOOP("residual risk"),
    "failed": QT_TR_NOOP("failed"),
    "not assessed": QT_TR_NOOP("not assessed"),
}
METHOD_LABELS = {
    "anonymisation": QT_TR_NOOP("anonymisation"),
    "pseudonymisation": QT_TR_NOOP("pseudonymisation"),
}
TEXTS = {
    "exported": QT_TR_NOOP("Exported ({})."),
    "refused": QT_TR_NOOP("Refused: nothing was exported. {}"),
    "pseudonymisation_title": QT_TR_NOOP("Pseudonymisation, not anonymisation:"),
    "pseudonymisation": QT_TR_NOOP(
        "direct identifiers were replaced by keyed pseudonyms. The key stays in the QGIS authentication database; "
        "whoever holds it can re-identify records, so this export is still personal data under the GDPR and must "
        "not be published as open data.",
    ),
    "what_would_work": QT_TR_NOOP("What would work"),
    "notes": QT_TR_NOOP("Notes"),
    "subtitle": QT_TR_NOOP("TerriData risk report · algorithm {} · {}"),
    "assessment": QT_TR_NOOP("Assessment (WP29 opinion 05/2014 criteria)"),
    "measures": QT_TR_NOOP("Privacy measures achieved"),
    "information_loss": QT_TR_NOOP("Information loss"),
    "generalisation": QT_TR_NOOP("Generalisation levels"),
    "fields": QT_TR_NOOP("Fields"),
    "parameters": QT_TR_NOOP("Parameters"),
    "rules": QT_TR_NOOP(
        "Rules: INSEE statistical confidentiality (frequency threshold 11 for persons and households, 3 for "
        "businesses, dominance 85 %), CNIL / EDPB anonymisation criteria. The random seed and any key are never "
        "written here.",
    ),
    "yes": QT_TR_NOOP("yes"),
    "no": QT_TR_NOOP("no"),
}


@dataclass
class Criterion:
    criterion: str  # one of CRITERIA
    verdict: str  # one of VERDICTS
    explanation: str


@dataclass
class RiskReport:
    algorithm: str
    title: str
    exported: bool
    method: str  # "anonymisation" or "pseudonymisation" (pseudonymised data stays personal data)
    parameters: dict = field(default_factory=dict)
    measures: dict = field(default_factory=dict)  # k/l achieved, suppressed records and cells...
    information_loss: dict = field(default_factory=dict)
    generalisation: dict = field(default_factory=dict)  # quasi-identifier → level
    fields: dict = field(default_factory=dict)  # field → action (dropped, pseudonymised, redacted, generalised, kept)
    criteria: list = field(default_factory=list)
    refusal_reason: str = ""
    suggestions: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    created: str = field(default_factory=lambda: _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat())

    def __post_init__(self):
        self.parameters = public_parameters(self.parameters)

    def add_criterion(self, criterion: str, verdict: str, explanation: str) -> None:
        if criterion not in CRITERIA or verdict not in VERDICTS:
            raise ValueError(f"Unknown criterion or verdict: {criterion!r}, {verdict!r}")
        self.criteria.append(Criterion(criterion, verdict, explanation))

    def to_dict(self) -> dict:
        data = asdict(self)
        data["status"] = "exported" if self.exported else "refused: nothing was exported"
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, default=_json_default)

    def to_html(self, localiser: Localiser | None = None) -> str:
        """The HTML report, in the language of ``localiser`` (``toolbelt.i18n.localiser()``; default English)."""
        return render_html(self, localiser)


def _json_default(obj):
    if hasattr(obj, "item"):
        return obj.item()
    if hasattr(obj, "tolist"):
        return obj.tolist()
    return str(obj)


def public_parameters(params: dict) -> dict:
    """Parameters without anything secret (seed, keys, authentication ids)."""
    return {
        k: v for k, v in (params or {}).items() if not any(word in str(k).lower() for word in SECRET_PARAMETER_WORDS)
    }


_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#1d1d1b;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ddd;padding:.3rem .5rem;
text-align:left;vertical-align:top}th{background:#f3f3f3;width:35%}
.status{padding:.6rem 1rem;border-radius:.3rem;font-weight:600}
.ok{background:#e3f4e1;color:#1e5e1a}.refused{background:#fbe3e1;color:#8a1c12}
.passed{color:#1e5e1a;font-weight:600}.residual{color:#8a5a00;font-weight:600}.failed{color:#8a1c12;font-weight:600}
.note{color:#555;font-size:.9rem}
"""


def _rows(mapping: dict, loc: Localiser, names_are_fields: bool = False) -> str:
    """A two-column table: names (JSON keys, shown translated; field names as code) and values (numbers written
    the language's way)."""
    if not mapping:
        return "<p class='note'>—</p>"

    def name(key) -> str:
        if names_are_fields:
            return f"<code>{html.escape(str(key))}</code>"
        return html.escape(loc.text(str(key)))

    rows = "".join(f"<tr><th>{name(k)}</th><td>{_value_html(v, loc)}</td></tr>" for k, v in mapping.items())
    return f"<table>{rows}</table>"


def _value_html(value, loc: Localiser) -> str:
    """A value of the report as HTML: a name of the data (a field, a layer: one word that is no text of
    TerriData's) as code, lists item by item, anything else as :func:`_fmt` writes it."""
    if isinstance(value, (list, tuple)):
        return ", ".join(_value_html(v, loc) for v in value)
    if isinstance(value, str) and value and not value.split()[1:] and loc.text(value) == value:
        return f"<code>{html.escape(value)}</code>"
    return html.escape(_fmt(value, loc))


def _fmt(value, loc: Localiser = ENGLISH) -> str:
    if isinstance(value, bool):
        return loc.text(TEXTS["yes"] if value else TEXTS["no"])
    if value is None:
        return "—"
    if isinstance(value, float):
        return loc.number(value, ",.4g")
    if isinstance(value, int):
        return loc.number(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(_fmt(v, loc) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{loc.text(str(k))}: {_fmt(v, loc)}" for k, v in value.items())
    return loc.text(value) if isinstance(value, str) else str(value)


def render_html(report: RiskReport, localiser: Localiser | None = None) -> str:
    loc = localiser or ENGLISH
    esc = html.escape
    t = loc.text

    def txt(key: str) -> str:
        return esc(t(TEXTS[key]))

    if report.exported:
        method = t(METHOD_LABELS.get(report.method, report.method))
        status = f"<p class='status ok'>{esc(t(TEXTS['exported']).format(method))}</p>"
    else:
        status = f"<p class='status refused'>{esc(t(TEXTS['refused']).format(t(report.refusal_reason)))}</p>"
    method_note = (
        f"<p><strong>{txt('pseudonymisation_title')}</strong> {txt('pseudonymisation')}</p>"
        if report.method == "pseudonymisation"
        else ""
    )
    crit = "".join(
        f"<tr><th>{esc(t(CRITERION_TITLES[c.criterion]))}</th><td><span class='"
        f"{'passed' if c.verdict == 'passed' else 'failed' if c.verdict == 'failed' else 'residual'}'>"
        f"{esc(t(VERDICT_LABELS.get(c.verdict, c.verdict)))}</span><br>{esc(t(c.explanation))}</td></tr>"
        for c in (Criterion(**c) if isinstance(c, dict) else c for c in report.criteria)
    )
    suggestions = (
        f"<h2>{txt('what_would_work')}</h2><ul>"
        + "".join(f"<li>{esc(t(s))}</li>" for s in report.suggestions)
        + "</ul>"
        if report.suggestions
        else ""
    )
    notes = (
        f"<h2>{txt('notes')}</h2><ul>" + "".join(f"<li>{esc(t(n))}</li>" for n in report.notes) + "</ul>"
        if report.notes
        else ""
    )
    subtitle = t(TEXTS["subtitle"]).format("\x00", esc(report.created))
    subtitle = esc(subtitle).replace("\x00", f"<code>{esc(report.algorithm)}</code>")
    return f"""<!DOCTYPE html>
<html lang="{esc(loc.language)}"><head><meta charset="utf-8"><title>{esc(t(report.title))}</title>
<style>{_CSS}</style></head>
<body>
<h1>{esc(t(report.title))}</h1>
<p class="note">{subtitle}</p>
{status}
{method_note}
<h2>{txt("assessment")}</h2>
<table>{crit or "<tr><td>" + esc(t(VERDICT_LABELS["not assessed"])) + "</td></tr>"}</table>
<h2>{txt("measures")}</h2>
{_rows(report.measures, loc)}
<h2>{txt("information_loss")}</h2>
{_rows(report.information_loss, loc)}
<h2>{txt("generalisation")}</h2>
{_rows(report.generalisation, loc, names_are_fields=True)}
<h2>{txt("fields")}</h2>
{_rows(report.fields, loc, names_are_fields=True)}
{suggestions}
<h2>{txt("parameters")}</h2>
{_rows(report.parameters, loc)}
{notes}
<p class="note">{txt("rules")}</p>
</body></html>
"""

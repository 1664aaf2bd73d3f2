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

SECRET_PARAMETER_WORDS = ("seed", "key", "secret", "password", "authcfg", "token")

CRITERIA = ("singling_out", "linkability", "inference")
CRITERION_TITLES = {
    "singling_out": "Singling out",
    "linkability": "Linkability",
    "inference": "Inference",
}
VERDICTS = ("passed", "residual risk", "failed", "not assessed")


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

    def to_html(self) -> str:
        return render_html(self)


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


def _rows(mapping: dict) -> str:
    if not mapping:
        return "<p class='note'>—</p>"
    rows = "".join(
        f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(_fmt(v))}</td></tr>" for k, v in mapping.items()
    )
    return f"<table>{rows}</table>"


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_fmt(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_fmt(v)}" for k, v in value.items())
    return str(value)


def render_html(report: RiskReport) -> str:
    esc = html.escape
    if report.exported:
        status = f"<p class='status ok'>Exported ({esc(report.method)}).</p>"
    else:
        status = f"<p class='status refused'>Refused: nothing was exported. {esc(report.refusal_reason)}</p>"
    method_note = (
        "<p><strong>Pseudonymisation, not anonymisation:</strong> direct identifiers were replaced by keyed "
        "pseudonyms. The key stays in the QGIS authentication database; whoever holds it can re-identify records, "
        "so this export is still personal data under the GDPR and must not be published as open data.</p>"
        if report.method == "pseudonymisation"
        else ""
    )
    crit = "".join(
        f"<tr><th>{esc(CRITERION_TITLES[c.criterion])}</th><td><span class='"
        f"{'passed' if c.verdict == 'passed' else 'failed' if c.verdict == 'failed' else 'residual'}'>"
        f"{esc(c.verdict)}</span><br>{esc(c.explanation)}</td></tr>"
        for c in (Criterion(**c) if isinstance(c, dict) else c for c in report.criteria)
    )
    suggestions = (
        "<h2>What would work</h2><ul>" + "".join(f"<li>{esc(s)}</li>" for s in report.suggestions) + "</ul>"
        if report.suggestions
        else ""
    )
    notes = "<h2>Notes</h2><ul>" + "".join(f"<li>{esc(n)}</li>" for n in report.notes) + "</ul>" if report.notes else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(report.title)}</title><style>{_CSS}</style></head>
<body>
<h1>{esc(report.title)}</h1>
<p class="note">TerriData risk report · algorithm <code>{esc(report.algorithm)}</code> · {esc(report.created)}</p>
{status}
{method_note}
<h2>Assessment (WP29 opinion 05/2014 criteria)</h2>
<table>{crit or "<tr><td>not assessed</td></tr>"}</table>
<h2>Privacy measures achieved</h2>
{_rows(report.measures)}
<h2>Information loss</h2>
{_rows(report.information_loss)}
<h2>Generalisation levels</h2>
{_rows(report.generalisation)}
<h2>Fields</h2>
{_rows(report.fields)}
{suggestions}
<h2>Parameters</h2>
{_rows(report.parameters)}
{notes}
<p class="note">Rules: INSEE statistical confidentiality (frequency threshold 11 for persons and households, 3 for
businesses, dominance 85 %), CNIL / EDPB anonymisation criteria. The random seed and any key are never written here.</p>
</body></html>
"""

"""The privacy gate: may this table be published as open data?

Before anything is published the personal-data detector of the confidentiality algorithms
(``core.privacy.identifiers.propose_declaration``) runs on the table. A table where it finds direct identifiers
(names, e-mails, phones, NIR, IBAN, addresses, record ids), free text with identifiers in it, or quasi-identifiers
(age, dates, commune, sex…) is refused, unless:

- it is the output of ``anonymised_export`` and its risk report (JSON) says so: exported, by anonymisation (not
  pseudonymisation), with k achieved at least the required k, as many records as the table, and the detector finds
  no direct identifier left in the table. The report is then published with the data, as its documentation;
- or the publisher declares that the table holds no personal data (e.g. a list of public facilities whose
  e-mails and phones are those of the services). The declaration is recorded in the dataset's metadata.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..privacy.identifiers import propose_declaration

ANONYMISER = "anonymised_export"
DECLARED = "declared"
ANONYMISED = "anonymised"
NOTHING_FOUND = "nothing found"
REFUSED = "refused"


@dataclass
class GateDecision:
    """``allowed`` or not, on which ``basis`` (one of the constants above), what was detected, and why."""

    allowed: bool
    basis: str
    direct: dict = field(default_factory=dict)  # field → why (direct identifiers and free text)
    quasi: dict = field(default_factory=dict)  # field → kind
    reasons: list = field(default_factory=list)  # why a risk report was not accepted

    def metadata(self) -> dict:
        """What the dataset's metadata records about the gate (``extras`` on data.gouv.fr)."""
        extras = {"terridata:privacy_gate": self.basis}
        if self.basis == DECLARED:
            extras["terridata:personal_data"] = "none (declared by the publisher)"
        elif self.basis == ANONYMISED:
            extras["terridata:personal_data"] = "anonymised (k-anonymity, risk report attached)"
        elif self.basis == NOTHING_FOUND:
            extras["terridata:personal_data"] = "none detected"
        return extras


def detect(columns: dict) -> tuple:
    """``(direct, quasi)``: fields holding direct identifiers or free text with identifiers in it (field → why) and
    quasi-identifiers (field → kind), as the detector proposes them."""
    direct, quasi = {}, {}
    for name, proposal in propose_declaration(columns).items():
        if proposal.role == "free_text" and not proposal.kinds:
            continue  # text in which the detector found no identifier (an object, a description)
        if proposal.role in ("direct", "free_text"):
            kinds = ", ".join(proposal.kinds) or proposal.role.replace("_", " ")
            direct[name] = f"{kinds}: {proposal.reason}" if proposal.reason else kinds
        elif proposal.role == "quasi":
            quasi[name] = proposal.kinds[0] if proposal.kinds else "categorical"
    return direct, quasi


def report_problems(report: dict | None, min_k: int, row_count: int) -> list:
    """Why a risk report does not vouch for a table (empty when it does)."""
    if not report:
        return ["no risk report of anonymised_export was given"]
    problems = []
    if report.get("algorithm") != ANONYMISER:
        problems.append(f"the report was not written by {ANONYMISER} (algorithm: {report.get('algorithm')!r})")
    if not report.get("exported"):
        problems.append("the report records a refused export")
    if report.get("method") != "anonymisation":
        problems.append(f"the method was {report.get('method')!r}: pseudonymised data is still personal data")
    measures = report.get("measures") or {}
    k_achieved = measures.get("k achieved (smallest group)")
    if not isinstance(k_achieved, (int, float)) or k_achieved < min_k:
        problems.append(f"k achieved is {k_achieved}, below the required k = {min_k}")
    exported = measures.get("records exported")
    if exported != row_count:
        problems.append(
            f"the report describes {exported} exported records but the table has {row_count}: it is not this "
            "table (or rows were added or removed since, which can break k-anonymity)"
        )
    return problems


def generalised_fields(report: dict | None) -> set:
    """The fields the risk report says were generalised (the location's grid cells are the ``cell_id`` column)."""
    names = set((report or {}).get("generalisation") or {})
    if "location" in names:
        names.add("cell_id")
    return names


def decide(columns: dict, risk_report: dict | None = None, min_k: int = 11, declared_no_personal_data=False):
    """The gate's :class:`GateDecision` for ``columns`` (field name → values of the table to publish)."""
    direct, quasi = detect(columns)
    row_count = max((len(v) for v in columns.values()), default=0)
    if declared_no_personal_data:
        return GateDecision(True, DECLARED, direct, quasi)
    if not direct and not quasi:
        return GateDecision(True, NOTHING_FOUND)
    reasons = report_problems(risk_report, min_k, row_count)
    left = {k: v for k, v in direct.items() if k not in generalised_fields(risk_report)}
    if risk_report and left:
        reasons.append(
            "the detector still finds direct identifiers or free text in the table: "
            + "; ".join(f"{k} ({v})" for k, v in left.items())
        )
    if not reasons:
        return GateDecision(True, ANONYMISED, direct, quasi)
    return GateDecision(False, REFUSED, direct, quasi, reasons)

"""Territory codes read from a table: repair the ones that lost a leading zero in a spreadsheet (``1001`` →
``01001``, ``1`` → ``01``) and report what was repaired."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Expected length of a code by level (SIREN for EPCI).
CODE_LENGTH = {"commune": 5, "departement": 2, "region": 2, "epci": 9}


@dataclass
class CodeRepair:
    repaired: dict = field(default_factory=dict)  # original -> repaired

    @property
    def count(self) -> int:
        return len(self.repaired)


def repair_code(value, level: str, report: CodeRepair | None = None) -> str:
    """The code as text, stripped, with its lost leading zeros restored for numeric codes of ``level``.

    ``1001`` → ``01001`` (commune), ``1`` → ``01`` (département), ``1001.0`` → ``01001`` (a spreadsheet's float).
    Corsican codes (``2A004``) and département codes of 3 digits (``971``) are kept as they are.
    """
    text = str(value if value is not None else "").strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    width = CODE_LENGTH.get(level, 0)
    if text.isdigit() and width and len(text) < width:
        if level == "departement" and len(text) == 3:
            return text
        fixed = text.zfill(width)
        if report is not None and fixed != text:
            report.repaired[text] = fixed
        return fixed
    return text.upper() if level in ("commune", "departement") else text

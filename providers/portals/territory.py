"""A search territory from a COG code: checked against TerriData's COG referential (``core.cog``) and named, so
that data.gouv.fr gets its geozone (``fr:commune:91228``) and the other portals a name to search for."""

from __future__ import annotations

from ...toolbelt.i18n import tr
from .base import PortalError, Territory

LEVELS = ("commune", "epci", "departement", "region")


def territory_from_code(level: str, code: str) -> Territory:
    from ...core.cog.referential import default_referential

    code = (code or "").strip().upper()
    if level not in LEVELS:
        raise PortalError(tr("Unknown territory level '{}' (expected one of {}).", level, ", ".join(LEVELS)))
    if level in ("commune", "departement") and code.isdigit():
        code = code.zfill(5 if level == "commune" else 2)
    referential = default_referential()
    try:
        valid = referential.is_valid(code, level)
        name = referential.name(code, level=level) if valid else None
    except (KeyError, ValueError):
        valid, name = False, None
    if not valid:
        raise PortalError(
            tr(
                "'{}' is not a {} code of the current COG: give an INSEE code (commune 91228, département 91, "
                "région 11) or a SIREN (EPCI).",
                code,
                level,
            )
        )
    return Territory(level, code, name or "")

"""The portals the user can search: presets plus the user's entries of the ``portals`` setting.

data.gouv.fr's preset uses the ``datagouv_url`` setting (and ``rate_datagouv``); the Opendatasoft presets are
portals of French local authorities. A user entry (JSON in the ``portals`` setting, or ``TERRIDATA_PORTALS``) with
the name of a preset replaces it.
"""

from __future__ import annotations

import json

from ...toolbelt.i18n import tr
from ...toolbelt.settings import PlgSettings
from .base import KINDS, PortalConfig, PortalError

OPENDATASOFT_PRESETS = (
    ("Île-de-France (Opendatasoft)", "https://data.iledefrance.fr/api/explore/v2.1"),
    ("Paris (Opendatasoft)", "https://opendata.paris.fr/api/explore/v2.1"),
    ("Nantes Métropole (Opendatasoft)", "https://data.nantesmetropole.fr/api/explore/v2.1"),
    ("Rennes Métropole (Opendatasoft)", "https://data.rennesmetropole.fr/api/explore/v2.1"),
    ("Toulouse Métropole (Opendatasoft)", "https://data.toulouse-metropole.fr/api/explore/v2.1"),
)
DATAGOUV = "data.gouv.fr"


def presets() -> list:
    settings = PlgSettings.get()
    found = [PortalConfig(DATAGOUV, "datagouv", settings.datagouv_url.rstrip("/"), preset=True)]
    found.extend(PortalConfig(name, "opendatasoft", url, preset=True) for name, url in OPENDATASOFT_PRESETS)
    return found


def parse_user_portals(text: str) -> list:
    """The user's entries from the setting's JSON text; raises :class:`PortalError` on an invalid entry."""
    if not (text or "").strip():
        return []
    try:
        entries = json.loads(text)
    except ValueError as exc:
        raise PortalError(tr("The 'portals' setting is not valid JSON ({}).", exc)) from None
    if not isinstance(entries, list):
        raise PortalError(tr("The 'portals' setting must be a JSON list of portals."))
    out = []
    for entry in entries:
        if not isinstance(entry, dict) or not entry.get("name") or not entry.get("url"):
            raise PortalError(tr("Each portal of the 'portals' setting needs a name and a url: {}", entry))
        kind = str(entry.get("kind") or "").lower()
        if kind not in KINDS:
            raise PortalError(
                tr("Portal '{}': unknown kind '{}' (expected one of {}).", entry["name"], kind, ", ".join(KINDS))
            )
        url = str(entry["url"]).strip()
        if not url.lower().startswith(("http://", "https://")):
            raise PortalError(tr("Portal '{}': the URL must start with http:// or https://.", entry["name"]))
        out.append(PortalConfig(str(entry["name"]), kind, url.rstrip("/"), str(entry.get("authcfg") or "")))
    return out


def portals() -> list:
    """Presets then user entries (a user entry replaces the preset of the same name)."""
    users = parse_user_portals(PlgSettings.get().portals)
    names = {p.name for p in users}
    return [p for p in presets() if p.name not in names] + users


def get_portal(name_or_url: str) -> PortalConfig:
    """The configured portal called ``name_or_url`` (case-insensitive), or the portal whose URL it is."""
    wanted = (name_or_url or "").strip()
    for portal in portals():
        if portal.name.lower() == wanted.lower() or portal.url.rstrip("/") == wanted.rstrip("/"):
            return portal
    raise PortalError(
        tr(
            "Unknown portal '{}'. Configured portals: {}. Add it in the TerriData settings ('portals').",
            wanted,
            ", ".join(p.name for p in portals()),
        )
    )

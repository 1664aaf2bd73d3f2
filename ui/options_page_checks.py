"""What the "Test connection" buttons of the settings page do: one small request to a portal or a SensorThings
service through its own client (so the network layer's proxy, authentication, rate limit and messages apply).

No widget here: the page runs these functions in a ``QgsTask`` and shows the returned sentence.
"""

from __future__ import annotations

from ..providers.portals import client_for
from ..providers.portals.base import KINDS, PortalConfig, SearchQuery
from ..providers.sensors.sensorthings import SensorThingsClient
from ..toolbelt.i18n import tr


def check_url(url: str) -> str:
    """``""`` when ``url`` may be tested, else why not (user-facing)."""
    if not url.strip().lower().startswith(("http://", "https://")):
        return tr("The address must start with http:// or https://.")
    return ""


def check_portal(name: str, kind: str, url: str, authcfg: str = "", feedback=None) -> str:
    """Ask the portal for one dataset of its catalogue; return a sentence saying what it answered.

    Raises the client's error (``NetworkError``, ``PortalError``...) with its user-facing message on failure.
    """
    if kind not in KINDS:
        raise ValueError(tr("Unknown portal kind '{}' (expected one of {}).", kind, ", ".join(KINDS)))
    config = PortalConfig(name or url, kind, url.strip().rstrip("/"), authcfg or "")
    page = client_for(config, feedback).search_page(SearchQuery(page_size=1), 1)
    return tr("Connection OK: {} answered, {} datasets in its catalogue.", config.name, page.total)


def check_sensorthings(url: str, feedback=None) -> str:
    """Read the service root of a SensorThings API; return a sentence saying what it answered."""
    info = SensorThingsClient(url, feedback=feedback).service()
    return tr("Connection OK: the SensorThings service ({}) lists {} entity sets.", info.version, len(info.entity_sets))


def check_wfs(url: str, feedback=None) -> str:
    """Ask a WFS 2.0 for its capabilities (never from the cache); return a sentence with its number of layers."""
    from ..providers.ign.capabilities import parse_wfs_capabilities
    from ..toolbelt.network import NetworkClient

    params = {"SERVICE": "WFS", "VERSION": "2.0.0", "REQUEST": "GetCapabilities"}
    xml = NetworkClient("ign_wfs", feedback=feedback).get(url.strip(), params=params, kind="api").content
    layers = parse_wfs_capabilities(xml, url.strip())
    return tr("Connection OK: the WFS lists {} layers.", len(layers))

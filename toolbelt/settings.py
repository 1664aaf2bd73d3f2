"""Typed plugin settings stored through QgsSettings, with environment-variable overrides.

One dataclass holds every setting with its default. ``PlgSettings.get()`` reads them from ``QgsSettings`` under
``terridata/`` and then lets ``TERRIDATA_<NAME>`` environment variables override them, which is how tests and
headless runs point each service's base URL at a local server without touching the user's profile.
Secrets never live here: they come from the QGIS authentication database (see ``toolbelt.auth``).
"""

import os
from dataclasses import asdict, dataclass, fields

from qgis.core import QgsSettings

SETTINGS_PREFIX = "terridata"
ENV_PREFIX = "TERRIDATA_"


@dataclass
class Settings:
    """Every TerriData setting and its default."""

    debug_mode: bool = False
    # Network behaviour.
    request_timeout_s: float = 60.0
    max_retries: int = 4
    backoff_base_s: float = 1.0
    backoff_max_s: float = 60.0
    cache_enabled: bool = True
    cache_max_mb: int = 200
    max_response_mb: int = 512
    # Base URLs of the services (a setting each, so a mirror or a local test server can replace them).
    ign_wfs_url: str = "https://data.geopf.fr/wfs/ows"
    ign_wmts_url: str = "https://data.geopf.fr/wmts"
    ign_wms_raster_url: str = "https://data.geopf.fr/wms-r/wms"
    ign_wms_vector_url: str = "https://data.geopf.fr/wms-v/ows"
    ign_geocoding_url: str = "https://data.geopf.fr/geocodage"
    insee_melodi_url: str = "https://api.insee.fr/melodi"
    insee_geo_url: str = "https://api.insee.fr/metadonnees/geo"
    datagouv_url: str = "https://www.data.gouv.fr/api/1"
    # Extra IGN-compatible WFS endpoints (regional platforms, mirrors), ``name|url`` separated by ``;``.
    extra_wfs_endpoints: str = ""
    # Rate limits per service, as ``requests/seconds`` (``30/1`` = 30 per second, ``30/60`` = 30 per minute).
    rate_ign_wfs: str = "30/1"
    rate_ign_wmts: str = "30/1"
    rate_ign_geocoding: str = "50/1"
    rate_insee_melodi: str = "30/60"
    rate_insee_geo: str = "30/60"
    rate_datagouv: str = "10/1"
    rate_default: str = "20/1"
    # network deadlines
    # Longest time one HTTP exchange may take from start to end, however the data trickles in (the request timeout
    # above only catches silence), per kind of request: JSON APIs and metadata, data requests, file downloads.
    deadline_api_s: float = 60.0
    deadline_data_s: float = 300.0
    deadline_download_s: float = 1800.0
    # sensors
    hubeau_url: str = "https://hubeau.eaufrance.fr/api"
    rate_hubeau: str = "10/1"
    rate_sensorthings: str = "20/1"
    # SensorThings services besides the presets (providers/sensors/endpoints.py), ``name|url`` separated by ``;``.
    sensorthings_endpoints: str = ""
    # portals
    # Open-data portals added by the user (JSON list of {"name", "kind", "url", "authcfg"}; kind: datagouv,
    # opendatasoft or ckan). The presets (data.gouv.fr at ``datagouv_url`` and a few Opendatasoft portals of local
    # authorities) are always listed; a user entry with the same name replaces its preset.
    portals: str = ""
    datagouv_tabular_url: str = "https://tabular-api.data.gouv.fr/api"
    datagouv_schema_url: str = "https://schema.data.gouv.fr/schemas"
    rate_opendatasoft: str = "10/1"
    rate_ckan: str = "10/1"
    # Caps of the resource loader: a zip expanding beyond this size or ratio is refused (zip bomb protection).
    portal_zip_max_expanded_mb: int = 4096
    portal_zip_max_ratio: float = 200.0


def _convert(raw, default):
    """Convert a raw QgsSettings or environment value to the type of ``default``."""
    if isinstance(default, bool):
        if isinstance(raw, bool):
            return raw
        return str(raw).strip().lower() in ("1", "true", "yes", "on")
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    return str(raw)


class PlgSettings:
    """Read and write :class:`Settings` through ``QgsSettings``."""

    @staticmethod
    def get() -> Settings:
        qs = QgsSettings()
        values = {}
        for field in fields(Settings):
            default = field.default
            raw = qs.value(f"{SETTINGS_PREFIX}/{field.name}", default)
            env = os.environ.get(ENV_PREFIX + field.name.upper())
            if env is not None:
                raw = env
            try:
                values[field.name] = _convert(raw, default)
            except (TypeError, ValueError):
                values[field.name] = default
        return Settings(**values)

    @staticmethod
    def set_value(name: str, value) -> None:
        if name not in {f.name for f in fields(Settings)}:
            raise KeyError(f"Unknown TerriData setting: {name}")
        QgsSettings().setValue(f"{SETTINGS_PREFIX}/{name}", value)

    @staticmethod
    def save(settings: Settings) -> None:
        qs = QgsSettings()
        for name, value in asdict(settings).items():
            qs.setValue(f"{SETTINGS_PREFIX}/{name}", value)

    @staticmethod
    def reset() -> None:
        QgsSettings().remove(SETTINGS_PREFIX)


def parse_rate(text: str) -> tuple:
    """Parse ``"30/60"`` into ``(30, 60.0)``: at most 30 requests in any 60-second window."""
    count, _, period = text.partition("/")
    count_i, period_f = int(count), float(period or 1)
    if count_i <= 0 or period_f <= 0:
        raise ValueError(f"Invalid rate limit {text!r}: expected 'requests/seconds' with positive numbers")
    return count_i, period_f


def interface_language() -> str:
    """Two-letter language of QGIS's interface (``fr``, ``en``...): QGIS's own override first, as QGIS does."""
    from qgis.core import QgsApplication

    name = QgsApplication.locale() or ""
    return name[:2].lower() if len(name) >= 2 else "en"

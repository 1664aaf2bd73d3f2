"""The web services TerriData talks to: a human name for error messages, the setting holding the base URL,
and the setting holding the rate limit. Providers name a service by its id; the network layer does the rest."""

from dataclasses import dataclass

from .settings import PlgSettings, parse_rate


@dataclass(frozen=True)
class Service:
    id: str  # noqa: A003
    label: str
    url_setting: str
    rate_setting: str = "rate_default"


SERVICES = {
    s.id: s
    for s in (
        Service("ign_wfs", "IGN Géoplateforme WFS", "ign_wfs_url", "rate_ign_wfs"),
        Service("ign_wmts", "IGN Géoplateforme WMTS", "ign_wmts_url", "rate_ign_wmts"),
        Service("ign_wms_raster", "IGN Géoplateforme WMS", "ign_wms_raster_url", "rate_ign_wmts"),
        Service("ign_geocoding", "IGN Géoplateforme geocoding", "ign_geocoding_url", "rate_ign_geocoding"),
        Service("insee_melodi", "INSEE Melodi", "insee_melodi_url", "rate_insee_melodi"),
        Service("insee_geo", "INSEE geographic metadata", "insee_geo_url", "rate_insee_geo"),
        Service("datagouv", "data.gouv.fr", "datagouv_url", "rate_datagouv"),
        Service("opendatasoft", "Opendatasoft portal", "", "rate_opendatasoft"),
        Service("ckan", "CKAN portal", "", "rate_ckan"),
        Service("web", "web service", "", "rate_default"),
        # sensors
        Service("hubeau", "Hub'Eau", "hubeau_url", "rate_hubeau"),
        Service("sensorthings", "SensorThings API", "", "rate_sensorthings"),
    )
}


def get_service(service_id: str) -> Service:
    try:
        return SERVICES[service_id]
    except KeyError:
        raise KeyError(f"Unknown TerriData service {service_id!r}; known: {', '.join(sorted(SERVICES))}") from None


def base_url(service_id: str) -> str:
    """The service's base URL from settings (no trailing slash)."""
    service = get_service(service_id)
    if not service.url_setting:
        raise ValueError(f"Service {service_id!r} has no base URL setting")
    return getattr(PlgSettings.get(), service.url_setting).rstrip("/")


def rate_limit(service_id: str) -> tuple:
    """``(max_requests, period_s)`` for the service, from settings."""
    return parse_rate(getattr(PlgSettings.get(), get_service(service_id).rate_setting))

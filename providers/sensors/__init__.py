"""Sensor dataset providers: OGC SensorThings API services and Hub'Eau (eaufrance), on the common dataset model."""

from __future__ import annotations

from ..model import Access, AccessKind, Capability, Dataset, Provider
from . import hubeau_format
from .endpoints import endpoints


class SensorThingsProvider(Provider):
    """One dataset per configured SensorThings service (presets and the user's list)."""

    id = "sensorthings"  # noqa: A003
    name = "OGC SensorThings API"
    capabilities = frozenset({Capability.CATALOGUE, Capability.SEARCH, Capability.DOWNLOAD})

    def datasets(self, feedback=None) -> list:
        return [
            Dataset(
                id=url,
                provider_id=self.id,
                title=name,
                description={
                    "en": "Things, datastreams and observations of a SensorThings API service",
                    "fr": "Objets, flux de données et observations d'un service SensorThings API",
                },
                keywords=("sensor", "capteur", "observation", "SensorThings"),
                producer=name,
                accesses=(Access(kind=AccessKind.API, url=url, service="sensorthings"),),
                category="sensors",
            )
            for name, url in endpoints()
        ]


class HubeauProvider(Provider):
    """Hub'Eau's observation endpoints (hydrometry, piezometry, river water quality), Licence Ouverte."""

    id = "hubeau"  # noqa: A003
    name = "Hub'Eau"
    capabilities = frozenset({Capability.CATALOGUE, Capability.SEARCH, Capability.DOWNLOAD})
    default_licence = hubeau_format.LICENCE
    default_licence_url = hubeau_format.LICENCE_URL
    default_attribution = "Hub'Eau (eaufrance)"

    def datasets(self, feedback=None) -> list:
        return [hubeau_dataset(key) for key in hubeau_format.OBSERVATION_APIS]


def hubeau_dataset(api_key: str) -> Dataset:
    """The dataset of one Hub'Eau observation endpoint (its producer credited in the attribution)."""
    api = hubeau_format.OBSERVATION_APIS[api_key]
    return Dataset(
        id=api.key,
        provider_id=HubeauProvider.id,
        title=api.label,
        keywords=("hubeau", "eau", "water", "capteur", "sensor", api.key),
        licence=hubeau_format.LICENCE,
        licence_url=hubeau_format.LICENCE_URL,
        attribution=f"Hub'Eau (eaufrance) – {api.producer}",
        producer=api.producer,
        accesses=(Access(kind=AccessKind.API, url=api.path, service="hubeau"),),
        category="sensors",
    )


def sensorthings_dataset(url: str, name: str = "") -> Dataset:
    return Dataset(
        id=url,
        provider_id=SensorThingsProvider.id,
        title=name or url,
        attribution=name or url,
        producer=name or url,
        accesses=(Access(kind=AccessKind.API, url=url, service="sensorthings"),),
        category="sensors",
    )


def create_providers() -> list:
    return [SensorThingsProvider(), HubeauProvider()]

"""IGN Géoplateforme provider: capabilities and catalogue (:mod:`.catalogue`), curated entries (:mod:`.curated`),
WFS 2.0 paged download to GeoPackage (:mod:`.wfs`) and address geocoding (:mod:`.geocoding`).

Importing this package imports no ``qgis`` (the pure modules are unit-tested without QGIS); the provider itself
is built on demand by :func:`create_provider`.
"""


def create_provider():
    from .catalogue import IgnProvider

    return IgnProvider()


__all__ = ["create_provider"]

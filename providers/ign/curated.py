"""Hand-checked entries of the IGN catalogue that collectivités use most, with French and English titles.

Pure data (no ``qgis`` import). The live capabilities add the hundreds of other layers; a curated entry wins over
the capabilities for titles, licence and attribution and is completed by them (extent, formats, CRS).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Access, AccessKind, Dataset, LocalizedText

PROVIDER_ID = "ign"
LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
PRODUCER = "IGN (Institut national de l'information géographique et forestière)"
ATTRIBUTION = "© IGN – Géoplateforme"


@dataclass(frozen=True)
class TerritoryLevel:
    """How to find a territory's geometry from its INSEE (or SIREN) code in ADMIN EXPRESS."""

    key: str
    typename: str
    code_field: str
    label: LocalizedText


# Field names of ADMIN EXPRESS COG CARTO as published on the Géoplateforme WFS (overridable in the algorithm).
TERRITORY_LEVELS = {
    lvl.key: lvl
    for lvl in (
        TerritoryLevel(
            "commune", "ADMINEXPRESS-COG-CARTO.LATEST:commune", "code_insee", LocalizedText("Commune", "Commune")
        ),
        TerritoryLevel(
            "epci",
            "ADMINEXPRESS-COG-CARTO.LATEST:epci",
            "code_siren",
            LocalizedText("EPCI", "EPCI (inter-municipality)"),
        ),
        TerritoryLevel(
            "departement",
            "ADMINEXPRESS-COG-CARTO.LATEST:departement",
            "code_insee",
            LocalizedText("Département", "Département"),
        ),
        TerritoryLevel(
            "region", "ADMINEXPRESS-COG-CARTO.LATEST:region", "code_insee", LocalizedText("Région", "Region")
        ),
    )
}


def _vector(typename, fr, en, desc_fr, desc_en, keywords, category, wfs_url) -> Dataset:
    return Dataset(
        id=typename,
        provider_id=PROVIDER_ID,
        title=LocalizedText(fr, en),
        description=LocalizedText(desc_fr, desc_en),
        keywords=tuple(keywords),
        licence=LICENCE,
        licence_url=LICENCE_URL,
        attribution=ATTRIBUTION,
        producer=PRODUCER,
        accesses=(
            Access(
                AccessKind.WFS, wfs_url, typename, ("application/json",), ("EPSG:2154", "EPSG:4326"), service="ign_wfs"
            ),
        ),
        curated=True,
        category=category,
    )


def _raster(layer, fr, en, desc_fr, desc_en, keywords, fmt, wmts_url, style="normal", tms="PM") -> Dataset:
    return Dataset(
        id=layer,
        provider_id=PROVIDER_ID,
        title=LocalizedText(fr, en),
        description=LocalizedText(desc_fr, desc_en),
        keywords=tuple(keywords),
        licence=LICENCE,
        licence_url=LICENCE_URL,
        attribution=ATTRIBUTION,
        producer=PRODUCER,
        accesses=(
            Access(
                AccessKind.WMTS,
                wmts_url,
                layer,
                (fmt,),
                ("EPSG:3857",),
                tile_matrix_set=tms,
                style=style,
                service="ign_wmts",
            ),
        ),
        curated=True,
        category="basemap",
    )


def curated_vector_datasets(wfs_url: str) -> list:
    """The curated WFS layers, pointing at ``wfs_url``."""
    ae = "ADMINEXPRESS-COG-CARTO.LATEST"
    return [
        _vector(
            f"{ae}:commune",
            "Communes (ADMIN EXPRESS)",
            "Municipalities (ADMIN EXPRESS)",
            "Limites des communes, code officiel géographique en vigueur (ADMIN EXPRESS COG CARTO).",
            "Municipality boundaries, current official geographic code (ADMIN EXPRESS COG CARTO).",
            ["limites administratives", "commune", "ADMIN EXPRESS", "COG", "administrative boundaries"],
            "admin",
            wfs_url,
        ),
        _vector(
            f"{ae}:epci",
            "EPCI (ADMIN EXPRESS)",
            "Inter-municipalities (EPCI, ADMIN EXPRESS)",
            "Établissements publics de coopération intercommunale à fiscalité propre.",
            "Inter-municipal cooperation bodies with their own taxation (EPCI).",
            ["limites administratives", "EPCI", "intercommunalité", "ADMIN EXPRESS", "administrative boundaries"],
            "admin",
            wfs_url,
        ),
        _vector(
            f"{ae}:departement",
            "Départements (ADMIN EXPRESS)",
            "Departments (ADMIN EXPRESS)",
            "Limites des départements (ADMIN EXPRESS COG CARTO).",
            "Department boundaries (ADMIN EXPRESS COG CARTO).",
            ["limites administratives", "département", "ADMIN EXPRESS", "administrative boundaries"],
            "admin",
            wfs_url,
        ),
        _vector(
            f"{ae}:region",
            "Régions (ADMIN EXPRESS)",
            "Regions (ADMIN EXPRESS)",
            "Limites des régions (ADMIN EXPRESS COG CARTO).",
            "Region boundaries (ADMIN EXPRESS COG CARTO).",
            ["limites administratives", "région", "ADMIN EXPRESS", "administrative boundaries"],
            "admin",
            wfs_url,
        ),
        _vector(
            "BDTOPO_V3:batiment",
            "Bâtiments (BD TOPO)",
            "Buildings (BD TOPO)",
            "Bâtiments de la BD TOPO : emprise, usage, hauteur, nombre de logements.",
            "BD TOPO buildings: footprint, use, height, number of dwellings.",
            ["bâti", "bâtiment", "BD TOPO", "buildings"],
            "buildings",
            wfs_url,
        ),
        _vector(
            "BDTOPO_V3:troncon_de_route",
            "Tronçons de route (BD TOPO)",
            "Road sections (BD TOPO)",
            "Réseau routier de la BD TOPO : nature, importance, sens de circulation.",
            "BD TOPO road network: nature, importance, traffic direction.",
            ["route", "réseau routier", "voirie", "BD TOPO", "roads"],
            "roads",
            wfs_url,
        ),
        _vector(
            "CADASTRALPARCELS.PARCELLAIRE_EXPRESS:parcelle",
            "Parcelles cadastrales (Parcellaire Express)",
            "Cadastral parcels (Parcellaire Express)",
            "Parcelles du cadastre (PCI) publiées par l'IGN dans Parcellaire Express.",
            "Cadastral parcels (PCI) published by IGN in Parcellaire Express.",
            ["cadastre", "parcelle", "PCI", "Parcellaire Express", "cadastral parcels"],
            "cadastre",
            wfs_url,
        ),
        _vector(
            "STATISTICALUNITS.IRIS:contours_iris",
            "IRIS (contours)",
            "IRIS statistical units",
            "Îlots regroupés pour l'information statistique (IRIS), découpage infracommunal de l'INSEE.",
            "INSEE's sub-municipal statistical units (IRIS).",
            ["IRIS", "statistique", "infracommunal", "INSEE", "statistical units"],
            "statistics",
            wfs_url,
        ),
    ]


def curated_basemaps(wmts_url: str) -> list:
    """The curated WMTS basemaps, pointing at ``wmts_url``."""
    return [
        _raster(
            "GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2",
            "Plan IGN v2",
            "IGN map (Plan IGN v2)",
            "Fond de carte multi-échelles de l'IGN.",
            "IGN's multi-scale reference basemap.",
            ["fond de plan", "carte", "Plan IGN", "basemap"],
            "image/png",
            wmts_url,
        ),
        _raster(
            "ORTHOIMAGERY.ORTHOPHOTOS",
            "Photographies aériennes (orthophotos)",
            "Aerial imagery (orthophotos)",
            "Orthophotographies de la BD ORTHO.",
            "BD ORTHO aerial orthophotos.",
            ["orthophoto", "photographie aérienne", "imagerie", "aerial imagery"],
            "image/jpeg",
            wmts_url,
        ),
        _raster(
            "CADASTRALPARCELS.PARCELLAIRE_EXPRESS",
            "Parcelles cadastrales (fond)",
            "Cadastral parcels (basemap)",
            "Plan cadastral (Parcellaire Express) en tuiles.",
            "Cadastral map (Parcellaire Express) as tiles.",
            ["cadastre", "parcelle", "fond de plan", "cadastral basemap"],
            "image/png",
            wmts_url,
            style="PCI vecteur",
        ),
    ]

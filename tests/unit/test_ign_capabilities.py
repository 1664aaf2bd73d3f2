"""Parsing the Géoplateforme capabilities (fixtures trimmed from the documented WFS 2.0.0 / WMTS 1.0.0 formats)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from terridata.providers.ign.capabilities import (
    CapabilitiesError,
    parse_wfs_capabilities,
    parse_wmts_capabilities,
)
from terridata.providers.ign.curated import TERRITORY_LEVELS, curated_basemaps, curated_vector_datasets
from terridata.providers.model import AccessKind, search_datasets

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ign"
WFS_URL = "https://data.geopf.fr/wfs/ows"


def test_wfs_capabilities():
    datasets = parse_wfs_capabilities((FIXTURES / "wfs_capabilities.xml").read_bytes(), WFS_URL)
    by_id = {d.id: d for d in datasets}
    assert list(by_id) == [
        "ADMINEXPRESS-COG-CARTO.LATEST:commune",
        "ADMINEXPRESS-COG-CARTO.LATEST:departement",
        "BDTOPO_V3:batiment",
        "BDTOPO_V3:cours_d_eau",
        "CADASTRALPARCELS.PARCELLAIRE_EXPRESS:parcelle",
    ]
    bati = by_id["BDTOPO_V3:batiment"]
    assert bati.title.fr == "BDTOPO : Bâtiments" and "Bâti" in bati.keywords
    assert bati.description.fr.startswith("Bâtiment : construction")
    access = bati.access(AccessKind.WFS)
    assert access.url == WFS_URL and access.layer == "BDTOPO_V3:batiment" and access.service == "ign_wfs"
    assert access.crs == ("EPSG:4326", "EPSG:2154") and "application/json" in access.formats
    assert bati.extent.as_tuple() == (-63.37, -21.40, 55.84, 51.09)
    assert bati.attribution == "© IGN – Géoplateforme" and bati.licence.startswith("Licence Ouverte")
    assert [d.id for d in search_datasets(datasets, "riviere")] == ["BDTOPO_V3:cours_d_eau"]
    assert [d.id for d in search_datasets(datasets, "parcelles cadastrales")] == [
        "CADASTRALPARCELS.PARCELLAIRE_EXPRESS:parcelle"
    ]


def test_wfs_capabilities_without_operations_metadata_keep_their_feature_types():
    """A valid document lacking OperationsMetadata (OWSLib fails on it with a TypeError): every feature type is
    still listed, and the missing section is reported."""
    xml = (FIXTURES / "wfs_capabilities.xml").read_bytes()
    without = re.sub(rb"<ows:OperationsMetadata>.*</ows:OperationsMetadata>", b"", xml, flags=re.S)
    assert b"OperationsMetadata" not in without and without.count(b"<FeatureType ") == 5
    datasets = parse_wfs_capabilities(without, WFS_URL)
    assert [d.id for d in datasets] == [d.id for d in parse_wfs_capabilities(xml, WFS_URL)]
    bati = {d.id: d for d in datasets}["BDTOPO_V3:batiment"]
    assert bati.access(AccessKind.WFS).crs == ("EPSG:4326", "EPSG:2154") and bati.title.fr == "BDTOPO : Bâtiments"
    assert bati.access(AccessKind.WFS).formats == ()
    (warning,) = datasets.warnings
    assert "no OperationsMetadata section" in warning and WFS_URL in warning
    assert parse_wfs_capabilities(xml, WFS_URL).warnings == []


def test_wfs_capabilities_without_feature_type_list_are_an_error():
    xml = (FIXTURES / "wfs_capabilities.xml").read_bytes()
    without = re.sub(rb"<FeatureTypeList .*</FeatureTypeList>", b"", xml, flags=re.S)
    with pytest.raises(CapabilitiesError, match="no FeatureTypeList section"):
        parse_wfs_capabilities(without, WFS_URL)


def test_wmts_capabilities():
    datasets = parse_wmts_capabilities((FIXTURES / "wmts_capabilities.xml").read_bytes(), "https://data.geopf.fr/wmts")
    by_id = {d.id: d for d in datasets}
    plan = by_id["GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2"].access(AccessKind.WMTS)
    assert (plan.tile_matrix_set, plan.style, plan.formats, plan.crs) == (
        "PM",
        "normal",
        ("image/png",),
        ("EPSG:3857",),
    )
    ortho = by_id["ORTHOIMAGERY.ORTHOPHOTOS"].access()
    assert ortho.default_format() == "image/jpeg"
    assert by_id["CADASTRALPARCELS.PARCELLAIRE_EXPRESS"].access().style == "PCI vecteur"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"<html><body>502 Bad Gateway", "not valid XML"),
        (b'{"error": "x"}', "did not return XML"),
        (
            b'<?xml version="1.0"?><ows:ExceptionReport xmlns:ows="http://www.opengis.net/ows/1.1">'
            b'<ows:Exception exceptionCode="InvalidParameterValue"><ows:ExceptionText>bad version</ows:ExceptionText>'
            b"</ows:Exception></ows:ExceptionReport>",
            "answered with an error: .*bad version",
        ),
        (b"<wfs:WFS_Capabilities><unclosed>", "not valid XML"),
    ],
)
def test_bad_capabilities_are_reported_clearly(content, message):
    with pytest.raises(CapabilitiesError, match=message) as info:
        parse_wfs_capabilities(content, WFS_URL)
    assert WFS_URL in str(info.value)


def test_curated_entries_have_both_languages_and_licence():
    entries = curated_vector_datasets(WFS_URL) + curated_basemaps("https://data.geopf.fr/wmts")
    ids = {d.id for d in entries}
    for expected in (
        "ADMINEXPRESS-COG-CARTO.LATEST:commune",
        "ADMINEXPRESS-COG-CARTO.LATEST:epci",
        "ADMINEXPRESS-COG-CARTO.LATEST:departement",
        "ADMINEXPRESS-COG-CARTO.LATEST:region",
        "BDTOPO_V3:batiment",
        "BDTOPO_V3:troncon_de_route",
        "CADASTRALPARCELS.PARCELLAIRE_EXPRESS:parcelle",
        "STATISTICALUNITS.IRIS:contours_iris",
        "GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2",
        "ORTHOIMAGERY.ORTHOPHOTOS",
        "CADASTRALPARCELS.PARCELLAIRE_EXPRESS",
    ):
        assert expected in ids
    for d in entries:
        assert d.curated and d.title.fr and d.title.en and d.title.fr != "" and d.attribution and d.licence_url
    assert {lvl.typename for lvl in TERRITORY_LEVELS.values()} <= ids
    assert [d.id for d in search_datasets(entries, "buildings")] == ["BDTOPO_V3:batiment"]
    assert [d.id for d in search_datasets(entries, "routes")] == ["BDTOPO_V3:troncon_de_route"]

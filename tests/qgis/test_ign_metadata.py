"""``apply_source_metadata``: licence and attribution into QGIS layer metadata (layer or GeoPackage)."""

from __future__ import annotations

import pytest
from osgeo import ogr, osr
from qgis.core import QgsVectorLayer

from terridata.providers.layer_metadata import (
    ATTRIBUTION_PROPERTY,
    LICENCE_PROPERTY,
    apply_source_metadata,
    layer_attribution,
)
from terridata.providers.model import Dataset, LocalizedText


def dataset() -> Dataset:
    return Dataset(
        id="DS_TEST",
        provider_id="insee",
        title=LocalizedText("Populations légales", "Legal populations"),
        description=LocalizedText("Résumé", "Abstract"),
        keywords=("population", "recensement"),
        licence="Licence Ouverte 2.0",
        licence_url="https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
        attribution="Source : INSEE",
        producer="INSEE",
        updated="2026-01-15",
    )


def make_gpkg(path, names=("a", "b")):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    for name in names:
        layer = ds.CreateLayer(name, srs, ogr.wkbPoint)
        feat = ogr.Feature(layer.GetLayerDefn())
        feat.SetGeometry(ogr.CreateGeometryFromWkt("POINT (355000 6689000)"))
        layer.CreateFeature(feat)
    ds = None


def test_layer_metadata_and_properties(qgis_app):
    layer = QgsVectorLayer("Point?crs=EPSG:2154", "p", "memory")
    assert apply_source_metadata(layer, dataset(), lang="fr") == [layer]
    md = layer.metadata()
    assert md.title() == "Populations légales" and md.abstract() == "Résumé" and md.identifier() == "insee:DS_TEST"
    assert md.rights() == ["Source : INSEE"] and md.licenses() == ["Licence Ouverte 2.0"]
    assert md.keywords()["TerriData"] == ["population", "recensement"]
    assert md.links()[0].url.startswith("https://www.etalab.gouv.fr")
    assert md.contacts()[0].organization == "INSEE" and md.contacts()[0].role == "originator"
    assert layer.customProperty(ATTRIBUTION_PROPERTY) == "Source : INSEE"
    assert layer.customProperty(LICENCE_PROPERTY) == "Licence Ouverte 2.0"
    apply_source_metadata(layer, dataset())  # applying twice does not duplicate
    assert layer.metadata().rights() == ["Source : INSEE"] and len(layer.metadata().links()) == 1
    assert layer_attribution(layer) == "Source : INSEE"


def test_geopackage_metadata_persists(qgis_app, tmp_path):
    path = tmp_path / "two.gpkg"
    make_gpkg(path)
    assert apply_source_metadata(str(path), {"attribution": "© IGN", "licence": "LO 2.0", "title": "T"}) == ["a", "b"]
    for name in ("a", "b"):
        layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
        assert layer.metadata().rights() == ["© IGN"] and layer.metadata().licenses() == ["LO 2.0"]
        assert layer_attribution(layer) == "© IGN"  # from the metadata saved in the file
    make_gpkg(tmp_path / "one.gpkg")
    assert apply_source_metadata(f"{tmp_path / 'one.gpkg'}|layername=b", dataset()) == ["b"]
    assert QgsVectorLayer(f"{tmp_path / 'one.gpkg'}|layername=a", "a", "ogr").metadata().rights() == []


def test_bad_inputs(qgis_app, tmp_path):
    with pytest.raises(FileNotFoundError):
        apply_source_metadata(tmp_path / "missing.gpkg", dataset())
    with pytest.raises(TypeError):
        apply_source_metadata(QgsVectorLayer("Point", "p", "memory"), "not a dataset")

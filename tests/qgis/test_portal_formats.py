"""The resource loader on every supported format, files built by the tests with OGR (independent writer)."""

from __future__ import annotations

import zipfile

import pytest
from osgeo import gdal, ogr, osr

POINTS = [("Évry", 2.4407, 48.6244), ("Corbeil", 2.4823, 48.6117), ("Massy", 2.2711, 48.7307)]


def _write(path, driver, layer="dae", points=POINTS, extra_layer=None):
    drv = ogr.GetDriverByName(driver)
    ds = drv.CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    for name in [layer] + ([extra_layer] if extra_layer else []):
        lyr = ds.CreateLayer(name, srs, ogr.wkbPoint)
        lyr.CreateField(ogr.FieldDefn("nom", ogr.OFTString))
        for nom, x, y in points:
            f = ogr.Feature(lyr.GetLayerDefn())
            f.SetField("nom", nom)
            f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({x} {y})"))
            lyr.CreateFeature(f)
    ds = None
    return path


def _read(path):
    ds = ogr.Open(str(path))
    lyr = ds.GetLayer(0)
    out = sorted(
        (f.GetField("nom"), round(f.GetGeometryRef().GetX(), 4), round(f.GetGeometryRef().GetY(), 4)) for f in lyr
    )
    return out


def _load(src, tmp_path, **options):
    from terridata.providers.portals.loader import GeometryOptions, load_file

    return load_file(
        src, tmp_path / "out.gpkg", "data", GeometryOptions(**options), source={"title": "t", "licence": "L"}
    )


EXPECTED = sorted((n, x, y) for n, x, y in POINTS)


@pytest.mark.parametrize(
    "driver, name", [("GeoJSON", "a.geojson"), ("FlatGeobuf", "a.fgb"), ("GPKG", "a.gpkg"), ("KML", "a.kml")]
)
def test_vector_formats(qgis_app, tmp_path, driver, name):
    if driver == "KML" and gdal.GetDriverByName("LIBKML") is None:
        # (Debian sid's GDAL 3.13, under QGIS 3.44, has no LIBKML.)
        pytest.skip("this GDAL has no LIBKML driver: its KML driver does not read placemark attributes (ExtendedData)")
    src = _write(tmp_path / name, driver)
    result = _load(src, tmp_path)
    assert result.feature_count == 3 and result.outside_france == 0
    assert _read(tmp_path / "out.gpkg") == EXPECTED


def test_lying_extension_is_read_by_content(qgis_app, tmp_path):
    src = _write(tmp_path / "real.geojson", "GeoJSON")
    liar = tmp_path / "data.csv"
    liar.write_bytes(src.read_bytes())
    assert _load(liar, tmp_path).feature_count == 3


def test_shapefile_in_zip_with_accents(qgis_app, tmp_path):
    folder = tmp_path / "shp"
    folder.mkdir()
    _write(folder / "défibrillateurs.shp", "ESRI Shapefile", layer="défibrillateurs")
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for part in folder.iterdir():
            z.write(part, f"Essonne/{part.name}")
    result = _load(archive, tmp_path)
    assert result.feature_count == 3 and _read(tmp_path / "out.gpkg") == EXPECTED


def test_several_layers_choose(qgis_app, tmp_path):
    from terridata.providers.portals.loader import ResourceLoadError

    src = _write(tmp_path / "two.gpkg", "GPKG", layer="dae", extra_layer="autres")
    with pytest.raises(ResourceLoadError, match="several layers: dae, autres"):
        _load(src, tmp_path)
    assert not (tmp_path / "out.gpkg").exists()
    assert _load(src, tmp_path, layer="autres").feature_count == 3


def test_xlsx_through_ogr(qgis_app, tmp_path):
    xlsx = tmp_path / "t.xlsx"
    ds = ogr.GetDriverByName("XLSX").CreateDataSource(str(xlsx))
    lyr = ds.CreateLayer("Feuille1", None, ogr.wkbNone)
    for name, kind in (("nom", ogr.OFTString), ("latitude", ogr.OFTReal), ("longitude", ogr.OFTReal)):
        lyr.CreateField(ogr.FieldDefn(name, kind))
    for nom, x, y in POINTS:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("nom", nom)
        f.SetField("latitude", y)
        f.SetField("longitude", x)
        lyr.CreateFeature(f)
    ds = None
    result = _load(xlsx, tmp_path)
    assert result.feature_count == 3 and _read(tmp_path / "out.gpkg") == EXPECTED


def test_lambert93_xy_and_wkt(qgis_app, tmp_path):
    csv = tmp_path / "l93.csv"
    csv.write_text("nom;X;Y\nA;652469,5;6862035,2\n", encoding="utf-8")
    result = _load(csv, tmp_path)
    ds = ogr.Open(str(tmp_path / "out.gpkg"))
    lyr = ds.GetLayer(0)
    assert lyr.GetSpatialRef().GetAuthorityCode(None) == "2154"
    feature = lyr.GetNextFeature()
    g = feature.GetGeometryRef()
    assert (g.GetX(), g.GetY()) == (652469.5, 6862035.2) and result.outside_france == 0
    feature = g = lyr = ds = None
    wkt = tmp_path / "wkt.csv"
    wkt.write_text('id,geometry\n1,"POLYGON ((2 48,3 48,3 49,2 48))"\n2,\n', encoding="utf-8")
    result = _load(wkt, tmp_path)
    assert result.feature_count == 2 and result.without_geometry == 1


def test_geojson_column(qgis_app, tmp_path):
    src = tmp_path / "gj.csv"
    src.write_text('nom;geo_shape\nA;"{""type"": ""Point"", ""coordinates"": [2.44, 48.62]}"\n', encoding="utf-8")
    _load(src, tmp_path)
    assert _read(tmp_path / "out.gpkg") == [("A", 2.44, 48.62)]


def test_zip_bomb_through_loader(qgis_app, tmp_path):
    from terridata.providers.portals.loader import ResourceLoadError, load_file

    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("zeros.csv", b"a;b\n" + b"0;0\n" * (10 * 1024 * 1024))
    with pytest.raises(ResourceLoadError, match="zip bomb protection"):
        load_file(archive, tmp_path / "out.gpkg", "data")
    assert not (tmp_path / "out.gpkg").exists()


def test_gpkg_keeps_metadata(qgis_app, tmp_path):
    from qgis.core import QgsVectorLayer

    src = _write(tmp_path / "a.geojson", "GeoJSON")
    from terridata.providers.portals.loader import load_file

    load_file(src, tmp_path / "out.gpkg", "data", source={"title": "DAE", "licence": "ODbL", "attribution": "© Ville"})
    layer = QgsVectorLayer(f"{tmp_path / 'out.gpkg'}|layername=data", "d", "ogr")
    assert layer.metadata().licenses() == ["ODbL"] and layer.metadata().rights() == ["© Ville"]
    gdal.ErrorReset()


@pytest.mark.parametrize("delimiter", [";", ","])
def test_types_checked_on_every_row_not_the_sample(qgis_app, tmp_path, delimiter):
    rows = [f"{i}{delimiter}{i}{delimiter}{i}" for i in range(3000)]
    rows += [f"3000{delimiter}n/a{delimiter}1.5"]
    src = tmp_path / "late.csv"
    src.write_text(f"id{delimiter}b{delimiter}c\n" + "\n".join(rows) + "\n", encoding="utf-8")
    _load(src, tmp_path)
    ds = ogr.Open(str(tmp_path / "out.gpkg"))
    layer = ds.GetLayer(0)
    defn = layer.GetLayerDefn()
    kinds = {defn.GetFieldDefn(i).GetName(): defn.GetFieldDefn(i).GetType() for i in range(defn.GetFieldCount())}
    assert kinds == {"id": ogr.OFTInteger64, "b": ogr.OFTString, "c": ogr.OFTReal}
    values = {(f.GetField("b"), f.GetField("c")) for f in layer if f.GetField("id") in (7, 3000)}
    assert values == {("7", 7.0), ("n/a", 1.5)}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("delimiter", [";", ",", "\t", "|"])
def test_csv_encodings_and_delimiters(qgis_app, tmp_path, encoding, delimiter):
    def number(v):
        text = f"{v}"
        return text.replace(".", ",") if delimiter != "," else text

    lines = [delimiter.join(["nom", "latitude", "longitude"])]
    lines += [delimiter.join([n, number(y), number(x)]) for n, x, y in POINTS]
    src = tmp_path / "in.csv"
    src.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    result = _load(src, tmp_path)
    assert result.feature_count == 3 and result.without_geometry == 0
    assert _read(tmp_path / "out.gpkg") == EXPECTED

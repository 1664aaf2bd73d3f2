"""The temporary file an output is written to before its rename keeps its layer metadata on every QGIS.

QGIS 3.40+ reads ``.gz`` after a dot in a file name as a gzip archive: a temporary GeoPackage named
``.OUTPUT.gz5a92ut.gpkg`` (tempfile's random part after a dot) made it refuse to store the licence and attribution
("Storing metadata for the specified uri is not supported"), about once in 1,300 outputs. The random part now follows
``-tmp-``.
"""

from __future__ import annotations

import tempfile

from osgeo import ogr
from qgis.core import QgsLayerMetadata, QgsProviderRegistry

from terridata.toolbelt import atomic


def _gpkg(path):
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    ds.CreateLayer("commune", geom_type=ogr.wkbPoint)
    ds = None


def test_metadata_is_stored_in_a_temporary_geopackage_whose_random_part_starts_with_gz(qgis_app, tmp_path, monkeypatch):
    made = []
    real = tempfile.mkstemp

    def mkstemp(prefix="", suffix="", dir=None):  # noqa: A002 - tempfile's own names
        fd, name = real(prefix=prefix + "gz", suffix=suffix, dir=dir)  # the unlucky draw
        made.append(name)
        return fd, name

    monkeypatch.setattr(atomic.tempfile, "mkstemp", mkstemp)
    target = tmp_path / "OUTPUT.gpkg"
    with atomic.atomic_path(target) as tmp:
        assert ".gz" not in tmp.name
        _gpkg(tmp)
        metadata = QgsLayerMetadata()
        metadata.setRights(["© IGN"])
        ogr_metadata = QgsProviderRegistry.instance().providerMetadata("ogr")
        ok, message = ogr_metadata.saveLayerMetadata(f"{tmp}|layername=commune", metadata)
        assert ok, message
    assert made and target.is_file()

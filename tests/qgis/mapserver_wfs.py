"""A real WFS 2.0 / WMS server for tests: MapServer 8 (``/usr/lib/cgi-bin/mapserv``) behind a small threaded HTTP
server on 127.0.0.1, publishing the commune boundaries (COG 2018) of several départements of ../shared/data and the
départements dissolved from them.

Layers (typenames, namespace prefix ``ms``): ``commune`` (``code_insee``, ``nom_officiel``,
``code_insee_du_departement``) and ``departement`` (``code_insee``, ``nom_officiel``), EPSG:4326, and
``commune_l93``, the same communes stored in Lambert-93 (EPSG:2154) as the IGN stores them. On that layer a lon/lat
``BBOX`` is reprojected by MapServer, which pages over the candidates of the reprojected box and filters them
afterwards: its pages are short in the middle of the result and a feature can come in two pages (WFS GetFeature in
GML and GeoJSON (``application/json``), WMS GetMap in PNG. Use the fixture :func:`mapserver` (session scope):
it yields a :class:`MapServer` with ``url`` (the OWS endpoint), ``codes`` (``{commune code: département}``).
"""

from __future__ import annotations

import gzip
import http.server
import json
import os
import subprocess
import threading
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from osgeo import ogr, osr

MAPSERV = "/usr/lib/cgi-bin/mapserv"
DEPARTEMENTS = ("02", "27", "59", "60", "62", "76", "80")  # 5,115 communes, contiguous (Hauts-de-France, Normandie)

MAPFILE = """MAP
  NAME "terridata_test"
  STATUS ON
  EXTENT -180 -90 180 90
  SIZE 512 512
  UNITS DD
  IMAGECOLOR 255 255 255
  PROJECTION "init=epsg:4326" END
  OUTPUTFORMAT
    NAME "geojson"
    DRIVER "OGR/GEOJSON"
    MIMETYPE "application/json"
    FORMATOPTION "FORM=SIMPLE"
    FORMATOPTION "STORAGE=memory"
  END
  OUTPUTFORMAT
    NAME "png"
    DRIVER "AGG/PNG"
    MIMETYPE "image/png"
    IMAGEMODE RGBA
    EXTENSION "png"
    TRANSPARENT ON
  END
  WEB
    METADATA
      "ows_enable_request" "*"
      "ows_title" "TerriData test WFS"
      "ows_onlineresource" "{url}?"
      "ows_srs" "EPSG:4326 EPSG:2154 EPSG:3857"
      "wfs_getfeature_formatlist" "geojson"
      "wfs_namespace_prefix" "ms"
      "wms_srs" "EPSG:4326 EPSG:2154 EPSG:3857"
    END
  END
{layers}
END
"""

LAYER = """  LAYER
    NAME "{name}"
    TYPE POLYGON
    STATUS ON
    CONNECTIONTYPE OGR
    CONNECTION "{gpkg}"
    DATA "{name}"
    PROJECTION "init=epsg:{epsg}" END
    METADATA
      "ows_title" "{title}"
      "gml_include_items" "all"
      "gml_featureid" "{key}"
      "wfs_enable_request" "*"
      "wms_enable_request" "*"
    END
    CLASS
      STYLE COLOR 240 200 120 OUTLINECOLOR 90 60 20 END
    END
  END
"""


def build_gpkg(shared_data: Path, target: Path, departements=DEPARTEMENTS) -> dict:
    """Write the ``commune`` and ``departement`` layers; returns ``{commune code: département code}``."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(target))
    com = ds.CreateLayer("commune", srs, ogr.wkbMultiPolygon, ["FID=fid"])
    for name in ("code_insee", "nom_officiel", "code_insee_du_departement"):
        com.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    lambert93 = osr.SpatialReference()
    lambert93.ImportFromEPSG(2154)
    lambert93.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_lambert93 = osr.CoordinateTransformation(srs, lambert93)
    com93 = ds.CreateLayer("commune_l93", lambert93, ogr.wkbMultiPolygon, ["FID=fid"])
    for name in ("code_insee", "nom_officiel", "code_insee_du_departement"):
        com93.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    dep = ds.CreateLayer("departement", srs, ogr.wkbMultiPolygon, ["FID=fid"])
    for name in ("code_insee", "nom_officiel"):
        dep.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    codes = {}
    ds.StartTransaction()
    for code_dep in departements:
        (path,) = sorted((shared_data / "communes-2018").glob(f"communes-{code_dep}-*.geojson.gz"))
        data = json.loads(gzip.decompress(path.read_bytes()))
        union = ogr.Geometry(ogr.wkbMultiPolygon)
        for feat in data["features"]:
            geom = ogr.CreateGeometryFromJson(json.dumps(feat["geometry"]))
            geom = ogr.ForceToMultiPolygon(geom)
            out = ogr.Feature(com.GetLayerDefn())
            out.SetField("code_insee", feat["properties"]["code"])
            out.SetField("nom_officiel", feat["properties"]["nom"])
            out.SetField("code_insee_du_departement", code_dep)
            out.SetGeometry(geom)
            com.CreateFeature(out)
            out93 = ogr.Feature(com93.GetLayerDefn())
            for name in ("code_insee", "nom_officiel", "code_insee_du_departement"):
                out93.SetField(name, out.GetField(name))
            geom93 = geom.Clone()
            geom93.Transform(to_lambert93)
            out93.SetGeometry(geom93)
            com93.CreateFeature(out93)
            codes[feat["properties"]["code"]] = code_dep
            valid = geom if geom.IsValid() else geom.Buffer(0)
            for i in range(valid.GetGeometryCount()) if valid.GetGeometryType() == ogr.wkbMultiPolygon else []:
                union.AddGeometry(valid.GetGeometryRef(i))
            if valid.GetGeometryType() == ogr.wkbPolygon:
                union.AddGeometry(valid)
        out = ogr.Feature(dep.GetLayerDefn())
        out.SetField("code_insee", code_dep)
        out.SetField("nom_officiel", path.name.split("-", 2)[2].split(".")[0])
        out.SetGeometry(ogr.ForceToMultiPolygon(union.UnionCascaded()))
        dep.CreateFeature(out)
    ds.CommitTransaction()
    ds = None
    return codes


class _Handler(http.server.BaseHTTPRequestHandler):
    server_version = "TerriDataTestMapServer/1"

    def do_GET(self):  # noqa: N802
        path, _, query = self.path.partition("?")
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "MAPSERVER_CONFIG_FILE": str(self.server.config_file),
            "REQUEST_METHOD": "GET",
            "QUERY_STRING": f"map={self.server.mapfile}&{query}",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": str(self.server.server_port),
            "SCRIPT_NAME": path,
        }
        proc = subprocess.run([MAPSERV], env=env, capture_output=True, timeout=120)
        self.server.log.append({"path": self.path, "rc": proc.returncode})
        head, sep, body = proc.stdout.partition(b"\r\n\r\n")
        if not sep:
            head, sep, body = proc.stdout.partition(b"\n\n")
        status = 200
        headers = []
        for line in head.decode("latin-1").splitlines():
            key, _, value = line.partition(":")
            if key.lower() == "status":
                status = int(value.strip().split()[0])
            elif key:
                headers.append((key, value.strip()))
        self.send_response(status)
        for key, value in headers:
            if key.lower() != "content-length":
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class MapServer:
    def __init__(self, workdir: Path, shared_data: Path, departements=DEPARTEMENTS):
        self.workdir = workdir
        self.gpkg = workdir / "communes.gpkg"
        self.codes = build_gpkg(shared_data, self.gpkg, departements)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/ows"
        mapfile = workdir / "test.map"
        layers = "".join(
            LAYER.format(name=name, gpkg=self.gpkg, title=title, key="code_insee", epsg=epsg)
            for name, title, epsg in (
                ("commune", "Communes", 4326),
                ("departement", "Départements", 4326),
                ("commune_l93", "Communes (Lambert-93)", 2154),
            )
        )
        mapfile.write_text(MAPFILE.format(url=self.url, layers=layers), encoding="utf-8")
        config = workdir / "mapserver.conf"
        config.write_text(f'CONFIG\n  ENV\n    MS_MAP_PATTERN "^{workdir}/.*\\.map$"\n  END\nEND\n', encoding="utf-8")
        self.httpd.mapfile = mapfile
        self.httpd.config_file = config
        self.httpd.log = []
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def get(self, **params) -> bytes:
        """One request straight to the server (no TerriData code involved), for expected values."""
        query = urllib.parse.urlencode(params)
        with urllib.request.urlopen(f"{self.url}?{query}", timeout=300) as answer:
            return answer.read()

    def codes_in_one_request(self, typename: str, **params) -> list:
        """``code_insee`` of every feature of one unpaged GeoJSON GetFeature: what the server itself selects."""
        body = self.get(
            SERVICE="WFS",
            VERSION="2.0.0",
            REQUEST="GetFeature",
            TYPENAMES=typename,
            OUTPUTFORMAT="application/json",
            SRSNAME="EPSG:4326",
            **params,
        )
        return [f["properties"]["code_insee"] for f in json.loads(body)["features"]]

    def envelope(self, layer: str, code: str) -> tuple:
        """``(xmin, ymin, xmax, ymax)`` (lon/lat) of one feature of the published GeoPackage."""
        ds = ogr.Open(str(self.gpkg))
        try:
            lyr = ds.GetLayerByName(layer)
            lyr.SetAttributeFilter(f"code_insee = '{code}'")
            feature = lyr.GetNextFeature()
            xmin, xmax, ymin, ymax = feature.GetGeometryRef().GetEnvelope()
            return xmin, ymin, xmax, ymax
        finally:
            ds = None

    @property
    def log(self) -> list:
        return self.httpd.log

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def mapserver(tmp_path_factory, shared_data):
    if not os.access(MAPSERV, os.X_OK):
        pytest.fail(f"MapServer not found at {MAPSERV}: apt-get install cgi-mapserver")
    server = MapServer(tmp_path_factory.mktemp("mapserver"), shared_data)
    yield server
    server.stop()

"""A real WFS 2.0 / WMS server for tests: MapServer 8 (``/usr/lib/cgi-bin/mapserv``) behind a small threaded HTTP
server on 127.0.0.1, publishing the commune boundaries (COG 2018) of several départements of ../shared/data and the
départements dissolved from them.

Layers (typenames, namespace prefix ``ms``): ``commune`` (``code_insee``, ``nom_officiel``,
``code_insee_du_departement``) and ``departement`` (``code_insee``, ``nom_officiel``), EPSG:4326; WFS GetFeature in
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
    PROJECTION "init=epsg:4326" END
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
    def __init__(self, workdir: Path, shared_data: Path):
        self.workdir = workdir
        self.gpkg = workdir / "communes.gpkg"
        self.codes = build_gpkg(shared_data, self.gpkg)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/ows"
        mapfile = workdir / "test.map"
        layers = LAYER.format(name="commune", gpkg=self.gpkg, title="Communes", key="code_insee")
        layers += LAYER.format(name="departement", gpkg=self.gpkg, title="Départements", key="code_insee")
        mapfile.write_text(MAPFILE.format(url=self.url, layers=layers), encoding="utf-8")
        config = workdir / "mapserver.conf"
        config.write_text(f'CONFIG\n  ENV\n    MS_MAP_PATTERN "^{workdir}/.*\\.map$"\n  END\nEND\n', encoding="utf-8")
        self.httpd.mapfile = mapfile
        self.httpd.config_file = config
        self.httpd.log = []
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

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

"""WFS 2.0.0 download into a GeoPackage: hits first, then ``STARTINDEX``/``COUNT`` pages of GeoJSON.

The requests go through any object with the :class:`toolbelt.network.NetworkClient` ``get`` method (rate limit,
retries on 429/5xx, cancel); this module does the WFS protocol (parameters, FES 2.0 filters, ``numberMatched``),
and OGR does the geometry work (reprojection, restriction to a territory) and writes the GeoPackage atomically.
No ``qgis`` import.
"""

from __future__ import annotations

import math
import re
import uuid
from dataclasses import dataclass, field
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from osgeo import gdal, ogr, osr

MAX_PAGE_SIZE = 5000
WGS84 = "EPSG:4326"


class WfsError(Exception):
    """A WFS download failed; ``str()`` is a message for a GIS technician (what, where, what to do)."""


class WfsCancelled(WfsError):  # noqa: N818
    """The user cancelled the download."""


def fes_equals_filter(field_name: str, value: str) -> str:
    """A FES 2.0 ``PropertyIsEqualTo`` filter (no CQL, so it works on GeoServer and MapServer alike)."""
    if not re.fullmatch(r"[A-Za-z_][\w.:-]*", field_name or ""):
        raise ValueError(f"Invalid attribute name for a WFS filter: {field_name!r}")
    return (
        '<fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0"><fes:PropertyIsEqualTo>'
        f"<fes:ValueReference>{escape(field_name)}</fes:ValueReference>"
        f"<fes:Literal>{escape(str(value))}</fes:Literal>"
        "</fes:PropertyIsEqualTo></fes:Filter>"
    )


def bbox_param(xmin: float, ymin: float, xmax: float, ymax: float) -> str:
    """A WFS 2.0 ``BBOX`` value for a lon/lat box: EPSG:4326 in its official axis order (latitude first)."""
    return f"{ymin!r},{xmin!r},{ymax!r},{xmax!r},urn:ogc:def:crs:EPSG::4326"


def getfeature_params(
    typename: str,
    *,
    count: int | None = None,
    startindex: int | None = None,
    hits: bool = False,
    srsname: str = WGS84,
    bbox: tuple | None = None,
    fes_filter: str = "",
    output_format: str = "application/json",
) -> dict:
    params = {"SERVICE": "WFS", "VERSION": "2.0.0", "REQUEST": "GetFeature", "TYPENAMES": typename}
    if hits:
        params["RESULTTYPE"] = "hits"
    else:
        params["OUTPUTFORMAT"] = output_format
        params["SRSNAME"] = srsname
    if count is not None:
        params["COUNT"] = str(int(count))
    if startindex is not None:
        params["STARTINDEX"] = str(int(startindex))
    if fes_filter and bbox:
        raise ValueError("A WFS request takes either a BBOX or a FILTER, not both")
    if bbox:
        params["BBOX"] = bbox_param(*bbox)
    if fes_filter:
        params["FILTER"] = fes_filter
    return params


def exception_text(content: bytes) -> str:
    """The text of an OWS ``ExceptionReport`` (or ``""`` when ``content`` is not one)."""
    head = content[:3000]
    if b"ExceptionReport" not in head and b"ServiceException" not in head:
        return ""
    try:
        root = ElementTree.fromstring(content)
        texts = [t.strip() for t in root.itertext() if t.strip()]
        codes = [el.get("exceptionCode") for el in root.iter() if el.get("exceptionCode")]
        return " ".join((codes[:1] or []) + texts)[:400]
    except ElementTree.ParseError:
        return " ".join(re.sub(rb"<[^>]+>", b" ", head).decode("utf-8", "replace").split())[:400]


def parse_number_matched(content: bytes, typename: str = "") -> int | None:
    """``numberMatched`` of a WFS 2.0 ``RESULTTYPE=hits`` answer (``None`` when the server says ``unknown``)."""
    error = exception_text(content)
    if error:
        raise WfsError(f"The WFS refused to count the features of {typename}: {error}")
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError as exc:
        raise WfsError(
            f"The WFS answer to the feature count of {typename} is not valid XML ({exc}). "
            "The server may be overloaded or the URL may not be a WFS 2.0 service."
        ) from None
    value = root.get("numberMatched")
    if value is None:
        raise WfsError(f"The WFS answer to the feature count of {typename} has no numberMatched: is it WFS 2.0.0?")
    return None if value == "unknown" else int(value)


@dataclass
class DownloadResult:
    path: str
    layer_name: str
    feature_count: int = 0
    number_matched: int | None = None
    pages: int = 0
    requests: int = 0
    skipped_outside: int = 0
    crs: str = ""
    page_sizes: list = field(default_factory=list)


def _srs(authid: str) -> osr.SpatialReference:
    srs = osr.SpatialReference()
    if srs.SetFromUserInput(authid) != 0:
        raise WfsError(f"Unknown coordinate reference system {authid!r}")
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def _open_geojson(content: bytes, what: str):
    error = exception_text(content)
    if error:
        raise WfsError(f"The WFS returned an error instead of {what}: {error}")
    name = f"/vsimem/terridata_{uuid.uuid4().hex}.geojson"
    gdal.FileFromMemBuffer(name, content)
    try:
        with _gdal_errors_silenced():
            try:
                ds = ogr.Open(name)
            except RuntimeError:  # GDAL exceptions may be enabled by the host application
                ds = None
        if ds is None or ds.GetLayerCount() == 0:
            snippet = content[:80].decode("utf-8", "replace")
            raise WfsError(
                f"The WFS returned malformed GeoJSON for {what} (starts with {snippet!r}). "
                "Retry later; if it persists the server does not support OUTPUTFORMAT=application/json."
            )
        return ds, name
    except Exception:
        gdal.Unlink(name)
        raise


class _gdal_errors_silenced:  # noqa: N801
    def __enter__(self):
        gdal.PushErrorHandler("CPLQuietErrorHandler")

    def __exit__(self, *exc):
        gdal.PopErrorHandler()


def geometry_from_geojson(content: bytes, what: str) -> ogr.Geometry | None:
    """Union of every geometry of a GeoJSON answer (lon/lat), or None when it has no feature."""
    ds, name = _open_geojson(content, what)
    try:
        layer = ds.GetLayer(0)
        union = None
        for feat in layer:
            geom = feat.GetGeometryRef()
            if geom is None:
                continue
            geom = geom.Clone()
            if not geom.IsValid():
                geom = geom.Buffer(0)
            union = geom if union is None else union.Union(geom)
        return union
    finally:
        ds = None
        gdal.Unlink(name)


class GpkgWriter:
    """Appends GeoJSON pages (lon/lat) to one GeoPackage layer in ``crs``, keeping only features in ``mask``."""

    def __init__(self, path: str, layer_name: str, crs: str = "EPSG:2154", mask: ogr.Geometry | None = None):
        self.path = str(path)
        self.layer_name = layer_name
        self.crs = crs
        self.mask = mask
        self.count = 0
        self.skipped = 0
        self._src_srs = _srs(WGS84)
        self._dst_srs = _srs(crs)
        self._transform = osr.CoordinateTransformation(self._src_srs, self._dst_srs)
        self._ds = None
        self._layer = None
        self._fields = set()
        self._page_signatures = set()
        self._multi = False
        self._prepared = (
            mask.CreatePreparedGeometry() if mask is not None and hasattr(mask, "CreatePreparedGeometry") else None
        )

    def _create(self, src_layer) -> None:
        driver = ogr.GetDriverByName("GPKG")
        self._ds = driver.CreateDataSource(self.path)
        if self._ds is None:
            raise WfsError(f"Cannot create the GeoPackage {self.path}: check the folder exists and is writable")
        gtype = src_layer.GetGeomType() if src_layer is not None else ogr.wkbUnknown
        flat = ogr.GT_Flatten(gtype)
        if flat in (ogr.wkbPolygon, ogr.wkbMultiPolygon):
            gtype, self._multi = ogr.wkbMultiPolygon, True
        elif flat in (ogr.wkbLineString, ogr.wkbMultiLineString):
            gtype, self._multi = ogr.wkbMultiLineString, True
        elif flat == ogr.wkbNone:
            gtype = ogr.wkbUnknown
        self._layer = self._ds.CreateLayer(self.layer_name, self._dst_srs, gtype, ["FID=fid", "SPATIAL_INDEX=YES"])
        self._ds.StartTransaction()

    def _sync_fields(self, src_defn) -> None:
        for i in range(src_defn.GetFieldCount()):
            fdefn = src_defn.GetFieldDefn(i)
            name = fdefn.GetName()
            if name.lower() in self._fields or name.lower() == "fid":
                continue
            new = ogr.FieldDefn(name, fdefn.GetType())
            new.SetSubType(fdefn.GetSubType())
            self._layer.CreateField(new)
            self._fields.add(name.lower())

    def _keep(self, geom) -> bool:
        if self.mask is None:
            return True
        if geom is None:
            return False
        if ogr.GT_Flatten(geom.GetGeometryType()) in (ogr.wkbPolygon, ogr.wkbMultiPolygon):
            probe = geom.PointOnSurface() if geom.IsValid() else geom.Centroid()
            probe = probe if probe is not None else geom.Centroid()
        else:
            probe = geom
        if self._prepared is not None:
            return self._prepared.Intersects(probe)
        return self.mask.Intersects(probe)

    def add_page(self, content: bytes, what: str) -> int:
        """Append one GeoJSON page; returns the number of features in the page (kept or not)."""
        ds, name = _open_geojson(content, what)
        try:
            src = ds.GetLayer(0)
            n = src.GetFeatureCount()
            if self._ds is None:
                if n == 0 and self.count == 0:
                    return 0
                self._create(src)
            defn = src.GetLayerDefn()
            self._sync_fields(defn)
            out_defn = self._layer.GetLayerDefn()
            names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
            out_idx = [out_defn.GetFieldIndex(nm) for nm in names]
            src.ResetReading()
            first = src.GetNextFeature()
            if first is not None:
                geom0 = first.GetGeometryRef()
                signature = (
                    tuple(first.GetField(i) for i in range(defn.GetFieldCount())),
                    bytes(geom0.ExportToWkb()) if geom0 is not None else b"",
                )
                if signature in self._page_signatures:
                    raise WfsError(
                        f"The WFS sent the same features again for {what}: it does not seem to support STARTINDEX "
                        "paging. Use a page size large enough for the whole layer, or another service."
                    )
                self._page_signatures.add(signature)
            src.ResetReading()
            for feat in src:
                geom = feat.GetGeometryRef()
                if not self._keep(geom):
                    self.skipped += 1
                    continue
                out = ogr.Feature(out_defn)
                for i, j in enumerate(out_idx):
                    if j >= 0 and feat.IsFieldSetAndNotNull(i):
                        out.SetField(j, feat.GetField(i))
                if geom is not None:
                    geom = geom.Clone()
                    geom.AssignSpatialReference(self._src_srs)
                    if geom.Transform(self._transform) != 0:
                        raise WfsError(f"Cannot reproject a feature of {what} to {self.crs}")
                    if self._multi:
                        geom = (
                            ogr.ForceToMultiPolygon(geom)
                            if self._layer.GetGeomType() == ogr.wkbMultiPolygon
                            else ogr.ForceToMultiLineString(geom)
                        )
                    out.SetGeometry(geom)
                if self._layer.CreateFeature(out) != 0:
                    raise WfsError(f"Cannot write a feature of {what} into {self.path}")
                self.count += 1
            return n
        finally:
            ds = None
            gdal.Unlink(name)

    def close(self, empty_template_fields: tuple = ()) -> None:
        if self._ds is None:
            # An empty result still gives a valid (empty) layer, so a model or a script can go on.
            driver = ogr.GetDriverByName("GPKG")
            self._ds = driver.CreateDataSource(self.path)
            if self._ds is None:
                raise WfsError(f"Cannot create the GeoPackage {self.path}: check the folder exists and is writable")
            self._layer = self._ds.CreateLayer(self.layer_name, self._dst_srs, ogr.wkbUnknown, ["FID=fid"])
        else:
            self._ds.CommitTransaction()
        self._layer = None
        self._ds = None


def layer_name_for(typename: str) -> str:
    """``BDTOPO_V3:batiment`` -> ``batiment`` (a GeoPackage-friendly name)."""
    name = typename.split(":")[-1] or typename
    return re.sub(r"[^\w]+", "_", name).strip("_").lower() or "layer"


class WfsClient:
    """The WFS 2.0 protocol over a network client (``get(url, params=...) -> response with .content``)."""

    def __init__(self, network, url: str):
        self.network = network
        self.url = url
        self.requests = 0

    def _get(self, params: dict) -> bytes:
        self.requests += 1
        return self.network.get(self.url, params=params).content

    def number_matched(self, typename: str, bbox=None, fes_filter: str = "") -> int | None:
        content = self._get(getfeature_params(typename, hits=True, bbox=bbox, fes_filter=fes_filter))
        return parse_number_matched(content, typename)

    def territory_geometry(self, typename: str, code_field: str, code: str) -> ogr.Geometry:
        """The union (lon/lat) of the features of ``typename`` whose ``code_field`` equals ``code``."""
        params = getfeature_params(typename, count=100, fes_filter=fes_equals_filter(code_field, code))
        content = self._get(params)
        geom = geometry_from_geojson(content, f"the territory {code} ({typename})")
        if geom is None:
            raise WfsError(
                f"No territory with {code_field} = {code!r} in the WFS layer {typename}. "
                "Check the code (INSEE code of a commune or département, SIREN code of an EPCI) and the level."
            )
        return geom


def download(
    network,
    url: str,
    typename: str,
    target_path: str,
    *,
    crs: str = "EPSG:2154",
    page_size: int = MAX_PAGE_SIZE,
    bbox: tuple | None = None,
    mask: ogr.Geometry | None = None,
    layer_name: str = "",
    feedback=None,
    log=None,
) -> DownloadResult:
    """Download every feature of ``typename`` (within ``bbox``/``mask``, lon/lat) into ``target_path``.

    ``target_path`` is written directly: callers wrap it in :func:`toolbelt.atomic.atomic_path`. ``feedback`` is
    anything with ``isCanceled()`` and ``setProgress()``; cancelling stops between pages with :class:`WfsCancelled`.
    """
    if not 1 <= int(page_size) <= MAX_PAGE_SIZE:
        raise WfsError(f"The page size must be between 1 and {MAX_PAGE_SIZE} (got {page_size})")
    if mask is not None and bbox is None:
        env = mask.GetEnvelope()  # (minx, maxx, miny, maxy)
        bbox = (env[0], env[2], env[1], env[3])
    client = WfsClient(network, url)
    layer_name = layer_name or layer_name_for(typename)
    result = DownloadResult(str(target_path), layer_name, crs=crs)

    def cancelled() -> bool:
        return feedback is not None and feedback.isCanceled()

    if cancelled():
        raise WfsCancelled("Download cancelled")
    matched = client.number_matched(typename, bbox=bbox)
    result.number_matched = matched
    if log:
        log(f"{typename}: {matched if matched is not None else 'unknown number of'} features to download")
    writer = GpkgWriter(str(target_path), layer_name, crs=crs, mask=mask)
    max_pages = math.ceil(matched / page_size) + 1 if matched is not None else None
    start = 0
    while matched is None or start < matched:
        if cancelled():
            raise WfsCancelled(f"Download of {typename} cancelled after {start} features")
        if max_pages is not None and result.pages >= max_pages:
            raise WfsError(
                f"The WFS kept sending pages of {typename} beyond the {matched} features it announced: "
                "it may not support STARTINDEX paging."
            )
        params = getfeature_params(typename, count=page_size, startindex=start, bbox=bbox)
        content = client._get(params)
        what = f"page {result.pages + 1} of {typename} (STARTINDEX={start})"
        n = writer.add_page(content, what)
        result.pages += 1
        result.page_sizes.append(n)
        start += n
        if feedback is not None and matched:
            feedback.setProgress(min(100.0, 100.0 * start / matched))
        if n == 0:
            break
        if matched is None and n < page_size:
            break
    writer.close()
    result.feature_count = writer.count
    result.skipped_outside = writer.skipped
    result.requests = client.requests
    if matched is not None and start < matched:
        raise WfsError(
            f"The WFS announced {matched} features of {typename} but sent only {start}: the download is incomplete. "
            "Retry later or reduce the page size."
        )
    return result

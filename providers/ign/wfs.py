"""WFS 2.0.0 download into a GeoPackage: hits first, then ``STARTINDEX``/``COUNT`` pages of GeoJSON.

The requests go through any object with the :class:`toolbelt.network.NetworkClient` ``get`` method (rate limit,
retries on 429/5xx, cancel); this module does the WFS protocol (parameters, FES 2.0 filters, ``numberMatched``),
and OGR does the geometry work (reprojection, restriction to a territory) and writes the GeoPackage atomically.
No ``qgis`` import.
"""

from __future__ import annotations

import hashlib
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
    # float(): numpy >= 2 writes a numpy scalar's repr as "np.float64(…)"
    return f"{float(ymin)!r},{float(xmin)!r},{float(ymax)!r},{float(xmax)!r},urn:ogc:def:crs:EPSG::4326"


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
    #: features the server sent in more than one page (written once)
    duplicates: int = 0
    #: distinct features received (before the territory mask)
    distinct: int = 0

    @property
    def short_of_announced(self) -> int:
        """How many of the features announced by ``numberMatched`` never came (0 when all did)."""
        return max(0, (self.number_matched or 0) - self.distinct)


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


def feature_key(feat) -> bytes:
    """What identifies a feature across pages: its attributes (the GeoJSON ``id`` included, which OGR reads as the
    ``id`` field when it is a string, as on GeoServer) and its geometry. MapServer's GeoJSON has no ``id`` at all,
    so the attributes and the geometry are the only identity every server gives."""
    digest = hashlib.blake2b(digest_size=16)
    for i in range(feat.GetFieldCount()):
        digest.update(repr(feat.GetField(i) if feat.IsFieldSetAndNotNull(i) else None).encode("utf-8", "replace"))
        digest.update(b"\x1f")
    geom = feat.GetGeometryRef()
    if geom is not None:
        digest.update(bytes(geom.ExportToWkb()))
    return digest.digest()


_MULTI_OF = {
    ogr.wkbPolygon: ogr.wkbMultiPolygon,
    ogr.wkbMultiPolygon: ogr.wkbMultiPolygon,
    ogr.wkbLineString: ogr.wkbMultiLineString,
    ogr.wkbMultiLineString: ogr.wkbMultiLineString,
}


def layer_geometry_type(geometry_types) -> int:
    """The GeoPackage geometry type for the OGR geometry types of the first page.

    Polygons and lines are always written as their multi type: a later page (or the same one) may hold a
    MultiPolygon, and GDAL declares a page that mixes Polygon and MultiPolygon as ``GEOMETRY``, which QGIS then
    loads as Polygon. Points stay points unless the page already mixes Point and MultiPoint. Any other mix is
    ``GEOMETRY`` (wkbUnknown).
    """
    types = set(geometry_types)
    flats = {ogr.GT_Flatten(t) for t in types}
    has_z = any(ogr.GT_HasZ(t) for t in types)
    if not flats:
        return ogr.wkbUnknown
    if flats <= {ogr.wkbPoint, ogr.wkbMultiPoint}:
        out = ogr.wkbMultiPoint if ogr.wkbMultiPoint in flats else ogr.wkbPoint
    else:
        multis = {_MULTI_OF.get(f) for f in flats}
        out = multis.pop() if len(multis) == 1 and None not in multis else ogr.wkbUnknown
    return ogr.GT_SetZ(out) if has_z and out != ogr.wkbUnknown else out


def _as_layer_type(geom, layer_type: int):
    flat = ogr.GT_Flatten(layer_type)
    if flat == ogr.wkbMultiPolygon:
        return ogr.ForceToMultiPolygon(geom)
    if flat == ogr.wkbMultiLineString:
        return ogr.ForceToMultiLineString(geom)
    if flat == ogr.wkbMultiPoint:
        return ogr.ForceToMultiPoint(geom)
    return geom


def union_of(geometries: list) -> ogr.Geometry | None:
    """The union of lon/lat geometries (cascaded for polygons: a département of hundreds of communes stays fast)."""
    polygons = ogr.Geometry(ogr.wkbMultiPolygon)
    others = None
    for geom in geometries:
        if not geom.IsValid():
            geom = geom.Buffer(0)
        flat = ogr.GT_Flatten(geom.GetGeometryType())
        if flat == ogr.wkbPolygon:
            polygons.AddGeometry(ogr.ForceTo(geom, ogr.wkbPolygon))
        elif flat == ogr.wkbMultiPolygon:
            for i in range(geom.GetGeometryCount()):
                polygons.AddGeometry(geom.GetGeometryRef(i))
        else:
            others = geom.Clone() if others is None else others.Union(geom)
    union = polygons.UnionCascaded() if polygons.GetGeometryCount() else None
    if others is not None:
        union = others if union is None else union.Union(others)
    return union


class GpkgWriter:
    """Appends GeoJSON pages (lon/lat) to one GeoPackage layer in ``crs``, keeping only features in ``mask``.

    The layer is created from the first page that has features: its geometry type comes from the geometries of
    that page (:func:`layer_geometry_type`), not from what GDAL declares for the page.
    """

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
        self._prepared = (
            mask.CreatePreparedGeometry() if mask is not None and hasattr(mask, "CreatePreparedGeometry") else None
        )

    def _create(self, src_layer) -> None:
        driver = ogr.GetDriverByName("GPKG")
        self._ds = driver.CreateDataSource(self.path)
        if self._ds is None:
            raise WfsError(f"Cannot create the GeoPackage {self.path}: check the folder exists and is writable")
        src_layer.ResetReading()
        types = [f.GetGeometryRef().GetGeometryType() for f in src_layer if f.GetGeometryRef() is not None]
        src_layer.ResetReading()
        gtype = layer_geometry_type(types)
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
        """Append every feature of one GeoJSON page; returns the number of features in the page (kept or not)."""
        ds, name = _open_geojson(content, what)
        try:
            src = ds.GetLayer(0)
            return self.add_layer(src, what)
        finally:
            ds = None
            gdal.Unlink(name)

    def add_layer(self, src, what: str, fresh=None) -> int:
        """Append the features of an OGR layer (lon/lat) whose entry in ``fresh`` (one flag per feature, in
        reading order; all when None) is true. Returns the number of features in the layer."""
        n = src.GetFeatureCount()
        if self._ds is None:
            if n == 0 or (fresh is not None and not any(fresh)):
                return n
            self._create(src)
        defn = src.GetLayerDefn()
        self._sync_fields(defn)
        out_defn = self._layer.GetLayerDefn()
        layer_type = self._layer.GetGeomType()
        names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
        out_idx = [out_defn.GetFieldIndex(nm) for nm in names]
        src.ResetReading()
        for k, feat in enumerate(src):
            if fresh is not None and not fresh[k]:
                continue
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
                out.SetGeometry(_as_layer_type(geom, layer_type))
            if self._layer.CreateFeature(out) != 0:
                raise WfsError(f"Cannot write a feature of {what} into {self.path}")
            self.count += 1
        return n

    def close(self) -> None:
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


@dataclass
class Paging:
    """What paging through one GetFeature query gave: pages, features received, duplicates dropped."""

    number_matched: int | None = None
    pages: int = 0
    received: int = 0
    distinct: int = 0
    duplicates: int = 0
    page_sizes: list = field(default_factory=list)


@dataclass
class Page:
    """One page, open while the caller handles it: the OGR layer and, per feature, whether it is new."""

    label: str
    layer: object
    fresh: list


def iter_pages(
    client,
    typename: str,
    *,
    page_size: int,
    paging: Paging,
    bbox: tuple | None = None,
    fes_filter: str = "",
    feedback=None,
):
    """Yield the :class:`Page` s of one query (``STARTINDEX``/``COUNT``), each feature flagged new or seen before.

    ``paging.number_matched`` is a hint, not a promise: MapServer counts the candidates of a bounding box and then
    filters them exactly, so its pages can be short in the middle of the result and the same feature can come in two
    pages. Rules: ``STARTINDEX`` advances by what the page held (never skipping what a server that caps ``COUNT``
    did not send); paging stops on an empty page, on a page that brings nothing new, on a short page once the
    announced number is reached (or when none was announced), or once every announced feature has come. A page
    identical to a full first page means the server ignores ``STARTINDEX``: an error, not a silent truncation.
    """
    seen = set()
    first_keys = None
    first_full = False
    matched = paging.number_matched
    limit = None if matched is None else 2 * matched + 2 * page_size
    start = 0
    while True:
        if feedback is not None and feedback.isCanceled():
            raise WfsCancelled(f"Download of {typename} cancelled after {paging.distinct} features")
        params = getfeature_params(typename, count=page_size, startindex=start, bbox=bbox, fes_filter=fes_filter)
        content = client._get(params)
        label = f"page {paging.pages + 1} of {typename} (STARTINDEX={start})"
        ds, name = _open_geojson(content, label)
        try:
            src = ds.GetLayer(0)
            keys = [feature_key(feat) for feat in src]
            fresh = []
            for key in keys:
                fresh.append(key not in seen)
                seen.add(key)
            new = sum(fresh)
            yield Page(label, src, fresh)
        finally:
            src = None
            ds = None
            gdal.Unlink(name)
        n = len(keys)
        paging.pages += 1
        paging.page_sizes.append(n)
        paging.received += n
        paging.distinct += new
        paging.duplicates += n - new
        if feedback is not None and matched:
            feedback.setProgress(min(100.0, 100.0 * paging.distinct / matched))
        if n == 0:
            return
        if paging.pages == 1:
            first_keys, first_full = keys, n >= page_size
        elif new == 0:
            if keys == first_keys and first_full:
                raise WfsError(
                    f"The WFS sent the first page of {typename} again for {label}: it does not seem to support "
                    "STARTINDEX paging. Use a page size large enough for the whole layer, or another service."
                )
            return
        start += n
        if n < page_size and (matched is None or start >= matched):
            return
        if matched is not None and start >= matched and paging.distinct >= matched:
            return  # everything announced has come: no extra request for an empty page
        if limit is not None and paging.received > limit:
            raise WfsError(
                f"The WFS kept sending new features of {typename} far beyond the {matched} it announced "
                f"({paging.received} received): it may not support STARTINDEX paging. Retry with another page size."
            )


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

    def territory_geometry(
        self, typename: str, code_field: str, code: str, page_size: int = MAX_PAGE_SIZE, feedback=None
    ) -> ogr.Geometry:
        """The union (lon/lat) of every feature of ``typename`` whose ``code_field`` equals ``code``, paged like any
        download (a territory given by the communes of a département has hundreds of features)."""
        fes_filter = fes_equals_filter(code_field, code)
        paging = Paging(number_matched=self.number_matched(typename, fes_filter=fes_filter))
        geometries = []
        for page in iter_pages(self, typename, page_size=page_size, paging=paging, fes_filter=fes_filter):
            if feedback is not None and feedback.isCanceled():
                raise WfsCancelled(f"Look-up of the territory {code} cancelled")
            page.layer.ResetReading()
            for feat, fresh in zip(page.layer, page.fresh):
                geom = feat.GetGeometryRef()
                if fresh and geom is not None:
                    geometries.append(geom.Clone())
        geom = union_of(geometries) if geometries else None
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
    Features sent twice (in two pages) are written once and counted in ``DownloadResult.duplicates``.
    """
    if not 1 <= int(page_size) <= MAX_PAGE_SIZE:
        raise WfsError(f"The page size must be between 1 and {MAX_PAGE_SIZE} (got {page_size})")
    if mask is not None and bbox is None:
        env = mask.GetEnvelope()  # (minx, maxx, miny, maxy)
        bbox = (env[0], env[2], env[1], env[3])
    client = WfsClient(network, url)
    layer_name = layer_name or layer_name_for(typename)
    result = DownloadResult(str(target_path), layer_name, crs=crs)

    if feedback is not None and feedback.isCanceled():
        raise WfsCancelled("Download cancelled")
    matched = client.number_matched(typename, bbox=bbox)
    result.number_matched = matched
    if log:
        log(f"{typename}: {matched if matched is not None else 'unknown number of'} features to download")
    writer = GpkgWriter(str(target_path), layer_name, crs=crs, mask=mask)
    paging = Paging(number_matched=matched)
    if matched != 0:
        for page in iter_pages(client, typename, page_size=page_size, paging=paging, bbox=bbox, feedback=feedback):
            writer.add_layer(page.layer, page.label, page.fresh)
    writer.close()
    result.feature_count = writer.count
    result.skipped_outside = writer.skipped
    result.requests = client.requests
    result.pages = paging.pages
    result.page_sizes = paging.page_sizes
    result.duplicates = paging.duplicates
    result.distinct = paging.distinct
    return result

"""Parse WFS 2.0.0, WMTS 1.0.0 and WMS 1.3.0 capabilities (as bytes) into :class:`~..model.Dataset` entries.

The XML is fetched by the network layer (and its cache), never by the parser. WFS capabilities are read section by
section with ElementTree, so a document lacking a section still gives its layers; WMTS and WMS are read by OWSLib.
No ``qgis`` import: tested in ``tests/unit``.
"""

from __future__ import annotations

import re

from ..model import Access, AccessKind, Dataset, Extent, LocalizedText
from .curated import ATTRIBUTION, LICENCE, LICENCE_URL, PRODUCER, PROVIDER_ID


class CapabilitiesError(ValueError):
    """The capabilities document could not be read; ``str()`` says which service, what was wrong, what to do."""


def _check_xml(xml: bytes, service: str, url: str) -> None:
    head = (xml or b"")[:2000].lstrip()
    if not head:
        raise CapabilitiesError(
            f"The {service} capabilities at {url} are empty. Check the service URL in the settings."
        )
    if not head.startswith(b"<"):
        raise CapabilitiesError(
            f"The {service} at {url} did not return XML capabilities (got {head[:60]!r}...). "
            "Check the service URL in the TerriData settings."
        )
    if b"ExceptionReport" in head or b"ServiceExceptionReport" in head:
        text = re.sub(rb"<[^>]+>", b" ", xml[:4000]).decode("utf-8", "replace")
        raise CapabilitiesError(f"The {service} at {url} answered with an error: {' '.join(text.split())[:300]}")


def _wrap(exc: Exception, service: str, url: str) -> CapabilitiesError:
    return CapabilitiesError(
        f"The {service} capabilities at {url} are not valid XML ({type(exc).__name__}: {exc}). "
        "The service may be down or the URL may point to something else; check it in the TerriData settings."
    )


def _extent(bbox) -> Extent | None:
    try:
        xmin, ymin, xmax, ymax = (float(v) for v in bbox[:4])
        return Extent(xmin, ymin, xmax, ymax, "EPSG:4326")
    except (TypeError, ValueError, IndexError):
        return None


def _crs_id(crs) -> str:
    """OWSLib Crs object or string -> ``EPSG:2154``."""
    code = getattr(crs, "code", None)
    authority = getattr(crs, "authority", None) or "EPSG"
    if code is not None:
        return f"{authority}:{code}"
    text = str(crs)
    m = re.search(r"EPSG:+(\d+)$", text) or re.search(r"EPSG/\d+/(\d+)$", text)
    return f"EPSG:{m.group(1)}" if m else text


def _ign_fields(dataset_id: str, title: str, abstract: str, keywords, accesses, extent) -> Dataset:
    return Dataset(
        id=dataset_id,
        provider_id=PROVIDER_ID,
        title=LocalizedText(fr=title or dataset_id),
        description=LocalizedText(fr=abstract or ""),
        keywords=tuple(k for k in (keywords or []) if k),
        licence=LICENCE,
        licence_url=LICENCE_URL,
        attribution=ATTRIBUTION,
        producer=PRODUCER,
        extent=extent,
        accesses=tuple(accesses),
    )


class Datasets(list):
    """The datasets of one capabilities document, and ``warnings``: what the document lacked (user-facing)."""

    def __init__(self, items=(), warnings=()):
        super().__init__(items)
        self.warnings = list(warnings)


_WFS = "{http://www.opengis.net/wfs/2.0}"
_OWS = "{http://www.opengis.net/ows/1.1}"


def _text(element, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "").strip() if found is not None else ""


def _corner(element, tag: str) -> list:
    return (_text(element, tag) or "").split()


def _wfs_feature_type(ft, url: str, service_id: str, formats: tuple):
    name = _text(ft, f"{_WFS}Name")
    if not name:
        return None
    crs_texts = [_text(ft, f"{_WFS}DefaultCRS")] + [(c.text or "").strip() for c in ft.findall(f"{_WFS}OtherCRS")]
    crs = tuple(dict.fromkeys(_crs_id(c) for c in crs_texts if c))
    own_formats = tuple((f.text or "").strip() for f in ft.findall(f"{_WFS}OutputFormats/{_WFS}Format") if f.text)
    keywords = [(k.text or "").strip() for k in ft.iter(f"{_OWS}Keyword") if (k.text or "").strip()]
    extent = None
    box = ft.find(f"{_OWS}WGS84BoundingBox")
    if box is not None:
        extent = _extent(_corner(box, f"{_OWS}LowerCorner") + _corner(box, f"{_OWS}UpperCorner"))
    access = Access(AccessKind.WFS, url, name, own_formats or formats, crs, service=service_id)
    return _ign_fields(name, _text(ft, f"{_WFS}Title"), _text(ft, f"{_WFS}Abstract"), keywords, [access], extent)


def parse_wfs_capabilities(xml: bytes, url: str, service_id: str = "ign_wfs") -> Datasets:
    """Every feature type of a WFS 2.0.0 capabilities document, as datasets with a WFS access to ``url``.

    Read section by section (ElementTree): a valid document that lacks a section (``OperationsMetadata``, which
    OWSLib cannot do without) still gives its feature types, and :attr:`Datasets.warnings` says what was missing.
    """
    from xml.etree import ElementTree

    _check_xml(xml, "WFS", url)
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise _wrap(exc, "WFS", url) from None
    if not root.tag.endswith("WFS_Capabilities"):
        raise CapabilitiesError(
            f"The document at {url} is not WFS capabilities (its root element is {root.tag.split('}')[-1]}). "
            "Check the WFS URL in the TerriData settings."
        )
    warnings = []
    formats = ()
    operations = root.find(f"{_OWS}OperationsMetadata")
    if operations is None:
        warnings.append(
            f"The WFS capabilities at {url} have no OperationsMetadata section: the output formats of the "
            "layers are not known (GeoJSON is asked for anyway)."
        )
    else:
        for op in operations.findall(f"{_OWS}Operation"):
            if op.get("name") != "GetFeature":
                continue
            for param in op.findall(f"{_OWS}Parameter"):
                if (param.get("name") or "").lower() == "outputformat":
                    formats = tuple((v.text or "").strip() for v in param.iter(f"{_OWS}Value") if v.text)
    feature_types = root.find(f"{_WFS}FeatureTypeList")
    if feature_types is None:
        raise CapabilitiesError(
            f"The WFS capabilities at {url} have no FeatureTypeList section: the service lists no layer. "
            "Check the WFS URL in the TerriData settings, or try again later."
        )
    datasets = Datasets(warnings=warnings)
    unnamed = 0
    for ft in feature_types.findall(f"{_WFS}FeatureType"):
        dataset = _wfs_feature_type(ft, url, service_id, formats)
        if dataset is None:
            unnamed += 1
        else:
            datasets.append(dataset)
    if unnamed:
        datasets.warnings.append(f"The WFS capabilities at {url} list {unnamed} feature types without a name: skipped.")
    return datasets


def parse_wmts_capabilities(xml: bytes, url: str, service_id: str = "ign_wmts") -> list:
    """Every layer of a WMTS 1.0.0 capabilities document, with its tile matrix sets, formats and default style."""
    _check_xml(xml, "WMTS", url)
    from owslib.wmts import WebMapTileService

    try:
        wmts = WebMapTileService(url, xml=xml)
        contents = wmts.contents
    except Exception as exc:  # noqa: BLE001
        raise _wrap(exc, "WMTS", url) from exc
    datasets = []
    for name, layer in contents.items():
        links = list(getattr(layer, "tilematrixsetlinks", {}) or {})
        tms = "PM" if "PM" in links else (links[0] if links else "")
        crs = ()
        if tms and tms in wmts.tilematrixsets:
            crs = (_crs_id(wmts.tilematrixsets[tms].crs),)
        styles = getattr(layer, "styles", {}) or {}
        style = next((s for s, v in styles.items() if v.get("isDefault")), None) or next(iter(styles), "")
        access = Access(
            AccessKind.WMTS,
            url,
            name,
            tuple(getattr(layer, "formats", ()) or ()),
            crs,
            tile_matrix_set=tms,
            style=style,
            service=service_id,
        )
        keywords = getattr(layer, "keywords", None) or []
        datasets.append(
            _ign_fields(name, layer.title, layer.abstract, keywords, [access], _extent(layer.boundingBoxWGS84))
        )
    return datasets


def parse_wms_capabilities(xml: bytes, url: str, service_id: str = "ign_wms_raster") -> list:
    """Every named layer of a WMS 1.3.0 capabilities document."""
    _check_xml(xml, "WMS", url)
    from owslib.wms import WebMapService

    try:
        wms = WebMapService(url, version="1.3.0", xml=xml)
        contents = wms.contents
        formats = tuple(wms.getOperationByName("GetMap").formatOptions or ())
    except Exception as exc:  # noqa: BLE001
        raise _wrap(exc, "WMS", url) from exc
    datasets = []
    for name, layer in contents.items():
        styles = list((getattr(layer, "styles", {}) or {}).keys())
        crs = tuple(c for c in (layer.crsOptions or []) if c in ("EPSG:3857", "EPSG:2154", "EPSG:4326")) or tuple(
            (layer.crsOptions or [])[:3]
        )
        access = Access(AccessKind.WMS, url, name, formats, crs, style=styles[0] if styles else "", service=service_id)
        datasets.append(
            _ign_fields(name, layer.title, layer.abstract, layer.keywords, [access], _extent(layer.boundingBoxWGS84))
        )
    return datasets

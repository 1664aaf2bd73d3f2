"""Parse WFS 2.0.0, WMTS 1.0.0 and WMS 1.3.0 capabilities (as bytes) into :class:`~..model.Dataset` entries.

OWSLib reads the XML we fetched ourselves (through the network layer and its cache), never the network. No ``qgis``
import: tested in ``tests/unit``.
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


def parse_wfs_capabilities(xml: bytes, url: str, service_id: str = "ign_wfs") -> list:
    """Every feature type of a WFS 2.0.0 capabilities document, as datasets with a WFS access to ``url``."""
    _check_xml(xml, "WFS", url)
    from owslib.wfs import WebFeatureService

    try:
        wfs = WebFeatureService(url, version="2.0.0", xml=xml)
        contents = wfs.contents
    except Exception as exc:  # noqa: BLE001 - lxml/ElementTree errors differ by OWSLib version
        raise _wrap(exc, "WFS", url) from exc
    formats = ()
    try:
        params = wfs.getOperationByName("GetFeature").parameters
        formats = tuple(params.get("outputFormat", {}).get("values", ()) or ())
    except (AttributeError, KeyError):
        pass
    keywords = _wfs_keywords(xml)
    datasets = []
    for name, ft in contents.items():
        crs = tuple(dict.fromkeys(_crs_id(c) for c in (getattr(ft, "crsOptions", None) or [])))
        access = Access(AccessKind.WFS, url, name, formats, crs, service=service_id)
        kws = list(ft.keywords or []) or keywords.get(name, [])
        datasets.append(_ign_fields(name, ft.title, ft.abstract, kws, [access], _extent(ft.boundingBoxWGS84)))
    return datasets


def _wfs_keywords(xml: bytes) -> dict:
    """``{typename: [keyword, ...]}`` (OWSLib's WFS 2.0 reader leaves FeatureType keywords out)."""
    from xml.etree import ElementTree

    found = {}
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        return found
    for ft in root.iter("{http://www.opengis.net/wfs/2.0}FeatureType"):
        name = ft.findtext("{http://www.opengis.net/wfs/2.0}Name") or ""
        kws = [k.text.strip() for k in ft.iter("{http://www.opengis.net/ows/1.1}Keyword") if k.text and k.text.strip()]
        found[name.strip()] = kws
    return found


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

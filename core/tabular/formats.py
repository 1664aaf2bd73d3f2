"""File formats: normalise the free-text formats that portals declare, and recognise a file by its first bytes.

CKAN's resource ``format`` is free text ("CSV", "csv ", "text/csv", ".csv", "Data", ""), data.gouv.fr's is
lower-case, Opendatasoft's exports have fixed names; :func:`normalise_format` turns all of them into one short
name of :data:`KNOWN_FORMATS` or ``"unknown"``. :func:`sniff_format` looks at the content, because an extension or
a declared format can lie.
"""

from __future__ import annotations

KNOWN_FORMATS = (
    "csv",
    "geojson",
    "json",
    "fgb",
    "gpkg",
    "shp",
    "kml",
    "kmz",
    "zip",
    "xlsx",
    "xls",
    "ods",
    "parquet",
    "pmtiles",
    "pdf",
    "html",
    "xml",
    "gml",
    "api",
)

# lower-cased, stripped declared value -> normalised name
_ALIASES = {
    "csv": "csv",
    "text/csv": "csv",
    "application/csv": "csv",
    "csv/utf8": "csv",
    "tsv": "csv",
    "text/tab-separated-values": "csv",
    "txt": "csv",
    "geojson": "geojson",
    "geo+json": "geojson",
    "application/geo+json": "geojson",
    "application/vnd.geo+json": "geojson",
    "json": "json",
    "application/json": "json",
    "jsonl": "json",
    "fgb": "fgb",
    "flatgeobuf": "fgb",
    "gpkg": "gpkg",
    "geopackage": "gpkg",
    "application/geopackage+sqlite3": "gpkg",
    "shp": "shp",
    "shapefile": "shp",
    "esri shapefile": "shp",
    "shape": "shp",
    "kml": "kml",
    "application/vnd.google-earth.kml+xml": "kml",
    "kmz": "kmz",
    "application/vnd.google-earth.kmz": "kmz",
    "zip": "zip",
    "application/zip": "zip",
    "application/x-zip-compressed": "zip",
    "xlsx": "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "xls": "xls",
    "application/vnd.ms-excel": "xls",
    "ods": "ods",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "parquet": "parquet",
    "application/vnd.apache.parquet": "parquet",
    "pmtiles": "pmtiles",
    "pdf": "pdf",
    "application/pdf": "pdf",
    "html": "html",
    "htm": "html",
    "text/html": "html",
    "xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "gml": "gml",
    "application/gml+xml": "gml",
    "api": "api",
    "wfs": "api",
    "wms": "api",
    "ogc:wfs": "api",
    "ogc:wms": "api",
}

#: Formats the resource loader turns into a layer.
LOADABLE = ("csv", "geojson", "json", "fgb", "gpkg", "shp", "kml", "kmz", "zip", "xlsx", "xls", "ods")


def normalise_format(declared, url: str = "") -> str:
    """A known short format name for a declared format (free text or MIME type), else from the URL's extension,
    else ``"unknown"``."""
    text = str(declared or "").strip().lower().lstrip(".")
    text = text.split(";")[0].strip()
    if text in _ALIASES:
        return _ALIASES[text]
    if "/" in text:  # a MIME type we do not list: its subtype may still be known
        sub = text.rsplit("/", 1)[1]
        if sub in _ALIASES:
            return _ALIASES[sub]
    if url:
        path = str(url).split("?", 1)[0].split("#", 1)[0].lower()
        last = path.rsplit("/", 1)[-1]
        if "." in last:
            ext = last.rsplit(".", 1)[1]
            if ext in _ALIASES:
                return _ALIASES[ext]
    return "unknown"


def sniff_format(head: bytes) -> str:
    """The format of a file from its first bytes (a few KB): ``zip``, ``gpkg``, ``fgb``, ``geojson``, ``json``,
    ``kml``, ``xml``, ``html``, ``pdf``, ``parquet``, ``shp``, ``text`` (maybe CSV) or ``empty``.

    Office files (xlsx, ods) are zips: :mod:`.zipsafe` tells them apart from their member names.
    """
    if not head:
        return "empty"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"SQLite format 3\x00"):
        return "gpkg"
    if head.startswith(b"fgb\x03"):
        return "fgb"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"\x00\x00\x27\x0a"):
        return "shp"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    lowered = text[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered[:256]:
        return "html"
    if lowered.startswith(b"<?xml") or lowered.startswith(b"<"):
        if b"<kml" in head[:2048].lower():
            return "kml"
        if b"<html" in head[:2048].lower():
            return "html"
        return "xml"
    if text.startswith((b"{", b"[")):
        compact = b"".join(text[:4096].split())
        if b'"type":"featurecollection"' in compact.lower() or b'"features":[' in compact.lower():
            return "geojson"
        return "json"
    return "text"

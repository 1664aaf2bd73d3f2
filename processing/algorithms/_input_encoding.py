"""Text files read with the right encoding: a CSV saved by Excel in Windows-1252 is not UTF-8.

OGR's CSV driver hands QGIS the bytes as they are, and QGIS decodes them with the layer's encoding (UTF-8 unless
the user chose another in the layer properties): the accented letters of a Latin-1 file then come out as
replacement characters (or raw bytes) and end up in the output. :func:`text_file_encoding` tells whether a file is
UTF-8 and otherwise which 8-bit encoding reads it; :func:`source_with_file_encoding` re-opens such a layer with it.
An encoding the user chose on the layer is always honoured.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from qgis.core import QgsFeatureRequest, QgsProviderRegistry, QgsVectorLayer

TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
_UTF8 = ("utf-8", "utf8", "system", "")


def text_file_encoding(path, chunk: int = 1 << 20) -> str | None:
    """None when the file is valid UTF-8 (with or without BOM); else "windows-1252" (French accents, € and the
    typographic quotes of Excel), or "iso-8859-1" when a byte has no meaning in Windows-1252."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as fh:
        try:
            while True:
                data = fh.read(chunk)
                if not data:
                    decoder.decode(b"", final=True)
                    return None
                decoder.decode(data)
        except UnicodeDecodeError:
            pass
    try:
        Path(path).read_bytes().decode("windows-1252")
    except UnicodeDecodeError:
        return "iso-8859-1"
    return "windows-1252"


def source_with_file_encoding(layer, selected_only: bool = False):
    """None when ``layer`` is read right as it is; else ``(copy, encoding, request)`` for a delimited text file
    read as UTF-8 that is not UTF-8: a copy of the layer opened with the file's real encoding, and the request
    that reads the same features (the selection, when only the selected features are processed)."""
    if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "ogr":
        return None
    if str(layer.dataProvider().encoding()).strip().lower() not in _UTF8:
        return None  # the user chose the encoding: honour it
    path = QgsProviderRegistry.instance().decodeUri("ogr", layer.source()).get("path") or ""
    if Path(path).suffix.lower() not in TEXT_SUFFIXES or not Path(path).is_file():
        return None
    encoding = text_file_encoding(path)
    if encoding is None:
        return None
    copy = QgsVectorLayer(layer.source(), layer.name(), "ogr")  # the source keeps the layer's subset string
    copy.setProviderEncoding(encoding)
    request = QgsFeatureRequest()
    if selected_only:
        request.setFilterFids(layer.selectedFeatureIds())
    return copy, encoding, request

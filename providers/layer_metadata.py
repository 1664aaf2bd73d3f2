"""Licence and attribution travel with every layer TerriData creates.

:func:`apply_source_metadata` writes a dataset's title, abstract, keywords, licence and attribution into the QGIS
layer metadata (``QgsLayerMetadata``: the attribution in ``rights``, the licence in ``licenses``, the producer as a
contact, a link to the licence) and sets the custom property ``terridata/attribution`` so that map layouts can
credit their sources automatically. Given a GeoPackage path instead of a layer, it saves the same metadata into the
GeoPackage (``gpkg_metadata``), where QGIS finds it again whenever the layer is loaded.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsAbstractMetadataBase,
    QgsLayerMetadata,
    QgsMapLayer,
    QgsVectorLayer,
)

from .model import Dataset

ATTRIBUTION_PROPERTY = "terridata/attribution"
LICENCE_PROPERTY = "terridata/licence"
SOURCE_PROPERTY = "terridata/source"
KEYWORD_VOCABULARY = "TerriData"


def _as_dict(dataset, lang: str) -> dict:
    if isinstance(dataset, Dataset):
        return dataset.source_metadata(lang)
    if isinstance(dataset, dict):
        return dict(dataset)
    raise TypeError(f"Expected a Dataset or a dict of source metadata, got {type(dataset).__name__}")


def build_layer_metadata(dataset, base: QgsLayerMetadata | None = None, lang: str = "en") -> QgsLayerMetadata:
    """``base`` (or an empty metadata) completed with the dataset's identity, licence and attribution."""
    info = _as_dict(dataset, lang)
    md = QgsLayerMetadata(base) if base is not None else QgsLayerMetadata()
    if info.get("identifier"):
        md.setIdentifier(info["identifier"])
    if info.get("title"):
        md.setTitle(info["title"])
    if info.get("abstract"):
        md.setAbstract(info["abstract"])
    if info.get("keywords"):
        md.addKeywords(KEYWORD_VOCABULARY, [str(k) for k in info["keywords"]])
    attribution = info.get("attribution") or ""
    if attribution:
        rights = [r for r in md.rights() if r != attribution]
        md.setRights([attribution] + rights)
    licence = info.get("licence") or ""
    if licence:
        licences = [licence] + [x for x in md.licenses() if x != licence]
        md.setLicenses(licences)
    if info.get("licence_url"):
        link = QgsAbstractMetadataBase.Link(licence or "Licence", "WWW:LINK", info["licence_url"])
        link.description = "Licence"
        links = [x for x in md.links() if x.url != info["licence_url"]]
        md.setLinks([link] + links)
    if info.get("producer"):
        contact = QgsAbstractMetadataBase.Contact(info["producer"])
        contact.organization = info["producer"]
        contact.role = "originator"
        contacts = [c for c in md.contacts() if c.name != info["producer"]]
        md.setContacts([contact] + contacts)
    if info.get("updated"):
        history = [h for h in md.history() if not h.startswith("Updated by producer:")]
        md.setHistory(history + [f"Updated by producer: {info['updated']}"])
    return md


def apply_source_metadata(layer_or_gpkg, dataset, lang: str = "en", layer_name: str = "") -> list:
    """Write ``dataset``'s licence and attribution into a layer, or into every layer of a GeoPackage.

    ``layer_or_gpkg``: a ``QgsMapLayer`` (metadata set in memory and the ``terridata/*`` custom properties set), or a
    GeoPackage path (``str``/``Path``, optionally ``path|layername=x``; ``layer_name`` restricts to one layer), whose
    layers get the metadata saved inside the file. ``dataset``: a :class:`~.model.Dataset` or a dict with the keys of
    :meth:`Dataset.source_metadata`. Returns the layers updated (for a GeoPackage, the layer names).
    """
    info = _as_dict(dataset, lang)
    if isinstance(layer_or_gpkg, QgsMapLayer):
        _apply_to_layer(layer_or_gpkg, info, lang)
        return [layer_or_gpkg]
    path, _, suffix = str(layer_or_gpkg).partition("|")
    if suffix.startswith("layername="):
        layer_name = layer_name or suffix[len("layername=") :]
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"GeoPackage not found: {path}")
    names = [layer_name] if layer_name else _gpkg_layer_names(path)
    done = []
    for name in names:
        layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
        if not layer.isValid():
            raise ValueError(f"Layer {name!r} of {path} cannot be opened")
        _apply_to_layer(layer, info, lang)
        message = save_layer_metadata(layer)
        if message:
            raise OSError(f"Could not save the licence and attribution into {path} ({name}): {message}")
        done.append(name)
        del layer
    return done


def _apply_to_layer(layer: QgsMapLayer, info: dict, lang: str) -> None:
    layer.setMetadata(build_layer_metadata(info, layer.metadata(), lang))
    if info.get("attribution"):
        layer.setCustomProperty(ATTRIBUTION_PROPERTY, info["attribution"])
    if info.get("licence"):
        layer.setCustomProperty(LICENCE_PROPERTY, info["licence"])
    if info.get("identifier"):
        layer.setCustomProperty(SOURCE_PROPERTY, info["identifier"])


def gpkg_layer_names(path) -> list:
    """The layer (table) names of the GeoPackage at ``path``, in file order."""
    return _gpkg_layer_names(Path(path))


def _gpkg_layer_names(path: Path) -> list:
    from osgeo import ogr

    ds = ogr.Open(str(path))
    if ds is None:
        raise ValueError(f"{path} is not a readable GeoPackage")
    try:
        return [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())]
    finally:
        ds = None


def _uri_with_layer_name(provider, uri: str) -> str:
    """``uri`` naming its table: QGIS leaves the layer name out of the source of a one-table GeoPackage, and OGR's
    metadata storage then answers "not supported" (it needs the table)."""
    parts = provider.decodeUri(uri)
    path = parts.get("path") or ""
    if parts.get("layerName") or not path.lower().endswith(".gpkg") or not Path(path).exists():
        return uri
    names = _gpkg_layer_names(Path(path))
    if len(names) != 1:
        return uri
    parts["layerName"] = names[0]
    return provider.encodeUri(parts)


def save_layer_metadata(layer: QgsMapLayer) -> str:
    """Save ``layer``'s metadata in its data source (GeoPackage: ``gpkg_metadata``), where QGIS reads it again
    whenever the layer is opened. Returns the error message, or ``""``."""
    from qgis.core import QgsProviderMetadata, QgsProviderRegistry

    provider = QgsProviderRegistry.instance().providerMetadata(layer.providerType())
    if provider is not None and provider.providerCapabilities() & QgsProviderMetadata.SaveLayerMetadata:
        try:
            ok, message = provider.saveLayerMetadata(_uri_with_layer_name(provider, layer.source()), layer.metadata())
        except Exception as error:  # noqa: BLE001 - a provider that cannot: say why
            ok, message = False, str(error)
        return "" if ok else (message or f"could not save the metadata of {layer.name()}")
    message, ok = layer.saveDefaultMetadata()
    return "" if ok else (message or f"could not save the metadata of {layer.name()}")


def layer_attribution(layer: QgsMapLayer) -> str:
    """The attribution to print for ``layer``: the custom property, else the first metadata right, else ``""``."""
    value = layer.customProperty(ATTRIBUTION_PROPERTY, "")
    if value:
        return str(value)
    rights = layer.metadata().rights() if hasattr(layer.metadata(), "rights") else []
    return rights[0] if rights else ""


def restore_attribution_property(layer: QgsMapLayer) -> str:
    """Set ``terridata/attribution`` from the metadata (a GeoPackage layer loaded again); returns it."""
    value = layer_attribution(layer)
    if value and not layer.customProperty(ATTRIBUTION_PROPERTY, ""):
        layer.setCustomProperty(ATTRIBUTION_PROPERTY, value)
    return value


__all__ = [
    "ATTRIBUTION_PROPERTY",
    "LICENCE_PROPERTY",
    "SOURCE_PROPERTY",
    "apply_source_metadata",
    "build_layer_metadata",
    "layer_attribution",
    "restore_attribution_property",
    "save_layer_metadata",
]

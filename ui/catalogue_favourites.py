"""The user's favourite datasets (setting ``favourites``): added and removed from the catalogue dock, listed in the
Browser panel. Each favourite keeps the whole description of its dataset (titles, licence, attribution, accesses),
so the Browser lists it and creates its layer without asking any server."""

from __future__ import annotations

import json

from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..providers.model import Access, AccessKind, Dataset, Extent
from ..toolbelt.settings import PlgSettings


def dataset_to_dict(ds: Dataset) -> dict:
    return {
        "id": ds.id,
        "provider_id": ds.provider_id,
        "title": {"fr": ds.title.fr, "en": ds.title.en},
        "description": {"fr": ds.description.fr, "en": ds.description.en},
        "keywords": list(ds.keywords),
        "licence": ds.licence,
        "licence_url": ds.licence_url,
        "attribution": ds.attribution,
        "producer": ds.producer,
        "updated": ds.updated,
        "extent": list(ds.extent.as_tuple()) + [ds.extent.crs] if ds.extent else None,
        "category": ds.category,
        "accesses": [
            {
                "kind": a.kind.value,
                "url": a.url,
                "layer": a.layer,
                "formats": list(a.formats),
                "crs": list(a.crs),
                "tile_matrix_set": a.tile_matrix_set,
                "style": a.style,
                "service": a.service,
                "options": [list(o) for o in a.options],
            }
            for a in ds.accesses
        ],
    }


def dataset_from_dict(data: dict) -> Dataset:
    extent = data.get("extent")
    return Dataset(
        id=str(data["id"]),
        provider_id=str(data["provider_id"]),
        title=data.get("title") or "",
        description=data.get("description") or "",
        keywords=tuple(data.get("keywords") or ()),
        licence=data.get("licence") or "",
        licence_url=data.get("licence_url") or "",
        attribution=data.get("attribution") or "",
        producer=data.get("producer") or "",
        updated=data.get("updated") or "",
        extent=Extent(*extent[:4], crs=extent[4]) if extent else None,
        category=data.get("category") or "",
        accesses=tuple(
            Access(
                kind=AccessKind(a["kind"]),
                url=a.get("url") or "",
                layer=a.get("layer") or "",
                formats=tuple(a.get("formats") or ()),
                crs=tuple(a.get("crs") or ()),
                tile_matrix_set=a.get("tile_matrix_set") or "",
                style=a.get("style") or "",
                service=a.get("service") or "",
                options=tuple(tuple(o) for o in a.get("options") or ()),
            )
            for a in data.get("accesses") or ()
        ),
    )


class Favourites(QObject):
    """The favourites of the settings; ``changed`` is emitted after every change (the Browser refreshes)."""

    changed = pyqtSignal()

    def datasets(self) -> list:
        try:
            entries = json.loads(PlgSettings.get().favourites or "[]")
            return [dataset_from_dict(e) for e in entries if isinstance(e, dict)]
        except (ValueError, KeyError, TypeError):
            return []  # a hand-edited setting that cannot be read lists nothing rather than breaking the dock

    def keys(self) -> set:
        return {ds.key for ds in self.datasets()}

    def contains(self, dataset: Dataset) -> bool:
        return dataset.key in self.keys()

    def _save(self, datasets: list) -> None:
        PlgSettings.set_value("favourites", json.dumps([dataset_to_dict(d) for d in datasets], ensure_ascii=False))
        self.changed.emit()

    def add(self, dataset: Dataset) -> None:
        kept = [d for d in self.datasets() if d.key != dataset.key]
        self._save(kept + [dataset])

    def remove(self, key: str) -> None:
        self._save([d for d in self.datasets() if d.key != key])


_FAVOURITES = None


def favourites() -> Favourites:
    """The plugin-wide favourites object (one, so the dock and the Browser share its ``changed`` signal)."""
    global _FAVOURITES
    if _FAVOURITES is None:
        _FAVOURITES = Favourites()
    return _FAVOURITES

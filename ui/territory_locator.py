"""A QGIS locator filter (prefix ``ter``) that finds a COG territory by name or code and zooms the map to it.

Names are matched by :mod:`core.cog.search` (accents and case ignored, "St"/"Saint" alike). The extent comes from
the territory's boundary, fetched from IGN's WFS (ADMIN EXPRESS, through :class:`providers.ign.wfs.WfsClient` and
the network layer) in a task, and kept for the session.
"""

from __future__ import annotations

import threading
from typing import Callable, Optional

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeedback,
    QgsLocatorFilter,
    QgsLocatorResult,
    QgsProject,
    QgsRectangle,
    QgsTask,
)

from ..core.cog.search import default_index
from ..toolbelt.i18n import tr
from ..toolbelt.secrets import scrub_text
from .territory_picker import describe

PREFIX = "ter"
_BOUNDS = {}  # "level:code" -> (xmin, ymin, xmax, ymax) lon/lat, for the session
_BOUNDS_LOCK = threading.Lock()


def fetch_bounds(level: str, code: str, feedback=None) -> tuple:
    """The lon/lat bounding box of a territory's boundary from IGN's WFS (cached for the session)."""
    key = f"{level}:{code}"
    with _BOUNDS_LOCK:
        if key in _BOUNDS:
            return _BOUNDS[key]
    from ..providers.ign.curated import TERRITORY_LEVELS
    from ..providers.ign.wfs import WfsClient
    from ..toolbelt.network import NetworkClient
    from ..toolbelt.services import base_url

    layer = TERRITORY_LEVELS[level]
    network = NetworkClient("ign_wfs", feedback=feedback)
    geometry = WfsClient(network, base_url("ign_wfs")).territory_geometry(
        layer.typename, layer.code_field, code, feedback=feedback
    )
    xmin, xmax, ymin, ymax = geometry.GetEnvelope()
    bounds = (xmin, ymin, xmax, ymax)
    with _BOUNDS_LOCK:
        _BOUNDS[key] = bounds
    return bounds


def clear_bounds_cache() -> None:
    with _BOUNDS_LOCK:
        _BOUNDS.clear()


class BoundaryTask(QgsTask):
    """Fetches a territory's bounds off the GUI thread; ``done(bounds or None, error)`` on the GUI thread."""

    def __init__(self, level: str, code: str, name: str, done: Callable):
        super().__init__(tr("TerriData: boundary of {}", name), QgsTask.CanCancel)
        self.level, self.code, self._done = level, code, done
        self.feedback = QgsFeedback()
        self.bounds, self.error = None, ""

    def cancel(self):
        self.feedback.cancel()
        super().cancel()

    def run(self) -> bool:
        try:
            self.bounds = fetch_bounds(self.level, self.code, self.feedback)
        except Exception as exc:  # noqa: BLE001 - reported in the message bar
            self.error = scrub_text(str(exc) or type(exc).__name__)
            return False
        return True

    def finished(self, result: bool) -> None:
        self._done(self.bounds if result else None, self.error)


def zoom_canvas(canvas, bounds: tuple) -> QgsRectangle:
    """Zoom ``canvas`` to lon/lat ``bounds`` (transformed to the canvas CRS); returns the rectangle set."""
    rect = QgsRectangle(*bounds)
    target = canvas.mapSettings().destinationCrs()
    source = QgsCoordinateReferenceSystem("EPSG:4326")
    if target.isValid() and target != source:
        rect = QgsCoordinateTransform(source, target, QgsProject.instance()).transformBoundingBox(rect)
    rect.scale(1.05)
    canvas.setExtent(rect)
    canvas.refresh()
    return rect


def _user_data(result):
    getter = getattr(result, "getUserData", None)
    if callable(getter):
        return getter()
    data = result.userData
    return data() if callable(data) else data


class TerritoryLocatorFilter(QgsLocatorFilter):
    """Finds communes, EPCI, départements and régions of the COG; choosing one zooms the map to it."""

    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.tasks = set()
        self.last_error = ""

    def clone(self):
        return TerritoryLocatorFilter(self.iface)

    def name(self) -> str:
        return "terridata_territories"

    def displayName(self) -> str:  # noqa: N802
        return tr("TerriData territories")

    def description(self) -> str:
        return tr(
            "Find a commune, EPCI, département or région by name or INSEE/SIREN code (accents and case ignored, "
            '"St" for "Saint") and zoom the map to it. Prefix: {}',
            PREFIX,
        )

    def prefix(self) -> str:
        return PREFIX

    def results(self, text: str, limit: int = 20) -> list:
        """The locator results for ``text`` (what :meth:`fetchResults` emits)."""
        found = []
        for rank, match in enumerate(default_index().search(text, limit=limit)):
            result = QgsLocatorResult(self, describe(match), match.key)
            result.score = 1.0 - rank / (limit + 1)
            found.append(result)
        return found

    def fetchResults(self, string, context, feedback):  # noqa: N802
        if len((string or "").strip()) < 2:
            return
        for result in self.results(string):
            if feedback is not None and feedback.isCanceled():
                return
            self.resultFetched.emit(result)

    def triggerResult(self, result):  # noqa: N802
        level, _, code = str(_user_data(result)).partition(":")
        self.zoom_to(level, code)

    def zoom_to(self, level: str, code: str, done: Optional[Callable] = None) -> Optional[BoundaryTask]:
        """Zoom the map to a territory; the boundary comes from a task (or the cache). ``done(rect or None)``."""
        match = default_index().get(level, code)
        name = describe(match) if match is not None else f"{level} {code}"

        def finished(bounds, error, task_ref=None):
            if task_ref is not None:
                self.tasks.discard(task_ref)
            rect = None
            if bounds is not None:
                rect = zoom_canvas(self.iface.mapCanvas(), bounds)
                self.last_error = ""
            else:
                self.last_error = tr("Could not find the boundary of {}: {}", name, error)
                self.iface.messageBar().pushWarning(tr("TerriData"), self.last_error)
            if done is not None:
                done(rect)

        with _BOUNDS_LOCK:
            cached = _BOUNDS.get(f"{level}:{code}")
        if cached is not None:
            finished(cached, "")
            return None
        holder = {}
        task = BoundaryTask(level, code, name, lambda bounds, error: finished(bounds, error, holder.get("task")))
        holder["task"] = task
        self.tasks.add(task)
        QgsApplication.taskManager().addTask(task)
        return task

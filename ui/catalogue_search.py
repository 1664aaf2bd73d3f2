"""The catalogue dock's search: one ``QgsTask`` per search source, results streamed back as each source answers.

A *search source* is a dataset provider of the registry (:mod:`providers.registry`), except the open-data portals
provider, which becomes one source per configured portal (each portal is searched on its own server, with the
territory filter sent as the portal understands it). Every search runs in a task of QGIS's task manager (network
through :mod:`toolbelt.network`, never on the GUI thread) and can be cancelled; a source that fails reports its
reason without stopping the others; answers are cached for the session (per source, query and territory).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from qgis.core import QgsApplication, QgsFeedback, QgsTask
from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..providers.model import AccessKind, Capability, Dataset
from ..providers.registry import registry
from ..toolbelt.i18n import tr
from ..toolbelt.secrets import scrub_text

#: Results kept per source and query (portals answer thousands).
MAX_RESULTS_PER_SOURCE = 50

KIND_VECTOR, KIND_RASTER, KIND_STATISTICS, KIND_SENSORS = "vector", "raster", "statistics", "sensors"
KINDS = (KIND_VECTOR, KIND_RASTER, KIND_STATISTICS, KIND_SENSORS)


def dataset_kind(dataset: Dataset) -> str:
    """What a dataset is for the kind filter: vector, raster (basemaps), statistics or sensors."""
    if dataset.category == "statistics":
        return KIND_STATISTICS
    if dataset.category == "sensors":
        return KIND_SENSORS
    if dataset.kinds() and all(k in (AccessKind.WMS, AccessKind.WMTS) for k in dataset.kinds()):
        return KIND_RASTER
    return KIND_VECTOR


@dataclass(frozen=True)
class SearchSource:
    """One place searched: ``id`` (``ign``, ``insee``, ``portals:data.gouv.fr``...), its label, the dataset provider
    it belongs to, and ``search(query, territory, feedback) -> (datasets, warning)`` (run in a task)."""

    id: str  # noqa: A003
    label: str
    provider_id: str
    search: Callable


def _provider_search(provider):
    def search(query: str, territory, feedback) -> tuple:
        found = provider.search(query, feedback)
        warnings = list(getattr(provider, "errors", None) or [])
        if getattr(provider, "last_error", ""):
            warnings.append(provider.last_error)
        return found[:MAX_RESULTS_PER_SOURCE], "; ".join(warnings)

    return search


def _portal_search(config):
    def search(query: str, territory, feedback) -> tuple:
        from ..providers.portals import client_for, registry_provider
        from ..providers.portals.base import SearchQuery, Territory

        where = Territory(territory.level, territory.code, territory.name) if territory is not None else None
        request = SearchQuery(
            text=query, territory=where, page_size=MAX_RESULTS_PER_SOURCE, max_results=MAX_RESULTS_PER_SOURCE
        )
        remembered = registry_provider()
        return [remembered.remember(info) for info in client_for(config, feedback).search(request)], ""

    return search


def search_sources() -> list:
    """Every source, in the registry's order of providers (portals expanded, one source per portal)."""
    sources = []
    for provider in registry().providers():
        if provider.id == "portals":
            from ..providers.portals.config import portals

            try:
                configs = portals()
            except Exception:  # noqa: BLE001 - an invalid 'portals' setting still leaves the presets
                from ..providers.portals.config import presets

                configs = presets()
            sources.extend(SearchSource(f"portals:{c.name}", c.name, provider.id, _portal_search(c)) for c in configs)
        elif provider.can(Capability.SEARCH):
            sources.append(
                SearchSource(provider.id, tr(provider.name or provider.id), provider.id, _provider_search(provider))
            )
    return sources


class SourceSearchTask(QgsTask):
    """One source searched in QGIS's task manager; ``done(task)`` is called on the GUI thread when it ends."""

    def __init__(self, source: SearchSource, query: str, territory, done: Callable):
        super().__init__(tr("TerriData: searching {}", source.label), QgsTask.CanCancel)
        self.source, self.query, self.territory = source, query, territory
        self.feedback = QgsFeedback()
        self.datasets, self.warning, self.error = [], "", ""
        self._done = done

    def cancel(self):
        self.feedback.cancel()
        super().cancel()

    def run(self) -> bool:
        try:
            self.datasets, self.warning = self.source.search(self.query, self.territory, self.feedback)
        except Exception as exc:  # noqa: BLE001 - shown inline in the dock, the other sources still list
            self.error = scrub_text(str(exc) or type(exc).__name__)
            return False
        return not self.feedback.isCanceled()

    def finished(self, result: bool) -> None:  # noqa: ARG002 - the outcome is in the attributes
        self._done(self)


class CatalogueSearch(QObject):
    """Searches every source at once; emits what each answers.

    ``sourceAnswered(source_id, datasets, warning)``, ``sourceFailed(source_id, message)``, ``searchFinished()``
    (every source answered, failed or was cancelled). A new :meth:`start` cancels the previous search.
    """

    sourceAnswered = pyqtSignal(str, list, str)  # noqa: N815
    sourceFailed = pyqtSignal(str, str)  # noqa: N815
    searchFinished = pyqtSignal()  # noqa: N815

    def __init__(self, parent=None, sources: list | None = None):
        super().__init__(parent)
        self._sources = sources
        self._cache = {}  # (source id, query, territory key) -> (datasets, warning)
        self._tasks = {}  # source id -> running task of the current search
        self._retired = set()  # cancelled tasks, held until the task manager has finished with them
        self._generation = 0

    def sources(self) -> list:
        if self._sources is None:
            self._sources = search_sources()
        return self._sources

    def reload_sources(self) -> None:
        self._sources = None

    def pending(self) -> list:
        return sorted(self._tasks)

    @staticmethod
    def _cache_key(source: SearchSource, query: str, territory) -> tuple:
        # Only the portals send the territory to their server; the other answers do not depend on it.
        where = territory.key if territory is not None and source.provider_id == "portals" else ""
        return source.id, " ".join(query.lower().split()), where

    def start(self, query: str, territory=None, source_ids=None) -> None:
        self.cancel()
        self._generation += 1
        generation = self._generation
        answered_from_cache = []
        for source in self.sources():
            if source_ids is not None and source.id not in source_ids:
                continue
            key = self._cache_key(source, query, territory)
            if key in self._cache:
                answered_from_cache.append((source.id, *self._cache[key]))
                continue
            task = SourceSearchTask(source, query, territory, lambda t, g=generation, k=key: self._task_done(t, g, k))
            self._tasks[source.id] = task
            QgsApplication.taskManager().addTask(task)
        for source_id, datasets, warning in answered_from_cache:
            self.sourceAnswered.emit(source_id, list(datasets), warning)
        if not self._tasks:
            self.searchFinished.emit()

    def _task_done(self, task: SourceSearchTask, generation: int, key: tuple) -> None:
        self._retired.discard(task)
        if generation != self._generation or self._tasks.get(task.source.id) is not task:
            return  # a search replaced since
        del self._tasks[task.source.id]
        if task.error:
            self.sourceFailed.emit(task.source.id, task.error)
        elif not task.isCanceled() and not task.feedback.isCanceled():
            self._cache[key] = (list(task.datasets), task.warning)
            self.sourceAnswered.emit(task.source.id, list(task.datasets), task.warning)
        if not self._tasks:
            self.searchFinished.emit()

    def cancel(self) -> None:
        """Cancel the running search (its tasks end at their next check; their answers are ignored)."""
        tasks, self._tasks = self._tasks, {}
        self._generation += 1
        for task in tasks.values():
            self._retired.add(task)
            task.cancel()
        if tasks:
            self.searchFinished.emit()

    def clear_cache(self) -> None:
        self._cache.clear()

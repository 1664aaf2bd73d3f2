"""What the catalogue dock does with a dataset: add it to the map, open the Processing algorithm that downloads it
(pre-filled), or copy the equivalent ``qgis_process`` command.

- Services QGIS reads itself (WFS, WMS/WMTS, OGC API Features) become layers of QGIS's own data providers, created in
  a task (the provider's first requests never run on the GUI thread), with the dataset's licence and attribution in
  the layer metadata (:func:`providers.layer_metadata.apply_source_metadata`).
- Portal resources and sensor stations are loaded by their TerriData algorithm run as a task
  (``QgsProcessingAlgRunnerTask``); the layer it writes is added with the same metadata.
"""

from __future__ import annotations

import shlex
from typing import Callable, Optional

from qgis.core import (
    QgsApplication,
    QgsMapLayer,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
    QgsRasterLayer,
    QgsTask,
    QgsVectorLayer,
)

from ..providers.layer_metadata import apply_source_metadata
from ..providers.model import AccessKind, Dataset
from ..toolbelt.i18n import tr
from ..toolbelt.secrets import scrub_text

MAP_KINDS = (AccessKind.WFS, AccessKind.OGC_API_FEATURES, AccessKind.WMTS, AccessKind.WMS)
TERRITORY_LEVELS = ("commune", "epci", "departement", "region")  # ign_download's TERRITORY_LEVEL order
_INSEE_AREA = {"commune": "COM", "epci": "EPCI", "departement": "DEP", "region": "REG"}
_INSEE_AREA_INDEX = {"": 0, "DEP": 1, "REG": 2, "EPCI": 3, "COM": 4}  # insee_statistics' AREA_LEVEL options


def map_access(dataset: Dataset):
    """The access QGIS can open directly (the preferred first), or None."""
    return dataset.access(*MAP_KINDS)


def _ign_parameters(dataset: Dataset, territory, output: str) -> Optional[tuple]:
    wfs = dataset.access(AccessKind.WFS)
    if wfs is not None:
        from ..toolbelt.services import base_url

        params = {"TYPENAME": wfs.layer, "OUTPUT": output}
        if wfs.url.rstrip("?") != base_url("ign_wfs").rstrip("?"):
            params["SERVICE_URL"] = wfs.url
        if territory is not None and territory.level in TERRITORY_LEVELS:
            params["TERRITORY_LEVEL"] = TERRITORY_LEVELS.index(territory.level)
            params["TERRITORY_CODE"] = territory.code
        return "terridata:ign_download", params
    raster = dataset.access(AccessKind.WMTS, AccessKind.WMS)
    if raster is not None:
        return "terridata:ign_basemap", {"LAYER": raster.layer, "ADD_TO_PROJECT": True}
    return None


def _insee_parameters(dataset: Dataset, territory, output: str) -> tuple:
    params = {"DATASET": dataset.id, "OUTPUT": output}
    if territory is not None and territory.level in _INSEE_AREA:
        area = _INSEE_AREA[territory.level]
        params["AREA_LEVEL"] = _INSEE_AREA_INDEX[area]
        params["AREA_CODE"] = territory.code
    return "terridata:insee_statistics", params


def _portal_parameters(dataset: Dataset, territory, output: str) -> tuple:
    portal, _, ident = dataset.id.rpartition(":")
    resource = dataset.access(AccessKind.DOWNLOAD)
    params = {"PORTAL": portal, "DATASET": ident, "OUTPUT": output}
    if resource is not None and resource.layer:
        params["RESOURCE"] = resource.layer
    return "terridata:portal_load", params


def _sensorthings_parameters(dataset: Dataset, territory, output: str) -> tuple:
    access = dataset.access(AccessKind.API)
    return "terridata:sensorthings_stations", {"ENDPOINT": access.url if access else dataset.id, "OUTPUT": output}


def _hubeau_parameters(dataset: Dataset, territory, output: str) -> tuple:
    from ..providers.sensors.hubeau_format import OBSERVATION_APIS

    api = OBSERVATION_APIS.get(dataset.id)
    params = {"API": api.stations if api is not None else dataset.id, "OUTPUT": output}
    if territory is not None and territory.level in ("commune", "departement", "epci"):
        params["LEVEL"] = territory.level
        params["CODES"] = territory.code
    return "terridata:hubeau_stations", params


_PARAMETERS = {
    "ign": _ign_parameters,
    "insee": _insee_parameters,
    "portals": _portal_parameters,
    "sensorthings": _sensorthings_parameters,
    "hubeau": _hubeau_parameters,
}


def algorithm_parameters(dataset: Dataset, territory=None, output: str = "TEMPORARY_OUTPUT") -> Optional[tuple]:
    """``(algorithm id, parameters)`` of the TerriData algorithm that downloads ``dataset`` (restricted to
    ``territory`` where the algorithm can), or None when no algorithm fits."""
    build = _PARAMETERS.get(dataset.provider_id)
    return build(dataset, territory, output) if build is not None else None


def qgis_process_command(algorithm_id: str, parameters: dict) -> str:
    """The shell command that runs the same algorithm with the same parameters from ``qgis_process``."""
    parts = ["qgis_process", "run", algorithm_id, "--"]
    for name, value in parameters.items():
        if isinstance(value, bool):
            value = "true" if value else "false"
        parts.append(shlex.quote(f"{name}={value}"))
    return " ".join(parts)


def open_algorithm_dialog(algorithm_id: str, parameters: dict, parent=None):
    """Show the algorithm's Processing dialog pre-filled with ``parameters`` (not modal); returns the dialog."""
    import processing  # noqa: QGS111 (QGIS 3.22's qgis.processing has no createAlgorithmDialog)

    dialog = processing.createAlgorithmDialog(algorithm_id, parameters)
    if dialog is None:
        return None
    if parent is not None:
        dialog.setParent(parent, dialog.windowFlags())
    dialog.show()
    return dialog


class AddLayerTask(QgsTask):
    """Creates the layer of a service access in a worker thread (the QGIS data provider reads the service's
    capabilities there), then hands it to the GUI thread, which adds it to the project with licence and attribution.
    """

    def __init__(self, dataset: Dataset, lang: str, done: Callable):
        super().__init__(tr("TerriData: adding {}", dataset.title_in(lang)), QgsTask.CanCancel)
        self.dataset, self.lang, self._done = dataset, lang, done
        self.access = map_access(dataset)
        self.layer: Optional[QgsMapLayer] = None
        self.error = ""

    def run(self) -> bool:
        access = self.access
        name = self.dataset.title_in(self.lang)
        try:
            if access.kind.is_raster:
                layer = QgsRasterLayer(access.qgis_uri(), name, access.qgis_provider)
            else:
                layer = QgsVectorLayer(access.qgis_uri(), name, access.qgis_provider)
            if not layer.isValid():
                detail = layer.error().summary() if layer.error() is not None else ""
                self.error = tr("QGIS could not open {} ({}): {}", name, access.url, detail or tr("invalid layer"))
                return False
            layer.moveToThread(QgsApplication.instance().thread())
            self.layer = layer
        except Exception as exc:  # noqa: BLE001 - reported to the user
            self.error = str(exc)
            return False
        return True

    def finished(self, result: bool) -> None:
        layer = self.layer
        if result and layer is not None:
            apply_source_metadata(layer, self.dataset, self.lang)
            QgsProject.instance().addMapLayer(layer)
        self._done(layer if result else None, scrub_text(self.error) if not result else "")


def add_to_map(dataset: Dataset, lang: str, done: Callable, territory=None, held: Optional[set] = None):
    """Add ``dataset`` to the project in a task; ``done(layer or None, error)`` on the GUI thread.

    Returns the task (kept in ``held`` until it ends), or None with ``done`` called at once when nothing can add it.
    """
    holder = held if held is not None else set()
    if map_access(dataset) is not None:
        task = AddLayerTask(dataset, lang, lambda layer, error: (holder.discard(task), done(layer, error)))
        holder.add(task)
        QgsApplication.taskManager().addTask(task)
        return task
    found = algorithm_parameters(dataset, territory)
    if found is None or found[0] in ("terridata:insee_statistics", "terridata:ign_basemap"):
        done(
            None,
            tr("{} cannot be added to the map directly: use Download… to choose its options.", dataset.title_in(lang)),
        )
        return None
    algorithm_id, params = found
    return run_algorithm_task(algorithm_id, params, dataset, lang, done, holder)


def run_algorithm_task(algorithm_id, params, dataset, lang, done, holder):
    """Run a TerriData algorithm as a task; the layer of its OUTPUT goes to the project with the dataset's metadata."""
    algorithm = QgsApplication.processingRegistry().createAlgorithmById(algorithm_id)
    if algorithm is None:
        done(None, tr("The Processing algorithm {} is not available: enable the Processing plugin.", algorithm_id))
        return None
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = QgsProcessingFeedback()
    task = QgsProcessingAlgRunnerTask(algorithm, params, context, feedback)
    state = {"algorithm": algorithm, "context": context, "feedback": feedback}

    def executed(ok, results):
        holder.discard(task)
        state.clear()
        if not ok:
            done(
                None,
                scrub_text(
                    feedback.textLog().strip().splitlines()[-1]
                    if feedback.textLog().strip()
                    else tr("the algorithm failed")
                ),
            )
            return
        output = results.get("OUTPUT")
        layer = context.takeResultLayer(output) if output else None
        if layer is None and output:
            layer = QgsVectorLayer(str(output), dataset.title_in(lang), "ogr")
        if layer is None or not layer.isValid():
            done(None, tr("{} ended without a layer to add.", algorithm_id))
            return
        layer.setName(dataset.title_in(lang))
        apply_source_metadata(layer, dataset, lang)
        QgsProject.instance().addMapLayer(layer)
        done(layer, "")

    task.executed.connect(executed)
    state["executed"] = executed
    holder.add(task)
    QgsApplication.taskManager().addTask(task)
    return task

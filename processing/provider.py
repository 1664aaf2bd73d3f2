"""Processing provider ``terridata``: discovers every algorithm module in ``processing/algorithms``.

Algorithms are found by scanning that package for subclasses of :class:`TerriDataAlgorithm`, so adding an
algorithm is adding one module; no central list has to be edited. A module that cannot be imported (a syntax
error, a missing dependency) is logged in the "TerriData" tab of the log panel with the reason and skipped: the
other algorithms stay available.
"""

import importlib
import inspect
import pkgutil
import traceback

from qgis.core import Qgis, QgsMessageLog, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..__about__ import __icon_path__, __version__
from ..toolbelt.i18n import tr
from .base import TerriDataAlgorithm

PROVIDER_ID = "terridata"


LOG_TAG = "TerriData"


def algorithm_classes() -> list:
    """Every concrete algorithm class of ``processing.algorithms``, sorted by algorithm name (modules that fail to
    import are logged and left out)."""
    from . import algorithms

    found = {}
    for info in pkgutil.iter_modules(algorithms.__path__):
        if info.name.startswith("_"):
            continue
        module_name = f"{algorithms.__name__}.{info.name}"
        try:
            module = importlib.import_module(module_name)
        except Exception as error:  # noqa: BLE001 - any import failure must leave the other algorithms loaded
            _log_broken_module(info.name, error)
            continue
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(obj, TerriDataAlgorithm)
                and obj is not TerriDataAlgorithm
                and obj.__module__ == module.__name__
            ):
                found[obj.NAME] = obj
    return [found[name] for name in sorted(found)]


def _log_broken_module(name: str, error: BaseException) -> None:
    """One warning per broken module: which one, why, and where (the last frame of the traceback)."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f" ({frames[-1].filename}, line {frames[-1].lineno})" if frames else ""
    if isinstance(error, SyntaxError) and error.filename:
        where = f" ({error.filename}, line {error.lineno})"
    QgsMessageLog.logMessage(
        tr(
            "The algorithm module {} could not be loaded and its algorithms are not available: {}: {}{}",
            name,
            type(error).__name__,
            error,
            where,
        ),
        LOG_TAG,
        Qgis.Warning,
    )


class TerriDataProvider(QgsProcessingProvider):
    def id(self) -> str:  # noqa: A003
        return PROVIDER_ID

    def name(self) -> str:
        return "TerriData"

    def longName(self) -> str:  # noqa: N802
        return tr("TerriData: French territorial data") + f" {__version__}"

    def icon(self) -> QIcon:
        return QIcon(str(__icon_path__))

    def svgIconPath(self) -> str:  # noqa: N802
        return str(__icon_path__)

    def versionInfo(self) -> str:  # noqa: N802
        return __version__

    def loadAlgorithms(self) -> None:  # noqa: N802
        for cls in algorithm_classes():
            try:
                algorithm = cls()
                # addAlgorithm runs initAlgorithm (the parameters): a failure there is one algorithm's problem.
                added = self.addAlgorithm(algorithm)
            except Exception as error:  # noqa: BLE001 - keep the other algorithms
                _log_broken_module(cls.__module__.rsplit(".", 1)[-1], error)
                continue
            if not added:
                QgsMessageLog.logMessage(
                    tr("The algorithm {} could not be added to the TerriData provider.", cls.NAME),
                    LOG_TAG,
                    Qgis.Warning,
                )

"""Processing provider ``terridata``: discovers every algorithm module in ``processing/algorithms``.

Algorithms are found by scanning that package for subclasses of :class:`TerriDataAlgorithm`, so adding an
algorithm is adding one module; no central list has to be edited.
"""

import importlib
import inspect
import pkgutil

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..__about__ import __icon_path__, __version__
from ..toolbelt.i18n import tr
from .base import TerriDataAlgorithm

PROVIDER_ID = "terridata"


def algorithm_classes() -> list:
    """Every concrete algorithm class of ``processing.algorithms``, sorted by algorithm name."""
    from . import algorithms

    found = {}
    for info in pkgutil.iter_modules(algorithms.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{algorithms.__name__}.{info.name}")
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(obj, TerriDataAlgorithm)
                and obj is not TerriDataAlgorithm
                and obj.__module__ == module.__name__
            ):
                found[obj.NAME] = obj
    return [found[name] for name in sorted(found)]


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
            self.addAlgorithm(cls())

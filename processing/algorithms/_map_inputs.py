"""What the map algorithms share: copies of the input layers read through Processing's feature sources (selection,
filters and unsaved edits honoured; the user's own layers never restyled), their source credits kept, the inset's
context layer, and handing the finished layout to QGIS Desktop."""

import contextlib
from pathlib import Path

from qgis.core import QgsFeatureRequest, QgsProcessingException, QgsVectorLayer

from ...__about__ import DIR_PLUGIN_ROOT
from ...maps.export import add_to_layout_manager, desktop_iface
from ...providers.layer_metadata import ATTRIBUTION_PROPERTY, LICENCE_PROPERTY, SOURCE_PROPERTY
from ...toolbelt.i18n import tr

SAMPLE_COMMUNES = DIR_PLUGIN_ROOT / "sample_data" / "essonne.gpkg"


def layer_copy(alg, parameters, name: str, context, feedback, project, required: bool = True):
    """A memory copy of the features the parameter ``name`` gives (through its feature source), carrying the
    original layer's name, metadata and TerriData credits; added to ``project`` (not to its layer tree)."""
    source = alg.parameterAsSource(parameters, name, context)
    if source is None:
        if required:
            raise QgsProcessingException(tr("The layer of {} could not be opened.", name))
        return None
    copy = source.materialize(QgsFeatureRequest(), feedback)
    original = alg.parameterAsVectorLayer(parameters, name, context)
    copy.setName(_layer_name(original) if original is not None else source.sourceName())
    if original is not None:
        copy_credits(original, copy)
    project.addMapLayer(copy, False)
    return copy


def _layer_name(layer) -> str:
    """The layer's name; for "file.gpkg|layername=x" opened by path (named after the file), the table's name."""
    path, _, options = layer.source().partition("|")
    for option in options.split("|"):
        if option.startswith("layername=") and layer.name() == Path(path).stem:
            return option[len("layername=") :]
    return layer.name()


def copy_credits(original, copy) -> None:
    copy.setMetadata(original.metadata())
    for key in (ATTRIBUTION_PROPERTY, LICENCE_PROPERTY, SOURCE_PROPERTY):
        value = original.customProperty(key)
        if value:
            copy.setCustomProperty(key, value)


def context_layer(alg, parameters, name: str, context, feedback, project, wanted: bool):
    """The inset's context: the layer given, else the sample's communes (when shipped), else ``None``."""
    if not wanted:
        return None
    given = layer_copy(alg, parameters, name, context, feedback, project, required=False)
    if given is not None:
        return given
    if SAMPLE_COMMUNES.exists():
        sample = QgsVectorLayer(f"{SAMPLE_COMMUNES}|layername=communes", tr("Communes"), "ogr")
        if sample.isValid():
            project.addMapLayer(sample, False)
            return sample
    feedback.pushWarning(tr("No context layer for the inset (give one in {}): the map has no inset.", name))
    return None


def working_project(context):
    """QGIS Desktop: the user's project (the layout lands in its layout manager); elsewhere a private one."""
    from qgis.core import QgsProject

    if desktop_iface() is not None and context.project() is not None:
        return context.project(), True
    return QgsProject(), False


@contextlib.contextmanager
def removed_on_failure(project, desktop: bool):
    """In QGIS Desktop (the user's project), remove the layers a failed or cancelled run added to it."""
    before = set(project.mapLayers()) if desktop else set()
    try:
        yield
    except BaseException:
        if desktop:
            project.removeMapLayers([layer_id for layer_id in project.mapLayers() if layer_id not in before])
        raise


def publish_layout(layout, project, layers, title: str) -> str:
    """Put the map's layers in a hidden group of the project's layer tree and the layout in its layout manager."""
    root = project.layerTreeRoot()
    group = root.insertGroup(0, tr("Map: {}", title))
    for layer in layers:
        if root.findLayer(layer.id()) is None:
            group.addLayer(layer)
    group.setItemVisibilityChecked(False)
    group.setExpanded(False)
    return add_to_layout_manager(layout, project)

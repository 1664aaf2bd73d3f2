"""Layer outputs (feature sinks) and report files of one run, committed together or not at all.

An algorithm with a layer output and JSON/HTML reports writes every file output to a temporary path beside its
target (``toolbelt.atomic.atomic_outputs``) and renames them all at the end. A failed, refused or cancelled run
writes nothing at the output paths and says that the earlier files there were left untouched. A layer written to
a single-file format (GeoPackage, GeoJSON, FlatGeobuf, CSV...) goes through the feature sink QGIS creates, at the
temporary path; other destinations (memory/temporary layers, a layer inside an existing GeoPackage, a database)
are written through the sink directly, as QGIS does.

Usage::

    outputs = OutputsTogether(self, parameters, context, layers=[self.OUTPUT], files=[self.OUTPUT_JSON])
    with outputs:
        dest = outputs.write_layer(self.OUTPUT, fields, wkb_type, crs, features)
        write_text(outputs.file(self.OUTPUT_JSON), ...)
    results = outputs.results  # final paths, after the commit
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsFeatureSink,
    QgsProcessingException,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameters,
    QgsProperty,
)
from qgis.PyQt import sip

from ...toolbelt.atomic import atomic_outputs
from ...toolbelt.i18n import tr
from ..output_checks import untouched_note

SINGLE_FILE_FORMATS = (".gpkg", ".geojson", ".geojsonl", ".fgb", ".csv", ".sqlite", ".kml")


class CancelledError(Exception):
    """The user cancelled: leave the with-block so that nothing is committed."""


def file_target(destination: str) -> Path | None:
    """The file a sink destination writes, when it is one plain file that can be renamed into place."""
    text = str(destination or "")
    if not text or "|" in text or text.startswith(("memory:", "ogr:", "postgres:", "spatialite:", "TEMPORARY")):
        return None
    path = Path(text)
    return path if path.suffix.lower() in SINGLE_FILE_FORMATS else None


class OutputsTogether:
    def __init__(self, algorithm, parameters: dict, context, layers=(), files=()):
        self._algorithm = algorithm
        self._parameters = parameters
        self._context = context
        self._destinations = {}  # layer output name → destination string
        self._targets = {}  # output name → final file path (layers in a single file, and report files)
        for name in layers:
            definition = algorithm.parameterDefinition(name)
            dest = QgsProcessingParameters.parameterAsOutputLayer(definition, parameters, context)
            if not dest:
                continue  # an optional output not asked for
            self._destinations[name] = dest
            target = file_target(dest)
            if target is not None:
                self._targets[name] = target
        for name in files:
            path = algorithm.parameterAsFileOutput(parameters, name, context)
            if path:
                self._targets[name] = Path(path)
        self._temporaries = {}
        self._relocate = {}  # temporary path → final path, for the layers QGIS will load on completion
        self._atomic = None
        self.results = {}

    # ------------------------------------------------------------ messages
    def untouched_note(self) -> str:
        return untouched_note(self._targets.values())

    def refuse(self, message: str) -> QgsProcessingException:
        """The exception of a refused run: ``message`` plus what happened to the output paths."""
        return QgsProcessingException(f"{message} {self.untouched_note()}")

    # ------------------------------------------------------------ the run
    def __enter__(self):
        self._atomic = atomic_outputs(list(self._targets.values()))
        try:
            temporaries = self._atomic.__enter__()
        except ValueError:
            self._atomic = None
            raise self.refuse(tr("Two outputs point to the same file: give each output its own path.")) from None
        except OSError as e:
            self._atomic = None
            raise self.refuse(_cannot_write(e)) from None
        self._temporaries = dict(zip(self._targets, temporaries))
        return self

    def __exit__(self, exc_type, exc, tb):
        atomic, self._atomic = self._atomic, None
        try:
            atomic.__exit__(exc_type, exc, tb)
        except OSError as e:
            if exc_type is None:
                raise self.refuse(_cannot_write(e)) from None
        if exc_type is None:
            self._relocate_loaded_layers()
            for name, target in self._targets.items():
                self.results.setdefault(name, str(target))
            return False
        if isinstance(exc, QgsProcessingException):
            raise QgsProcessingException(f"{exc} {self.untouched_note()}") from None
        if isinstance(exc, OSError):  # a report that cannot be written (disk full...)
            raise self.refuse(_cannot_write(exc)) from None
        return False

    def file(self, name: str) -> str:
        """The temporary path to write the file output ``name`` to ('' when that output was not asked for)."""
        path = self._temporaries.get(name)
        return str(path) if path is not None else ""

    def write_layer(self, name: str, fields, wkb_type, crs, features) -> str:
        """Create the sink of ``name``, write ``features`` (any iterable of QgsFeature) and close it; returns the
        final destination (the output's value once the run is committed), None for an output not asked for."""
        if name not in self._destinations:
            return None
        parameters = self._parameters
        temporary = self._temporaries.get(name)
        if temporary is not None:
            parameters = dict(parameters)
            original = parameters.get(name)
            definition = (
                QgsProcessingOutputLayerDefinition(original)
                if isinstance(original, QgsProcessingOutputLayerDefinition)
                else QgsProcessingOutputLayerDefinition()
            )
            definition.sink = QgsProperty.fromValue(str(temporary))
            parameters[name] = definition
        sink, dest = self._algorithm.parameterAsSink(parameters, name, self._context, fields, wkb_type, crs)
        if sink is None:
            raise QgsProcessingException(self._algorithm.invalidSinkError(self._parameters, name))
        try:
            for feature in features:
                if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
                    raise QgsProcessingException(
                        tr("Cannot write a feature to {}: {}", self._destinations[name], sink.lastError() or "?")
                    )
        finally:
            sip.delete(sink)  # close the file before it is renamed (the caller keeps no reference to the sink)
        if temporary is None:
            self.results[name] = dest
            return dest
        self._relocate[dest] = str(self._targets[name])
        self.results[name] = str(self._targets[name])
        return str(self._targets[name])

    def _relocate_loaded_layers(self) -> None:
        context = self._context
        layers = context.layersToLoadOnCompletion()
        changed = False
        for temporary, final in self._relocate.items():
            if temporary in layers:
                layers[final] = layers.pop(temporary)
                changed = True
        if changed:
            context.setLayersToLoadOnCompletion(layers)


def _cannot_write(error: OSError) -> str:
    where = getattr(error, "filename", None) or ""
    folder = str(Path(where).parent) if where else "?"
    reason = error.strerror or str(error)
    return tr("Cannot write to {}: {}; choose another folder.", folder, reason.lower())

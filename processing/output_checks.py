"""Up-front checks of an algorithm's outputs, run by :meth:`TerriDataAlgorithm.checkParameterValues` before any work.

Every destination parameter (feature sink, vector/raster/file/folder destination) is refused, with a message that
names the output and says what to do, when it would:

- overwrite one of the algorithm's inputs (the same file, or the GeoPackage holding an input layer: QGIS replaces a
  whole GeoPackage given as a plain path; an ``ogr:dbname='…' table="…"`` output only replaces its own table);
- share its path with another output of the same run (one would silently replace the other);
- have an extension QGIS cannot write under that name (``z.txt`` for a layer becomes ``z.txt.gxt``);
- be in a folder that cannot be written or created (permission denied, read-only file system).

``TEMPORARY_OUTPUT``, ``memory:`` and database URIs are never refused here. Missing folders that can be created are
created when the algorithm starts (:func:`create_output_folders`), not during the check.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from dataclasses import dataclass
from typing import Iterable, Optional

from qgis.core import (
    QgsMapLayer,
    QgsProcessing,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingUtils,
    QgsProperty,
    QgsProviderRegistry,
    QgsVectorFileWriter,
)

from ..toolbelt.atomic import earlier_files
from ..toolbelt.i18n import tr

# Parameter types (QgsProcessingParameterDefinition.type()) whose value names a file the algorithm reads.
INPUT_TYPES = {"source", "vector", "raster", "layer", "multilayer", "file", "mesh", "pointcloud", "vectortile"}
LAYER_DESTINATIONS = {"sink", "vectorDestination", "rasterDestination"}
_OGR_URI = re.compile(r"^ogr:", re.IGNORECASE)
_DBNAME = re.compile(r"""dbname=(?:'([^']*)'|"([^"]*)"|(\S+))""")
_TABLE = re.compile(r"""table=(?:"([^"]*)"|'([^']*)'|(\S+))""")
_PATTERN = re.compile(r"\*\.([A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)*|\*)")


@dataclass(frozen=True)
class Target:
    """A file (resolved path) and, for an ``ogr:`` destination or a ``path|layername=`` input, one table of it."""

    path: str
    table: str = ""


def describe(param) -> str:
    """How messages name a parameter: its label and its name (the key of qgis_process and the Python API)."""
    return f"'{param.description()}' ({param.name()})"


def plain_value(value, context):
    """The text behind a parameter value: layers give their source, definitions and properties their value."""
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        value = value.sink
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        value = value.source
    if isinstance(value, QgsProperty):
        if value.propertyType() == QgsProperty.StaticProperty:
            value = value.staticValue()
        else:
            value, _ = value.valueAsString(context.expressionContext())
    if isinstance(value, QgsMapLayer):
        return value
    return "" if value is None else str(value) if not isinstance(value, (list, tuple)) else value


# ---------------------------------------------------------------------------------------------------------- outputs
def output_text(param, parameters, context) -> str:
    value = parameters.get(param.name())
    if value is None:
        value = param.defaultValue()
    text = plain_value(value, context)
    return text if isinstance(text, str) else ""


def is_temporary(text: str) -> bool:
    return not text or text == QgsProcessing.TEMPORARY_OUTPUT or text.lower().startswith("memory:")


def is_database_uri(text: str) -> bool:
    """postgres://, postgis:, spatialite: … destinations: not files this module can check."""
    if _OGR_URI.match(text):
        return False
    head = text.split(":", 1)[0]
    return ":" in text and len(head) > 1 and "/" not in head and "\\" not in head


def output_path(param, text: str) -> str:
    """The file QGIS will write for the destination ``text`` (its default extension added when there is none)."""
    if _OGR_URI.match(text):
        return _ogr_uri_target(text).path
    path = os.path.expanduser(text)
    if param.type() in LAYER_DESTINATIONS and not os.path.splitext(os.path.basename(path))[1]:
        path = f"{path}.{param.defaultFileExtension()}"
    return path


def output_target(param, text: str) -> Optional[Target]:
    if is_temporary(text) or is_database_uri(text):
        return None
    if _OGR_URI.match(text):
        return _ogr_uri_target(text)
    return Target(os.path.realpath(output_path(param, text)))


def _ogr_uri_target(text: str) -> Target:
    db = _DBNAME.search(text)
    table = _TABLE.search(text)
    path = next((g for g in db.groups() if g), "") if db else ""
    name = next((g for g in table.groups() if g), "") if table else ""
    return Target(os.path.realpath(os.path.expanduser(path)) if path else "", name)


# ----------------------------------------------------------------------------------------------------------- inputs
def input_targets(alg, parameters, context) -> list:
    """``(parameter, Target)`` for every file an input parameter of ``alg`` reads."""
    found = []
    for param in alg.parameterDefinitions():
        if param.isDestination() or param.type() not in INPUT_TYPES:
            continue
        value = parameters.get(param.name())
        if value is None:
            continue
        values = value if isinstance(value, (list, tuple)) else [value]
        if param.type() == "multilayer" and isinstance(value, str):
            values = value.split(";") if ";" in value else [value]
        for item in values:
            target = _input_target(plain_value(item, context), context)
            if target is not None:
                found.append((param, target))
    return found


def _input_target(value, context) -> Optional[Target]:
    if isinstance(value, QgsMapLayer):
        return _layer_target(value)
    if not isinstance(value, str) or not value:
        return None
    if _OGR_URI.match(value):
        target = _ogr_uri_target(value)
        return target if target.path and os.path.isfile(target.path) else None
    path, _, rest = value.partition("|")
    if os.path.isfile(path):
        return Target(os.path.realpath(path), _layer_name_option(rest))
    try:
        layer = QgsProcessingUtils.mapLayerFromString(value, context, False)
    except Exception:  # noqa: BLE001 - a value QGIS cannot resolve is not a file: QGIS's own check reports it
        layer = None
    return _layer_target(layer) if layer is not None else None


def _layer_target(layer: QgsMapLayer) -> Optional[Target]:
    try:
        parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
    except Exception:  # noqa: BLE001 - providers without decodeUri: no file to protect
        return None
    path = parts.get("path") or ""
    if not path or not os.path.isfile(path):
        return None
    return Target(os.path.realpath(path), parts.get("layerName") or "")


def _layer_name_option(options: str) -> str:
    for option in options.split("|"):
        key, _, value = option.partition("=")
        if key.strip().lower() == "layername":
            return value.strip()
    return ""


def _first_layer_name(path: str) -> str:
    from osgeo import ogr

    dataset = ogr.Open(path)
    if dataset is None or dataset.GetLayerCount() == 0:
        return ""
    try:
        return dataset.GetLayer(0).GetName()
    finally:
        dataset = None


def _overwrites(output: Target, source: Target) -> bool:
    """Would writing ``output`` destroy ``source``?"""
    if not output.path or output.path != source.path:
        return False
    if not output.table:
        return True  # a plain path replaces the whole file
    return output.table == (source.table or _first_layer_name(source.path))


def _clash(a: Target, b: Target) -> bool:
    return bool(a.path) and a.path == b.path and (not a.table or not b.table or a.table == b.table)


# ----------------------------------------------------------------------------------------------------------- checks
def untouched_note(paths) -> str:
    """What a refused run did at its output paths, in words: nothing written, and the earlier files it left."""
    earlier = earlier_files(paths)
    if not earlier:
        return tr("Nothing was written.")
    return tr(
        "Nothing was written. Files already at the output paths are from an earlier run and were left untouched: {}.",
        ", ".join(earlier),
    )


def check_outputs(alg, parameters, context) -> str:
    """The first problem with ``alg``'s destinations (a translated message, ending with what was left untouched),
    or ``""``."""
    problem, paths = _first_output_problem(alg, parameters, context)
    return f"{problem} {untouched_note(paths)}" if problem else ""


def _first_output_problem(alg, parameters, context) -> tuple:
    """``(problem, output paths)``: the first problem with ``alg``'s destinations (``""`` if none)."""
    destinations = []
    for param in alg.destinationParameterDefinitions():
        text = output_text(param, parameters, context)
        if is_temporary(text) or is_database_uri(text):
            continue
        destinations.append((param, text, output_target(param, text)))
    inputs = {source.path for _param, source in input_targets(alg, parameters, context)}
    # what the refusal left untouched at the output paths (an input there is the input, not an earlier result)
    paths = [target.path for _param, _text, target in destinations if target.path not in inputs]
    return _destination_problem(alg, parameters, context, destinations), paths


def _destination_problem(alg, parameters, context, destinations) -> str:
    sources = input_targets(alg, parameters, context)
    for param, _text, target in destinations:
        for source_param, source in sources:
            if _overwrites(target, source):
                return tr(
                    "Output {} would overwrite the input {} ({}). Choose another file for the output.",
                    describe(param),
                    describe(source_param),
                    _shown(source),
                )
    for index, (param, _, target) in enumerate(destinations):
        for other, _, other_target in destinations[index + 1 :]:
            if _clash(target, other_target):
                return tr(
                    "Outputs {} and {} point to the same file ({}): one would replace the other. "
                    "Give each output its own file.",
                    describe(param),
                    describe(other),
                    _shown(target),
                )
    for param, text, _target in destinations:
        problem = _form_problem(param, text)
        if problem:
            return problem
    for param, _text, target in destinations:
        problem = _folder_problem(param, target.path)
        if problem:
            return problem
    return ""


def _shown(target: Target) -> str:
    return f"{target.path}, layer {target.table}" if target.table else target.path


def _form_problem(param, text: str) -> str:
    """A destination QGIS would write under another name, or to no file at all."""
    if _OGR_URI.match(text):
        target = _ogr_uri_target(text)
        if not target.path or not target.table:
            return tr(
                "Output {}: '{}' is not a complete ogr: destination; write it as ogr:dbname='/path/file.gpkg' "
                'table="layer" (geom).',
                describe(param),
                text,
            )
        return ""
    if "|" in text:
        return tr(
            "Output {}: '{}' is not a file name ('|layername=' only works for inputs). To add a layer to an existing "
            "GeoPackage, write ogr:dbname='/path/file.gpkg' table=\"layer\" (geom); otherwise choose a file name.",
            describe(param),
            text,
        )
    if param.type() == "folderDestination":
        return ""
    allowed = accepted_extensions(param)
    path = output_path(param, text)
    name = os.path.basename(path).lower()
    if not name:
        return tr("Output {}: '{}' is a folder; give a file name.", describe(param), text)
    if allowed and not any(name.endswith(f".{ext}") for ext in allowed):
        extension = os.path.splitext(name)[1] or tr("(none)")
        return tr(
            "Output {}: the extension {} of '{}' is not a format this output can be written in. Use {}.",
            describe(param),
            extension,
            text,
            _either(allowed),
        )
    return ""


def _either(extensions: list) -> str:
    """``.png or .pdf``, ``.gpkg, .shp or .csv``."""
    names = [f".{ext}" for ext in extensions]
    if len(names) == 1:
        return names[0]
    return tr("{} or {}", ", ".join(names[:-1]), names[-1])


def accepted_extensions(param) -> list:
    """The extensions ``param`` is written under unchanged (empty list: any extension)."""
    kind = param.type()
    if kind in ("sink", "vectorDestination"):
        return [ext for ext in param.supportedOutputVectorLayerExtensions() if _vector_keeps_name(ext)]
    if kind == "rasterDestination":
        return list(dict.fromkeys(param.supportedOutputRasterLayerExtensions()))
    if kind == "fileDestination":
        patterns = _PATTERN.findall(param.fileFilter() or "")
        if not patterns or "*" in patterns:
            return []
        return list(dict.fromkeys(p.lower() for p in patterns))
    return []


def _vector_keeps_name(ext: str) -> bool:
    """QGIS appends its driver's own extension when it differs (``z.txt`` → ``z.txt.gxt``, ``z.json`` →
    ``z.json.geojson``): only extensions that are their driver's own are kept. (QGIS >= 3.40 lists several
    extensions for some drivers, ``geojsonl geojsons json`` for GeoJSONSeq, and keeps a name with any of them.)"""
    driver = QgsVectorFileWriter.driverForExtension(ext)
    metadata = QgsVectorFileWriter.MetaData()
    if not driver or not QgsVectorFileWriter.driverMetadata(driver, metadata):
        return True
    return ext.lower() in metadata.ext.lower().split()


def _folder_problem(param, path: str) -> str:
    if not path:
        return ""
    if param.type() == "folderDestination":
        folder = path
    else:
        if os.path.isdir(path):
            return tr("Output {}: {} is a folder; give a file name inside it.", describe(param), path)
        folder = os.path.dirname(path)
    existing = folder
    while existing and not os.path.exists(existing):
        parent = os.path.dirname(existing)
        if parent == existing:
            break
        existing = parent
    if not os.path.isdir(existing):
        return tr(
            "Output {}: cannot write to {}: {} is not a folder; choose another folder.",
            describe(param),
            folder,
            existing,
        )
    reason = _write_refusal(existing)
    if reason:
        return tr("Output {}: cannot write to {}: {}; choose another folder.", describe(param), folder, reason)
    return ""


def _write_refusal(folder: str) -> str:
    """Why a file cannot be created in ``folder`` (tried for real: permission bits do not stop root, a read-only
    file system or a special file system does), or ``""``."""
    try:
        handle, probe = tempfile.mkstemp(prefix=".terridata-write-test-", dir=folder)
    except OSError as error:
        if error.errno in (errno.EACCES, errno.EPERM, errno.ENOENT):
            return tr("permission denied")
        if error.errno == errno.EROFS:
            return tr("read-only file system")
        if error.errno == errno.ENOSPC:
            return tr("no space left on the device")
        return error.strerror or str(error)
    os.close(handle)
    os.unlink(probe)
    return ""


def create_output_folders(alg, parameters, context) -> None:
    """Create the missing folders of ``alg``'s file destinations (checked writable by :func:`check_outputs`)."""
    for folder in _output_folders(alg, parameters, context):
        os.makedirs(folder, exist_ok=True)


def _output_folders(alg, parameters, context) -> Iterable[str]:
    for param in alg.destinationParameterDefinitions():
        text = output_text(param, parameters, context)
        if is_temporary(text) or is_database_uri(text) or "|" in text and not _OGR_URI.match(text):
            continue
        target = output_target(param, text)
        if target is None or not target.path:
            continue
        yield target.path if param.type() == "folderDestination" else os.path.dirname(target.path)


def output_files(alg, parameters, context) -> list:
    """The files QGIS's own writers create in place for ``alg``'s layer destinations (``ogr:`` tables excluded).

    File destinations (reports, maps) are written by the algorithm itself, atomically (``toolbelt.atomic``), and
    a refusal may leave an explanatory report on purpose: they are not listed."""
    files = []
    for param in alg.destinationParameterDefinitions():
        if param.type() not in LAYER_DESTINATIONS:
            continue
        text = output_text(param, parameters, context)
        if is_temporary(text) or is_database_uri(text) or "|" in text or _OGR_URI.match(text):
            continue
        files.append(output_path(param, text))
    return files


def remove_files(paths) -> None:
    """Remove ``paths`` and their SQLite/Shapefile companions, ignoring what is already gone."""
    for path in paths:
        stem, ext = os.path.splitext(path)
        companions = [f"{path}-journal", f"{path}-wal", f"{path}-shm"]
        if ext.lower() == ".shp":
            companions += [f"{stem}{e}" for e in (".shx", ".dbf", ".prj", ".cpg", ".qix")]
        for name in [path, *companions]:
            try:
                os.remove(name)
            except OSError:
                pass

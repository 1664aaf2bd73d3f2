"""QGIS renderers from ``core.classification``: the one place where breaks, labels and colours become symbols.

Used by every map kind and by the styling of loaded outputs (``maps.styling``), so the legend always lists exactly
the classes the classification computed, with its rounded, localised labels.
"""

from dataclasses import dataclass, field
from typing import Optional

from qgis.core import (
    QgsFeatureRequest,
    QgsGraduatedSymbolRenderer,
    QgsRendererRange,
    QgsSymbol,
)
from qgis.PyQt.QtGui import QColor

from ..core.classification import (
    Classification,
    class_labels,
    classify,
    diverging_colours,
    sequential_colours,
)
from ..toolbelt.i18n import localiser, tr
from .language import plain


@dataclass
class ClassSpec:
    """How to classify and colour one numeric field."""

    field: str
    method: str = "quantile"
    classes: int = 5
    cuts: tuple = ()
    scheme: str = "YlOrRd"
    centre: Optional[float] = None  # a diverging scheme centred on this value (e.g. 0 for rates of change)
    diverging_scheme: str = "RdBu"
    unit: str = ""
    decimals: Optional[int] = None  # None: the fewest that keep the classes apart
    lang: str = "en"


@dataclass
class Classified:
    renderer: QgsGraduatedSymbolRenderer
    classification: Classification
    labels: list
    colours: list
    warnings: list = field(default_factory=list)


def field_values(layer, name: str) -> list:
    """Every value of ``name`` in ``layer`` (``None`` for NULL), read once without geometries."""
    index = layer.fields().lookupField(name)
    if index < 0:
        raise ValueError(tr("The layer {} has no field named {}.", layer.name(), name))
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry).setSubsetOfAttributes([index])
    return [plain(feature.attribute(index)) for feature in layer.getFeatures(request)]


def classification_warnings(result: Classification) -> list:
    """What the reader of the legend should know (translated)."""
    warnings = []
    if result.method != "manual" and result.reduced:
        warnings.append(
            tr(
                "{} classes instead of the {} asked: equal values are never split between two classes, and the "
                "values allow only {}.",
                result.classes,
                result.requested,
                result.classes,
            )
        )
    if result.dropped_cuts:
        warnings.append(
            tr(
                "Manual breaks outside the values ({} to {}) ignored: {}.",
                result.breaks[0],
                result.breaks[-1],
                ", ".join(f"{c:g}" for c in result.dropped_cuts),
            )
        )
    if result.empty_classes:
        warnings.append(tr("{} class(es) hold no feature (equal or round intervals).", result.empty_classes))
    if result.sampled:
        warnings.append(tr("Natural breaks computed on a fixed sample of the values (too many distinct values)."))
    if result.missing:
        warnings.append(tr("{} feature(s) have no value: shown as “No data”.", result.missing))
    return warnings


def class_colours(result: Classification, spec: ClassSpec) -> list:
    if spec.centre is not None:
        return diverging_colours(result.breaks, spec.centre, spec.diverging_scheme)
    return sequential_colours(result.classes, spec.scheme)


def classified_renderer(layer, spec: ClassSpec, symbol=None, values=None) -> Classified:
    """A graduated renderer of ``spec.field`` whose ranges are the classes of ``core.classification``."""
    values = field_values(layer, spec.field) if values is None else values
    try:
        result = classify(values, spec.method, spec.classes, spec.cuts)
    except ValueError as error:
        reason = localiser().text(error.args[0]) if error.args else str(error)  # core's message, translated
        raise ValueError(tr("The field {} of {} cannot be classified: {}", spec.field, layer.name(), reason)) from error
    labels = class_labels(result, spec.lang, spec.decimals, spec.unit)
    colours = class_colours(result, spec)
    base = symbol or QgsSymbol.defaultSymbol(layer.geometryType())
    ranges = []
    for k in range(result.classes):
        class_symbol = base.clone()
        class_symbol.setColor(QColor(colours[k]))
        ranges.append(QgsRendererRange(result.breaks[k], result.breaks[k + 1], class_symbol, labels[k]))
    renderer = QgsGraduatedSymbolRenderer(spec.field, ranges)
    renderer.setSourceSymbol(base.clone())
    return Classified(renderer, result, labels, colours, classification_warnings(result))

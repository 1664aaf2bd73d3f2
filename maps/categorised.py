"""Categorised map: one ColorBrewer qualitative colour per category, the most frequent first; beyond eleven
categories the rest are grouped as "Other", and features without a value are "No data"."""

from collections import Counter

from qgis.core import QgsCategorizedSymbolRenderer, QgsRendererCategory, QgsSymbol
from qgis.PyQt.QtGui import QColor

from ..core.classification import NO_DATA_COLOUR, qualitative_colours
from ..toolbelt.i18n import tr
from .classified import field_values

MAX_CATEGORIES = 11


def style_categorised(layer, field: str, symbol=None) -> tuple:
    """Set the renderer; returns (categories in legend order, warnings)."""
    values = field_values(layer, field)
    counts = Counter(v for v in values if v is not None and str(v).strip() != "")
    ordered = [value for value, _ in sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))]
    warnings = []
    shown, others = ordered[:MAX_CATEGORIES], ordered[MAX_CATEGORIES:]
    colours = qualitative_colours(max(len(shown), 3), "Set2" if len(shown) <= 8 else "Paired")
    base = symbol or QgsSymbol.defaultSymbol(layer.geometryType())
    categories = []
    for value, colour in zip(shown, colours):
        category_symbol = base.clone()
        category_symbol.setColor(QColor(colour))
        categories.append(QgsRendererCategory(value, category_symbol, str(value)))
    if others:
        warnings.append(tr("{} categories of {} grouped as “Other”.", len(others), field))
        other_symbol = base.clone()
        other_symbol.setColor(QColor("#b3b3b3"))
        categories.append(QgsRendererCategory("", other_symbol, tr("Other")))  # "" matches every other value
    if len(counts) < len(values):
        no_data = base.clone()
        no_data.setColor(QColor(NO_DATA_COLOUR))
        categories.append(QgsRendererCategory(None, no_data, tr("No data")))
    renderer = QgsCategorizedSymbolRenderer(field, categories)
    layer.setRenderer(renderer)
    layer.triggerRepaint()
    return [c.label() for c in categories], warnings

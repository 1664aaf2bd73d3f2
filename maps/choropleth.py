"""Choropleth: rates, densities and shares coloured by class (counts belong to proportional symbols)."""

import re

from qgis.core import QgsFillSymbol

from ..toolbelt.i18n import tr
from .classified import Classified, ClassSpec, classified_renderer, field_values

# Words of field names that hold counts ("nb_logements", "population_2021", "count") and of those that do not.
_COUNT_NAME = re.compile(
    r"(^|_)(nb|nbr|nombre|count|cnt|pop|population|effectifs?|total|menages|logements?|emplois?|habitants?|"
    r"naissances|deces|somme|sum)(_|\d|$)",
    re.IGNORECASE,
)
_RATIO_NAME = re.compile(
    r"(taux|part|ratio|rate|share|pct|percent|pourcent|densite|density|moyenne|mean|median|mediane|par_|per_|"
    r"_km2|_ha|indice|index|evolution|variation)",
    re.IGNORECASE,
)


def looks_like_a_count(name: str, values) -> bool:
    """A field of non-negative whole numbers whose name says it counts something (and not a rate or a mean)."""
    numbers = [v for v in values if v is not None]
    if not numbers or any(float(v) < 0 or float(v) != int(float(v)) for v in numbers):
        return False
    return bool(_COUNT_NAME.search(name)) and not _RATIO_NAME.search(name)


def count_warning(layer_name: str, field: str) -> str:
    return tr(
        "The field {} of {} looks like a count: a choropleth of counts makes large territories look important. "
        "Map a rate or a density instead (e.g. per km² or per inhabitant), or use proportional symbols.",
        field,
        layer_name,
    )


def polygon_symbol(outline: str = "#5a5a5a", width: float = 0.15) -> QgsFillSymbol:
    return QgsFillSymbol.createSimple({"outline_color": outline, "outline_width": str(width)})


def style_choropleth(layer, spec: ClassSpec) -> Classified:
    """Set a choropleth of ``spec.field`` on ``layer``; the result's warnings include the count warning."""
    values = field_values(layer, spec.field)
    classified = classified_renderer(layer, spec, polygon_symbol(), values)
    if looks_like_a_count(spec.field, values):
        classified.warnings.insert(0, count_warning(layer.name(), spec.field))
    layer.setRenderer(classified.renderer)
    layer.triggerRepaint()
    return classified

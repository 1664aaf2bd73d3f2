"""The council map from Python (the QGIS Python console, scripts): a choropleth of one field on an A4 landscape page
(title, legend, north arrow, scale bar and source credits), the layout ``terridata:export_council_map`` exports.
Built on the same code as ``terridata:export_map`` (``maps.thematic``, ``maps.layout``); export the layout with
``maps.export.export_with_template``."""

from dataclasses import dataclass, field

from qgis.core import QgsPrintLayout, QgsProject, QgsVectorLayer

from .classified import ClassSpec
from .language import map_language
from .layout import LayoutSpec
from .layout import build_layout as build_page
from .thematic import ThematicRequest, build_thematic

CLASSIFICATIONS = ("quantile", "jenks", "equal")


@dataclass
class MapRequest:
    layer: QgsVectorLayer
    field: str
    title: str
    subtitle: str = ""
    legend_title: str = ""
    classes: int = 5
    method: str = "quantile"
    extra_credits: list = field(default_factory=list)
    decimals: int = -1  # -1: the fewest decimals that keep the classes apart


def _spec(request: MapRequest) -> ClassSpec:
    return ClassSpec(
        field=request.field,
        method=request.method,
        classes=request.classes,
        decimals=None if request.decimals < 0 else request.decimals,
        lang=map_language(),
    )


def apply_choropleth(request: MapRequest):
    """Style ``request.layer`` as a choropleth of ``request.field`` and return the renderer."""
    from .choropleth import style_choropleth

    return style_choropleth(request.layer, _spec(request)).renderer


def build_layout(request: MapRequest, project: QgsProject, basemaps=()) -> QgsPrintLayout:
    thematic = build_thematic(
        ThematicRequest(layer=request.layer, kind="choropleth", spec=_spec(request), other_layers=list(basemaps)),
        project,
    )
    spec = LayoutSpec(
        title=request.title,
        subtitle=request.subtitle,
        legend_title=request.legend_title or request.field,
        extra_credits=tuple(request.extra_credits),
        lang=map_language(),
    )
    return build_page(project, thematic.content, spec).layout

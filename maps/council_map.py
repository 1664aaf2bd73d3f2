"""The council map: a choropleth of one field on an A4 landscape page (title, legend, north arrow, scale bar and
source credits), the preset ``terridata:export_council_map`` keeps. Built on the same code as
``terridata:export_map`` (``maps.thematic``, ``maps.layout``, ``maps.export``)."""

from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import QgsPrintLayout, QgsProject, QgsVectorLayer

from .classified import ClassSpec
from .export import export_page
from .language import interface_language
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
    dpi: int = 150
    decimals: int = -1  # -1: the fewest decimals that keep the classes apart


def _spec(request: MapRequest) -> ClassSpec:
    return ClassSpec(
        field=request.field,
        method=request.method,
        classes=request.classes,
        decimals=None if request.decimals < 0 else request.decimals,
        lang=interface_language(),
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
        lang=interface_language(),
    )
    return build_page(project, thematic.content, spec).layout


def export_layout(layout: QgsPrintLayout, target, dpi: int = 150) -> Path:
    """Export to PNG, PDF or SVG (chosen by the extension), atomically."""
    from ..toolbelt.atomic import atomic_path

    target = Path(target)
    with atomic_path(target) as tmp:
        export_page(layout, tmp, dpi)
    return target


def render_council_map(request: MapRequest, target, project: QgsProject = None) -> Path:
    """Style the layer, lay the map out and export it: the whole job in one call."""
    project = project or QgsProject.instance()
    layout = build_layout(request, project)
    return export_layout(layout, target, request.dpi)

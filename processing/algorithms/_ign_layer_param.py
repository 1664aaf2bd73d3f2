"""The layer parameter of ``ign_download`` and ``ign_basemap``: every layer of the Géoplateforme's capabilities.

An enum of layer names (``BDTOPO_V3:batiment``, ``ORTHOIMAGERY.ORTHOPHOTOS``), stored as the name itself
(``setUsesStaticStrings``): models, batch files and ``qgis_process`` keep the same value whatever the language or
the order of the capabilities; the curated entries come first, so their old numbers (``LAYER=4``) still name the
same layer. The Processing dialog shows titles in the interface language through the widget of
``ui/wdg_ign_layer_choice.py``, which also fills the list in a background task.

The list is what :mod:`providers.ign.layer_choices` holds in memory when the algorithm is created (never a request
here): a layer name that is not in it yet (capabilities not loaded, or a layer published since) is accepted as a
typed name, exactly as the free-text parameter next to it, and checked by the server when the algorithm runs.
"""

from __future__ import annotations

import html
import re

from qgis.core import QgsApplication, QgsProcessingParameterEnum, QgsProperty

from ...providers.ign import layer_choices
from ...toolbelt.i18n import tr

WRAPPER = __name__.split(".")[0] + ".ui.wdg_ign_layer_choice.IgnLayerChoiceWrapper"


def layer_parameter(name: str, description: str, kind: str) -> QgsProcessingParameterEnum:
    """The enum of ``kind`` (``layer_choices.VECTOR`` or ``BASEMAP``) as it is in memory now."""
    if QgsApplication.platform() != "desktop" and not layer_choices.is_loaded(kind):
        layer_choices.load_cached(kind)  # headless (qgis_process, scripts): the cache only, no request
    options = [ds.id for ds in layer_choices.choices(kind)]
    param = QgsProcessingParameterEnum(name, description, options=options, defaultValue=options[0])
    param.setUsesStaticStrings(True)
    param.setMetadata({"widget_wrapper": {"class": WRAPPER, "kind": kind}})
    return param


def unlisted_name(alg, parameters: dict, name: str) -> str:
    """The value of the enum ``name`` when it is a layer name that is not (yet) one of its choices, else ``""``."""
    value = (parameters or {}).get(name)
    if isinstance(value, (list, tuple)) and len(value) == 1:
        value = value[0]
    if not isinstance(value, str) or isinstance(value, QgsProperty):
        return ""
    text = value.strip()
    param = alg.parameterDefinition(name)
    if not text or param is None or text in param.options() or text.isdigit():
        return ""
    if any(c.isspace() for c in text) or "," in text:
        return ""  # not a layer name: left to the enum's own "not one of the choices" message
    return text


def with_unlisted_as_typed(alg, parameters: dict, name: str, typed: str) -> dict:
    """``parameters`` where an unlisted layer name of ``name`` moves to the free-text parameter ``typed`` (when it
    is empty), so that QGIS's enum check accepts the run."""
    text = unlisted_name(alg, parameters, name)
    if not text:
        return parameters
    result = dict(parameters)
    result.pop(name)
    if not str(result.get(typed) or "").strip():
        result[typed] = text
    return result


def help_with_short_layer_line(text: str, alg, name: str, kind: str) -> str:
    """The algorithm's help where the numbered choices of ``name`` are the curated ones only (the full list of the
    capabilities is hundreds of lines long). ``text``: the help as the base class renders it, the choices of each
    enum parameter in a ``<li><b>NAME</b>: …</li>`` item."""
    curated = layer_choices.curated(kind)
    total = len(alg.parameterDefinition(name).options()) if alg.parameterDefinition(name) else len(curated)
    line = ", ".join(f"{i} = {html.escape(ds.id)}" for i, ds in enumerate(curated))
    more = html.escape(tr("… and every other layer of the service's capabilities, by its name ({} listed now).", total))
    item = re.compile(rf"<li><b>{re.escape(name)}</b>: .*?</li>", re.S)
    return item.sub(lambda _match: f"<li><b>{name}</b>: {line} {more}</li>", text, count=1)

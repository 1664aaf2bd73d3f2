"""Enum parameters accept the number of a choice and its name, whatever way the enum is declared.

QGIS stores an enum value either as the number of the choice (the default) or, for enums declared with
``setUsesStaticStrings(True)``, as the choice's text; each kind refuses the other (``BUCKET=1`` is refused although
``qgis_process help`` says "Number of selected option, e.g. '1'"). :func:`normalise_enum_value` turns whatever the
user gave (a number, a numeric string, the choice's text in any letter case, a list, a comma-separated list) into
the form the parameter stores. :class:`~.base.TerriDataAlgorithm` applies it to every enum parameter before
``checkParameterValues``, ``prepareAlgorithm`` and ``processAlgorithm`` see the parameters, so algorithms declare
plain ``QgsProcessingParameterEnum`` and read them with ``parameterAsEnum``/``parameterAsEnumString`` as usual.

A text that is one of the choices wins over a number: with choices ``["2019", "2020"]``, ``"2020"`` is the second
choice and ``1`` (or ``"1"``) is the second choice too.

**Keyed enums** (:func:`keyed_enum`): the drop-down shows translated labels ("Département") while the algorithm
reads a stable key (``departement``) with :func:`enum_key`/:func:`enum_keys`, whatever the interface language. The
parameter stores the choice's number (stable too); the keys and English labels are kept in the parameter's
metadata, so ``LEVEL=departement``, ``LEVEL=Département``, ``LEVEL=1`` all work in qgis_process, ``processing.run``
and models (also a model saved when the choice was stored as its key).
"""

from __future__ import annotations

from typing import Optional, Sequence, Tuple

from qgis.core import QgsProcessingParameterEnum, QgsProperty

from ..toolbelt.i18n import tr

KEYS = "terridata_keys"  # parameter metadata: stable key of each choice
LABELS = "terridata_labels"  # parameter metadata: English label of each choice (translated when shown)


def keyed_enum(
    name: str,
    description: str,
    choices: Sequence[Tuple[str, str]],
    default=None,
    allow_multiple: bool = False,
    optional: bool = False,
) -> QgsProcessingParameterEnum:
    """An enum parameter whose choices are ``(key, English label)``: the label (wrapped in ``QT_TRANSLATE_NOOP`` by
    the caller so that pylupdate collects it) is shown translated, the key is what the algorithm reads
    (:func:`enum_key`). ``default``: a key, or a list of keys when ``allow_multiple``."""
    keys = [key for key, _ in choices]
    labels = [label for _, label in choices]
    if isinstance(default, (list, tuple)):
        default_value = [keys.index(key) for key in default]
    else:
        default_value = keys.index(default) if default is not None else None
    param = QgsProcessingParameterEnum(
        name,
        description,
        options=[tr(label) for label in labels],
        allowMultiple=allow_multiple,
        defaultValue=default_value,
        optional=optional,
    )
    metadata = param.metadata()
    metadata[KEYS] = keys
    metadata[LABELS] = labels
    param.setMetadata(metadata)
    return param


def choice_keys(param) -> Optional[list]:
    """The stable keys of a :func:`keyed_enum` parameter, ``None`` for a plain enum."""
    keys = (param.metadata() or {}).get(KEYS)
    return [str(key) for key in keys] if keys else None


def enum_key(alg, parameters, name: str, context) -> str:
    """The stable key of the choice of keyed enum ``name`` (``""`` when optional and not given)."""
    param = alg.parameterDefinition(name)
    value = parameters.get(name) if parameters else None
    if value is None or value == "" or value == []:
        if param.defaultValue() is None:
            return ""
    index = alg.parameterAsEnum(parameters, name, context)
    keys = choice_keys(param)
    return keys[index] if keys and 0 <= index < len(keys) else ""


def enum_keys(alg, parameters, name: str, context) -> list:
    """The stable keys of the choices of a keyed enum with several choices."""
    keys = choice_keys(alg.parameterDefinition(name)) or []
    return [keys[i] for i in alg.parameterAsEnums(parameters, name, context) if 0 <= i < len(keys)]


class EnumChoiceError(ValueError):
    """A value that is neither the number nor the name of one of the choices (translated message)."""


def choices_text(param, code: bool = False) -> str:
    """``0 = hour, 1 = day, …`` (keyed enums: ``0 = epci (EPCI), 1 = departement (Département), …``): how the
    help and the error messages list the choices. ``code``: keys as Markdown code spans (for the help)."""
    keys = choice_keys(param)
    if not keys:
        return ", ".join(f"{index} = {option}" for index, option in enumerate(param.options()))
    quote = "`" if code else ""
    return ", ".join(
        f"{index} = {quote}{key}{quote}"
        if key.casefold() == str(label).casefold()
        else f"{index} = {quote}{key}{quote} ({label})"
        for index, (key, label) in enumerate(zip(keys, param.options()))
    )


def normalise_enum_value(param, value):
    """``value`` in the form ``param`` stores (index or choice text); unchanged when it is ``None``, empty or a
    data-defined property. Raise :class:`EnumChoiceError` for a value that names no choice."""
    if value is None or isinstance(value, QgsProperty) or (isinstance(value, str) and not value.strip()):
        return value
    options = [str(option) for option in param.options()]
    keys = choice_keys(param)
    if keys:
        # Keys first, then the labels in the interface language, then the English labels: all name a choice.
        english = [str(label) for label in (param.metadata() or {}).get(LABELS, [])]
        options = keys + options + english
    if isinstance(value, (list, tuple)):
        items = list(value)
    elif isinstance(value, str) and param.allowMultiple() and _match(options, value) is None and "," in value:
        items = value.split(",")
    else:
        items = [value]
    if not items:
        return value
    indexes = [_index(param, options, item) for item in items]
    if keys:
        indexes = [index % len(keys) for index in indexes]
    stored = [options[i] for i in indexes] if param.usesStaticStrings() else indexes
    if param.allowMultiple():
        return stored
    if len(stored) > 1:
        raise EnumChoiceError(
            tr(
                "{} ({}) takes one choice, not {}. Choices: {}.",
                param.description(),
                param.name(),
                len(stored),
                choices_text(param),
            )
        )
    return stored[0]


def _match(options: list, text: str):
    text = text.strip()
    if text in options:
        return options.index(text)
    folded = [option.casefold() for option in options]
    return folded.index(text.casefold()) if text.casefold() in folded else None


def _index(param, options: list, item) -> int:
    if isinstance(item, str):
        found = _match(options, item)
        if found is not None:
            return found
        number = item.strip()
    elif isinstance(item, bool):
        number = None
    elif isinstance(item, float) and item.is_integer():
        number = str(int(item))
    elif isinstance(item, int):
        number = str(item)
    else:
        number = None
    count = len(choice_keys(param) or options)
    if number is not None and number.lstrip("-").isdigit() and 0 <= int(number) < count:
        return int(number)
    raise EnumChoiceError(
        tr(
            "{} ({}): '{}' is not one of the choices. Give the number or the name of a choice: {}.",
            param.description(),
            param.name(),
            item,
            choices_text(param),
        )
    )


def normalise_parameters(alg, parameters) -> dict:
    """A copy of ``parameters`` where every enum value of ``alg`` is in its stored form (unknown values are left
    as they are: :func:`enum_problem` reports them)."""
    if parameters is None:
        return parameters
    result = dict(parameters)
    for param in alg.parameterDefinitions():
        if param.type() != "enum" or param.name() not in result:
            continue
        try:
            result[param.name()] = normalise_enum_value(param, result[param.name()])
        except EnumChoiceError:
            pass
    return result


def enum_problem(alg, parameters) -> str:
    """The message for the first enum value of ``parameters`` that names no choice, or ``""``."""
    for param in alg.parameterDefinitions():
        if param.type() != "enum" or param.name() not in (parameters or {}):
            continue
        try:
            normalise_enum_value(param, parameters[param.name()])
        except EnumChoiceError as error:
            return str(error)
    return ""


def enum_help(alg) -> str:
    """One line per enum parameter of ``alg``: its name and numbered choices (for the algorithm's help)."""
    lines = [
        f"{param.name()}: {choices_text(param, code=True)}"
        for param in alg.parameterDefinitions()
        if param.type() == "enum" and not param.flags() & param.FlagHidden
    ]
    if not lines:
        return ""
    return "\n".join([tr("Choices (give the number or the name, e.g. in qgis_process or processing.run):")] + lines)

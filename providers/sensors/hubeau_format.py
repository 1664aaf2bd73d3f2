"""Hub'Eau APIs (hydrometry v2, piezometry v1, river water quality v2) as tables of what TerriData needs from each
endpoint, and the reading of their answers into stations and observation rows. Pure Python (no ``qgis``).

Envelope of every answer: ``{count, first, last, prev, next, api_version, data: [...]}``; HTTP 206 while pages
remain. Page-based endpoints put ``page=`` in ``next``, cursor-based ones ``cursor=``: both are followed as given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Optional

from .records import SensorDataError, Series, Station, TimeParser, split_result, tr

LICENCE = "Licence Ouverte 2.0"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
#: Rows one request may reach (page × size) on the endpoints that have a depth limit.
DEPTH_LIMIT = 20000


@dataclass(frozen=True)
class StationApi:
    key: str
    label: str
    path: str
    id_field: str
    id_param: str
    name_field: str
    lon_field: str
    lat_field: str
    commune_param: str
    departement_param: str
    first_field: str
    last_field: str
    variables: tuple  # ((variable, unit), ...) every station offers; () when unknown
    producer: str


@dataclass(frozen=True)
class ObservationApi:
    key: str
    label: str
    path: str
    stations: str  # key of the StationApi that describes its stations
    station_param: str
    variable_param: str  # "" when the endpoint has a single variable
    start_param: str
    end_param: str
    station_field: str
    variable_field: str
    time_field: str
    value_field: tuple  # first present wins
    quality_fields: tuple
    units: tuple  # ((variable prefix, unit), ...); the unit field of the row wins when present
    unit_field: str
    depth_limited: bool
    real_time_days: int  # > 0: the endpoint keeps only about this many days
    default_variable: str
    dataset: str
    producer: str


STATION_APIS = {
    a.key: a
    for a in (
        StationApi(
            "hydrometry", "Hub'Eau hydrometry stations", "v2/hydrometrie/referentiel/stations", "code_station",
            "code_station", "libelle_station", "longitude_station", "latitude_station", "code_commune_station",
            "code_departement", "date_ouverture_station", "date_fermeture_station", (("H", "mm"), ("Q", "l/s")),
            "SCHAPI / services de prévision des crues (Hydroportail)",
        ),
        StationApi(
            "piezometry", "Hub'Eau piezometry stations", "v1/niveaux_nappes/stations", "code_bss", "code_bss",
            "libelle_pe", "x", "y", "code_commune", "code_departement", "date_debut_mesure", "date_fin_mesure",
            (("niveau_nappe_eau", "m NGF"),), "BRGM (ADES)",
        ),
        StationApi(
            "river_quality", "Hub'Eau river water quality stations", "v2/qualite_rivieres/station_pc",
            "code_station", "code_station", "libelle_station", "longitude", "latitude", "code_commune",
            "code_departement", "date_premier_prelevement", "date_dernier_prelevement", (), "Naïades (OFB)",
        ),
    )
}  # fmt: skip

OBSERVATION_APIS = {
    a.key: a
    for a in (
        ObservationApi(
            "hydrometry_realtime", "Hub'Eau hydrometry, real-time observations", "v2/hydrometrie/observations_tr",
            "hydrometry", "code_entite", "grandeur_hydro", "date_debut_obs", "date_fin_obs", "code_station",
            "grandeur_hydro", "date_obs", ("resultat_obs",), ("code_qualification_obs", "code_statut"),
            (("H", "mm"), ("Q", "l/s")), "", False, 30, "H", "hubeau_hydrometrie_observations_tr",
            "SCHAPI / services de prévision des crues (Hydroportail)",
        ),
        ObservationApi(
            "hydrometry_elaborated", "Hub'Eau hydrometry, daily and monthly values", "v2/hydrometrie/obs_elab",
            "hydrometry", "code_entite", "grandeur_hydro_elab", "date_debut_obs_elab", "date_fin_obs_elab",
            "code_station", "grandeur_hydro_elab", "date_obs_elab", ("resultat_obs_elab",),
            ("code_qualification", "code_statut"), (("H", "mm"), ("Q", "l/s")), "", True, 0, "QmnJ",
            "hubeau_hydrometrie_obs_elab", "SCHAPI / services de prévision des crues (Hydroportail)",
        ),
        ObservationApi(
            "piezometry", "Hub'Eau piezometry, groundwater levels", "v1/niveaux_nappes/chroniques", "piezometry",
            "code_bss", "", "date_debut_mesure", "date_fin_mesure", "code_bss", "", "date_mesure",
            ("niveau_nappe_eau",), ("qualification", "mode_obtention"), (("", "m NGF"),), "", True, 0,
            "niveau_nappe_eau", "hubeau_niveaux_nappes_chroniques", "BRGM (ADES)",
        ),
        ObservationApi(
            "piezometry_realtime", "Hub'Eau piezometry, real-time levels", "v1/niveaux_nappes/chroniques_tr",
            "piezometry", "code_bss", "", "date_debut_mesure", "date_fin_mesure", "code_bss", "", "date_mesure",
            ("niveau_eau_ngf", "niveau_nappe_eau"), ("qualification",), (("", "m NGF"),), "", True, 30,
            "niveau_nappe_eau", "hubeau_niveaux_nappes_chroniques_tr", "BRGM (ADES)",
        ),
        ObservationApi(
            "river_quality", "Hub'Eau river water quality, analyses", "v2/qualite_rivieres/analyse_pc",
            "river_quality", "code_station", "code_parametre", "date_debut_prelevement", "date_fin_prelevement",
            "code_station", "code_parametre", "date_prelevement", ("resultat",), ("code_remarque",), (),
            "symbole_unite", True, 0, "", "hubeau_qualite_rivieres_analyse_pc", "Naïades (OFB)",
        ),
    )
}  # fmt: skip


def envelope(doc, page: int, of_total: str):
    """``(data, count, next)`` of a Hub'Eau answer; :class:`SensorDataError` when it is not one."""
    if isinstance(doc, dict) and doc.get("type") == "FeatureCollection":
        data = [dict(f.get("properties") or {}, _geometry=f.get("geometry")) for f in doc.get("features") or []]
        return data, doc.get("count"), doc.get("next")
    if not isinstance(doc, dict) or not isinstance(doc.get("data"), list):
        raise SensorDataError(tr("Page {}{} of Hub'Eau's answer has no 'data' list: it is not a Hub'Eau answer.",
                                 page, of_total))  # fmt: skip
    return doc["data"], doc.get("count"), doc.get("next")


def _float(value) -> Optional[float]:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def station_of(api: StationApi, item: dict, parser: TimeParser) -> Station:
    """A :class:`Station` from one item of a Hub'Eau station referential."""
    code = str(item.get(api.id_field) or "")
    lon, lat = _float(item.get(api.lon_field)), _float(item.get(api.lat_field))
    geometry = item.get("_geometry") or (
        {"type": "Point", "coordinates": [lon, lat]} if lon is not None and lat is not None else None
    )
    station = Station(station_id=code, station_name=str(item.get(api.name_field) or ""), geometry=geometry)
    first = last = None
    try:
        first = parser.ms(item.get(api.first_field))
        last = parser.ms(item.get(api.last_field))
    except ValueError:
        pass
    for variable, unit in api.variables:
        station.add_series(f"{code}/{variable}", variable, unit)
    station.first_ms, station.last_ms = first, last
    commune = item.get("libelle_commune") or item.get("nom_commune") or ""
    station.description = str(commune)
    return station


def series_of(station: Station, variable: str, unit: str = "") -> Series:
    return Series(
        sensor_id=f"{station.station_id}/{variable}" if variable else station.station_id,
        station_id=station.station_id,
        station_name=station.station_name,
        prop=variable,
        unit=unit,
        geometry=station.geometry,
    )


def unit_for(api: ObservationApi, variable: str) -> str:
    for prefix, unit in api.units:
        if variable.startswith(prefix):
            return unit
    return ""


def _elaborated_end(start_ms: int, variable: str) -> int:
    """End of a daily (…J) or monthly (…M) elaborated value starting at ``start_ms``."""
    start = datetime.fromtimestamp(start_ms / 1000, tz=timezone.utc)
    if variable.endswith("M"):
        end = start.replace(year=start.year + (start.month == 12), month=start.month % 12 + 1, day=1)
    else:
        end = start + timedelta(days=1)
    return int(end.timestamp() * 1000)


def observation_rows(api: ObservationApi, items: list, stations: dict, variable: str, parser: TimeParser) -> list:
    """Rows (``records.OBSERVATION_FIELDS`` order) of one page; ``stations`` maps a code to its :class:`Station`."""
    rows = []
    for item in items:
        code = str(item.get(api.station_field) or item.get(api.station_param) or "")
        station = stations.get(code)
        if station is None:
            station = Station(station_id=code)
        var = str(item.get(api.variable_field) or variable) if api.variable_field else variable
        time_text = item.get(api.time_field)
        if api.key == "river_quality" and item.get("heure_prelevement") and time_text and len(str(time_text)) == 10:
            time_text = f"{time_text}T{item['heure_prelevement']}"
        start = parser.ms(time_text)
        if start is None:
            continue
        end = _elaborated_end(start, var) if api.key == "hydrometry_elaborated" else start
        raw = None
        for name in api.value_field:
            if item.get(name) is not None:
                raw = item[name]
                break
        value, text = split_result(raw)
        unit = str(item.get(api.unit_field) or "") if api.unit_field else unit_for(api, var)
        quality = ";".join(f"{n}={item[n]}" for n in api.quality_fields if item.get(n) not in (None, "")) or None
        prop = str(item.get("libelle_parametre") or var) if api.key == "river_quality" else var
        sensor_id = f"{station.station_id}/{var}" if var else station.station_id
        rows.append((sensor_id, station.station_id, station.station_name, prop, start, end, value, text, unit,
                     quality))  # fmt: skip
    return rows

"""COG refresh from INSEE's geographic metadata API (``https://api.insee.fr/metadonnees/geo``, setting
``insee_geo_url``, service ``insee_geo``).

A vintage (the COG at 1 January of a year) is read from the API's list endpoints
``/communes``, ``/arrondissementsMunicipaux``, ``/communesDeleguees``, ``/communesAssociees``, ``/departements``,
``/regions`` (``?date=YYYY-01-01``; each answers ``[{code, uri, type, dateCreation, dateSuppression?, intitule,
intituleSansArticle, typeArticle, chefLieu?}]``), the département → région links from
``/region/{code}/descendants?date=...&type=Departement``, and, for communes created during the year before the
vintage, their predecessors from ``/commune/{code}/precedents?date=...`` (which become ``anciensCodes``).

The result is written, per vintage, in the QGIS profile (``<profile>/terridata/cog/insee-geo/<YYYY>/``) in the same
shape as the Etalab ``decoupage-administratif`` files the embedded snapshot is built from (``communes.json``,
``departements.json``, ``regions.json``), so the COG referential's builder reads a refreshed vintage exactly like an
embedded one. A vintage already cached is read from disk without any request.
"""

from __future__ import annotations

import json
from pathlib import Path

from ...toolbelt.atomic import write_text_atomic
from ...toolbelt.i18n import tr
from ...toolbelt.network import NetworkClient
from ...toolbelt.services import base_url

SERVICE_ID = "insee_geo"
FILES = ("communes", "departements", "regions")
CACHE_FORMAT = 1

# API list endpoint → Etalab commune type
COMMUNE_KINDS = {
    "communes": "commune-actuelle",
    "arrondissementsMunicipaux": "arrondissement-municipal",
    "communesDeleguees": "commune-deleguee",
    "communesAssociees": "commune-associee",
}


def default_cache_dir() -> Path:
    from qgis.core import QgsApplication

    return Path(QgsApplication.qgisSettingsDirPath()) / "terridata" / "cog" / "insee-geo"


def departement_of(commune_code: str) -> str:
    """Département code of a commune code (``97411`` → ``974``, ``2A004`` → ``2A``, ``44109`` → ``44``)."""
    code = str(commune_code)
    return code[:3] if code.startswith("97") else code[:2]


class InseeGeoClient:
    """Fetches one COG vintage from INSEE's geographic metadata API and caches it per vintage."""

    def __init__(self, feedback=None, cache_dir=None, base: str = "", authcfg: str = ""):
        self.feedback = feedback
        self.base = (base or base_url(SERVICE_ID)).rstrip("/")
        self.cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
        self.network = NetworkClient(SERVICE_ID, feedback=feedback, authcfg=authcfg)
        self.requests_made = 0

    def _get(self, path: str, params: dict):
        self.requests_made += 1
        payload = self.network.get(f"{self.base}/{path}", params=params, headers={"Accept": "application/json"})
        data = payload.json()
        if isinstance(data, dict):  # tolerate a wrapped list
            for key in ("items", "results", "data"):
                if isinstance(data.get(key), list):
                    return data[key]
            return [data]
        if not isinstance(data, list):
            raise ValueError(tr("INSEE geographic API: unexpected answer for {}", path))
        return data

    def _canceled(self) -> bool:
        return self.feedback is not None and self.feedback.isCanceled()

    def _info(self, message: str) -> None:
        if self.feedback is not None:
            self.feedback.pushInfo(message)

    def vintage_dir(self, year: int) -> Path:
        return self.cache_dir / str(int(year))

    def is_cached(self, year: int) -> bool:
        folder = self.vintage_dir(year)
        return all((folder / f"{name}.json").exists() for name in FILES) and (folder / "source.json").exists()

    def load_cached(self, year: int) -> dict:
        folder = self.vintage_dir(year)
        return {name: json.loads((folder / f"{name}.json").read_text(encoding="utf-8")) for name in FILES}

    def fetch_vintage(self, year: int, refresh: bool = False, with_history: bool = True) -> dict:
        """The COG of 1 January ``year`` as Etalab-shaped lists ``{"communes", "departements", "regions"}``.

        Served from the per-vintage cache unless ``refresh``. ``with_history`` asks the predecessors of the
        communes created during the previous year (one request each) to fill their ``anciensCodes``.
        """
        year = int(year)
        if not refresh and self.is_cached(year):
            return self.load_cached(year)
        date = f"{year}-01-01"
        params = {"date": date}
        self._info(tr("INSEE geographic API: reading the COG of {}", date))

        regions_raw = self._get("regions", params)
        regions = [
            {"code": r["code"], "nom": r.get("intitule", ""), "chefLieu": r.get("chefLieu", "")} for r in regions_raw
        ]
        deps_raw = self._get("departements", params)
        region_of_dep = {}
        for number, region in enumerate(regions, start=1):
            if self._canceled():
                raise InterruptedError(tr("COG refresh cancelled"))
            children = self._get(f"region/{region['code']}/descendants", {"date": date, "type": "Departement"})
            for child in children:
                region_of_dep[child["code"]] = region["code"]
            if self.feedback is not None:
                self.feedback.setProgress(50.0 * number / max(1, len(regions)))
        departements = [
            {
                "code": d["code"],
                "nom": d.get("intitule", ""),
                "region": region_of_dep.get(d["code"], ""),
                "chefLieu": d.get("chefLieu", ""),
            }
            for d in deps_raw
        ]

        communes = []
        actual_codes = {}
        for endpoint, kind in COMMUNE_KINDS.items():
            if self._canceled():
                raise InterruptedError(tr("COG refresh cancelled"))
            try:
                rows = self._get(endpoint, params)
            except Exception as exc:  # noqa: BLE001 - the optional kinds must not block the refresh
                if endpoint == "communes":
                    raise
                self._info(tr("INSEE geographic API: {} not available ({}); skipped", endpoint, exc))
                continue
            for row in rows:
                dep = departement_of(row["code"])
                record = {
                    "code": row["code"],
                    "nom": row.get("intitule", ""),
                    "type": kind,
                    "departement": dep,
                    "region": region_of_dep.get(dep, ""),
                }
                if kind == "commune-actuelle":
                    record["dateCreation"] = row.get("dateCreation", "")
                    actual_codes[row["code"]] = record
                elif row.get("chefLieu") or row.get("communeParente"):
                    record["chefLieu"] = row.get("chefLieu") or row.get("communeParente")
                elif kind == "arrondissement-municipal":
                    record["commune"] = {"75": "75056", "69": "69123", "13": "13055"}.get(dep, "")
                communes.append(record)

        if with_history:
            previous = f"{year - 1}-01-01"
            created = [c for c in actual_codes.values() if str(c.get("dateCreation", "")) > previous]
            for number, record in enumerate(created, start=1):
                if self._canceled():
                    raise InterruptedError(tr("COG refresh cancelled"))
                preds = self._get(f"commune/{record['code']}/precedents", {"date": record["dateCreation"][:10]})
                olds = sorted({p["code"] for p in preds if p.get("code") and p["code"] != record["code"]})
                if olds:
                    record["anciensCodes"] = olds
                if self.feedback is not None:
                    self.feedback.setProgress(50.0 + 50.0 * number / len(created))
        for record in communes:
            record.pop("dateCreation", None)

        vintage = {"communes": communes, "departements": departements, "regions": regions}
        self._save(year, vintage)
        return vintage

    def _save(self, year: int, vintage: dict) -> Path:
        folder = self.vintage_dir(year)
        folder.mkdir(parents=True, exist_ok=True)
        for name in FILES:
            write_text_atomic(folder / f"{name}.json", json.dumps(vintage[name], ensure_ascii=False))
        source = {
            "format": CACHE_FORMAT,
            "vintage": year,
            "source": "INSEE, API Métadonnées (géographie)",
            "url": self.base,
            "licence": "Licence Ouverte 2.0",
        }
        write_text_atomic(folder / "source.json", json.dumps(source, ensure_ascii=False))
        return folder


def refresh_vintage(
    year: int, referential=None, feedback=None, refresh: bool = False, cache_dir=None, with_history: bool = True
):
    """Fetch (or read from the per-vintage cache) the COG of ``year`` and add it to the COG referential
    (``referential``, by default the plugin's :func:`core.cog.referential.default_referential`).

    EPCI are not listed by this API with their members: the vintage added has communes (with delegated,
    associated communes and municipal arrondissements), départements and régions. Returns the referential.
    """
    client = InseeGeoClient(feedback=feedback, cache_dir=cache_dir)
    vintage = client.fetch_vintage(year, refresh=refresh, with_history=with_history)
    return feed_cog_builder(year, vintage, referential)


def feed_cog_builder(year: int, vintage: dict, referential=None):
    """Add an Etalab-shaped ``vintage`` to ``referential`` (:class:`core.cog.referential.CogReferential`)."""
    if referential is None:
        from ...core.cog.referential import default_referential

        referential = default_referential()
    referential.add_vintage(
        int(year),
        vintage["communes"],
        epci=vintage.get("epci", ()),
        departements=vintage.get("departements", ()),
        regions=vintage.get("regions", ()),
    )
    return referential


def cached_vintages(cache_dir=None) -> list:
    """Years of the vintages already fetched from the API and cached in the profile, ascending."""
    folder = Path(cache_dir) if cache_dir else default_cache_dir()
    if not folder.is_dir():
        return []
    years = []
    for child in folder.iterdir():
        if child.name.isdigit() and all((child / f"{n}.json").exists() for n in (*FILES, "source")):
            years.append(int(child.name))
    return sorted(years)


def register_cached_vintages(referential=None, cache_dir=None, only_newer: bool = True) -> list:
    """Add the cached vintages to ``referential`` (default: the plugin's), without any request; by default only
    those newer than the referential's latest vintage (the embedded snapshot stays authoritative). Returns the years
    added. Meant to run when the plugin starts, so a refreshed vintage survives a restart."""
    if referential is None:
        from ...core.cog.referential import default_referential

        referential = default_referential()
    latest = referential.vintages[-1] if referential.vintages else 0
    client_dir = Path(cache_dir) if cache_dir else default_cache_dir()
    added = []
    for year in cached_vintages(client_dir):
        if only_newer and year <= latest:
            continue
        folder = client_dir / str(year)
        vintage = {name: json.loads((folder / f"{name}.json").read_text(encoding="utf-8")) for name in FILES}
        feed_cog_builder(year, vintage, referential)
        added.append(year)
    return added

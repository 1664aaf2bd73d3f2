"""A local replay of INSEE's Melodi API for tests (on pytest-httpserver).

It answers like Melodi (shapes in ``tests/fixtures/melodi``): ``/melodi/catalog/all``, ``/melodi/range/{DATASET}``
and ``/melodi/data/{DATASET}`` with the ``GEO`` filters Melodi documents (``COM-44109``, ``2025-COM-44109``,
``DEP-44*COM``, ``COM``; repeated ``GEO`` parameters), ``TIME_PERIOD`` and any other dimension (repeated
parameters = several values), ``maxResult`` and 1-based ``page`` paging. Paging is announced either with a ``next``
URL (``paging_style="next"``) or only with ``count`` (``paging_style="count"``, Melodi's ``totalCount=TRUE``).
It can answer 429 with ``Retry-After`` a given number of times, and 404 or 500 for an unknown dataset.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
from pathlib import Path
from urllib.parse import urlencode

from werkzeug.wrappers import Request, Response

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "melodi"
DEFAULT_PAGE = 1000


def load_fixture(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def observation(geo: str, period: str, value, areas: dict | None = None, measure="OBS_VALUE_NIVEAU", **dims) -> dict:
    """One Melodi observation; ``areas`` (``{"DEP": "50", "REG": "28"}``) lets ``DEP-50*COM`` find it."""
    obs = {
        "dimensions": {"GEO": geo, "FREQ": "A", "TIME_PERIOD": str(period), **dims},
        "measures": {measure: {"value": value}},
    }
    if areas:
        obs["_areas"] = dict(areas)
    return obs


def _split_geo(value: str):
    match = re.match(r"^(?:(\d{4})-)?([A-Z][A-Z0-9_]*)-(.+)$", value)
    if not match:
        return "", "", ""
    return match.group(1) or "", match.group(2), match.group(3)


class MelodiReplay:
    def __init__(self, httpserver, paging_style: str = "next", unknown_status: int = 404):
        self.server = httpserver
        self.paging_style = paging_style
        self.unknown_status = unknown_status
        self.catalogue = load_fixture("catalog_all.json")
        self.datasets = {}  # id -> list of observations
        self.ranges = {"DS_POPULATIONS_REFERENCE": load_fixture("range_DS_POPULATIONS_REFERENCE.json")}
        self.requests = []  # (path, [(key, value), ...])
        self._fail_429 = 0
        self._fail_500 = 0
        self.retry_after = "1"
        self._lock = threading.Lock()
        httpserver.expect_request(re.compile(r"^/melodi/.*")).respond_with_handler(self._handle)

    @property
    def base_url(self) -> str:
        return self.server.url_for("/melodi").rstrip("/")

    def add_dataset(self, identifier: str, observations: list, range_payload: dict | None = None) -> None:
        self.datasets[identifier] = list(observations)
        if range_payload is not None:
            self.ranges[identifier] = range_payload

    def fail_with_500(self, times: int = 1) -> None:
        """The next ``times`` requests on /range or /data fail as Melodi does when it breaks (plain-text 500)."""
        self._fail_500 = times

    def fail_with_429(self, times: int = 1, retry_after: str = "1") -> None:
        self._fail_429 = times
        self.retry_after = retry_after

    def data_requests(self) -> list:
        return [r for r in self.requests if r[0].startswith("/melodi/data/")]

    # -- handler ---------------------------------------------------------------------------------------------
    def _handle(self, request: Request) -> Response:
        args = list(request.args.items(multi=True))
        with self._lock:
            self.requests.append((request.path, args))
            if self._fail_429 > 0:
                self._fail_429 -= 1
                return Response(
                    "Too Many Requests", status=429, headers={"Retry-After": self.retry_after}, mimetype="text/plain"
                )
        path = request.path
        if path == "/melodi/catalog/all":
            return self._json(self.catalogue)
        with self._lock:
            if self._fail_500 > 0:
                self._fail_500 -= 1
                return Response("Le serveur a rencontré une erreur inattendue.", status=500, mimetype="text/plain")
        match = re.match(r"^/melodi/(range|data)/([^/]+)$", path)
        if not match:
            return Response("Not found", status=404)
        kind, dataset = match.groups()
        if dataset not in self.datasets and not (kind == "range" and dataset in self.ranges):
            if self.unknown_status == 500:
                return Response("Le serveur a rencontré une erreur inattendue.", status=500, mimetype="text/plain")
            return self._json({"message": f"Dataset {dataset} not found"}, status=404)
        if kind == "range":
            return self._json(self.ranges.get(dataset, {"identifier": dataset, "range": []}))
        return self._data(request, dataset, args)

    def _data(self, request: Request, dataset: str, args: list) -> Response:
        filters = {}
        for key, value in args:
            if key in ("maxResult", "page", "totalCount", "idTerritoire"):
                continue
            filters.setdefault(key, []).append(value)
        geo_values = filters.pop("GEO", [])
        selected = [o for o in self.datasets[dataset] if self._geo_ok(o, geo_values) and self._dims_ok(o, filters)]
        try:
            page_size = int(request.args.get("maxResult", DEFAULT_PAGE))
            page = int(request.args.get("page", 1))
        except ValueError:
            return Response("Bad request", status=400)
        page_size = min(page_size, 100000)
        start = (page - 1) * page_size
        chunk = selected[start : start + page_size] if page_size > 0 else []
        base = request.base_url
        base_args = [(k, v) for k, v in args if k != "page"]
        paging = {"first": f"{base}?{urlencode(base_args + [('page', '1')])}"}
        if self.paging_style == "count" or request.args.get("totalCount", "").upper() == "TRUE":
            paging["count"] = len(selected)
        if self.paging_style == "next" and page_size > 0 and start + page_size < len(selected):
            paging["next"] = f"{base}?{urlencode(base_args + [('page', str(page + 1))])}"
        body = {
            "identifier": dataset,
            "title": {"fr": "Replay", "en": "Replay"},
            "publisher": {"id": "INSEE"},
            "observations": [{k: v for k, v in o.items() if not k.startswith("_")} for o in chunk],
            "paging": paging,
        }
        return self._json(body)

    @staticmethod
    def _geo_ok(obs: dict, geo_values: list) -> bool:
        if not geo_values:
            return True
        vintage, level, code = _split_geo(obs["dimensions"].get("GEO", ""))
        areas = obs.get("_areas") or {}
        for value in geo_values:
            if "*" in value:
                area, _, wanted_level = value.partition("*")
                _, area_level, area_code = _split_geo(area)
                if wanted_level == level and areas.get(area_level) == area_code:
                    return True
            elif "-" in value:
                v_vintage, v_level, v_code = _split_geo(value)
                if v_level == level and v_code == code and (not v_vintage or v_vintage == vintage):
                    return True
            elif value == level:
                return True
        return False

    @staticmethod
    def _dims_ok(obs: dict, filters: dict) -> bool:
        dims = obs["dimensions"]
        return all(str(dims.get(key, "")) in values for key, values in filters.items())

    @staticmethod
    def _json(payload, status: int = 200) -> Response:
        return Response(json.dumps(payload), status=status, mimetype="application/json")


def population_observations_from_csv(csv_gz: Path, departement: str, vintage: str = "2024", period: str = "2021"):
    """Melodi-shaped ``DS_POPULATIONS_REFERENCE`` observations (PMUN = ``population_2021``) for the communes
    (type ``COM``) of ``departement`` in ``insee-communes-cog2024.csv.gz``; returns ``(observations, {code: pop})``."""
    import csv

    observations, populations = [], {}
    with gzip.open(csv_gz, "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["commune_type"] != "COM" or row["insee_dep"] != departement:
                continue
            pop = float(row["population_2021"]) if row["population_2021"] else None
            populations[row["insee_com"]] = pop
            observations.append(
                observation(
                    f"{vintage}-COM-{row['insee_com']}",
                    period,
                    pop,
                    areas={"DEP": row["insee_dep"], "REG": row["insee_reg"]},
                    POPREF_MEASURE="PMUN",
                )
            )
    return observations, populations

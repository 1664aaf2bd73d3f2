"""Local replays of the sensor APIs for tests and the benchmark (on pytest-httpserver / werkzeug).

``SensorThingsReplay`` answers like an OGC SensorThings API 1.1 service (the shapes of the OGC standard and of
FROST-Server): the service root with ``serverSettings.conformance`` (dataArray offered or not), ``Things`` with
``$expand=Locations,Datastreams(...)`` whose expanded Datastreams are paged with their own
``Datastreams@iot.nextLink``, ``geo.intersects`` on a Thing's location (the replay tests the point against the
polygon's bounding box), ``Datastreams(id)`` / ``MultiDatastreams(id)`` (404 + error document when unknown) and
their ``Observations`` with ``$filter=phenomenonTime ge X and phenomenonTime le Y``, ``$top``, ``$orderby`` and
``$resultFormat=dataArray``; pages are linked by opaque ``@iot.nextLink`` tokens. It can be told to send a next link
that loops or that points to another host.

``HubeauReplay`` answers like Hub'Eau: the envelope ``{count, first, last, prev, next, api_version, data}``, HTTP
206 while pages remain and 200 on the last, page-number paging (``page``/``size``, refused with 400 beyond
page × size > 20,000) or cursor paging (``cursor`` in ``next``, no ``last``), station filters by commune,
département, code or bbox, observation filters by station codes, variable and date window; it can truncate the JSON
of one page.
"""

from __future__ import annotations

import json
import re
import threading
from datetime import datetime
from urllib.parse import urlencode

from werkzeug.wrappers import Request, Response

ROOT = "/sta/v1.1"
TIME_RE = re.compile(r"phenomenonTime (ge|le|gt|lt) (\S+)")


def _ms(text: str) -> int:
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


def _json(doc, status=200) -> Response:
    return Response(json.dumps(doc), status=status, content_type="application/json")


def _start_of(phenomenon) -> int:
    text = str(phenomenon).split("/")[0]
    return _ms(text if ("+" in text[10:] or text.endswith("Z")) else text + "Z")


class SensorThingsReplay:
    """``things``: {id: {"name", "lon", "lat"}}; ``datastreams``: {id: {"thing", "property", "unit"}};
    ``multi``: {id: {"thing", "properties": [...], "units": [...]}}; ``observations``: {id or "m<id>": [obs]} where an
    obs is a dict with ``phenomenonTime`` and ``result`` (and optionally ``resultQuality``), or a generator
    ``(index) -> obs`` with ``count`` (benchmark)."""

    def __init__(self, httpserver, page_size=3, data_array=False, expand_page=2):
        self.server = httpserver
        self.page_size = page_size
        self.data_array = data_array
        self.expand_page = expand_page
        self.things, self.datastreams, self.multi, self.observations = {}, {}, {}, {}
        self.generated = {}  # id -> (count, function(index) -> obs)
        self.requests = []
        self.authorizations = []  # the Authorization header of each request ("" when none)
        self.loop_next = False
        self.foreign_next = False
        self.not_sensorthings = False
        self.top_level_series = None  # a series served as the top-level Observations collection
        self._lock = threading.Lock()
        httpserver.expect_request(re.compile(r"^/sta/.*")).respond_with_handler(self._handle)

    @property
    def url(self) -> str:
        return self.server.url_for(ROOT)

    def _link(self, token: str) -> str:
        return self.server.url_for(f"{ROOT}/_next/{token}")

    # --------------------------------------------------------------------------------------------- entities

    def _location(self, thing_id):
        thing = self.things[thing_id]
        geometry = thing.get("geometry") or {"type": "Point", "coordinates": [thing["lon"], thing["lat"]]}
        return [{"@iot.id": f"L{thing_id}", "encodingType": "application/geo+json", "location": geometry}]

    def _datastream(self, ds_id, with_thing=False):
        ds = self.datastreams[ds_id]
        doc = {
            "@iot.id": ds_id,
            "name": f"DS {ds_id}",
            "unitOfMeasurement": {"name": ds["unit"], "symbol": ds["unit"], "definition": ""},
            "observationType": "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement",
            "ObservedProperty": {"@iot.id": f"P{ds_id}", "name": ds["property"], "definition": ""},
        }
        if ds.get("phenomenonTime"):
            doc["phenomenonTime"] = ds["phenomenonTime"]
        if with_thing:
            doc["Thing"] = {"@iot.id": ds["thing"], "name": self.things[ds["thing"]]["name"],
                            "Locations": self._location(ds["thing"])}  # fmt: skip
        return doc

    def _multi(self, md_id, with_thing=False):
        md = self.multi[md_id]
        doc = {
            "@iot.id": md_id,
            "name": f"MDS {md_id}",
            "unitOfMeasurements": [{"name": u, "symbol": u} for u in md["units"]],
            "multiObservationDataTypes": ["OM_Measurement"] * len(md["units"]),
            "ObservedProperties": [{"name": p} for p in md["properties"]],
        }
        if with_thing:
            doc["Thing"] = {"@iot.id": md["thing"], "name": self.things[md["thing"]]["name"],
                            "Locations": self._location(md["thing"])}  # fmt: skip
        return doc

    # --------------------------------------------------------------------------------------------- handler

    def _handle(self, request: Request) -> Response:
        with self._lock:
            self.requests.append((request.path, dict(request.args)))
            self.authorizations.append(request.headers.get("Authorization", ""))
        path = request.path[len(ROOT) :]
        if path in ("", "/"):
            if self.not_sensorthings:
                return _json({"hello": "this is not SensorThings", "value": [{"name": "x", "url": "y"}]})
            conformance = ["http://www.opengis.net/spec/iot_sensing/1.1/req/datamodel"]
            if self.data_array:
                conformance.append("http://www.opengis.net/spec/iot_sensing/1.1/req/data-array/data-array")
            names = ["Things", "Locations", "Datastreams", "Sensors", "Observations", "ObservedProperties"]
            if self.multi:
                names.append("MultiDatastreams")
            return _json({"value": [{"name": n, "url": f"{self.url}/{n}"} for n in names],
                          "serverSettings": {"conformance": conformance}})  # fmt: skip
        if path == "/Things":
            return self._things(request.args)
        if path.startswith("/_next/"):
            return self._next(path[len("/_next/") :])
        if path == "/Observations" and self.top_level_series is not None:
            # The whole Observations collection (what QGIS's native provider reads): one series of this replay.
            count, _get = self._series_rows(self.top_level_series)
            if request.args.get("$count") == "true" and request.args.get("$top") == "0":
                return _json({"@iot.count": count, "value": []})
            top = min(int(request.args.get("$top", self.page_size)), self.page_size)
            return self._observations(self.top_level_series, -(2**62), 2**62, 0, top, "entityids")
        match = re.match(r"^/(Datastreams|MultiDatastreams)\(([^)]+)\)(/Observations)?$", path)
        if match:
            kind, key, observations = match.groups()
            key = key.strip("'")
            ident = int(key) if key.isdigit() else key
            table = self.datastreams if kind == "Datastreams" else self.multi
            if ident not in table:
                return _json({"code": 404, "type": "error", "message": "Nothing found."}, 404)
            if not observations:
                return _json(self._datastream(ident, True) if kind == "Datastreams" else self._multi(ident, True))
            start, end = -(2**62), 2**62
            for op, value in TIME_RE.findall(request.args.get("$filter", "")):
                if op in ("ge", "gt"):
                    start = _ms(value)
                else:
                    end = _ms(value)
            series = ident if kind == "Datastreams" else f"m{ident}"
            top = min(int(request.args.get("$top", self.page_size)), self.page_size)
            fmt = "array" if request.args.get("$resultFormat") == "dataArray" else "entity"
            if fmt == "entity" and "$select" not in request.args:
                fmt = "entityids"
            return self._observations(series, start, end, 0, top, fmt)
        return _json({"code": 404, "type": "error", "message": "Not a path of this replay."}, 404)

    def _things(self, args) -> Response:
        box = None
        match = re.search(r"POLYGON\(\((.*?)\)\)", args.get("$filter", ""))
        if match:
            pts = [tuple(map(float, p.split())) for p in match.group(1).split(",")]
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            box = (min(xs), min(ys), max(xs), max(ys))
        ids = [t for t, v in sorted(self.things.items())
               if box is None or (box[0] <= v["lon"] <= box[2] and box[1] <= v["lat"] <= box[3])]  # fmt: skip
        return self._thing_page(ids, 0)

    def _thing_page(self, ids, offset) -> Response:
        page = ids[offset : offset + self.page_size]
        values = []
        for thing_id in page:
            streams = sorted(d for d, v in self.datastreams.items() if v["thing"] == thing_id)
            thing = {"@iot.id": thing_id, "name": self.things[thing_id]["name"], "description": "",
                     "@iot.selfLink": f"{self.url}/Things({thing_id})", "Locations": self._location(thing_id),
                     "Datastreams": [self._datastream(d) for d in streams[: self.expand_page]]}  # fmt: skip
            if len(streams) > self.expand_page:
                thing["Datastreams@iot.nextLink"] = self._link(f"ds-{thing_id}-{self.expand_page}")
            multis = sorted(m for m, v in self.multi.items() if v["thing"] == thing_id)
            if self.multi:
                thing["MultiDatastreams"] = [self._multi(m) for m in multis]
            values.append(thing)
        doc = {"value": values}
        if offset + self.page_size < len(ids):
            doc["@iot.nextLink"] = self._link("things-" + ",".join(map(str, ids)) + f"-{offset + self.page_size}")
        return _json(doc)

    def _series_rows(self, series):
        if series in self.generated:
            count, function = self.generated[series]
            return count, function
        rows = self.observations.get(series, [])
        return len(rows), rows.__getitem__

    def _observations(self, series, start, end, offset, top, fmt) -> Response:
        count, get = self._series_rows(series)
        chosen, ids, index = [], [], offset
        # The observations of the replay are sorted by time: skip to the window, then take a page.
        while index < count and len(chosen) < top:
            obs = get(index)
            moment = _start_of(obs["phenomenonTime"])
            if start <= moment <= end:
                chosen.append(obs)
                ids.append(index)
            elif moment > end:
                index = count
                break
            index += 1
        if fmt == "array":
            doc = {"value": [{"Datastream@iot.navigationLink": f"{self.url}/Datastreams({series})",
                              "components": ["phenomenonTime", "result", "resultQuality"],
                              "dataArray@iot.count": len(chosen),
                              "dataArray": [[o["phenomenonTime"], o.get("result"), o.get("resultQuality")]
                                            for o in chosen]}]}  # fmt: skip
        else:
            doc = {"value": [{k: o[k] for k in ("phenomenonTime", "result", "resultQuality") if k in o}
                             for o in chosen]}  # fmt: skip
            if fmt == "entityids":
                for ident, item in zip(ids, doc["value"]):
                    item["@iot.id"] = ident
        if index < count:
            token = f"obs~{series}~{start}~{end}~{index}~{top}~{fmt}"
            if self.loop_next and offset > 0:
                token = f"obs~{series}~{start}~{end}~{offset}~{top}~{fmt}"  # the same link again
            link = self._link(token)
            if self.foreign_next:
                link = link.replace("127.0.0.1", "localhost").replace("://localhost:", "://evil.example:")
            doc["@iot.nextLink"] = link
        return _json(doc)

    def _next(self, token: str) -> Response:
        if token.startswith("obs~"):
            series, start, end, index, top, fmt = token[len("obs~") :].rsplit("~", 5)
            series = int(series) if series.isdigit() else series
            return self._observations(series, int(start), int(end), int(index), int(top), fmt)
        kind, _, rest = token.partition("-")
        if kind == "ds":
            thing_id, offset = rest.rsplit("-", 1)
            thing_id = int(thing_id) if thing_id.isdigit() else thing_id
            streams = sorted(d for d, v in self.datastreams.items() if v["thing"] == thing_id)
            offset = int(offset)
            doc = {"value": [self._datastream(d) for d in streams[offset : offset + self.expand_page]]}
            if offset + self.expand_page < len(streams):
                doc["@iot.nextLink"] = self._link(f"ds-{thing_id}-{offset + self.expand_page}")
            return _json(doc)
        ids, offset = rest.rsplit("-", 1)
        return self._thing_page([int(i) for i in ids.split(",")], int(offset))


# ------------------------------------------------------------------------------------------------- Hub'Eau


class HubeauReplay:
    """``stations[api]``: list of station dicts (the referential's fields); ``rows[endpoint path]``: list of row dicts.

    ``cursor_paths``: endpoints paged with a cursor; the others by page number. ``time_fields[path]`` and
    ``filters[path]``: how to filter rows by date window and station codes."""

    STATION_PATHS = {
        "/api/v2/hydrometrie/referentiel/stations": ("code_station", "code_commune_station"),
        "/api/v1/niveaux_nappes/stations": ("code_bss", "code_commune"),
        "/api/v2/qualite_rivieres/station_pc": ("code_station", "code_commune"),
    }
    OBS = {
        # path: (station param, station field, variable param, variable field, start param, end param, time field)
        "/api/v2/hydrometrie/observations_tr": ("code_entite", "code_station", "grandeur_hydro", "grandeur_hydro",
                                                "date_debut_obs", "date_fin_obs", "date_obs"),
        "/api/v2/hydrometrie/obs_elab": ("code_entite", "code_station", "grandeur_hydro_elab", "grandeur_hydro_elab",
                                         "date_debut_obs_elab", "date_fin_obs_elab", "date_obs_elab"),
        "/api/v1/niveaux_nappes/chroniques": ("code_bss", "code_bss", "", "", "date_debut_mesure",
                                              "date_fin_mesure", "date_mesure"),
        "/api/v1/niveaux_nappes/chroniques_tr": ("code_bss", "code_bss", "", "", "date_debut_mesure",
                                                 "date_fin_mesure", "date_mesure"),
        "/api/v2/qualite_rivieres/analyse_pc": ("code_station", "code_station", "code_parametre", "code_parametre",
                                                "date_debut_prelevement", "date_fin_prelevement", "date_prelevement"),
    }  # fmt: skip
    CURSOR = {"/api/v2/hydrometrie/observations_tr", "/api/v2/hydrometrie/obs_elab"}

    def __init__(self, httpserver, depth_limit=20000):
        self.server = httpserver
        self.depth_limit = depth_limit
        self.stations = {path: [] for path in self.STATION_PATHS}
        self.rows = {path: [] for path in self.OBS}
        self.requests = []
        self.truncate_page = None  # (path, page number): that page's JSON is cut in the middle
        self.statuses = []  # (path, HTTP status) of each paged answer
        self.swap_statuses = False  # 200 while pages remain and 206 on the last: the status must not matter
        self._lock = threading.Lock()
        httpserver.expect_request(re.compile(r"^/api/.*")).respond_with_handler(self._handle)

    @property
    def url(self) -> str:
        return self.server.url_for("/api")

    def _handle(self, request: Request) -> Response:
        args = request.args
        with self._lock:
            self.requests.append((request.path, dict(args)))
        path = request.path
        size = int(args.get("size", 5000))
        if path in self.STATION_PATHS:
            code_field, commune_field = self.STATION_PATHS[path]
            rows = self.stations[path]
            filters = ((code_field, code_field), (commune_field, commune_field), ("code_departement",) * 2)
            for param, field in filters:
                if param in args:
                    wanted = set(args[param].split(","))
                    rows = [r for r in rows if str(r.get(field)) in wanted]
            if "bbox" in args:
                x0, y0, x1, y1 = map(float, args["bbox"].split(","))
                lon, lat = {"hydrometrie": ("longitude_station", "latitude_station"), "nappes": ("x", "y")}.get(
                    path.split("/")[3], ("longitude", "latitude")
                )
                rows = [r for r in rows if x0 <= r[lon] <= x1 and y0 <= r[lat] <= y1]
            return self._paged(request, rows, size, cursor=False)
        if path in self.OBS:
            sparam, sfield, vparam, vfield, start_p, end_p, tfield = self.OBS[path]
            rows = self.rows[path]
            if sparam in args:
                wanted = set(args[sparam].split(","))
                rows = [r for r in rows if r[sfield] in wanted]
            if vparam and vparam in args:
                rows = [r for r in rows if r[vfield] == args[vparam]]

            def key(text):
                return str(text)[:10] if len(str(args.get(start_p, "x"))) == 10 else str(text)

            if start_p in args:
                rows = [r for r in rows if key(r[tfield]) >= key(args[start_p])]
            if end_p in args:
                rows = [r for r in rows if key(r[tfield]) <= key(args[end_p])]
            return self._paged(request, rows, size, cursor=path in self.CURSOR)
        return _json({"code": 404, "message": "unknown path"}, 404)

    def _paged(self, request, rows, size, cursor) -> Response:
        args = request.args
        if cursor:
            start = int(args.get("cursor", 0))
            if start + size > self.depth_limit and "obs_elab" in request.path:
                return _json({"code": 400, "message": "profondeur maximale atteinte (20000)"}, 400)
            page_rows = rows[start : start + size]
            nxt = start + size if start + size < len(rows) else None
            query = {k: v for k, v in args.items() if k != "cursor"}
            next_url = f"{self.server.url_for(request.path)}?{urlencode(dict(query, cursor=nxt))}" if nxt else None
            page = start // size + 1
            doc = {"count": len(rows), "first": None, "prev": None, "next": next_url, "api_version": "2.0.1",
                   "data": page_rows}  # fmt: skip
        else:
            page = int(args.get("page", 1))
            if page * size > self.depth_limit:
                return _json({"code": 400, "message": "page * size > 20000"}, 400)
            page_rows = rows[(page - 1) * size : page * size]
            last = max(1, -(-len(rows) // size))
            query = {k: v for k, v in args.items() if k != "page"}

            def link(n):
                return f"{self.server.url_for(request.path)}?{urlencode(dict(query, page=n))}"

            doc = {"count": len(rows), "first": link(1), "last": link(last), "prev": link(page - 1) if page > 1
                   else None, "next": link(page + 1) if page < last else None, "api_version": "1.4.0",
                   "data": page_rows}  # fmt: skip
        text = json.dumps(doc)
        if self.truncate_page == (request.path, page):
            text = text[: len(text) // 2]
        status = 206 if doc["next"] else 200
        if self.swap_statuses:
            status = 200 if doc["next"] else 206
        with self._lock:
            self.statuses.append((request.path, status))
        return Response(text, status=status, content_type="application/json")

"""Benchmark: stream N observations (default 1,000,000) of one Datastream from a local SensorThings replay.

The replay (tests/qgis/sensor_replay.py, pages of 10,000 observations linked by @iot.nextLink) runs in a child
process, so its JSON generation neither shares the GIL nor counts in our memory. Figures:
- client: observations read through the network layer, parsed and spooled to disk by TerriData's SensorThings
  client (what ``terridata:sensorthings_observations`` does before writing), observations/s, and the peak of
  Python allocations (tracemalloc, in a separate pass) for N/10 and N observations: it must be flat;
- parsing only: one page parsed again and again, observations/s and the peak of Python allocations;
- algorithm: the whole ``terridata:sensorthings_observations`` run into a GeoPackage table, observations/s, the peak
  of Python allocations for N/10 and N observations (separate passes), and the process's peak resident memory
  before and after the timed run.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_sensorthings.py [N] [--data-array] [--page-size=P]
(``--page-size=1000000``: the whole series in one answer of about 60 MB, read piece by piece from disk.)

Figures (QGIS 3.22.16, shared 2-core machine, load average 2.7 to 5.1; median and range of seven runs of
``QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_sensorthings.py 1000000``, see docs/sensors.md):
  parsing only 473,000 obs/s (378,000-513,000; 6 MB peak allocations);
  client 220,000 obs/s (198,000-327,000; 10 MB peak for 100,000 and for 1,000,000 observations);
  algorithm into a GeoPackage 148,000 obs/s (123,000-199,000; 10 MB peak for 100,000 and for 1,000,000, resident
  memory unchanged by the run). Before: 26,000-42,000 obs/s. One run with --data-array: 633,000 / 348,000 / 257,000.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "qgis"))
sys.path.insert(0, str(ROOT / ".build" / "import"))
sys.path.append("/usr/share/qgis/python/plugins")
os.environ.setdefault("TERRIDATA_RATE_SENSORTHINGS", "100000/1")
T0 = datetime(2020, 1, 1, tzinfo=timezone.utc)


def _observation(index: int) -> dict:
    return {"phenomenonTime": (T0 + timedelta(seconds=index)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "result": (index % 997) / 10}  # fmt: skip


def _page_size() -> int:
    return int(next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--page-size=")), 10000))


def serve(count: int, data_array: bool) -> None:
    """Child process: run the replay until stdin closes; print its URL."""
    import logging
    import re

    from pytest_httpserver import HTTPServer
    from sensor_replay import SensorThingsReplay
    from werkzeug.wrappers import Response

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    replay = SensorThingsReplay(server, page_size=_page_size(), data_array=data_array)
    replay.things = {1: {"name": "bench", "lon": 2.35, "lat": 48.85}}
    replay.datastreams = {1: {"thing": 1, "property": "NO2", "unit": "µg/m³"}}
    replay.generated[1] = (count, _observation)
    replay.generated[2] = (count // 10, _observation)
    replay.datastreams[2] = replay.datastreams[1]
    replay.top_level_series = 1
    # Each answer is rendered once and then served from memory: the warm-up pass fills the cache, so the measured
    # passes time the client, not the replay's JSON generation.
    handle, rendered = replay._handle, {}

    def cached(request):
        key = request.full_path
        if key not in rendered:
            response = handle(request)
            rendered[key] = (response.get_data(), response.status_code)
        body, status = rendered[key]
        return Response(body, status=status, content_type="application/json")

    server.clear_all_handlers()
    server.expect_request(re.compile(r"^/sta/.*")).respond_with_handler(cached)
    print(replay.url, flush=True)
    sys.stdin.read()
    server.stop()


def main() -> None:
    count = int(next((a for a in sys.argv[1:] if a.isdigit()), 1_000_000))
    data_array = "--data-array" in sys.argv
    if "--serve" in sys.argv:
        serve(count, data_array)
        return
    child = subprocess.Popen(
        [sys.executable, __file__, str(count), "--serve", f"--page-size={_page_size()}"]
        + (["--data-array"] if data_array else []),
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    url = child.stdout.readline().strip()
    try:
        run(url, count, data_array)
    finally:
        child.stdin.close()
        child.wait(timeout=30)


def run(url: str, count: int, data_array: bool) -> None:
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    from terridata.processing.algorithms._sensors_common import Spool
    from terridata.processing.provider import TerriDataProvider
    from terridata.providers.sensors.sensorthings import SensorThingsClient

    Processing.initialize()
    provider = TerriDataProvider()
    QgsApplication.processingRegistry().addProvider(provider)

    start_ms, end_ms = 1546300800000, 1893456000000  # 2019-01-01 .. 2030-01-01, the algorithm's window too

    def client_pass(datastream: str, expected: int, trace: bool):
        if trace:
            tracemalloc.start()
        started = time.perf_counter()
        client = SensorThingsClient(url)
        with Spool() as spool:
            for _number, rows in client.observation_pages(datastream, start_ms, end_ms):
                spool.add(rows)
            got = spool.count
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] if trace else 0
        if trace:
            tracemalloc.stop()
        assert got == expected, (got, expected)
        return elapsed, peak

    fmt = "dataArray" if data_array else "entity format"
    client_pass("1", count, False)  # warm-up: the replay renders its pages once
    client_pass("2", count // 10, False)
    # Parsing alone: one page of 10,000 observations fetched once, parsed count / 10,000 times.
    from terridata.providers.sensors import sensorthings, sensorthings_format
    from terridata.providers.sensors.records import TimeParser

    sensorthings.PAGE_SIZE = max(sensorthings.PAGE_SIZE, _page_size())
    client = SensorThingsClient(url)
    _entity_set, _key, series = client.series("1")
    params = {"$top": 10000, **({"$resultFormat": "dataArray"} if data_array else {})}
    page = next(client.pages(f"{url}/Datastreams(1)/Observations", params, "bench"))[1]["value"]
    parse = sensorthings_format.data_array_rows if data_array else sensorthings_format.observation_rows
    parser = TimeParser()
    per_page = len(parse(page, series, parser))
    started = time.perf_counter()
    parsed = sum(len(parse(page, series, parser)) for _ in range(count // per_page))
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    for _ in range(3):
        parse(page, series, parser)
    parse_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"parsing only ({fmt}): {parsed:,} observations in {elapsed:.2f} s = {parsed / elapsed:,.0f} obs/s; "
          f"peak Python allocations {parse_peak / 2**20:.1f} MB (one page of {per_page:,})")  # fmt: skip
    elapsed, _ = client_pass("1", count, False)
    _, peak_small = client_pass("2", count // 10, True)
    _, peak_big = client_pass("1", count, True)
    fmt += f", pages of {min(_page_size(), count):,}"
    print(f"client ({fmt}): {count:,} observations in {elapsed:.2f} s = {count / elapsed:,.0f} obs/s")
    print(f"client peak Python allocations: {peak_small / 2**20:.1f} MB for {count // 10:,} observations, "
          f"{peak_big / 2**20:.1f} MB for {count:,}")  # fmt: skip

    import processing

    def algorithm(datastream: str, trace: bool):
        with tempfile.TemporaryDirectory() as tmp:
            if trace:
                tracemalloc.start()
            started = time.perf_counter()
            result = processing.run("terridata:sensorthings_observations", {
                "ENDPOINT": url, "DATASTREAMS": datastream, "START": "2019-01-01T00:00:00Z",
                "END": "2030-01-01T00:00:00Z", "OUTPUT": str(Path(tmp) / "obs.gpkg")})  # fmt: skip
            elapsed = time.perf_counter() - started
            peak = tracemalloc.get_traced_memory()[1] if trace else 0
            if trace:
                tracemalloc.stop()
        return result["ROWS"], elapsed, peak

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows, elapsed, _ = algorithm("1", False)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert rows == count, (rows, count)
    _, _, alg_small = algorithm("2", True)
    _, _, alg_big = algorithm("1", True)
    print(f"algorithm (read, parse, spool, write a GeoPackage table): {rows:,} observations in {elapsed:.2f} s = "
          f"{rows / elapsed:,.0f} obs/s; peak Python allocations {alg_small / 2**20:.1f} MB for {count // 10:,} "
          f"observations, {alg_big / 2**20:.1f} MB for {count:,}; peak resident memory of the process "
          f"{rss_before:.0f} MB before the run (QGIS and the passes above), {rss:.0f} MB after")  # fmt: skip
    native(url, count)
    QgsApplication.processingRegistry().removeProvider(provider)


def native(url: str, count: int) -> None:
    """QGIS's native SensorThings provider (QGIS >= 3.36) on the same observations, in the same run."""
    from qgis.core import Qgis, QgsProviderRegistry, QgsVectorLayer

    if Qgis.versionInt() < 33600 or QgsProviderRegistry.instance().providerMetadata("sensorthings") is None:
        print(f"native SensorThings provider: not available in QGIS {Qgis.version()} (it comes with 3.36)")
        return
    uri = (
        QgsProviderRegistry.instance()
        .providerMetadata("sensorthings")
        .encodeUri({"url": url, "entity": "Observation", "pageSize": 10000})
    )
    started = time.perf_counter()
    layer = QgsVectorLayer(uri, "native", "sensorthings")
    got = sum(1 for _ in layer.getFeatures()) if layer.isValid() else 0
    elapsed = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"native SensorThings provider (QGIS {Qgis.version()}): {got:,} of {count:,} observations in "
          f"{elapsed:.2f} s = {got / max(elapsed, 1e-9):,.0f} obs/s; peak resident memory now {rss:.0f} MB"
          + ("" if layer.isValid() else f" (layer invalid: {layer.error().summary()})"))  # fmt: skip


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Benchmark of ``aggregate_points_to_grid``'s engines on the same PostGIS table: the database engine (push-down)
and the desktop engine (the points read through QGIS's postgres provider), cells of 1 km.

Points: seeded uniform random points over a département-sized square of 100 km around Paris and the Essonne
(about 10,000 cells of 1 km: the work is reading and binning the points, not writing cells), in Lambert-93
(EPSG:2154, so the database transforms them to EPSG:3035), field ``value``, made by the server
(``generate_series``) in a throw-away PostgreSQL + PostGIS started like the tests' (tests/qgis/postgis_server.py),
with a GiST index and ANALYZE.
The database line adds the server's CPU time (its processes, parallel workers included) to the client's.
Statistics: count, mean, median, min, max of ``value``. Outputs: temporary layers through the feature sink.

Usage: ``scripts/bench_postgis_grid.py [--points 1000000]``
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "qgis"))
DEPARTEMENT_BOX = (600_000.0, 6_800_000.0, 700_000.0, 6_900_000.0)  # Lambert-93 metres


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(points_list) -> None:
    bench, engines = _script("bench_aggregation"), _script("bench_engines")
    from postgis_server import PostgisServer

    app, processing, _provider = bench._qgis()
    from qgis.core import QgsProcessing, QgsProcessingFeedback, QgsProject, QgsVectorLayer

    server = PostgisServer().start()
    server.wait_ready()
    rows = []
    try:
        db = server.create_database("bench_grid")
        for n in points_list:
            xmin, ymin, xmax, ymax = DEPARTEMENT_BOX
            t = time.perf_counter()
            server.psql(
                db,
                f"SELECT setseed(0.42); CREATE TABLE points_{n} AS SELECT g AS id, ST_SetSRID(ST_MakePoint("
                f"{xmin} + random() * {xmax - xmin}, {ymin} + random() * {ymax - ymin}), 2154)::geometry(Point, 2154) "
                f"AS geom, round((random() * 100)::numeric, 3)::float8 AS value FROM generate_series(1, {n}) AS g;"
                f"ALTER TABLE points_{n} ADD PRIMARY KEY (id); CREATE INDEX ON points_{n} USING GIST (geom);"
                f"ANALYZE points_{n};",
            )
            print(f"{n:,} points made in PostGIS in {time.perf_counter() - t:.0f} s", flush=True)
            layer = QgsVectorLayer(server.layer_uri(db, f"points_{n}", kind="Point", srid=2154), "p", "postgres")
            assert layer.isValid()
            QgsProject.instance().addMapLayer(layer)
            counts = {}
            load = os.getloadavg()[0]
            for engine, name in ((2, "database engine (PostGIS)"), (1, "desktop engine (postgres layer)")):
                params = {
                    "INPUT": layer.id(), "CELL_SIZE": 1000, "FIELDS": ["value"],
                    "STATISTICS": ["count", "mean", "median", "min", "max"], "ENGINE": engine,
                    "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT,
                }  # fmt: skip
                cpu0 = engines._server_cpu(server)
                out, wall, cpu = engines._timed(
                    lambda p=params: processing.run(
                        "terridata:aggregate_points_to_grid", p, context=bench._context(),
                        feedback=QgsProcessingFeedback(),
                    )
                )  # fmt: skip
                server_cpu = engines._server_cpu(server) - cpu0
                counts[engine] = bench._counts(out["OUTPUT"], "id_cell", "count")
                rows.append([name, n, wall, cpu + server_cpu, out["CELLS"], engine])
                print(rows[-1][:5], f"(client CPU {cpu:.1f} s, server CPU {server_cpu:.1f} s)", flush=True)
            for row in rows[-2:]:
                row[5] = counts[row[5]] == counts[1]
            print(f"load average when the runs started: {load:.1f} on {os.cpu_count()} cores", flush=True)
            QgsProject.instance().removeAllMapLayers()
    finally:
        server.stop()
    print(f"\n{'engine':<36}{'points':>12}{'wall s':>9}{'CPU s':>9}{'cells':>10}{'points/s':>12}  identical counts")
    for name, n, wall, cpu, cells, same in rows:
        print(f"{name:<36}{n:>12,}{wall:9.1f}{cpu:9.1f}{cells:>10,}{n / wall:>12,.0f}  {'yes' if same else 'NO'}")
    del app


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, nargs="+", default=[1_000_000])
    run(parser.parse_args().points)


if __name__ == "__main__":
    main()

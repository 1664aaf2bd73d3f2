#!/usr/bin/env python3
"""Benchmark of the engines side by side: ``aggregate_points_to_zones`` in PostGIS (push-down), on GeoPackages
(desktop engine), and QGIS's native ``native:countpointsinpolygon``, on the same points × the 35,357 communes.

Inputs: the GeoPackages of ``scripts/bench_aggregation.py`` (seeded random points over metropolitan France, the
communes of ../shared/data in EPSG:2154), loaded into a throw-away PostgreSQL + PostGIS server started like the
tests' (tests/qgis/postgis_server.py: own data directory, 127.0.0.1, random port, stopped at the end), with GiST
indexes and ANALYZE. Each engine runs once; the PostGIS line adds the server's CPU time (the postgres processes,
parallel workers included) to the client's. Statistics: count, mean, median, min, max of ``value`` (the native
algorithm: count only). All outputs are temporary layers written through the feature sink.

Usage: ``scripts/bench_engines.py [--points 1000000 10000000] [--native-max 1000000]``
(the native algorithm runs only up to ``--native-max`` points: tens of minutes at 10 M on 2 cores).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "qgis"))


def _bench_aggregation():
    spec = importlib.util.spec_from_file_location("bench_aggregation", REPO / "scripts" / "bench_aggregation.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _server_cpu(server) -> float:
    """CPU seconds of the server: the postmaster's live children plus those already reaped."""
    tick = os.sysconf("SC_CLK_TCK")
    pid_file = server.data / "postmaster.pid"
    master = int(pid_file.read_text().splitlines()[0])
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(stat.parent.name), int(fields[1])
        if ppid == master:
            total += int(fields[11]) + int(fields[12])  # utime, stime
        elif pid == master:
            total += int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])  # + reaped children
    return total / tick


def load_into_postgis(server, db, communes: Path, points: Path, n: int) -> None:
    env = dict(os.environ, PGPASSWORD=server.password)
    pg = f"PG:dbname={db} host={server.host} port={server.port} user={server.user}"
    if not server.psql(db, "SELECT to_regclass('communes') IS NOT NULL").strip() == "t":
        subprocess.run(
            ["ogr2ogr", "-f", "PostgreSQL", pg, str(communes), "communes", "-nln", "communes", "-lco", "FID=id",
             "-lco", "GEOMETRY_NAME=geom", "-lco", "SPATIAL_INDEX=GIST", "-nlt", "MULTIPOLYGON"],
            check=True, env=env,
        )  # fmt: skip
    table = f"points_{n}"
    if server.psql(db, f"SELECT to_regclass('{table}') IS NOT NULL").strip() == "t":
        return
    subprocess.run(
        ["ogr2ogr", "-f", "PostgreSQL", pg, str(points), "points", "-nln", table, "-lco", "FID=id",
         "-lco", "GEOMETRY_NAME=geom", "-lco", "SPATIAL_INDEX=NONE", "-gt", "200000", "--config", "PG_USE_COPY", "YES"],
        check=True, env=env,
    )  # fmt: skip
    server.psql(db, f"CREATE INDEX ON {table} USING GIST (geom); ANALYZE {table}; ANALYZE communes;")


def _timed(fn):
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - t, time.process_time() - c


def run(points_list, native_max: int) -> None:
    bench = _bench_aggregation()
    from postgis_server import PostgisServer

    app, processing, _provider = bench._qgis()
    from qgis.core import QgsProcessing, QgsProcessingFeedback, QgsProject, QgsVectorLayer

    communes = bench.build_communes()
    server = PostgisServer().start()
    server.wait_ready()
    # Parallel workers as the defaults allow on this machine (2 per gather).
    rows = []
    try:
        db = server.create_database("bench")
        for n in points_list:
            points = bench.build_points(n)
            t = time.perf_counter()
            load_into_postgis(server, db, communes, points, n)
            print(f"{n:,} points loaded into PostGIS in {time.perf_counter() - t:.0f} s", flush=True)
            zones_pg = QgsVectorLayer(server.layer_uri(db, "communes", kind="MultiPolygon", srid=2154), "c", "postgres")
            points_pg = QgsVectorLayer(server.layer_uri(db, f"points_{n}", kind="Point", srid=2154), "p", "postgres")
            assert zones_pg.isValid() and points_pg.isValid()
            QgsProject.instance().addMapLayers([zones_pg, points_pg])
            stats = {"FIELDS": ["value"], "STATISTICS": ["count", "mean", "median", "min", "max"]}
            counts = {}
            load = os.getloadavg()[0]

            def ours(points_in, zones_in, engine, stats=stats):
                params = dict(stats, INPUT=points_in, ZONES=zones_in, ENGINE=engine)
                params["OUTPUT"] = QgsProcessing.TEMPORARY_OUTPUT
                return processing.run(
                    "terridata:aggregate_points_to_zones", params, context=bench._context(),
                    feedback=QgsProcessingFeedback(),
                )  # fmt: skip

            cpu0 = _server_cpu(server)
            out, wall, cpu = _timed(lambda z=zones_pg, p=points_pg: ours(p.id(), z.id(), 2))
            server_cpu = _server_cpu(server) - cpu0
            counts["postgis"] = bench._counts(out["OUTPUT"], "code", "count")
            rows.append(("TerriData, PostGIS engine", n, wall, cpu + server_cpu, sum(counts["postgis"].values())))
            print(rows[-1], f"(client CPU {cpu:.1f} s, server CPU {server_cpu:.1f} s)", flush=True)
            out, wall, cpu = _timed(lambda p=points: ours(str(p), str(communes), 1))
            counts["desktop"] = bench._counts(out["OUTPUT"], "code", "count")
            rows.append(("TerriData, desktop engine (GeoPackage)", n, wall, cpu, sum(counts["desktop"].values())))
            print(rows[-1], flush=True)
            if n <= native_max:
                out, wall, cpu = _timed(
                    lambda points=points: processing.run(
                        "native:countpointsinpolygon",
                        {"POLYGONS": str(communes), "POINTS": str(points), "FIELD": "NUMPOINTS",
                         "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT},
                        context=bench._context(), feedback=QgsProcessingFeedback(),
                    )
                )  # fmt: skip
                counts["native"] = bench._counts(out["OUTPUT"], "code", "NUMPOINTS")
                rows.append(("QGIS native:countpointsinpolygon", n, wall, cpu, sum(counts["native"].values())))
                print(rows[-1], flush=True)
            reference = counts["desktop"]
            same = {k: v == reference for k, v in counts.items()}
            rows[-len(counts) :] = [r + (same[k],) for r, k in zip(rows[-len(counts) :], counts)]
            print(f"load average when the runs started: {load:.1f} on {os.cpu_count()} cores", flush=True)
            QgsProject.instance().removeAllMapLayers()
    finally:
        server.stop()
    print(f"\n{'engine':<40}{'points':>12}{'wall s':>9}{'CPU s':>9}{'in a zone':>11}  identical counts")
    for name, n, wall, cpu, rows_in, same in rows:
        print(f"{name:<40}{n:>12,}{wall:9.1f}{cpu:9.1f}{rows_in:>11,}  {'yes' if same else 'NO'}")
    del app


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--native-max", type=int, default=1_000_000)
    args = parser.parse_args()
    run(args.points, args.native_max)


if __name__ == "__main__":
    main()

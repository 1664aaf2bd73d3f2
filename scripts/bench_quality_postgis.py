#!/usr/bin/env python3
"""Benchmark of ``quality_report``'s geometry checks (validity, duplicates, gaps and overlaps of the partition) on
the 35,357 communes of ../shared/data: the database engine on a PostGIS table, the desktop engine on the same PostGIS
layer and on the GeoPackage, with identical reports (yes/no: every problem, check and count of the JSON reports;
the title, the source and the field list name the layer, and are left out).

The communes GeoPackage is ``scripts/bench_aggregation.py``'s (EPSG:2154), loaded into a throw-away PostgreSQL +
PostGIS server started like the tests' (tests/qgis/postgis_server.py), GiST index and ANALYZE. The database line
adds the server's CPU time (the postgres processes) to the client's.

Usage: ``scripts/bench_quality_postgis.py``
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "tests" / "qgis"))

from bench_engines import _bench_aggregation, _server_cpu, _timed  # noqa: E402


def run() -> None:
    import subprocess

    bench = _bench_aggregation()
    from postgis_server import PostgisServer

    app, processing, _provider = bench._qgis()
    from qgis.core import QgsProcessingFeedback, QgsProject, QgsVectorLayer

    communes = bench.build_communes()
    server = PostgisServer().start()
    server.wait_ready()
    rows = []
    try:
        db = server.create_database("bench")
        env = dict(os.environ, PGPASSWORD=server.password)
        pg = f"PG:dbname={db} host={server.host} port={server.port} user={server.user}"
        subprocess.run(
            ["ogr2ogr", "-f", "PostgreSQL", pg, str(communes), "communes", "-nln", "communes", "-lco", "FID=id",
             "-lco", "GEOMETRY_NAME=geom", "-lco", "SPATIAL_INDEX=GIST", "-nlt", "MULTIPOLYGON"],
            check=True, env=env,
        )  # fmt: skip
        server.psql(db, "ANALYZE communes;")
        layer = QgsVectorLayer(server.layer_uri(db, "communes", kind="MultiPolygon", srid=2154), "c", "postgres")
        assert layer.isValid()
        QgsProject.instance().addMapLayer(layer)
        out = Path(tempfile.mkdtemp(prefix="bench_quality_"))
        reports = {}

        def quality(source, engine, name):
            params = {"INPUT": source, "PARTITION": True, "ENGINE": engine, "OUTPUT_JSON": str(out / f"{name}.json")}
            processing.run(
                "terridata:quality_report", params, context=bench._context(), feedback=QgsProcessingFeedback()
            )
            report = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
            return {"errors": report["errors"], "checks": report["checks"], "stats": report["stats"]}

        engines = (
            ("TerriData, database engine (PostGIS)", layer.id(), 2),
            ("TerriData, desktop engine (same PostGIS layer)", layer.id(), 1),
            ("TerriData, desktop engine (GeoPackage)", str(communes), 1),
        )
        for k, (name, source, engine) in enumerate(engines):
            cpu0 = _server_cpu(server)
            report, wall, cpu = _timed(lambda s=source, e=engine, k=k: quality(s, e, f"r{k}"))
            cpu += _server_cpu(server) - cpu0
            reports[name] = report
            rows.append((name, wall, cpu, report["stats"]["problems"]))
            print(rows[-1], flush=True)
        reference = reports["TerriData, desktop engine (same PostGIS layer)"]
        print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    finally:
        server.stop()
    print(f"\n{'engine':<50}{'wall s':>9}{'CPU s':>9}{'problems':>10}  identical report")
    for name, wall, cpu, problems in rows:
        print(f"{name:<50}{wall:9.1f}{cpu:9.1f}{problems:>10,}  {'yes' if reports[name] == reference else 'NO'}")
    del app


if __name__ == "__main__":
    t = time.perf_counter()
    run()
    print(f"total {time.perf_counter() - t:.0f} s")

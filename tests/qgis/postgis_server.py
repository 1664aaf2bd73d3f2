"""A real PostgreSQL 15 + PostGIS 3 server for the tests, from Debian's packages (postgresql-15,
postgresql-15-postgis-3, listed in scripts/debian-packages.txt and installed by scripts/bootstrap.sh).

:class:`PostgisServer` runs ``initdb`` in its own temporary data directory, starts ``postgres`` on 127.0.0.1 on a
free port (its Unix socket in the data directory, so nothing of the machine's own clusters is touched), with
password authentication (scram-sha-256) for the superuser ``terridata``, and stops it on exit, also when a test
fails. PostgreSQL refuses to run as root: when the tests run as root, the server runs as ``nobody`` (``runuser``).

The ``postgis_server`` fixture (session scope) gives the running server; tests skip with the reason when the
binaries are absent (the bootstrap and CI install them, so they run there).

    db = postgis_server.create_database("t1")      # a new database with the postgis extension
    postgis_server.psql(db, "CREATE TABLE ...")     # SQL through psql (loading test data)
    uri = postgis_server.uri(db)                     # a QgsDataSourceUri connection string
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from qgis.core import QgsProcessingFeedback


def _pg_version() -> str:
    """The newest PostgreSQL major version installed with PostGIS (15 on bookworm, the suite's default in the
    QGIS 3.40/3.44 chroots: scripts/debian-packages.txt lists both the versioned and the default packages)."""
    versions = sorted(
        (p.parent.parent.name for p in Path("/usr/share/postgresql").glob("*/extension/postgis.control")),
        key=lambda v: int(v) if v.isdigit() else 0,
    )
    return versions[-1] if versions else "15"


PG_VERSION = _pg_version()
PG_BIN = Path(os.environ.get("TERRIDATA_PG_BIN", f"/usr/lib/postgresql/{PG_VERSION}/bin"))
POSTGIS_CONTROL = Path(f"/usr/share/postgresql/{PG_VERSION}/extension/postgis.control")
SUPERUSER = "terridata"
PASSWORD = "terridata-test-password"  # a throw-away server on 127.0.0.1, stopped at the end


def missing_reason() -> str | None:
    """Why the server cannot run here (None when it can)."""
    for name in ("initdb", "pg_ctl", "postgres", "psql"):
        if not (PG_BIN / name).exists():
            return f"PostgreSQL is not installed ({PG_BIN / name} missing: apt-get install postgresql-15)"
    if not POSTGIS_CONTROL.exists():
        return "PostGIS is not installed (apt-get install postgresql-15-postgis-3)"
    if os.geteuid() == 0 and not shutil.which("runuser"):
        return "the tests run as root and runuser (util-linux) is missing to start PostgreSQL as nobody"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgisServer:
    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="terridata-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.host = "127.0.0.1"
        self.user = SUPERUSER
        self.password = PASSWORD
        self._as = []
        if os.geteuid() == 0:
            self._as = ["runuser", "-u", "nobody", "--"]
            nobody = pwd.getpwnam("nobody")
            os.chown(self.root, nobody.pw_uid, nobody.pw_gid)
        os.chmod(self.root, 0o700)
        self.started = False

    def _run(self, args, **kwargs):
        return subprocess.run(
            self._as + [str(a) for a in args],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            cwd=self.root,
            **kwargs,
        )

    def start(self) -> PostgisServer:
        pwfile = self.root / "pw"
        pwfile.write_text(self.password + "\n")
        if self._as:
            nobody = pwd.getpwnam("nobody")
            os.chown(pwfile, nobody.pw_uid, nobody.pw_gid)
        done = self._run(
            [
                PG_BIN / "initdb",
                "-D",
                self.data,
                "-U",
                self.user,
                "--pwfile",
                pwfile,
                "--auth=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C",
            ]
        )
        pwfile.unlink()
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed:\n{done.stdout}\n{done.stderr}")
        options = (
            f"-c listen_addresses={self.host} -c port={self.port} -c unix_socket_directories={self.data} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=40 "
            "-c shared_buffers=128MB"
        )
        done = self._run(
            [
                PG_BIN / "pg_ctl",
                "-D",
                self.data,
                "-l",
                self.root / "server.log",
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
        if done.returncode != 0:
            log = (self.root / "server.log").read_text(errors="replace") if (self.root / "server.log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed:\n{done.stdout}\n{done.stderr}\n{log}")
        self.started = True
        return self

    def stop(self) -> None:
        if self.started:
            self._run([PG_BIN / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "-t", "30", "stop"])
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)

    # -- SQL -----------------------------------------------------------------------------------------------
    def psql(self, database: str, sql: str, check: bool = True) -> str:
        """Run ``sql`` with psql (unaligned, tuples only); returns its standard output."""
        env = dict(os.environ, PGPASSWORD=self.password)
        done = subprocess.run(
            [
                str(PG_BIN / "psql"),
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                self.host,
                "-p",
                str(self.port),
                "-U",
                self.user,
                "-d",
                database,
            ],
            input=sql,
            capture_output=True,
            text=True,
            env=env,
        )
        if check and done.returncode != 0:
            raise RuntimeError(f"psql failed: {done.stderr}")
        return done.stdout

    def create_database(self, name: str) -> str:
        self.psql("postgres", f'DROP DATABASE IF EXISTS "{name}"; CREATE DATABASE "{name}";')
        self.psql(name, "CREATE EXTENSION postgis;")
        return name

    def uri(self, database: str, password: str | None = None) -> str:
        """The connection part of a QGIS postgres data source URI."""
        pw = self.password if password is None else password
        return (
            f"dbname='{database}' host={self.host} port={self.port} user='{self.user}' password='{pw}' sslmode=disable"
        )

    def layer_uri(self, database: str, table: str, geometry: str = "geom", key: str = "id", srid=None, kind=None):
        extra = ""
        if srid:
            extra += f" srid={srid}"
        if kind:
            extra += f" type={kind}"
        return f'{self.uri(database)} key=\'{key}\'{extra} table="public"."{table}" ({geometry})'

    def wait_ready(self, timeout: float = 30) -> None:
        end = time.time() + timeout
        while time.time() < end:
            if self._run([PG_BIN / "pg_isready", "-h", self.host, "-p", self.port]).returncode == 0:
                return
            time.sleep(0.2)
        raise RuntimeError("PostgreSQL did not become ready")


@pytest.fixture(scope="session")
def postgis_server():
    reason = missing_reason()
    if reason:
        pytest.skip(f"PostGIS tests skipped: {reason}")
    server = PostgisServer()
    try:
        server.start()
        server.wait_ready()
        yield server
    finally:
        server.stop()


class RecordingFeedback(QgsProcessingFeedback):
    """A Processing feedback that keeps every message of the run in ``.log`` (the engine choice, warnings)."""

    def __init__(self, log=None):
        super().__init__()
        self.log = log if log is not None else []

    def pushInfo(self, info):  # noqa: N802
        self.log.append(info)

    def pushWarning(self, warning):  # noqa: N802
        self.log.append(warning)

    def reportError(self, error, fatalError=False):  # noqa: N802, N803
        self.log.append(error)

"""Overall deadlines of the network layer against a raw socket server on 127.0.0.1 that drips its answer.

The server sends its status line and headers at once, then one byte of the body every ``interval`` seconds: the
inactivity timeout (set far above the interval) never fires, so only the overall deadline can stop the request.
Deadlines are a second or two so the tests stay quick; the drip would go on for a minute if nothing stopped it.
"""

from __future__ import annotations

import socket
import threading
import time

import pytest
from qgis.core import QgsFeedback
from qgis.PyQt.QtCore import QCoreApplication, QThread

from terridata.toolbelt.http_cache import ResponseCache
from terridata.toolbelt.network import DeadlineExceeded, NetworkClient, NetworkError, NetworkTimeout, RequestCancelled
from terridata.toolbelt.rate_limiter import LIMITER

BODY = b'{"observations": [' + b"1," * 200 + b"1]}"


class DripServer:
    """Answers every connection with a 200 whose body comes one byte every ``interval`` seconds.

    ``served`` counts connections, ``sent`` the body bytes sent, ``closed_by_client`` how many connections the
    client closed before the end (what a deadline or a cancellation does).
    """

    def __init__(
        self, interval: float, body: bytes = BODY, content_type: str = "application/json", stop_after: int = 0
    ):
        self.interval = interval
        self.stop_after = stop_after  # close the connection after this many body bytes (0: send them all)
        self.body = body
        self.content_type = content_type
        self.stop = threading.Event()
        self.served = 0
        self.sent = 0
        self.closed_by_client = 0
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(5)
        self.sock.close()

    def _serve(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            self.served += 1
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn):
        with conn:
            conn.settimeout(5)
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                request += chunk
            head, _, rest = request.partition(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            while len(rest) < length:  # read a POST body before answering
                rest += conn.recv(4096)
            header = (
                "HTTP/1.1 200 OK\r\n"
                f"Content-Type: {self.content_type}\r\n"
                f"Content-Length: {len(self.body)}\r\n"
                "Connection: close\r\n\r\n"
            )
            try:
                conn.sendall(header.encode("ascii"))
                for i in range(len(self.body)):
                    if self.stop.wait(self.interval) or (self.stop_after and i >= self.stop_after):
                        return
                    conn.sendall(self.body[i : i + 1])
                    self.sent += 1
            except OSError:  # the client closed the connection
                self.closed_by_client += 1


@pytest.fixture(autouse=True)
def network_settings(monkeypatch, qgis_app):
    """Inactivity timeout far above the drip interval; no retries, no rate limit, no cache."""
    for name, value in {
        "TERRIDATA_REQUEST_TIMEOUT_S": "30",
        "TERRIDATA_MAX_RETRIES": "2",
        "TERRIDATA_BACKOFF_BASE_S": "0.05",
        "TERRIDATA_RATE_DEFAULT": "1000/1",
        "TERRIDATA_RATE_INSEE_MELODI": "1000/1",
        "TERRIDATA_RATE_DATAGOUV": "1000/1",
        "TERRIDATA_CACHE_ENABLED": "false",
        "TERRIDATA_DEBUG_MODE": "false",
    }.items():
        monkeypatch.setenv(name, value)
    LIMITER.reset()
    yield
    LIMITER.reset()
    ResponseCache().clear()


def assert_deadline_message(error, label: str, url: str, deadline: str, kind_words: str):
    message = str(error)
    assert isinstance(error, DeadlineExceeded) and isinstance(error, NetworkTimeout)
    assert message.startswith(
        f"{label} did not finish answering {url} within {deadline}, the deadline for {kind_words}, and was stopped "
        "after "
    )
    assert "raise this deadline in the TerriData settings" in message
    assert "malformed JSON" not in message


def test_get_json_drip_is_stopped_by_the_api_deadline_setting(monkeypatch):
    """The case of the issue: a JSON API dripping one byte at a time is a timeout, not malformed JSON."""
    monkeypatch.setenv("TERRIDATA_DEADLINE_API_S", "1.5")
    with DripServer(interval=0.2) as server:
        url = server.url("/melodi/data/DS_X")
        started = time.monotonic()
        with pytest.raises(DeadlineExceeded) as info:
            NetworkClient("insee_melodi").get_json(url, params={"GEO": "COM-44109"})
        elapsed = time.monotonic() - started
    assert_deadline_message(info.value, "INSEE Melodi", url + "?GEO=COM-44109", "1.5 s", "API and metadata requests")
    assert elapsed >= 1.5  # not before the deadline; without it the drip lasts len(BODY) * 0.2 s = 80 s
    assert 0 < server.sent < len(BODY)
    assert server.served == 1  # a deadline is not retried


def test_get_and_post_take_a_deadline_or_a_kind(monkeypatch):
    monkeypatch.setenv("TERRIDATA_DEADLINE_DATA_S", "1")
    monkeypatch.setenv("TERRIDATA_DEADLINE_API_S", "600")
    with DripServer(interval=0.2) as server:
        client = NetworkClient("web")
        with pytest.raises(DeadlineExceeded) as info:
            client.get(server.url("/wfs"))  # get() is a data request by default
        assert_deadline_message(info.value, "web service", server.url("/wfs"), "1 s", "data requests")
        with pytest.raises(DeadlineExceeded) as info:
            client.post(server.url("/batch"), data="a,b\n1,2\n", deadline=1.2, kind="api")
        assert_deadline_message(info.value, "web service", server.url("/batch"), "1.2 s", "API and metadata requests")
        with pytest.raises(DeadlineExceeded) as info:
            client.get_json(server.url("/geo"), kind="data")
        assert_deadline_message(info.value, "web service", server.url("/geo"), "1 s", "data requests")
        with pytest.raises(ValueError, match="Unknown request kind"):
            client.get(server.url("/geo"), kind="metadata")


def test_a_slow_answer_within_the_deadline_is_not_stopped(monkeypatch):
    """Bytes every 0.2 s for about 1 s, deadline 20 s: the answer arrives whole (the deadline is not a timeout)."""
    monkeypatch.setenv("TERRIDATA_DEADLINE_API_S", "20")
    with DripServer(interval=0.2, body=b'{"a": 1}') as server:
        assert NetworkClient("web").get_json(server.url("/x")) == {"a": 1}


def test_download_drip_is_stopped_and_writes_nothing(monkeypatch, tmp_path):
    monkeypatch.setenv("TERRIDATA_DEADLINE_DOWNLOAD_S", "1.5")
    target = tmp_path / "commune.zip"
    with DripServer(interval=0.2, content_type="application/zip") as server:
        url = server.url("/datasets/r/commune.zip")
        with pytest.raises(DeadlineExceeded) as info:
            NetworkClient("datagouv").download(url, target)
        assert server.served == 1 and 0 < server.sent < len(BODY)
    assert_deadline_message(info.value, "data.gouv.fr", url, "1.5 s", "file downloads")
    assert list(tmp_path.iterdir()) == []  # neither the target nor a partial file


def test_download_deadline_leaves_an_existing_file_untouched(tmp_path):
    target = tmp_path / "data.csv"
    target.write_bytes(b"previous run")
    with DripServer(interval=0.2) as server, pytest.raises(DeadlineExceeded):
        NetworkClient("web").download(server.url("/data.csv"), target, deadline=1)
    assert target.read_bytes() == b"previous run"
    assert [p.name for p in tmp_path.iterdir()] == ["data.csv"]


def test_cancel_still_works_during_a_drip(tmp_path):
    """With a long deadline, the user's cancellation stops a dripping GET and a dripping download."""
    with DripServer(interval=0.2) as server:
        for action in ("get", "download"):
            feedback = QgsFeedback()
            timer = threading.Timer(0.6, feedback.cancel)
            timer.start()
            client = NetworkClient("web", feedback=feedback)
            with pytest.raises(RequestCancelled):
                if action == "get":
                    client.get(server.url("/x"), deadline=600)
                else:
                    client.download(server.url("/x"), tmp_path / "x.json", deadline=600)
            timer.join()
    assert list(tmp_path.iterdir()) == []


def test_deadline_setting_defaults():
    from terridata.toolbelt.settings import Settings

    settings = Settings()
    # Seconds for JSON APIs and metadata, minutes for data, longer for whole files; all above the silence timeout.
    assert settings.request_timeout_s <= settings.deadline_api_s < settings.deadline_data_s
    assert settings.deadline_data_s <= settings.deadline_download_s
    assert 10 <= settings.deadline_api_s <= 120 and 120 <= settings.deadline_data_s <= 900


class Worker(QThread):
    """Runs ``function`` in a QThread, as Processing runs algorithms (a Python thread has no Qt timers)."""

    def __init__(self, function):
        super().__init__()
        self.function = function
        self.error = None

    def run(self):
        try:
            self.function()
        except Exception as exc:  # noqa: BLE001
            self.error = exc


def test_deadline_and_cancel_from_a_worker_thread(monkeypatch, tmp_path):
    """Processing algorithms run in worker threads: the deadline and the cancellation stop requests there too."""
    monkeypatch.setenv("TERRIDATA_DEADLINE_API_S", "1")
    monkeypatch.setenv("TERRIDATA_DEADLINE_DOWNLOAD_S", "1")
    feedback = QgsFeedback()
    errors = []
    with DripServer(interval=0.2) as server:
        for function in (
            lambda: NetworkClient("web").get_json(server.url("/a")),
            lambda: NetworkClient("web").download(server.url("/b"), tmp_path / "b.json"),
            lambda: NetworkClient("web", feedback=feedback).get(server.url("/c"), deadline=600),
        ):
            worker = Worker(function)
            worker.start()
            timer = threading.Timer(0.5, feedback.cancel)
            timer.start()
            end = time.monotonic() + 60
            while not worker.wait(20) and time.monotonic() < end:  # the main thread's event loop runs, as in QGIS
                QCoreApplication.processEvents()
            timer.join()
            assert worker.isFinished()
            errors.append(type(worker.error))
    assert errors == [DeadlineExceeded, DeadlineExceeded, RequestCancelled]
    assert list(tmp_path.iterdir()) == []


def test_an_answer_cut_short_is_a_broken_transfer_not_malformed_json(tmp_path):
    """The server closes the connection after 10 of its bytes: said so, for GET and download."""
    with DripServer(interval=0.01, stop_after=10) as server:
        client = NetworkClient("insee_melodi")
        with pytest.raises(NetworkError) as info:
            client.get_json(server.url("/melodi/data/DS_X"))
        assert not isinstance(info.value, NetworkTimeout)
        assert str(info.value).startswith(
            f"The answer of INSEE Melodi for {server.url('/melodi/data/DS_X')} broke off before its end"
        )
        assert "malformed JSON" not in str(info.value)
        with pytest.raises(NetworkError):
            client.download(server.url("/f.csv"), tmp_path / "f.csv")
    assert list(tmp_path.iterdir()) == []

"""The network layer (toolbelt/network.py) against local HTTP servers (pytest-httpserver on 127.0.0.1).

Settings are pointed at small values through ``TERRIDATA_*`` environment variables (monkeypatch), so retries and
backoff take milliseconds. No test bounds a duration tightly: lower bounds are causal (the server saw the retry
after the announced wait), rate limits are checked on the limiter's own schedule (``limiter_schedule.py``), and
upper bounds only tell "stopped by the mechanism" from "ran to the end", with the end far away (30 s).
"""

from __future__ import annotations

import base64
import json
import os
import socket
import threading
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest
from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsFeedback, QgsProcessingFeedback
from qgis.PyQt.QtCore import Qt
from werkzeug import Response

from terridata.toolbelt.auth import AuthConfigError, apply_api_key_header, secret_from_authcfg
from terridata.toolbelt.http_cache import ResponseCache
from terridata.toolbelt.logger import PlgLogger
from terridata.toolbelt.network import (
    CredentialsInUrl,
    NetworkClient,
    NetworkError,
    NetworkTimeout,
    RequestCancelled,
    ResponseTooLarge,
    build_url,
    parse_retry_after,
    sanitize_url,
)
from terridata.toolbelt.rate_limiter import LIMITER

pytest_plugins = ["limiter_schedule"]

TEST_MASTER_PASSWORD = "terridata-test-master-password"
SECRET = "s3cr3t-P@ss-42"


class RecordingFeedback(QgsProcessingFeedback):
    """A Processing feedback that keeps what the network layer tells the user."""

    def __init__(self):
        super().__init__()
        self.infos = []

    def pushInfo(self, info):  # noqa: N802
        self.infos.append(info)
        super().pushInfo(info)


@pytest.fixture(autouse=True)
def fast_network(monkeypatch, qgis_app):
    """Small retries/backoff, no rate limit (unless a test sets one), clean cache and limiter."""
    for name, value in {
        "TERRIDATA_MAX_RETRIES": "3",
        "TERRIDATA_BACKOFF_BASE_S": "0.05",
        "TERRIDATA_BACKOFF_MAX_S": "0.2",
        "TERRIDATA_REQUEST_TIMEOUT_S": "20",
        "TERRIDATA_CACHE_ENABLED": "true",
        "TERRIDATA_MAX_RESPONSE_MB": "512",
        "TERRIDATA_DEBUG_MODE": "false",
        "TERRIDATA_RATE_DEFAULT": "1000/1",
        "TERRIDATA_RATE_IGN_WFS": "1000/1",
        "TERRIDATA_RATE_INSEE_MELODI": "1000/1",
    }.items():
        monkeypatch.setenv(name, value)
    LIMITER.reset()
    ResponseCache().clear()
    yield
    LIMITER.reset()
    ResponseCache().clear()


@pytest.fixture
def log_messages():
    """Every QgsMessageLog message emitted during the test (from any thread)."""
    messages = []

    def record(message, tag, level):
        messages.append(f"[{tag}] {message}")

    log = QgsApplication.messageLog()
    log.messageReceived.connect(record, Qt.ConnectionType.DirectConnection)
    yield messages
    log.messageReceived.disconnect(record)


@pytest.fixture
def basic_authcfg():
    """A Basic authentication configuration (user ``alice``, password SECRET) in the test profile's auth DB."""
    manager = QgsApplication.authManager()
    if manager.isDisabled():
        pytest.skip(f"QGIS authentication system disabled: {manager.disabledMessage()}")
    if not manager.masterPasswordIsSet():
        assert manager.setMasterPassword(TEST_MASTER_PASSWORD, True), (
            "the test profile's auth DB has another master password; delete .qgis-settings/**/qgis-auth.db"
        )
    config = QgsAuthMethodConfig("Basic")
    config.setName("TerriData network test")
    config.setConfig("username", "alice")
    config.setConfig("password", SECRET)
    ok, config = manager.storeAuthenticationConfig(config)
    assert ok and config.id()
    yield config.id()
    manager.removeAuthenticationConfig(config.id())


def expected_basic_header() -> str:
    return "Basic " + base64.b64encode(f"alice:{SECRET}".encode()).decode()


def hits(httpserver, path: str) -> int:
    """Requests the server received on ``path`` in this test (a slow handler of the previous test may log late)."""
    return sum(1 for request, _ in httpserver.log if request.path == path)


# --------------------------------------------------------------------------------------------- URLs


def test_build_url_encodes_accents_spaces_and_ampersands():
    url = build_url("https://api.example.fr/geo/", "communes/Saint-Étienne", {"q": "Saint-Étienne & co", "n": 5})
    assert url == "https://api.example.fr/geo/communes/Saint-%C3%89tienne?q=Saint-%C3%89tienne%20%26%20co&n=5"
    assert build_url("https://x/ows?SERVICE=WFS", params={"a": "1+1=2", "skip": None, "b": [1, 2], "c": True}) == (
        "https://x/ows?SERVICE=WFS&a=1%2B1%3D2&b=1&b=2&c=true"
    )
    assert build_url("https://x/a") == "https://x/a"


def test_sanitize_url_removes_secrets_and_keeps_the_rest():
    url = "https://bob:hunter2@api.example.fr/data?typeName=commune&apikey=ABC123&Token=t0k&client_secret=zz&page=2"
    clean = sanitize_url(url)
    for secret in ("bob", "hunter2", "ABC123", "t0k", "zz"):
        assert secret not in clean
    assert clean == "https://api.example.fr/data?typeName=commune&apikey=***&Token=***&client_secret=***&page=2"
    assert sanitize_url("https://x/y?key=1&signature=2&password=3&access_token=4&api_key=5") == (
        "https://x/y?key=***&signature=***&password=***&access_token=***&api_key=***"
    )


def test_parse_retry_after_seconds_and_http_date():
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=timezone.utc)
    assert parse_retry_after("12", now) == 12.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), now) == 30.0
    assert parse_retry_after(format_datetime(now - timedelta(seconds=30), usegmt=True), now) == 0.0
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None


# --------------------------------------------------------------------------------------------- GET / POST


def test_get_sends_user_agent_and_encoded_params(httpserver):
    seen = {}

    def handler(request):
        seen["args"] = request.args.to_dict(flat=False)
        seen["ua"] = request.headers.get("User-Agent", "")
        return Response(json.dumps({"ok": True}), content_type="application/json")

    httpserver.expect_request("/geo/communes").respond_with_handler(handler)
    client = NetworkClient("web")
    payload = client.get_json(httpserver.url_for("/geo/communes"), params={"q": "Saint-Étienne & co", "n": 3})
    assert payload == {"ok": True}
    assert seen["args"] == {"q": ["Saint-Étienne & co"], "n": ["3"]}
    from terridata.__about__ import USER_AGENT

    assert seen["ua"].startswith(USER_AGENT + " ")
    assert USER_AGENT.startswith("TerriData/")


def test_post_json_and_form_bodies(httpserver):
    received = []

    def handler(request):
        received.append((request.headers.get("Content-Type"), request.get_data()))
        return Response(b"\x00\x01binary", content_type="application/octet-stream")

    httpserver.expect_request("/batch", method="POST").respond_with_handler(handler)
    client = NetworkClient("web")
    response = client.post(httpserver.url_for("/batch"), json={"code": "2A004", "nom": "Ajaccio"})
    assert response.status == 200 and response.content == b"\x00\x01binary"
    response = client.post(httpserver.url_for("/batch"), data={"q": "é & f"})
    assert received[0][0] == "application/json"
    assert json.loads(received[0][1]) == {"code": "2A004", "nom": "Ajaccio"}
    assert received[1] == ("application/x-www-form-urlencoded", b"q=%C3%A9%20%26%20f")


def test_malformed_json_gives_a_clear_error(httpserver):
    httpserver.expect_request("/melodi/data").respond_with_data("{'observations': [", content_type="application/json")
    client = NetworkClient("insee_melodi")
    with pytest.raises(NetworkError) as info:
        client.get_json(httpserver.url_for("/melodi/data"), params={"GEO": "COM-44109"})
    message = str(info.value)
    assert "INSEE Melodi returned malformed JSON" in message
    assert httpserver.url_for("/melodi/data") + "?GEO=COM-44109" in message
    assert "{'observations'" in message


def test_http_error_names_status_meaning_url_and_server_text(httpserver):
    httpserver.expect_request("/wfs").respond_with_data(
        "<ExceptionReport><Exception>Unknown TYPENAME foo:bar</Exception></ExceptionReport>",
        status=400,
        content_type="text/xml",
    )
    client = NetworkClient("ign_wfs")
    with pytest.raises(NetworkError) as info:
        client.get(httpserver.url_for("/wfs"), params={"TYPENAMES": "foo:bar"})
    error = info.value
    assert error.status == 400
    assert "IGN Géoplateforme WFS answered 400 (bad request)" in str(error)
    assert httpserver.url_for("/wfs") + "?TYPENAMES=foo%3Abar" in str(error)
    assert "Unknown TYPENAME foo:bar" in str(error)
    assert hits(httpserver, "/wfs") == 1  # 400 is not retried


def test_connection_refused_is_explained():
    with socket.socket() as sock:  # a port where nobody listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = NetworkClient("datagouv")
    with pytest.raises(NetworkError) as info:
        client.get(f"http://127.0.0.1:{port}/api/1/datasets/")
    assert info.value.status is None
    assert f"Could not reach data.gouv.fr at http://127.0.0.1:{port}/api/1/datasets/" in str(info.value)


# --------------------------------------------------------------------------------------------- retries


def test_retries_on_503_then_succeeds_and_says_why(httpserver):
    for _ in range(2):
        httpserver.expect_ordered_request("/wfs").respond_with_data("busy", status=503)
    httpserver.expect_ordered_request("/wfs").respond_with_data("done")
    feedback = RecordingFeedback()
    response = NetworkClient("ign_wfs", feedback=feedback).get(httpserver.url_for("/wfs"))
    assert response.status == 200 and response.text() == "done"
    assert hits(httpserver, "/wfs") == 3
    assert len(feedback.infos) == 2
    assert "IGN Géoplateforme WFS: answered 503 (service unavailable)" in feedback.infos[0]
    assert "try 2 of 4" in feedback.infos[0] and "try 3 of 4" in feedback.infos[1]


def test_429_then_success_honours_retry_after_seconds(httpserver):
    stamps = []

    def limited(request):
        stamps.append(time.monotonic())
        return Response("slow down", status=429, headers={"Retry-After": "1"})

    def ok(request):
        stamps.append(time.monotonic())
        return Response(json.dumps({"value": 1}), content_type="application/json")

    httpserver.expect_ordered_request("/melodi/data").respond_with_handler(limited)
    httpserver.expect_ordered_request("/melodi/data").respond_with_handler(ok)
    feedback = RecordingFeedback()
    assert NetworkClient("insee_melodi", feedback=feedback).get_json(httpserver.url_for("/melodi/data")) == {"value": 1}
    assert len(stamps) == 2
    assert stamps[1] - stamps[0] >= 1.0  # server side: the retry came after Retry-After (causal, no jitter)
    assert feedback.infos == ["INSEE Melodi: answered 429 (rate limit), waiting 1 s before try 2 of 4"]


def test_retry_after_as_http_date(httpserver):
    stamps = []
    when = datetime.now(timezone.utc) + timedelta(seconds=2)

    def limited(request):
        stamps.append(time.time())
        return Response("later", status=503, headers={"Retry-After": format_datetime(when, usegmt=True)})

    httpserver.expect_ordered_request("/x").respond_with_handler(limited)
    httpserver.expect_ordered_request("/x").respond_with_handler(lambda r: stamps.append(time.time()) or Response("ok"))
    assert NetworkClient("web").get(httpserver.url_for("/x")).text() == "ok"
    # The HTTP date has a 1-s resolution: the retry is at (or just after) the announced second.
    assert stamps[1] >= when.replace(microsecond=0).timestamp() - 0.05


def test_gives_up_after_n_tries_with_a_clear_error(httpserver):
    stamps = []
    httpserver.expect_request("/wfs").respond_with_handler(
        lambda request: stamps.append(time.monotonic()) or Response("down", status=503)
    )
    url = httpserver.url_for("/wfs")
    started = time.monotonic()
    with pytest.raises(NetworkError) as info:
        NetworkClient("ign_wfs").get(url, params={"SERVICE": "WFS"})
    error = info.value
    assert hits(httpserver, "/wfs") == 4  # 1 + TERRIDATA_MAX_RETRIES=3
    assert error.status == 503 and error.service == "ign_wfs"
    assert str(error) == (
        f"IGN Géoplateforme WFS answered 503 (service unavailable) 4 times for {url}?SERVICE=WFS; try again later."
    )
    # Backoff 0.05, 0.1, 0.2 (capped by TERRIDATA_BACKOFF_MAX_S=0.2), seen from the server: each gap is at least
    # the backoff (causal: the client waits after the server answered, before it sends again).
    gaps = [b - a for a, b in zip(stamps, stamps[1:])]
    assert len(gaps) == 3 and all(gap >= wait for gap, wait in zip(gaps, (0.05, 0.1, 0.2))), gaps
    assert time.monotonic() - started >= 0.35


# --------------------------------------------------------------------------------------------- timeout, size, cancel


@pytest.fixture
def release():
    """An event slow handlers wait on, set at teardown so the (single-threaded) server is free again."""
    event = threading.Event()
    yield event
    event.set()


def test_timeout_raises_network_timeout_after_about_the_timeout(httpserver, release):
    def sleepy(request):
        release.wait(30)
        return Response("too late")

    httpserver.expect_request("/slow").respond_with_handler(sleepy)
    started = time.monotonic()
    with pytest.raises(NetworkTimeout) as info:
        NetworkClient("ign_wfs").get(httpserver.url_for("/slow"), timeout=1)
    elapsed = time.monotonic() - started
    # Not before the timeout; and stopped by it, not by the server's answer 30 s later.
    assert 0.9 <= elapsed < 15
    assert "IGN Géoplateforme WFS did not answer within 1 s" in str(info.value)
    assert hits(httpserver, "/slow") <= 1  # a timeout is not retried


def test_huge_response_is_refused(httpserver):
    big = b"x" * (3 * 1024 * 1024)
    httpserver.expect_request("/big").respond_with_data(big)

    def chunked(request):
        return Response((b"y" * 65536 for _ in range(48)), content_type="application/octet-stream")

    httpserver.expect_request("/chunked").respond_with_handler(chunked)
    client = NetworkClient("web")
    with pytest.raises(ResponseTooLarge) as info:
        client.get(httpserver.url_for("/big"), max_bytes=1024 * 1024)
    assert "web service sent more than 1 MB for" in str(info.value)
    with pytest.raises(ResponseTooLarge):
        client.get(httpserver.url_for("/chunked"), max_bytes=1024 * 1024)
    # The same answers pass with a cap above their size.
    assert len(client.get(httpserver.url_for("/big"), max_bytes=4 * 1024 * 1024).content) == len(big)


def test_max_response_setting_is_the_default_cap(httpserver, monkeypatch):
    monkeypatch.setenv("TERRIDATA_MAX_RESPONSE_MB", "1")
    httpserver.expect_request("/big").respond_with_data(b"z" * (2 * 1024 * 1024))
    with pytest.raises(ResponseTooLarge):
        NetworkClient("web").get(httpserver.url_for("/big"))


def test_cancel_during_a_blocking_get(httpserver, release):
    def sleepy(request):
        release.wait(30)
        return Response("late")

    httpserver.expect_request("/slow").respond_with_handler(sleepy)
    feedback = QgsFeedback()
    threading.Timer(0.3, feedback.cancel).start()
    started = time.monotonic()
    with pytest.raises(RequestCancelled):
        NetworkClient("web", feedback=feedback).get(httpserver.url_for("/slow"))
    assert time.monotonic() - started < 15  # the server would answer after 30 s


def test_cancel_during_a_retry_wait(httpserver):
    httpserver.expect_request("/x").respond_with_data("wait", status=429, headers={"Retry-After": "30"})
    feedback = QgsFeedback()
    threading.Timer(0.3, feedback.cancel).start()
    started = time.monotonic()
    with pytest.raises(RequestCancelled):
        NetworkClient("web", feedback=feedback).get(httpserver.url_for("/x"))
    assert time.monotonic() - started < 15  # Retry-After asked for 30 s
    assert hits(httpserver, "/x") == 1


# --------------------------------------------------------------------------------------------- downloads


def test_download_streams_to_the_target(httpserver, tmp_path):
    payload = bytes(range(256)) * 4096  # 1 MiB

    def stream(request):
        return Response((payload[i : i + 65536] for i in range(0, len(payload), 65536)), content_type="application/zip")

    httpserver.expect_request("/file.zip").respond_with_handler(stream)
    target = tmp_path / "out" / "file.zip"
    result = NetworkClient("datagouv").download(httpserver.url_for("/file.zip"), target)
    assert result == target
    assert target.read_bytes() == payload
    assert sorted(p.name for p in target.parent.iterdir()) == ["file.zip"]


def test_download_cancelled_midway_leaves_no_partial_file(httpserver, tmp_path, release):
    sent = []

    def slow_stream(request):
        def chunks():
            for _ in range(100):
                if release.is_set():
                    return
                sent.append(1)
                yield b"d" * 10000
                time.sleep(0.3)  # 30 s in all

        return Response(chunks(), content_type="application/octet-stream")

    httpserver.expect_request("/slow.bin").respond_with_handler(slow_stream)
    feedback = QgsFeedback()
    threading.Timer(0.5, feedback.cancel).start()
    target = tmp_path / "slow.bin"
    started = time.monotonic()
    with pytest.raises(RequestCancelled):
        NetworkClient("web", feedback=feedback).download(httpserver.url_for("/slow.bin"), target)
    assert time.monotonic() - started < 15  # the whole file takes 30 s
    assert 0 < len(sent) < 100  # it really was mid-way
    assert list(tmp_path.iterdir()) == []


def test_download_error_and_timeout_leave_nothing(httpserver, tmp_path, release):
    httpserver.expect_request("/missing.csv").respond_with_data("no such file", status=404)

    def stalls(request):
        def chunks():
            yield b"first part"
            release.wait(30)

        return Response(chunks())

    httpserver.expect_request("/stall.csv").respond_with_handler(stalls)
    client = NetworkClient("datagouv")
    with pytest.raises(NetworkError) as info:
        client.download(httpserver.url_for("/missing.csv"), tmp_path / "a.csv")
    assert info.value.status == 404 and "data.gouv.fr answered 404 (not found)" in str(info.value)
    started = time.monotonic()
    with pytest.raises(NetworkTimeout):
        client.download(httpserver.url_for("/stall.csv"), tmp_path / "b.csv", timeout=1)
    assert 0.9 <= time.monotonic() - started < 15  # the server would go on after 30 s
    assert list(tmp_path.iterdir()) == []


def test_download_retries_503(httpserver, tmp_path):
    httpserver.expect_ordered_request("/f").respond_with_data("busy", status=503)
    httpserver.expect_ordered_request("/f").respond_with_data(b"content")
    target = tmp_path / "f.bin"
    NetworkClient("web").download(httpserver.url_for("/f"), target)
    assert target.read_bytes() == b"content"
    assert [p.name for p in tmp_path.iterdir()] == ["f.bin"]


def test_works_from_a_worker_thread(httpserver, tmp_path):
    """Processing algorithms run in worker threads: GET and download must work there too."""
    httpserver.expect_request("/a").respond_with_data("from thread")
    httpserver.expect_request("/b").respond_with_data(b"file from thread")
    results = {}

    def work():
        try:
            client = NetworkClient("web")
            results["get"] = client.get(httpserver.url_for("/a")).text()
            results["download"] = client.download(httpserver.url_for("/b"), tmp_path / "b").read_bytes()
        except Exception as exc:  # noqa: BLE001
            results["error"] = exc

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(30)
    assert results == {"get": "from thread", "download": b"file from thread"}


# --------------------------------------------------------------------------------------------- rate limit


def test_rate_limiter_spaces_requests_on_the_server_side(httpserver, monkeypatch, limiter_schedule):
    monkeypatch.setenv("TERRIDATA_RATE_INSEE_MELODI", "2/0.5")
    stamps = []

    def handler(request):
        stamps.append(time.monotonic())
        return Response("{}", content_type="application/json")

    httpserver.expect_request("/melodi/catalog/all").respond_with_handler(handler)
    client = NetworkClient("insee_melodi")
    for _ in range(6):
        client.get(httpserver.url_for("/melodi/catalog/all"))
    assert len(stamps) == 6
    # The limiter's own schedule: never more than 2 starts in any 0.5-s window (exact, on its clock).
    booked = limiter_schedule.starts("insee_melodi")
    assert len(booked) == 6
    assert limiter_schedule.max_in_window(0.5, "insee_melodi") == 2
    assert booked[-1] - booked[0] >= 1.0 - 1e-9  # slots 0, 0, 0.5, 0.5, 1.0, 1.0
    # And no request reached the server before its slot (same monotonic clock; causal, so no tolerance needed).
    # Unlimited, the 6 requests would all arrive within ~10 ms of the first slot.
    assert all(stamp >= start for stamp, start in zip(stamps, booked))


class CancelOnInfo(RecordingFeedback):
    """Cancels as soon as the network layer announces a wait (so a 60-s wait takes no time)."""

    def pushInfo(self, info):  # noqa: N802
        super().pushInfo(info)
        self.cancel()


def test_rate_limit_wait_is_announced_and_cancellable(httpserver, monkeypatch):
    monkeypatch.setenv("TERRIDATA_RATE_INSEE_MELODI", "1/60")  # the second request must wait about 60 s
    httpserver.expect_request("/melodi/x").respond_with_data("{}")
    feedback = CancelOnInfo()
    client = NetworkClient("insee_melodi", feedback=feedback)
    client.get(httpserver.url_for("/melodi/x"))
    assert feedback.infos == []  # the first one starts at once
    with pytest.raises(RequestCancelled):
        client.get(httpserver.url_for("/melodi/x"))
    assert len(feedback.infos) == 1
    prefix = "INSEE Melodi: rate limit, waiting "
    assert feedback.infos[0].startswith(prefix) and feedback.infos[0].endswith(" s")
    assert 30 <= float(feedback.infos[0][len(prefix) : -2]) <= 60
    assert hits(httpserver, "/melodi/x") == 1


# --------------------------------------------------------------------------------------------- cache


def test_cache_hit_makes_no_second_request_and_expires(httpserver):
    counter = []

    def handler(request):
        counter.append(1)
        return Response(f"answer {len(counter)}", headers={"X-Test": "yes"})

    httpserver.expect_request("/caps").respond_with_handler(handler)
    client = NetworkClient("ign_wmts")
    url = httpserver.url_for("/caps")
    first = client.get(url, params={"REQUEST": "GetCapabilities"}, cache_ttl=600)
    second = client.get(url, params={"REQUEST": "GetCapabilities"}, cache_ttl=600)
    assert len(counter) == 1
    assert (first.from_cache, second.from_cache) == (False, True)
    assert second.text() == first.text() == "answer 1" and second.headers["x-test"] == "yes"
    assert ResponseCache().size_bytes() > len("answer 1")
    # Another query is another entry; no cache_ttl means no cache.
    client.get(url, params={"REQUEST": "GetTileMatrix"}, cache_ttl=600)
    client.get(url, params={"REQUEST": "GetCapabilities"})
    assert len(counter) == 3
    # The age is checked against the TTL of the call: an entry older than it is refetched (robust both ways: the
    # entry is at least 0.3 s old, older than 0.2 s, and the 600-s calls above were far within their TTL).
    time.sleep(0.3)
    third = client.get(url, params={"REQUEST": "GetCapabilities"}, cache_ttl=0.2)
    assert len(counter) == 4 and third.from_cache is False and third.text() == "answer 4"


def test_cache_can_be_disabled_and_cleared(httpserver, monkeypatch):
    httpserver.expect_request("/c").respond_with_data("c")
    url = httpserver.url_for("/c")
    NetworkClient("web").get(url, cache_ttl=60)
    assert NetworkClient("web").get(url, cache_ttl=60).from_cache is True
    assert ResponseCache().clear() == 1 and ResponseCache().size_bytes() == 0
    monkeypatch.setenv("TERRIDATA_CACHE_ENABLED", "false")
    NetworkClient("web").get(url, cache_ttl=60)
    assert NetworkClient("web").get(url, cache_ttl=60).from_cache is False
    assert hits(httpserver, "/c") == 3


def test_urls_carrying_a_secret_are_refused_and_not_cached(httpserver):
    httpserver.expect_request("/k").respond_with_data("k")
    client = NetworkClient("web")
    with pytest.raises(CredentialsInUrl):
        client.get(httpserver.url_for("/k"), params={"apikey": "abc"}, cache_ttl=60)
    assert hits(httpserver, "/k") == 0 and ResponseCache().size_bytes() == 0


def test_cache_size_cap_evicts_oldest(tmp_path):
    cache = ResponseCache(tmp_path, max_bytes=2500)

    class Entry:
        status, headers, url = 200, {}, "http://x"

        def __init__(self, n):
            self.content = bytes([n]) * 1000

    now = time.time()
    for n in range(3):
        cache.put(f"k{n}", Entry(n))
        if n < 2:  # distinct, ordered ages: k0 oldest
            os.utime(cache._path(f"k{n}"), (now - 100 + 50 * n, now - 100 + 50 * n))
    assert cache.get("k0", 60) is None  # evicted: the oldest
    assert cache.get("k1", 60).content == bytes([1]) * 1000
    assert cache.get("k2", 60).content == bytes([2]) * 1000
    assert cache.size_bytes() <= 2500


# --------------------------------------------------------------------------------------------- authentication


def test_secret_from_authcfg_and_unknown_ids(basic_authcfg):
    assert secret_from_authcfg(basic_authcfg) == SECRET
    with pytest.raises(AuthConfigError) as info:
        secret_from_authcfg("nope123")
    assert "'nope123' does not exist" in str(info.value)
    with pytest.raises(NetworkError) as info:
        NetworkClient("web", authcfg="nope123")
    assert "'nope123' does not exist" in str(info.value)


def test_authcfg_secret_reaches_the_server_but_never_messages_or_log(
    httpserver, basic_authcfg, log_messages, monkeypatch, tmp_path
):
    monkeypatch.setenv("TERRIDATA_DEBUG_MODE", "true")  # debug logging on: still no secret
    seen = []

    def ok(request):
        seen.append(request.headers.get("Authorization"))
        return Response("private data")

    def echo_forbidden(request):
        seen.append(request.headers.get("Authorization"))
        # A hostile or buggy server echoing the credentials back in its error page.
        return Response(f"denied for {request.headers.get('Authorization')} / {SECRET}", status=403)

    def echo_503(request):
        seen.append(request.headers.get("Authorization"))
        return Response(f"busy {request.headers.get('Authorization')}", status=503)

    httpserver.expect_request("/private").respond_with_handler(ok)
    httpserver.expect_request("/forbidden").respond_with_handler(echo_forbidden)
    httpserver.expect_request("/busy").respond_with_handler(echo_503)
    client = NetworkClient("web", authcfg=basic_authcfg)
    # The client made the sanitiser learn the configuration's secrets: even a careless log line is masked.
    PlgLogger.log(f"careless: password {SECRET}, header {expected_basic_header()}")
    assert client.get(httpserver.url_for("/private"), cache_ttl=600).text() == "private data"
    again = client.get(httpserver.url_for("/private"), cache_ttl=600)
    assert again.from_cache is False  # authenticated answers are never cached
    assert ResponseCache().size_bytes() == 0
    errors = []
    for path in ("/forbidden", "/busy"):
        with pytest.raises(NetworkError) as info:
            client.get(httpserver.url_for(path))
        errors.append(str(info.value))
    downloaded = client.download(httpserver.url_for("/private"), tmp_path / "private.txt")
    assert downloaded.read_text() == "private data"

    assert seen and all(header == expected_basic_header() for header in seen)
    assert "web service answered 403 (access forbidden)" in errors[0]
    assert "answered 503 (service unavailable) 4 times" in errors[1]
    token = expected_basic_header().split()[1]
    assert log_messages, "debug mode should have logged the requests"
    for text in errors + log_messages:
        assert SECRET not in text and token not in text


def test_api_key_header_from_authcfg_is_sent_and_not_cached(httpserver, basic_authcfg):
    seen = []

    def handler(request):
        seen.append(request.headers.get("X-INSEE-Api-Key-Integration"))
        return Response("{}", content_type="application/json")

    httpserver.expect_request("/sirene").respond_with_handler(handler)
    headers = apply_api_key_header({}, "X-INSEE-Api-Key-Integration", basic_authcfg)
    client = NetworkClient("web")
    client.get(httpserver.url_for("/sirene"), headers=headers, cache_ttl=600)
    client.get(httpserver.url_for("/sirene"), headers=headers, cache_ttl=600)
    assert seen == [SECRET, SECRET]
    assert ResponseCache().size_bytes() == 0
    with pytest.raises(AuthConfigError):
        apply_api_key_header({}, "X-Key", "missing1")

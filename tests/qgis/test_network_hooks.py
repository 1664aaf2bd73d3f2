"""The network layer's public hooks: ``follow_redirects``, ``retry_delay_from`` and ``download(headers, progress)``.

Real local servers (pytest-httpserver on 127.0.0.1); two servers on different ports are two origins. Timing
assertions are lower bounds on the server's own request timestamps (robust on a busy machine).
"""

from __future__ import annotations

import json
import time

import pytest
from pytest_httpserver import HTTPServer
from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsFeedback
from test_network import SECRET, TEST_MASTER_PASSWORD, expected_basic_header, fast_network  # noqa: F401 (autouse)
from werkzeug import Response

from terridata.toolbelt.network import NetworkClient, NetworkError


@pytest.fixture
def other_server():
    """A second local server: another port, hence another origin than ``httpserver``."""
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def authcfg():
    """A Basic authentication configuration (user ``alice``, password SECRET), as test_network.py's."""
    manager = QgsApplication.authManager()
    if manager.isDisabled():
        pytest.skip(f"QGIS authentication system disabled: {manager.disabledMessage()}")
    if not manager.masterPasswordIsSet():
        assert manager.setMasterPassword(TEST_MASTER_PASSWORD, True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("TerriData network hooks test")
    config.setConfig("username", "alice")
    config.setConfig("password", SECRET)
    ok, config = manager.storeAuthenticationConfig(config)
    assert ok and config.id()
    yield config.id()
    manager.removeAuthenticationConfig(config.id())


def redirect(location: str, status: int = 302) -> Response:
    return Response("", status=status, headers={"Location": location})


class ProgressRecorder(QgsFeedback):
    def __init__(self):
        super().__init__()
        self.values = []
        self.progressChanged.connect(self.values.append)


# --------------------------------------------------------------------------------------------- redirects


def test_redirects_followed_when_asked_with_headers_kept(httpserver, tmp_path):
    httpserver.expect_request("/old").respond_with_response(redirect("/new"))  # relative, as servers often say
    httpserver.expect_request("/new").respond_with_data("moved here", content_type="text/plain")
    httpserver.expect_request("/r/file").respond_with_response(redirect(httpserver.url_for("/files/data.csv"), 301))
    httpserver.expect_request("/files/data.csv").respond_with_data("a;b\n1;2\n", content_type="text/csv")
    client = NetworkClient("web", follow_redirects=True)

    response = client.get(httpserver.url_for("/old"), headers={"X-Asked": "yes"})
    assert response.status == 200 and response.content == b"moved here"
    final = [request for request, _ in httpserver.log if request.path == "/new"][-1]
    assert final.headers.get("X-Asked") == "yes" and final.headers.get("User-Agent", "").startswith("TerriData/")

    target = client.download(httpserver.url_for("/r/file"), tmp_path / "data.csv")
    assert target.read_bytes() == b"a;b\n1;2\n"


def test_download_does_not_follow_redirects_unless_asked(httpserver, tmp_path):
    httpserver.expect_request("/r/file").respond_with_response(redirect("/files/data.csv"))
    httpserver.expect_request("/files/data.csv").respond_with_data("a;b\n")
    with pytest.raises(NetworkError) as err:
        NetworkClient("web").download(httpserver.url_for("/r/file"), tmp_path / "data.csv")
    assert err.value.status == 302
    assert not (tmp_path / "data.csv").exists()
    assert not [r for r, _ in httpserver.log if r.path == "/files/data.csv"]


def test_cross_origin_redirect_followed_without_credentials(httpserver, other_server):
    other_server.expect_request("/t").respond_with_data("elsewhere")
    httpserver.expect_request("/r").respond_with_response(redirect(other_server.url_for("/t")))
    response = NetworkClient("web", follow_redirects=True).get(httpserver.url_for("/r"))
    assert response.content == b"elsewhere"
    assert len(other_server.log) == 1


@pytest.mark.parametrize("follow", [True, False])
def test_cross_origin_redirect_refused_with_an_authcfg(httpserver, other_server, authcfg, tmp_path, follow):
    other_server.expect_request("/t").respond_with_data("elsewhere")
    httpserver.expect_request("/r").respond_with_response(redirect(other_server.url_for("/t")))
    client = NetworkClient("web", authcfg=authcfg, follow_redirects=follow)

    with pytest.raises(NetworkError) as err:
        client.get(httpserver.url_for("/r"))
    assert "another address" in str(err.value) and f"127.0.0.1:{other_server.port}" in str(err.value)
    with pytest.raises(NetworkError, match="another address"):
        client.download(httpserver.url_for("/r"), tmp_path / "t.txt")
    assert not (tmp_path / "t.txt").exists()
    # the first server did get the credential; the second one never heard of it
    assert all(r.headers.get("Authorization") == expected_basic_header() for r, _ in httpserver.log)
    assert all("Authorization" not in r.headers for r, _ in other_server.log)
    assert not other_server.log


def test_same_origin_redirect_keeps_the_authcfg(httpserver, authcfg, tmp_path):
    httpserver.expect_request("/r").respond_with_response(redirect("/private"))
    httpserver.expect_request("/private", headers={"Authorization": expected_basic_header()}).respond_with_data("ok")
    client = NetworkClient("web", authcfg=authcfg, follow_redirects=True)
    assert client.get(httpserver.url_for("/r")).content == b"ok"
    assert client.download(httpserver.url_for("/r"), tmp_path / "p.txt").read_bytes() == b"ok"


def test_cross_origin_redirect_refused_with_a_credential_header(httpserver, other_server, tmp_path):
    other_server.expect_request("/t").respond_with_data("elsewhere")
    httpserver.expect_request("/r").respond_with_response(redirect(other_server.url_for("/t")))
    client = NetworkClient("web", follow_redirects=True)
    headers = {"Authorization": "Apikey HEADER-KEY-1234"}
    with pytest.raises(NetworkError, match="another address") as err:
        client.get(httpserver.url_for("/r"), headers=headers)
    assert "HEADER-KEY-1234" not in str(err.value)
    with pytest.raises(NetworkError, match="another address"):
        client.download(httpserver.url_for("/r"), tmp_path / "t.txt", headers=headers)
    assert not other_server.log


# --------------------------------------------------------------------------------------------- retry delay


def _timed_handler(times, answers):
    """A handler that notes when each request arrived and answers from ``answers`` in turn (the last repeats)."""

    def handle(request):
        times.append(time.monotonic())
        return answers[min(len(times), len(answers)) - 1]

    return handle


def test_retry_delay_from_reads_the_wait_in_the_body(httpserver, tmp_path):
    times = []
    busy = Response(json.dumps({"come_back_in": 1.0}), status=429, content_type="application/json")
    httpserver.expect_request("/busy").respond_with_handler(_timed_handler(times, [busy, Response("done")]))
    seen = []

    def from_body(response):
        seen.append(response.status)
        return response.json().get("come_back_in")

    client = NetworkClient("web", retry_delay_from=from_body)
    assert client.get(httpserver.url_for("/busy")).content == b"done"
    assert seen == [429] and len(times) == 2
    # the backoff setting is 0.05 s (max 0.2 s): a wait of 1 s can only come from the body
    assert times[1] - times[0] >= 0.95

    times.clear()
    dl_times = []
    busy503 = Response(json.dumps({"come_back_in": 1.0}), status=503, content_type="application/json")
    httpserver.expect_request("/dl").respond_with_handler(_timed_handler(dl_times, [busy503, Response("file")]))
    assert client.download(httpserver.url_for("/dl"), tmp_path / "f").read_bytes() == b"file"
    assert len(dl_times) == 2 and dl_times[1] - dl_times[0] >= 0.95


def test_retry_delay_from_none_falls_back_to_retry_after(httpserver):
    times = []
    busy = Response("busy", status=503, headers={"Retry-After": "1"})
    httpserver.expect_request("/busy").respond_with_handler(_timed_handler(times, [busy, Response("done")]))
    client = NetworkClient("web", retry_delay_from=lambda response: None)
    assert client.get(httpserver.url_for("/busy")).content == b"done"
    assert len(times) == 2 and times[1] - times[0] >= 0.95
    assert client.retry_delay(busy_response(429, {}), 1) == pytest.approx(0.05)  # then the settings' backoff
    assert client.retry_delay(busy_response(429, {}), 3) == pytest.approx(0.2)  # 0.05 × 4, capped at 0.2


def busy_response(status, headers, content=b""):
    from terridata.toolbelt.network import Response as NetResponse

    return NetResponse(status, headers, content)


def test_too_long_a_custom_wait_is_not_waited(httpserver):
    httpserver.expect_request("/busy").respond_with_data("busy", status=429)
    client = NetworkClient("web", retry_delay_from=lambda response: 3600)
    started = time.monotonic()
    with pytest.raises(NetworkError, match="try again later"):
        client.get(httpserver.url_for("/busy"))
    assert time.monotonic() - started < 30  # refused at once, not after an hour
    assert len(httpserver.log) == 1


# --------------------------------------------------------------------------------------------- download


def test_download_sends_headers_and_reports_progress(httpserver, tmp_path):
    chunk = b"x" * 65536
    chunks = 4

    def stream():
        for _ in range(chunks):
            yield chunk
            time.sleep(0.2)  # separate arrivals, so that progress moves in steps

    def handle(request):
        return Response(stream(), headers={"Content-Length": str(len(chunk) * chunks)}, content_type="text/csv")

    httpserver.expect_request("/big.csv", headers={"X-Portal-Key": "abc", "Accept": "text/csv"}).respond_with_handler(
        handle
    )
    progress = ProgressRecorder()
    target = NetworkClient("web").download(
        httpserver.url_for("/big.csv"),
        tmp_path / "big.csv",
        headers={"X-Portal-Key": "abc", "Accept": "text/csv"},
        progress=progress,
    )
    assert target.stat().st_size == len(chunk) * chunks
    assert progress.values and progress.values[-1] == pytest.approx(100.0)
    assert progress.values == sorted(progress.values)
    assert any(0 < value < 100 for value in progress.values)


def test_download_without_a_known_size_leaves_progress_alone(httpserver, tmp_path):
    def handle(request):
        return Response((b"y" * 1000 for _ in range(5)), content_type="text/plain")  # chunked: no Content-Length

    httpserver.expect_request("/stream").respond_with_handler(handle)
    progress = ProgressRecorder()
    target = NetworkClient("web").download(httpserver.url_for("/stream"), tmp_path / "s.txt", progress=progress)
    assert target.stat().st_size == 5000
    assert progress.values == []


def test_without_follow_a_credential_header_never_reaches_another_origin(httpserver, other_server):
    """Not asked to follow, a GET is left to QGIS's blocking request, which re-sends none of our headers."""
    other_server.expect_request("/t").respond_with_data("elsewhere")
    httpserver.expect_request("/r").respond_with_response(redirect(other_server.url_for("/t")))
    try:
        NetworkClient("web").get(httpserver.url_for("/r"), headers={"Authorization": "Apikey HEADER-KEY-1234"})
    except NetworkError as exc:
        assert "HEADER-KEY-1234" not in str(exc)
    assert httpserver.log[0][0].headers.get("Authorization") == "Apikey HEADER-KEY-1234"
    assert all("Authorization" not in r.headers for r, _ in other_server.log)

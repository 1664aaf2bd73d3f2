"""No secret leaves the network layer: URLs with credentials are refused, messages, echoed bodies and log lines are
scrubbed. Against local servers on 127.0.0.1 (pytest-httpserver) and the real ``terridata:ign_download``."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication, QgsProcessingException
from qgis.PyQt.QtCore import Qt
from werkzeug import Response

from terridata.toolbelt.http_cache import ResponseCache
from terridata.toolbelt.logger import PlgLogger
from terridata.toolbelt.network import CredentialsInUrl, NetworkClient, NetworkError
from terridata.toolbelt.rate_limiter import LIMITER

USER, PASSWORD, KEY = "alice", "pa55-W0rd-xyz", "K3Y-0123456789"


@pytest.fixture(autouse=True)
def network_settings(monkeypatch, qgis_app):
    for name, value in {
        "TERRIDATA_MAX_RETRIES": "0",
        "TERRIDATA_RATE_DEFAULT": "1000/1",
        "TERRIDATA_RATE_IGN_WFS": "1000/1",
        "TERRIDATA_CACHE_ENABLED": "true",
        "TERRIDATA_DEBUG_MODE": "true",  # every request logged: still nothing secret in the log
    }.items():
        monkeypatch.setenv(name, value)
    LIMITER.reset()
    yield
    LIMITER.reset()
    ResponseCache().clear()


@pytest.fixture
def log_messages():
    messages = []

    def record(message, tag, level):
        messages.append(message)

    log = QgsApplication.messageLog()
    log.messageReceived.connect(record, Qt.ConnectionType.DirectConnection)
    yield messages
    log.messageReceived.disconnect(record)


def with_credentials(url: str) -> str:
    """``url`` with user info and an API key, as a user might type it."""
    scheme, rest = url.split("://", 1)
    return f"{scheme}://{USER}:{PASSWORD}@{rest}?SERVICE=WFS&apikey={KEY}"


def assert_clean(text: str):
    for secret in (PASSWORD, KEY, f"{USER}:"):
        assert secret not in text, text


@pytest.mark.parametrize("method", ["get", "get_json", "post", "download"])
def test_url_with_credentials_is_refused_before_any_request(httpserver, tmp_path, method, log_messages):
    httpserver.expect_request("/wfs").respond_with_data("{}")
    url = with_credentials(httpserver.url_for("/wfs"))
    client = NetworkClient("ign_wfs")
    with pytest.raises(CredentialsInUrl) as info:
        if method == "download":
            client.download(url, tmp_path / "out.json")
        elif method == "post":
            client.post(url, data="x")
        else:
            getattr(client, method)(url)
    message = str(info.value)
    assert_clean(message)
    assert message.startswith(
        f"IGN Géoplateforme WFS: The address {httpserver.url_for('/wfs')}?SERVICE=WFS&apikey=*** contains a user "
        "name or password and a key or token (parameter 'apikey')."
    )
    assert "QGIS authentication configuration" in message
    assert info.value.url == httpserver.url_for("/wfs") + "?SERVICE=WFS&apikey=***"
    assert len(httpserver.log) == 0  # nothing was sent
    assert list(tmp_path.iterdir()) == []
    for line in log_messages:
        assert_clean(line)


def test_key_passed_as_a_parameter_by_code_is_refused_too(httpserver, log_messages):
    """A key in ``params`` would be in the URL as well, which QGIS's own network log shows on an error."""
    httpserver.expect_request("/wfs").respond_with_data("{}")
    with pytest.raises(CredentialsInUrl) as info:
        NetworkClient("ign_wfs").get(httpserver.url_for("/wfs"), params={"TYPENAMES": "a:b", "Token": KEY})
    message = str(info.value)
    assert_clean(message)
    assert "contains a key or token (parameter 'Token')" in message and "Token=***" in message
    assert len(httpserver.log) == 0
    PlgLogger.log(f"a careless caller logs {KEY}")  # the refused value is known to the sanitiser from now on
    for line in log_messages:
        assert_clean(line)


def test_echoed_credential_headers_are_scrubbed(httpserver, log_messages):
    """A server echoing the credential headers of the request in its error page: the echo is masked."""

    def echo(request):
        body = (
            f"<html><body>Denied. Authorization: {request.headers.get('Authorization')} "
            f"key={request.headers.get('X-Api-Key')} raw {request.headers.get('X-Api-Key')} user=bob</body></html>"
        )
        return Response(body, status=403, content_type="text/html")

    httpserver.expect_request("/api").respond_with_handler(echo)
    headers = {"Authorization": "Bearer tok-ABCdef-123456", "X-Api-Key": KEY}
    with pytest.raises(NetworkError) as info:
        NetworkClient("web").get(httpserver.url_for("/api"), headers=headers)
    message = str(info.value)
    assert_clean(message)
    assert "tok-ABCdef-123456" not in message
    assert message.endswith("The service said: Denied. Authorization: *** key=*** raw *** user=bob")
    for line in log_messages:
        assert_clean(line)
        assert "tok-ABCdef-123456" not in line


def test_logger_sanitises_every_message(log_messages):
    PlgLogger.log(f"request to https://{USER}:{PASSWORD}@h.example/wfs?apiKey={KEY}&page=2 failed", "warning")
    PlgLogger.debug(f'answer {{"access_token": "{KEY}", "ok": true}} Authorization: Basic YWxpY2U6cGE1NQ==')
    assert log_messages == [
        "request to https://h.example/wfs?apiKey=***&page=2 failed",
        'answer {"access_token": "***", "ok": true} Authorization: ***',
    ]


def run_ign_download_with_credentials(httpserver, tmp_path):
    import processing

    httpserver.expect_request("/wfs/ows").respond_with_data("unexpected", status=500)
    output = tmp_path / "out.gpkg"
    params = {"LAYER": 0, "SERVICE_URL": with_credentials(httpserver.url_for("/wfs/ows")), "OUTPUT": str(output)}
    with pytest.raises(QgsProcessingException) as info:
        processing.run("terridata:ign_download", params)
    return str(info.value), output


def test_ign_download_refuses_a_service_url_with_credentials(
    qgis_processing, terridata_provider, httpserver, tmp_path, log_messages
):
    """The refusal reaches every algorithm that takes a SERVICE_URL, without code of its own."""
    message, output = run_ign_download_with_credentials(httpserver, tmp_path)
    assert "contains a user name or password and a key or token (parameter 'apikey')" in message
    assert "QGIS authentication configuration" in message
    assert len(httpserver.log) == 0  # refused before any request
    assert not output.exists()
    for line in log_messages:  # what TerriData logged (its logger scrubs)
        assert_clean(line)


def test_ign_download_message_has_no_secret(qgis_processing, terridata_provider, httpserver, tmp_path):
    message, _ = run_ign_download_with_credentials(httpserver, tmp_path)
    assert_clean(message)


def test_ign_basemap_refuses_a_service_url_with_credentials(qgis_processing, terridata_provider, httpserver):
    """The basemap builds a QGIS layer URI (not a request of the network layer): it refuses such a URL itself."""
    import processing

    url = with_credentials(httpserver.url_for("/wms"))
    with pytest.raises(QgsProcessingException) as info:
        processing.run("terridata:ign_basemap", {"LAYER": "commune", "SERVICE": 1, "SERVICE_URL": url})
    assert "QGIS authentication configuration" in str(info.value)
    assert_clean(str(info.value))
    assert len(httpserver.log) == 0

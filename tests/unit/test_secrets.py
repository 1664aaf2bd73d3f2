"""The sanitiser (toolbelt/secrets.py): what it masks, what it keeps, and the refusal of credentials in URLs."""

import base64

import pytest

from terridata.toolbelt.secrets import (
    MASK,
    check_url_has_no_credentials,
    forget_secrets,
    is_secret_param,
    remember_basic_credentials,
    remember_header_secret,
    remember_secret,
    sanitize_url,
    scrub_text,
    url_credentials,
)


@pytest.fixture(autouse=True)
def no_known_secrets():
    forget_secrets()
    yield
    forget_secrets()


@pytest.mark.parametrize(
    "name",
    ["apikey", "APIKEY", "api_key", "apiKey", "key", "token", "access_token", "refresh_token", "password", "Password",
     "passwd", "pwd", "secret", "client_secret", "signature", "x-api-key", "X-Api-Key", "subscription.key"],
)  # fmt: skip
def test_secret_names(name):
    assert is_secret_param(name)


@pytest.mark.parametrize("name", ["typeName", "SERVICE", "monkey", "keyword", "page", "tokenizer", "user"])
def test_ordinary_names(name):
    assert not is_secret_param(name)


def test_sanitize_url_masks_user_info_and_secret_parameters():
    url = "http://user:password@host:8080/wfs?SERVICE=WFS&apiKey=K1&Signature=S2&count=5#access_token=T3"
    assert sanitize_url(url) == "http://host:8080/wfs?SERVICE=WFS&apiKey=***&Signature=***&count=5#***"


def test_scrub_text_masks_urls_headers_pairs_and_known_secrets():
    remember_secret("hunter2-long")
    text = (
        "Failed https://bob:pw@x.fr/a?token=abc&b=1, body: Authorization: Bearer eyJhbGciOi.J9x "
        '{"password": "p a s s", "apiKey":"K-42"} client_secret=zz9 echo hunter2-long.'
    )
    clean = scrub_text(text)
    for secret in ("bob", ":pw@", "abc", "eyJhbGciOi", "p a s s", "K-42", "zz9", "hunter2-long"):
        assert secret not in clean
    assert clean == (
        "Failed https://x.fr/a?token=***&b=1, body: Authorization: *** "
        '{"password": "***", "apiKey":"***"} client_secret=*** echo ***.'
    )


def test_scrub_text_keeps_ordinary_words():
    """Words next to auth vocabulary are not secrets: the message must stay readable."""
    text = "Basic authentication failed: invalid token provided for layer BDTOPO_V3:batiment (key: see docs)"
    assert scrub_text(text) == text.replace("key: see", "key: ***")
    assert scrub_text("The request timeout=30 s, count=5") == "The request timeout=30 s, count=5"
    assert scrub_text(None) == "" and scrub_text("") == ""


def test_known_secret_in_encoded_forms():
    remember_basic_credentials("alice", "s3cr3t P@ss")
    token = base64.b64encode(b"alice:s3cr3t P@ss").decode()
    text = f"denied Basic {token} for s3cr3t%20P%40ss and s3cr3t+P%40ss and s3cr3t P@ss"
    clean = scrub_text(text)
    assert "s3cr3t" not in clean and token not in clean
    assert clean.count(MASK) >= 4


def test_header_secret_is_masked_with_and_without_its_scheme():
    remember_header_secret("Authorization", "Bearer abcdefghijkl")
    assert scrub_text("the server said abcdefghijkl is expired") == "the server said *** is expired"


def test_short_secrets_are_not_masked_in_free_text():
    remember_secret("abc")
    assert scrub_text("abc def") == "abc def"


def test_scrub_is_idempotent():
    text = "https://u:p@h/x?apikey=K&x=1 password=p"
    once = scrub_text(text)
    assert scrub_text(once) == once


def test_extra_secrets_given_to_scrub_text():
    assert scrub_text("echo of TOKEN-VALUE-1", secrets=["TOKEN-VALUE-1"]) == "echo of ***"


def test_url_credentials_and_the_refusal_message():
    assert url_credentials("https://data.geopf.fr/wfs/ows?SERVICE=WFS") == []
    assert url_credentials("https://h/x?apikey=") == []  # an empty parameter carries nothing
    assert check_url_has_no_credentials("https://data.geopf.fr/wfs/ows") is None
    assert check_url_has_no_credentials("") is None
    assert url_credentials("http://user:password@host/wfs?apikey=XYZ&Token=T") == ["user info", "apikey", "Token"]
    message = check_url_has_no_credentials("http://user:password@host/wfs?apikey=XYZ&SERVICE=WFS")
    assert "user" not in message.split("contains")[0] and "password@" not in message and "XYZ" not in message
    assert message.startswith("The address http://host/wfs?apikey=***&SERVICE=WFS contains a user name or password")
    assert "a key or token (parameter 'apikey')" in message
    assert "QGIS authentication configuration" in message
    assert "user name" not in check_url_has_no_credentials("https://h/x?access_token=1")

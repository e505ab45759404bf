"""Sessions as an attacker tries them: guessing passwords, a signed-out cookie, HTTPS behind a proxy, framing."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import update

from store.db import open_store
from store.users import LoginFailure
from tests.web.conftest import csrf, log_in
from tests.web.data import PASSWORD
from web.app import create_app
from web.settings import HTTPS_ENV, PROXIES_ENV, Settings


def _try(client: TestClient, password: str, name: str = "olivia"):
    return client.post("/login", data={"name": name, "password": password, "csrf_token": csrf(client)},
                       follow_redirects=False)


def test_after_a_few_wrong_passwords_even_the_right_one_waits(client: TestClient, settings: Settings) -> None:
    for _ in range(settings.login_failures_per_name):
        assert _try(client, "wrong password").status_code == 401
    refused = _try(client, PASSWORD)
    assert refused.status_code == 429 and "Terlalu banyak percobaan masuk yang gagal" in refused.text
    assert 0 < int(refused.headers["retry-after"]) <= settings.login_window_seconds
    assert client.get("/queue", follow_redirects=False).status_code == 303
    assert _try(client, PASSWORD, "andi").status_code == 303, "another name is not held back"

    factory = open_store(settings.db_url)
    with factory.begin() as session:  # the window passes
        session.execute(update(LoginFailure).values(at=LoginFailure.at - timedelta(
            seconds=settings.login_window_seconds + 1)))
    assert _try(client, PASSWORD).status_code == 303
    assert client.get("/queue").status_code == 200


def test_many_wrong_passwords_from_one_address_are_held_back_across_names(settings: Settings) -> None:
    with TestClient(create_app(replace(settings, login_failures_per_client=3))) as client:
        for name in ("admin", "olivia", "andi"):
            assert _try(client, "wrong password", name).status_code == 401
        assert _try(client, PASSWORD, "andi").status_code == 429


def test_a_cookie_copied_before_sign_out_is_worth_nothing_after(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        token = log_in(client, "olivia")
        stolen = dict(client.cookies)
        assert client.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    with TestClient(create_app(settings), cookies=stolen) as thief:
        assert thief.get("/queue", follow_redirects=False).status_code == 303
        assert thief.get("/api/uploads/x", headers={"Accept": "application/json"}).status_code == 401


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    log_in(client, "olivia")
    for path in ("/login", "/queue", "/history", "/static/app.css", "/decrees/999999"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy, path
        assert "'unsafe-inline'" not in policy, path
        assert (headers["x-frame-options"], headers["x-content-type-options"], headers["referrer-policy"]) == (
            "DENY", "nosniff", "same-origin"), path
        assert "strict-transport-security" not in headers, path
    assert "onchange=" not in client.get("/history").text, "inline handlers would be blocked by the policy"


def test_behind_a_trusted_https_proxy_the_cookie_is_secure_and_browsers_stay_on_https(settings: Settings) -> None:
    proxied = replace(settings, https_only=True, trusted_proxies=("testclient",))
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    with TestClient(create_app(proxied)) as client:
        page = client.get("/login", headers=forwarded)
        assert page.headers["strict-transport-security"].startswith("max-age=")
        assert "secure" in page.headers["set-cookie"].lower()
        assert "strict-transport-security" not in client.get("/login").headers, "no HSTS over plain HTTP"
    with TestClient(create_app(replace(proxied, trusted_proxies=("10.0.0.1",)))) as untrusted:
        assert "strict-transport-security" not in untrusted.get("/login", headers=forwarded).headers


def test_https_and_proxies_come_from_the_environment_when_not_given(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(HTTPS_ENV, "1")
    monkeypatch.setenv(PROXIES_ENV, "127.0.0.1, 10.0.0.2")
    monkeypatch.setenv("IKI_SECRET", "s" * 40)
    found = Settings.from_env(f"sqlite:///{tmp_path / 'iki.db'}")
    assert found.https_only and found.trusted_proxies == ("127.0.0.1", "10.0.0.2")
    assert not Settings.from_env(f"sqlite:///{tmp_path / 'iki.db'}", https=False).https_only

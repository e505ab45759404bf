"""Fixtures of the web tests: a store holding the sample decrees (text and PDF) with their files, and users.

The store is built once per session and copied for each test, so every test
starts from the same data and may change it freely.
"""
from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.web.data import PASSWORD, build_store, settings_for
from web.app import create_app
from web.settings import Settings

TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')


@pytest.fixture(scope="session")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("web-store")
    build_store(folder)
    return folder


@pytest.fixture
def settings(template_store: Path, tmp_path: Path) -> Settings:
    """A private copy of the session's store."""
    folder = tmp_path / "store"
    shutil.copytree(template_store, folder)
    return settings_for(folder)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def csrf(client: TestClient, path: str = "/login") -> str:
    """The CSRF token the page at `path` carries for this client's session."""
    found = TOKEN.search(client.get(path).text)
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def log_in(client: TestClient, name: str) -> str:
    """Sign `name` in and return the session's CSRF token."""
    response = client.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": csrf(client)},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
    return csrf(client, "/history")

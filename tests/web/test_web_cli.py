"""`iki user add`: users created on the command line can sign in; passwords are kept only as argon2 hashes."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from pipeline.cli import app as cli
from store.db import open_store
from store.users import User
from tests.web.conftest import csrf
from web.app import create_app
from web.settings import Settings

PASSWORD = "a long password"


@pytest.mark.parametrize("role", ["officer", "analyst"])
def test_user_add_then_log_in(settings: Settings, role: str) -> None:
    result = CliRunner().invoke(cli, ["user", "add", "nadia", "--role", role, "--password", PASSWORD,
                                      "--db", settings.db_url])
    assert result.exit_code == 0, result.output
    with open_store(settings.db_url)() as session:
        stored = session.scalars(select(User).where(User.name == "nadia")).one()
    assert stored.role == role and stored.password_hash.startswith("$argon2id$")
    assert PASSWORD not in stored.password_hash
    with TestClient(create_app(settings)) as client:
        response = client.post("/login", data={"name": "nadia", "password": PASSWORD, "csrf_token": csrf(client)},
                               follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"] == "/"
        assert client.get("/", follow_redirects=False).headers["location"] == (
            "/queue" if role == "officer" else "/compare")


def test_user_add_prompts_for_the_password(settings: Settings) -> None:
    result = CliRunner().invoke(cli, ["user", "add", "sari", "--role", "admin", "--db", settings.db_url],
                                input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("args", "message"), [
    (["--role", "boss", "--password", PASSWORD], "is not one of"),
    (["--role", "officer", "--password", "short"], "at least 8"),
    (["--role", "officer", "--password", PASSWORD], "exists already"),
])
def test_user_add_refuses_bad_input(settings: Settings, args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["user", "add", "olivia", *args, "--db", settings.db_url])
    assert result.exit_code != 0 and message in result.output

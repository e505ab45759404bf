"""Where the app's secret and files live when `iki serve` starts without being told."""
from __future__ import annotations

import stat
from pathlib import Path

import pytest

from web.settings import SECRET_ENV, Settings


def test_secret_is_generated_once_beside_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)
    url = f"sqlite:///{tmp_path / 'data' / 'iki.db'}"
    (tmp_path / "data").mkdir()
    first, second = Settings.from_env(url), Settings.from_env(url)
    assert first.secret == second.secret and len(first.secret) >= 40
    kept = tmp_path / "data" / "iki-web.secret"
    assert kept.read_text() == first.secret and stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert first.files_dir == tmp_path / "data" / "iki-files"


def test_environment_secret_and_limits_win(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_ENV, "from-the-environment")
    monkeypatch.setenv("IKI_MAX_UPLOAD_MB", "2")
    settings = Settings.from_env(f"sqlite:///{tmp_path / 'iki.db'}")
    assert settings.secret == "from-the-environment" and settings.max_upload_bytes == 2 * 1024 * 1024
    assert not (tmp_path / "iki-web.secret").exists()
    assert Settings.from_env(f"sqlite:///{tmp_path / 'iki.db'}", max_upload_mb=0.5).max_upload_bytes == 512 * 1024

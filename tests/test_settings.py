"""Production refuses to start with development secrets or DEBUG; malformed values fail loudly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

DEVELOPMENT_FIELD_KEY = "ZGV2ZWxvcG1lbnQtb25seS1maWVsZC1rZXktMzJieXQ="

GOOD_PRODUCTION = {
    "RANKFILE_ENV": "production",
    "SECRET_KEY": "production-secret-key-for-the-tests-only-0123456789",
    "FIELD_ENCRYPTION_KEYS": "cHJvZHVjdGlvbi1rZXktZm9yLXRlc3RzLW9ubHktMzI=",
    "PLEDGE_KEY": "p" * 50,
    "BALLOT_KEY": "b" * 50,
    "DEBUG": "false",
}


def production_env(**overrides: str) -> dict[str, str]:
    # Not what the tests' own process set (e.g. DJANGO_ALLOW_ASYNC_UNSAFE for the browser tests).
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in GOOD_PRODUCTION and not k.startswith("DJANGO_")
    }
    env.update(overrides)
    env["DATABASE_URL"] = "sqlite:///:memory:"
    return env


def load_settings(**overrides: str) -> subprocess.CompletedProcess[str]:
    env = production_env(**overrides)
    return subprocess.run(
        [sys.executable, "-c", "import rankfile.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_it_starts_in_production_with_real_secrets() -> None:
    result = load_settings(**GOOD_PRODUCTION)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("SECRET_KEY", "development-only-secret-key-never-use-in-production", "SECRET_KEY"),
        ("DEBUG", "true", "DEBUG must be off"),
        (
            "FIELD_ENCRYPTION_KEYS",
            "ZGV2ZWxvcG1lbnQtb25seS1maWVsZC1rZXktMzJieXQ=",
            "FIELD_ENCRYPTION_KEYS",
        ),
        ("PLEDGE_KEY", "development-only-pledge-key", "PLEDGE_KEY"),
        ("BALLOT_KEY", "development-only-ballot-key", "BALLOT_KEY"),
    ],
)
def test_it_refuses_development_values_in_production(name: str, value: str, message: str) -> None:
    result = load_settings(**{**GOOD_PRODUCTION, name: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_it_fails_loudly_on_a_malformed_boolean() -> None:
    result = load_settings(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_it_fails_loudly_on_a_malformed_number() -> None:
    result = load_settings(LOGIN_RATE_LIMIT="ten")
    assert result.returncode != 0
    assert "LOGIN_RATE_LIMIT must be a whole number" in result.stderr


def test_it_creates_no_folder_when_loaded(tmp_path: Path) -> None:
    data = tmp_path / "data"
    # Not what the tests' own process set (e.g. DJANGO_ALLOW_ASYNC_UNSAFE for the browser tests).
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in GOOD_PRODUCTION and not k.startswith("DJANGO_")
    }
    env.update(RANKFILE_DATA_DIR=str(data), DATABASE_URL=f"sqlite:///{data / 'db' / 'x.sqlite3'}")
    result = subprocess.run(
        [sys.executable, "-c", "import rankfile.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == []

"""Production start-up: `check --deploy` is clean with real keys; development or missing keys refuse."""

import os
import secrets
import subprocess
import sys

import pytest

SECRET = secrets.token_urlsafe(48)  # 64 characters
FIELD_KEY = secrets.token_urlsafe(32)  # 43 characters


def concentric(*args: str, data_dir, **env: str) -> subprocess.CompletedProcess:
    """Run the console script in a fresh process with only the given CONCENTRIC_* variables."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CONCENTRIC_")}
    environment.update(CONCENTRIC_DATA_DIR=str(data_dir), **env)
    return subprocess.run(
        [sys.executable, "-m", "concentric.cli", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_no_issue_with_real_keys(tmp_path):
    result = concentric(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        data_dir=tmp_path,
        CONCENTRIC_DEBUG="0",
        CONCENTRIC_SECRET_KEY=SECRET,
        CONCENTRIC_FIELD_KEY=FIELD_KEY,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("System check identified no issues")
    assert "WARNING" not in result.stderr
    assert not (tmp_path / "dev-secret-key").exists()


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ({"CONCENTRIC_SECRET_KEY": "dev-" + SECRET, "CONCENTRIC_FIELD_KEY": FIELD_KEY},
         "CONCENTRIC_SECRET_KEY is a development key; set a real one for production"),
        ({"CONCENTRIC_SECRET_KEY": SECRET, "CONCENTRIC_FIELD_KEY": "dev-" + FIELD_KEY},
         "CONCENTRIC_FIELD_KEY is a development key; set a real one for production"),
        ({"CONCENTRIC_FIELD_KEY": FIELD_KEY}, "CONCENTRIC_SECRET_KEY is required when CONCENTRIC_DEBUG is off"),
        ({"CONCENTRIC_SECRET_KEY": SECRET}, "CONCENTRIC_FIELD_KEY is required when CONCENTRIC_DEBUG is off"),
        ({"CONCENTRIC_SECRET_KEY": SECRET[:49], "CONCENTRIC_FIELD_KEY": FIELD_KEY},
         "CONCENTRIC_SECRET_KEY must be at least 50 characters"),
    ],
    ids=["dev-secret", "dev-field-key", "missing-secret", "missing-field-key", "short-secret"],
)
def test_production_refuses_to_start_without_real_keys(tmp_path, keys, message):
    result = concentric("check", data_dir=tmp_path, CONCENTRIC_DEBUG="0", **keys)
    assert result.returncode == 2
    assert result.stderr == f"concentric: configuration error: {message}\n"
    assert result.stdout == ""


def test_debug_off_is_the_default(tmp_path):
    result = concentric("check", data_dir=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "concentric: configuration error: CONCENTRIC_SECRET_KEY is required when CONCENTRIC_DEBUG is off\n"

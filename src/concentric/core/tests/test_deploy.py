"""Production start-up: `check --deploy` is clean with real keys; development or missing keys refuse."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import django
import pytest

from concentric.cli import DEVELOPMENT_HINT, asks_only_for_help

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
        (
            {"CONCENTRIC_SECRET_KEY": "dev-" + SECRET, "CONCENTRIC_FIELD_KEY": FIELD_KEY},
            "CONCENTRIC_SECRET_KEY is a development key; set a real one for production",
        ),
        (
            {"CONCENTRIC_SECRET_KEY": SECRET, "CONCENTRIC_FIELD_KEY": "dev-" + FIELD_KEY},
            "CONCENTRIC_FIELD_KEY is a development key; set a real one for production",
        ),
        ({"CONCENTRIC_FIELD_KEY": FIELD_KEY}, "CONCENTRIC_SECRET_KEY is required when CONCENTRIC_DEBUG is off"),
        ({"CONCENTRIC_SECRET_KEY": SECRET}, "CONCENTRIC_FIELD_KEY is required when CONCENTRIC_DEBUG is off"),
        (
            {"CONCENTRIC_SECRET_KEY": SECRET[:49], "CONCENTRIC_FIELD_KEY": FIELD_KEY},
            "CONCENTRIC_SECRET_KEY must be at least 50 characters",
        ),
    ],
    ids=["dev-secret", "dev-field-key", "missing-secret", "missing-field-key", "short-secret"],
)
def test_production_refuses_to_start_without_real_keys(tmp_path, keys, message):
    result = concentric("check", data_dir=tmp_path, CONCENTRIC_DEBUG="0", **keys)
    assert result.returncode == 2
    hint = DEVELOPMENT_HINT if "is required" in message else ""  # a key left unset: perhaps meant for development
    assert result.stderr == f"concentric: configuration error: {message}\n{hint}"
    assert result.stdout == ""


def test_debug_off_is_the_default(tmp_path):
    result = concentric("check", data_dir=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "concentric: configuration error: CONCENTRIC_SECRET_KEY is required when CONCENTRIC_DEBUG is off\n"
        + DEVELOPMENT_HINT
    )


def console_script(*args: str, cwd, **env: str) -> subprocess.CompletedProcess:
    """The installed ``concentric`` script (so that it names itself so) in ``cwd``, with only the
    given CONCENTRIC_* variables."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CONCENTRIC_")}
    environment.update(env)
    script = Path(sys.executable).parent / "concentric"
    return subprocess.run([str(script), *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=120)


HELP_KEYS = {
    "no-keys": {},
    "development-keys-in-production": {
        "CONCENTRIC_SECRET_KEY": "dev-" + SECRET,
        "CONCENTRIC_FIELD_KEY": "dev-" + FIELD_KEY,
    },
    "debug": {"CONCENTRIC_DEBUG": "1"},
}


@pytest.mark.parametrize("env", HELP_KEYS.values(), ids=HELP_KEYS.keys())
def test_help_needs_no_keys_and_creates_nothing(tmp_path, env):
    main = console_script("--help", cwd=tmp_path, **env)
    assert (main.returncode, main.stderr) == (0, "")
    assert "Type 'concentric help <subcommand>' for help on a specific subcommand." in main.stdout
    listed = main.stdout.split()
    assert {"[people]", "import", "export", "[core]", "serve", "worker", "demo", "bench", "bootstrap"} <= set(listed)
    for args in (["help", "import"], ["import", "--help"], ["import", "people", "-h"]):
        command = console_script(*args, cwd=tmp_path, **env)
        assert (command.returncode, command.stderr) == (0, ""), args
        assert command.stdout.startswith("usage: concentric import "), args
        assert "--dry-run" in command.stdout and "--allow-partial" in command.stdout
    assert console_script("help", "serve", cwd=tmp_path, **env).stdout.startswith("usage: concentric serve ")
    assert console_script(cwd=tmp_path, **env).returncode == 0  # no arguments: the main help
    assert console_script("--version", cwd=tmp_path, **env).stdout.strip() == django.get_version()
    assert list(tmp_path.iterdir()) == []  # no data dir, no development key


def test_help_mode_is_only_for_help(tmp_path):
    assert asks_only_for_help(["concentric"]) and asks_only_for_help(["concentric", "help", "import"])
    assert asks_only_for_help(["concentric", "export", "people", "--user", "x", "-h"])
    assert not asks_only_for_help(["concentric", "import", "people", "-h.xlsx"])
    assert not asks_only_for_help(["concentric", "dbshell", "--", "--help"])
    assert not asks_only_for_help(["concentric", "check", "--deploy"])
    # A real command without keys is still refused, with the way to the development instance.
    refused = console_script("import", "people", "f.xlsx", "--unit", "U", "--user", "u", cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr == (
        "concentric: configuration error: CONCENTRIC_SECRET_KEY is required when CONCENTRIC_DEBUG is off\n"
        + DEVELOPMENT_HINT
    )

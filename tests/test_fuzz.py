"""The API under schemathesis, against a live test server with the demo data, as a community worker
(东坡社区) and as the read-only subdistrict leader (湖滨街道): every operation of /api/v1/schema/,
every phase (examples, coverage, fuzzing, then stateful sequences along the schema's links) with
a time budget per role. Fails on any server error, any answer outside the documented schema
(status, media type, body, headers), an unauthenticated request let through, and any object of
a unit outside the role's in an answer. Each run's summary is written to
test-artifacts/fuzz-<role>-<database>.txt.

The live server works on the test database, emptied after the test, so the fuzzer's writes do
not leak into other tests; uploads go to a temporary folder. CONCENTRIC_FUZZ_SECONDS,
CONCENTRIC_FUZZ_EXAMPLES and CONCENTRIC_FUZZ_SEED widen or vary the hunt."""

import os
from pathlib import Path

import pytest
from django.db import connection

from concentric.accounts.models import User
from tests.fuzz_support import ROLES, Foreign, api_token, load_world, run_schemathesis, scope_check

pytestmark = pytest.mark.fuzz

SECONDS = int(os.environ.get("CONCENTRIC_FUZZ_SECONDS", "90"))  # per role; fuzzing and stateful fill it
EXAMPLES = int(os.environ.get("CONCENTRIC_FUZZ_EXAMPLES", "15"))  # per operation, each turn of fuzzing
SEED = int(os.environ.get("CONCENTRIC_FUZZ_SEED", "20261114"))  # fixed: a failure can be replayed
STEPS = 6  # requests per stateful scenario
REPORTS = Path(__file__).resolve().parents[1] / "test-artifacts"


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    storage = settings.STORAGES["default"]
    settings.STORAGES = {**settings.STORAGES, "default": {**storage, "OPTIONS": {"location": tmp_path / "media"}}}
    load_world()


def config(base_url: str, token: str) -> dict:
    return {
        "seed": SEED,
        "max-time": SECONDS,
        "base-url": base_url,
        # One connection per request: the test server answers keep-alive connections slowly, and
        # no thread of it outlives the test.
        "headers": {"Authorization": f"Token {token}", "Connection": "close"},
        "generation": {"max-examples": EXAMPLES, "database": "none"},
        "phases": {"stateful": {"enabled": True, "max-steps": STEPS}},
        # Every check but two that report choices, not defects: schema-valid ids of no visible
        # record are refused with 400 (positive_data_acceptance), and paging, boolean filters and
        # empty choices are read leniently, as DRF and django-filter do (negative_data_rejection).
        "checks": {
            "enabled": True,
            "positive_data_acceptance": {"enabled": False},
            "negative_data_rejection": {"enabled": False},
        },
        "continue-on-failure": True,
    }


@pytest.mark.parametrize("role", sorted(ROLES))
def test_the_api_holds_under_fuzzing(world, live_server, role, capsys):
    scope_check.foreign = Foreign.of(User.objects.get(username=ROLES[role]))
    scope_check.checked = {"json": 0, "export": 0}
    try:
        summary = run_schemathesis(f"{live_server.url}/api/v1/schema/", config(live_server.url, api_token(role)))
    finally:
        scope_check.foreign = None
    headline = (
        f"fuzz {role} (seed {SEED}): {summary.requests} requests in {summary.seconds:.0f} s,"
        f" {summary.scenarios} scenarios, stopped: {summary.stop_reason}; {len(summary.failures)} failures,"
        f" {len(summary.errors)} errors; answers checked for other units: {scope_check.checked}\n"
        f"phases: {summary.phases}"
    )
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / f"fuzz-{role}-{connection.vendor}.txt").write_text(
        "\n\n".join([headline, *summary.errors, *summary.failures]) + "\n"
    )
    with capsys.disabled():
        print(f"\n{headline}")  # noqa: T201  the run's summary on the terminal, past pytest's capture, on purpose
    assert summary.errors == []
    assert summary.failures == []
    assert summary.stop_reason in ("max_time", "completed")  # not a server that stopped answering
    assert scope_check.checked["json"] >= 20  # the scope check did look into answers

"""`concentric bench` as a user runs it: its own process, its own database, peers included."""

import json
import os
import subprocess
import sys

import pytest


@pytest.fixture
def fresh_instance(tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("CONCENTRIC_DATABASE", "DJANGO_"))}
    env.update(CONCENTRIC_DEBUG="1", CONCENTRIC_DATA_DIR=str(tmp_path))
    if os.environ.get("CONCENTRIC_DATABASE_URL", "").startswith("postgres"):
        pytest.skip("the SQLite run covers the process; PostgreSQL would need a database of its own")
    return env


def test_bench_reports_the_peers_beside_our_figures(fresh_instance):
    command = [sys.executable, "-m", "concentric.cli", "bench", "--members", "300", "--samples", "2"]
    result = subprocess.run(command, capture_output=True, text=True, env=fresh_instance, timeout=600)
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    peers = {peer["name"]: peer for peer in report["peers"]}
    assert "admin changelist" in peers["list_page_p95"]["peer"]
    assert "django-import-export" in peers["import_rows_per_second"]["peer"]
    ours = next(figure for figure in report["figures"] if figure["name"] == "import_rows_per_second")
    assert peers["import_rows_per_second"]["ours"] == pytest.approx(ours["value"], rel=1e-3)
    for peer in peers.values():
        assert peer["ours"] > 0 and peer["peer_value"] > 0
        assert peer["ratio"] == pytest.approx(peer["ours"] / peer["peer_value"], rel=1e-2)
    assert not any("could not be measured" in note for note in report["notes"])

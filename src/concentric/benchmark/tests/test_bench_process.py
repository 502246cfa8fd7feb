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


def test_bench_measures_ours_against_the_peers(fresh_instance):
    command = [sys.executable, "-m", "concentric.cli", "bench", "--members", "300", "--samples", "2"]
    result = subprocess.run(command, capture_output=True, text=True, env=fresh_instance, timeout=600)
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    figures = {figure["name"]: figure for figure in report["figures"]}
    assert not report["notes"], report["notes"]  # every peer measured
    kinds = ("list", "search_name2", "search_pinyin", "search_initials", "search_phone4")
    for kind in kinds:
        versus_admin = figures[f"{kind}_page_p95_vs_admin"]
        assert "admin changelist" in versus_admin["detail"]["peer"] and versus_admin["target"] == 0.5
    versus_peer = figures["import_vs_import_export"]
    assert "django-import-export" in versus_peer["detail"]["peer"] and versus_peer["better"] == "higher"
    assert set(figures) >= {"import_vs_floor", "import_peak_memory", "export_csv_vs_floor", "export_xlsx_vs_xlsxwriter"}
    for figure in figures.values():
        assert figure["limit"] > 0 and (figure["value"] > 0 or figure["unit"] == "MB")  # 300 rows may not grow memory
        assert figure["ratio"] == pytest.approx(
            figure["value"] / figure["limit"], rel=0.05, abs=1e-3
        )  # both rounded to 0.001
    assert result.returncode == (0 if report["met"] else 1)

"""Run the peer process and turn its timings into side-by-side entries of the report."""

import json
import subprocess
import sys


class PeerFailed(RuntimeError):
    pass


def run_peer_process(*args: str, timeout: int = 3600) -> dict:
    """The peer process's JSON; it reads the same environment, so the same database."""
    command = [sys.executable, "-m", "concentric.benchmark.peers.process", *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise PeerFailed(
            result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"exit {result.returncode}"
        )
    return json.loads(result.stdout.strip().splitlines()[-1])


def side_by_side(name: str, ours: float, peer: float, *, unit: str, peer_name: str, better: str = "lower") -> dict:
    """One comparison: our figure, the peer's, and ours / peer (below 1 is better for times)."""
    return {
        "name": name,
        "peer": peer_name,
        "unit": unit,
        "better": better,
        "ours": round(ours, 3),
        "peer_value": round(peer, 3),
        "ratio": round(ours / peer, 3) if peer else None,
    }


def list_page_vs_admin(user_id: int, samples: int) -> dict:
    timings = run_peer_process("pages", "--user", str(user_id), "--samples", str(samples))
    return side_by_side(
        "list_page_p95",
        timings["registry_list_p95_ms"],
        timings["admin_changelist_p95_ms"],
        unit="ms",
        peer_name="Django admin changelist (list_display, list_select_related, 50 per page)",
    )


def import_with_import_export(workbook, unit_id: int) -> dict:
    """django-import-export's import of the bench's workbook (a dry run: saved, then rolled back)."""
    result = run_peer_process("import", "--file", str(workbook), "--unit", str(unit_id))
    if result["row_errors"] or result["invalid_rows"]:
        raise PeerFailed(f"django-import-export refused {result['row_errors'] + result['invalid_rows']} rows")
    return result


def import_side_by_side(ours_rows_per_second: float, peer_result: dict) -> dict:
    return side_by_side(
        "import_rows_per_second",
        ours_rows_per_second,
        peer_result["rows_per_second"],
        unit="rows/s",
        better="higher",
        peer_name="django-import-export 4.4 ModelResource.import_data (row by row, dry run: saved, then rolled back)",
    )

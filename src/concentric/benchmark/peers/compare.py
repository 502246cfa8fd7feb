"""Run the peer process and turn its timings into figures of the report."""

import json
import subprocess  # nosec B404  # runs our own peer process: our interpreter, a fixed argv, no shell
import sys

from concentric.benchmark.report import Figure


class PeerFailed(RuntimeError):
    pass


def run_peer_process(*args: str, timeout: int = 3600) -> dict:
    """The peer process's JSON; it reads the same environment, so the same database."""
    command = [sys.executable, "-m", "concentric.benchmark.peers.process", *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)  # nosec B603  # no shell
    if result.returncode != 0:
        raise PeerFailed(
            result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"exit {result.returncode}"
        )
    return json.loads(result.stdout.strip().splitlines()[-1])


ADMIN_TARGET = 0.5
ADMIN = (
    "Django admin changelist (list_display of the same columns, list_select_related, 50 per page, search_fields name)"
)


def pages_vs_admin(user_id: int, terms: dict[str, str], samples: int) -> list[Figure]:
    """Our member list and each search against the stock admin changelist of the same rows (the
    measured user's scope), fetched alternately in the peer process; the admin's own search for the
    same term (``search_fields`` name) is in the detail."""
    timings = run_peer_process(
        "pages", "--user", str(user_id), "--samples", str(samples), "--terms", json.dumps(terms, ensure_ascii=False)
    )
    figures = []
    for name, timing in timings.items():
        detail = {"peer": ADMIN, "samples": samples}
        if name != "list":
            detail |= {
                "term": terms[name.removeprefix("search_")],
                "admin_search_p95_ms": round(timing["admin_search"], 3),
            }
        figures.append(
            Figure(f"{name}_page_p95_vs_admin", timing["ours"], timing["admin"], ADMIN_TARGET, detail=detail)
        )
    return figures


def import_with_import_export(workbook, unit_id: int) -> dict:
    """django-import-export's import of the bench's workbook (a dry run: saved, then rolled back)."""
    result = run_peer_process("import", "--file", str(workbook), "--unit", str(unit_id))
    if result["row_errors"] or result["invalid_rows"]:
        raise PeerFailed(f"django-import-export refused {result['row_errors'] + result['invalid_rows']} rows")
    return result

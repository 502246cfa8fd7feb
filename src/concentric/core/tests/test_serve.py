"""``concentric serve --with-worker``: gunicorn answers /healthz, the task worker runs beside it as
a child process and stops with it."""

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children_of(pid: int) -> dict[int, str]:
    """pid -> command line of the direct children of ``pid`` (Linux /proc)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except OSError:
            continue
        ppid = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("PPid:"))
        if ppid == pid:
            found[int(entry.name)] = cmdline
    return found


def alive(pid: int) -> bool:
    try:
        state = next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("State:"))
    except (OSError, StopIteration):
        return False
    return "zombie" not in state


MODES = {
    "development": {"CONCENTRIC_DEBUG": "1"},
    # Production runs `check --deploy` before serving; /healthz is exempt from the HTTPS redirect.
    "production": {
        "CONCENTRIC_DEBUG": "0",
        "CONCENTRIC_SECRET_KEY": secrets.token_urlsafe(48),
        "CONCENTRIC_FIELD_KEY": secrets.token_urlsafe(32),
    },
}


@pytest.fixture(params=sorted(MODES))
def instance_env(request, tmp_path):
    """An instance on its own SQLite file, whatever database the suite runs on."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONCENTRIC_")}
    env.update(MODES[request.param], CONCENTRIC_DATA_DIR=str(tmp_path))
    subprocess.run([sys.executable, "-m", "concentric.cli", "migrate", "-v", "0"], env=env, check=True, timeout=300)
    return env


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads child processes from /proc")
def test_serve_with_worker_answers_healthz_and_stops_its_worker(instance_env, tmp_path):
    port = free_port()
    log = (tmp_path / "serve.log").open("w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "concentric.cli", "serve", "--port", str(port), "--workers", "1", "--with-worker"],
        env=instance_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        body = None
        deadline = time.monotonic() + 60
        while body is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                    body = (response.status, response.headers["Content-Type"], json.load(response))
            except OSError:
                time.sleep(0.3)
        log.seek(0)
        assert body == (200, "application/json", {"status": "ok", "database": "ok"}), log.read()
        deadline = time.monotonic() + 20
        workers = {}
        while not workers and time.monotonic() < deadline:
            workers = {
                pid: cmd for pid, cmd in children_of(server.pid).items() if cmd.endswith("concentric.cli worker")
            }
            time.sleep(0.2)
        assert len(workers) == 1, children_of(server.pid)
        (worker_pid,) = workers
    finally:
        server.send_signal(signal.SIGTERM)
        returncode = server.wait(timeout=60)
    assert returncode == 0
    assert not alive(worker_pid)

"""Running the periodic housekeeping apps register (core.registry.add_periodic) inside the task
worker: each task when it is due, in a daemon thread beside the worker's loop, on its own
database connection. A failing task is logged and tried again at its next time."""

import logging
import threading
import time

from django.db import connection

from concentric.core import registry

logger = logging.getLogger(__name__)
TICK_SECONDS = 5.0


def run_due(last_run: dict[str, float], now: float | None = None) -> dict[str, int]:
    """Run every registered task whose interval has passed since ``last_run`` (name -> time,
    updated); answers what each run task reported."""
    now = time.monotonic() if now is None else now
    done = {}
    for task in registry.periodic():
        if task.name in last_run and now - last_run[task.name] < task.every_seconds:
            continue
        last_run[task.name] = now
        try:
            done[task.name] = task.run()
        except Exception:
            logger.exception("periodic task %r failed", task.name)
    return done


class PeriodicThread(threading.Thread):
    def __init__(self, tick: float = TICK_SECONDS):
        super().__init__(name="concentric-periodic", daemon=True)
        self.tick = tick
        self.stopping = threading.Event()

    def run(self):
        last_run: dict[str, float] = {}
        while not self.stopping.is_set():
            try:
                run_due(last_run)
            finally:
                connection.close()
            self.stopping.wait(self.tick)

    def stop(self):
        self.stopping.set()

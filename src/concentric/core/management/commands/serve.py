"""``concentric serve``: the production web server (gunicorn), optionally with the task worker."""

import subprocess  # nosec B404  # starts the task worker: our interpreter, a fixed argv, no shell
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from gunicorn.app.base import BaseApplication

from concentric.core.env import env_int


class ConcentricServer(BaseApplication):
    """Gunicorn configured from our options instead of its command line or a config file."""

    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        # The project's WSGI application, named by the WSGI_APPLICATION setting.
        from django.core.servers.basehttp import get_internal_wsgi_application

        return get_internal_wsgi_application()


class TaskWorker:
    """``concentric worker`` as a child process of the gunicorn master (hooks run in the master only)."""

    def __init__(self):
        self.process: subprocess.Popen | None = None

    def start(self, server) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "concentric.cli", "worker"])  # nosec B603  # a fixed argv, no shell
        server.log.info("Started the task worker (pid %s)", self.process.pid)

    def stop(self, server) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        server.log.info("Stopped the task worker")


class Command(BaseCommand):
    help = "Serve Concentric with gunicorn (production server); --with-worker also runs the task worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8000, help="port to bind (default 8000)")
        parser.add_argument(
            "--workers",
            type=int,
            default=env_int("CONCENTRIC_WEB_WORKERS", 2),
            help="gunicorn worker processes (default CONCENTRIC_WEB_WORKERS or 2)",
        )
        parser.add_argument("--with-worker", action="store_true", help="also run the background task worker")

    def handle(self, *args, host, port, workers, with_worker, **options):
        if workers < 1:
            raise CommandError("--workers must be at least 1")
        if not settings.DEBUG:
            # Production: refuse to start on any deployment error (warnings are printed).
            call_command("check", deploy=True, fail_level="ERROR")
        connections.close_all()  # no database connection may be shared with forked workers
        gunicorn_options = {
            "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
            "workers": workers,
            "accesslog": "-",
            "errorlog": "-",
            "control_socket_disable": True,  # no socket in $HOME: several instances may run side by side
            "proc_name": "concentric",
        }
        if with_worker:
            task_worker = TaskWorker()
            gunicorn_options["when_ready"] = task_worker.start
            gunicorn_options["on_exit"] = task_worker.stop
        self.stdout.write(f"Concentric serving at http://{host}:{port}/ (Ctrl-C stops)")
        ConcentricServer(gunicorn_options).run()

"""``concentric worker``: the background task worker (django-tasks-db's ``db_worker``), with the
periodic housekeeping the apps register (core.periodic): the sweep of expired import uploads …
``concentric serve --with-worker`` (and so ``make run``) runs this command."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from concentric.core.periodic import PeriodicThread, run_due


class Command(BaseCommand):
    help = (
        "Run the background task worker: takes queued tasks from the database and runs them, and runs "
        "the periodic housekeeping (expired uploads …)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--queue-name", default="*", help="queues to process, comma-separated ('*': all)")
        parser.add_argument("--interval", type=float, default=1, help="seconds between polls of an empty queue")
        parser.add_argument("--batch", action="store_true", help="run what is queued, then exit")
        parser.add_argument("--max-tasks", type=int, default=None, help="exit after this many tasks")

    def handle(self, *args, queue_name, interval, batch, max_tasks, verbosity, **options):
        housekeeping = None
        if batch:
            run_due({})  # once, before what is queued
        else:
            housekeeping = PeriodicThread()
            housekeeping.start()
        try:
            self._work(queue_name, interval, batch, max_tasks, verbosity)
        finally:
            if housekeeping is not None:
                housekeeping.stop()

    def _work(self, queue_name, interval, batch, max_tasks, verbosity):
        # Never the autoreloader: its parent process would survive a stop and orphan the worker.
        call_command(
            "db_worker",
            queue_name=queue_name,
            interval=interval,
            batch=batch,
            max_tasks=max_tasks,
            reload=False,
            startup_delay=not batch,
            stdout=self.stdout._out,
            verbosity=verbosity,
            skip_checks=True,
        )

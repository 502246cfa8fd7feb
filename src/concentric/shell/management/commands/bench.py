"""``concentric bench``: seed a synthetic registry and print the performance report as JSON.

The report goes to stdout, progress to stderr; the exit code is non-zero when a target is missed.
"""

import sys

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from concentric.benchmark import runner
from concentric.benchmark.profiles import PROFILES, resolve

DEFAULT_SEED = 20260101


class Command(BaseCommand):
    help = "Seed a synthetic member registry and measure pages, search, import and export against limits measured in the same run."

    def add_arguments(self, parser):
        parser.add_argument("--profile", choices=sorted(PROFILES), default="quick")
        parser.add_argument("--members", type=int, help="registry size (default: the profile's)")
        parser.add_argument(
            "--baseline", type=int, help="smaller size measured first for the scaling figures (0: none)"
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument("--reuse", action="store_true", help="measure a previous seed of the same size and seed")
        parser.add_argument("--wipe", action="store_true", help="delete every person in the database first")
        parser.add_argument("--samples", type=int, help="timed requests per page (default: the profile's)")
        parser.add_argument("--no-io", action="store_true", help="skip the import and export figures")
        parser.add_argument(
            "--no-dashboard", action="store_true", help="skip the dashboard's figures (rollups against live counts)"
        )
        parser.add_argument(
            "--no-peers",
            action="store_true",
            help="skip the figures against the peers (admin changelist, django-import-export)",
        )

    def handle(
        self, *args, profile, members, baseline, seed, reuse, wipe, samples, no_io, no_peers, no_dashboard, **options
    ):
        if members is not None and members < 100:
            raise CommandError("--members must be at least 100")
        try:
            chosen = resolve(profile, members, baseline)
        except ValueError as error:
            raise CommandError(str(error)) from error
        console = Console(file=sys.stderr)
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console, transient=not console.is_terminal) as bar:
            current = {}

            def task(label, total):
                current["id"] = bar.add_task(label, total=total)

            def advance(n):
                bar.advance(current["id"], n)

            try:
                report = runner.run(
                    profile=chosen,
                    seed_value=seed,
                    reuse=reuse,
                    wipe=wipe,
                    progress=runner.Progress(task, advance),
                    io=not no_io,
                    peers=not no_peers,
                    samples=samples,
                    dashboard=not no_dashboard,
                )
            except runner.BenchRefused as error:
                raise CommandError(str(error)) from error
        self.stdout.write(report.to_json())
        if report.exit_code:
            missed = ", ".join(figure.name for figure in report.figures if not figure.met) or "none"
            sys.stderr.write(f"bench: targets missed: {missed}\n")
            if report.incomplete or not report.figures:
                sys.stderr.write("bench: some figures could not be measured (see the report's notes)\n")
            sys.exit(report.exit_code)

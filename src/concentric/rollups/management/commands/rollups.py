"""``concentric rollups rebuild [--measure KEY ...]`` recounts the tallies from the records;
``concentric rollups check`` compares them with the records and exits 1 when they differ."""

from django.core.management.base import BaseCommand, CommandError

from concentric.core.auditing import audit_record
from concentric.rollups.selectors import measures
from concentric.rollups.services import rollups_differences, rollups_rebuild


class Command(BaseCommand):
    help = "Rebuild the rollup tallies from the records, or check that they equal them."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "check"])
        parser.add_argument("--measure", action="append", dest="chosen", help="a measure's key (repeatable)")

    def handle(self, *args, action, chosen, **options):
        known = {measure.key for measure in measures()}
        unknown = sorted(set(chosen or ()) - known)
        if unknown:
            raise CommandError(f"unknown measure(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        if action == "check":
            differences = rollups_differences(measures=chosen)
            for key, cells in differences.items():
                self.stdout.write(f"{key}: {cells} cell(s) differ from the records")
            if differences:
                raise CommandError("the rollups differ from the records: run `concentric rollups rebuild`")
            self.stdout.write("the rollups equal the records")
            return
        written = rollups_rebuild(measures=chosen)
        audit_record(
            actor=None,
            action="rebuild",
            object_type="rollups.tally",
            object_repr=", ".join(sorted(written)),
            actor_name="concentric rollups rebuild",
        )
        for key, cells in written.items():
            self.stdout.write(f"{key}: {cells} cell(s)")

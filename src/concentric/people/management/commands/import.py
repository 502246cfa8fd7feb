"""``concentric import people FILE --unit CODE --user NAME [--dry-run] [--update] [--allow-partial]``"""

import json
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from concentric.accounts.selectors import active_user
from concentric.org.selectors import unit_by_code
from concentric.people.importing.guard import ImportRefused
from concentric.people.importing.runner import ImportRun


class Command(BaseCommand):
    help = "Import people from an .xlsx workbook made from the template (checks only with --dry-run)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["people"])
        parser.add_argument("file")
        parser.add_argument("--unit", required=True, help="code of the unit the people are registered on")
        parser.add_argument("--user", required=True, help="username acting (needs the right to add people there)")
        parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
        parser.add_argument("--update", action="store_true", help="update records with the same document number")
        parser.add_argument("--allow-partial", action="store_true", help="import the valid rows even if others fail")

    def handle(self, *args, kind, file, unit, user, dry_run, update, allow_partial, **options):
        readable(file)
        actor = active_user(user)
        if actor is None:
            raise CommandError(f"no active user {user!r}")
        org_unit = unit_by_code(unit)
        if org_unit is None:
            raise CommandError(f"no active unit with code {unit!r}")
        run = ImportRun(
            actor=actor, org_unit=org_unit, path=file, dry_run=dry_run, allow_partial=allow_partial,
            update_existing=update,
        )
        try:
            report = run.run()
        except ImportRefused as refusal:
            raise CommandError(refusal.message) from None
        except PermissionDenied:
            raise CommandError(f"{user} may not add people to unit {unit}") from None
        for sheet, row, outcome, _name, errors in report.results:
            for error in errors:
                self.stdout.write(f"{sheet}\t{row}\t{error['column']}\t{error['reason']}")
        self.stdout.write(json.dumps({**report.summary(), "dry_run": dry_run, "message": report.message}, ensure_ascii=False))
        if report.bad and not (dry_run or allow_partial):
            raise CommandError(report.message)


def readable(file: str) -> None:
    """Refuse, with a CommandError, a path that is not a file this process can read."""
    path = Path(file)
    if path.is_dir():
        raise CommandError(f"{file} is a directory, not an .xlsx file")
    try:
        with path.open("rb"):
            pass
    except FileNotFoundError:
        raise CommandError(f"no such file: {file}") from None
    except PermissionError:
        raise CommandError(f"cannot read {file}: permission denied") from None
    except OSError as error:
        raise CommandError(f"cannot read {file}: {error.strerror or error}") from None

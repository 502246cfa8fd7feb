"""``concentric import <kind> FILE --unit CODE --user NAME [--dry-run] [--update] [--allow-partial]``

Runs the import in this process on the operator's own file (nothing is stored). Every row error
is printed as ``sheet<TAB>row<TAB>column<TAB>reason``, then the summary as one JSON line. Exits
non-zero when the file is refused, when a dry run finds errors, and when a commit imports nothing
because of them, so scripts can tell.
"""

import json
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from concentric.accounts.selectors import active_user
from concentric.core import registry
from concentric.core.kit.importing.guard import ImportRefused
from concentric.core.kit.importing.runner import ImportRun
from concentric.org.selectors import unit_by_code


class Command(BaseCommand):
    help = "Import records of a kind (people, …) from an .xlsx workbook made from its template (checks only with --dry-run)."

    def add_arguments(self, parser):
        parser.add_argument("kind", help="what the file holds: one of the registered import kinds (people, …)")
        parser.add_argument("file")
        parser.add_argument("--unit", required=True, help="code of the unit the records are registered on")
        parser.add_argument("--user", required=True, help="username acting (needs the right to add the records there)")
        parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
        parser.add_argument(
            "--update", action="store_true", help="update records already on file (people: same document number)"
        )
        parser.add_argument("--allow-partial", action="store_true", help="import the valid rows even if others fail")

    def handle(self, *args, kind, file, unit, user, dry_run, update, allow_partial, **options):
        kinds = registry.import_kinds()
        if kind not in kinds:
            raise CommandError(f"unknown import kind {kind!r}; the kinds are: {', '.join(sorted(kinds)) or 'none'}")
        readable(file)
        actor = active_user(user)
        if actor is None:
            raise CommandError(f"no active user {user!r}")
        org_unit = unit_by_code(unit)
        if org_unit is None:
            raise CommandError(f"no active unit with code {unit!r}")
        run = ImportRun(
            kinds[kind],
            actor=actor,
            org_unit=org_unit,
            source=file,
            dry_run=dry_run,
            allow_partial=allow_partial,
            update_existing=update,
        )
        try:
            report = run.run()
        except ImportRefused as refusal:
            raise CommandError(refusal.message) from None
        except PermissionDenied:
            raise CommandError(f"{user} may not import {kind} into unit {unit}") from None
        for sheet, row, _outcome, _name, errors in report.results:
            for error in errors:
                self.stdout.write(f"{sheet}\t{row}\t{error['column']}\t{error['reason']}")
        self.stdout.write(
            json.dumps({**report.summary(), "dry_run": dry_run, "message": report.message}, ensure_ascii=False)
        )
        if report.bad and dry_run:
            raise CommandError(f"dry run: {report.bad} of {report.rows_total} rows have errors")
        if report.bad and not allow_partial:
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

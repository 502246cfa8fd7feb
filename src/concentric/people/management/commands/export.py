"""``concentric export people [--format xlsx|csv] [--unit CODE] --user NAME [--unmasked --reason TEXT] [-o FILE]``"""

import contextlib
import sys
from types import SimpleNamespace

from django.core.management.base import BaseCommand, CommandError

from concentric.accounts.selectors import active_user
from concentric.core.kit.filters import FiltersInvalid
from concentric.core.scoping import Action, can
from concentric.org.selectors import unit_by_code
from concentric.people.exporting import people_export
from concentric.people.models import Person


class Command(BaseCommand):
    help = "Export the members a user may export (masked unless --unmasked with --reason), as xlsx or csv."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["people"])
        parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
        parser.add_argument("--unit", help="code of a unit in the user's scope: its subtree only")
        parser.add_argument("--user", required=True)
        parser.add_argument("--unmasked", action="store_true")
        parser.add_argument("--reason", default="")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args, kind, format, unit, user, unmasked, reason, output, **options):
        actor = active_user(user)
        if actor is None:
            raise CommandError(f"no active user {user!r}")
        if not can(actor, Action.EXPORT, Person):
            raise CommandError(f"{user} may not export members")
        if unmasked and not can(actor, Action.UNMASK, Person):
            raise CommandError(f"{user} may not see unmasked values")
        if unmasked and not reason.strip():
            raise CommandError("--unmasked needs --reason")
        filters = {}
        if unit:
            found = unit_by_code(unit, active_only=False)
            if found is None:
                raise CommandError(f"no unit with code {unit!r}")
            filters["unit"] = found.pk
        try:
            response = people_export(
                actor=actor,
                request=SimpleNamespace(user=actor),
                data=filters,
                fmt=format,
                unmasked=unmasked,
                reason=reason.strip(),
            )
        except FiltersInvalid as invalid:
            problems = "; ".join(f"{label}: {' '.join(messages)}" for label, messages in invalid.labelled.items())
            raise CommandError(f"refused, nothing exported: {problems}") from None
        try:
            # Standard output stays open: it is not ours to close.
            with open(output, "wb") if output else contextlib.nullcontext(sys.stdout.buffer) as target:
                for chunk in response.streaming_content:
                    target.write(chunk)
        finally:
            # Not response.close(): that signals request_finished, which closes the DB connection.
            if getattr(response, "file_to_stream", None) is not None:
                response.file_to_stream.close()

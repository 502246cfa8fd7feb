"""``concentric report annual --unit CODE --year Y --format json|docx|pdf|xlsx -o FILE --user NAME
[--with-records] [--freeze | --frozen N]``

The review is made as ``--user`` sees it (as ``concentric export``: the acting user names whose
scope and rights apply, and the audit log says who generated it). ``--freeze`` keeps this review
as the year's next version first; ``--frozen N`` writes version N as it was frozen.
"""

import contextlib
import sys

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from concentric.accounts.selectors import active_user
from concentric.org.selectors import unit_by_code
from concentric.reports.models import ReviewVersion
from concentric.reports.services import FORMATS, review_document, review_freeze, version_document


class Command(BaseCommand):
    help = "Write the year-end review of a unit and its subtree (json, docx, pdf or xlsx)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["annual"])
        parser.add_argument("--unit", required=True, help="code of a unit in the user's scope")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument("--user", required=True, help="the acting user: whose scope and rights apply")
        parser.add_argument(
            "--with-records", action="store_true", help="JSON: the ids of the records behind each figure"
        )
        parser.add_argument("--freeze", action="store_true", help="freeze this review as the year's next version")
        parser.add_argument("--frozen", type=int, metavar="N", help="write frozen version N instead of today's figures")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args, kind, unit, year, format, user, with_records, freeze, frozen, output, **options):
        actor = active_user(user)
        if actor is None:
            raise CommandError(f"no active user {user!r}")
        found = unit_by_code(unit, active_only=False)
        if found is None:
            raise CommandError(f"no unit with code {unit!r}")
        if freeze and frozen:
            raise CommandError("--freeze and --frozen exclude each other")
        try:
            if freeze:
                made = review_freeze(actor=actor, unit=found, year=year)
                self.stderr.write(f"frozen as version {made.number}")
                _review, content = version_document(actor=actor, version=made, fmt=format, with_records=with_records)
            elif frozen:
                made = (
                    ReviewVersion.objects.visible_to(actor)
                    .filter(org_unit=found, year=year, number=frozen)
                    .select_related("org_unit")
                    .first()
                )
                if made is None:
                    raise CommandError(f"no frozen version {frozen} of {unit} {year}")
                _review, content = version_document(actor=actor, version=made, fmt=format, with_records=with_records)
            else:
                _review, content = review_document(
                    actor=actor, unit=found, year=year, fmt=format, with_records=with_records
                )
        except PermissionDenied:
            raise CommandError(f"{user} may not make the review of {unit}") from None
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        # Standard output stays open: it is not ours to close.
        with open(output, "wb") if output else contextlib.nullcontext(sys.stdout.buffer) as target:
            target.write(content)

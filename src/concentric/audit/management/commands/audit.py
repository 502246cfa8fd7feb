"""``concentric audit verify`` checks the hash chain; ``concentric audit purge`` applies retention."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from concentric.audit.choices import chain_problem_label
from concentric.audit.services import audit_purge, audit_verify


class Command(BaseCommand):
    help = "Check the audit log's hash chain (verify) or delete events past retention (purge)."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="{verify,purge}")
        commands.add_parser("verify", help="Walk the chain oldest first; exit 1 at the first broken event.")
        commands.add_parser("purge", help="Delete events older than AUDIT_RETENTION_DAYS (at least 184).")

    def handle(self, *args, subcommand, **options):
        if subcommand == "verify":
            self.verify()
        else:
            self.purge()

    def verify(self):
        report = audit_verify()
        if not report.ok:
            raise CommandError(
                _("Audit chain broken at event %(id)s: %(problem)s. The %(checked)s events before it are intact.")
                % {
                    "id": report.first_broken_id,
                    "problem": chain_problem_label(report.problem),
                    "checked": report.checked,
                },
                returncode=1,
            )
        self.stdout.write(_("Audit chain intact: %(count)s events checked.") % {"count": report.checked})

    def purge(self):
        count = audit_purge(actor=None)
        self.stdout.write(
            _("Purged %(count)s audit events older than %(days)s days.")
            % {"count": count, "days": settings.AUDIT_RETENTION_DAYS}
        )

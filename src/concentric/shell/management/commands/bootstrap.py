"""``concentric bootstrap``: the root unit and the three separated administrators of a new instance."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from concentric.accounts.bootstrap import bootstrap_account
from concentric.core.roles import Role
from concentric.org.choices import UnitKind
from concentric.org.selectors import unit_count
from concentric.org.services import bootstrap_root

ACTOR = "bootstrap"


class Command(BaseCommand):
    help = (
        "Create the root org unit and one system, security and audit administrator on an empty "
        "instance, and print their one-time passwords (changed at first sign-in, with TOTP enrolment)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit-code", required=True, help="code of the root unit, e.g. shangcheng")
        parser.add_argument("--unit-name", required=True, help="name of the root unit, e.g. 上城区")
        parser.add_argument("--kind", default=UnitKind.DISTRICT, choices=UnitKind.values)
        parser.add_argument("--system-admin", required=True, metavar="USERNAME")
        parser.add_argument("--security-admin", required=True, metavar="USERNAME")
        parser.add_argument("--audit-admin", required=True, metavar="USERNAME")

    def handle(self, *args, **options):
        admins = [
            (options["system_admin"], Role.SYSTEM_ADMIN),
            (options["security_admin"], Role.SECURITY_ADMIN),
            (options["audit_admin"], Role.AUDIT_ADMIN),
        ]
        if len({username for username, _ in admins}) != 3:
            raise CommandError("The three administrators must be three different accounts (三员分立).")
        if unit_count():
            raise CommandError("This instance already has org units: bootstrap runs only on an empty instance.")
        with transaction.atomic():
            root, _ = bootstrap_root(
                code=options["unit_code"], name=options["unit_name"], kind=options["kind"], actor_name=ACTOR
            )
            issued = [
                (
                    username,
                    role,
                    bootstrap_account(
                        username=username,
                        full_name=username,
                        unit=root,
                        role=role,
                        actor_name=ACTOR,
                        must_change_password=True,
                    )[1],
                )
                for username, role in admins
            ]
        self.stdout.write(f"Root unit {root.code} ({root.name}) created.")
        for username, role, password in issued:
            self.stdout.write(f"  {username:<20} {password:<16} {Role(role).label}")
        self.stdout.write(
            "Hand each password to its administrator in person. Each changes it and enrols an "
            "authenticator app at first sign-in; the security administrator then grants business roles."
        )

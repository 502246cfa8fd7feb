"""``concentric demo``: load the demo org tree and accounts (idempotent) and print the credentials."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from rich.cells import cell_len

from concentric.core.roles import SECOND_FACTOR_ROLES, Role
from concentric.shell.demo import DemoResult, load_demo

NOT_SHOWN = "(printed at first run)"


class Command(BaseCommand):
    help = "Load the demo data (Hubin subdistrict, one account per role) once and print the accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords", action="store_true", help="issue new passwords to every demo account and print them"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="load even though CONCENTRIC_DEBUG is off (demo accounts in production)",
        )

    def handle(self, *args, reset_passwords, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to create demo accounts with CONCENTRIC_DEBUG off (a production instance); "
                "pass --force if this really is a demonstration server."
            )
        result = load_demo(reset_passwords=reset_passwords)
        if result.units_created or result.accounts_created or any(result.created.values()):
            lines = [f"{result.units_created} org units", f"{result.accounts_created} accounts"]
            lines += [f"{count} {label}" for label, count in result.created.items()]
            self.stdout.write(f"Demo data loaded: {', '.join(lines[:-1])} and {lines[-1]} created.")
        elif reset_passwords:
            self.stdout.write("Demo data already present: new passwords issued.")
        else:
            self.stdout.write("Demo data already present: nothing changed.")
        self._print_accounts(result)

    def _print_accounts(self, result: DemoResult) -> None:
        rows = [("Username", "Password", "Role", "Unit")]
        for credential in result.credentials:
            account = credential.account
            rows.append(
                (
                    account.username,
                    credential.password or NOT_SHOWN,
                    str(Role(account.role).label),
                    credential.unit_name,
                )
            )
        widths = [max(cell_len(row[i]) for row in rows) for i in range(len(rows[0]))]
        self.stdout.write("")
        for index, row in enumerate(rows):
            cells = [text + " " * (width - cell_len(text)) for text, width in zip(row, widths, strict=True)]
            self.stdout.write("  " + "  ".join(cells).rstrip())
            if index == 0:
                self.stdout.write("  " + "  ".join("-" * width for width in widths))
        self.stdout.write("")
        if result.passwords_issued:
            self.stdout.write(
                "Write these passwords down now: they are stored only as hashes and will not be shown again."
            )
        if any(c.password is None for c in result.credentials):
            self.stdout.write(
                "Passwords not shown were printed when the demo data was first loaded; "
                "`concentric demo --reset-passwords` issues new ones."
            )
        admin_names = ", ".join(c.account.username for c in result.credentials if c.account.role in SECOND_FACTOR_ROLES)
        self.stdout.write(
            f"Administrators ({admin_names}) enrol an authenticator app (TOTP) at their first sign-in; "
            "the other accounts sign in with the password alone."
        )
        self.stdout.write("Sign in at the server's /accounts/login/.")

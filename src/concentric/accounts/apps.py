from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "concentric.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from concentric.accounts import contrib  # noqa: F401  (menu, pages, API: core.registry)
        from concentric.accounts.scope import assignments_of
        from concentric.core.scoping import install_assignment_source

        install_assignment_source(assignments_of)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuotasConfig(AppConfig):
    name = "concentric.quotas"
    label = "quotas"
    verbose_name = _("Quotas")

    def ready(self):
        from concentric.quotas import contrib  # noqa: F401  (menu, pages, API, demo: core.registry)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "concentric.reports"
    label = "reports"
    verbose_name = _("Year-end review")

    def ready(self):
        from concentric.reports import contrib  # noqa: F401  (menu, pages, API, command: core.registry)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "concentric.dashboard"
    label = "dashboard"
    verbose_name = _("Dashboard")

    def ready(self):
        from concentric.dashboard import contrib  # noqa: F401  (menu, pages, API: core.registry)

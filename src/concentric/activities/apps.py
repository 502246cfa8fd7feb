from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "concentric.activities"
    label = "activities"
    verbose_name = _("Activities")

    def ready(self):
        from concentric.activities import contrib  # noqa: F401  (menu, pages, API, demo: core.registry)

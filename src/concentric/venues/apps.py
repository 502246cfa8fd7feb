from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VenuesConfig(AppConfig):
    name = "concentric.venues"
    label = "venues"
    verbose_name = _("Venues")

    def ready(self):
        from concentric.venues import contrib  # noqa: F401  (menu, pages, API, demo: core.registry)

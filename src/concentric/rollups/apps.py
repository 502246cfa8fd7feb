from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RollupsConfig(AppConfig):
    name = "concentric.rollups"
    label = "rollups"
    verbose_name = _("Rollups")

    def ready(self):
        from concentric.core.measures import install_insert_counter
        from concentric.rollups import contrib  # noqa: F401  (the records page: core.registry)
        from concentric.rollups.services import tally_added

        install_insert_counter(tally_added)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "concentric.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self):
        from concentric.portal import contrib  # noqa: F401  (its pages: core.registry)

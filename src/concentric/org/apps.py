from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "concentric.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self):
        from concentric.org import contrib  # noqa: F401  (menu, pages, API: core.registry)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "concentric.imports"
    label = "imports"
    verbose_name = _("Imports")

    def ready(self):
        from concentric.imports import contrib  # noqa: F401  (pages, API, the uploads sweep: core.registry)

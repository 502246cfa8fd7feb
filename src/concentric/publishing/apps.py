from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "concentric.publishing"
    label = "publishing"
    verbose_name = _("Information publishing")

    def ready(self):
        from concentric.publishing import contrib  # noqa: F401  (menu, pages, API, panels, demo: core.registry)

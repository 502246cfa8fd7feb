from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "concentric.people"
    label = "people"
    verbose_name = _("Member registry")

    def ready(self):
        from concentric.people import contrib  # noqa: F401  (menu, pages, API: core.registry)

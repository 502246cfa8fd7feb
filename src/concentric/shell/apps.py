from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShellConfig(AppConfig):
    """The application shell above every app: menu, home page, URL roots, demo loader, bench."""

    name = "concentric.shell"
    label = "shell"
    verbose_name = _("Application shell")

    def ready(self):
        from concentric.shell import contrib  # noqa: F401  (the home entry of the menu)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "concentric.audit"
    label = "audit"
    verbose_name = _("Audit")

    def ready(self):
        from concentric.audit import contrib  # noqa: F401  (menu, pages, API: core.registry)
        from concentric.audit.services import write_event
        from concentric.core.auditing import install_writer

        install_writer(write_event)

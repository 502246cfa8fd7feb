"""Concentric's settings plus the admin and django-import-export, for the peer process only."""

from concentric.settings import *  # noqa: F403
from concentric.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "django.contrib.admin", "import_export"]
ROOT_URLCONF = "concentric.benchmark.peers.urls"
# The registry's user model is not the admin's (no is_staff, no model permissions): the peer
# admin site below grants itself, so the admin's checks for them do not apply.
SILENCED_SYSTEM_CHECKS = ["admin.E408", "admin.E409", "admin.E410"]

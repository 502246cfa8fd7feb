from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionedModel(models.Model):
    """Base for editable records: timestamps and a version for optimistic locking."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

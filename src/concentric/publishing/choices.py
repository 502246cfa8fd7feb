"""The vocabulary of information publishing (信息发布); other apps may import it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned for changes")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# An item's text and features change only while its author's unit holds it.
EDITABLE = frozenset({ItemStatus.DRAFT, ItemStatus.RETURNED})


class Transition(models.TextChoices):
    """The steps on an item's timeline."""

    CREATE = "create", _("Written")
    SUBMIT = "submit", _("Submitted")
    RESUBMIT = "resubmit", _("Resubmitted")
    RETURN = "return", _("Returned")
    PUBLISH = "publish", _("Published")
    WITHDRAW = "withdraw", _("Withdrawn")

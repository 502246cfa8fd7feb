"""The vocabulary of activities, volunteering and donations; other apps may import it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class ParticipantRole(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    SPEAKER = "speaker", _("Speaker")
    PARTICIPANT = "participant", _("Participant")
    VOLUNTEER = "volunteer", _("Volunteer")


class PathEvidence(models.TextChoices):
    """What attending an activity of a type stands for on the member's path (people's kinds)."""

    NONE = "", _("Not counted on the member's path")
    TRAINING = "training", _("Training (cultivate)")
    FORUM = "forum", _("Forum or study (cultivate)")
    ACTIVITY = "activity", _("Activity (cultivate)")


class CheckInMethod(models.TextChoices):
    MANUAL = "manual", _("Entered by staff")
    PHONE = "phone", _("Checked in by phone")
    IMPORT = "import", _("Imported from a workbook")


class HoursStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")


class DonorKind(models.TextChoices):
    MEMBER = "member", _("Member")
    ENTERPRISE = "enterprise", _("Enterprise")
    GROUP = "group", _("Group")


class RecipientKind(models.TextChoices):
    PAIRING = "pairing", _("Pairing project")
    ACTIVITY = "activity", _("Activity")
    NAMED = "named", _("Named recipient")


class DonationKind(models.TextChoices):
    MONEY = "money", _("Money")
    GOODS = "goods", _("Goods")

"""The vocabulary of venues (阵地) and their rooms; other apps may import it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VenueKind(models.TextChoices):
    HOME = "home", _("United-front home")  # 统战之家
    READING_ROOM = "reading_room", _("Concentric reading room")  # 同心书屋
    PARLOUR = "parlour", _("Concentric parlour")  # 同心客厅
    STATION = "station", _("Workstation")  # 工作站
    OTHER = "other", _("Other venue")


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")

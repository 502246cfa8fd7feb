"""The quotas' vocabulary: the periods a rule counts in and what a period's judgement says."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from concentric.org.choices import UnitKind


class Period(models.TextChoices):
    WORKDAY = "workday", pgettext_lazy("quota period", "Working day")
    WEEK = "week", pgettext_lazy("quota period", "Week")
    MONTH = "month", pgettext_lazy("quota period", "Month")
    QUARTER = "quarter", pgettext_lazy("quota period", "Quarter")
    YEAR = "year", pgettext_lazy("quota period", "Year")


# "每个工作日", "每周" …: how a rule's title names its period.
EACH = {
    Period.WORKDAY: _("each working day"),
    Period.WEEK: _("each week"),
    Period.MONTH: _("each month"),
    Period.QUARTER: _("each quarter"),
    Period.YEAR: _("each year"),
}


class Status(models.TextChoices):
    MET = "met", _("Met")
    MISSED = "missed", _("Missed")
    IN_PROGRESS = "in_progress", _("In progress")


# Units that keep rules for the units below them (the subdistrict sets its communities' quotas).
KEEPER_KINDS = (UnitKind.DISTRICT, UnitKind.SUBDISTRICT)

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    DISTRICT = "district", _("District")
    SUBDISTRICT = "subdistrict", _("Subdistrict")
    COMMUNITY = "community", _("Community")
    BUSINESS_DISTRICT = "business_district", _("Business district")
    WORK_STATION = "work_station", _("Work station")
    OTHER = "other", _("Other")


# The tree's levels: a unit sits below units of its rank or a lower one ("other" units anywhere).
RANKS = {
    UnitKind.DISTRICT: 0,
    UnitKind.SUBDISTRICT: 1,
    UnitKind.COMMUNITY: 2,
    UnitKind.BUSINESS_DISTRICT: 2,
    UnitKind.WORK_STATION: 3,
}

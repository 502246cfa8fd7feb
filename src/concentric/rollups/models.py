"""The daily figures of every measure (core.measures), per unit and key: what dashboards, quotas
and the year-end review read instead of counting the records on each request."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from concentric.core.scoping import ScopedManager, ScopePolicy


class Tally(models.Model):
    """One measure's figure for one unit, local day and key, in hundredths (exact sums of hours
    and yuan on both databases). Written only by ``rollups.services`` in the transaction of the
    records it counts; ``concentric rollups rebuild`` recomputes it from them."""

    measure = models.CharField(_("measure"), max_length=40)
    # The unit's id, not a foreign key: the rollups sit beside the org tree, not above it, and a
    # figure outlives nothing (units are deactivated, never deleted).
    org_unit_id = models.PositiveIntegerField(_("unit"))
    day = models.DateField(_("day"))
    key = models.CharField(_("key"), max_length=160, blank=True, default="")
    hundredths = models.BigIntegerField(_("value (hundredths)"))

    objects = ScopedManager()
    # Read through the selectors, which take unit ids already scoped by their callers; no page or
    # API lists the table itself, so no role is granted anything on it.
    scope = ScopePolicy(unit_field=None, grants={})

    class Meta:
        verbose_name = _("tally")
        verbose_name_plural = _("tallies")
        constraints = [
            models.UniqueConstraint(fields=["measure", "org_unit_id", "day", "key"], name="rollups_tally_cell"),
        ]

    def __str__(self):
        return f"{self.measure} {self.org_unit_id} {self.day} {self.key}: {self.hundredths / 100}"

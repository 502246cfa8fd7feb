"""Quota rules (定期定量) and the working-day calendar's entries."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from concentric.core import registry
from concentric.core.models import VersionedModel
from concentric.core.roles import BUSINESS_ROLES, Role
from concentric.core.scoping import Action, ScopedManager, ScopedQuerySet, ScopePolicy, user_scope
from concentric.quotas.choices import EACH, Period

READERS = BUSINESS_ROLES | {Role.SYSTEM_ADMIN}
KEEPERS = frozenset({Role.UNIT_ADMIN, Role.SYSTEM_ADMIN})
SYSTEM_ADMINS = frozenset({Role.SYSTEM_ADMIN})


def known_measure(key: str) -> None:
    """A rule names a measure some app registers (core.registry)."""
    try:
        registry.measure(key)
    except KeyError:
        raise ValidationError(_("Choose a measure from the list."), code="invalid_choice") from None


class QuotaRuleQuerySet(ScopedQuerySet):
    """Rules kept by a unit follow the unit scoping (seen from the units below it too); rules of
    the whole system (no keeping unit, such as the defaults the migration seeds) are read by every
    business role and by system administrators, and kept by system administrators only."""

    def visible_to(self, user, action: Action = Action.VIEW):
        owned = super().visible_to(user, action)
        system_wide = READERS if action in (Action.VIEW, Action.EXPORT) else SYSTEM_ADMINS
        if user_scope(user).roles & system_wide:
            return self.filter(Q(pk__in=owned.values("pk")) | Q(org_unit__isnull=True))
        return owned


class QuotaRule(VersionedModel):
    """At least ``minimum`` of ``measure`` in each ``period`` for every unit of ``unit_kinds``
    under ``org_unit`` (the unit that keeps the rule; empty: the whole system), from
    ``valid_from`` until ``valid_until``. Where rules of several keepers bind a unit for the same
    measure and period, the nearest keeper's rule is the one applied."""

    org_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("kept by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: a rule of the whole system."),
    )
    unit_kinds = models.JSONField(_("units bound"), default=list)
    measure = models.CharField(_("measure"), max_length=40, validators=[known_measure])
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    minimum = models.DecimalField(
        _("minimum"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    subtree = models.BooleanField(
        _("count the units below"),
        default=False,
        help_text=_("Count the records of the unit and every unit below it; otherwise the unit's own records."),
    )
    valid_from = models.DateField(_("in force from"))
    valid_until = models.DateField(_("in force until"), null=True, blank=True)

    objects = ScopedManager.from_queryset(QuotaRuleQuerySet)()
    scope = ScopePolicy(
        unit_field="org_unit",
        upward_actions=frozenset({Action.VIEW, Action.EXPORT}),
        grants={
            Action.VIEW: READERS,
            Action.EXPORT: READERS,
            Action.ADD: KEEPERS,
            Action.CHANGE: KEEPERS,
            Action.DELETE: KEEPERS,
        },
    )

    class Meta:
        verbose_name = _("quota rule")
        verbose_name_plural = _("quota rules")

    def __str__(self):
        return self.title()

    def measure_label(self) -> str:
        try:
            return str(registry.measure(self.measure).label)
        except KeyError:
            return self.measure

    def title(self) -> str:
        """每个工作日信息发布不少于1条."""
        try:
            found = registry.measure(self.measure)
        except KeyError:
            found = None
        values = {
            "each": EACH.get(self.period, self.period),
            "measure": self.measure_label(),
            "minimum": plain(self.minimum),
            "unit": found.unit_label if found is not None else "",
        }
        if found is not None and found.kind == "stock":
            return _("%(each)s: net increase of %(measure)s at least %(minimum)s%(unit)s") % values
        return _("%(each)s: %(measure)s at least %(minimum)s%(unit)s") % values

    def clean(self):
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The end of the period is before its start.")})


def plain(number) -> str:
    """A decimal as people write it: 1, 2.5 (no trailing zeros)."""
    if number is None:
        return ""
    return format(Decimal(number).normalize(), "f")


class CalendarDay(VersionedModel):
    """A day an administrator sets as a working day or a day off: a make-up working day or a
    holiday of a year the official calendar (chinese-calendar) does not know yet, or a local
    adjustment. An entry overrides the official calendar for its day."""

    day = models.DateField(_("day"), unique=True)
    is_workday = models.BooleanField(_("working day"), default=False)
    name = models.CharField(_("name"), max_length=40, help_text=_("The holiday's name, or why the day is changed."))

    objects = ScopedManager()
    scope = ScopePolicy(
        unit_field=None,
        grants={
            Action.VIEW: READERS,
            Action.EXPORT: READERS,
            Action.ADD: SYSTEM_ADMINS,
            Action.CHANGE: SYSTEM_ADMINS,
            Action.DELETE: SYSTEM_ADMINS,
        },
    )

    class Meta:
        ordering = ["day"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self):
        return f"{self.day.isoformat()} {self.name}"

"""Writes of the quotas app: quota rules and the calendar's entries."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from concentric.core.auditing import audit_record, changed_fields
from concentric.core.roles import Role
from concentric.core.scoping import Action, user_scope
from concentric.core.services import (
    assign,
    ensure_still_visible,
    lock_for_update,
    require,
    snapshot,
    unchanged,
)
from concentric.org.choices import UnitKind
from concentric.quotas.choices import KEEPER_KINDS
from concentric.quotas.models import CalendarDay, QuotaRule

RULE_FIELDS = ("org_unit", "unit_kinds", "measure", "period", "minimum", "subtree", "valid_from", "valid_until")
DAY_FIELDS = ("day", "is_workday", "name")


def _check_keeper(actor, keeper, action: Action) -> None:
    """A rule of the whole system is kept by system administrators; a unit's rule by the
    administrators of a district or subdistrict (it binds the units below it)."""
    if keeper is None:
        require(actor, action, QuotaRule, None)
        if Role.SYSTEM_ADMIN not in user_scope(actor).roles:
            raise PermissionDenied(_("Only system administrators keep the rules of the whole system."))
        return
    require(actor, action, QuotaRule, keeper)
    if keeper.kind not in KEEPER_KINDS:
        raise ValidationError({"org_unit": _("Rules are kept by a district or a subdistrict.")})


def _kinds(values) -> list[str]:
    kinds = sorted(set(values or []))
    if not kinds:
        raise ValidationError({"unit_kinds": _("Choose at least one kind of unit.")})
    unknown = [kind for kind in kinds if kind not in UnitKind.values]
    if unknown:
        raise ValidationError({"unit_kinds": _("Choose kinds of unit from the list.")})
    return kinds


@transaction.atomic
def quota_rule_create(
    *,
    actor,
    unit_kinds,
    measure: str,
    period: str,
    minimum,
    valid_from,
    org_unit=None,
    subtree: bool = False,
    valid_until=None,
) -> QuotaRule:
    _check_keeper(actor, org_unit, Action.ADD)
    rule = QuotaRule(
        org_unit=org_unit,
        unit_kinds=_kinds(unit_kinds),
        measure=measure,
        period=period,
        minimum=minimum,
        subtree=subtree,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    rule.full_clean()
    rule.save()
    ensure_still_visible(actor, rule, Action.VIEW)
    audit_record(actor=actor, action="create", obj=rule, changes=changed_fields({}, snapshot(rule, RULE_FIELDS)))
    return rule


@transaction.atomic
def quota_rule_update(*, actor, rule_id: int, version: int, **values) -> QuotaRule:
    unknown = set(values) - set(RULE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    rule = lock_for_update(actor, QuotaRule, rule_id, version=version)
    before = snapshot(rule, RULE_FIELDS)
    if "unit_kinds" in values:
        values["unit_kinds"] = _kinds(values["unit_kinds"])
    assign(rule, values)
    after = snapshot(rule, RULE_FIELDS)
    if unchanged(before, after):
        return rule
    if after["org_unit"] != before["org_unit"]:
        _check_keeper(actor, rule.org_unit, Action.CHANGE)
    rule.full_clean()
    rule.version += 1
    rule.save()
    ensure_still_visible(actor, rule)
    audit_record(actor=actor, action="update", obj=rule, changes=changed_fields(before, after))
    return rule


@transaction.atomic
def quota_rule_delete(*, actor, rule_id: int, version: int) -> None:
    rule = lock_for_update(actor, QuotaRule, rule_id, version=version, action=Action.DELETE)
    audit_record(actor=actor, action="delete", obj=rule, changes=changed_fields(snapshot(rule, RULE_FIELDS), {}))
    rule.delete()


def _check_day_free(entry: CalendarDay) -> None:
    if CalendarDay.objects.filter(day=entry.day).exclude(pk=entry.pk).exists():
        raise ValidationError({"day": _("This day is already in the calendar.")})


@transaction.atomic
def calendar_day_create(*, actor, day, is_workday: bool = False, name: str) -> CalendarDay:
    require(actor, Action.ADD, CalendarDay, None)
    entry = CalendarDay()
    assign(entry, {"day": day, "is_workday": is_workday, "name": name})
    _check_day_free(entry)
    entry.full_clean()
    entry.save()
    audit_record(actor=actor, action="create", obj=entry, changes=changed_fields({}, snapshot(entry, DAY_FIELDS)))
    return entry


@transaction.atomic
def calendar_day_update(*, actor, day_id: int, version: int, **values) -> CalendarDay:
    unknown = set(values) - set(DAY_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    entry = lock_for_update(actor, CalendarDay, day_id, version=version)
    before = snapshot(entry, DAY_FIELDS)
    assign(entry, values)
    after = snapshot(entry, DAY_FIELDS)
    if unchanged(before, after):
        return entry
    _check_day_free(entry)
    entry.full_clean()
    entry.version += 1
    entry.save()
    audit_record(actor=actor, action="update", obj=entry, changes=changed_fields(before, after))
    return entry


@transaction.atomic
def calendar_day_delete(*, actor, day_id: int, version: int) -> None:
    entry = lock_for_update(actor, CalendarDay, day_id, version=version, action=Action.DELETE)
    audit_record(actor=actor, action="delete", obj=entry, changes=changed_fields(snapshot(entry, DAY_FIELDS), {}))
    entry.delete()

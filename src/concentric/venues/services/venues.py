"""Writes to venues (阵地)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from concentric.core.auditing import audit_record, changed_fields
from concentric.core.scoping import Action
from concentric.core.services import assign, ensure_still_visible, lock_for_update, require, snapshot, unchanged
from concentric.core.validation import clean_phone
from concentric.venues.models import Booking, Venue

VENUE_FIELDS = (
    "org_unit",
    "name",
    "kind",
    "address",
    "opening_hours",
    "keeper",
    "keeper_phone",
    "description",
    "is_active",
)


def _changes(before: dict, after: dict) -> dict:
    return changed_fields(before, after, sensitive=Venue.SENSITIVE_FIELDS)


def _checked(values: dict) -> dict:
    unknown = set(values) - set(VENUE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    if values.get("keeper_phone"):
        values["keeper_phone"] = clean_phone(values["keeper_phone"], field="keeper_phone")
    return values


def _check_name(venue: Venue) -> None:
    others = Venue.objects.filter(org_unit_id=venue.org_unit_id, name=venue.name).exclude(pk=venue.pk)
    if others.exists():
        raise ValidationError({"name": _("This unit already has a venue of this name.")})


@transaction.atomic
def venue_create(*, actor, org_unit, **values) -> Venue:
    """A venue of ``org_unit`` (the actor may add venues there); it starts in use."""
    values = _checked(values)
    require(actor, Action.ADD, Venue, org_unit)
    venue = Venue(org_unit=org_unit)
    assign(venue, values)
    _check_name(venue)
    venue.full_clean()
    venue.save()
    audit_record(actor=actor, action="create", obj=venue, changes=_changes({}, snapshot(venue, VENUE_FIELDS)))
    return venue


@transaction.atomic
def venue_update(*, actor, venue_id: int, version: int, **values) -> Venue:
    values = _checked(values)
    venue = lock_for_update(actor, Venue, venue_id, version=version)
    before = snapshot(venue, VENUE_FIELDS)
    if "org_unit" in values and values["org_unit"] is not None and values["org_unit"].pk != venue.org_unit_id:
        require(actor, Action.ADD, Venue, values["org_unit"])
    assign(venue, values)
    after = snapshot(venue, VENUE_FIELDS)
    if unchanged(before, after):
        return venue
    _check_name(venue)
    venue.full_clean()
    venue.version += 1
    venue.save()
    ensure_still_visible(actor, venue)
    audit_record(actor=actor, action="update", obj=venue, changes=_changes(before, after))
    return venue


@transaction.atomic
def venue_delete(*, actor, venue_id: int, version: int) -> None:
    """Remove a venue with its rooms; one whose rooms were ever booked is kept (mark it not in use)."""
    venue = lock_for_update(actor, Venue, venue_id, version=version, action=Action.DELETE)
    if Booking.objects.filter(room__venue=venue).exists():
        raise ValidationError(
            _("Rooms of this venue have bookings, so it cannot be deleted; mark it as not in use instead.")
        )
    audit_record(actor=actor, action="delete", obj=venue, changes=_changes(snapshot(venue, VENUE_FIELDS), {}))
    venue.delete()

"""Writes of activity types and activities: the organising unit decides, co-organisers only see.

Every change that alters what attending stands for (the activity's status, type or date) brings
the participants' steps on the members' paths in line in the same transaction (services.evidence).
"""

from contextlib import nullcontext

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concentric.activities.choices import ActivityStatus
from concentric.activities.models import Activity, ActivityType
from concentric.activities.services.evidence import origin_of, sync_evidence
from concentric.core.auditing import audit_record, changed_fields
from concentric.core.scoping import Action
from concentric.core.services import (
    assign,
    delete_unless_protected,
    ensure_still_visible,
    lock_for_update,
    require,
    snapshot,
    unchanged,
)
from concentric.org.selectors import units_around
from concentric.people.services.path import person_path_evidence_remove
from concentric.rollups.services import tallies
from concentric.venues.selectors import rooms_in_use, venues_visible
from concentric.venues.services.bookings import hold_room, release_room

TYPE_FIELDS = ("name", "path_evidence", "is_volunteering", "sort", "is_active")
ACTIVITY_FIELDS = ("org_unit", "title", "type", "starts_at", "ends_at", "venue", "room", "address", "description")
# What attending stands for depends on these: a change of one of them re-syncs the members' paths.
EVIDENCE_FIELDS = ("type", "starts_at", "status")

# --- activity types (a dictionary) ---------------------------------------------------------------


def _unknown(values: dict, allowed) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")


@transaction.atomic
def activity_type_create(
    *, actor, name: str, path_evidence: str = "", is_volunteering: bool = False, sort: int = 100, is_active=True
) -> ActivityType:
    require(actor, Action.ADD, ActivityType, None)
    kind = ActivityType(
        name=name.strip(), path_evidence=path_evidence, is_volunteering=is_volunteering, sort=sort, is_active=is_active
    )
    kind.full_clean()
    kind.save()
    audit_record(actor=actor, action="create", obj=kind, changes=changed_fields({}, snapshot(kind, TYPE_FIELDS)))
    return kind


@transaction.atomic
def activity_type_update(*, actor, type_id: int, version: int, **values) -> ActivityType:
    _unknown(values, TYPE_FIELDS)
    kind = lock_for_update(actor, ActivityType, type_id, version=version)
    before = snapshot(kind, TYPE_FIELDS)
    assign(kind, values)
    if unchanged(before, snapshot(kind, TYPE_FIELDS)):
        return kind
    kind.full_clean()
    kind.version += 1
    # Whether its activities count as volunteer service: recounted only when that changes (a type
    # may have years of activities behind it).
    with tallies(kind) if kind.is_volunteering != before["is_volunteering"] else nullcontext():
        kind.save()
    audit_record(actor=actor, action="update", obj=kind, changes=changed_fields(before, snapshot(kind, TYPE_FIELDS)))
    return kind


@transaction.atomic
def activity_type_delete(*, actor, type_id: int, version: int) -> None:
    """Delete a type no activity uses; one in use is switched off instead (in use: 停用)."""
    kind = lock_for_update(actor, ActivityType, type_id, version=version, action=Action.DELETE)
    if kind.activities.exists():
        raise ValidationError(
            _("The type “%(name)s” is used by activities and cannot be deleted; switch it off instead.")
            % {"name": kind.name}
        )
    audit_record(actor=actor, action="delete", obj=kind, changes=changed_fields(snapshot(kind, TYPE_FIELDS), {}))
    kind.delete()


# --- activities --------------------------------------------------------------------------------


def _co_unit_ids(activity) -> list[int]:
    return sorted(activity.co_units.values_list("pk", flat=True))


def _check_co_units(org_unit, co_units) -> list:
    """Co-organisers are units beside the organising unit (under its parent), other than itself."""
    co_units = list(co_units or [])
    around = set(units_around([org_unit]).filter(pk__in=[unit.pk for unit in co_units]).values_list("pk", flat=True))
    if any(unit.pk not in around for unit in co_units):
        raise ValidationError({"co_units": _("Choose co-organising units within the organising unit's parent unit.")})
    if any(unit.pk == org_unit.pk for unit in co_units):
        raise ValidationError({"co_units": _("The organising unit cannot also be a co-organiser.")})
    return co_units


def _check_place(actor, activity, before: dict | None = None) -> None:
    """The venue and room come from those the actor sees (a room of the chosen venue), else a free
    address; an activity has one or the other. A place kept unchanged on an edit stays valid."""
    before = before or {}
    if activity.room_id and not activity.venue_id:
        activity.venue = activity.room.venue
    errors = {}
    venue_chosen = activity.venue_id and activity.venue_id != before.get("venue")
    if venue_chosen and not venues_visible(actor).filter(is_active=True, pk=activity.venue_id).exists():
        errors["venue"] = _("Choose a venue among those you can see.")
    room_chosen = activity.room_id and (activity.room_id, activity.venue_id) != (
        before.get("room"),
        before.get("venue"),
    )
    if room_chosen and not rooms_in_use(actor).filter(venue=activity.venue_id, pk=activity.room_id).exists():
        errors["room"] = _("Choose a room of the chosen venue.")
    if not activity.venue_id and not activity.address:
        errors["address"] = _("Choose a venue or give the address.")
    if errors:
        raise ValidationError(errors)


def _check_times(activity) -> None:
    if activity.starts_at and activity.ends_at and activity.ends_at < activity.starts_at:
        raise ValidationError({"ends_at": _("The activity cannot end before it starts.")})


def booking_source(activity) -> str:
    return f"activity:{activity.pk}"


def _keep_room(actor, activity) -> None:
    """The activity's room is booked for its time while it is not cancelled (venues' booking,
    kept under the activity's source: moved with it, freed when it is cancelled, deleted or
    moved out of the room). A room taken at that time refuses the write, naming the booking."""
    if not activity.room_id or activity.status == ActivityStatus.CANCELLED:
        release_room(actor=actor, source=booking_source(activity))
        return
    if activity.ends_at <= activity.starts_at:
        raise ValidationError({"ends_at": _("An activity in a room must end after it starts.")})
    try:
        hold_room(
            actor=actor,
            room_id=activity.room_id,
            org_unit_id=activity.org_unit_id,
            starts_at=activity.starts_at,
            ends_at=activity.ends_at,
            purpose=activity.title[:120],
            source=booking_source(activity),
        )
    except ValidationError as refused:
        raise ValidationError(
            {"room": [message for messages in refused.message_dict.values() for message in messages]}
        ) from None


def _sync_all(actor, activity) -> None:
    for participant in activity.participants.select_related("activity__type"):
        participant.activity = activity
        sync_evidence(actor, participant)


def _audit_values(activity, co_unit_ids) -> dict:
    return {**snapshot(activity, (*ACTIVITY_FIELDS, "status")), "co_units": co_unit_ids}


@transaction.atomic
def activity_create(
    *,
    actor,
    org_unit,
    title: str,
    type,
    starts_at,
    ends_at,
    co_units=(),
    venue=None,
    room=None,
    address: str = "",
    description: str = "",
) -> Activity:
    """Plan an activity of ``org_unit`` (a unit the actor may add activities in)."""
    require(actor, Action.ADD, Activity, org_unit)
    if type is not None and not type.is_active:
        raise ValidationError({"type": _("This activity type is no longer in use.")})
    co_units = _check_co_units(org_unit, co_units)
    activity = Activity(org_unit=org_unit, type=type, starts_at=starts_at, ends_at=ends_at, venue=venue, room=room)
    assign(activity, {"title": title, "address": address, "description": description})
    _check_times(activity)
    _check_place(actor, activity)
    activity.full_clean()
    with tallies() as tracked:
        activity.save()
        tracked.add(activity)
    activity.co_units.set(co_units)
    _keep_room(actor, activity)
    audit_record(
        actor=actor,
        action="create",
        obj=activity,
        changes=changed_fields({}, _audit_values(activity, _co_unit_ids(activity))),
    )
    return activity


@transaction.atomic
def activity_update(*, actor, activity_id: int, version: int, **values) -> Activity:
    """Change an activity's details (its status changes through ``activity_set_status``)."""
    _unknown(values, (*ACTIVITY_FIELDS, "co_units"))
    activity = lock_for_update(actor, Activity, activity_id, version=version)
    before = snapshot(activity, ACTIVITY_FIELDS)
    before_co = _co_unit_ids(activity)
    co_units = values.pop("co_units", None)
    new_type = values.get("type")
    if new_type is not None and new_type.pk != activity.type_id and not new_type.is_active:
        raise ValidationError({"type": _("This activity type is no longer in use.")})
    if "org_unit" in values and values["org_unit"] is not None and values["org_unit"].pk != activity.org_unit_id:
        require(actor, Action.ADD, Activity, values["org_unit"])
    if "venue" in values and "room" not in values and values["venue"] != activity.venue:
        values["room"] = None  # a room of another venue does not follow
    assign(activity, values)
    after_co = before_co if co_units is None else sorted(unit.pk for unit in co_units)
    if unchanged(before, snapshot(activity, ACTIVITY_FIELDS)) and after_co == before_co:
        return activity
    if co_units is not None and after_co != before_co:
        co_units = _check_co_units(activity.org_unit, co_units)
    elif activity.org_unit_id in before_co:
        raise ValidationError({"org_unit": _("The organising unit cannot also be a co-organiser.")})
    _check_times(activity)
    _check_place(actor, activity, before)
    activity.full_clean()
    activity.version += 1
    with tallies(activity):  # its day, unit and type, and its participants' and hours' with it
        activity.save()
    if co_units is not None:
        activity.co_units.set(co_units)
    ensure_still_visible(actor, activity)
    after = snapshot(activity, ACTIVITY_FIELDS)
    if any(before[name] != after[name] for name in ("room", "starts_at", "ends_at", "org_unit", "title")):
        _keep_room(actor, activity)
    if any(before[name] != after[name] for name in ("type", "starts_at")):
        _sync_all(actor, activity)
    audit_record(
        actor=actor,
        action="update",
        obj=activity,
        changes=changed_fields({**before, "co_units": before_co}, {**after, "co_units": _co_unit_ids(activity)}),
    )
    return activity


def _check_transition(activity, status: str, reason: str) -> None:
    current = activity.status
    if status not in ActivityStatus.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    if status == ActivityStatus.HELD:
        if current != ActivityStatus.PLANNED:
            raise ValidationError({"status": _("Only a planned activity can be marked as held.")})
        if activity.starts_at > timezone.now():
            raise ValidationError({"status": _("An activity cannot be marked as held before it has started.")})
    elif status == ActivityStatus.CANCELLED:
        if current != ActivityStatus.PLANNED:
            raise ValidationError({"status": _("Only a planned activity can be cancelled.")})
    elif current != ActivityStatus.PLANNED and not reason.strip():
        raise ValidationError({"reason": _("Say why a held or cancelled activity goes back to planned.")})


@transaction.atomic
def activity_set_status(*, actor, activity_id: int, version: int, status: str, reason: str = "") -> Activity:
    """planned → held (once it has started) or cancelled; a held or cancelled activity goes back
    to planned only with a reason, kept in the audit log. The members' paths follow."""
    activity = lock_for_update(actor, Activity, activity_id, version=version)
    if activity.status == status:
        return activity
    _check_transition(activity, status, reason)
    before = activity.status
    activity.status = status
    activity.version += 1
    with tallies(activity):
        activity.save(update_fields=["status", "version", "updated_at"])
    if ActivityStatus.CANCELLED in (before, status):
        _keep_room(actor, activity)
    _sync_all(actor, activity)
    audit_record(
        actor=actor,
        action="update",
        obj=activity,
        changes={"status": [before, status]},
        reason=reason.strip()[:500],
    )
    return activity


@transaction.atomic
def activity_delete(*, actor, activity_id: int, version: int) -> None:
    """Delete an activity and its participants (their steps leave the members' paths); one with
    volunteer hours or donations recorded on it is kept."""
    activity = lock_for_update(actor, Activity, activity_id, version=version, action=Action.DELETE)
    release_room(actor=actor, source=booking_source(activity))
    for participant in activity.participants.all():
        if participant.person_id:
            person_path_evidence_remove(actor=actor, origin=origin_of(participant))
    audit_record(
        actor=actor,
        action="delete",
        obj=activity,
        changes=changed_fields(_audit_values(activity, _co_unit_ids(activity)), {}),
    )
    with tallies(activity):  # its participants go with it
        delete_unless_protected(
            activity, _("This activity cannot be deleted: volunteer hours or donations are recorded on it.")
        )

"""Room bookings: the one way any app holds a room.

Two bookings of a room may not overlap while both are booked (an end touching the next start is
fine). The check runs in the write transaction after the room's row is written to, which takes
the row's lock on PostgreSQL and the database's write lock on SQLite, so two simultaneous
bookings are checked one after the other; on PostgreSQL an exclusion constraint
(migration 0003_booking_no_overlap) holds even against writes that bypass this module, and its
violation reads as the same message.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from concentric.core.auditing import audit_record, changed_fields
from concentric.core.scoping import Action
from concentric.core.services import assign, ensure_still_visible, lock_for_update, require, snapshot, unchanged
from concentric.org.selectors import units_where
from concentric.venues.choices import BookingStatus
from concentric.venues.models import Booking, Room

BOOKING_FIELDS = ("room", "org_unit", "starts_at", "ends_at", "purpose", "contact", "status")
NO_OVERLAP_CONSTRAINT = "booking_no_overlap"


def _visible_room(actor, room_id) -> Room:
    room = Room.objects.visible_to(actor, Action.VIEW).select_related("venue").filter(pk=room_id).first()
    if room is None:
        raise ValidationError({"room": _("Choose a room you may see.")})
    return room


def _serialise_room(room_id: int) -> None:
    """Write to the room's row (nothing changes) so bookings of one room queue behind each other."""
    Room.objects.filter(pk=room_id).update(version=F("version"))


def conflict_message(other: Booking) -> str:
    start, end = timezone.localtime(other.starts_at), timezone.localtime(other.ends_at)
    end_format = "%H:%M" if start.date() == end.date() else "%Y-%m-%d %H:%M"
    return _("%(room)s is already booked from %(start)s to %(end)s by %(unit)s for “%(purpose)s”.") % {
        "room": other.room,
        "start": start.strftime("%Y-%m-%d %H:%M"),
        "end": end.strftime(end_format),
        "unit": other.org_unit.name,
        "purpose": other.purpose,
    }


def overlapping(room_id: int, starts_at, ends_at, *, exclude_pk=None):
    """The booked bookings of the room that overlap [starts_at, ends_at)."""
    clashes = Booking.objects.filter(
        room_id=room_id, status=BookingStatus.BOOKED, starts_at__lt=ends_at, ends_at__gt=starts_at
    ).select_related("room__venue", "org_unit")
    return clashes.exclude(pk=exclude_pk) if exclude_pk else clashes


def _check_times(booking: Booking) -> None:
    if booking.starts_at and booking.ends_at and booking.ends_at <= booking.starts_at:
        raise ValidationError({"ends_at": _("The end must be after the start.")})


def _check_free(booking: Booking) -> None:
    if booking.status != BookingStatus.BOOKED:
        return
    _serialise_room(booking.room_id)
    clash = overlapping(booking.room_id, booking.starts_at, booking.ends_at, exclude_pk=booking.pk).first()
    if clash is not None:
        raise ValidationError({"starts_at": conflict_message(clash)})


def _save(booking: Booking) -> None:
    """Save, reading the database's refusal of an overlap (PostgreSQL) as the conflict message."""
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError as error:
        if NO_OVERLAP_CONSTRAINT not in str(error):
            raise
        clash = overlapping(booking.room_id, booking.starts_at, booking.ends_at, exclude_pk=booking.pk).first()
        raise ValidationError(
            {"starts_at": conflict_message(clash) if clash else _("This room is already booked at that time.")}
        ) from None


def _prepare(booking: Booking) -> None:
    _check_times(booking)
    booking.full_clean(exclude=["booked_by"])
    _check_free(booking)


def _changes(before: dict, after: dict) -> dict:
    return changed_fields(before, after)


def _refuse_held(booking: Booking) -> None:
    if booking.source:
        raise ValidationError(_("This booking was made for an activity; change or cancel it from the activity."))


@transaction.atomic
def booking_create(
    *, actor, room, org_unit, starts_at, ends_at, purpose: str, contact: str = "", source: str = ""
) -> Booking:
    """Book ``room`` (one the actor sees) for ``org_unit`` (one where the actor may add bookings)."""
    require(actor, Action.ADD, Booking, org_unit)
    room = _visible_room(actor, getattr(room, "pk", room))
    if not room.is_active or not room.venue.is_active:
        raise ValidationError({"room": _("This room is not in use.")})
    booking = Booking(room=room, org_unit=org_unit, booked_by=actor, source=source)
    assign(booking, {"starts_at": starts_at, "ends_at": ends_at, "purpose": purpose, "contact": contact})
    _prepare(booking)
    _save(booking)
    audit_record(actor=actor, action="create", obj=booking, changes=_changes({}, snapshot(booking, BOOKING_FIELDS)))
    return booking


@transaction.atomic
def booking_update(*, actor, booking_id: int, version: int, _held: bool = False, **values) -> Booking:
    """Move or change a booking (another room the actor sees, another unit of theirs, other
    times); cancelling is ``status="cancelled"``. A booking made for an activity is changed from
    the activity (hold_room / release_room)."""
    unknown = set(values) - set(BOOKING_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    booking = lock_for_update(actor, Booking, booking_id, version=version)
    if not _held:
        _refuse_held(booking)
    before = snapshot(booking, BOOKING_FIELDS)
    if "room" in values:
        room_id = getattr(values["room"], "pk", values["room"])
        values["room"] = booking.room if room_id == booking.room_id else _visible_room(actor, room_id)
    if "org_unit" in values and values["org_unit"] is not None and values["org_unit"].pk != booking.org_unit_id:
        require(actor, Action.ADD, Booking, values["org_unit"])
    assign(booking, values)
    after = snapshot(booking, BOOKING_FIELDS)
    if unchanged(before, after):
        return booking
    _prepare(booking)
    booking.version += 1
    _save(booking)
    ensure_still_visible(actor, booking)
    audit_record(actor=actor, action="update", obj=booking, changes=_changes(before, after))
    return booking


def booking_cancel(*, actor, booking_id: int, version: int) -> Booking:
    """Cancel a booking: the slot is free again; the record stays."""
    return booking_update(actor=actor, booking_id=booking_id, version=version, status=BookingStatus.CANCELLED)


@transaction.atomic
def hold_room(
    *, actor, room_id: int, org_unit_id: int, starts_at, ends_at, purpose: str, source: str = "", contact: str = ""
) -> Booking:
    """Hold a room for ``source`` ("activity:12"): the booking is created, or the one already
    kept for that source is moved to these times, room and unit (and booked again if it was
    cancelled). Without a source every call books anew. An overlap is refused (ValidationError
    naming the conflict); so are a room the actor does not see and a unit where they may not book."""
    org_unit = _bookable_unit(actor, org_unit_id)
    existing = _held_for(source)
    if existing is None:
        return booking_create(
            actor=actor,
            room=room_id,
            org_unit=org_unit,
            starts_at=starts_at,
            ends_at=ends_at,
            purpose=purpose,
            contact=contact,
            source=source,
        )
    values = {
        "room": room_id,
        "org_unit": org_unit,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "purpose": purpose,
        "contact": contact,
        "status": BookingStatus.BOOKED,
    }
    return booking_update(actor=actor, booking_id=existing.pk, version=existing.version, _held=True, **values)


@transaction.atomic
def release_room(*, actor, source: str) -> Booking | None:
    """Cancel the booking held for ``source`` (an activity cancelled or moved elsewhere); nothing
    when there is none or it is cancelled already."""
    existing = _held_for(source)
    if existing is None or existing.status == BookingStatus.CANCELLED:
        return existing
    return booking_update(
        actor=actor, booking_id=existing.pk, version=existing.version, _held=True, status=BookingStatus.CANCELLED
    )


def _held_for(source: str) -> Booking | None:
    if not source.strip():
        return None
    return Booking.objects.filter(source=source.strip()).order_by("pk").first()


def _bookable_unit(actor, org_unit_id: int):
    unit = units_where(actor, Action.ADD, Booking).filter(pk=org_unit_id).first()
    if unit is None:
        raise PermissionDenied(_("You may not book rooms for this unit."))
    return unit

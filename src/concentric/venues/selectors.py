"""The reads of venues, rooms and bookings that other apps use (activities picks a room here)."""

from datetime import datetime

from concentric.core.scoping import Action, can
from concentric.venues.choices import BookingStatus
from concentric.venues.models import Booking, Room, RoomFunction, Venue


def venues_visible(user):
    """The venues ``user`` sees: their units' and those of the units above them."""
    return Venue.objects.visible_to(user, Action.VIEW).select_related("org_unit")


def rooms_visible(user, venue=None):
    """The rooms ``user`` sees (of one venue when given), in venue and name order."""
    rooms = Room.objects.visible_to(user, Action.VIEW).select_related("venue", "venue__org_unit")
    if venue is not None:
        rooms = rooms.filter(venue=venue)
    return rooms.order_by("venue__name", "venue_id", "name", "id")


def rooms_in_use(user):
    """The rooms ``user`` may book: seen, in use, in a venue in use."""
    return rooms_visible(user).filter(is_active=True, venue__is_active=True)


def room_get(user, room_id) -> Room | None:
    """The room ``room_id`` when ``user`` sees it, else None."""
    return rooms_visible(user).filter(pk=room_id).first()


def room_functions():
    """The room-function dictionary in its order (every business role reads it)."""
    return RoomFunction.objects.order_by("sort", "id")


def room_bookings(rooms, starts: datetime, ends: datetime):
    """The booked bookings of ``rooms`` overlapping [starts, ends), for a calendar: who booked
    and for what shows on the room's calendar to everyone who sees the room."""
    return (
        Booking.objects.filter(room__in=rooms, status=BookingStatus.BOOKED, starts_at__lt=ends, ends_at__gt=starts)
        .select_related("room", "org_unit")
        .order_by("starts_at", "id")
    )


def bookings_visible(user):
    return Booking.objects.visible_to(user, Action.VIEW).select_related("room__venue", "org_unit")


def venues_of_unit(actor, unit) -> int | None:
    """How many venues ``unit`` keeps (not its sub-units'); None when ``actor`` may not see them."""
    if not can(actor, Action.VIEW, Venue, unit):
        return None
    return venues_visible(actor).filter(org_unit=unit).count()

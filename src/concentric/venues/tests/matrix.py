"""The venues app's declarations for the route sweeps (tests/routes.py)."""

from datetime import datetime, timedelta

from django.utils import timezone

from concentric.core.scoping import Action
from concentric.core.tests.stored import stored_file
from concentric.venues.models import Booking, Room, RoomFunction, Venue, VenuePhoto
from tests.routes import Spec

UNIT_HOURS = {"D": 8, "S": 9, "C1": 10, "C2": 11, "B1": 12}  # each unit's booking at its own time


def _venue(unit, key, suffix="阵地"):
    venue = Venue.objects.create(
        org_unit=unit,
        name=f"矩阵{key}{suffix}",
        kind="home",
        address="崔家巷4号",
        opening_hours="9:00–17:00",
        keeper="李管理",
        keeper_phone="13800000000",
        description="第一行\n第二行",
    )
    return venue, venue.name


def _room(unit, key):
    venue, _ = _venue(unit, key, "房间阵地")
    room = Room.objects.create(venue=venue, name=f"矩阵{key}房间", capacity=20)
    room.functions.add(RoomFunction.objects.order_by("pk").first())
    return room, room.name


def _booking(unit, key):
    room, _ = _room(unit, key)
    day = timezone.localdate() + timedelta(days=1)
    starts = timezone.make_aware(datetime(day.year, day.month, day.day, UNIT_HOURS.get(key, 13)))
    booking = Booking.objects.create(
        room=room, org_unit=unit, starts_at=starts, ends_at=starts + timedelta(hours=1), purpose=f"矩阵{key}预订"
    )
    return booking, booking.purpose


def _room_function(unit, key):
    function = RoomFunction.objects.create(code=f"mx-{key.lower()}", name=f"矩阵{key}功能", sort=0)
    return function, function.name


def _venue_photo(unit, key):
    venue, _marker = _venue(unit, key, "照片阵地")
    photo = stored_file(VenuePhoto, name=f"矩阵{key}照片.png", venue=venue)
    return photo, photo.name


FACTORIES = {Venue: _venue, Room: _room, Booking: _booking, RoomFunction: _room_function, VenuePhoto: _venue_photo}

ROUTE_SPECS = {
    # Answers the photo itself, not a page naming it.
    "venue_files:photos_file": Spec(VenuePhoto, Action.VIEW, binary=True),
    # Uploads are multipart forms.
    "api:venues-photos-list": Spec(Venue, None, api=True, multipart=True),
}

# The cancellation posts the version of the booking it cancels.
VERSIONED = {"venues:booking_cancel": lambda booking: {"version": booking}}

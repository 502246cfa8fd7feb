"""Writes to venues, the room-function dictionary and room bookings (every other app books rooms
through ``hold_room`` and ``release_room``). Rooms are records kept on their venue: their writes
are the kit's (venues.crud.RoomRecords)."""

from concentric.venues.services.bookings import (
    booking_cancel,
    booking_create,
    booking_update,
    hold_room,
    release_room,
)
from concentric.venues.services.functions import room_function_create, room_function_update
from concentric.venues.services.venues import venue_create, venue_delete, venue_update

__all__ = [
    "booking_cancel",
    "booking_create",
    "booking_update",
    "hold_room",
    "release_room",
    "room_function_create",
    "room_function_update",
    "venue_create",
    "venue_delete",
    "venue_update",
]

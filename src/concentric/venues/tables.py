"""The columns of the venue, booking and room-function lists and of their exports."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from concentric.core.kit.tables import Column, Table


def _room_count(venue):
    return getattr(venue, "room_count", None)


class VenueTable(Table):
    name = Column(_("Name"), "name", width=24)
    kind = Column(_("Kind"), "get_kind_display", width=14, nowrap=True)
    unit = Column(_("Unit"), "org_unit.name", width=20)
    address = Column(_("Address"), "address", width=30)
    opening_hours = Column(_("Opening hours"), "opening_hours", width=24)
    rooms = Column(_("Rooms"), _room_count, width=8)
    keeper = Column(_("Keeper"), "keeper", width=12)
    keeper_phone = Column(_("Keeper's phone"), "keeper_phone", width=16, mask="phone")
    is_active = Column(_("In use"), "is_active", width=8)

    page = ("name", "kind", "unit", "address", "rooms", "is_active")
    export = ("name", "kind", "unit", "address", "opening_hours", "rooms", "keeper", "keeper_phone", "is_active")


class BookingTable(Table):
    starts_at = Column(pgettext_lazy("date and time", "From"), "starts_at", width=18, nowrap=True)
    ends_at = Column(pgettext_lazy("date and time", "Until"), "ends_at", width=18, nowrap=True)
    venue = Column(_("Venue"), "room.venue.name", width=20)
    room = Column(_("Room"), "room.name", width=16)
    unit = Column(_("Booking unit"), "org_unit.name", width=20)
    purpose = Column(_("Purpose"), "purpose", width=30)
    contact = Column(_("Contact person"), "contact", width=12)
    status = Column(_("Status"), "get_status_display", width=8, nowrap=True)
    source = Column(_("Booked for"), "source", width=16)

    page = ("starts_at", "ends_at", "venue", "room", "unit", "purpose", "status")


class RoomFunctionTable(Table):
    name = Column(_("Name"), "name", width=16)
    code = Column(_("Code"), "code", width=16)
    sort = Column(_("Order"), "sort", width=8)

"""Use of rooms in a period, in the user's scope: bookings and hours booked per venue, per room
and per room function. Only booked bookings count; hours are the part of each booking inside the
period. A room serving several functions counts under each of them: the figures per function add
up to more than the total, and each function's row says how many of its bookings (``shared``)
were of rooms that also serve another function."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from concentric.venues.choices import BookingStatus
from concentric.venues.selectors import bookings_visible

HOUR = Decimal(3600)


@dataclass
class UseRow:
    label: str
    unit: str
    bookings: int = 0
    seconds: int = 0
    shared: int = 0  # per function: bookings of rooms that serve other functions too (counted there as well)

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.seconds) / HOUR).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Usage:
    venues: list[UseRow]
    rooms: list[UseRow]
    functions: list[UseRow]
    total: UseRow

    @property
    def counted_twice(self) -> bool:
        """Some booking counts under more than one function."""
        return any(row.shared for row in self.functions)


def _bounds(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(date_from, time.min))
    return start, timezone.make_aware(datetime.combine(date_to + timedelta(days=1), time.min))


def bookings_in_period(user, date_from: date, date_to: date):
    """The booked bookings ``user`` sees that touch the days ``date_from`` to ``date_to``."""
    start, end = _bounds(date_from, date_to)
    return bookings_visible(user).filter(status=BookingStatus.BOOKED, starts_at__lt=end, ends_at__gt=start)


def room_usage(user, date_from: date, date_to: date) -> Usage:
    """The use of the rooms whose bookings ``user`` sees, from ``date_from`` to ``date_to`` inclusive."""
    start, end = _bounds(date_from, date_to)
    bookings = (
        bookings_in_period(user, date_from, date_to)
        .select_related("room__venue__org_unit")
        .prefetch_related("room__functions")
        .order_by("pk")
    )
    venues, rooms, functions = {}, {}, {}
    total = UseRow("", "")
    for booking in bookings:
        seconds = int((min(booking.ends_at, end) - max(booking.starts_at, start)).total_seconds())
        room, venue = booking.room, booking.room.venue
        served = [functions.setdefault(function.code, UseRow(function.name, "")) for function in room.functions.all()]
        rows = [
            venues.setdefault(venue.pk, UseRow(venue.name, venue.org_unit.name)),
            rooms.setdefault(room.pk, UseRow(f"{venue.name} · {room.name}", venue.org_unit.name)),
            *served,
            total,
        ]
        for row in rows:
            row.bookings += 1
            row.seconds += seconds
        if len(served) > 1:
            for row in served:
                row.shared += 1
    return Usage(_busiest_first(venues), _busiest_first(rooms), _busiest_first(functions), total)


def _busiest_first(rows: dict) -> list[UseRow]:
    return sorted(rows.values(), key=lambda row: (-row.seconds, row.label))

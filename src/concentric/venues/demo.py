"""Demo venues: the subdistrict's 统战之家 at 崔家巷4号 with its six rooms, 同心书屋 and 同心客厅 in
the business district, and a few bookings this month, written through the services."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from concentric.venues import services
from concentric.venues.choices import VenueKind
from concentric.venues.crud import room_create
from concentric.venues.models import Booking, Room, RoomFunction, Venue


@dataclass(frozen=True)
class DemoVenue:
    unit: str
    name: str
    kind: str
    address: str
    opening_hours: str
    keeper: str
    keeper_phone: str
    rooms: tuple  # (name, capacity, function codes)


VENUES = (
    DemoVenue(
        "hubin",
        "湖滨统战之家",
        VenueKind.HOME,
        "崔家巷4号",
        "周一至周五 9:00–17:00，周六 9:00–12:00",
        "李晓燕",
        "13905710421",
        (
            ("晴雨议事厅", 30, ("deliberation", "reception")),
            ("晴雨筑梦馆", 40, ("exhibition",)),
            ("晴雨大舞台", 120, ("performance",)),
            ("晴雨演艺厅", 80, ("performance",)),
            ("晴雨风采廊", 25, ("exhibition",)),
            ("晴雨科教馆", 36, ("training", "exhibition")),
        ),
    ),
    DemoVenue(
        "hubin-buxingjie",
        "同心书屋",
        VenueKind.READING_ROOM,
        "湖滨步行街商圈",
        "每天 10:00–20:00",
        "赵俊杰",
        "13705710388",
        (("阅览室", 20, ("reading",)),),
    ),
    DemoVenue(
        "hubin-buxingjie",
        "同心客厅",
        VenueKind.PARLOUR,
        "湖滨步行街商圈",
        "每天 10:00–20:00",
        "赵俊杰",
        "13705710388",
        (("会客厅", 15, ("reception", "meeting")),),
    ),
)

# (room, booking unit, day of the month, from hour, to hour, purpose)
BOOKINGS = (
    ("晴雨议事厅", "hubin", 3, 9, 11, "新的社会阶层人士座谈会"),
    ("晴雨科教馆", "hubin-dongpo", 8, 14, 16, "统一战线知识学习培训"),
    ("晴雨大舞台", "hubin", 12, 19, 21, "同心迎新文艺汇演"),
    ("晴雨筑梦馆", "hubin-yuewang", 15, 9, 17, "同心圆成果展"),
    ("晴雨议事厅", "hubin-dongpo", 18, 9, 11, "民情议事会"),
    ("晴雨风采廊", "hubin", 22, 10, 12, "统战人士风采展布展"),
)


@transaction.atomic
def load_demo_venues(*, actor, units: dict) -> int:
    """Create what is missing; answers how many records were created."""
    created = 0
    rooms = {}
    functions = {function.code: function for function in RoomFunction.objects.all()}
    for spec in VENUES:
        venue = Venue.objects.filter(org_unit=units[spec.unit], name=spec.name).first()
        if venue is None:
            venue = services.venue_create(
                actor=actor,
                org_unit=units[spec.unit],
                name=spec.name,
                kind=spec.kind,
                address=spec.address,
                opening_hours=spec.opening_hours,
                keeper=spec.keeper,
                keeper_phone=spec.keeper_phone,
            )
            created += 1
        for name, capacity, codes in spec.rooms:
            room = Room.objects.filter(venue=venue, name=name).first()
            if room is None:
                chosen = [functions[code] for code in codes if code in functions]
                room = room_create(actor=actor, venue=venue, name=name, capacity=capacity, functions=chosen)
                created += 1
            rooms[name] = room
    if not Booking.objects.filter(room__venue__name=VENUES[0].name).exists():
        created += _book_this_month(actor, units, rooms)
    return created


def _book_this_month(actor, units: dict, rooms: dict) -> int:
    first = timezone.localdate().replace(day=1)
    for room, unit, day, start, end, purpose in BOOKINGS:
        date = first + timedelta(days=day - 1)
        services.booking_create(
            actor=actor,
            room=rooms[room],
            org_unit=units[unit],
            starts_at=timezone.make_aware(datetime.combine(date, time(start))),
            ends_at=timezone.make_aware(datetime.combine(date, time(end))),
            purpose=purpose,
            contact="陈志远",
        )
    return len(BOOKINGS)

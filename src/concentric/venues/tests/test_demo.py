"""The demo data of `make run`: the 统战之家 with its six rooms, the business district's venues,
bookings this month; loading again writes nothing."""

from django.utils import timezone, translation

from concentric.shell.demo import load_demo
from concentric.venues.models import Booking, Room, Venue


def test_the_demo_venues_rooms_and_bookings(db):
    with translation.override("en"):
        first = load_demo()
    home = Venue.objects.get(name="湖滨统战之家")
    assert (home.address, home.org_unit.code, home.kind) == ("崔家巷4号", "hubin", "home")
    rooms = {room.name: sorted(function.name for function in room.functions.all()) for room in home.rooms.all()}
    assert rooms == {
        "晴雨议事厅": ["接待", "议事"],
        "晴雨筑梦馆": ["展示"],
        "晴雨大舞台": ["演出"],
        "晴雨演艺厅": ["演出"],
        "晴雨风采廊": ["展示"],
        "晴雨科教馆": ["培训", "展示"],
    }
    assert all(room.capacity for room in Room.objects.all())
    assert set(Venue.objects.filter(org_unit__code="hubin-buxingjie").values_list("name", flat=True)) == {
        "同心书屋",
        "同心客厅",
    }
    month = timezone.localdate().replace(day=1)
    bookings = Booking.objects.filter(source="")  # the venues' own; activities in rooms book theirs
    assert bookings.count() == 6
    assert all(timezone.localtime(booking.starts_at).date().replace(day=1) == month for booking in bookings)
    with translation.override("en"):
        again = load_demo()
    assert first.created["venues"] == 3 + 8 + 6  # venues, rooms, bookings
    assert again.created["venues"] == 0

"""The venues API: venues (the keeper's phone masked), rooms with their functions, bookings with
the overlap refused in the API's error format."""

import pytest
from django.utils import timezone, translation

from concentric.venues.models import Booking, Room, RoomFunction
from concentric.venues.services import booking_create
from concentric.venues.tests.conftest import at
from tests.api_support import token_client


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def iso(moment) -> str:
    return timezone.localtime(moment).isoformat()


def test_venues_are_listed_with_the_keepers_phone_masked(home, users):
    client = token_client(users["c1_staff"])
    results = client.get("/api/v1/venues/").json()["results"]
    assert [(row["name"], row["keeper_phone"]) for row in results] == [("湖滨统战之家", "139****0421")]
    assert client.get("/api/v1/venues/", {"kind": "castle"}).status_code == 400


def test_a_masked_phone_sent_back_is_refused(home, users):
    client = token_client(users["sub_admin"])
    venue = home["venue"]
    answer = client.patch(f"/api/v1/venues/{venue.pk}/", {"keeper_phone": "139****0421", "version": 1}, format="json")
    assert answer.status_code == 400 and "keeper_phone" in answer.json()["fields"]


def test_rooms_are_added_with_functions_to_a_venue_the_user_may_change(home, users):
    show = RoomFunction.objects.get(code="exhibition")
    body = {"venue": home["venue"].pk, "name": "晴雨风采廊", "capacity": 25, "functions": [show.pk]}
    refused = token_client(users["c1_staff"]).post("/api/v1/venues/rooms/", body, format="json")
    assert refused.status_code in (400, 403) and not Room.objects.filter(name="晴雨风采廊").exists()
    created = token_client(users["sub_admin"]).post("/api/v1/venues/rooms/", body, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["functions"] == [show.pk]
    listed = token_client(users["c1_staff"]).get("/api/v1/venues/rooms/", {"function": show.pk}).json()["results"]
    assert [row["name"] for row in listed] == ["晴雨风采廊"]


def test_a_booking_by_api_and_its_overlap_refused_naming_the_conflict(home, tree, users):
    booking_create(
        actor=users["c2_staff"],
        room=home["hall"],
        org_unit=tree["C2"],
        starts_at=at(1, 9),
        ends_at=at(1, 11),
        purpose="联谊会",
    )
    client = token_client(users["c1_staff"])
    body = {"room": home["hall"].pk, "org_unit": tree["C1"].pk, "purpose": "议事会"}
    clash = client.post(
        "/api/v1/venues/bookings/", {**body, "starts_at": iso(at(1, 10)), "ends_at": iso(at(1, 12))}, format="json"
    )
    assert clash.status_code == 400
    assert "联谊会" in clash.json()["fields"]["starts_at"][0]
    assert Booking.objects.count() == 1
    made = client.post(
        "/api/v1/venues/bookings/", {**body, "starts_at": iso(at(1, 11)), "ends_at": iso(at(1, 12))}, format="json"
    )
    assert made.status_code == 201 and made.json()["status"] == "booked"
    cancelled = client.patch(
        f"/api/v1/venues/bookings/{made.json()['id']}/", {"status": "cancelled", "version": 1}, format="json"
    )
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"


def test_room_functions_are_read_by_every_business_role(users):
    rows = token_client(users["c1_staff"]).get("/api/v1/venues/room-functions/").json()["results"]
    assert {"接待", "展示", "议事", "演出"} <= {row["name"] for row in rows}

"""The fuzz test's scope check (tests/fuzz_support.py) finds objects of other units in JSON
answers and in both export formats, and nothing in answers of one's own units."""

import pytest

from concentric.people.models import Category
from concentric.people.services import person_create, person_path_record
from tests.api_support import token_client
from tests.fuzz_support import Foreign, ScopeCheck, foreign_in_export, foreign_in_json

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def two_people(users, tree):
    category = Category.objects.get(code="non-party")
    mine = person_create(actor=users["c1_staff"], org_unit=tree["C1"], name="张三", main_category=category)
    theirs = person_create(actor=users["c2_staff"], org_unit=tree["C2"], name="李四", main_category=category)
    event = person_path_record(
        actor=users["c2_staff"], person_id=theirs.pk, stage="discover", kind="source", occurred_on="2025-01-02"
    )
    return mine, theirs, event


def test_foreign_is_everything_outside_the_units_of_the_roles(users, tree, two_people):
    _mine, theirs, event = two_people
    foreign = Foreign.of(users["c1_staff"])
    assert foreign.units == {tree[code].pk for code in ("D", "S", "C2", "B1")}
    assert foreign.unit_names == {"上城区", "湖滨街道", "岳王社区", "湖滨步行街商圈"}
    assert (foreign.people, foreign.path_events) == ({theirs.pk}, {event.pk})
    assert users["c1_staff"].pk not in foreign.users and users["c2_staff"].pk in foreign.users
    assert Foreign.of(users["leader"]).units == {tree["D"].pk}


def test_objects_of_other_units_are_found_in_json_answers(users, tree, two_people):
    mine, theirs, event = two_people
    foreign = Foreign.of(users["c1_staff"])
    listed = {
        "next": None,
        "results": [{"id": mine.pk, "org_unit": tree["C1"].pk}, {"id": theirs.pk, "org_unit": tree["C2"].pk}],
    }
    assert foreign_in_json(listed, "/api/v1/people/", foreign) == [f"people {theirs.pk}", f"org_unit {tree['C2'].pk}"]
    assert foreign_in_json([{"id": event.pk, "person": theirs.pk}], "/api/v1/people/{id}/path-events/", foreign) == [
        f"path_events {event.pk}",
        f"person {theirs.pk}",
    ]
    assert foreign_in_json({"id": tree["C2"].pk, "parent": tree["S"].pk}, "/api/v1/org-units/{id}/", foreign) == [
        f"units {tree['C2'].pk}"
    ]
    # A category shares ids with nothing of a unit; a unit's parent is a reference, not an answer.
    assert foreign_in_json({"id": theirs.pk, "code": "x"}, "/api/v1/people/categories/{id}/", foreign) == []
    assert foreign_in_json({"id": tree["C1"].pk, "parent": tree["S"].pk}, "/api/v1/org-units/{id}/", foreign) == []


def test_a_venue_of_a_unit_above_is_open_to_the_units_below_and_nothing_else(users, tree):
    from concentric.venues.models import Booking, Room, Venue

    above = Venue.objects.create(org_unit=tree["S"], name="统战之家", kind="home", address="崔家巷4号")
    beside = Venue.objects.create(org_unit=tree["C2"], name="岳王客厅", kind="parlour", address="岳王路")
    room = Room.objects.create(venue=above, name="议事厅")
    theirs = Booking.objects.create(
        room=room, org_unit=tree["C2"], starts_at="2026-01-01T09:00Z", ends_at="2026-01-01T10:00Z", purpose="x"
    )
    foreign = Foreign.of(users["c1_staff"])
    assert foreign_in_json({"id": above.pk, "org_unit": tree["S"].pk}, "/api/v1/venues/{id}/", foreign) == []
    assert foreign_in_json({"id": beside.pk, "org_unit": tree["C2"].pk}, "/api/v1/venues/{id}/", foreign) == [
        f"venues {beside.pk}",
        f"org_unit {tree['C2'].pk}",
    ]
    # A booking is its own unit's only, in whatever room.
    booking = {"id": theirs.pk, "org_unit": tree["C2"].pk}
    assert foreign_in_json(booking, "/api/v1/venues/bookings/{id}/", foreign) == [
        f"bookings {theirs.pk}",
        f"org_unit {tree['C2'].pk}",
    ]
    assert foreign_in_json({"id": 0, "org_unit": tree["S"].pk}, "/api/v1/venues/bookings/", foreign) == [
        f"org_unit {tree['S'].pk}"
    ]


@pytest.mark.parametrize(("fmt", "media_type"), [("csv", "text/csv"), ("xlsx", XLSX)])
def test_rows_of_other_units_are_found_in_both_export_formats(users, two_people, fmt, media_type):
    foreign = Foreign.of(users["c1_staff"])
    whole = token_client(users["sub_staff"]).get("/api/v1/people/export/", {"format": fmt})
    own = token_client(users["c1_staff"]).get("/api/v1/people/export/", {"format": fmt})
    assert (whole.status_code, own.status_code) == (200, 200)
    assert foreign_in_export(b"".join(whole.streaming_content), media_type, foreign) == ["unit 岳王社区"]
    assert foreign_in_export(b"".join(own.streaming_content), media_type, foreign) == []


def test_the_check_fails_an_answer_with_an_object_of_another_unit(users, tree, two_people):
    mine, theirs, _event = two_people

    class Answer:
        status_code = 200
        headers = {"content-type": ["application/json"]}

        def __init__(self, body):
            self.body = body
            self.content = b"{}"

        def json(self):
            return self.body

    class Case:
        class operation:
            path = "/api/v1/people/{id}/"

    check = ScopeCheck()
    check.foreign = Foreign.of(users["c1_staff"])
    assert check(None, Answer({"id": mine.pk, "org_unit": tree["C1"].pk}), Case) is None
    with pytest.raises(AssertionError) as refused:
        check(None, Answer({"id": theirs.pk, "org_unit": tree["C2"].pk}), Case)
    assert str(refused.value) == f"objects of other units in the answer: people {theirs.pk}, org_unit {tree['C2'].pk}"
    assert check.checked == {"json": 2, "export": 0}


def test_the_records_open_below_come_from_the_scope_policies():
    from tests.fuzz_support import open_below

    found = open_below()
    # Venues, their rooms and pairing projects open VIEW to the units below; bookings and activities do not.
    assert {"/api/v1/venues/", "/api/v1/venues/{id}/", "/api/v1/venues/rooms/{id}/"} <= found
    assert {"/api/v1/pairing-projects/", "/api/v1/pairing-projects/{id}/"} <= found
    assert not found & {"/api/v1/venues/bookings/", "/api/v1/activities/", "/api/v1/people/", "/api/v1/donations/"}

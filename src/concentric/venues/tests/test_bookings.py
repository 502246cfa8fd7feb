"""Room bookings: overlaps refused naming the conflict, touching allowed, cancelled slots free,
the rooms and units a user may book, the source-held bookings of other apps, audit, versions."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.utils import translation

from concentric.audit.models import AuditEvent
from concentric.core.services import StaleRecord
from concentric.venues.choices import BookingStatus
from concentric.venues.models import Booking
from concentric.venues.services import booking_cancel, booking_create, booking_update, hold_room, release_room
from concentric.venues.tests.conftest import at


def book(user, room, unit, start, end, purpose="座谈会", **extra):
    return booking_create(actor=user, room=room, org_unit=unit, starts_at=start, ends_at=end, purpose=purpose, **extra)


def test_a_community_worker_books_the_subdistricts_room_for_the_community(home, tree, users):
    booking = book(users["c1_staff"], home["hall"], tree["C1"], at(1, 9), at(1, 11), contact="王丽华")
    assert booking.status == BookingStatus.BOOKED
    assert booking.booked_by == users["c1_staff"]
    event = AuditEvent.objects.get(action="create", object_type="venues.booking", object_id=str(booking.pk))
    assert event.changes["purpose"] == [None, "座谈会"]


def test_an_overlap_is_refused_naming_room_times_unit_and_purpose(home, tree, users):
    book(users["c1_staff"], home["hall"], tree["C1"], at(1, 9), at(1, 11), purpose="民情议事会")
    before = list(Booking.objects.values_list("pk", "version"))
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        book(users["c2_staff"], home["hall"], tree["C2"], at(1, 10), at(1, 12))
    message = refused.value.message_dict["starts_at"][0]
    for part in ("晴雨议事厅", "09:00", "11:00", "东坡社区", "民情议事会", "已被"):
        assert part in message, message
    assert list(Booking.objects.values_list("pk", "version")) == before


@pytest.mark.parametrize(
    ("start", "end"),
    [((1, 8), (1, 9, 30)), ((1, 10, 59), (1, 13)), ((1, 8), (1, 12)), ((1, 9, 30), (1, 10))],
    ids=["overlapping-start", "overlapping-end", "covering", "inside"],
)
def test_every_kind_of_overlap_is_refused(home, tree, users, start, end):
    book(users["c1_staff"], home["hall"], tree["C1"], at(1, 9), at(1, 11))
    with pytest.raises(ValidationError):
        book(users["c1_staff"], home["hall"], tree["C1"], at(*start), at(*end))
    assert Booking.objects.count() == 1


def test_touching_end_and_start_is_allowed_and_other_rooms_are_independent(home, tree, users):
    book(users["c1_staff"], home["hall"], tree["C1"], at(1, 9), at(1, 11))
    book(users["c2_staff"], home["hall"], tree["C2"], at(1, 11), at(1, 12))
    book(users["c2_staff"], home["hall"], tree["C2"], at(1, 8), at(1, 9))
    book(users["c2_staff"], home["school"], tree["C2"], at(1, 9), at(1, 11))
    assert Booking.objects.count() == 4


def test_a_cancelled_booking_frees_its_slot(home, tree, users):
    first = book(users["c1_staff"], home["hall"], tree["C1"], at(1, 9), at(1, 11))
    cancelled = booking_cancel(actor=users["c1_staff"], booking_id=first.pk, version=first.version)
    assert cancelled.status == BookingStatus.CANCELLED and cancelled.version == 2
    again = book(users["c2_staff"], home["hall"], tree["C2"], at(1, 9), at(1, 11))
    assert again.status == BookingStatus.BOOKED
    # Booking the cancelled one again now clashes with the new one.
    with pytest.raises(ValidationError):
        booking_update(
            actor=users["c1_staff"], booking_id=first.pk, version=cancelled.version, status=BookingStatus.BOOKED
        )


def test_the_end_must_follow_the_start(home, tree, users):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        book(users["c1_staff"], home["hall"], tree["C1"], at(1, 11), at(1, 11))
    assert "结束时间" in refused.value.message_dict["ends_at"][0]
    assert not Booking.objects.exists()


def test_the_unit_must_be_one_the_actor_may_book_for(home, tree, users):
    with pytest.raises(PermissionDenied):
        book(users["c1_staff"], home["hall"], tree["C2"], at(1, 9), at(1, 11))
    with pytest.raises(PermissionDenied):
        book(users["c1_leader"], home["hall"], tree["C1"], at(1, 9), at(1, 11))  # leaders read only
    assert not Booking.objects.exists()


def test_a_room_the_actor_does_not_see_is_refused(home, tree, users):
    """C1's own venue is not seen from C2; the subdistrict's is seen from both."""
    from concentric.venues.crud import room_create
    from concentric.venues.services import venue_create

    own = venue_create(
        actor=users["c1_admin"], org_unit=tree["C1"], name="东坡小客厅", kind="parlour", address="东坡路"
    )
    room = room_create(actor=users["c1_admin"], venue=own, name="客厅")
    with pytest.raises(ValidationError) as refused:
        book(users["c2_staff"], room, tree["C2"], at(1, 9), at(1, 11))
    assert "room" in refused.value.message_dict
    assert not Booking.objects.exists()


def test_an_update_needs_the_current_version_and_a_no_op_writes_nothing(home, tree, users):
    booking = book(users["c1_staff"], home["hall"], tree["C1"], at(1, 9), at(1, 11))
    with pytest.raises(StaleRecord):
        booking_update(actor=users["c1_staff"], booking_id=booking.pk, version=booking.version + 1, purpose="别的")
    events = AuditEvent.objects.count()
    same = booking_update(
        actor=users["c1_staff"], booking_id=booking.pk, version=1, purpose="座谈会", room=home["hall"]
    )
    assert same.version == 1 and AuditEvent.objects.count() == events
    moved = booking_update(actor=users["c1_staff"], booking_id=booking.pk, version=1, room=home["school"])
    assert moved.version == 2 and moved.room == home["school"]
    event = AuditEvent.objects.filter(action="update", object_type="venues.booking").latest("id")
    assert event.changes == {"room": [str(home["hall"].pk), str(home["school"].pk)]}


def test_another_units_booking_cannot_be_changed(home, tree, users):
    booking = book(users["c1_staff"], home["hall"], tree["C1"], at(1, 9), at(1, 11))
    from django.http import Http404

    with pytest.raises(Http404):
        booking_cancel(actor=users["c2_staff"], booking_id=booking.pk, version=1)
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.BOOKED


def test_hold_room_creates_then_moves_the_booking_of_its_source(home, tree, users):
    staff = users["c1_staff"]
    held = hold_room(
        actor=staff,
        room_id=home["hall"].pk,
        org_unit_id=tree["C1"].pk,
        starts_at=at(2, 14),
        ends_at=at(2, 16),
        purpose="学习培训",
        source="activity:12",
    )
    moved = hold_room(
        actor=staff,
        room_id=home["school"].pk,
        org_unit_id=tree["C1"].pk,
        starts_at=at(3, 14),
        ends_at=at(3, 16),
        purpose="学习培训",
        source="activity:12",
    )
    assert moved.pk == held.pk and moved.room == home["school"] and moved.version == 2
    assert Booking.objects.count() == 1
    # Pages and the API may not change it behind the activity's back.
    with pytest.raises(ValidationError):
        booking_cancel(actor=staff, booking_id=held.pk, version=moved.version)
    released = release_room(actor=staff, source="activity:12")
    assert released.status == BookingStatus.CANCELLED
    assert release_room(actor=staff, source="activity:12").version == released.version  # nothing more happens
    assert release_room(actor=staff, source="activity:99") is None
    booked_again = hold_room(
        actor=staff,
        room_id=home["school"].pk,
        org_unit_id=tree["C1"].pk,
        starts_at=at(3, 14),
        ends_at=at(3, 16),
        purpose="学习培训",
        source="activity:12",
    )
    assert booked_again.pk == held.pk and booked_again.status == BookingStatus.BOOKED


def test_hold_room_refuses_an_overlap_and_a_unit_out_of_reach(home, tree, users):
    book(users["c2_staff"], home["hall"], tree["C2"], at(2, 14), at(2, 16), purpose="联谊会")
    values = {"room_id": home["hall"].pk, "starts_at": at(2, 15), "ends_at": at(2, 17), "purpose": "培训"}
    with pytest.raises(ValidationError):
        hold_room(actor=users["c1_staff"], org_unit_id=tree["C1"].pk, source="activity:1", **values)
    with pytest.raises(PermissionDenied):
        hold_room(actor=users["c1_staff"], org_unit_id=tree["C2"].pk, source="activity:1", **values)
    assert Booking.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the exclusion constraint and row locks: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_bookings_of_one_slot_exactly_one_succeeds(home, tree, users):
    barrier = threading.Barrier(2)
    outcomes = []

    def attempt(user, unit):
        try:
            barrier.wait(timeout=10)
            book(user, home["hall"], unit, at(4, 9), at(4, 11))
            outcomes.append("booked")
        except ValidationError as error:
            outcomes.append(error.message_dict["starts_at"][0])
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=attempt, args=(users["c1_staff"], tree["C1"])),
        threading.Thread(target=attempt, args=(users["c2_staff"], tree["C2"])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes)[0] == "booked" and outcomes.count("booked") == 1, outcomes
    assert Booking.objects.filter(status=BookingStatus.BOOKED).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the exclusion constraint: PostgreSQL")
def test_the_database_refuses_an_overlap_written_around_the_services(home, tree, users):
    from django.db import IntegrityError, transaction

    first = book(users["c1_staff"], home["hall"], tree["C1"], at(1, 9), at(1, 11))
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            room=first.room, org_unit=tree["C2"], starts_at=at(1, 10), ends_at=at(1, 12), purpose="绕过"
        )
    Booking.objects.create(room=first.room, org_unit=tree["C2"], starts_at=at(1, 11), ends_at=at(1, 12), purpose="相接")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the exclusion constraint: PostgreSQL")
def test_the_constraints_refusal_reads_as_the_conflict_message(home, tree, users, monkeypatch):
    """Should the serialised check ever miss a clash, the database's refusal says the same thing."""
    from concentric.venues.services import bookings

    book(users["c1_staff"], home["hall"], tree["C1"], at(1, 9), at(1, 11), purpose="民情议事会")
    monkeypatch.setattr(bookings, "_check_free", lambda booking: None)
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        book(users["c2_staff"], home["hall"], tree["C2"], at(1, 10), at(1, 12))
    assert "民情议事会" in refused.value.message_dict["starts_at"][0]
    assert Booking.objects.count() == 1

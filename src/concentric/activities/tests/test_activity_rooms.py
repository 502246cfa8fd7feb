"""An activity in a room books the room (venues' booking kept under the activity): moved with its
time and room, freed when it is cancelled, deleted or moved out, booked again when it is planned
again; a room taken at that time refuses the activity naming the booking, and nothing is written."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from concentric.activities.models import Activity
from concentric.activities.services.activities import (
    activity_delete,
    activity_set_status,
    activity_update,
    booking_source,
)
from concentric.venues.choices import BookingStatus
from concentric.venues.models import Booking


def held_for(activity) -> list[tuple]:
    """The activity's bookings: (room, starts, ends, status, booking unit)."""
    return list(
        Booking.objects.filter(source=booking_source(activity)).values_list(
            "room__name", "starts_at", "ends_at", "status", "org_unit__code"
        )
    )


def test_an_activity_in_a_room_books_it_for_its_time_and_unit(plan, venue):
    activity = plan(room=venue["hall"], address="", days=2)
    assert held_for(activity) == [("晴雨议事厅", activity.starts_at, activity.ends_at, BookingStatus.BOOKED, "C1")]
    assert Booking.objects.get(source=booking_source(activity)).purpose == activity.title


def test_an_activity_with_a_free_address_books_nothing(plan):
    assert Booking.objects.count() == 0
    plan(days=2)
    assert Booking.objects.count() == 0


def test_the_booking_moves_with_the_activity_and_is_freed_when_it_leaves_the_room(plan, users, venue):
    actor = users["c1_staff"]
    activity = plan(room=venue["hall"], address="", days=2)
    later = activity.starts_at + timedelta(hours=3)
    activity = activity_update(
        actor=actor,
        activity_id=activity.pk,
        version=activity.version,
        starts_at=later,
        ends_at=later + timedelta(hours=1),
    )
    activity = activity_update(actor=actor, activity_id=activity.pk, version=activity.version, room=venue["stage"])
    assert held_for(activity) == [("晴雨大舞台", later, later + timedelta(hours=1), BookingStatus.BOOKED, "C1")]
    activity_update(
        actor=actor, activity_id=activity.pk, version=activity.version, venue=None, room=None, address="社区广场"
    )
    assert [row[3] for row in held_for(activity)] == [BookingStatus.CANCELLED]


def test_a_room_taken_at_that_time_refuses_the_activity_and_nothing_is_written(plan, users, venue):
    first = plan("先约的座谈会", room=venue["hall"], address="", days=2)
    before = (Activity.objects.count(), Booking.objects.count())
    with pytest.raises(ValidationError) as refused:
        plan("后约的座谈会", room=venue["hall"], address="", days=2, unit="C2", actor="c2_staff")
    assert list(refused.value.message_dict) == ["room"]
    assert "晴雨议事厅" in refused.value.message_dict["room"][0]
    assert (Activity.objects.count(), Booking.objects.count()) == before
    # The same room right after the first activity ends is free (touching is fine).
    after = plan("接着的座谈会", room=venue["hall"], address="", days=2 + 2 / 24)
    assert after.starts_at == first.ends_at
    assert held_for(after)[0][3] == BookingStatus.BOOKED


def test_cancelling_frees_the_room_and_planning_again_books_it(plan, users, venue):
    actor = users["c1_staff"]
    activity = plan(room=venue["hall"], address="", days=2)
    activity = activity_set_status(actor=actor, activity_id=activity.pk, version=activity.version, status="cancelled")
    assert [row[3] for row in held_for(activity)] == [BookingStatus.CANCELLED]
    other = plan("改期后的活动", room=venue["hall"], address="", days=2, unit="C2", actor="c2_staff")
    assert held_for(other)[0][3] == BookingStatus.BOOKED
    with pytest.raises(ValidationError) as refused:  # the slot was taken meanwhile
        activity_set_status(
            actor=actor, activity_id=activity.pk, version=activity.version, status="planned", reason="恢复举办"
        )
    assert "room" in refused.value.message_dict
    assert Activity.objects.get(pk=activity.pk).status == "cancelled"


def test_deleting_the_activity_frees_its_room(plan, users, venue):
    activity = plan(room=venue["hall"], address="", days=2)
    activity_delete(actor=users["c1_staff"], activity_id=activity.pk, version=activity.version)
    assert [row[3] for row in held_for(activity)] == [BookingStatus.CANCELLED]

"""The two sharing rules of ScopePolicy, on real models: a record shared with further units
(``share_field``) is seen and exported there and changed only by its owner (``shared_actions``);
a record open upwards (``upward_actions``) is seen by the units below its owner, for those
actions only."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from concentric.activities.models import Activity, ActivityType, Participant
from concentric.core.scoping import Action, can
from concentric.venues.models import Room, Venue

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def activity(tree):
    """An activity of C1, co-organised by B1."""
    activity = Activity.objects.create(
        org_unit=tree["C1"],
        title="共享活动",
        type=ActivityType.objects.get(name="座谈交流"),
        starts_at=datetime(2026, 10, 1, 9, tzinfo=SHANGHAI),
        ends_at=datetime(2026, 10, 1, 11, tzinfo=SHANGHAI),
    )
    activity.co_units.add(tree["B1"])
    return activity


def visible(model, user, action):
    return set(model.objects.visible_to(user, action).values_list("pk", flat=True))


def test_a_co_organiser_sees_and_exports_a_shared_activity_but_does_not_change_it(users, activity):
    for action in (Action.VIEW, Action.EXPORT):
        assert visible(Activity, users["b1_staff"], action) == {activity.pk}
    for action in (Action.CHANGE, Action.DELETE):
        assert visible(Activity, users["b1_staff"], action) == set()
        assert visible(Activity, users["c1_staff"], action) == {activity.pk}


def test_a_unit_neither_owning_nor_sharing_sees_nothing(users, activity):
    for action in Action:
        assert visible(Activity, users["c2_staff"], action) == set()


def test_sharing_reaches_records_kept_on_the_shared_record(users, activity):
    guest = Participant.objects.create(activity=activity, guest_name="来宾")
    assert visible(Participant, users["b1_staff"], Action.VIEW) == {guest.pk}
    assert visible(Participant, users["b1_staff"], Action.CHANGE) == set()
    assert visible(Participant, users["c2_staff"], Action.VIEW) == set()


@pytest.fixture
def venue(tree):
    """The subdistrict's venue with one room."""
    venue = Venue.objects.create(org_unit=tree["S"], name="统战之家", kind="home", address="崔家巷4号")
    Room.objects.create(venue=venue, name="晴雨议事厅", capacity=30)
    return venue


def test_a_venue_is_seen_from_the_units_below_its_owner_and_changed_only_there(users, tree, venue):
    room = venue.rooms.get()
    for name in ("c1_staff", "c2_staff", "b1_staff", "c1_leader", "sub_staff"):
        assert visible(Venue, users[name], Action.VIEW) == {venue.pk}, name
        assert visible(Room, users[name], Action.VIEW) == {room.pk}, name
    for name in ("c1_staff", "c2_staff", "b1_staff"):
        assert visible(Venue, users[name], Action.CHANGE) == set(), name
        assert visible(Room, users[name], Action.EXPORT) == set(), name
        assert not can(users[name], Action.CHANGE, Venue, tree["S"])
        assert can(users[name], Action.VIEW, Venue, tree["S"])
    assert visible(Venue, users["sub_staff"], Action.CHANGE) == {venue.pk}


def test_a_venue_of_a_community_is_not_seen_by_its_sibling_or_parent_openness_is_downward_only(users, tree):
    own = Venue.objects.create(org_unit=tree["C1"], name="同心客厅", kind="parlour", address="东坡路1号")
    assert visible(Venue, users["c1_staff"], Action.VIEW) == {own.pk}
    assert visible(Venue, users["c2_staff"], Action.VIEW) == set()
    assert visible(Venue, users["sub_staff"], Action.VIEW) == {own.pk}  # the parent covers its subtree
    assert not can(users["c2_staff"], Action.VIEW, Venue, tree["C1"])


def test_separated_administrators_and_users_without_roles_see_no_venue(users, venue):
    for name in ("sysadmin", "secadmin", "auditadmin", "norole"):
        assert visible(Venue, users[name], Action.VIEW) == set(), name

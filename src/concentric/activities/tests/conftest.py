"""Fixtures of the activities' tests: a type of each path meaning, members, an activity."""

from datetime import timedelta

import pytest
from django.utils import timezone

from concentric.activities.models import ActivityType
from concentric.activities.services.activities import activity_create
from concentric.people.models import Category
from concentric.people.services import person_create
from concentric.venues.models import Room, Venue


@pytest.fixture
def types(db):
    """The seeded types by name (recreated if a transactional test flushed them)."""
    seeded = {
        "学习培训": ("training", False),
        "座谈交流": ("forum", False),
        "志愿服务": ("", True),
        "调研走访": ("", False),
    }
    return {
        name: ActivityType.objects.get_or_create(
            name=name, defaults={"path_evidence": evidence, "is_volunteering": volunteering}
        )[0]
        for name, (evidence, volunteering) in seeded.items()
    }


@pytest.fixture
def member(users, tree):
    """member("张三", unit="C1") -> a Person registered through the service."""
    category = Category.objects.get(code="non-party")

    def build(name: str, unit: str = "C1", **values):
        actor = {"C1": "c1_staff", "C2": "c2_staff", "B1": "b1_staff"}.get(unit, "sub_admin")
        return person_create(actor=users[actor], org_unit=tree[unit], name=name, main_category=category, **values)

    return build


@pytest.fixture
def plan(users, tree, types):
    """plan(title, unit="C1", actor="c1_staff", days=-1, **values) -> an activity through the service;
    ``days`` from now to its start (negative: it has started)."""

    def build(title: str = "社区座谈会", *, unit: str = "C1", actor: str = "c1_staff", days: float = -1, **values):
        starts_at = (timezone.now() + timedelta(days=days)).replace(second=0, microsecond=0)
        values.setdefault("type", types["座谈交流"])
        values.setdefault("address", "社区会议室")
        return activity_create(
            actor=users[actor],
            org_unit=tree[unit],
            title=title,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            **values,
        )

    return build


@pytest.fixture
def venue(tree):
    """The subdistrict's 统战之家 with two rooms, and a venue of C2."""
    home = Venue.objects.create(org_unit=tree["S"], name="统战之家", kind="home", address="崔家巷4号")
    other = Venue.objects.create(org_unit=tree["C2"], name="岳王会客厅", kind="parlour", address="岳王路")
    return {
        "home": home,
        "hall": Room.objects.create(venue=home, name="晴雨议事厅", capacity=40),
        "stage": Room.objects.create(venue=home, name="晴雨大舞台", capacity=200),
        "other": other,
        "other_room": Room.objects.create(venue=other, name="小会议室"),
    }

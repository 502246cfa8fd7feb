from datetime import timedelta

import pytest
from django.utils import timezone

from concentric.activities.choices import ActivityStatus
from concentric.activities.models import Activity, ActivityType
from concentric.activities.services.activities import activity_create
from concentric.people.models import Category
from concentric.people.services import person_create
from concentric.rollups.services import rollups_rebuild

# Members registered per unit (and their main category), activities held per unit.
MEMBERS = {"C1": ["non-party", "non-party", "religious"], "C2": ["religious", "non-party"], "B1": ["non-party"]}
ACTIVITIES = {"C1": 2, "C2": 1}


@pytest.fixture
def world(users, tree):
    """Members and held activities in C1, C2 and B1 this year, counted in the rollups."""
    categories = {category.code: category for category in Category.objects.all()}
    actors = {"C1": "c1_staff", "C2": "c2_staff", "B1": "b1_staff"}
    for unit, codes in MEMBERS.items():
        for index, code in enumerate(codes):
            person_create(
                actor=users[actors[unit]],
                org_unit=tree[unit],
                name=f"{unit}成员{index}",
                main_category=categories[code],
            )
    kind, _created = ActivityType.objects.get_or_create(name="座谈交流")
    starts_at = (timezone.now() - timedelta(hours=3)).replace(second=0, microsecond=0)
    if starts_at.year != timezone.now().year:  # the first hours of 1 January
        starts_at = timezone.now().replace(second=0, microsecond=0)
    for unit, count in ACTIVITIES.items():
        for index in range(count):
            activity = activity_create(
                actor=users[actors[unit]],
                org_unit=tree[unit],
                title=f"{unit}座谈会{index}",
                type=kind,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=2),
                address="社区会议室",
            )
            Activity.objects.filter(pk=activity.pk).update(status=ActivityStatus.HELD)
    rollups_rebuild()
    return {"categories": categories, "type": kind}

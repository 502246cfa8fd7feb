"""A subdistrict's 统战之家 with two rooms, written through the services, and helpers for times."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from concentric.venues.crud import room_create
from concentric.venues.models import RoomFunction
from concentric.venues.services import venue_create


def at(day_offset: int, hour: int, minute: int = 0) -> datetime:
    """A local time ``day_offset`` days from today."""
    day = timezone.localdate() + timedelta(days=day_offset)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


@pytest.fixture
def home(tree, users):
    """The subdistrict's 统战之家 (seen by its communities) with 晴雨议事厅 and 晴雨科教馆."""
    admin = users["sub_admin"]
    venue = venue_create(
        actor=admin,
        org_unit=tree["S"],
        name="湖滨统战之家",
        kind="home",
        address="崔家巷4号",
        keeper="李晓燕",
        keeper_phone="13905710421",
    )
    functions = {function.code: function for function in RoomFunction.objects.all()}
    hall = room_create(
        actor=admin,
        venue=venue,
        name="晴雨议事厅",
        capacity=30,
        functions=[functions["deliberation"], functions["reception"]],
    )
    school = room_create(actor=admin, venue=venue, name="晴雨科教馆", capacity=36, functions=[functions["training"]])
    return {"venue": venue, "hall": hall, "school": school}

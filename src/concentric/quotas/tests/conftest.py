"""Fixtures of the quotas tests: the measures the default rules name (registered by the
activities and publishing apps; a stand-in where they are not yet), units created long ago, and
daily figures written straight into the rollups."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db.models import Q

from concentric.core import registry
from concentric.core.measures import Measure, Part
from concentric.rollups.models import Tally

STAND_INS = {
    "items_published": Measure(
        key="items_published", label="信息发布", parts=(Part("publishing.Item", day="published_at", where=Q()),)
    ),
    "activities_held": Measure(
        key="activities_held", label="举办活动", parts=(Part("activities.Activity", day="starts_at", where=Q()),)
    ),
}


@pytest.fixture(autouse=True)
def default_measures(monkeypatch):
    for key, measure in STAND_INS.items():
        if key not in registry._measures:
            monkeypatch.setitem(registry._measures, key, measure)


@pytest.fixture
def old_tree(tree):
    """The tree's units, created on 1 January 2020 (judged over any period the tests look at)."""
    for unit in tree.values():
        type(unit).objects.filter(pk=unit.pk).update(created_at=datetime(2019, 12, 31, 16, tzinfo=UTC))
        unit.refresh_from_db()
    return tree


@pytest.fixture
def tally():
    """tally("items_published", unit, date, 2): the unit's figure that day (added)."""

    def write(measure: str, unit, day: date, amount=1) -> None:
        cell, _created = Tally.objects.get_or_create(
            measure=measure, org_unit_id=unit.pk, day=day, key="", defaults={"hundredths": 0}
        )
        cell.hundredths += int(Decimal(amount) * 100)
        cell.save()

    return write


@pytest.fixture
def categories_seeded(tree):
    """The first member category the migration seeds (a main category for registrations)."""
    from concentric.people.models import Category

    return Category.objects.order_by("pk").first()

"""Fixtures for the member registry: seeded categories and a helper registering people."""

import pytest

from concentric.core.identity import check_digit
from concentric.people.models import Category, Person
from concentric.people.services import person_create


def id_number(birth: str, sequence: str = "123") -> str:
    """A valid resident ID number of 上城区 (330102) for a birth date given as YYYYMMDD."""
    first17 = f"330102{birth}{sequence}"
    return first17 + check_digit(first17)


@pytest.fixture
def categories(db):
    return {category.code: category for category in Category.objects.all()}


@pytest.fixture
def register(users, tree, categories):
    """register("张三", unit="C1", actor="c1_staff", **values) -> Person, through the service."""

    def build(name: str, *, unit: str = "C1", actor: str = "c1_staff", category: str = "non-party", **values) -> Person:
        return person_create(
            actor=users[actor], org_unit=tree[unit], name=name, main_category=categories[category], **values
        )

    return build

import pytest

from concentric.people.models import Category
from concentric.people.services import person_create


@pytest.fixture
def categories(db):
    return {category.code: category for category in Category.objects.all()}


@pytest.fixture
def register(users, tree, categories):
    """register("张三", unit="C1", actor="c1_staff") -> Person, through the service."""

    def build(name: str, *, unit: str = "C1", actor: str = "c1_staff", category: str = "non-party", **values):
        return person_create(
            actor=users[actor], org_unit=tree[unit], name=name, main_category=categories[category], **values
        )

    return build

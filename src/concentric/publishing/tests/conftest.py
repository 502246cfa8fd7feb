"""Fixtures of the publishing tests: the subdistrict's column, members, and items written through
the services (a draft, or moved on through the review)."""

import pytest

from concentric.people.models import Category
from concentric.people.services import person_create
from concentric.publishing.services.columns import column_create
from concentric.publishing.services.items import item_create
from concentric.publishing.services.workflow import item_publish, item_submit

WRITERS = {"S": "sub_staff", "C1": "c1_staff", "C2": "c2_staff", "B1": "b1_staff"}


@pytest.fixture
def column(users, tree):
    """The subdistrict's public column (the communities below write in it)."""
    return column_create(actor=users["sub_admin"], org_unit=tree["S"], name="湖滨新乡贤风采")


@pytest.fixture
def member(users, tree):
    """member("张三", unit="C1") -> a Person registered through the service."""
    category = Category.objects.get(code="non-party")

    def build(name: str, unit: str = "C1"):
        actor = {"C1": "c1_staff", "C2": "c2_staff", "B1": "b1_staff"}.get(unit, "sub_admin")
        return person_create(actor=users[actor], org_unit=tree[unit], name=name, main_category=category)

    return build


@pytest.fixture
def write(users, tree, column):
    """write(title, unit="C1", actor=<the unit's staff>, state="draft", **values) -> an item through
    the services, taken to ``state`` (draft, submitted or published; the subdistrict's
    administrator publishes)."""

    def build(title: str = "东坡路新乡贤", *, unit: str = "C1", actor: str = "", state: str = "draft", **values):
        writer = users[actor or WRITERS[unit]]
        values.setdefault("columns", [column])
        values.setdefault("body", "<p>二十年守护邻里。</p>")
        item = item_create(actor=writer, org_unit=tree[unit], title=title, **values)
        if state in ("submitted", "published"):
            item = item_submit(actor=writer, item_id=item.pk, version=item.version)
        if state == "published":
            item = item_publish(actor=users["sub_admin"], item_id=item.pk, version=item.version)
        return item

    return build

"""The measures of publishing: an item counts on the day it is published, in its unit and in each of
its columns, until it is withdrawn; the tallies equal a recount whatever the sequence of writes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from concentric.core import registry
from concentric.publishing.models import Item
from concentric.publishing.services.columns import column_create
from concentric.publishing.services.items import item_delete, item_update
from concentric.publishing.services.workflow import item_publish, item_return, item_submit, item_withdraw
from concentric.rollups.selectors import LIVE, figure, figures_by_key, figures_by_unit
from concentric.rollups.services import rollups_differences

KEYS = ["items_published", "items_by_column"]


def ids(tree, *codes):
    return [tree[code].pk for code in codes]


@pytest.fixture
def news(users, tree):
    """A second column of the subdistrict's."""
    return column_create(actor=users["sub_admin"], org_unit=tree["S"], name="工作动态")


def test_an_item_counts_on_its_publish_day_in_each_of_its_columns(users, tree, write, column, news):
    today = timezone.localdate()
    c1 = ids(tree, "C1")
    item = write("东坡路新乡贤", columns=[column, news], state="submitted")
    assert figure("items_published", units=c1) == 0  # submitted: not yet
    item = item_publish(actor=users["sub_admin"], item_id=item.pk, version=item.version)
    assert figure("items_published", units=c1, start=today, end=today) == 1
    assert figures_by_key("items_by_column", units=c1, start=today, end=today) == {str(column.pk): 1, str(news.pk): 1}
    assert registry.measure("items_by_column").names_of([str(column.pk), str(news.pk)]) == {
        str(column.pk): "湖滨新乡贤风采",
        str(news.pk): "工作动态",
    }
    write("岳王路见闻", unit="C2", columns=[news], state="published")
    everywhere = ids(tree, "S", "C1", "C2", "B1")
    assert figures_by_unit("items_published", units=everywhere) == {tree["C1"].pk: 1, tree["C2"].pk: 1}
    assert figures_by_key("items_by_column", units=everywhere) == {str(column.pk): 1, str(news.pk): 2}

    # Withdrawn, it no longer counts anywhere.
    item_withdraw(actor=users["sub_admin"], item_id=item.pk, version=item.version, comment="数据有误")
    assert figure("items_published", units=c1) == 0
    assert figures_by_key("items_by_column", units=everywhere) == {str(news.pk): 1}
    assert rollups_differences() == {}


def test_a_returned_item_moved_and_recolumned_counts_where_it_is_published(users, tree, write, column, news):
    item = write("东坡路新乡贤", state="submitted")
    item = item_return(actor=users["sub_admin"], item_id=item.pk, version=item.version, comment="换个栏目")
    item = item_update(
        actor=users["sub_staff"], item_id=item.pk, version=item.version, org_unit=tree["B1"], columns=[news]
    )
    item = item_submit(actor=users["sub_staff"], item_id=item.pk, version=item.version)
    item_publish(actor=users["sub_admin"], item_id=item.pk, version=item.version)
    everywhere = ids(tree, "S", "C1", "C2", "B1")
    assert figures_by_unit("items_published", units=everywhere) == {tree["B1"].pk: 1}
    assert figures_by_key("items_by_column", units=everywhere) == {str(news.pk): 1}
    assert rollups_differences() == {}


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["write", "submit", "return", "publish", "withdraw", "recolumn", "move", "delete"]),
        st.integers(min_value=0, max_value=9),
        st.integers(min_value=0, max_value=9),
    ),
    min_size=1,
    max_size=15,
)
# Every step at least once where it moves a figure (item 0 is written first).
TOUR = [
    ("write", 0, 0),
    ("recolumn", 0, 2),  # both columns
    ("submit", 0, 0),
    ("publish", 0, 0),
    ("write", 1, 1),
    ("move", 1, 2),
    ("submit", 1, 0),
    ("return", 1, 0),
    ("recolumn", 1, 1),
    ("submit", 1, 0),
    ("publish", 1, 0),
    ("withdraw", 0, 0),
    ("write", 0, 0),
    ("delete", 2, 0),
]


def _apply(operation, first, second, number, *, staff, admin, units, column_sets, write):
    items = list(Item.objects.order_by("pk"))
    item = items[first % len(items)] if items else None
    if operation == "write" or item is None:
        write(f"信息{number}", unit=units[first % 3].code, columns=column_sets[second % 3])
    elif operation == "submit":
        item_submit(actor=staff, item_id=item.pk, version=item.version)
    elif operation == "return":
        item_return(actor=admin, item_id=item.pk, version=item.version, comment="请修改")
    elif operation == "publish":
        item_publish(actor=admin, item_id=item.pk, version=item.version)
    elif operation == "withdraw":
        item_withdraw(actor=admin, item_id=item.pk, version=item.version, comment="撤下")
    elif operation == "recolumn":
        item_update(actor=staff, item_id=item.pk, version=item.version, columns=column_sets[second % 3])
    elif operation == "move":
        item_update(actor=staff, item_id=item.pk, version=item.version, org_unit=units[second % 3])
    elif operation == "delete":
        item_delete(actor=staff, item_id=item.pk, version=item.version)


@pytest.mark.django_db(transaction=False)
@example(operations=TOUR)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_tallies_equal_a_recount_after_any_sequence_of_writes(operations, users, tree, write, column, news):
    with transaction.atomic():
        for number, (operation, first, second) in enumerate(operations):
            try:
                with transaction.atomic():
                    _apply(
                        operation,
                        first,
                        second,
                        number,
                        staff=users["sub_staff"],
                        admin=users["sub_admin"],
                        units=[tree["C1"], tree["C2"], tree["B1"]],
                        column_sets=[[column], [news], [column, news]],
                        write=write,
                    )
            except (ValidationError, PermissionDenied):
                pass  # refused (a step out of order), nothing written
        assert rollups_differences() == {}
        everywhere = ids(tree, "C1", "C2", "B1")
        for key in KEYS:
            assert figures_by_key(key, units=everywhere) == figures_by_key(key, units=everywhere, source=LIVE), key
            assert figures_by_unit(key, units=everywhere) == figures_by_unit(key, units=everywhere, source=LIVE), key
        transaction.set_rollback(True)

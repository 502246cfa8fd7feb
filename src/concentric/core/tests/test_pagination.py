from concentric.core.pagination import _encode, capped_count, keyset_page
from concentric.org.models import OrgUnit
from conftest import make_unit


def test_keyset_pages_walk_every_row_once_in_order(db):
    root = make_unit("R", "root", "district")
    for i in range(7):
        make_unit(f"U{i}", f"同名{i % 2}", "community", root)
    seen, cursor = [], ""
    while True:
        page = keyset_page(OrgUnit.objects.all(), ordering=("name", "-pk"), cursor=cursor, size=3)
        seen.extend(unit.code for unit in page.rows)
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    expected = list(OrgUnit.objects.order_by("name", "-pk").values_list("code", flat=True))
    assert seen == expected and len(seen) == 8


def test_a_bad_cursor_starts_from_the_first_page(db):
    make_unit("R", "root", "district")
    for cursor in ("not-a-cursor", _encode(["x"]), _encode([None])):  # not JSON, a pk that is no number
        page = keyset_page(OrgUnit.objects.all(), ordering=("-pk",), cursor=cursor, size=10, matching=1)
        assert page.is_first and [u.code for u in page.rows] == ["R"]


def test_capped_count(db):
    root = make_unit("R", "root", "district")
    for i in range(4):
        make_unit(f"U{i}", "x", "community", root)
    assert capped_count(OrgUnit.objects.all(), cap=10) == "5"
    assert capped_count(OrgUnit.objects.all(), cap=3) == "3+"


def walk(queryset, *, matching, size):
    seen, cursor = [], ""
    while True:
        page = keyset_page(queryset, ordering=("-pk",), cursor=cursor, size=size, matching=matching)
        seen.extend(unit.pk for unit in page.rows)
        if not page.next_cursor:
            return seen
        cursor = page.next_cursor


def test_newest_first_pages_read_windows_of_recent_ids_and_miss_nothing(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    root = make_unit("R", "root", "district")
    units = [
        make_unit(f"U{i:02}", "old" if i < 10 else ("even" if i % 2 else "odd"), "community", root) for i in range(60)
    ]
    assert len(units) == 60
    for name in ("even", "old", "odd"):
        queryset = OrgUnit.objects.filter(name=name)
        expected = list(queryset.order_by("-pk").values_list("pk", flat=True))
        # the true count, a count too low (a capped one) and one too high all give every row once, in order
        for matching in (len(expected), 3, 1000):
            assert walk(queryset, matching=matching, size=4) == expected
    with CaptureQueriesContext(connection) as queries:
        keyset_page(OrgUnit.objects.filter(name="even"), ordering=("-pk",), size=4, matching=25)
    page_sql = queries.captured_queries[-1]["sql"]
    assert ">=" in page_sql and len(queries.captured_queries) == 2  # the top id, then one window

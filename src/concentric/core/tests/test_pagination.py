from concentric.core.pagination import capped_count, keyset_page
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
    page = keyset_page(OrgUnit.objects.all(), ordering=("-pk",), cursor="not-a-cursor", size=10)
    assert page.is_first and [u.code for u in page.rows] == ["R"]


def test_capped_count(db):
    root = make_unit("R", "root", "district")
    for i in range(4):
        make_unit(f"U{i}", "x", "community", root)
    assert capped_count(OrgUnit.objects.all(), cap=10) == "5"
    assert capped_count(OrgUnit.objects.all(), cap=3) == "3+"

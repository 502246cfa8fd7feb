"""The kit's list table stacks on a phone: every cell carries its column's header (data-label),
which app.css shows before the value below 576 px, whether the template writes the rows or
core.markup does (the member list's fast path)."""

import re

import pytest
from django.urls import reverse

from concentric.people.models import Category
from concentric.people.services import person_create

pytestmark = pytest.mark.django_db

CELL = re.compile(r"<td( class=\"[^\"]*\")? data-label=\"([^\"]*)\">")


def labelled_rows(html: str) -> tuple[list[str], list[list[str]]]:
    table = html[html.index('class="table table-hover') :]
    headers = re.findall(r'<th scope="col">([^<]*)</th>', table[: table.index("</thead>")])
    body = table[table.index("<tbody>") : table.index("</tbody>")]
    rows = [[label for _css, label in CELL.findall(row)] for row in body.split("<tr>")[1:]]
    return headers, rows


@pytest.mark.parametrize("route", ["org:list", "people:list"])
def test_every_cell_is_labelled_with_its_column(route, client_for, users, tree):
    category = Category.objects.get(code="non-party")
    person_create(actor=users["c1_staff"], org_unit=tree["C1"], name="张三", main_category=category)
    html = client_for("sub_admin").get(reverse(route)).content.decode()
    headers, rows = labelled_rows(html)
    assert rows and all(row == headers for row in rows), (headers, rows[:2])
    assert "app-table-stack" in html and 'class="fw-medium app-cell-main' in html

"""Refused access is audited (issue #14, point 5; core.denials): a 403, an out-of-scope 404 on a
record's route, a refused unmask or export each leave one event with result "denied" naming the
user, the route and the record asked for; a record that does not exist leaves none; a crawler
cannot flood the log; the audit viewer lists the refusals by result and they read well in Chinese.

The access matrix (tests/test_access_matrix.py) checks the one event of every refusal on every
route; here are the cases around it.
"""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from concentric.accounts.models import RoleAssignment
from concentric.audit.models import AuditEvent
from concentric.core.auditing import audit_record
from concentric.core.denials import DENIALS_PER_WINDOW
from concentric.imports.models import ImportJob
from concentric.people.models import Category, Person
from conftest import sign_in
from tests.api_support import session_client

FIELDS = ("actor_id", "actor_name", "action", "result", "object_type", "object_id", "object_repr", "reason")
MISSING = 987654


@pytest.fixture
def people(tree):
    category = Category.objects.get(code="non-party")
    return {
        key: Person.objects.create(
            org_unit=tree[key], name=f"拒绝{key}", main_category=category, birth_date=date(1970, 1, 1)
        )
        for key in ("C1", "C2")
    }


def events_after(newest: int) -> list[tuple]:
    return list(AuditEvent.objects.filter(id__gt=newest).order_by("id").values_list(*FIELDS))


def newest() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def denial(user, route: str, request: str, *, object_type: str = "", object_id="", reason: str = "forbidden") -> tuple:
    return (
        user.pk,
        user.username,
        "access",
        "denied",
        object_type,
        str(object_id),
        request,
        f"route={route}; {reason}",
    )


def test_a_forbidden_page_and_a_forbidden_api_call_each_leave_one_event(users, people):
    staff, leader = users["c1_staff"], users["c1_leader"]
    person = people["C1"]
    start = newest()

    assert sign_in(Client(), staff).get(reverse("users:list")).status_code == 403
    assert session_client(staff).get(reverse("api:user-list")).status_code == 403
    # A record the leader sees but may not change: 403 on its edit page, 404 on the API's PATCH.
    assert sign_in(Client(), leader).post(reverse("people:edit", args=[person.pk])).status_code == 403

    assert events_after(start) == [
        denial(staff, "users:list", "GET /users/", object_type="accounts.user"),
        denial(staff, "api:user-list", "GET /api/v1/users/", object_type="accounts.user"),
        denial(
            leader, "people:edit", f"POST /people/{person.pk}/edit/", object_type="people.person", object_id=person.pk
        ),
    ]


@pytest.mark.parametrize(
    ("route", "owner"),
    [
        ("people:detail", "person"),
        ("api:person-detail", "person"),
        ("api:role-assignment-detail", "assignment"),  # a viewset of its own (accounts)
        ("api:import-job", "job"),  # a plain APIView of the imports app
        ("people:honour_create", "person"),  # a record kept on a member: the member's route
    ],
)
def test_an_out_of_scope_404_leaves_one_event_and_a_missing_record_none(route, owner, users, tree, people):
    staff = users["c1_staff"] if owner != "assignment" else users["c1_admin"]
    records = {
        "person": people["C2"],
        "assignment": RoleAssignment.objects.get(user=users["c2_staff"]),
        "job": ImportJob.objects.create(kind="people", org_unit=tree["C2"], file_name="岳王.xlsx"),
    }
    record = records[owner]
    client = session_client(staff)
    start = newest()

    url = (
        (lambda pk: reverse(route, kwargs={"kind": "people", "pk": pk}))
        if owner == "job"
        else (lambda pk: reverse(route, args=[pk]))
    )
    assert client.get(url(record.pk)).status_code == 404
    assert client.get(url(MISSING)).status_code == 404

    path = url(record.pk)
    assert events_after(start) == [
        denial(
            staff,
            route,
            f"GET {path}",
            object_type=record._meta.label_lower,
            object_id=record.pk,
            reason="outside the user's units",
        ),
    ]


def test_a_refused_unmask_and_refused_exports_leave_one_event_each(users, people):
    staff, sysadmin = users["c1_staff"], users["sysadmin"]  # staff may not unmask; sysadmin not export
    person = people["C1"]
    client = sign_in(Client(), staff)
    start = newest()

    unmask = client.post(reverse("people:unmask", args=[person.pk]), {"field": "phone", "reason": "核对"})
    unmasked_export = client.get(reverse("people:export"), {"format": "csv", "unmasked": "1", "reason": "核对"})
    api_export = session_client(staff).get(
        reverse("api:people-export"), {"format": "csv", "unmasked": "1", "reason": "x"}
    )
    export = sign_in(Client(), sysadmin).get(reverse("people:export"), {"format": "csv"})

    assert [r.status_code for r in (unmask, unmasked_export, api_export, export)] == [403] * 4
    assert events_after(start) == [
        denial(
            staff,
            "people:unmask",
            f"POST /people/{person.pk}/unmask/",
            object_type="people.person",
            object_id=person.pk,
        ),
        denial(staff, "people:export", "GET /people/export/", object_type="people.person"),
        denial(staff, "api:people-export", "GET /api/v1/people/export/", object_type="people.person"),
        denial(sysadmin, "people:export", "GET /people/export/", object_type="people.person"),
    ]
    assert not AuditEvent.objects.filter(id__gt=start, action__in=["unmask", "export"]).exists()


def test_refusals_beyond_the_limit_per_user_and_route_are_not_recorded(users, people):
    staff = users["c1_staff"]
    client = sign_in(Client(), staff)
    outside = reverse("people:detail", args=[people["C2"].pk])
    start = newest()

    for _ in range(DENIALS_PER_WINDOW + 3):
        assert client.get(outside).status_code == 404
    assert client.get(reverse("users:list")).status_code == 403  # another route: its own count
    assert sign_in(Client(), users["c2_staff"]).get(reverse("users:list")).status_code == 403  # another user

    recorded = [(actor_id, reason) for actor_id, *_, reason in events_after(start)]
    assert recorded == [(staff.pk, "route=people:detail; outside the user's units")] * DENIALS_PER_WINDOW + [
        (staff.pk, "route=users:list; forbidden"),
        (users["c2_staff"].pk, "route=users:list; forbidden"),
    ]


def test_the_audit_viewer_lists_the_refusals_by_result_in_chinese(users, people):
    staff = users["c1_staff"]
    outside = people["C2"]
    assert sign_in(Client(), staff).get(reverse("people:detail", args=[outside.pk])).status_code == 404
    assert sign_in(Client(), staff).get(reverse("users:list")).status_code == 403
    audit_record(actor=staff, action="login", obj=staff)  # a success: not listed
    denied = list(AuditEvent.objects.filter(result="denied").order_by("-id"))
    viewer = sign_in(Client(), users["auditadmin"])

    page = viewer.get(reverse("audit:list"), {"result": "denied"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    api = session_client(users["auditadmin"]).get(reverse("api:audit-event-list"), {"result": "denied"})
    detail = viewer.get(reverse("audit:detail", args=[denied[1].pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert [row.pk for row, _ in page.context["rows"]] == [event.pk for event in denied]
    assert [cells[1:] for _, cells in page.context["rows"]] == [
        ["c1_staff", "127.0.0.1", "访问", "用户", "GET /users/", "拒绝"],
        ["c1_staff", "127.0.0.1", "访问", "统战成员", f"GET /people/{outside.pk}/", "拒绝"],
    ]
    assert [row["id"] for row in api.json()["results"]] == [event.pk for event in denied]
    html = detail.content.decode()
    for text in ("访问", "统战成员", str(outside.pk), "route=people:detail; outside the user&#x27;s units", "拒绝"):
        assert text in html

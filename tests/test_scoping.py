"""Scoping end to end, on pages and the API: a community worker sees only their community,
out-of-scope records answer 404 exactly like missing ones, writes that would carry a record out
of the writer's units are refused and change nothing, leaders only read, no role sees nothing."""

import csv
import io
import re

import pytest
from django.urls import reverse

from concentric.accounts.models import RoleAssignment, User
from concentric.audit.models import AuditEvent
from concentric.core.roles import Role
from concentric.org.choices import UnitKind
from concentric.org.models import OrgUnit
from conftest import make_unit, make_user
from tests.api_support import error_of, result_ids, token_client

ORG = "/api/v1/org-units/"
USERS = "/api/v1/users/"
ROLES = "/api/v1/role-assignments/"
AUDIT = "/api/v1/audit-events/"
MISSING_PK = 987654


def listed_ids(client, url_name: str, link_prefix: str, **params) -> list[int]:
    """The ids a list page links to in its results table (the htmx partial: no menu or filters)."""
    response = client.get(reverse(url_name), params, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return sorted(int(pk) for pk in re.findall(rf'href="{re.escape(link_prefix)}(\d+)/"', response.content.decode()))


def org_rows():
    return list(OrgUnit.objects.order_by("pk").values())


def user_rows():
    """Every account's stored values; last_login moves when a test client signs in."""
    return [{k: v for k, v in row.items() if k != "last_login"} for row in User.objects.order_by("pk").values()]


@pytest.fixture
def child(tree):
    """A work station under C1."""
    return make_unit("C1-W", "东坡一站", UnitKind.WORK_STATION, tree["C1"])


@pytest.fixture
def wide_viewer(tree):
    """Unit administrator of C1 who also reads all of S as its leader: sees C2, may change only C1."""
    user = make_user("c1_admin_s_leader", tree["C1"], Role.UNIT_ADMIN)
    RoleAssignment.objects.create(user=user, org_unit=tree["S"], role=Role.LEADER)
    return user


# --- 404 outside one's units ----------------------------------------------------------------


def test_c1_staff_gets_404_for_c2_objects_on_pages_and_api(users, tree, client_for):
    c2_unit = tree["C2"]
    browser = client_for("c1_staff")
    assert browser.get(reverse("org:detail", args=[tree["C1"].pk])).status_code == 200
    assert browser.get(reverse("org:detail", args=[c2_unit.pk])).status_code == 404
    assert browser.get(reverse("org:detail", args=[MISSING_PK])).status_code == 404

    api = token_client(users["c1_staff"])
    assert api.get(f"{ORG}{tree['C1'].pk}/").status_code == 200
    out_of_scope = api.get(f"{ORG}{c2_unit.pk}/")
    missing = api.get(f"{ORG}{MISSING_PK}/")
    assert out_of_scope.status_code == missing.status_code == 404
    assert out_of_scope.json() == missing.json() == error_of(missing)


def test_c1_admin_gets_404_for_c2_accounts_and_roles(users, tree, client_for):
    c2_staff = users["c2_staff"]
    browser = client_for("c1_admin")
    for url_name in ("users:detail", "users:edit"):
        assert browser.get(reverse(url_name, args=[users["c1_staff"].pk])).status_code == 200, url_name
        assert browser.get(reverse(url_name, args=[c2_staff.pk])).status_code == 404, url_name
    api = token_client(users["c1_admin"])
    assert api.get(f"{USERS}{c2_staff.pk}/").status_code == 404
    assert api.get(f"{ROLES}{c2_staff.role_assignments.get().pk}/").status_code == 404
    before = user_rows()
    patch = api.patch(f"{USERS}{c2_staff.pk}/", {"title": "x", "version": 1}, format="json")
    assert patch.status_code == 404
    assert user_rows() == before


# --- lists hold exactly the rows in scope ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "units"),
    [
        ("c1_staff", ["C1"]),
        ("c2_staff", ["C2"]),
        ("b1_staff", ["B1"]),
        ("c1_leader", ["C1"]),
        ("sub_staff", ["S", "C1", "C2", "B1"]),
        ("sysadmin", ["D", "S", "C1", "C2", "B1"]),
    ],
)
def test_org_lists_show_exactly_the_units_in_scope(users, tree, client_for, name, units):
    expected = sorted(tree[key].pk for key in units)
    assert listed_ids(client_for(name), "org:list", "/org/") == expected
    assert sorted(result_ids(token_client(users[name]).get(ORG))) == expected


def test_org_export_holds_exactly_the_units_in_scope(users, tree, client_for):
    response = client_for("c1_staff").get(reverse("org:export"), {"format": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["C1"]


def test_user_lists_show_exactly_the_accounts_in_scope(users, tree, client_for):
    c1_accounts = sorted(users[n].pk for n in ("c1_admin", "c1_staff", "c1_leader", "norole"))
    assert listed_ids(client_for("c1_admin"), "users:list", "/users/") == c1_accounts
    assert sorted(result_ids(token_client(users["c1_admin"]).get(USERS))) == c1_accounts

    below_s = sorted(u.pk for u in User.objects.filter(org_unit__in=[tree[k] for k in ("S", "C1", "C2", "B1")]))
    assert listed_ids(client_for("sub_admin"), "users:list", "/users/") == below_s
    assert sorted(result_ids(token_client(users["sub_admin"]).get(USERS))) == below_s


def test_role_assignment_list_holds_exactly_the_assignments_on_units_in_scope(users, tree):
    on_c2 = sorted(RoleAssignment.objects.filter(org_unit=tree["C2"]).values_list("pk", flat=True))
    assert on_c2 == [users["c2_staff"].role_assignments.get().pk]
    wide = make_user("c2_admin", tree["C2"], Role.UNIT_ADMIN)
    on_c2.append(wide.role_assignments.get().pk)
    assert sorted(result_ids(token_client(users["sub_admin"]).get(ROLES, {"org_unit": tree["C2"].pk}))) == sorted(on_c2)
    # A unit outside the scope is refused as a filter value (as a missing one is): nothing of C2 shows.
    refused = token_client(users["c1_admin"]).get(ROLES, {"org_unit": tree["C2"].pk})
    assert (refused.status_code, list(refused.json()["fields"])) == (400, ["org_unit"])


# --- writes cannot carry a record out of the writer's units ---------------------------------


def test_moving_a_user_to_another_community_is_refused_on_the_api(users, tree):
    target = users["c1_staff"]
    before, events = user_rows(), AuditEvent.objects.filter(action="update").count()
    response = token_client(users["c1_admin"]).patch(
        f"{USERS}{target.pk}/", {"org_unit": tree["C2"].pk, "version": 1}, format="json"
    )
    assert response.status_code == 400
    assert list(error_of(response)["fields"]) == ["org_unit"]
    assert user_rows() == before
    assert AuditEvent.objects.filter(action="update").count() == events


def test_moving_a_user_to_another_community_is_refused_on_the_page(users, tree, client_for):
    target = users["c1_staff"]
    before = user_rows()
    response = client_for("c1_admin").post(
        reverse("users:edit", args=[target.pk]),
        {"version": 1, "full_name": target.full_name, "org_unit": tree["C2"].pk, "is_active": "on"},
    )
    assert response.status_code == 200  # the form again, with the error beside the unit field
    assert "org_unit" in response.context["form"].errors
    assert user_rows() == before


def test_the_service_refuses_a_move_to_a_unit_seen_but_not_managed(users, tree, wide_viewer):
    target = users["c1_staff"]
    before = user_rows()
    response = token_client(wide_viewer).patch(
        f"{USERS}{target.pk}/", {"org_unit": tree["C2"].pk, "version": 1}, format="json"
    )
    assert response.status_code == 403
    assert error_of(response)["code"] == "permission_denied"
    assert user_rows() == before


def test_moving_a_child_unit_under_c2_is_refused_on_the_api(users, tree, child):
    before, events = org_rows(), AuditEvent.objects.filter(action="update").count()
    response = token_client(users["c1_admin"]).patch(
        f"{ORG}{child.pk}/", {"parent": tree["C2"].pk, "version": 1}, format="json"
    )
    assert response.status_code == 400
    assert list(error_of(response)["fields"]) == ["parent"]
    assert org_rows() == before
    assert AuditEvent.objects.filter(action="update").count() == events

    refused = token_client(users["c1_admin"]).patch(f"{ORG}{child.pk}/", {"parent": None, "version": 1}, format="json")
    assert refused.status_code == 400
    assert org_rows() == before


def test_moving_a_child_unit_under_c2_is_refused_on_the_page(users, tree, child, client_for):
    before = org_rows()
    response = client_for("c1_admin").post(
        reverse("org:edit", args=[child.pk]),
        {
            "version": 1,
            "parent": tree["C2"].pk,
            "kind": child.kind,
            "code": child.code,
            "name": child.name,
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    assert org_rows() == before


def test_the_service_refuses_moving_a_unit_under_one_seen_but_not_managed(users, tree, child, wide_viewer):
    before = org_rows()
    response = token_client(wide_viewer).patch(
        f"{ORG}{child.pk}/", {"parent": tree["C2"].pk, "version": 1}, format="json"
    )
    assert response.status_code == 403
    assert org_rows() == before


def test_a_unit_admin_cannot_move_their_own_unit_away(users, tree):
    """C1's administrator may change C1 itself, but not hang it under B1 (outside their units)."""
    before = org_rows()
    response = token_client(users["c1_admin"]).patch(
        f"{ORG}{tree['C1'].pk}/", {"parent": tree["B1"].pk, "version": 1}, format="json"
    )
    assert response.status_code == 400
    assert org_rows() == before


# --- leaders read only ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["leader", "c1_leader"])
def test_leader_cannot_write(users, tree, client_for, name):
    api = token_client(users[name])
    unit = tree["C1"]
    before_units, before_users, before_roles = org_rows(), user_rows(), list(RoleAssignment.objects.values())
    attempts = [
        api.post(ORG, {"parent": unit.pk, "kind": "other", "code": "L1", "name": "L"}, format="json"),
        api.patch(f"{ORG}{unit.pk}/", {"name": "改名", "version": 1}, format="json"),
        api.delete(f"{ORG}{unit.pk}/?version=1"),
        api.post(
            USERS, {"username": "x1", "full_name": "X", "org_unit": unit.pk, "password": "Qw-X1-2026!x"}, format="json"
        ),
        api.patch(f"{USERS}{users['c1_staff'].pk}/", {"title": "x", "version": 1}, format="json"),
        api.post(ROLES, {"user": users["norole"].pk, "org_unit": unit.pk, "role": Role.STAFF}, format="json"),
        api.delete(f"{ROLES}{users['c1_staff'].role_assignments.get().pk}/"),
    ]
    assert [r.status_code for r in attempts] == [403] * len(attempts)
    assert {error_of(r)["code"] for r in attempts} == {"permission_denied"}

    browser = client_for(name)
    assert browser.get(reverse("org:create")).status_code == 403
    assert browser.get(reverse("org:edit", args=[unit.pk])).status_code == 403
    assert (
        browser.post(
            reverse("org:edit", args=[unit.pk]), {"version": 1, "name": "改名", "kind": "community", "code": "C1"}
        ).status_code
        == 403
    )
    assert browser.post(reverse("org:delete", args=[unit.pk]), {"version": 1}).status_code == 403
    assert org_rows() == before_units
    assert user_rows() == before_users
    assert list(RoleAssignment.objects.values()) == before_roles


# --- no role, nothing -----------------------------------------------------------------------


def test_a_user_without_roles_sees_nothing(users, tree, client_for):
    api = token_client(users["norole"])
    for url in (ORG, USERS, ROLES, AUDIT, f"{ORG}{tree['C1'].pk}/", f"{USERS}{users['norole'].pk}/"):
        response = api.get(url)
        assert response.status_code == 403, url
        assert error_of(response)["code"] == "permission_denied"
    browser = client_for("norole")
    for url in (reverse("org:list"), reverse("users:list"), reverse("audit:list"), reverse("org:export")):
        assert browser.get(url).status_code == 403, url
    assert browser.get(reverse("org:detail", args=[tree["C1"].pk])).status_code == 404
    assert browser.get(reverse("users:detail", args=[users["norole"].pk])).status_code == 404

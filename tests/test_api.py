"""The REST API under /api/v1/: authentication, the own-token endpoint, each resource's reads and
writes through services, optimistic locking, masking, keyset paging and the JSON error contract."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from concentric.accounts.api.tokens import token_digest
from concentric.accounts.models import ApiToken, RoleAssignment, User
from concentric.audit.models import AuditEvent
from concentric.core.roles import Role
from concentric.org.choices import UnitKind
from concentric.org.models import OrgUnit
from concentric.org.services import org_unit_create
from conftest import make_unit, make_user, sign_in
from tests.api_support import error_of, result_ids, session_client, token_client

ORG = "/api/v1/org-units/"
USERS = "/api/v1/users/"
ROLES = "/api/v1/role-assignments/"
AUDIT = "/api/v1/audit-events/"
TOKEN = "/api/v1/auth/token/"


def org_rows():
    return list(OrgUnit.objects.order_by("pk").values())


def user_rows():
    """Every account's stored values; last_login moves when a test client signs in."""
    return [{k: v for k, v in row.items() if k != "last_login"} for row in User.objects.order_by("pk").values()]


def events(action: str):
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


# --- authentication -------------------------------------------------------------------------


def test_anonymous_gets_401_json(users):
    response = APIClient().get(ORG)
    assert response.status_code == 401
    assert error_of(response)["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Token"


def test_unknown_token_is_refused(users):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    response = client.get(ORG)
    assert response.status_code == 401
    assert error_of(response)["code"] == "authentication_failed"


def test_token_and_session_both_authenticate(users, tree):
    for client in (token_client(users["c1_staff"]), session_client(users["c1_staff"])):
        assert result_ids(client.get(ORG)) == [tree["C1"].pk]


def test_token_of_an_inactive_user_is_refused(users):
    client = token_client(users["c1_staff"])
    User.objects.filter(pk=users["c1_staff"].pk).update(is_active=False)
    response = client.get(ORG)
    assert response.status_code == 401
    assert error_of(response)["code"] == "authentication_failed"


def test_token_cannot_skip_a_forced_password_change(users):
    client = token_client(users["c1_staff"])
    User.objects.filter(pk=users["c1_staff"].pk).update(must_change_password=True)
    response = client.get(ORG)
    assert response.status_code == 403
    assert error_of(response)["code"] == "password_change_required"


def test_administrator_token_needs_a_confirmed_second_factor(users):
    client = token_client(users["c1_admin"])
    assert client.get(ORG).status_code == 200
    TOTPDevice.objects.filter(user=users["c1_admin"]).delete()
    response = client.get(ORG)
    assert response.status_code == 403
    assert error_of(response)["code"] == "second_factor_required"


# --- one's own token ------------------------------------------------------------------------


def test_signed_in_user_obtains_and_rotates_a_token(users, tree):
    user = users["c1_staff"]
    browser = session_client(user)
    first = browser.post(TOKEN)
    assert first.status_code == 201
    assert set(first.json()) == {"token", "created", "expires_at"}
    first_key = first.json()["token"]
    stored = ApiToken.objects.get(user=user)
    assert stored.digest == token_digest(first_key) and first_key not in stored.digest
    assert (stored.expires_at - stored.created).days == settings.API_TOKEN_DAYS

    second = browser.post(TOKEN)
    assert second.status_code == 201
    second_key = second.json()["token"]
    assert second_key != first_key
    assert list(ApiToken.objects.filter(user=user).values_list("digest", flat=True)) == [token_digest(second_key)]

    old, new = APIClient(), APIClient()
    old.credentials(HTTP_AUTHORIZATION=f"Token {first_key}")
    new.credentials(HTTP_AUTHORIZATION=f"Token {second_key}")
    assert old.get(ORG).status_code == 401
    assert result_ids(new.get(ORG)) == [tree["C1"].pk]

    issued = events("api_token.issue")
    assert [(e.actor_id, e.object_id, e.reason) for e in issued] == [
        (user.pk, str(user.pk), ""),
        (user.pk, str(user.pk), "replaced the previous token"),
    ]
    assert first_key not in str([e.changes for e in issued]) + str([e.reason for e in issued])


def test_token_endpoint_refuses_token_auth_and_anonymous(users):
    client = token_client(users["c1_staff"])
    digest = ApiToken.objects.get(user=users["c1_staff"]).digest
    count = AuditEvent.objects.count()
    for caller in (client, APIClient()):
        response = caller.post(TOKEN)
        assert response.status_code == 403
        assert error_of(response)["code"] == "not_authenticated"
    assert ApiToken.objects.get(user=users["c1_staff"]).digest == digest
    assert AuditEvent.objects.count() == count


def test_session_token_request_needs_the_csrf_token(users):
    browser = sign_in(APIClient(enforce_csrf_checks=True), users["c1_staff"])
    response = browser.post(TOKEN)
    assert response.status_code == 403
    assert error_of(response)["code"] == "permission_denied"
    assert not ApiToken.objects.filter(user=users["c1_staff"]).exists()


def test_revoking_the_token(users):
    user = users["c1_staff"]
    browser = session_client(user)
    key = browser.post(TOKEN).json()["token"]
    assert browser.delete(TOKEN).status_code == 204
    assert not ApiToken.objects.filter(user=user).exists()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get(ORG).status_code == 401
    assert [(e.actor_id, e.object_id) for e in events("api_token.revoke")] == [(user.pk, str(user.pk))]


def test_an_expired_token_is_refused(users, tree):
    user = users["c1_staff"]
    key = session_client(user).post(TOKEN).json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert result_ids(client.get(ORG)) == [tree["C1"].pk]
    ApiToken.objects.filter(user=user).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(ORG)
    assert response.status_code == 401
    assert error_of(response)["code"] == "authentication_failed"


# --- org units ------------------------------------------------------------------------------


def test_org_unit_list_is_scoped_and_keyset_paged(users, tree):
    client = token_client(users["sub_staff"])
    expected = [tree[k].pk for k in ("S", "C1", "C2", "B1")]
    first = client.get(ORG, {"page_size": 2})
    body = first.json()
    assert set(body) == {"next", "previous", "results"}
    assert body["previous"] is None
    page_one = [row["id"] for row in body["results"]]
    second = client.get(body["next"])
    page_two = [row["id"] for row in second.json()["results"]]
    assert second.json()["next"] is None
    assert sorted(page_one + page_two) == sorted(expected)
    assert len(page_one) == 2 and len(page_two) == 2
    assert page_one == [u.pk for u in OrgUnit.objects.filter(pk__in=expected).order_by("path")][:2]


def test_org_unit_list_uses_the_page_filterset(users, tree):
    client = token_client(users["sub_staff"])
    assert result_ids(client.get(ORG, {"kind": UnitKind.COMMUNITY})) == [tree["C1"].pk, tree["C2"].pk]
    assert result_ids(client.get(ORG, {"q": "岳王"})) == [tree["C2"].pk]
    response = client.get(ORG, {"kind": "no-such-kind"})
    assert response.status_code == 400
    assert list(error_of(response)["fields"]) == ["kind"]


def test_org_unit_output(users, tree):
    response = token_client(users["c1_staff"]).get(f"{ORG}{tree['C1'].pk}/")
    assert response.status_code == 200
    unit = tree["C1"]
    body = response.json()
    assert body["id"] == unit.pk
    assert body["parent"] == tree["S"].pk
    assert (body["code"], body["name"], body["kind"], body["path"], body["version"]) == (
        "C1",
        "东坡社区",
        UnitKind.COMMUNITY,
        unit.path,
        1,
    )


def test_unit_admin_creates_a_unit_through_the_service(users, tree):
    client = token_client(users["c1_admin"])
    count = AuditEvent.objects.filter(action="create").count()
    response = client.post(
        ORG, {"parent": tree["C1"].pk, "kind": "work_station", "code": "C1-W1", "name": " 一号站 "}, format="json"
    )
    assert response.status_code == 201, response.content
    unit = OrgUnit.objects.get(code="C1-W1")
    assert response.json()["id"] == unit.pk
    assert (unit.name, unit.parent_id, unit.path, unit.depth, unit.is_active) == (
        "一号站",
        tree["C1"].pk,
        f"{tree['C1'].path}{unit.pk:010d}/",
        3,
        True,
    )
    created = AuditEvent.objects.filter(action="create")
    assert created.count() == count + 1
    assert created.order_by("-id").first().object_id == str(unit.pk)


def test_create_errors_name_their_fields_and_change_nothing(users, tree):
    client = token_client(users["c1_admin"])
    before = org_rows()
    response = client.post(ORG, {"parent": tree["C1"].pk, "kind": "castle", "name": ""}, format="json")
    assert response.status_code == 400
    body = error_of(response)
    assert body["code"] == "invalid"
    assert sorted(body["fields"]) == ["code", "kind", "name"]
    duplicate = client.post(
        ORG, {"parent": tree["C1"].pk, "kind": "other", "code": "C2", "name": "重复"}, format="json"
    )
    assert duplicate.status_code == 400
    assert list(error_of(duplicate)["fields"]) == ["code"]
    assert org_rows() == before


def test_staff_cannot_create_units(users, tree):
    before = org_rows()
    response = token_client(users["c1_staff"]).post(
        ORG, {"parent": tree["C1"].pk, "kind": "other", "code": "X1", "name": "X"}, format="json"
    )
    assert response.status_code == 403
    assert error_of(response)["code"] == "permission_denied"
    assert org_rows() == before


def test_patch_needs_the_version(users, tree):
    client = token_client(users["c1_admin"])
    before = org_rows()
    response = client.patch(f"{ORG}{tree['C1'].pk}/", {"name": "新名字"}, format="json")
    assert response.status_code == 400
    assert list(error_of(response)["fields"]) == ["version"]
    assert org_rows() == before


def test_patch_changes_the_unit_and_bumps_the_version(users, tree):
    client = token_client(users["c1_admin"])
    response = client.patch(f"{ORG}{tree['C1'].pk}/", {"name": "东坡新村", "version": 1}, format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["name"], response.json()["version"]) == ("东坡新村", 2)
    unit = OrgUnit.objects.get(pk=tree["C1"].pk)
    assert (unit.name, unit.version) == ("东坡新村", 2)
    update = AuditEvent.objects.filter(action="update", object_id=str(unit.pk)).get()
    assert update.changes == {"name": ["东坡社区", "东坡新村"]}


def test_patch_refuses_a_version_that_is_not_a_number(users, tree):
    before = org_rows()
    response = token_client(users["c1_admin"]).patch(
        f"{ORG}{tree['C1'].pk}/", {"name": "甲", "version": "v1"}, format="json"
    )
    assert response.status_code == 400
    assert list(error_of(response)["fields"]) == ["version"]
    assert org_rows() == before


def test_stale_patch_answers_409_and_changes_nothing(users, tree):
    client = token_client(users["c1_admin"])
    assert client.patch(f"{ORG}{tree['C1'].pk}/", {"name": "甲", "version": 1}, format="json").status_code == 200
    before = org_rows()
    response = client.patch(f"{ORG}{tree['C1'].pk}/", {"name": "乙", "version": 1}, format="json")
    assert response.status_code == 409
    body = error_of(response)
    assert body["code"] == "stale"
    assert body["fields"] == {}
    assert org_rows() == before


def test_put_is_not_offered(users, tree):
    response = token_client(users["c1_admin"]).put(f"{ORG}{tree['C1'].pk}/", {"version": 1}, format="json")
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"


def test_delete_needs_the_version_and_refuses_a_unit_in_use(users, tree):
    client = token_client(users["sub_admin"])
    empty = make_unit("E1", "空单位", UnitKind.OTHER, tree["C2"])
    before = org_rows()
    missing = client.delete(f"{ORG}{empty.pk}/")
    assert missing.status_code == 400
    assert list(error_of(missing)["fields"]) == ["version"]
    stale = client.delete(f"{ORG}{empty.pk}/?version=7")
    assert stale.status_code == 409
    in_use = client.delete(f"{ORG}{tree['C1'].pk}/?version=1", HTTP_ACCEPT_LANGUAGE="en")
    assert in_use.status_code == 400
    assert error_of(in_use) == {
        "code": "invalid",
        "message": "This unit cannot be deleted: it has user accounts, roles are assigned on it.",
        "fields": {},
    }
    assert org_rows() == before
    assert client.delete(f"{ORG}{empty.pk}/?version=1").status_code == 204
    assert not OrgUnit.objects.filter(pk=empty.pk).exists()
    assert AuditEvent.objects.filter(action="delete", object_id=str(empty.pk)).count() == 1


# --- users ----------------------------------------------------------------------------------

USER_KEYS = {
    "id",
    "username",
    "full_name",
    "email",
    "org_unit",
    "title",
    "phone",
    "id_number",
    "is_active",
    "date_joined",
    "last_login",
    "password_changed_at",
    "must_change_password",
    "version",
}


def test_user_output_is_masked_and_has_no_password(users, tree):
    person = make_user("wang", tree["C1"], phone="13812345678", id_number="330102199001011234")
    response = token_client(users["c1_admin"]).get(f"{USERS}{person.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == USER_KEYS
    assert (body["phone"], body["id_number"]) == ("138****5678", "330102********1234")
    assert "13812345678" not in response.content.decode()
    assert "330102199001011234" not in response.content.decode()
    listed = token_client(users["sub_admin"]).get(USERS, {"q": "wang"}).json()["results"]
    assert [(row["id"], row["phone"], row["id_number"]) for row in listed] == [
        (person.pk, "138****5678", "330102********1234")
    ]


def test_user_list_is_scoped_and_filtered(users, tree):
    client = token_client(users["c1_admin"])
    c1_users = ["c1_admin", "c1_leader", "c1_staff", "norole"]
    assert result_ids(client.get(USERS)) == [users[name].pk for name in c1_users]
    assert result_ids(client.get(USERS, {"role": Role.LEADER})) == [users["c1_leader"].pk]


def test_unit_admin_creates_a_user(users, tree):
    client = token_client(users["c1_admin"])
    payload = {
        "username": "li",
        "full_name": "李四",
        "org_unit": tree["C1"].pk,
        "phone": "13900001111",
        "id_number": "11010519491231002X",
        "password": "Qw-Lisi-2026!x",
        "initial_role": Role.STAFF,
    }
    response = client.post(USERS, payload, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == USER_KEYS
    assert (body["phone"], body["id_number"], body["must_change_password"]) == (
        "139****1111",
        "110105********002X",
        True,
    )
    user = User.objects.get(username="li")
    assert (user.phone, user.id_number, user.org_unit_id) == ("13900001111", "11010519491231002X", tree["C1"].pk)
    assert user.check_password("Qw-Lisi-2026!x")
    assert list(user.role_assignments.values_list("role", "org_unit_id")) == [(Role.STAFF, tree["C1"].pk)]
    assert AuditEvent.objects.filter(action="create", object_id=str(user.pk)).count() == 1


def test_user_create_errors(users, tree):
    client = token_client(users["c1_admin"])
    before = user_rows()
    weak = client.post(
        USERS, {"username": "zhao", "full_name": "赵", "org_unit": tree["C1"].pk, "password": "123"}, format="json"
    )
    assert weak.status_code == 400
    assert list(error_of(weak)["fields"]) == ["password"]
    bad = client.post(
        USERS,
        {
            "username": "zhao",
            "full_name": "赵",
            "org_unit": tree["C1"].pk,
            "password": "Qw-Zhao-2026!x",
            "phone": "12345",
            "id_number": "330102199001011235",
        },
        format="json",
    )
    assert bad.status_code == 400
    assert sorted(error_of(bad)["fields"]) == ["id_number", "phone"]
    assert user_rows() == before


def test_a_masked_value_sent_back_is_refused(users, tree):
    person = make_user("wang", tree["C1"], phone="13812345678")
    client = token_client(users["c1_admin"])
    response = client.patch(f"{USERS}{person.pk}/", {"phone": "138****5678", "version": 1}, format="json")
    assert response.status_code == 400
    assert list(error_of(response)["fields"]) == ["phone"]
    assert User.objects.get(pk=person.pk).phone == "13812345678"


def test_user_patch_through_the_service(users, tree):
    person = make_user("wang", tree["C1"])
    client = token_client(users["sub_admin"])
    response = client.patch(
        f"{USERS}{person.pk}/", {"org_unit": tree["C2"].pk, "title": "委员", "version": 1}, format="json"
    )
    assert response.status_code == 200, response.content
    person.refresh_from_db()
    assert (person.org_unit_id, person.title, person.version) == (tree["C2"].pk, "委员", 2)
    assert response.json()["version"] == 2
    update = AuditEvent.objects.get(action="update", object_id=str(person.pk))
    assert update.changes == {"org_unit": [str(tree["C1"].pk), str(tree["C2"].pk)], "title": ["", "委员"]}


def test_username_is_not_changed_by_patch(users, tree):
    person = make_user("wang", tree["C1"])
    response = token_client(users["c1_admin"]).patch(
        f"{USERS}{person.pk}/", {"username": "other", "version": 1}, format="json"
    )
    assert response.status_code == 200
    assert User.objects.get(pk=person.pk).username == "wang"


def test_users_cannot_be_deleted(users, tree):
    response = token_client(users["c1_admin"]).delete(f"{USERS}{users['norole'].pk}/")
    assert response.status_code == 405
    assert User.objects.filter(pk=users["norole"].pk).exists()


# --- role assignments -----------------------------------------------------------------------


def test_role_assignment_list_is_scoped(users, tree):
    client = token_client(users["c1_admin"])
    expected = RoleAssignment.objects.filter(org_unit=tree["C1"]).order_by("-id").values_list("id", flat=True)
    assert result_ids(client.get(ROLES)) == list(expected)
    assert result_ids(client.get(ROLES, {"user": users["c1_staff"].pk})) == [
        users["c1_staff"].role_assignments.get().pk
    ]


def test_unit_admin_grants_and_revokes_a_business_role(users, tree):
    client = token_client(users["c1_admin"])
    norole = users["norole"]
    response = client.post(ROLES, {"user": norole.pk, "org_unit": tree["C1"].pk, "role": Role.LEADER}, format="json")
    assert response.status_code == 201, response.content
    assignment = RoleAssignment.objects.get(user=norole)
    body = response.json()
    assert (body["id"], body["user"], body["org_unit"], body["role"], body["granted_by"]) == (
        assignment.pk,
        norole.pk,
        tree["C1"].pk,
        Role.LEADER,
        users["c1_admin"].pk,
    )
    assert AuditEvent.objects.filter(action="role.grant", object_id=str(norole.pk)).count() == 1

    again = client.post(ROLES, {"user": norole.pk, "org_unit": tree["C1"].pk, "role": Role.LEADER}, format="json")
    assert again.status_code == 400
    assert list(error_of(again)["fields"]) == ["role"]

    assert client.delete(f"{ROLES}{assignment.pk}/").status_code == 204
    assert not RoleAssignment.objects.filter(user=norole).exists()
    assert AuditEvent.objects.filter(action="role.revoke", object_id=str(norole.pk)).count() == 1


def test_unit_admin_cannot_grant_an_administrator_role(users, tree):
    before = list(RoleAssignment.objects.order_by("pk").values())
    response = token_client(users["c1_admin"]).post(
        ROLES, {"user": users["norole"].pk, "org_unit": tree["C1"].pk, "role": Role.SYSTEM_ADMIN}, format="json"
    )
    assert response.status_code == 403
    assert error_of(response)["code"] == "permission_denied"
    assert list(RoleAssignment.objects.order_by("pk").values()) == before


def test_nobody_changes_their_own_roles(users, tree):
    client = token_client(users["sub_admin"])
    own = users["sub_admin"].role_assignments.get()
    response = client.delete(f"{ROLES}{own.pk}/")
    assert response.status_code == 403
    assert RoleAssignment.objects.filter(pk=own.pk).exists()


def test_role_assignments_cannot_be_patched(users, tree):
    assignment = users["c1_staff"].role_assignments.get()
    response = token_client(users["c1_admin"]).patch(f"{ROLES}{assignment.pk}/", {"role": Role.LEADER}, format="json")
    assert response.status_code == 405
    assert RoleAssignment.objects.get(pk=assignment.pk).role == Role.STAFF


# --- audit events ---------------------------------------------------------------------------


def test_audit_administrator_reads_the_log(users, tree):
    org_unit_create(actor=users["sub_admin"], parent=tree["C1"], kind="other", code="A1", name="甲")
    created = AuditEvent.objects.get(action="create")
    client = token_client(users["auditadmin"])
    newest = AuditEvent.objects.order_by("-id").first()
    ids = result_ids(client.get(AUDIT))
    assert ids == list(AuditEvent.objects.order_by("-id").values_list("id", flat=True))
    assert ids[0] == newest.pk
    detail = client.get(f"{AUDIT}{created.pk}/").json()
    assert (detail["action"], detail["hash"], detail["actor_id"], detail["object_repr"]) == (
        "create",
        created.hash,
        users["sub_admin"].pk,
        "甲",
    )
    assert result_ids(client.get(AUDIT, {"action": "create"})) == [created.pk]


@pytest.mark.parametrize("method", ["post", "patch", "put", "delete"])
def test_audit_log_is_read_only_through_the_api(users, method):
    client = token_client(users["auditadmin"])
    event = AuditEvent.objects.order_by("-id").first()
    count = AuditEvent.objects.count()
    url = AUDIT if method == "post" else f"{AUDIT}{event.pk}/"
    response = getattr(client, method)(url, {}, format="json")
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"
    assert AuditEvent.objects.count() == count
    assert AuditEvent.objects.get(pk=event.pk).hash == event.hash


@pytest.mark.parametrize("name", ["sysadmin", "secadmin", "sub_admin", "c1_staff", "leader", "norole"])
def test_only_the_audit_administrator_reads_the_log(users, name):
    response = token_client(users[name]).get(AUDIT)
    assert response.status_code == 403
    assert error_of(response)["code"] == "permission_denied"


# --- error contract -------------------------------------------------------------------------


def test_unknown_api_paths_answer_json_404(users):
    client = token_client(users["c1_staff"])
    # A line break in the path (%0A) once slipped past the catch-all to the HTML 404 page.
    for path in (
        "/api/v1/",
        "/api/v1/nothing/",
        f"{ORG}abc/",
        ORG.rstrip("/"),
        f"{ORG}999999/",
        f"{ORG}%0B%93%0A/",
        "/api/v1/x%0A",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert error_of(response)["code"] == "not_found", path


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("credentials", ["token", "session", "anonymous"])
def test_unknown_api_paths_answer_json_404_to_unsafe_methods_too(users, method, credentials):
    """Django's CSRF check used to answer these with its HTML 403 "CSRF cookie not set"."""
    client = APIClient(enforce_csrf_checks=True)
    if credentials == "token":
        client = token_client(users["c1_staff"])
        client.handler.enforce_csrf_checks = True
    elif credentials == "session":
        sign_in(client, users["c1_staff"])
    count = AuditEvent.objects.count()
    for path in ("/api/v1/", "/api/v1/nothing/", "/api/v1/people/1/nothing/", "/api/v1/people/%0A/"):
        response = getattr(client, method)(path, {"name": "x"}, format="json")
        assert response.status_code == 404, path
        assert response["Content-Type"] == "application/json", path
        assert error_of(response) == {"code": "not_found", "message": "未找到。", "fields": {}}, path
    assert AuditEvent.objects.count() == count


@pytest.mark.parametrize("debug", [False, True])
def test_a_failing_api_view_answers_the_json_500_without_a_traceback(users, settings, monkeypatch, caplog, debug):
    from concentric.people.api.views import CategoryViewSet

    def fail(self, request, *args, **kwargs):
        raise RuntimeError("a detail that must not leave the server")

    settings.DEBUG = debug
    monkeypatch.setattr(CategoryViewSet, "list", fail)
    client = token_client(users["c1_staff"])
    client.raise_request_exception = False
    response = client.get("/api/v1/people/categories/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert error_of(response) == {"code": "server_error", "message": "服务器出现了错误。", "fields": {}}
    # Logged as Django logs an uncaught exception: once, with the traceback.
    logged = [record for record in caplog.records if record.name == "django.request"]
    assert [(record.levelname, record.getMessage(), record.exc_info[0]) for record in logged] == [
        ("ERROR", "Internal Server Error: /api/v1/people/categories/", RuntimeError)
    ]
    # The test client still re-raises it, as it does for any view (Django's request_exception signal).
    client.raise_request_exception = True
    with pytest.raises(RuntimeError):
        client.get("/api/v1/people/categories/")


@pytest.mark.urls("tests.failing_urls")
def test_a_failure_outside_the_api_views_answers_json_under_the_api_and_a_page_elsewhere(users, client):
    """A 500 or a 404 raised by a view that is not DRF's (or a middleware) reaches the shell's handlers."""
    client.raise_request_exception = False
    response = client.get("/api/v1/failing/")
    assert (response.status_code, response["Content-Type"]) == (500, "application/json")
    assert error_of(response) == {"code": "server_error", "message": "服务器出现了错误。", "fields": {}}
    page = client.get("/failing/")
    assert (page.status_code, page["Content-Type"]) == (500, "text/html; charset=utf-8")
    assert b"a detail that must not leave the server" not in page.content + response.content
    missing = client.get("/api/v1/missing/")
    assert (missing.status_code, missing["Content-Type"]) == (404, "application/json")
    assert error_of(missing) == {"code": "not_found", "message": "未找到。", "fields": {}}
    page = client.get("/missing/")
    assert (page.status_code, page["Content-Type"]) == (404, "text/html; charset=utf-8")


def test_errors_are_translated(users, tree):
    client = token_client(users["c1_staff"])
    chinese = client.get(f"{ORG}999999/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    english = client.get(f"{ORG}999999/", HTTP_ACCEPT_LANGUAGE="en")
    assert chinese.json()["message"] == "未找到。"
    assert english.json()["message"] == "Not found."


def test_malformed_json_is_a_400(users):
    response = token_client(users["c1_admin"]).generic("POST", ORG, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert error_of(response)["code"] == "parse_error"


def test_role_assignment_filter_does_not_reveal_ids_outside_scope(users, tree):
    client = token_client(users["c1_admin"])
    outside = client.get(ROLES, {"user": users["c2_staff"].pk})
    missing = client.get(ROLES, {"user": 987654})
    # Both refused alike (400, the same message): an out-of-scope id is not told from a missing one.
    assert (outside.status_code, missing.status_code) == (400, 400)
    assert outside.json() == missing.json()
    assert list(outside.json()["fields"]) == ["user"]


def test_the_api_answers_json_to_a_browser(users, tree):
    client = session_client(users["c1_staff"])
    response = client.get(ORG, HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    refused = client.get(USERS, HTTP_ACCEPT="text/html,*/*;q=0.8")
    assert (refused.status_code, refused["Content-Type"]) == (403, "application/json")
    assert error_of(refused)["code"] == "permission_denied"
    html_only = client.get(ORG, HTTP_ACCEPT="text/html")
    assert (html_only.status_code, html_only["Content-Type"]) == (406, "application/json")
    assert error_of(html_only)["code"] == "not_acceptable"


def test_form_encoded_bodies_are_refused(users, tree):
    before = org_rows()
    response = token_client(users["c1_admin"]).post(
        ORG, {"parent": tree["C1"].pk, "kind": "other", "code": "F1", "name": "表单"}, format="multipart"
    )
    assert response.status_code == 415
    assert error_of(response)["code"] == "unsupported_media_type"
    assert org_rows() == before

"""三员分立: the system, security and audit administrators cannot do each other's work, see no
business data, and no account holds two of the three roles."""

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from concentric.accounts import services
from concentric.accounts.models import RoleAssignment, User
from concentric.accounts.tests.helpers import events
from concentric.audit.models import AuditEvent
from concentric.core.roles import SEPARATED_ADMIN_ROLES, Role
from concentric.core.scoping import Action, can, policy_of

# Records that describe the platform itself, which the administrators run: not business data.
SYSTEM_MODELS = {"org.orgunit", "accounts.user", "accounts.roleassignment", "audit.auditevent"}


def assignments():
    return sorted(RoleAssignment.objects.values_list("user__username", "org_unit__code", "role"))


def user_rows():
    return sorted(User.objects.values_list("username", "full_name", "org_unit_id", "is_active", "version"))


# --- the system administrator -----------------------------------------------------------------


def test_system_administrator_cannot_grant_roles(client_for, users, tree):
    before = assignments()
    with pytest.raises(PermissionDenied):
        services.role_grant(actor=users["sysadmin"], user=users["c1_staff"], org_unit=tree["C1"], role=Role.LEADER)
    client_sys = client_for("sysadmin")
    response = client_sys.post(
        reverse("users:grant", args=[users["c1_staff"].pk]), {"role": Role.LEADER, "org_unit": tree["C1"].pk}
    )
    assert response.status_code == 302
    assert assignments() == before
    assert events(action="role.grant") == []
    detail = client_sys.get(reverse("users:detail", args=[users["c1_staff"].pk])).content.decode()
    assert 'data-testid="grant-form"' not in detail
    assert 'data-testid="revoke-' not in detail


def test_system_administrator_cannot_revoke_roles(client_for, users):
    assignment = users["c1_staff"].role_assignments.get()
    response = client_for("sysadmin").post(reverse("users:revoke", args=[assignment.pk]))
    assert response.status_code == 403  # seen (to manage accounts), but no DELETE grant on role assignments
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert events(action="role.revoke") == []


@pytest.mark.parametrize("name", ["sysadmin", "secadmin"])
def test_system_and_security_administrators_cannot_read_the_audit_log(client_for, users, name):
    services.login_succeeded(user=users["c1_staff"])
    assert not can(users[name], Action.VIEW, AuditEvent)
    assert AuditEvent.objects.visible_to(users[name], Action.VIEW).count() == 0
    client = client_for(name)
    assert client.get(reverse("audit:list")).status_code == 403
    event = AuditEvent.objects.get(action="login")
    assert client.get(reverse("audit:detail", args=[event.pk])).status_code in (403, 404)
    # The audit administrator, by contrast, reads it.
    assert client_for("auditadmin").get(reverse("audit:list")).status_code == 200


# --- the security administrator ---------------------------------------------------------------


def test_security_administrator_cannot_create_users(client_for, users, tree):
    client = client_for("secadmin")
    before = user_rows()
    assert client.get(reverse("users:create")).status_code == 403
    data = {
        "username": "new_one",
        "full_name": "新用户",
        "org_unit": tree["C1"].pk,
        "password": "Fresh-Pass-2027",
        "password2": "Fresh-Pass-2027",
    }
    assert client.post(reverse("users:create"), data).status_code == 403
    with pytest.raises(PermissionDenied):
        services.user_create(
            actor=users["secadmin"],
            username="new_two",
            full_name="新用户",
            org_unit=tree["C1"],
            password="Fresh-Pass-2027",
        )
    assert user_rows() == before
    assert events(action="create") == []


def test_security_administrator_cannot_edit_users_or_passwords(client_for, users, tree):
    client = client_for("secadmin")
    target = users["c1_staff"]
    before = user_rows()
    # The account is seen (to grant roles on it) but not changed: 403.
    assert client.get(reverse("users:edit", args=[target.pk])).status_code == 403
    data = {"version": target.version, "full_name": "改名", "org_unit": tree["C1"].pk, "is_active": "on"}
    assert client.post(reverse("users:edit", args=[target.pk]), data).status_code == 403
    assert client.get(reverse("users:reset_password", args=[target.pk])).status_code == 403
    with pytest.raises(Http404):
        services.user_update(actor=users["secadmin"], user_id=target.pk, version=target.version, full_name="改名")
    assert user_rows() == before
    # They do see the account, to grant roles on it.
    detail = client.get(reverse("users:detail", args=[target.pk])).content.decode()
    assert 'data-testid="grant-form"' in detail
    assert 'data-testid="user-edit"' not in detail


# --- the audit administrator ------------------------------------------------------------------


def test_audit_administrator_cannot_manage_users(client_for, users, tree):
    client = client_for("auditadmin")
    target = users["c1_staff"]
    before, roles_before = user_rows(), assignments()
    assert client.get(reverse("users:list")).status_code == 403
    assert client.get(reverse("users:create")).status_code == 403
    for name in ("detail", "edit", "reset_password"):
        assert client.get(reverse(f"users:{name}", args=[target.pk])).status_code == 404
    assert client.post(reverse("users:unmask", args=[target.pk]), {"field": "phone", "reason": "x"}).status_code == 404
    grant = client.post(reverse("users:grant", args=[target.pk]), {"role": Role.STAFF, "org_unit": tree["C2"].pk})
    assert grant.status_code == 404
    assignment = target.role_assignments.get()
    assert client.post(reverse("users:revoke", args=[assignment.pk])).status_code == 404
    assert User.objects.visible_to(users["auditadmin"], Action.VIEW).count() == 0
    assert (user_rows(), assignments()) == (before, roles_before)


# --- none of them sees business data ----------------------------------------------------------


def test_no_separated_administrator_role_opens_business_records():
    # Business records belong to units; dictionaries (categories, activity types: no unit) are
    # configuration, which the system administrator may keep.
    business_models = [
        model
        for model in apps.get_models()
        if policy_of(model) is not None
        and policy_of(model).unit_field is not None
        and model._meta.label_lower not in SYSTEM_MODELS
    ]
    for model in business_models:
        for action in Action:
            granted = policy_of(model).roles_for(action) & SEPARATED_ADMIN_ROLES
            assert not granted, f"{model._meta.label} {action} is open to {sorted(granted)}"


@pytest.mark.parametrize("name", ["secadmin", "auditadmin"])
def test_only_account_managers_unmask_personal_data(users, name):
    target = users["c1_staff"]
    target.phone = "13812345678"
    target.save()
    with pytest.raises(Http404):
        services.user_unmask(actor=users[name], user_id=target.pk, field="phone", reason="检查")
    assert events(action="unmask") == []


# --- one account, one separated role; nobody changes their own roles --------------------------


@pytest.mark.parametrize(
    ("holder", "second"),
    [("sysadmin", Role.AUDIT_ADMIN), ("auditadmin", Role.SECURITY_ADMIN), ("sysadmin", Role.SECURITY_ADMIN)],
)
def test_a_second_separated_administrator_role_is_refused(client_for, users, tree, holder, second):
    before = assignments()
    with pytest.raises(ValidationError) as refused:
        services.role_grant(actor=users["secadmin"], user=users[holder], org_unit=tree["D"], role=second)
    assert refused.value.message_dict == {
        "role": ["同一账号只能担任系统管理员、安全管理员、审计管理员中的一个角色（三员分立）。"]
    }
    response = client_for("secadmin").post(
        reverse("users:grant", args=[users[holder].pk]), {"role": second, "org_unit": tree["S"].pk}, follow=True
    )
    assert "同一账号只能担任系统管理员、安全管理员、审计管理员中的一个角色（三员分立）。" in response.content.decode()
    assert assignments() == before
    assert events(action="role.grant") == []


@pytest.mark.parametrize(
    ("actor", "role"), [("secadmin", Role.STAFF), ("c1_admin", Role.LEADER), ("sub_admin", Role.STAFF)]
)
def test_nobody_grants_themselves_a_role(client_for, users, tree, actor, role):
    before = assignments()
    unit = users[actor].org_unit if actor != "secadmin" else tree["C1"]
    with pytest.raises(PermissionDenied):
        services.role_grant(actor=users[actor], user=users[actor], org_unit=unit, role=role)
    response = client_for(actor).post(
        reverse("users:grant", args=[users[actor].pk]), {"role": role, "org_unit": unit.pk}, follow=True
    )
    assert "不能修改自己的角色。" in response.content.decode()
    assert assignments() == before


@pytest.mark.parametrize("actor", ["secadmin", "c1_admin"])
def test_nobody_revokes_their_own_role(client_for, users, actor):
    own = users[actor].role_assignments.get()
    response = client_for(actor).post(reverse("users:revoke", args=[own.pk]), follow=True)
    assert response.status_code == 200
    assert "不能修改自己的角色。" in response.content.decode()
    assert RoleAssignment.objects.filter(pk=own.pk).exists()
    assert events(action="role.revoke") == []


def test_unit_administrators_grant_business_roles_only(client_for, users, tree):
    before = assignments()
    for role in SEPARATED_ADMIN_ROLES:
        with pytest.raises(PermissionDenied):
            services.role_grant(actor=users["c1_admin"], user=users["c1_staff"], org_unit=tree["C1"], role=role)
    detail = client_for("c1_admin").get(reverse("users:detail", args=[users["c1_staff"].pk]))
    choices = [value for value, _label in detail.context["grant_form"].fields["role"].choices if value]
    assert choices == [Role.UNIT_ADMIN, Role.STAFF, Role.LEADER]
    assert assignments() == before

"""Each audited action leaves exactly one event with the right actor, action, object and result."""

import pytest
from django.urls import reverse

from concentric.accounts import services as accounts
from concentric.accounts.models import RoleAssignment
from concentric.audit.models import AuditEvent
from concentric.core.roles import Role
from concentric.org.choices import UnitKind
from concentric.org.services import org_unit_create, org_unit_delete, org_unit_update
from conftest import TEST_PASSWORD, make_unit

NEW_PASSWORD = "Nw-Reset-Pass-2026!"


def _login_ok(ctx):
    accounts.login_succeeded(user=ctx.users["c1_staff"])
    return ("c1_staff", "c1_staff", "login", "accounts.user", ctx.users["c1_staff"].pk, "ok")


def _login_failed(ctx):
    accounts.login_failed(username="c1_staff", locked_out=False)
    return (None, "c1_staff", "login", "accounts.user", ctx.users["c1_staff"].pk, "failed")


def _login_unknown_user(ctx):
    accounts.login_failed(username="ghost", locked_out=False)
    return (None, "ghost", "login", "accounts.user", "", "failed")


def _lockout(ctx):
    accounts.login_failed(username="c1_staff", locked_out=True)
    return (None, "c1_staff", "lockout", "accounts.user", ctx.users["c1_staff"].pk, "denied")


def _password_change(ctx):
    accounts.password_change(user=ctx.users["c1_staff"], old_password=TEST_PASSWORD, new_password=NEW_PASSWORD)
    return ("c1_staff", "c1_staff", "password.change", "accounts.user", ctx.users["c1_staff"].pk, "ok")


def _password_reset(ctx):
    accounts.user_set_password(actor=ctx.users["sub_admin"], user_id=ctx.users["c1_staff"].pk, password=NEW_PASSWORD)
    return ("sub_admin", "sub_admin", "password.reset", "accounts.user", ctx.users["c1_staff"].pk, "ok")


def _role_grant(ctx):
    accounts.role_grant(
        actor=ctx.users["sub_admin"], user=ctx.users["c1_staff"], org_unit=ctx.tree["C1"], role=Role.LEADER
    )
    return ("sub_admin", "sub_admin", "role.grant", "accounts.user", ctx.users["c1_staff"].pk, "ok")


def _role_revoke(ctx):
    assignment = RoleAssignment.objects.get(user=ctx.users["c1_staff"], role=Role.STAFF)
    accounts.role_revoke(actor=ctx.users["sub_admin"], assignment_id=assignment.pk)
    return ("sub_admin", "sub_admin", "role.revoke", "accounts.user", ctx.users["c1_staff"].pk, "ok")


def _unmask(ctx):
    accounts.user_unmask(
        actor=ctx.users["sub_admin"], user_id=ctx.users["c1_staff"].pk, field="phone", reason="核实身份"
    )
    return ("sub_admin", "sub_admin", "unmask", "accounts.user", ctx.users["c1_staff"].pk, "ok")


def _otp_reset(ctx):
    accounts.totp_reset(actor=ctx.users["secadmin"], user_id=ctx.users["c1_staff"].pk)
    return ("secadmin", "secadmin", "otp.reset", "accounts.user", ctx.users["c1_staff"].pk, "ok")


def _otp_verify_failed(ctx):
    accounts.totp_verified(user=ctx.users["c1_admin"], ok=False)
    return ("c1_admin", "c1_admin", "otp.verify", "accounts.user", ctx.users["c1_admin"].pk, "failed")


def _org_create(ctx):
    unit = org_unit_create(
        actor=ctx.users["c1_admin"], parent=ctx.tree["C1"], kind=UnitKind.OTHER, code="N1", name="新站"
    )
    return ("c1_admin", "c1_admin", "create", "org.orgunit", unit.pk, "ok")


def _org_update(ctx):
    org_unit_update(actor=ctx.users["c1_admin"], unit_id=ctx.tree["C1"].pk, version=1, address="东坡路8号")
    return ("c1_admin", "c1_admin", "update", "org.orgunit", ctx.tree["C1"].pk, "ok")


def _org_delete(ctx):
    unit = make_unit("N2", "空站", UnitKind.OTHER, ctx.tree["C1"])
    org_unit_delete(actor=ctx.users["c1_admin"], unit_id=unit.pk, version=unit.version)
    return ("c1_admin", "c1_admin", "delete", "org.orgunit", unit.pk, "ok")


def _org_export(ctx):
    response = ctx.client_for("c1_staff").get(reverse("org:export"), {"format": "csv"})
    assert response.status_code == 200
    return ("c1_staff", "c1_staff", "export", "org.orgunit", "", "ok")


def _audit_export(ctx):
    response = ctx.client_for("auditadmin").get(reverse("audit:export"), {"format": "xlsx"})
    assert response.status_code == 200
    return ("auditadmin", "auditadmin", "export", "audit.auditevent", "", "ok")


ACTIONS = [
    _login_ok,
    _login_failed,
    _login_unknown_user,
    _lockout,
    _password_change,
    _password_reset,
    _role_grant,
    _role_revoke,
    _unmask,
    _otp_reset,
    _otp_verify_failed,
    _org_create,
    _org_update,
    _org_delete,
    _org_export,
    _audit_export,
]


class Context:
    def __init__(self, tree, users, client_for):
        self.tree, self.users, self.client_for = tree, users, client_for


@pytest.mark.parametrize("perform", ACTIONS, ids=[action.__name__.strip("_") for action in ACTIONS])
def test_each_audited_action_leaves_exactly_one_event(tree, users, client_for, perform):
    ctx = Context(tree, users, client_for)
    before = set(AuditEvent.objects.values_list("id", flat=True))

    actor, actor_name, action, object_type, object_id, result = perform(ctx)

    new = list(AuditEvent.objects.exclude(id__in=before))
    assert len(new) == 1
    event = new[0]
    expected_actor_id = users[actor].pk if actor else None
    assert (event.actor_id, event.actor_name, event.action, event.object_type, event.object_id, event.result) == (
        expected_actor_id,
        actor_name,
        action,
        object_type,
        str(object_id),
        result,
    )
    assert event.hash == event.compute_hash()

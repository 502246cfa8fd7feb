"""The scoping primitive itself: subtree coverage, actions per role, fail-closed defaults."""

import pytest
from django.contrib.auth.models import AnonymousUser

from concentric.accounts.models import User
from concentric.audit.models import AuditEvent
from concentric.core.roles import Role
from concentric.core.scoping import Action, ScopedQuerySet, can, user_scope
from concentric.org.models import OrgUnit
from conftest import make_user


def codes(queryset):
    return sorted(queryset.values_list("code", flat=True))


def test_a_role_covers_its_unit_and_every_descendant(users):
    assert codes(OrgUnit.objects.visible_to(users["sub_staff"], Action.VIEW)) == ["B1", "C1", "C2", "S"]
    assert codes(OrgUnit.objects.visible_to(users["c1_staff"], Action.VIEW)) == ["C1"]


def test_actions_follow_the_policy_grants(users, tree):
    assert codes(OrgUnit.objects.visible_to(users["leader"], Action.VIEW)) == ["B1", "C1", "C2", "S"]
    assert codes(OrgUnit.objects.visible_to(users["leader"], Action.CHANGE)) == []
    assert codes(OrgUnit.objects.visible_to(users["c1_admin"], Action.CHANGE)) == ["C1"]
    assert can(users["c1_admin"], Action.ADD, OrgUnit, tree["C1"])
    assert not can(users["c1_admin"], Action.ADD, OrgUnit, tree["C2"])
    assert not can(users["c1_staff"], Action.ADD, OrgUnit, tree["C1"])


def test_separated_administrators_see_only_their_own_duty(users):
    from concentric.core.auditing import audit_record

    audit_record(actor=users["sub_admin"], action="test", obj=users["c1_staff"])
    assert AuditEvent.objects.visible_to(users["auditadmin"], Action.VIEW).count() == 1
    for name in ("sysadmin", "secadmin", "sub_admin", "leader"):
        assert AuditEvent.objects.visible_to(users[name], Action.VIEW).count() == 0
    assert User.objects.visible_to(users["auditadmin"], Action.VIEW).count() == 0
    assert User.objects.visible_to(users["sysadmin"], Action.VIEW).count() == User.objects.count()


def test_anonymous_inactive_and_roleless_users_see_nothing(users):
    for nobody in (AnonymousUser(), None, users["norole"]):
        assert OrgUnit.objects.visible_to(nobody, Action.VIEW).count() == 0
    inactive = users["sub_admin"]
    inactive.is_active = False
    inactive.save()
    fresh = User.objects.get(pk=inactive.pk)
    assert OrgUnit.objects.visible_to(fresh, Action.VIEW).count() == 0


def test_roles_on_inactive_units_grant_nothing(users, tree):
    tree["C1"].is_active = False
    tree["C1"].save()
    fresh = User.objects.get(pk=users["c1_staff"].pk)
    assert user_scope(fresh).roles == frozenset()


def test_a_model_without_a_policy_is_denied(db, users):
    class Unscoped(OrgUnit):
        scope = None

        class Meta:
            proxy = True
            app_label = "org"

    queryset = ScopedQuerySet(model=Unscoped)
    assert queryset.visible_to(users["sub_admin"], Action.VIEW).count() == 0
    assert not can(users["sub_admin"], Action.VIEW, Unscoped)


def test_unknown_action_raises(users):
    with pytest.raises(ValueError):
        can(users["sub_admin"], "teleport", OrgUnit)


def test_nested_assignments_do_not_duplicate_rows(tree):
    user = make_user("twice", tree["S"], Role.STAFF)
    from concentric.accounts.models import RoleAssignment

    RoleAssignment.objects.create(user=user, org_unit=tree["C1"], role=Role.STAFF)
    fresh = User.objects.get(pk=user.pk)
    assert user_scope(fresh).paths([Role.STAFF]) == [tree["S"].path]
    assert OrgUnit.objects.visible_to(fresh, Action.VIEW).count() == 4

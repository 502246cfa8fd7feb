import pytest
from django.core.management import CommandError, call_command

from concentric.accounts.models import RoleAssignment, User
from concentric.audit.models import AuditEvent
from concentric.audit.services import audit_verify
from concentric.core.roles import Role
from concentric.org.models import OrgUnit

ARGS = [
    "--unit-code",
    "xihu",
    "--unit-name",
    "西湖区",
    "--system-admin",
    "sys1",
    "--security-admin",
    "sec1",
    "--audit-admin",
    "aud1",
]


def test_bootstrap_creates_the_root_and_the_three_administrators(db, capsys):
    call_command("bootstrap", *ARGS)
    root = OrgUnit.objects.get()
    assert (root.code, root.name, root.parent, root.depth) == ("xihu", "西湖区", None, 0)
    roles = dict(RoleAssignment.objects.values_list("user__username", "role"))
    assert roles == {"sys1": Role.SYSTEM_ADMIN, "sec1": Role.SECURITY_ADMIN, "aud1": Role.AUDIT_ADMIN}
    assert all(user.must_change_password for user in User.objects.all())
    printed = capsys.readouterr().out
    for user in User.objects.all():
        password = next(line.split()[1] for line in printed.splitlines() if line.strip().startswith(user.username))
        assert user.check_password(password)
    assert AuditEvent.objects.filter(actor_name="bootstrap").count() == 7  # 1 unit, 3 accounts, 3 roles
    assert audit_verify().ok


def test_bootstrap_refuses_a_non_empty_instance_and_changes_nothing(tree):
    before = (OrgUnit.objects.count(), User.objects.count(), AuditEvent.objects.count())
    with pytest.raises(CommandError, match="already has org units"):
        call_command("bootstrap", *ARGS)
    assert (OrgUnit.objects.count(), User.objects.count(), AuditEvent.objects.count()) == before


def test_bootstrap_refuses_one_account_for_two_duties(db):
    args = list(ARGS)
    args[args.index("aud1")] = "sys1"
    with pytest.raises(CommandError, match="三员分立"):
        call_command("bootstrap", *args)
    assert not OrgUnit.objects.exists()

"""``concentric demo``: the Hubin tree, one account per role, printed once, idempotent."""

import re
from io import StringIO

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.management import CommandError, call_command
from django.test import Client

from concentric.accounts.bootstrap import generate_password
from concentric.accounts.models import RoleAssignment, User
from concentric.audit.models import AuditEvent
from concentric.audit.services import audit_verify
from concentric.org.models import OrgUnit
from concentric.shell.demo import ACCOUNTS

EXPECTED_UNITS = {
    # code: (name, kind, parent code, address)
    "shangcheng": ("上城区", "district", None, ""),
    "hubin": ("湖滨街道", "subdistrict", "shangcheng", ""),
    "hubin-dongpo": ("东坡社区", "community", "hubin", ""),
    "hubin-yuewang": ("岳王社区", "community", "hubin", ""),
    "hubin-qingnianlu": ("青年路社区", "community", "hubin", ""),
    "hubin-dongpingxiang": ("东平巷社区", "community", "hubin", ""),
    "hubin-wushan": ("吴山社区", "community", "hubin", ""),
    "hubin-buxingjie": ("湖滨步行街商圈", "business_district", "hubin", ""),
    "hubin-tongzhanzhijia": ("统战之家", "work_station", "hubin", "崔家巷4号"),
}
EXPECTED_ROLES = {
    "sys_admin": ("system_admin", "shangcheng"),
    "sec_admin": ("security_admin", "shangcheng"),
    "audit_admin": ("audit_admin", "shangcheng"),
    "hubin_admin": ("unit_admin", "hubin"),
    "hubin_leader": ("leader", "hubin"),
    "dongpo_admin": ("unit_admin", "hubin-dongpo"),
    "dongpo_staff": ("staff", "hubin-dongpo"),
    "buxingjie_staff": ("staff", "hubin-buxingjie"),
}
PASSWORD_SHAPE = re.compile(r"^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$")


@pytest.fixture(autouse=True)
def debug_instance(settings):
    """The demo refuses production instances; the test runner turns DEBUG off, so turn it on."""
    settings.DEBUG = True


def run_demo(*args) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def printed_passwords(output: str) -> dict[str, str]:
    """username -> password column of the printed table."""
    rows = {}
    for line in output.splitlines():
        parts = line.split()
        if parts and parts[0] in EXPECTED_ROLES:
            rows[parts[0]] = parts[1] if PASSWORD_SHAPE.match(parts[1]) else None
    return rows


def state() -> tuple:
    """Everything the demo could write, to compare before and after a run."""
    return (
        list(OrgUnit.objects.order_by("pk").values_list("pk", "code", "name", "path", "version")),
        list(User.objects.order_by("pk").values_list("pk", "username", "password", "must_change_password", "version")),
        list(RoleAssignment.objects.order_by("pk").values_list("pk", "user_id", "org_unit_id", "role")),
        list(AuditEvent.objects.order_by("pk").values_list("pk", "hash")),
    )


@pytest.mark.django_db
def test_first_run_creates_the_hubin_tree():
    run_demo()
    units = {u.code: u for u in OrgUnit.objects.all()}
    assert set(units) == set(EXPECTED_UNITS)
    for code, (name, kind, parent, address) in EXPECTED_UNITS.items():
        unit = units[code]
        assert (unit.name, unit.kind, unit.address) == (name, kind, address)
        assert unit.parent_id == (units[parent].pk if parent else None)
        assert unit.path == (units[parent].path if parent else "/") + f"{unit.pk:010d}/"


@pytest.mark.django_db
def test_first_run_prints_working_passwords_for_one_account_per_role():
    output = run_demo()
    passwords = printed_passwords(output)
    assert set(passwords) == set(EXPECTED_ROLES)
    assert len(set(passwords.values())) == len(EXPECTED_ROLES)
    for username, (role, unit_code) in EXPECTED_ROLES.items():
        user = User.objects.get(username=username)
        assert user.check_password(passwords[username])
        assert user.password.startswith("argon2$")
        assert passwords[username] not in user.password
        assert (user.must_change_password, user.is_active, user.org_unit.code) == (False, True, unit_code)
        assert list(user.role_assignments.values_list("role", "org_unit__code")) == [(role, unit_code)]
    assert "enrol an authenticator app (TOTP) at their first sign-in" in output
    assert "sys_admin, sec_admin, audit_admin, hubin_admin, dongpo_admin" in output


@pytest.mark.django_db
def test_writes_are_audited_with_services_as_actors_and_the_chain_holds():
    run_demo()
    events = list(AuditEvent.objects.order_by("pk").values_list("actor_name", "action", "object_repr"))
    by_actor = {}
    for actor, action, _ in events:
        by_actor.setdefault(actor, []).append(action)
    # Bootstrap: root unit, first system administrator and its role, the security administrator's
    # role; then the seven other accounts are released from the first password change.
    assert sorted(by_actor["demo"]) == sorted(["create", "create", "role.grant", "role.grant"] + ["update"] * 7)
    assert sorted(by_actor["sys_admin"]) == sorted(["create"] * (8 + 7))  # 8 units, 7 accounts
    assert by_actor["sec_admin"] == ["role.grant"] * 6
    # The demo members are registered by the subdistrict's administrator, through the services;
    # the other lines of work write theirs through their services too, as demo accounts (hours
    # approved, a certificate issued …), never anonymously.
    assert {"create", "update"} <= set(by_actor["hubin_admin"]) and by_actor["hubin_admin"].count("create") >= 81
    assert {"demo", "sys_admin", "sec_admin", "hubin_admin"} <= set(by_actor)
    assert set(by_actor) - {"demo"} <= set(User.objects.values_list("username", flat=True))
    assert events[0] == ("demo", "create", "上城区")
    assert audit_verify().ok


@pytest.mark.django_db
def test_demo_members_are_in_the_demo_communities_and_scoped():
    from concentric.accounts.models import User
    from concentric.core.scoping import Action
    from concentric.people.models import DuplicateCase, Person

    run_demo()
    assert Person.objects.count() == 81
    assert set(Person.objects.values_list("org_unit__code", flat=True)) <= {
        "hubin-dongpo",
        "hubin-yuewang",
        "hubin-qingnianlu",
        "hubin-buxingjie",
    }
    dongpo = Person.objects.visible_to(User.objects.get(username="dongpo_staff"), Action.VIEW)
    assert 0 < dongpo.count() < 81 and set(dongpo.values_list("org_unit__code", flat=True)) == {"hubin-dongpo"}
    assert DuplicateCase.objects.count() >= 1
    # Tags fit the member: no man is tagged 女性 (the women are, some of them).
    tagged = Person.objects.filter(tags__name="女性")
    assert tagged.exists() and set(tagged.values_list("gender", flat=True)) == {"female"}


@pytest.mark.django_db
def test_demo_registrations_are_spread_over_the_season_and_the_rollups_follow():
    from django.utils import timezone

    from concentric.core.demo import season_start
    from concentric.people.models import Person
    from concentric.rollups.services import rollups_differences

    run_demo()
    today = timezone.localdate()
    days = {timezone.localtime(moment).date() for moment in Person.objects.values_list("created_at", flat=True)}
    assert min(days) == season_start(today) and max(days) == today
    months = {(day.year, day.month) for day in days}
    assert len(months) == (today.year - season_start(today).year) * 12 + today.month - 9 + 1
    assert rollups_differences() == {}


@pytest.mark.django_db
def test_second_run_changes_nothing_and_prints_no_password():
    first = printed_passwords(run_demo())
    before = state()
    output = run_demo()
    assert state() == before
    assert "Demo data already present: nothing changed." in output
    assert printed_passwords(output) == dict.fromkeys(EXPECTED_ROLES)
    assert "(printed at first run)" in output
    assert "concentric demo --reset-passwords" in output
    assert not any(password in output for password in first.values())


@pytest.mark.django_db
def test_reset_passwords_issues_new_working_passwords():
    old = printed_passwords(run_demo())
    events_before = AuditEvent.objects.count()
    new = printed_passwords(run_demo("--reset-passwords"))
    assert set(new) == set(EXPECTED_ROLES)
    for username in EXPECTED_ROLES:
        user = User.objects.get(username=username)
        assert new[username] != old[username]
        assert user.check_password(new[username])
        assert not user.check_password(old[username])
        assert user.must_change_password is False
    resets = AuditEvent.objects.order_by("pk")[events_before:]
    assert sorted((e.actor_name, e.action, e.object_repr.split("(")[-1].rstrip(")")) for e in resets) == sorted(
        ("demo", "password.reset", username) for username in EXPECTED_ROLES
    )
    assert audit_verify().ok


@pytest.mark.django_db
def test_refuses_without_debug_and_writes_nothing(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="CONCENTRIC_DEBUG off"):
        run_demo()
    assert (OrgUnit.objects.count(), User.objects.count(), AuditEvent.objects.count()) == (0, 0, 0)


@pytest.mark.parametrize("profile", ["mlps", "asvs"])
def test_generated_passwords_meet_the_policy(settings, profile):
    settings.PASSWORD_PROFILE = profile
    for _ in range(50):
        password = generate_password()
        assert PASSWORD_SHAPE.match(password)
        validate_password(password)


def test_every_demo_account_is_defined_once():
    assert [a.username for a in ACCOUNTS] == list(EXPECTED_ROLES)


@pytest.mark.django_db
def test_a_demo_staff_account_signs_in_at_once_and_an_admin_is_asked_for_totp():
    passwords = printed_passwords(run_demo())
    staff = Client()
    response = staff.post("/accounts/login/", {"username": "dongpo_staff", "password": passwords["dongpo_staff"]})
    assert response.status_code == 302
    assert staff.get("/").status_code == 200
    admin = Client()
    admin.post("/accounts/login/", {"username": "hubin_admin", "password": passwords["hubin_admin"]})
    response = admin.get("/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/otp/")

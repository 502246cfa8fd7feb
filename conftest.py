"""Shared fixtures: the org tree of the architecture guide and a signed-in client per role.

Tree: district D > subdistrict S > communities C1, C2 and business district B1.
"""

from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core.cache import cache, caches
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from concentric.accounts.models import RoleAssignment, User
from concentric.core.roles import SECOND_FACTOR_ROLES, Role
from concentric.org.choices import UnitKind
from concentric.org.models import OrgUnit

TEST_PASSWORD = "Tz-test-Pass-2026!"


@pytest.fixture(autouse=True)
def cheap_argon2(settings):
    """Hash test passwords with Argon2 at minimal cost (see tests/hashers.py)."""
    settings.PASSWORD_HASHERS = ["tests.hashers.CheapArgon2PasswordHasher", *settings.PASSWORD_HASHERS]


def pytest_configure(config):
    """The shared cache (settings.CACHES) lives in each test process's memory: the test processes
    must not read one another's public pages or counts from the data directory's files."""
    from django.conf import settings

    settings.CACHES["shared"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"}


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches: the denied-access limiter (core.denials) counts
    refusals per user id and route, and ids repeat from one test to the next; the public portal's
    pages are cached under their path."""
    cache.clear()
    caches["shared"].clear()


def make_unit(code: str, name: str, kind: str, parent: OrgUnit | None = None) -> OrgUnit:
    unit = OrgUnit.objects.create(parent=parent, code=code, name=name, kind=kind, path="-")
    unit.set_path()
    unit.save(update_fields=["path", "depth"])
    return unit


# The dictionaries the migrations seed: a transactional test (threads, the live server) flushes
# every table when it ends, so the tests after it find them empty unless they are seeded again.
SEEDS = {
    "people.Category": "concentric.people.migrations.0002_seed_categories",
    "venues.RoomFunction": "concentric.venues.migrations.0002_seed_room_functions",
    "activities.ActivityType": "concentric.activities.migrations.0002_seed_activity_types",
    "quotas.QuotaRule": "concentric.quotas.migrations.0002_seed_default_rules",
}


def reseed_dictionaries() -> None:
    """Seed again each dictionary a flush emptied (as its migration did)."""
    for label, module in SEEDS.items():
        if not django_apps.get_model(label).objects.exists():
            import_module(module).seed(django_apps, None)


@pytest.fixture
def tree(db):
    """The org tree as a dict: D, S, C1, C2, B1, over the seeded dictionaries."""
    reseed_dictionaries()
    district = make_unit("D", "上城区", UnitKind.DISTRICT)
    sub = make_unit("S", "湖滨街道", UnitKind.SUBDISTRICT, district)
    return {
        "D": district,
        "S": sub,
        "C1": make_unit("C1", "东坡社区", UnitKind.COMMUNITY, sub),
        "C2": make_unit("C2", "岳王社区", UnitKind.COMMUNITY, sub),
        "B1": make_unit("B1", "湖滨步行街商圈", UnitKind.BUSINESS_DISTRICT, sub),
    }


def make_user(username: str, unit: OrgUnit, *roles: str, role_unit: OrgUnit | None = None, **extra) -> User:
    """A ready-to-use account (password already changed) holding ``roles`` on ``role_unit`` (default: its unit)."""
    extra.setdefault("full_name", username)
    extra.setdefault("must_change_password", False)
    user = User.objects.create_user(username, TEST_PASSWORD, org_unit=unit, **extra)
    for role in roles:
        RoleAssignment.objects.create(user=user, org_unit=role_unit or unit, role=role)
    return user


@pytest.fixture
def users(tree):
    """One user per role: staff and leader per community, administrators at the district."""
    D, S, C1, C2, B1 = (tree[k] for k in ("D", "S", "C1", "C2", "B1"))
    return {
        "sub_admin": make_user("sub_admin", S, Role.UNIT_ADMIN),
        "sub_staff": make_user("sub_staff", S, Role.STAFF),
        "leader": make_user("leader", S, Role.LEADER),
        "c1_admin": make_user("c1_admin", C1, Role.UNIT_ADMIN),
        "c1_staff": make_user("c1_staff", C1, Role.STAFF),
        "c2_staff": make_user("c2_staff", C2, Role.STAFF),
        "b1_staff": make_user("b1_staff", B1, Role.STAFF),
        "c1_leader": make_user("c1_leader", C1, Role.LEADER),
        "sysadmin": make_user("sysadmin", D, Role.SYSTEM_ADMIN),
        "secadmin": make_user("secadmin", D, Role.SECURITY_ADMIN),
        "auditadmin": make_user("auditadmin", D, Role.AUDIT_ADMIN),
        "norole": make_user("norole", C1),
    }


def sign_in(client, user: User):
    """Log ``client`` in as ``user``; roles that need a second factor get a verified TOTP device."""
    client.force_login(user)
    if user.role_set() & SECOND_FACTOR_ROLES:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
            user=user, name="test", confirmed=True
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def client_for(client, users):
    """``client_for("c1_staff")``: a fresh test client signed in as that fixture user."""
    from django.test import Client

    def build(name: str) -> Client:
        return sign_in(Client(), users[name])

    return build

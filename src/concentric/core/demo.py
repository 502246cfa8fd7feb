"""Demo data: Hubin subdistrict (湖滨街道, Shangcheng district, Hangzhou) as described in the
district's 2020 review of its united-front work, and one account per role.

Loading is idempotent: units are found by code, accounts by username, role assignments by
(user, unit, role); only what is missing is written. Writes go through the services with the
demo system administrator (units, accounts) and security administrator (roles) as actors. Two
things have no actor yet and are written directly, audited as actor "demo": the bootstrap (the
root unit, the first system administrator and the first security administrator's role) and the
demo passwords (demo accounts may sign in at once, without the forced first change).
"""

import secrets
from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from concentric.accounts import services as accounts
from concentric.accounts.choices import Role
from concentric.accounts.models import RoleAssignment, User
from concentric.audit.services import audit_record, changed_fields
from concentric.core.services import snapshot
from concentric.org import services as org
from concentric.org.choices import UnitKind
from concentric.org.models import OrgUnit

DEMO_ACTOR = "demo"


@dataclass(frozen=True)
class DemoUnit:
    code: str
    name: str
    kind: str
    parent: str | None  # parent's code
    address: str = ""


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    title: str
    unit: str  # code of the account's unit, which is also where its role is held
    role: str


ROOT_CODE = "shangcheng"
UNITS = (
    DemoUnit(ROOT_CODE, "上城区", UnitKind.DISTRICT, None),
    DemoUnit("hubin", "湖滨街道", UnitKind.SUBDISTRICT, ROOT_CODE),
    DemoUnit("hubin-dongpo", "东坡社区", UnitKind.COMMUNITY, "hubin"),
    DemoUnit("hubin-yuewang", "岳王社区", UnitKind.COMMUNITY, "hubin"),
    DemoUnit("hubin-qingnianlu", "青年路社区", UnitKind.COMMUNITY, "hubin"),
    DemoUnit("hubin-dongpingxiang", "东平巷社区", UnitKind.COMMUNITY, "hubin"),
    DemoUnit("hubin-wushan", "吴山社区", UnitKind.COMMUNITY, "hubin"),
    DemoUnit("hubin-buxingjie", "湖滨步行街商圈", UnitKind.BUSINESS_DISTRICT, "hubin"),
    DemoUnit("hubin-tongzhanzhijia", "统战之家", UnitKind.WORK_STATION, "hubin", "崔家巷4号"),
)

SYSTEM_ADMIN = DemoAccount("sys_admin", "周建国", "信息中心工程师", ROOT_CODE, Role.SYSTEM_ADMIN)
SECURITY_ADMIN = DemoAccount("sec_admin", "吴安平", "网络安全员", ROOT_CODE, Role.SECURITY_ADMIN)
ACCOUNTS = (
    SYSTEM_ADMIN,
    SECURITY_ADMIN,
    DemoAccount("audit_admin", "孙明哲", "安全审计员", ROOT_CODE, Role.AUDIT_ADMIN),
    DemoAccount("hubin_admin", "陈志远", "街道统战委员", "hubin", Role.UNIT_ADMIN),
    DemoAccount("hubin_leader", "林晓梅", "街道党工委副书记", "hubin", Role.LEADER),
    DemoAccount("dongpo_staff", "王丽华", "社区统战专干", "hubin-dongpo", Role.STAFF),
    DemoAccount("buxingjie_staff", "赵俊杰", "商圈统战联络员", "hubin-buxingjie", Role.STAFF),
)

# No look-alike characters (0/O, 1/l/I): passwords are read off a terminal and typed.
_UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_LOWER = "abcdefghijkmnopqrstuvwxyz"
_DIGITS = "23456789"


def generate_password() -> str:
    """Three dash-joined groups of four letters and digits (about 70 bits), valid under the
    current password policy (four character classes, 14 characters)."""
    alphabet = _UPPER + _LOWER + _DIGITS
    while True:
        groups = ["".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3)]
        password = "-".join(groups)
        if all(any(c in chars for c in password) for chars in (_UPPER, _LOWER, _DIGITS)):
            try:
                validate_password(password)
            except ValidationError:
                continue
            return password


@dataclass
class Credential:
    account: DemoAccount
    unit_name: str
    password: str | None  # set only when issued by this run


@dataclass
class DemoResult:
    units_created: int
    accounts_created: int
    credentials: list[Credential]

    @property
    def passwords_issued(self) -> bool:
        return any(c.password for c in self.credentials)


@transaction.atomic
def load_demo(*, reset_passwords: bool = False) -> DemoResult:
    """Create whatever of the demo data is missing; with ``reset_passwords`` issue new passwords
    to every demo account. Returns the accounts with the passwords issued by this run."""
    passwords: dict[str, str] = {}
    root, units_created = _bootstrap_root()
    sysadmin = _bootstrap_system_admin(root, passwords)
    units = {root.code: root}
    for spec in UNITS[1:]:
        units[spec.code], created = _ensure_unit(sysadmin, spec, units[spec.parent])
        units_created += created
    users = {SYSTEM_ADMIN.username: sysadmin}
    for spec in ACCOUNTS[1:]:
        users[spec.username] = _ensure_user(sysadmin, spec, units[spec.unit], passwords)
    secadmin = users[SECURITY_ADMIN.username]
    _bootstrap_security_admin_role(secadmin, units[SECURITY_ADMIN.unit])
    for spec in ACCOUNTS[2:]:
        unit = units[spec.unit]
        if not RoleAssignment.objects.filter(user=users[spec.username], org_unit=unit, role=spec.role).exists():
            accounts.role_grant(actor=secadmin, user=users[spec.username], org_unit=unit, role=spec.role)
    accounts_created = len(passwords)
    if reset_passwords:
        for spec in ACCOUNTS:
            if spec.username not in passwords:
                passwords[spec.username] = _issue_password(users[spec.username])
    return DemoResult(
        units_created=units_created,
        accounts_created=accounts_created,
        credentials=[Credential(spec, units[spec.unit].name, passwords.get(spec.username)) for spec in ACCOUNTS],
    )


# --- bootstrap: no actor exists yet ------------------------------------------------------------


def _bootstrap_root() -> tuple[OrgUnit, int]:
    root = OrgUnit.objects.filter(code=ROOT_CODE).first()
    if root is not None:
        return root, 0
    spec = UNITS[0]
    root = OrgUnit(parent=None, kind=spec.kind, code=spec.code, name=spec.name, address=spec.address, path="-")
    root.full_clean()
    root.save()
    root.path, root.depth = f"/{root.pk}/", 0
    root.save(update_fields=["path", "depth"])
    audit_record(
        actor=None,
        actor_name=DEMO_ACTOR,
        action="create",
        obj=root,
        changes=changed_fields({}, snapshot(root, org.EDITABLE_FIELDS)),
    )
    return root, 1


def _bootstrap_system_admin(root: OrgUnit, passwords: dict[str, str]) -> User:
    spec = SYSTEM_ADMIN
    user = User.objects.filter(username=spec.username).first()
    if user is None:
        user = User(username=spec.username, full_name=spec.full_name, title=spec.title, org_unit=root)
        user.full_clean(exclude=["password"])
        password = generate_password()
        user.set_password(password)
        user.password_changed_at = timezone.now()
        user.must_change_password = False
        user.save()
        passwords[spec.username] = password
        audit_record(
            actor=None,
            actor_name=DEMO_ACTOR,
            action="create",
            obj=user,
            changes=changed_fields({}, snapshot(user, accounts.USER_FIELDS), sensitive=User.SENSITIVE_FIELDS),
        )
    _bootstrap_role(user, root, spec.role)
    return user


def _bootstrap_security_admin_role(user: User, unit: OrgUnit) -> None:
    # Only a security administrator may grant roles, so the first one's role cannot be granted.
    _bootstrap_role(user, unit, SECURITY_ADMIN.role)


def _bootstrap_role(user: User, unit: OrgUnit, role: str) -> None:
    if RoleAssignment.objects.filter(user=user, org_unit=unit, role=role).exists():
        return
    assignment = RoleAssignment(user=user, org_unit=unit, role=role)
    assignment.full_clean()
    assignment.save()
    audit_record(
        actor=None,
        actor_name=DEMO_ACTOR,
        action="role.grant",
        obj=user,
        org_unit_id=unit.pk,
        changes={"role": [None, f"{role}@{unit.code}"]},
    )


# --- through the services ----------------------------------------------------------------------


def _ensure_unit(actor: User, spec: DemoUnit, parent: OrgUnit) -> tuple[OrgUnit, int]:
    unit = OrgUnit.objects.filter(code=spec.code).first()
    if unit is not None:
        return unit, 0
    unit = org.org_unit_create(
        actor=actor, parent=parent, kind=spec.kind, code=spec.code, name=spec.name, address=spec.address
    )
    return unit, 1


def _ensure_user(actor: User, spec: DemoAccount, unit: OrgUnit, passwords: dict[str, str]) -> User:
    user = User.objects.filter(username=spec.username).first()
    if user is not None:
        return user
    password = generate_password()
    user = accounts.user_create(
        actor=actor,
        username=spec.username,
        full_name=spec.full_name,
        org_unit=unit,
        password=password,
        title=spec.title,
    )
    _skip_first_password_change(user)
    passwords[spec.username] = password
    return user


def _skip_first_password_change(user: User) -> None:
    """Demo accounts sign in at once: the password was just printed, not handed over by a person."""
    user.must_change_password = False
    user.save(update_fields=["must_change_password"])
    audit_record(
        actor=None,
        actor_name=DEMO_ACTOR,
        action="update",
        obj=user,
        changes={"must_change_password": [True, False]},
        reason="demo account",
    )


def _issue_password(user: User) -> str:
    password = generate_password()
    user.set_password(password)
    user.password_changed_at = timezone.now()
    user.must_change_password = False
    user.version += 1
    user.save(update_fields=["password", "password_changed_at", "must_change_password", "version"])
    audit_record(actor=None, actor_name=DEMO_ACTOR, action="password.reset", obj=user, reason="demo --reset-passwords")
    return password

"""Demo data: Hubin subdistrict (湖滨街道, Shangcheng district, Hangzhou) as described in the
district's 2020 review of its united-front work, and one account per role.

The shell loads the spine (the tree and the accounts), then each line of work's demo data as
its app registered it (core.registry.add_demo). Loading is idempotent: units are found by code, accounts by username, role assignments by
(user, unit, role); only what is missing is written. Writes go through the services with the
demo system administrator (units, accounts) and security administrator (roles) as actors. Two
things have no actor yet and are written directly, audited as actor "demo": the bootstrap (the
root unit, the first system administrator and the first security administrator's role) and the
demo passwords (demo accounts may sign in at once, without the forced first change).
"""

from dataclasses import dataclass, field
from datetime import datetime, time

from django.db import transaction
from django.utils import timezone

from concentric.accounts import bootstrap
from concentric.accounts import services as accounts
from concentric.accounts.models import RoleAssignment, User
from concentric.core import registry
from concentric.core.auditing import audit_record
from concentric.core.demo import season_start
from concentric.core.roles import Role
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
    DemoAccount("dongpo_admin", "徐文静", "社区党委副书记", "hubin-dongpo", Role.UNIT_ADMIN),
    DemoAccount("dongpo_staff", "王丽华", "社区统战专干", "hubin-dongpo", Role.STAFF),
    DemoAccount("buxingjie_staff", "赵俊杰", "商圈统战联络员", "hubin-buxingjie", Role.STAFF),
)


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
    created: dict[str, int] = field(default_factory=dict)  # records each line of work created, by its label

    @property
    def passwords_issued(self) -> bool:
        return any(c.password for c in self.credentials)


@transaction.atomic
def load_demo(*, reset_passwords: bool = False) -> DemoResult:
    """Create whatever of the demo data is missing; with ``reset_passwords`` issue new passwords
    to every demo account. Returns the accounts with the passwords issued by this run."""
    passwords: dict[str, str] = {}
    root, units_created = _bootstrap_root()
    sysadmin = _bootstrap_account(SYSTEM_ADMIN, root, passwords)
    units = {root.code: root}
    for spec in UNITS[1:]:
        units[spec.code], created = _ensure_unit(sysadmin, spec, units[spec.parent])
        units_created += created
    _date_units_from_the_season(units.values())
    users = {SYSTEM_ADMIN.username: sysadmin}
    for spec in ACCOUNTS[1:]:
        users[spec.username] = _ensure_user(sysadmin, spec, units[spec.unit], passwords)
    # Only a security administrator may grant roles, so the first one's role is bootstrapped.
    secadmin = _bootstrap_account(SECURITY_ADMIN, units[SECURITY_ADMIN.unit], passwords)
    for spec in ACCOUNTS[2:]:
        unit = units[spec.unit]
        if not RoleAssignment.objects.filter(user=users[spec.username], org_unit=unit, role=spec.role).exists():
            accounts.role_grant(actor=secadmin, user=users[spec.username], org_unit=unit, role=spec.role)
    accounts_created = len(passwords)
    context = {"units": units, "users": users}
    created = {str(loader.label): loader.load(context) for loader in registry.demo_loaders()}
    if reset_passwords:
        for spec in ACCOUNTS:
            if spec.username not in passwords:
                passwords[spec.username] = _issue_password(users[spec.username])
    return DemoResult(
        units_created=units_created,
        accounts_created=accounts_created,
        created=created,
        credentials=[Credential(spec, units[spec.unit].name, passwords.get(spec.username)) for spec in ACCOUNTS],
    )


# --- bootstrap: no actor exists yet ------------------------------------------------------------


def _bootstrap_root() -> tuple[OrgUnit, int]:
    spec = UNITS[0]
    root, created = org.bootstrap_root(
        code=spec.code, name=spec.name, kind=spec.kind, address=spec.address, actor_name=DEMO_ACTOR
    )
    return root, int(created)


def _bootstrap_account(spec: DemoAccount, unit: OrgUnit, passwords: dict[str, str]) -> User:
    user, password = bootstrap.bootstrap_account(
        username=spec.username,
        full_name=spec.full_name,
        title=spec.title,
        unit=unit,
        role=spec.role,
        actor_name=DEMO_ACTOR,
        must_change_password=False,
    )
    if password:
        passwords[spec.username] = password
    return user


# --- through the services ----------------------------------------------------------------------


def _ensure_unit(actor: User, spec: DemoUnit, parent: OrgUnit) -> tuple[OrgUnit, int]:
    unit = OrgUnit.objects.filter(code=spec.code).first()
    if unit is not None:
        return unit, 0
    unit = org.org_unit_create(
        actor=actor, parent=parent, kind=spec.kind, code=spec.code, name=spec.name, address=spec.address
    )
    return unit, 1


def _date_units_from_the_season(units) -> None:
    """The demo units stand for units that have worked for years: they are dated from the start
    of the demo season (1 September of the activities' autumn), so the quota board judges the
    season's weeks and months, not only the days since the demo was loaded."""
    start = timezone.make_aware(datetime.combine(season_start(timezone.localdate()), time.min))
    OrgUnit.objects.filter(pk__in=[unit.pk for unit in units], created_at__gt=start).update(created_at=start)


def _ensure_user(actor: User, spec: DemoAccount, unit: OrgUnit, passwords: dict[str, str]) -> User:
    user = User.objects.filter(username=spec.username).first()
    if user is not None:
        return user
    password = bootstrap.generate_password()
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
    return bootstrap.issue_password(
        user=user, actor_name=DEMO_ACTOR, must_change_password=False, reason="demo --reset-passwords"
    )

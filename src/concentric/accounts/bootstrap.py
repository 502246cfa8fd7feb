"""The first unit and accounts of an instance, before any actor exists to create them.

Everything else goes through the services with a signed-in actor. These writes have none, so
they are audited under a named pseudo-actor ("bootstrap" in production, "demo" for demo data).
Used by ``concentric bootstrap`` (production) and ``concentric demo``; the root unit itself is
org.services.bootstrap_root.
"""

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from concentric.accounts.models import RoleAssignment, User
from concentric.accounts.services import USER_FIELDS
from concentric.core.auditing import audit_record, changed_fields
from concentric.core.services import snapshot

# No look-alike characters (0/O, 1/l/I): passwords are read off a terminal and typed.
_UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_LOWER = "abcdefghijkmnopqrstuvwxyz"
_DIGITS = "23456789"


def generate_password() -> str:
    """Three dash-joined groups of four letters and digits (about 70 bits), valid under the
    current password policy (four character classes, 14 characters)."""
    alphabet = _UPPER + _LOWER + _DIGITS
    while True:
        password = "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))
        if all(any(c in chars for c in password) for chars in (_UPPER, _LOWER, _DIGITS)):
            try:
                validate_password(password)
            except ValidationError:
                continue
            return password


@transaction.atomic
def bootstrap_account(
    *, username: str, full_name: str, unit, role: str, actor_name: str, must_change_password: bool, title: str = ""
) -> tuple[User, str | None]:
    """An account holding ``role`` on ``unit``: found, or created with a new password.
    Returns (user, the password when this call issued one)."""
    user = User.objects.filter(username=username).first()
    password = None
    if user is None:
        user = User(username=username, full_name=full_name, title=title, org_unit=unit)
        user.full_clean(exclude=["password"])
        password = generate_password()
        user.set_password(password)
        user.password_changed_at = timezone.now()
        user.must_change_password = must_change_password
        user.save()
        audit_record(
            actor=None,
            actor_name=actor_name,
            action="create",
            obj=user,
            changes=changed_fields({}, snapshot(user, USER_FIELDS), sensitive=User.SENSITIVE_FIELDS),
        )
    if not RoleAssignment.objects.filter(user=user, org_unit=unit, role=role).exists():
        assignment = RoleAssignment(user=user, org_unit=unit, role=role)
        assignment.full_clean()
        assignment.save()
        audit_record(
            actor=None,
            actor_name=actor_name,
            action="role.grant",
            obj=user,
            org_unit_id=unit.pk,
            changes={"role": [None, f"{role}@{unit.code}"]},
        )
    return user, password


@transaction.atomic
def issue_password(*, user: User, actor_name: str, must_change_password: bool, reason: str) -> str:
    """A new generated password for ``user`` (a lost bootstrap password, or demo resets)."""
    password = generate_password()
    user.set_password(password)
    user.password_changed_at = timezone.now()
    user.must_change_password = must_change_password
    user.version += 1
    user.save(update_fields=["password", "password_changed_at", "must_change_password", "version"])
    audit_record(actor=None, actor_name=actor_name, action="password.reset", obj=user, reason=reason)
    return password

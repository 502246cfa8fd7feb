"""Writes to accounts: sign-in events, users, roles, passwords and second factors."""

from django.contrib.auth import logout
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from concentric.accounts.models import RoleAssignment, User
from concentric.core.auditing import Result, audit_record, changed_fields
from concentric.core.identity import validate_id_number
from concentric.core.roles import BUSINESS_ROLES, SEPARATED_ADMIN_ROLES, Role
from concentric.core.scoping import Action, forget_scope, user_scope
from concentric.core.services import (
    assign,
    ensure_still_visible,
    lock,
    lock_for_update,
    require,
    snapshot,
    unchanged,
    unmask_field,
)

USER_FIELDS = ("username", "full_name", "email", "org_unit", "title", "phone", "id_number", "is_active")


# --- sign-in events -------------------------------------------------------------------------


def login_succeeded(*, user) -> None:
    audit_record(actor=user, action="login", obj=user, result=Result.OK)


def login_failed(*, username: str, locked_out: bool) -> None:
    user = User.objects.filter(username=username).first()
    audit_record(
        actor=None,
        actor_name=username[:150],
        action="lockout" if locked_out else "login",
        obj=user,
        object_type="accounts.user",
        object_repr=username[:200],
        result=Result.DENIED if locked_out else Result.FAILED,
    )


def logged_out(*, request) -> None:
    user = request.user
    if user.is_authenticated:
        audit_record(actor=user, action="logout", obj=user)
    logout(request)


def session_expire(*, request) -> None:
    user = request.user
    audit_record(actor=user, action="logout", obj=user, reason="session timeout")
    logout(request)


# --- users ----------------------------------------------------------------------------------


USERNAME_TAKEN = gettext_lazy("This username is already taken.")


def username_taken(username: str, *, other_than=None) -> bool:
    """Whether another account has ``username`` (forms ask early; the services decide)."""
    return User.objects.exclude(pk=other_than).filter(username=username.strip()).exists()


def _validate_user(user: User) -> None:
    """Every problem at once: the model's field checks, a valid ID number (GB 11643), and no other
    account with the same username, phone or ID number (phone and ID number by blind index)."""
    errors: dict[str, list] = {}
    try:
        user.full_clean(exclude=["password"], validate_unique=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    if user.id_number and "id_number" not in errors:
        try:
            user.id_number = validate_id_number(user.id_number)
        except ValidationError as error:
            errors["id_number"] = error.messages
    others = User.objects.exclude(pk=user.pk)
    if user.username and "username" not in errors and username_taken(user.username, other_than=user.pk):
        errors["username"] = [USERNAME_TAKEN]
    if user.phone and others.filter(phone_index=User._meta.get_field("phone_index").digest(user.phone)).exists():
        errors.setdefault("phone", []).append(_("Another account already uses this mobile phone number."))
    if (
        user.id_number
        and "id_number" not in errors
        and others.filter(id_number_index=User._meta.get_field("id_number_index").digest(user.id_number)).exists()
    ):
        errors["id_number"] = [_("Another account already uses this ID number.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def user_create(
    *, actor, username: str, full_name: str, org_unit, password: str, initial_role: str = "", **values
) -> User:
    """Create an account on ``org_unit``; ``initial_role`` (granted on the same unit, in the same
    transaction, under the usual granting rules) lets a unit administrator hand out work at once."""
    require(actor, Action.ADD, User, org_unit)
    user = User(username=username.strip(), full_name=full_name.strip(), org_unit=org_unit, **values)
    _validate_user(user)
    validate_password(password, user)
    user.set_password(password)
    user.password_changed_at = timezone.now()
    user.must_change_password = True  # the first sign-in replaces the password the administrator set
    user.save()
    ensure_still_visible(actor, user, Action.VIEW)
    audit_record(
        actor=actor,
        action="create",
        obj=user,
        changes=changed_fields({}, snapshot(user, USER_FIELDS), sensitive=User.SENSITIVE_FIELDS),
    )
    if initial_role:
        role_grant(actor=actor, user=user, org_unit=org_unit, role=initial_role)
    return user


@transaction.atomic
def user_update(*, actor, user_id: int, version: int, **values) -> User:
    user = lock_for_update(actor, User, user_id, version=version)
    unknown = set(values) - set(USER_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    if "org_unit" in values:
        require(actor, Action.CHANGE, User, values["org_unit"])
    if user.pk == actor.pk and values.get("is_active") is False:
        raise ValidationError({"is_active": _("You cannot deactivate your own account.")})
    before = snapshot(user, USER_FIELDS)
    assign(user, values)
    _validate_user(user)
    if unchanged(before, snapshot(user, USER_FIELDS)):
        return user
    user.version += 1
    user.save()
    ensure_still_visible(actor, user)
    audit_record(
        actor=actor,
        action="update",
        obj=user,
        changes=changed_fields(before, snapshot(user, USER_FIELDS), sensitive=User.SENSITIVE_FIELDS),
    )
    return user


def user_unmask(*, actor, user_id: int, field: str, reason: str) -> str:
    """Return the clear value of a sensitive field; needs the permission and a reason, audited."""
    return unmask_field(actor=actor, model=User, pk=user_id, field=field, reason=reason)


@transaction.atomic
def user_set_password(*, actor, user_id: int, password: str) -> None:
    """An administrator resets another user's password; the user must change it at next sign-in."""
    user = lock(actor, User, user_id, action=Action.CHANGE)
    validate_password(password, user)
    user.set_password(password)
    user.password_changed_at = timezone.now()
    user.must_change_password = True
    user.version += 1
    user.save()
    audit_record(actor=actor, action="password.reset", obj=user)


@transaction.atomic
def password_change(*, user, old_password: str, new_password: str) -> None:
    """The signed-in user replaces their own password."""
    if not user.check_password(old_password):
        raise ValidationError({"old_password": _("The current password is not correct.")})
    if old_password == new_password:
        raise ValidationError({"new_password": _("The new password must differ from the current one.")})
    validate_password(new_password, user)
    user.set_password(new_password)
    user.password_changed_at = timezone.now()
    user.must_change_password = False
    user.version += 1
    user.save()
    audit_record(actor=user, action="password.change", obj=user)


# --- roles ----------------------------------------------------------------------------------


def grantable_roles(actor) -> frozenset[str]:
    """Unit administrators grant business roles; the security administrator grants every role."""
    roles = user_scope(actor).roles
    if Role.SECURITY_ADMIN in roles:
        return frozenset(Role.values)
    if Role.UNIT_ADMIN in roles:
        return BUSINESS_ROLES
    return frozenset()


@transaction.atomic
def role_grant(*, actor, user: User, org_unit, role: str) -> RoleAssignment:
    require(actor, Action.ADD, RoleAssignment, org_unit)
    if role not in grantable_roles(actor):
        raise PermissionDenied(_("You may not grant this role."))
    if user.pk == actor.pk:
        raise PermissionDenied(_("You cannot change your own roles."))
    if not User.objects.visible_to(actor, Action.VIEW).filter(pk=user.pk).exists():
        raise PermissionDenied(_("You do not have permission to do this here."))
    held = set(user.role_assignments.values_list("role", flat=True))
    if role in SEPARATED_ADMIN_ROLES and (held & SEPARATED_ADMIN_ROLES) - {role}:
        raise ValidationError(
            {"role": _("One account may hold only one of the system, security and audit administrator roles.")}
        )
    if RoleAssignment.objects.filter(user=user, org_unit=org_unit, role=role).exists():
        raise ValidationError({"role": _("The user already holds this role on this unit.")})
    assignment = RoleAssignment(user=user, org_unit=org_unit, role=role, granted_by=actor)
    assignment.full_clean()
    assignment.save()
    forget_scope(user)
    audit_record(
        actor=actor,
        action="role.grant",
        obj=user,
        org_unit_id=org_unit.pk,
        changes={"role": [None, f"{role}@{org_unit.code}"]},
    )
    return assignment


@transaction.atomic
def role_revoke(*, actor, assignment_id: int) -> None:
    try:
        assignment = (
            RoleAssignment.objects.visible_to(actor, Action.DELETE)
            .select_related("user", "org_unit")
            .get(pk=assignment_id)
        )
    except RoleAssignment.DoesNotExist:
        from django.http import Http404

        raise Http404 from None
    if assignment.role not in grantable_roles(actor):
        raise PermissionDenied(_("You may not revoke this role."))
    if assignment.user_id == actor.pk:
        raise PermissionDenied(_("You cannot change your own roles."))
    audit_record(
        actor=actor,
        action="role.revoke",
        obj=assignment.user,
        org_unit_id=assignment.org_unit_id,
        changes={"role": [f"{assignment.role}@{assignment.org_unit.code}", None]},
    )
    assignment.delete()
    forget_scope(assignment.user)


# --- second factor --------------------------------------------------------------------------


def totp_device_start(*, user) -> TOTPDevice:
    """An unconfirmed device for enrolment: replaced each time enrolment starts again."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, user, device: TOTPDevice, token: str) -> bool:
    if not device.verify_token(token):
        audit_record(actor=user, action="otp.enrol", obj=user, result=Result.FAILED)
        return False
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save()
    audit_record(actor=user, action="otp.enrol", obj=user)
    return True


def totp_verified(*, user, ok: bool) -> None:
    audit_record(actor=user, action="otp.verify", obj=user, result=Result.OK if ok else Result.FAILED)


@transaction.atomic
def totp_reset(*, actor, user_id: int) -> None:
    """The security administrator removes a user's lost authenticator; they enrol again."""
    if Role.SECURITY_ADMIN not in user_scope(actor).roles:
        raise PermissionDenied(_("Only the security administrator can reset a second factor."))
    user = lock(actor, User, user_id, action=Action.VIEW)
    TOTPDevice.objects.filter(user=user).delete()
    audit_record(actor=actor, action="otp.reset", obj=user)

"""The accounts app's declarations for the route sweeps (tests/routes.py)."""

from concentric.accounts.models import RoleAssignment, User
from concentric.core.roles import Role
from concentric.core.scoping import Action
from tests.routes import Spec, self_service


def _account(unit, key):
    obj = User.objects.create(
        username=f"mx_{key.lower()}", full_name=f"矩阵{key}用户", org_unit=unit, must_change_password=False
    )
    return obj, obj.username


def _role_assignment(unit, key):
    holder = User.objects.create(
        username=f"mxra_{key.lower()}", full_name=f"矩阵{key}角色", org_unit=unit, must_change_password=False
    )
    return RoleAssignment.objects.create(user=holder, org_unit=unit, role=Role.STAFF), holder.username


FACTORIES = {User: _account, RoleAssignment: _role_assignment}

ROUTE_SPECS = {
    "accounts:otp": self_service(),
    "accounts:password_change": self_service(),
    "api:token": self_service(api=True),
    # The page loads the account with VIEW; which role may be granted where is role_grant's rule.
    "users:grant": Spec(User, Action.VIEW),
    # The page loads the account with VIEW; only the security administrator passes totp_reset.
    "users:reset_otp": Spec(User, Action.VIEW),
}

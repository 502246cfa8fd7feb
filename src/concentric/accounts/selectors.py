"""Reads of accounts for other apps and the shell."""

from concentric.accounts.models import RoleAssignment, User
from concentric.core.scoping import Action, can


def role_assignments_of(user):
    """The user's own roles with their units, in tree order (the home page)."""
    return RoleAssignment.objects.filter(user=user).select_related("org_unit").order_by("org_unit__path", "role")


def active_user(username: str) -> User | None:
    """An active account by username (command-line tools act as a named user)."""
    return User.objects.filter(username=username, is_active=True).first()


def accounts_on_unit(actor, unit) -> int | None:
    """How many accounts belong to ``unit`` (not its sub-units); None when ``actor`` may not see them."""
    if not can(actor, Action.VIEW, User, unit):
        return None
    return User.objects.visible_to(actor, Action.VIEW).filter(org_unit=unit).count()

"""The one scoping primitive: ``Model.objects.visible_to(user, action)``.

Every scoped model declares ``scope = ScopePolicy(...)``: which roles grant which action, and
the field that names the owning org unit (``"self"`` for the org unit itself, ``None`` for
records that belong to no unit, which any assignment of a granting role sees whole). A role
held on a unit covers that unit and all its descendants. Records may also be shared with
further units through ``share_field`` (a many-to-many to OrgUnit). A model without a policy,
an anonymous or inactive user, or an action no role grants, yields nothing: fail closed.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from django.db import models
from django.db.models import Q


class Action(StrEnum):
    VIEW = "view"
    ADD = "add"
    CHANGE = "change"
    DELETE = "delete"
    EXPORT = "export"
    UNMASK = "unmask"


@dataclass(frozen=True)
class ScopePolicy:
    grants: dict[Action, frozenset[str]]
    unit_field: str | None = "org_unit"
    share_field: str | None = None

    def roles_for(self, action: Action) -> frozenset[str]:
        return self.grants.get(Action(action), frozenset())


@dataclass
class UserScope:
    """A user's role assignments as (role, unit path) pairs, computed once per user object."""

    assignments: list[tuple[str, int, str]] = field(default_factory=list)  # (role, unit id, unit path)

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(role for role, _, _ in self.assignments)

    def paths(self, roles: Iterable[str]) -> list[str]:
        wanted = set(roles)
        paths = sorted({path for role, _, path in self.assignments if role in wanted})
        # Drop paths inside another path: the outer subtree covers them.
        return [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]

    def covers(self, roles: Iterable[str], unit) -> bool:
        return unit is not None and any(unit.path.startswith(p) for p in self.paths(roles))


def user_scope(user) -> UserScope:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return UserScope()
    cached = getattr(user, "_concentric_scope", None)
    if cached is None:
        rows = user.role_assignments.filter(org_unit__is_active=True).values_list(
            "role", "org_unit_id", "org_unit__path"
        )
        cached = UserScope(assignments=list(rows))
        user._concentric_scope = cached
    return cached


def forget_scope(user) -> None:
    """Drop the cached scope after the user's roles changed within this request."""
    if user is not None and hasattr(user, "_concentric_scope"):
        del user._concentric_scope


def policy_of(model) -> ScopePolicy | None:
    return getattr(model, "scope", None)


def subtree_units(paths: list[str]):
    """A lazy queryset of the ids of the units under any of ``paths`` (one subquery, no list)."""
    from concentric.org.models import OrgUnit

    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return OrgUnit.objects.filter(condition).values("id")


def can(user, action: Action, model, unit=None) -> bool:
    """Whether ``user`` may do ``action`` on ``model`` records owned by ``unit`` (any unit if None)."""
    policy = policy_of(model)
    if policy is None:
        return False
    scope = user_scope(user)
    roles = policy.roles_for(action)
    if unit is None or policy.unit_field is None:
        return bool(scope.roles & roles)
    return scope.covers(roles, unit)


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user, action: Action = Action.VIEW):
        policy = policy_of(self.model)
        if policy is None:
            return self.none()
        paths = user_scope(user).paths(policy.roles_for(action))
        if not paths:
            return self.none()
        if policy.unit_field is None:
            return self
        units = subtree_units(paths)
        owner = "pk" if policy.unit_field == "self" else policy.unit_field
        condition = Q(**{f"{owner}__in": units})
        if policy.share_field:
            shared = self.model.objects.filter(**{f"{policy.share_field}__in": subtree_units(paths)}).values("pk")
            condition |= Q(pk__in=shared)
        return self.filter(condition)


ScopedManager = models.Manager.from_queryset(ScopedQuerySet)

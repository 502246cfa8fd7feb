"""The one scoping primitive: ``Model.objects.visible_to(user, action)``.

Every scoped model declares ``scope = ScopePolicy(...)``: which roles grant which action, and
the field that names the owning org unit (``"self"`` for the org unit itself, ``None`` for
records that belong to no unit, which any assignment of a granting role sees whole). A role
held on a unit covers that unit and all its descendants. Records may also be shared with
further units through ``share_field`` (a many-to-many to OrgUnit) for the ``shared_actions``
only (seeing and exporting, by default: a co-organiser sees and counts an activity but does not
change it; the owning unit does). Records may also be open to the units below their owner
for the ``upward_actions`` (a subdistrict's venue, which its communities see and book). A model
without a policy,
an anonymous or inactive user, or an action no role grants, yields nothing: fail closed.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from django.db import models
from django.db.models import Q


class Action(StrEnum):
    VIEW = "view"
    ADD = "add"
    CHANGE = "change"
    DELETE = "delete"
    EXPORT = "export"
    UNMASK = "unmask"


METHOD_ACTIONS = {  # what an HTTP method asks of the records it touches
    "GET": Action.VIEW,
    "HEAD": Action.VIEW,
    "POST": Action.ADD,
    "PUT": Action.CHANGE,
    "PATCH": Action.CHANGE,
    "DELETE": Action.DELETE,
}


def action_for_method(method: str) -> Action:
    """The scoping action an HTTP method asks for; unknown methods ask for the strictest."""
    return METHOD_ACTIONS.get(method.upper(), Action.DELETE)


@dataclass(frozen=True)
class ScopePolicy:
    grants: dict[Action, frozenset[str]]
    unit_field: str | None = "org_unit"
    share_field: str | None = None
    shared_actions: frozenset[Action] = frozenset({Action.VIEW, Action.EXPORT})
    upward_actions: frozenset[Action] = frozenset()

    def roles_for(self, action: Action) -> frozenset[str]:
        return self.grants.get(Action(action), frozenset())


class Assignment(NamedTuple):
    """A role held on an active unit, with what pages show of the unit."""

    role: str
    unit_id: int
    path: str
    unit_name: str
    unit_code: str


@dataclass
class UserScope:
    """A user's role assignments, computed once per user object."""

    assignments: list[Assignment] = field(default_factory=list)

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(assignment.role for assignment in self.assignments)

    def paths(self, roles: Iterable[str]) -> list[str]:
        wanted = set(roles)
        paths = sorted({assignment.path for assignment in self.assignments if assignment.role in wanted})
        # Drop paths inside another path: the outer subtree covers them.
        return [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]

    def covers(self, roles: Iterable[str], unit) -> bool:
        return unit is not None and any(unit.path.startswith(p) for p in self.paths(roles))


# Where a user's role assignments come from: installed by the accounts app, which owns them.
_assignments_of: Callable[[object], list[tuple]] | None = None


def install_assignment_source(source: Callable[[object], list[tuple]]) -> None:
    """``source(user)`` answers the user's (role, unit id, path, unit name, unit code) on active units."""
    global _assignments_of
    _assignments_of = source


def user_scope(user) -> UserScope:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return UserScope()
    cached = getattr(user, "_concentric_scope", None)
    if cached is None:
        if _assignments_of is None:
            raise RuntimeError("no role assignment source is installed (is the accounts app in INSTALLED_APPS?)")
        cached = UserScope(assignments=[Assignment(*row) for row in _assignments_of(user)])
        user._concentric_scope = cached
    return cached


def forget_scope(user) -> None:
    """Drop the cached scope after the user's roles changed within this request."""
    if user is not None and hasattr(user, "_concentric_scope"):
        del user._concentric_scope


def policy_of(model) -> ScopePolicy | None:
    return getattr(model, "scope", None)


def ancestor_ids(paths: list[str]) -> set[int]:
    """The ids of the units above the units at ``paths`` ("/1/4/9/" lies under 1 and 4)."""
    return {int(part) for path in paths for part in path.strip("/").split("/")[:-1]}


def under(paths: list[str]) -> Q:
    """Org units whose path lies under any of ``paths`` (each unit's own path included)."""
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def unit_model_of(model):
    """The org-unit model a scoped model belongs to, found through its policy's unit field
    (``"self"``: the model is the unit; ``"person__org_unit"``: through the person)."""
    policy = policy_of(model)
    if policy is None or policy.unit_field is None:
        raise ValueError(f"{model.__name__} does not belong to a unit")
    if policy.unit_field == "self":
        return model
    for name in policy.unit_field.split("__"):
        model = model._meta.get_field(name).related_model
    return model


def subtree_units(unit_model, paths: list[str]):
    """A lazy queryset of the ids of the units under any of ``paths`` (one subquery, no list)."""
    return unit_model._default_manager.filter(under(paths)).values("id")


def can(user, action: Action, model, unit=None) -> bool:
    """Whether ``user`` may do ``action`` on ``model`` records owned by ``unit`` (any unit if None)."""
    policy = policy_of(model)
    if policy is None:
        return False
    scope = user_scope(user)
    if unit is None or policy.unit_field is None:
        return grants(scope.roles, action, model)
    roles = policy.roles_for(action)
    if action in policy.upward_actions and unit.pk in ancestor_ids(scope.paths(roles)):
        return True
    return scope.covers(roles, unit)


def grants(roles: frozenset[str], action: Action, model) -> bool:
    """Whether holding ``roles`` allows ``action`` on some ``model`` records (fail closed)."""
    policy = policy_of(model)
    return policy is not None and bool(roles & policy.roles_for(action))


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
        upward = action in policy.upward_actions
        if policy.unit_field == "self" and not policy.share_field and not upward:
            return self.filter(under(paths))  # the units themselves: no subquery of their ids
        units = subtree_units(unit_model_of(self.model), paths)
        owner = "pk" if policy.unit_field == "self" else policy.unit_field
        condition = Q(**{f"{owner}__in": units})
        if upward:
            condition |= Q(**{f"{owner}__in": ancestor_ids(paths)})
        if policy.share_field and action in policy.shared_actions:
            shared = self.model.objects.filter(**{f"{policy.share_field}__in": units}).values("pk")
            condition |= Q(pk__in=shared)
        return self.filter(condition)


ScopedManager = models.Manager.from_queryset(ScopedQuerySet)

"""The scope policies most records share (core.scoping.ScopePolicy), so that a model states its
rule in one line and the same rule reads the same everywhere."""

from concentric.core.roles import BUSINESS_ROLES, Role
from concentric.core.scoping import Action, ScopePolicy

WRITERS = frozenset({Role.UNIT_ADMIN, Role.STAFF})
UNIT_ADMINS = frozenset({Role.UNIT_ADMIN})
DICTIONARY_EDITORS = frozenset({Role.UNIT_ADMIN, Role.SYSTEM_ADMIN})


def unit_records(
    unit_field: str = "org_unit",
    *,
    share_field: str | None = None,
    upward_actions: frozenset[Action] = frozenset(),
    overrides: dict[Action, frozenset] | None = None,
) -> ScopePolicy:
    """Business records of a unit: every business role sees and exports them, staff and unit
    administrators write them, unit administrators unmask them. ``overrides`` gives an action
    other roles (an empty set: nobody), e.g. approving hours to unit administrators only."""
    grants = {
        Action.VIEW: BUSINESS_ROLES,
        Action.EXPORT: BUSINESS_ROLES,
        Action.ADD: WRITERS,
        Action.CHANGE: WRITERS,
        Action.DELETE: WRITERS,
        Action.UNMASK: UNIT_ADMINS,
    }
    grants.update(overrides or {})
    return ScopePolicy(
        unit_field=unit_field,
        share_field=share_field,
        upward_actions=upward_actions,
        grants={action: roles for action, roles in grants.items() if roles},
    )


def dictionary() -> ScopePolicy:
    """A dictionary of the whole system (member categories, activity types, room functions):
    every business role reads it; unit and system administrators keep it (and read what they keep)."""
    return ScopePolicy(
        unit_field=None,
        grants={
            Action.VIEW: BUSINESS_ROLES | DICTIONARY_EDITORS,
            Action.ADD: DICTIONARY_EDITORS,
            Action.CHANGE: DICTIONARY_EDITORS,
            Action.DELETE: DICTIONARY_EDITORS,
        },
    )

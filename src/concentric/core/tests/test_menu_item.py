"""Who sees a menu entry: holders of a right on its model, everybody without one, or the roles it names."""

from concentric.core.registry import MenuItem
from concentric.core.roles import BUSINESS_ROLES, Role


def test_an_entry_of_no_model_naming_roles_shows_to_them_only():
    dashboard = MenuItem("workbench", "驾驶舱", "dashboard:index", "speedometer2", roles=BUSINESS_ROLES)
    assert dashboard.visible(frozenset({Role.STAFF}))
    assert dashboard.visible(frozenset({Role.LEADER, Role.SYSTEM_ADMIN}))
    assert not dashboard.visible(frozenset({Role.SYSTEM_ADMIN}))
    assert not dashboard.visible(frozenset())
    assert MenuItem("workbench", "首页", "home", "house").visible(frozenset())

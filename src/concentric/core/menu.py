"""The left menu, grouped by line of work. Each entry shows only to users who may see its
records (the same scoping primitive as the pages themselves)."""

from dataclasses import dataclass, field
from functools import lru_cache

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    icon: str
    visible: object  # callable(roles) -> bool: whether holders of these roles see the entry
    # Other pages of this entry (a review page under its list); pages of an app that name no
    # entry mark the app's first entry.
    also: tuple[str, ...] = ()


@dataclass
class MenuGroup:
    label: str
    items: list[MenuItem] = field(default_factory=list)


def _can(model_path: str, action_name: str = "VIEW"):
    def check(roles):
        from django.apps import apps

        from concentric.core.scoping import Action, grants

        return grants(roles, Action[action_name], apps.get_model(model_path))

    return check


def _groups() -> list[MenuGroup]:
    return [
        MenuGroup(_("Workbench"), [MenuItem(_("Home"), "home", "house", lambda roles: True)]),
        MenuGroup(
            _("United-front members"),
            [
                MenuItem(_("Members"), "people:list", "person-vcard", _can("people.Person")),
                MenuItem(_("Path board"), "people:board", "kanban", _can("people.Person")),
                MenuItem(_("Suspected duplicates"), "people:duplicates", "people", _can("people.DuplicateCase", "CHANGE"),
                         also=("people:duplicate",)),
                MenuItem(_("Member categories"), "people:categories", "tags", _can("people.Category"),
                         also=("people:category_create", "people:category_edit")),
            ],
        ),
        MenuGroup(
            _("System"),
            [
                MenuItem(_("Organisation"), "org:list", "diagram-3", _can("org.OrgUnit")),
                MenuItem(_("Users"), "users:list", "people", _can("accounts.User")),
                MenuItem(_("Audit log"), "audit:list", "journal-text", _can("audit.AuditEvent")),
            ],
        ),
    ]


def menu_for(request) -> list[dict]:
    """The menu for the signed-in user on the current page. What an entry shows depends only
    on the user's roles, the language and the page, so it is built once per combination."""
    from concentric.core.scoping import user_scope

    current = request.resolver_match.view_name if request.resolver_match else ""
    return _menu(user_scope(request.user).roles, get_language(), current)


@lru_cache(maxsize=512)
def _menu(roles: frozenset[str], language: str, current: str) -> list[dict]:
    menu = []
    groups = _groups()
    active = _active_entry(groups, current)
    for group in groups:
        items = [
            {"label": str(item.label), "url": reverse(item.url_name), "icon": item.icon, "active": item is active}
            for item in group.items
            if item.visible(roles)
        ]
        if items:
            menu.append({"label": str(group.label), "items": items})
    return menu


def _active_entry(groups: list[MenuGroup], current: str) -> MenuItem | None:
    """The one entry to mark for the page ``current`` (a view name)."""
    items = [item for group in groups for item in group.items]
    named = next((item for item in items if current == item.url_name or current in item.also), None)
    if named is not None:
        return named
    app = current.split(":")[0]
    return next((item for item in items if item.url_name != "home" and item.url_name.split(":")[0] == app), None)

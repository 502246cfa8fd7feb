"""The left menu, grouped by line of work. Each entry shows only to users who may see its
records (the same scoping primitive as the pages themselves)."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    icon: str
    visible: object  # callable(user) -> bool


@dataclass
class MenuGroup:
    label: str
    items: list[MenuItem] = field(default_factory=list)


def _can_view(model_path: str):
    def check(user):
        from django.apps import apps

        from concentric.core.scoping import Action, can

        return can(user, Action.VIEW, apps.get_model(model_path))

    return check


def _can(model_path: str, action_name: str):
    def check(user):
        from django.apps import apps

        from concentric.core.scoping import Action, can

        return can(user, Action[action_name], apps.get_model(model_path))

    return check


def _groups() -> list[MenuGroup]:
    return [
        MenuGroup(_("Workbench"), [MenuItem(_("Home"), "home", "house", lambda user: True)]),
        MenuGroup(
            _("United-front members"),
            [
                MenuItem(_("Members"), "people:list", "person-vcard", _can_view("people.Person")),
                MenuItem(_("Path board"), "people:board", "kanban", _can_view("people.Person")),
                MenuItem(_("Suspected duplicates"), "people:duplicates", "people", _can("people.DuplicateCase", "CHANGE")),
                MenuItem(_("Member categories"), "people:categories", "tags", _can("people.Category", "CHANGE")),
            ],
        ),
        MenuGroup(
            _("System"),
            [
                MenuItem(_("Organisation"), "org:list", "diagram-3", _can_view("org.OrgUnit")),
                MenuItem(_("Users"), "users:list", "people", _can_view("accounts.User")),
                MenuItem(_("Audit log"), "audit:list", "journal-text", _can_view("audit.AuditEvent")),
            ],
        ),
    ]


def menu_for(request) -> list[dict]:
    user = request.user
    current = request.resolver_match.view_name if request.resolver_match else ""
    menu = []
    groups = _groups()
    # A page that is itself a menu entry marks only that entry; other pages mark their app's entries.
    exact = any(current == item.url_name for group in groups for item in group.items)
    for group in groups:
        items = [
            {
                "label": item.label,
                "url": reverse(item.url_name),
                "icon": item.icon,
                "active": current == item.url_name
                or (not exact and current.split(":")[0] == item.url_name.split(":")[0] != "home"),
            }
            for item in group.items
            if item.visible(user)
        ]
        if items:
            menu.append({"label": group.label, "items": items})
    return menu
